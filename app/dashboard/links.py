"""Links to the check run the app filed for a repository's stored `dependency-advisories` result.

The check-run workstream records runs in `checkrun_runs` (repository_id, head_sha, check_run_id); the
run of the stored result is the newest one on the result's commit. The table is read through a
lightweight `table()` so the dashboard works (without these links) where that table does not exist.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Integer, String, and_, column, func, inspect, select, table
from sqlalchemy.orm import Session

from app.dashboard.names import ADVISORY_CHECK
from app.store.models import CheckResultRow, Repository

CHECK_RUNS = table(
    "checkrun_runs",
    column("id", Integer),
    column("repository_id", BigInteger),
    column("head_sha", String),
    column("check_run_id", BigInteger),
)
_seen_on: set[str] = set()  # database URLs known to have the table (it never disappears at run time)


def _has_check_runs(db: Session) -> bool:
    bind = db.get_bind()
    key = str(getattr(bind, "url", bind))
    if key in _seen_on:
        return True
    if inspect(bind).has_table(CHECK_RUNS.name):
        _seen_on.add(key)
        return True
    return False


def advisory_run_urls(db: Session, repository_ids: Any) -> dict[int, str]:
    """repository id -> URL of the check run behind its stored advisory result (ids as a list or a SELECT)."""
    if not _has_check_runs(db):
        return {}
    query = (
        select(Repository.id, Repository.html_url, func.max(CHECK_RUNS.c.check_run_id))
        .join(
            CheckResultRow,
            and_(CheckResultRow.repository_id == Repository.id, CheckResultRow.check_id == ADVISORY_CHECK),
        )
        .join(
            CHECK_RUNS,
            and_(
                CHECK_RUNS.c.repository_id == Repository.id,
                CHECK_RUNS.c.head_sha == CheckResultRow.commit_sha,
            ),
        )
        .where(Repository.id.in_(repository_ids))
        .group_by(Repository.id, Repository.html_url)
    )
    return {
        repo_id: f"{html_url}/runs/{run_id}" for repo_id, html_url, run_id in db.execute(query) if html_url
    }
