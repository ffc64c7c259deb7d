"""Dependencies that match known advisories (pure: the inventory and the matcher come in, a result out).

Reads every lockfile and manifest of the snapshot (`checks.lockfiles`), matches the pinned versions
against `ctx.advisories`, and fails when a finding reaches `dependencies.fail_on` (default high).
`data["packages"]` lists every pinned (ecosystem, name, version) seen, with the name normalised as the
advisory index keys it (PEP 503 for PyPI, lower case for Packagist/NuGet), so that a new advisory
(`advisories.changed` carries the same normalised pairs) finds the repositories it affects without
re-reading them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from checks import lockfiles
from checks.advisories.osv import normalise_name
from checks.model import (
    AdvisoryFinding,
    CheckContext,
    CheckResult,
    Finding,
    Location,
    Severity,
    Snapshot,
    Status,
)

ID = "dependency-advisories"
TITLE = "Dependencies without known advisories"
NEEDS = lockfiles.needs()

SEVERITIES = tuple(s.value for s in Severity)  # worst first
DEFAULT_FAIL_ON = "high"


def reaches(severity: str, fail_on: str) -> bool:
    """True when `severity` is at or above `fail_on` (unknown severities never reach a threshold)."""
    return Severity.parse(severity).reaches(Severity.parse(fail_on))


def finding_data(found: AdvisoryFinding) -> dict[str, Any]:
    return {
        "advisory_id": found.advisory_id,
        "aliases": list(found.aliases),
        "summary": found.summary,
        "severity": found.severity,
        "severity_source": found.severity_source,
        "cvss_score": found.cvss_score,
        "ecosystem": found.ecosystem,
        "package": found.package,
        "version": found.version,
        "fixed_versions": list(found.fixed_versions),
        "file": found.file,
        "line": found.line,
        "direct": found.direct,
        "url": found.url,
    }


def _message(found: AdvisoryFinding) -> str:
    fix = f"fixed in {', '.join(found.fixed_versions)}" if found.fixed_versions else "no fix available"
    return f"{found.package} {found.version}: {found.advisory_id} ({found.severity}) {found.summary} - {fix}"


def _ignore_rule(config: Any, found: AdvisoryFinding, today: date) -> Any:
    ignored = getattr(config, "ignored", None)
    return ignored([found.advisory_id, *found.aliases], today) if callable(ignored) else None


def run(snapshot: Snapshot, ctx: CheckContext) -> CheckResult:
    config = getattr(ctx.config, "dependencies", None)
    fail_on = str(getattr(config, "fail_on", DEFAULT_FAIL_ON))
    inventory = lockfiles.parse_all(
        snapshot.files,
        skip_paths=tuple(getattr(config, "skip_paths", ())),
        include_fixtures=bool(getattr(config, "include_fixtures", False)),
    )
    pinned = [d for d in inventory.dependencies if d.version is not None]
    data: dict[str, Any] = {
        "fail_on": fail_on,
        "files": [
            {"path": f.path, "format": f.format, "count": f.count, "error": f.error} for f in inventory.files
        ],
        "unreadable": inventory.errors,
        "skipped": dict(inventory.skipped),
        "dependencies": len(inventory.dependencies),
        "unpinned": len(inventory.dependencies) - len(pinned),
        "packages": [
            list(p)
            for p in sorted(
                {(d.ecosystem, normalise_name(d.ecosystem, d.name), d.version or "") for d in pinned}
            )
        ],
    }
    if not inventory.files:
        summary = "no dependency files"
        if inventory.skipped:
            summary += f" ({len(inventory.skipped)} skipped: fixtures, vendored or installed packages)"
        return CheckResult(ID, Status.NOT_APPLICABLE, summary, data=data)
    if ctx.advisories is None:
        return CheckResult(
            ID, Status.ERROR, "advisory database not loaded: dependencies were not checked", data=data
        )
    readable = [f for f in inventory.files if f.error is None]
    if not readable:
        return CheckResult(
            ID, Status.ERROR, f"could not read any of {len(inventory.files)} dependency files", data=data
        )

    today = ctx.now.date()
    findings, ignored, counts = [], [], Counter[str]()
    for found in ctx.advisories.match(pinned):
        rule = _ignore_rule(config, found, today)
        if rule is not None:
            ignored.append(
                {
                    **finding_data(found),
                    "ignored_by": getattr(rule, "id", ""),
                    "reason": getattr(rule, "reason", ""),
                }
            )
            continue
        counts[found.severity] += 1
        blocking = reaches(found.severity, fail_on)
        fix = found.fixed_versions
        findings.append(
            Finding(
                check_id=ID,
                status=Status.FAIL if blocking else Status.PASS,
                message=_message(found),
                location=Location(found.file, found.line),
                remediation=f"upgrade {found.package} to {fix[0]} or later"
                if fix
                else "no fixed version yet: consider replacing it",
                code=found.advisory_id,
                data=finding_data(found),
            )
        )
    data.update(counts={s: counts[s] for s in SEVERITIES if counts[s]}, ignored=ignored)
    blocking_count = sum(1 for f in findings if f.status is Status.FAIL)
    scanned = f"{len(pinned)} dependencies in {len(readable)} files"
    if data["unpinned"]:
        scanned += f", {data['unpinned']} unpinned and not checked"
    if inventory.errors:
        scanned += f", {len(inventory.errors)} unreadable"
    if blocking_count:
        status, summary = Status.FAIL, f"{blocking_count} advisories at or above {fail_on} in {scanned}"
    elif findings:
        status, summary = Status.PASS, f"{len(findings)} advisories below {fail_on} in {scanned}"
    else:
        status, summary = Status.PASS, f"no known advisories in {scanned}"
    return CheckResult(ID, status, summary, findings=tuple(findings), data=data)
