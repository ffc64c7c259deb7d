"""The `dependency-advisories` result at head against the result at base -> each finding tagged, the
advisories the change fixes, the files it could not read, a conclusion. Pure, and only a comparison:
what counts as a finding, the ignore rules and the threshold are the check's
(`checks.dependency_advisories`), applied once, to each side.

Findings are keyed by (package, advisory), never by version. A head finding is *still present* when
the base has a finding (ignored or not) for the same package in the same ecosystem sharing an advisory
id or alias, whatever the two versions are: an upgrade that leaves an advisory in place does not
introduce it. Otherwise it is *introduced*. A base finding whose (package, advisory) has no finding
at head is *fixed* by the change, and credited by its readable name (the CVE, else the GHSA id).
With no base (a new branch, a push without `before`), every finding is introduced.

A finding blocks when the check failed it (at or above `fail_on`) and `mode` counts it: `new` counts
introduced findings only, `all` every finding. A dependency file that could not be read blocks when
the change added or changed it (content the author controls must never turn the run green) and
`unreadable` is `fail`; any other unreadable file keeps the run from passing (neutral at best).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from checks.advisories.osv import normalise_name
from checks.config import DependencyConfig, IgnoreRule, severity_rank
from checks.model import AdvisoryFinding, CheckResult, Severity, Status


class Conclusion(StrEnum):
    SUCCESS = "success"
    NEUTRAL = "neutral"
    FAILURE = "failure"


@dataclass(frozen=True, slots=True)
class TaggedFinding:
    finding: AdvisoryFinding
    introduced: bool  # False: still present (the base has this package with this advisory)
    blocking: bool  # at or above the threshold and counted by the mode
    upgrade: str = ""  # the package's upgrade plan, as the check words it ("" when it made none)


@dataclass(frozen=True, slots=True)
class IgnoredFinding:
    finding: AdvisoryFinding
    introduced: bool
    rule: IgnoreRule


@dataclass(frozen=True, slots=True)
class FixedAdvisory:
    """An advisory the base has for a package and the head no longer has."""

    finding: AdvisoryFinding  # as found at base

    @property
    def name(self) -> str:
        return readable_name(self.finding)


@dataclass(frozen=True, slots=True)
class UnreadableFile:
    path: str
    reason: str  # why, without the "could not read <path>: " lead
    changed: bool  # added or changed by this change (or no base to tell)


@dataclass(frozen=True, slots=True)
class UpgradeAdvice:
    """One package's upgrade plan as the check stored it (`data["upgrades"]`)."""

    ecosystem: str
    package: str
    version: str
    message: str


@dataclass(frozen=True)
class DiffResult:
    conclusion: Conclusion
    policy: DependencyConfig
    findings: tuple[TaggedFinding, ...]  # not ignored; introduced first, then by severity
    ignored: tuple[IgnoredFinding, ...]
    expired_ignores: tuple[IgnoreRule, ...]  # expired rules that would have matched a finding
    base_known: bool
    fixed: tuple[FixedAdvisory, ...] = ()
    unreadable: tuple[UnreadableFile, ...] = ()
    upgrades: tuple[UpgradeAdvice, ...] = ()

    @property
    def introduced(self) -> tuple[TaggedFinding, ...]:
        return tuple(t for t in self.findings if t.introduced)

    @property
    def still_present(self) -> tuple[TaggedFinding, ...]:
        return tuple(t for t in self.findings if not t.introduced)

    @property
    def blocking(self) -> tuple[TaggedFinding, ...]:
        return tuple(t for t in self.findings if t.blocking)

    @property
    def blocking_unreadable(self) -> tuple[UnreadableFile, ...]:
        """Files the change touched that could not be read, when the policy fails on them."""
        if self.policy.unreadable != "fail":
            return ()
        return tuple(u for u in self.unreadable if u.changed)


def readable_name(finding: AdvisoryFinding) -> str:
    """The name people know an advisory by: its CVE, else its GHSA id, else its own id."""
    ids = (finding.advisory_id, *finding.aliases)
    for prefix in ("CVE-", "GHSA-"):
        for advisory in ids:
            if advisory.upper().startswith(prefix):
                return advisory
    return finding.advisory_id


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


def _all_findings(result: CheckResult) -> list[AdvisoryFinding]:
    """Every finding of a result, the ignored ones included."""
    return [advisory_finding(f.data) for f in result.findings] + [f for f, _ in _ignored(result)]


def _package(finding: AdvisoryFinding) -> tuple[str, str]:
    return (finding.ecosystem, normalise_name(finding.ecosystem, finding.package))


def _ids(finding: AdvisoryFinding) -> set[str]:
    return {i.lower() for i in (finding.advisory_id, *finding.aliases) if i}


