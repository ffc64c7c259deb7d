"""One upgrade that fixes them all: per package, the smallest version that no advisory found affects.

Pure: the advisories' compiled OSV ranges come in (`AffectedRanges`: what `compile_affected` and the
index's entries hold), a plan comes out. Candidates are the `fixed` events above the installed version
in any range of any of the package's advisories (the smallest unaffected version above V is always one
of them: a `last_affected` bound names no release). Each candidate is tested against every advisory
with the OSV evaluation and the ecosystem's own ordering (`checks/versions/`); a stable release is
preferred over a pre-release at any step.

The target stays in the installed version's major line where a release there fixes everything: the
first number of the version, or the first two when it is 0 (0.x releases break at the minor, as
SemVer's caret ranges treat them). When none does, the plan says so and names the options: the
smallest fixing version in a later line, and the advisories that no known version fixes (with the
smallest upgrade that fixes the others).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, Protocol, runtime_checkable

from packaging.version import InvalidVersion, Version

from checks.advisories.osv import (
    FIXED,
    LAST_AFFECTED,
    CompiledRange,
    in_range,
    listed_in,
    normaliser_for,
    version_key,
)
from checks.versions import base_ecosystem

_LEADING_NUMBERS = re.compile(r"^[vV]?(\d+)(?:\.(\d+))?")
_PRERELEASE_WORDS = re.compile(r"(?i)(alpha|beta|rc|cr|milestone|snapshot|dev|pre|preview|canary|next)")
_SEMVER_FAMILY = frozenset({"npm", "crates.io", "Go", "SwiftURL", "Pub", "Hex"})

Line = tuple[int, ...]


class AffectedRanges(Protocol):
    """One compiled `affected[]` entry: its `versions[]` (normalised, sorted) and its ranges."""

    @property
    def versions(self) -> tuple[str, ...] | None: ...
    @property
    def ranges(self) -> tuple[CompiledRange, ...]: ...


@runtime_checkable
class RangeSource(Protocol):
    """Where the compiled ranges of a package's advisories come from (the advisory index)."""

    def affected_entries(self, ecosystem: str, name: str) -> Mapping[str, Sequence[AffectedRanges]]: ...


class FindingRef(NamedTuple):
    """What a plan needs of one finding: the package, its version and the advisory's names."""

    ecosystem: str
    package: str
    version: str
    advisory_id: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UpgradePlan:
    ecosystem: str
    package: str
    version: str
    advisories: tuple[str, ...]  # the advisories to fix, sorted
    line: str  # the installed version's major line, e.g. "3.x" or "0.4.x"; "" when it has none
    target: str | None  # the smallest version fixing every advisory within `line`
    other_line: str | None  # else the smallest version fixing every advisory, in a later line
    unfixed: tuple[str, ...]  # advisories that no known version fixes
    partial: str | None  # with `unfixed`: the smallest version fixing all the others
    reason: str = ""  # why no plan could be made (an installed version the ordering cannot place)
    # unfixed advisories whose ranges end at `last_affected` (fixed after it, in no named release)
    last_affected: tuple[tuple[str, str], ...] = ()

    @property
    def fixes_all(self) -> str | None:
        """The version to upgrade to when one fixes every advisory (same line first)."""
        return self.target or self.other_line

    @property
    def message(self) -> str:
        count = len(self.advisories)
        what = f"{count} advisor{'y' if count == 1 else 'ies'}"
        upgrade = f"upgrade {self.package} {self.version} -> "
        if self.reason:
            return f"no upgrade plan for {self.package} {self.version}: {self.reason}"
        if self.target:
            return f"{upgrade}{self.target}: fixes {what}"
        within = f"no {self.line} release of {self.package}" if self.line else "no release"
        if self.other_line:
            return f"{within} fixes all {what}; {upgrade}{self.other_line} (a major upgrade) fixes all"
        bounds = dict(self.last_affected)
        unfixed = "no fix for " + ", ".join(
            f"{a} (affected up to {bounds[a]})" if a in bounds else a for a in self.unfixed
        )
        others = count - len(self.unfixed)
        if not others:
            return f"{self.package} {self.version}: {unfixed}"
        if self.partial is None:
            return f"{self.package} {self.version}: {unfixed}; no release fixes the other {others} together"
        major = "" if self._same_line(self.partial) else " (a major upgrade)"
        head = f"{self.package} {self.version}: {unfixed}"
        return f"{head}; {upgrade}{self.partial}{major} fixes the other {others}"

    def _same_line(self, version: str) -> bool:
        return bool(self.line) and line_of(self.ecosystem, version) == line_of(self.ecosystem, self.version)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ecosystem": self.ecosystem,
            "package": self.package,
            "version": self.version,
            "advisories": list(self.advisories),
            "line": self.line,
            "target": self.target,
            "other_line": self.other_line,
            "unfixed": list(self.unfixed),
            "partial": self.partial,
            "last_affected": dict(self.last_affected),
            "message": self.message,
        }


@lru_cache(maxsize=65_536)
def line_of(ecosystem: str, version: str) -> Line | None:
    """The major line of a version: (epoch, major) for PyPI, (major,) elsewhere; 0.x adds the minor."""
    if base_ecosystem(ecosystem) == "PyPI":
        try:
            parsed = Version(version)
        except InvalidVersion:
            return None
        release = (*parsed.release, 0)
        return (parsed.epoch, 0, release[1]) if release[0] == 0 else (parsed.epoch, release[0])
    match = _LEADING_NUMBERS.match(version.strip())
    if match is None:
        return None
    major = int(match.group(1))
    return (0, int(match.group(2) or 0)) if major == 0 else (major,)


