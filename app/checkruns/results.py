"""The stored `dependency-advisories` result of a repository, as the dashboard reads it, and which
repositories a set of changed advisories affects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.checkruns.compute import Computed
from app.checkruns.diff import at_or_above
from app.store.base import utcnow
from app.store.models import CheckResultHistory, CheckResultRow, Repository
from checks.advisories.osv import normalise_name

CHECK_ID = "dependency-advisories"


def package_key(ecosystem: str, name: str) -> tuple[str, str]:
    """Names compared as the advisory index keys them (PyPI per PEP 503, npm and Go exactly, ...)."""
    return (ecosystem, normalise_name(ecosystem, name))


def package_set(items: Iterable[Any]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, list | tuple) and len(item) >= 2 and all(isinstance(x, str) for x in item[:2]):
            out.add(package_key(item[0], item[1]))
    return out


def affected_repositories(session: Session, packages: set[tuple[str, str]]) -> list[Repository]:
    stmt = (
        select(CheckResultRow.details, Repository)
        .join(Repository, Repository.id == CheckResultRow.repository_id)
        .where(
            CheckResultRow.check_id == CHECK_ID,
            Repository.removed_reason.is_(None),
            Repository.installation_id.is_not(None),
            Repository.archived.is_(False),
        )
        .execution_options(yield_per=500)
    )
    hits = []
    for details, repo in session.execute(stmt):
        stored = package_set((details or {}).get("packages") or [])
        if stored & packages:
            hits.append(repo)
    return hits


def _finding_dict(f: Any) -> dict[str, Any]:
    return {
        "advisory_id": f.advisory_id,
        "aliases": list(f.aliases),
        "severity": f.severity,
        "package": f.package,
        "ecosystem": f.ecosystem,
        "version": f.version,
        "fixed_versions": list(f.fixed_versions),
        "file": f.file,
        "line": f.line,
        "direct": f.direct,
        "summary": f.summary,
    }


def store_result(session: Session, repository_id: int, commit_sha: str, computed: Computed) -> CheckResultRow:
    """Upsert the latest result (status fail when any non-ignored finding reaches `fail_on`) and add a
    history row when the status changes."""
    assert computed.result is not None
    findings = [t.finding for t in computed.result.findings]
    fail_on = computed.result.policy.fail_on
    status = "fail" if any(at_or_above(f.severity, fail_on) for f in findings) else "pass"
    summary = f"{len(findings)} advisory finding(s); {computed.output.title}"
    row = session.scalars(
        select(CheckResultRow).where(
            CheckResultRow.repository_id == repository_id, CheckResultRow.check_id == CHECK_ID
        )
    ).first()
    details = dict(row.details or {}) if row else {}
    details.update(
        packages=sorted({(d.ecosystem, d.name, d.version or "") for d in computed.dependencies}),
        findings=[_finding_dict(f) for f in findings],
        ignored=[i.finding.advisory_id for i in computed.result.ignored],
    )
    details["packages"] = [list(p) for p in details["packages"]]
    now = utcnow()
    if row is None:
        row = CheckResultRow(repository_id=repository_id, check_id=CHECK_ID, status=status)
        session.add(row)
        changed = True
    else:
        changed = row.status != status
    row.status, row.summary, row.details, row.commit_sha, row.scanned_at = (
        status,
        summary,
        details,
        commit_sha,
        now,
    )
    if changed:
        session.add(
            CheckResultHistory(
                repository_id=repository_id,
                check_id=CHECK_ID,
                status=status,
                summary=summary,
                commit_sha=commit_sha,
                scanned_at=now,
            )
        )
    return row
