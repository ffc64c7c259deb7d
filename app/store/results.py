"""The latest result of every check per repository, with a history row whenever a status changes.

Written by the scan and by the check runs that refresh a repository's dependency result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.base import utcnow
from app.store.models import CheckResultHistory, CheckResultRow
from checks.model import CheckResult, Finding, Fix


def result_details(result: CheckResult) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    def finding(f: Finding) -> dict[str, Any]:
        stored = plain(asdict(f))
        if isinstance(f.fix, Fix):  # the proposed file is recomputed each scan: store what, not the text
            stored["fix"] = {"path": f.fix.path, "create": f.fix.create, "title": f.fix.title}
        return dict(stored)

    return {"findings": [finding(f) for f in result.findings], "data": plain(result.data)}


def store_results(
    session: Session,
    repository_id: int,
    commit_sha: str | None,
    results: Mapping[str, CheckResult],
    config_errors: list[str] | tuple[str, ...] = (),
    settings: Mapping[str, list[dict[str, Any]]] | None = None,
) -> None:
    """Latest result per check (plus history on a status change). Configuration problems go into every
    result's details as `config_errors`: each result was computed with the defaults in their place."""
    now = utcnow()
    existing = {
        row.check_id: row
        for row in session.scalars(
            select(CheckResultRow).where(CheckResultRow.repository_id == repository_id)
        )
    }
    for check_id, result in results.items():
        row = existing.get(check_id)
        status = str(result.status)
        if row is None or row.status != status:
            session.add(
                CheckResultHistory(
                    repository_id=repository_id,
                    check_id=check_id,
                    status=status,
                    summary=result.summary,
                    commit_sha=commit_sha,
                    scanned_at=now,
                )
            )
        if row is None:
            row = CheckResultRow(repository_id=repository_id, check_id=check_id)
            session.add(row)
        row.status = status
        row.summary = result.summary
        row.details = result_details(result)
        if config_errors:
            row.details["config_errors"] = list(config_errors)
        if settings and check_id in settings:
            row.details["settings"] = settings[check_id]  # each setting in force and the file deciding it
        row.commit_sha = commit_sha
        row.scanned_at = now
