"""Links the dashboard shows: the check run the app filed for a repository's stored
`dependency-advisories` result (the newest run recorded in `checkrun_runs` on the result's commit), and
an advisory id's page at its source.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

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


_ADVISORY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")
_ADVISORY_SOURCES = (
    ("GHSA-", "https://github.com/advisories/"),
    ("CVE-", "https://nvd.nist.gov/vuln/detail/"),
    ("PYSEC-", "https://osv.dev/vulnerability/"),
    ("GO-", "https://osv.dev/vulnerability/"),
    ("RUSTSEC-", "https://osv.dev/vulnerability/"),
)


def advisory_url(advisory_id: str) -> str:
    """Where an advisory id is published (GitHub for GHSA, NVD for CVE, OSV for PYSEC, GO and
    RUSTSEC); "" for an id of another kind or one that is not a plain id."""
    if not _ADVISORY_ID.fullmatch(advisory_id):
        return ""
    for prefix, base in _ADVISORY_SOURCES:
        if advisory_id.upper().startswith(prefix):
            return base + quote(advisory_id, safe="")
    return ""
