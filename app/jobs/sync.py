"""The `sync_installations` job: make the store match GitHub when webhooks were missed.

GitHub does not redeliver failed deliveries, and a fresh database knows nothing of installations
made before it existed. This lists the App's installations (App JWT) and each active one's
repositories (installation token), upserts them, marks what disappeared, and queues a scan for
every repository never scanned (or all of them with `{"rescan": true}`). Queued at process start.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, TypeVar

from githubkit import GitHub
from githubkit.compat import GitHubModel
from githubkit.exception import GitHubException
from sqlalchemy import select

from app.github.errors import translate
from app.jobs.context import JobContext, Services
from app.jobs.queue import enqueue
from app.jobs.registry import job_handler
from app.jobs.scans import enqueue_scans
from app.store.base import utcnow
from app.store.models import Installation, Repository
from app.store.sync import mark_removed, upsert_installation, upsert_repository

log = logging.getLogger(__name__)

PER_PAGE = 100
MAX_ITEMS = 100 * PER_PAGE  # a bound on a listing, whatever the Link headers say

M = TypeVar("M", bound=GitHubModel)


async def _listed(items: AsyncIterator[M]) -> list[dict[str, Any]]:
    """Every item of a paginated listing (at most MAX_ITEMS), as the store's upserts read payloads."""
    listed: list[dict[str, Any]] = []
    try:
        async for item in items:
            listed.append(item.model_dump(mode="json", by_alias=True, exclude_unset=True))
            if len(listed) >= MAX_ITEMS:
                break
    except GitHubException as exc:
        raise translate(exc) from exc
    return listed


async def _installations(gh: GitHub[Any]) -> list[dict[str, Any]]:
    return await _listed(gh.rest.paginate(gh.rest.apps.async_list_installations, per_page=PER_PAGE))


async def _repositories(gh: GitHub[Any]) -> list[dict[str, Any]]:
    return await _listed(
        gh.rest.paginate(
            gh.rest.apps.async_list_repos_accessible_to_installation,
            map_func=lambda response: response.parsed_data.repositories,
            per_page=PER_PAGE,
        )
    )


@job_handler("sync_installations")
async def sync_installations(ctx: JobContext, payload: dict[str, Any]) -> None:
    rescan_all = bool(payload.get("rescan"))
    async with ctx.services.github.app_client() as app_gh:
        installations = await _installations(app_gh)
    live = {int(i["id"]) for i in installations}
    with ctx.session() as session, session.begin():
        for gone in session.scalars(select(Installation).where(Installation.deleted_at.is_(None))):
            if gone.id not in live:
                gone.deleted_at = utcnow()
                ids = list(
                    session.scalars(select(Repository.id).where(Repository.installation_id == gone.id))
                )
                mark_removed(session, ids, "uninstalled")
    for data in installations:
        inst_id = int(data["id"])
        with ctx.session() as session, session.begin():
            installation = upsert_installation(session, data)
            installation.deleted_at = None
            installation.suspended_at = utcnow() if data.get("suspended_at") else None
            owner = installation.account_login
        if data.get("suspended_at"):
            continue
        async with ctx.services.github.installation(inst_id) as gh:
            repos = await _repositories(gh)
        with ctx.session() as session, session.begin():
            listed = {int(r["id"]) for r in repos}
            to_scan = [
                row.id
                for row in (upsert_repository(session, inst_id, r, owner) for r in repos)
                if rescan_all or row.last_scanned_at is None
            ]
            stale = session.scalars(
                select(Repository.id).where(
                    Repository.installation_id == inst_id, Repository.removed_reason.is_(None)
                )
            )
            mark_removed(session, [rid for rid in stale if rid not in listed], "removed")
        enqueue_scans(ctx, to_scan, inst_id, "sync")
        log.info(
            "installation %s: %d repositories, %d queued for scanning", inst_id, len(repos), len(to_scan)
        )


def schedule_sync(services: Services, *, rescan: bool = False) -> None:
    """Queue one sync (deduplicated with a sync already waiting)."""
    with services.sessions() as session, session.begin():
        enqueue(session, "sync_installations", {"rescan": rescan}, dedupe_key="sync_installations")