def _line_label(line: Line | None, ecosystem: str) -> str:
    if line is None:
        return ""
    numbers = line[1:] if base_ecosystem(ecosystem) == "PyPI" else line
    epoch = f"{line[0]}!" if base_ecosystem(ecosystem) == "PyPI" and line[0] else ""
    return epoch + ".".join(str(n) for n in numbers) + ".x"


@lru_cache(maxsize=65_536)
def is_prerelease(ecosystem: str, version: str) -> bool:
    base = base_ecosystem(ecosystem)
    if base == "PyPI":
        try:
            return Version(version).is_prerelease
        except InvalidVersion:
            return False
    if base in _SEMVER_FAMILY:
        return "-" in version.split("+", 1)[0]
    return _PRERELEASE_WORDS.search(version) is not None


def _affects(entries: Sequence[AffectedRanges], exact: str, key: Any) -> bool:
    for entry in entries:
        if entry.versions is not None and listed_in(entry.versions, exact):
            return True
        for compiled in entry.ranges:
            if in_range(compiled, key):
                return True
    return False


def plan_upgrade(
    ecosystem: str, package: str, version: str, advisories: Mapping[str, Sequence[AffectedRanges]]
) -> UpgradePlan:
    """The plan for `package` at `version` against `advisories` (id -> the compiled entries of every
    record of that advisory for this package). An advisory without entries cannot be planned for and
    counts as unfixed."""
    names = tuple(sorted(advisories))
    current_line = line_of(ecosystem, version)
    label = _line_label(current_line, ecosystem)
    current = version_key(ecosystem, version)
    if current is None:
        return UpgradePlan(
            ecosystem, package, version, names, label, None, None, (), None, "its version cannot be ordered"
        )
    candidates: dict[str, Any] = {}
    for entries in advisories.values():
        for entry in entries:
            for compiled in entry.ranges:
                for kind, key, fixed in compiled:
                    if kind == FIXED and current < key:
                        candidates.setdefault(fixed, key)
    normalise = normaliser_for(ecosystem)
    ordered = sorted(candidates.items(), key=lambda item: item[1])
    # Candidates are tested only as far as a search needs: the first same-line candidate that fixes
    # everything usually ends the plan after one or two, and a candidate fails a search at the first
    # advisory outside `allowed` still affecting it. That advisory is tried first on the next
    # candidate, since ascending candidates tend to be held back by the same one.
    lefts: dict[str, frozenset[str]] = {}
    order = list(names)

    spelled: dict[str, str] = {}

    def affected_by(name: str, candidate: str, key: Any) -> bool:
        if not advisories[name]:
            return True
        exact = spelled.get(candidate)
        if exact is None:
            exact = spelled[candidate] = normalise(candidate)
        return _affects(advisories[name], exact, key)

    def fits(candidate: str, key: Any, allowed: frozenset[str]) -> bool:
        known = lefts.get(candidate)
        if known is not None:
            return known <= allowed
        for at, name in enumerate(order):
            if name not in allowed and affected_by(name, candidate, key):
                order.insert(0, order.pop(at))
                return False
        return True

    def left(candidate: str, key: Any) -> frozenset[str]:
        found = lefts.get(candidate)
        if found is None:
            found = lefts[candidate] = frozenset(n for n in names if affected_by(n, candidate, key))
        return found

    def first(allowed: frozenset[str], same_line: bool) -> str | None:
        """The smallest stable candidate leaving only `allowed` advisories (else the smallest
        pre-release that does), within the installed line when `same_line`."""
        prerelease = None
        for candidate, key in ordered:
            if same_line and (current_line is None or line_of(ecosystem, candidate) != current_line):
                continue
            if not fits(candidate, key, allowed):
                continue
            if not is_prerelease(ecosystem, candidate):
                return candidate
            prerelease = prerelease or candidate
        return prerelease

    target = first(frozenset(), True)
    other = None if target else first(frozenset(), False)
    if target or other:
        unfixed: frozenset[str] = frozenset()
    else:
        unfixed = frozenset(names).intersection(*(left(c, key) for c, key in ordered))
    partial = None
    if unfixed and len(unfixed) < len(names):
        partial = first(unfixed, True) or first(unfixed, False)
    bounds = {
        name: max(events, key=lambda e: e.key).version
        for name in unfixed
        if (
            events := [
                e
                for entry in advisories[name]
                for compiled in entry.ranges
                for e in compiled
                if e.kind == LAST_AFFECTED and not e.key < current
            ]
        )
    }
    return UpgradePlan(
        ecosystem,
        package,
        version,
        names,
        label,
        target,
        other,
        tuple(sorted(unfixed)),
        partial,
        last_affected=tuple(sorted(bounds.items())),
    )


def plan_upgrades(findings: Iterable[FindingRef], source: RangeSource) -> list[UpgradePlan]:
    """One plan per (ecosystem, package, version) among the findings, in first-seen order. A finding's
    advisory is every record the source holds under its id or its aliases (a merged finding)."""
    grouped: dict[tuple[str, str, str], dict[str, tuple[str, ...]]] = {}
    for found in findings:
        names = grouped.setdefault((found.ecosystem, found.package, found.version), {})
        names[found.advisory_id] = (found.advisory_id, *found.aliases)
    plans = []
    for (ecosystem, package, version), advisories in grouped.items():
        held = source.affected_entries(ecosystem, package)
        entries = {
            advisory_id: [entry for name in names for entry in held.get(name, ())]
            for advisory_id, names in advisories.items()
        }
        plans.append(plan_upgrade(ecosystem, package, version, entries))
    return plans
