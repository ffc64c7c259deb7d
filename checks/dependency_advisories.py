"""Dependencies that match known advisories (pure: the inventory and the matcher come in, a result out).

Reads every lockfile and manifest of the snapshot (`checks.lockfiles`), matches the pinned versions
against `ctx.advisories`, and fails when a finding fails the policy (`DependencyConfig.fails`): by
default any advisory, rated at or above `dependencies.fail_on` (default low) or of unknown severity
(`dependencies.unknown_severity`, default fail). Each finding's status (FAIL or PASS) is that verdict;
check runs, the dashboard and `repo-hygiene check` all read it from there.

When the matcher can also give the advisories' compiled ranges (`RangeSource`: the advisory index),
the result carries one upgrade plan per affected package (`checks.advisories.remediation`):
`data["upgrades"]` lists `UpgradePlan.as_dict()`, and each finding's `data["upgrade"]` is its package's
plan message. Ignored findings are left out of the plans.

When `ctx.advisory_data` shows no advisories, or only stale ones, for an ecosystem read, the result is
an error naming the gap (`checks.advisories.coverage`), never a pass; the findings matched still count.

`data["packages"]` lists every pinned (ecosystem, name, version) seen, with the name normalised as the
advisory index keys it (PEP 503 for PyPI, lower case for Packagist/NuGet), so that a new advisory
(`advisories.changed` carries the same normalised pairs) finds the repositories it affects without
re-reading them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from checks import lockfiles
from checks.advisories.coverage import coverage_gap
from checks.advisories.osv import normalise_name
from checks.advisories.remediation import FindingRef, RangeSource, UpgradePlan, plan_upgrades
from checks.config import NO_THRESHOLD, SEVERITY_ORDER, DependencyConfig, IgnoreRule, reaches
from checks.model import (
    AdvisoryFinding,
    CheckContext,
    CheckResult,
    Dependency,
    Finding,
    Location,
    Snapshot,
    Status,
    plural,
)

ID = "dependency-advisories"
TITLE = "Dependencies without known advisories"
NEEDS = lockfiles.needs()

SEVERITIES = SEVERITY_ORDER
DEFAULT_FAIL_ON = DependencyConfig().fail_on
DEFAULT_UNKNOWN_SEVERITY = DependencyConfig().unknown_severity

__all__ = [
    "SEVERITIES",
    "finding_data",
    "inventory",
    "package_keys",
    "reaches",
    "run",
    "upgrade_plans",
    "verdict",
]


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


def rule_data(rule: IgnoreRule) -> dict[str, Any]:
    return {"id": rule.id, "until": rule.until.isoformat() if rule.until else None, "reason": rule.reason}


def _ignored_by(rule: IgnoreRule) -> dict[str, Any]:
    return {"ignored_by": rule.id, "reason": rule.reason, "until": rule_data(rule)["until"]}


def _message(found: AdvisoryFinding) -> str:
    fix = f"fixed in {', '.join(found.fixed_versions)}" if found.fixed_versions else "no fix available"
    return f"{found.package} {found.version}: {found.advisory_id} ({found.severity}) {found.summary} - {fix}"


def _remediation(found: AdvisoryFinding, plan: UpgradePlan | None) -> str:
    if plan is not None:
        return plan.message
    fix = found.fixed_versions
    return (
        f"upgrade {found.package} to {fix[0]} or later"
        if fix
        else "no fixed version yet: consider replacing it"
    )


def _advisories(count: int) -> str:
    return plural(count, "advisory", "advisories")


def verdict(findings: Iterable[Finding], config: DependencyConfig) -> str:
    """What the findings mean under the policy, e.g. "3 advisories (2 unknown severity) fail at
    fail_on=low" or "2 advisories, none failing (fail_on=critical, unknown_severity=ignore)"."""
    found = list(findings)
    failing = [f for f in found if f.status is Status.FAIL]
    if failing:
        unknown = sum(1 for f in failing if f.data.get("severity") == "unknown")
        detail = f" ({unknown} unknown severity)" if unknown else ""
        verb = "fails" if len(failing) == 1 else "fail"
        return f"{_advisories(len(failing))}{detail} {verb} at fail_on={config.fail_on}"
    if config.fail_on == NO_THRESHOLD:
        return f"{_advisories(len(found))}, none failing (fail_on=none)"
    policy = f"fail_on={config.fail_on}"
    if any(f.data.get("severity") == "unknown" for f in found):
        policy += f", unknown_severity={config.unknown_severity}"
    return f"{_advisories(len(found))}, none failing ({policy})"


def upgrade_plans(findings: Iterable[AdvisoryFinding], source: RangeSource) -> list[UpgradePlan]:
    """One plan per affected (ecosystem, package, version), from the advisories' compiled ranges."""
    refs = [FindingRef(f.ecosystem, f.package, f.version, f.advisory_id, f.aliases) for f in findings]
    return plan_upgrades(refs, source)


