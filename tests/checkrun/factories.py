"""Small builders for advisory findings used across the check-run tests."""

from __future__ import annotations

from checks.model import AdvisoryFinding


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
