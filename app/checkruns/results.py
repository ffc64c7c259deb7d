"""The stored `dependency-advisories` result of a repository, as the dashboard reads it, and which
repositories a set of changed advisories affects."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.checkruns.compute import Computed
from app.jobs.scan import result_details
from app.store.base import utcnow
from app.store.models import CheckResultHistory, CheckResultRow, Repository
from checks.advisories.osv import normalise_name
from checks.dependency_advisories import ID as CHECK_ID
from checks.dependency_advisories import finding_data, reaches
from checks.model import CheckResult, Finding, Location, Status


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
        stored = package_set(_stored_packages(details))
        if stored & packages:
            hits.append(repo)
    return hits


def _stored_packages(details: Any) -> list[Any]:
    """`packages` as the scan stores it (under `data`), or at the top level."""
    if not isinstance(details, dict):
        return []
    data = details.get("data")
    found = data.get("packages") if isinstance(data, dict) else None
    return list(found or details.get("packages") or [])


def check_result(computed: Computed) -> CheckResult:
    """The run's head findings as the `dependency-advisories` check reports them, so the stored result
    has the shape the scan stores (and the dashboard reads): Finding rows plus `data`."""
    assert computed.result is not None
    fail_on = computed.result.policy.fail_on
    findings = []
    for tagged in computed.result.findings:
        found = tagged.finding
        fails = reaches(found.severity, fail_on)
        fix = found.fixed_versions
        findings.append(
            Finding(
                check_id=CHECK_ID,
                status=Status.FAIL if fails else Status.PASS,
                message=f"{found.package} {found.version}: {found.advisory_id} ({found.severity}) "
                f"{found.summary}",
                location=Location(found.file, found.line),
                remediation=f"upgrade {found.package} to {fix[0]} or later"
                if fix
                else "no fixed version yet",
                code=found.advisory_id,
                data=finding_data(found),
            )
        )
    files = computed.facts.files if computed.facts else ()
    pinned = [d for d in computed.dependencies if d.version]
    counts = Counter(f.finding.severity for f in computed.result.findings)
    data: dict[str, Any] = {
        "fail_on": fail_on,
        "files": [{"path": f.path, "format": f.format, "count": f.count, "error": f.error} for f in files],
        "unreadable": {f.path: f.error for f in files if f.error},
        "skipped": dict(computed.facts.skipped) if computed.facts else {},
        "dependencies": len(computed.dependencies),
        "unpinned": len(computed.dependencies) - len(pinned),
        "packages": [list(p) for p in sorted({(d.ecosystem, d.name, d.version or "") for d in pinned})],
        "counts": dict(counts),
        "ignored": [
            {**finding_data(i.finding), "ignored_by": i.rule.id, "reason": i.rule.reason}
            for i in computed.result.ignored
        ],
        "source": "check run",
    }
    blocking = sum(1 for f in findings if f.status is Status.FAIL)
    scanned = f"{len(pinned)} dependencies in {len(files)} files"
    if blocking:
        status, summary = Status.FAIL, f"{blocking} advisories at or above {fail_on} in {scanned}"
    elif findings:
        status, summary = Status.PASS, f"{len(findings)} advisories below {fail_on} in {scanned}"
    else:
        status, summary = Status.PASS, f"no known advisories in {scanned}"
    return CheckResult(CHECK_ID, status, summary, findings=tuple(findings), data=data)


def store_result(session: Session, repository_id: int, commit_sha: str, computed: Computed) -> CheckResultRow:
    """Upsert the latest `dependency-advisories` result from a check run's head findings, with a
    history row when the status changes (as the scan does)."""
    result = check_result(computed)
    status, details = str(result.status), result_details(result)
    row = session.scalars(
        select(CheckResultRow).where(
            CheckResultRow.repository_id == repository_id, CheckResultRow.check_id == CHECK_ID
        )
    ).first()
    now = utcnow()
    if row is None or row.status != status:
        session.add(
            CheckResultHistory(
                repository_id=repository_id,
                check_id=CHECK_ID,
                status=status,
                summary=result.summary,
                commit_sha=commit_sha,
                scanned_at=now,
            )
        )
    if row is None:
        row = CheckResultRow(repository_id=repository_id, check_id=CHECK_ID)
        session.add(row)
    row.status, row.summary, row.details = status, result.summary, details
    row.commit_sha, row.scanned_at = commit_sha, now
    return row
