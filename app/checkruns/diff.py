"""Findings at head versus findings at base -> each finding tagged, ignores applied, a conclusion.

Pure. A head finding is *pre-existing* when the base has a finding for the same package at the same
version in the same ecosystem sharing an advisory id or alias; otherwise it is *introduced* (so a
version change to another still-vulnerable version counts as introduced for the new version).
With no base (a new branch, a push without `before`), every finding is introduced.
`unknown` severity never reaches a threshold (as in the `dependency-advisories` check and the repo
config): such findings are shown and annotated as notices but do not fail the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from checks.model import AdvisoryFinding

SEVERITY_RANK = {"critical": 4, "high": 3, "moderate": 2, "low": 1, "unknown": 0}
THRESHOLDS = ("critical", "high", "moderate", "low")


class Conclusion(StrEnum):
    SUCCESS = "success"
    NEUTRAL = "neutral"
    FAILURE = "failure"


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    id: str
    until: date | None = None  # last day the rule applies; None: no expiry
    reason: str = ""

    def applies_to(self, finding: AdvisoryFinding) -> bool:
        wanted = self.id.strip().lower()
        return any(wanted == i.lower() for i in advisory_ids(finding))

    def expired(self, today: date) -> bool:
        return self.until is not None and self.until < today


@dataclass(frozen=True, slots=True)
class DiffPolicy:
    fail_on: str = "high"
    mode: str = "new"  # new: only introduced findings fail; all: any finding fails
    ignore: tuple[IgnoreRule, ...] = ()

    def __post_init__(self) -> None:
        if self.fail_on not in THRESHOLDS:
            raise ValueError(f"fail_on must be one of {', '.join(THRESHOLDS)}, not {self.fail_on!r}")
        if self.mode not in ("new", "all"):
            raise ValueError(f"mode must be 'new' or 'all', not {self.mode!r}")


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
    policy: DiffPolicy
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


def advisory_ids(finding: AdvisoryFinding) -> tuple[str, ...]:
    return (finding.advisory_id, *finding.aliases)


def _identity(finding: AdvisoryFinding) -> tuple[str, str, str]:
    return (finding.ecosystem, finding.package, finding.version)


def severity_rank(severity: str) -> int:
    return SEVERITY_RANK.get(severity.lower(), SEVERITY_RANK["unknown"])


def at_or_above(severity: str, threshold: str) -> bool:
    return severity_rank(severity) >= SEVERITY_RANK[threshold]


def _base_ids(base: Iterable[AdvisoryFinding]) -> dict[tuple[str, str, str], set[str]]:
    known: dict[tuple[str, str, str], set[str]] = {}
    for finding in base:
        known.setdefault(_identity(finding), set()).update(i.lower() for i in advisory_ids(finding))
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


def diff_findings(
    head: Sequence[AdvisoryFinding],
    base: Sequence[AdvisoryFinding] | None,
    policy: DiffPolicy,
    today: date,
) -> DiffResult:
    """Tag `head` findings against `base` (None: base unknown, all introduced) and conclude."""
    known = _base_ids(base or ())
    kept: list[TaggedFinding] = []
    ignored: list[IgnoredFinding] = []
    expired: dict[IgnoreRule, None] = {}
    for finding in head:
        ids = {i.lower() for i in advisory_ids(finding)}
        introduced = base is None or not (ids & known.get(_identity(finding), set()))
        rule = _active_rule(finding, policy.ignore, today, expired)
        if rule is not None:
            ignored.append(IgnoredFinding(finding, introduced, rule))
            continue
        counted = introduced or policy.mode == "all"
        blocking = counted and at_or_above(finding.severity, policy.fail_on)
        kept.append(TaggedFinding(finding, introduced, blocking))
    kept.sort(key=_sort_key)
    if any(t.blocking for t in kept):
        conclusion = Conclusion.FAILURE
    elif kept:
        conclusion = Conclusion.NEUTRAL
    else:
        conclusion = Conclusion.SUCCESS
    return DiffResult(conclusion, policy, tuple(kept), tuple(ignored), tuple(expired), base is not None)


def _active_rule(
    finding: AdvisoryFinding, rules: Sequence[IgnoreRule], today: date, expired: dict[IgnoreRule, None]
) -> IgnoreRule | None:
    for rule in rules:
        if not rule.applies_to(finding):
            continue
        if rule.expired(today):
            expired[rule] = None
            continue
        return rule
    return None


def policy_from_config(dependencies: Any) -> DiffPolicy:
    """Build a DiffPolicy from the `dependencies` section of the parsed repo config (duck-typed:
    an object or a mapping with fail_on, mode, ignore[{id, until, reason}]); None gives the defaults."""
    if dependencies is None:
        return DiffPolicy()

    def get(obj: Any, key: str, default: Any) -> Any:
        if isinstance(obj, dict):
            return obj.get(key, default)
        return getattr(obj, key, default)

    rules = []
    for item in get(dependencies, "ignore", ()) or ():
        until = get(item, "until", None)
        if isinstance(until, datetime):
            until = until.date()
        elif isinstance(until, str):
            until = date.fromisoformat(until)
        rules.append(IgnoreRule(str(get(item, "id", "")), until, str(get(item, "reason", "") or "")))
    return DiffPolicy(
        fail_on=str(get(dependencies, "fail_on", "high")).lower(),
        mode=str(get(dependencies, "mode", "new")).lower(),
        ignore=tuple(rules),
    )
