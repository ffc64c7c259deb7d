"""Links to the check run the app filed for a repository's stored `dependency-advisories` result:
the newest run recorded in `checkrun_runs` on the result's commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.checkruns.store import CheckRunRecord
from app.dashboard.names import ADVISORY_CHECK
from app.store.models import CheckResultRow, Repository


def advisory_run_urls(db: Session, repository_ids: Any) -> dict[int, str]:
    """repository id -> URL of the check run behind its stored advisory result (ids as a list or a SELECT)."""
    query = (
        select(Repository.id, Repository.html_url, func.max(CheckRunRecord.check_run_id))
        .join(
            CheckResultRow,
            and_(CheckResultRow.repository_id == Repository.id, CheckResultRow.check_id == ADVISORY_CHECK),
        )
        .join(
            CheckRunRecord,
            and_(
                CheckRunRecord.repository_id == Repository.id,
                CheckRunRecord.head_sha == CheckResultRow.commit_sha,
            ),
        )
        .where(Repository.id.in_(repository_ids))
        .group_by(Repository.id, Repository.html_url)
    )
    return {
        repo_id: f"{html_url}/runs/{run_id}" for repo_id, html_url, run_id in db.execute(query) if html_url
    }