def inventory(snapshot: Snapshot, config: DependencyConfig) -> lockfiles.Inventory:
    """The dependency files this check reads in a snapshot (skip rules applied), parsed."""
    return lockfiles.parse_all(
        snapshot.files,
        skip_paths=config.skip_paths,
        include_fixtures=config.include_fixtures,
        parsed=snapshot.parsed,
        paths=snapshot.paths,
    )


def package_keys(dependencies: Iterable[Dependency]) -> set[tuple[str, str]]:
    """(ecosystem, name) of the pinned dependencies, the name normalised as the advisory index keys it."""
    return {(d.ecosystem, normalise_name(d.ecosystem, d.name)) for d in dependencies if d.version}


def run(snapshot: Snapshot, ctx: CheckContext) -> CheckResult:
    config = ctx.config.dependencies
    fail_on = config.fail_on
    found_files = inventory(snapshot, config)
    pinned = [d for d in found_files.dependencies if d.version is not None]
    data: dict[str, Any] = {
        "fail_on": fail_on,
        "unknown_severity": config.unknown_severity,
        "files": [
            {"path": f.path, "format": f.format, "count": f.count, "error": f.error}
            for f in found_files.files
        ],
        "unreadable": found_files.errors,
        "skipped": dict(found_files.skipped),
        "dependencies": len(found_files.dependencies),
        "unpinned": len(found_files.dependencies) - len(pinned),
        "packages": [
            list(p)
            for p in sorted(
                {(d.ecosystem, normalise_name(d.ecosystem, d.name), d.version or "") for d in pinned}
            )
        ],
    }
    if not found_files.files:
        summary = "no dependency files"
        if found_files.skipped:
            summary += f" ({len(found_files.skipped)} skipped: fixtures, vendored or installed packages)"
        return CheckResult(ID, Status.NOT_APPLICABLE, summary, data=data)
    if ctx.advisories is None:
        return CheckResult(
            ID, Status.ERROR, "advisory database not loaded: dependencies were not checked", data=data
        )
    readable = [f for f in found_files.files if f.error is None]
    if not readable:
        return CheckResult(
            ID, Status.ERROR, f"could not read any of {len(found_files.files)} dependency files", data=data
        )

    today = ctx.now.date()
    kept: list[AdvisoryFinding] = []
    ignored: list[dict[str, Any]] = []
    expired: dict[IgnoreRule, None] = {}
    counts = Counter[str]()
    for found in ctx.advisories.match(pinned):
        rule, lapsed = config.ignore_rules([found.advisory_id, *found.aliases], today)
        expired.update(dict.fromkeys(lapsed))
        if rule is not None:
            ignored.append({**finding_data(found), **_ignored_by(rule)})
            continue
        counts[found.severity] += 1
        kept.append(found)
    source = ctx.advisories if isinstance(ctx.advisories, RangeSource) else None
    plans = upgrade_plans(kept, source) if source is not None and kept else []
    by_package = {(p.ecosystem, p.package, p.version): p for p in plans}
    findings: list[Finding] = []
    for found in kept:
        plan = by_package.get((found.ecosystem, found.package, found.version))
        findings.append(
            Finding(
                check_id=ID,
                status=Status.FAIL if config.fails(found.severity) else Status.PASS,
                message=_message(found),
                location=Location(found.file, found.line),
                remediation=_remediation(found, plan),
                code=found.advisory_id,
                data={**finding_data(found), **({"upgrade": plan.message} if plan else {})},
            )
        )
    if source is not None:
        data["upgrades"] = [plan.as_dict() for plan in plans]
    data.update(
        counts={s: counts[s] for s in SEVERITIES if counts[s]},
        ignored=ignored,
        expired_ignores=[rule_data(r) for r in expired],
    )
    blocking_count = sum(1 for f in findings if f.status is Status.FAIL)
    scanned = (
        f"{plural(len(pinned), 'dependency', 'dependencies')} in {plural(len(readable), 'file', 'files')}"
    )
    if data["unpinned"]:
        scanned += f", {data['unpinned']} unpinned and not checked"
    if found_files.errors:
        scanned += f", {len(found_files.errors)} unreadable"
    if findings:
        status = Status.FAIL if blocking_count else Status.PASS
        summary = f"{verdict(findings, config)} in {scanned}"
    else:
        status, summary = Status.PASS, f"no known advisories in {scanned}"
    gap = coverage_gap(ctx.advisory_data, {d.ecosystem for d in pinned}, ctx.now)
    if gap is not None:  # missing or stale advisory data: never a pass, the findings still count
        data["advisory_data"] = gap.data()
        status = Status.ERROR if status is Status.PASS else status
        summary = f"{gap.summary()}; {summary}"
    return CheckResult(ID, status, summary, findings=tuple(findings), data=data)
