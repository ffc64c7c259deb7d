"""Small builders for advisory findings and check results used across the check-run tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from checks import dependency_advisories
from checks.advisories.diff import DiffResult, diff_results
from checks.config import DependencyConfig, RepoConfig
from checks.model import AdvisoryFinding, CheckContext, CheckResult, Dependency, RepoFacts, Snapshot

LOCK = json.dumps(
    {"lockfileVersion": 3, "packages": {"": {"name": "shop"}, "node_modules/x": {"version": "1.0.0"}}}
).encode()


def finding(
    package: str = "lodash",
    version: str = "4.17.15",
    advisory_id: str = "GHSA-p6mc-m468-83gw",
    *,
    aliases: tuple[str, ...] = ("CVE-2020-8203",),
    severity: str = "high",
    summary: str = "Prototype Pollution in lodash",
    ecosystem: str = "npm",
    fixed: tuple[str, ...] = ("4.17.19",),
    file: str = "package-lock.json",
    line: int | None = 12,
    direct: bool | None = True,
) -> AdvisoryFinding:
    return AdvisoryFinding(
        advisory_id=advisory_id,
        aliases=aliases,
        summary=summary,
        severity=severity,
        cvss_score=None,
        ecosystem=ecosystem,
        package=package,
        version=version,
        fixed_versions=fixed,
        file=file,
        line=line,
        direct=direct,
        url=f"https://github.com/advisories/{advisory_id}",
    )


class FixedMatcher:
    """Answers every match with the same findings (an advisory index stand-in)."""

    def __init__(self, found: Sequence[AdvisoryFinding]) -> None:
        self.found = list(found)

    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]:
        return list(self.found)


def check_result(found: Sequence[AdvisoryFinding], policy: DependencyConfig, today: date) -> CheckResult:
    """What the `dependency-advisories` check reports on one commit whose matches are `found`."""
    snapshot = Snapshot(RepoFacts("acme", "shop"), files={"package-lock.json": LOCK})
    context = CheckContext(
        config=RepoConfig(dependencies=policy),
        advisories=FixedMatcher(found),
        now=datetime.combine(today, time(12), UTC),
    )
    return dependency_advisories.run(snapshot, context)


def diff_findings(
    head: Sequence[AdvisoryFinding],
    base: Sequence[AdvisoryFinding] | None,
    policy: DependencyConfig,
    today: date,
) -> DiffResult:
    """The check on head and on base (None: no base), then their diff: a check run's computation."""
    base_result = None if base is None else check_result(base, policy, today)
    return diff_results(check_result(head, policy, today), base_result, policy)
