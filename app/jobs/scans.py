"""Queue scans: one repository gets its own scan job; many of one installation share bulk scan jobs.

A bulk job (`scan_repository` with `repository_ids`) reads its repositories through GraphQL batches
(`app/bulk_snapshot.py`), so an installation's first scan or a full rescan costs a few GraphQL queries
per hundred repositories and REST calls only for deep trees and large files, instead of seven or
eight REST calls per repository. It is the same job kind as a single scan, so it runs one at a time
per installation like them.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

import checks
from app.jobs.queue import SCAN_KIND, enqueue_scan
from checks.config import CONFIG_NEEDS
from checks.model import Need

if TYPE_CHECKING:
    from app.jobs.context import JobContext

BULK_SCAN_SIZE = 100  # repositories per bulk job: two GraphQL metadata queries, a bounded job


def enqueue_scans(
    ctx: JobContext,
    repo_ids: list[int],
    installation_id: int,
    reason: str,
    *,
    run_after: datetime | None = None,
) -> None:
    """Queue scans of an installation's repositories: bulk jobs for several, a single job for one
    (which starts at once; `run_after` holds back bulk jobs only)."""
    if len(repo_ids) == 1 and run_after is None:
        enqueue_scan(ctx, repo_ids[0], installation_id, reason)
        return
    for start in range(0, len(repo_ids), BULK_SCAN_SIZE):
        chunk = repo_ids[start : start + BULK_SCAN_SIZE]
        ctx.enqueue(
            SCAN_KIND,
            {"repository_ids": chunk, "reason": reason},
            dedupe_key=f"scan-bulk:{installation_id}:{_digest(chunk)}",
            installation_id=installation_id,
            run_after=run_after,
        )


def _digest(repo_ids: list[int]) -> str:
    """The same set of repositories, the same key: a waiting bulk job absorbs a repeated request."""
    return hashlib.sha256(",".join(map(str, sorted(repo_ids))).encode()).hexdigest()[:32]


def scanned_repository_ids(repository_id: int | None, payload: dict[str, Any]) -> list[int]:
    """The repositories a scan job covers: its own, or a bulk job's list."""
    listed = payload.get("repository_ids")
    if isinstance(listed, list):
        return [int(i) for i in listed]
    return [repository_id] if repository_id is not None else []


def scan_needs() -> tuple[Need, ...]:
    """Every file pattern a scan reads: the checks' needs and the configuration file."""
    return (*checks.all_needs(), *CONFIG_NEEDS)
