"""The `dependency-advisories` result at head against the result at base -> each finding tagged, a
conclusion. Pure, and only a comparison: what counts as a finding, the ignore rules and the threshold
are the check's (`checks.dependency_advisories`), applied once, to each side.

A head finding is *pre-existing* when the base has a finding (ignored or not) for the same package at
the same version in the same ecosystem sharing an advisory id or alias; otherwise it is *introduced*
(so a version change to another still-vulnerable version counts as introduced for the new version).
With no base (a new branch, a push without `before`), every finding is introduced. A finding blocks
when the check failed it (at or above `fail_on`; `unknown` never is) and `mode` counts it: `new`
counts introduced findings only, `all` every finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from checks.config import DependencyConfig, IgnoreRule, severity_rank
from checks.model import AdvisoryFinding, CheckResult, Severity, Status


class Conclusion(StrEnum):
    SUCCESS = "success"
    NEUTRAL = "neutral"
    FAILURE = "failure"


@dataclass(frozen=True, slots=True)
class TaggedFinding:
    finding: AdvisoryFinding
    introduced: bool
    blocking: bool  # at or above the threshold and counted by the mode


@dataclass(frozen=True, slots=True)
class IgnoredFinding:
    finding: AdvisoryFinding
    introduced: bool
    rule: IgnoreRule


@dataclass(frozen=True)
class DiffResult:
    conclusion: Conclusion
    policy: DependencyConfig
    findings: tuple[TaggedFinding, ...]  # not ignored; introduced first, then by severity
    ignored: tuple[IgnoredFinding, ...]
    expired_ignores: tuple[IgnoreRule, ...]  # expired rules that would have matched a finding
    base_known: bool

    @property
    def introduced(self) -> tuple[TaggedFinding, ...]:
        return tuple(t for t in self.findings if t.introduced)

    @property
    def pre_existing(self) -> tuple[TaggedFinding, ...]:
        return tuple(t for t in self.findings if not t.introduced)

    @property
    def blocking(self) -> tuple[TaggedFinding, ...]:
        return tuple(t for t in self.findings if t.blocking)


def advisory_finding(data: Mapping[str, Any]) -> AdvisoryFinding:
    """The advisory finding a result's `finding_data` describes."""
    line = data.get("line")
    score = data.get("cvss_score")
    direct = data.get("direct")
    return AdvisoryFinding(
        advisory_id=str(data.get("advisory_id", "")),
        aliases=tuple(str(a) for a in data.get("aliases") or ()),
        summary=str(data.get("summary") or ""),
        severity=Severity.parse(data.get("severity")),
        severity_source=str(data.get("severity_source") or "none"),
        cvss_score=float(score) if isinstance(score, int | float) else None,
        ecosystem=str(data.get("ecosystem", "")),
        package=str(data.get("package", "")),
        version=str(data.get("version", "")),
        fixed_versions=tuple(str(v) for v in data.get("fixed_versions") or ()),
        file=str(data.get("file") or ""),
        line=line if isinstance(line, int) else None,
        direct=direct if isinstance(direct, bool) else None,
        url=str(data.get("url") or ""),
    )


def _rule(data: Mapping[str, Any]) -> IgnoreRule:
    until = data.get("until")
    return IgnoreRule(
        str(data.get("ignored_by", data.get("id", ""))),
        date.fromisoformat(until) if isinstance(until, str) else None,
        str(data.get("reason") or ""),
    )


def _ignored(result: CheckResult) -> list[tuple[AdvisoryFinding, IgnoreRule]]:
    return [(advisory_finding(item), _rule(item)) for item in result.data.get("ignored") or ()]


def _identity(finding: AdvisoryFinding) -> tuple[str, str, str]:
    return (finding.ecosystem, finding.package, finding.version)


def _ids(finding: AdvisoryFinding) -> set[str]:
    return {i.lower() for i in (finding.advisory_id, *finding.aliases)}


def _known(base: Iterable[AdvisoryFinding]) -> dict[tuple[str, str, str], set[str]]:
    known: dict[tuple[str, str, str], set[str]] = {}
    for finding in base:
        known.setdefault(_identity(finding), set()).update(_ids(finding))
    return known


def _sort_key(tagged: TaggedFinding) -> tuple[int, int, str, str, str, str]:
    f = tagged.finding
    return (
        0 if tagged.introduced else 1,
        -severity_rank(f.severity),
        f.package,
        f.version,
        f.advisory_id,
        f.file,
    )


def diff_results(head: CheckResult, base: CheckResult | None, policy: DependencyConfig) -> DiffResult:
    """Tag the head result's findings against the base result's (None: base unknown, all introduced)."""
    base_findings = [] if base is None else [advisory_finding(f.data) for f in base.findings]
    base_findings += [finding for finding, _ in _ignored(base)] if base is not None else []
    known = _known(base_findings)

    def introduced(finding: AdvisoryFinding) -> bool:
        return base is None or not (_ids(finding) & known.get(_identity(finding), set()))

    kept: list[TaggedFinding] = []
    for item in head.findings:
        finding = advisory_finding(item.data)
        new = introduced(finding)
        counted = new or policy.mode == "all"
        kept.append(TaggedFinding(finding, new, counted and item.status is Status.FAIL))
    kept.sort(key=_sort_key)
    ignored = tuple(IgnoredFinding(f, introduced(f), rule) for f, rule in _ignored(head))
    expired = tuple(_rule(item) for item in head.data.get("expired_ignores") or ())
    if any(t.blocking for t in kept):
        conclusion = Conclusion.FAILURE
    elif kept:
        conclusion = Conclusion.NEUTRAL
    else:
        conclusion = Conclusion.SUCCESS
    return DiffResult(conclusion, policy, tuple(kept), ignored, expired, base is not None)