def _known(findings: Iterable[AdvisoryFinding]) -> dict[tuple[str, str], set[str]]:
    """Per (ecosystem, package): every advisory id and alias found for it, whatever the version."""
    known: dict[tuple[str, str], set[str]] = {}
    for finding in findings:
        known.setdefault(_package(finding), set()).update(_ids(finding))
    return known


def _fixed(
    base: Iterable[AdvisoryFinding], head: Iterable[AdvisoryFinding], unread: Collection[str]
) -> tuple[FixedAdvisory, ...]:
    """Base (package, advisory) pairs with no finding at head; one per advisory and package. A base
    finding in a file the head could not read is not credited: nothing is known about it."""
    at_head = _known(head)
    credited: dict[tuple[str, str], list[set[str]]] = {}
    out: list[FixedAdvisory] = []
    for finding in sorted(base, key=lambda f: (-severity_rank(f.severity), f.package, f.advisory_id)):
        package, ids = _package(finding), _ids(finding)
        if finding.file in unread or ids & at_head.get(package, set()):
            continue
        seen = credited.setdefault(package, [])
        if any(ids & other for other in seen):
            continue  # the same advisory in another file or version of the package
        seen.append(ids)
        out.append(FixedAdvisory(finding))
    return tuple(out)


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


def _reason(path: str, error: str) -> str:
    lead = f"could not read {path}: "
    return error[len(lead) :] if error.startswith(lead) else error


def _unreadable(
    head: CheckResult, also: Mapping[str, str], changed: Collection[str] | None
) -> tuple[UnreadableFile, ...]:
    errors: dict[str, str] = {}
    reported = head.data.get("unreadable")
    if isinstance(reported, Mapping):
        errors.update({str(p): str(e) for p, e in reported.items() if e})
    for item in head.data.get("files") or ():
        if isinstance(item, Mapping) and item.get("error") and item.get("path"):
            errors.setdefault(str(item["path"]), str(item["error"]))
    for path, error in also.items():
        errors.setdefault(path, error)
    return tuple(
        UnreadableFile(path, _reason(path, error), changed is None or path in changed)
        for path, error in sorted(errors.items())
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _upgrades(head: CheckResult) -> tuple[UpgradeAdvice, ...]:
    """`data["upgrades"]` read defensively: anything without a package and a message is left out."""
    stored = head.data.get("upgrades")
    if not isinstance(stored, list | tuple):
        return ()
    out = []
    for plan in stored:
        if not isinstance(plan, Mapping):
            continue
        advice = UpgradeAdvice(
            _text(plan.get("ecosystem")),
            _text(plan.get("package")),
            _text(plan.get("version")),
            _text(plan.get("message")),
        )
        if advice.package and advice.message:
            out.append(advice)
    return tuple(out)


def _conclude(
    findings: Iterable[TaggedFinding], unreadable: tuple[UnreadableFile, ...], policy: DependencyConfig
) -> Conclusion:
    findings = tuple(findings)
    if any(t.blocking for t in findings):
        return Conclusion.FAILURE
    if policy.unreadable == "fail" and any(u.changed for u in unreadable):
        return Conclusion.FAILURE
    if findings or unreadable:  # an unreadable file may hide a finding: never green on partial data
        return Conclusion.NEUTRAL
    return Conclusion.SUCCESS


def diff_results(
    head: CheckResult,
    base: CheckResult | None,
    policy: DependencyConfig,
    *,
    changed: Collection[str] | None = None,
    also_unreadable: Mapping[str, str] | None = None,
) -> DiffResult:
    """Tag the head result's findings against the base result's (None: base unknown, all introduced).

    `changed`: the paths the change added or changed (None: unknown, every path counts as changed);
    `also_unreadable`: dependency files the snapshot did not read (too large, ...), with the reason.
    """
    base_findings = [] if base is None else _all_findings(base)
    known = _known(base_findings)

    def introduced(finding: AdvisoryFinding) -> bool:
        return base is None or not (_ids(finding) & known.get(_package(finding), set()))

    kept: list[TaggedFinding] = []
    for item in head.findings:
        finding = advisory_finding(item.data)
        new = introduced(finding)
        counted = new or policy.mode == "all"
        upgrade = _text(item.data.get("upgrade"))
        kept.append(TaggedFinding(finding, new, counted and item.status is Status.FAIL, upgrade))
    kept.sort(key=_sort_key)
    ignored = tuple(IgnoredFinding(f, introduced(f), rule) for f, rule in _ignored(head))
    expired = tuple(_rule(item) for item in head.data.get("expired_ignores") or ())
    unreadable = _unreadable(head, also_unreadable or {}, changed)
    unread = {u.path for u in unreadable}
    fixed = () if base is None else _fixed(base_findings, _all_findings(head), unread)
    return DiffResult(
        _conclude(kept, unreadable, policy),
        policy,
        tuple(kept),
        ignored,
        expired,
        base is not None,
        fixed,
        unreadable,
        _upgrades(head),
    )
