"""OSV evaluation, exactly as the OSV schema's "Evaluation" section specifies it.

A version V of package P is affected by a record iff, for any `affected[]` entry whose ecosystem and
normalised name match P, V is listed in `versions[]` or lies in any of its `ranges[]`. For one range:
if it has `limit` events and V is below none of them, V is outside it; otherwise the events are sorted
here (with `introduced: "0"` first) and walked from "not affected": `introduced <= V` -> affected,
`fixed <= V` -> not affected, `last_affected < V` -> not affected.

`SEMVER` and `ECOSYSTEM` ranges are both ordered with the package's ecosystem comparator (`SEMVER`
falls back to SemVer when the ecosystem has none). `GIT` ranges need a commit graph: they are skipped
and the other ranges and `versions[]` still count. A range whose events cannot be parsed is skipped and
counted in `CompileStats`, never guessed. Withdrawn records affect nothing.

Policies beyond the schema, for exactness on real data:
- `versions[]` membership compares the ecosystem's canonical spelling (PyPI `2.10.0` = `2.10`, Go
  `v1.2.3` = `1.2.3`); other ecosystems compare the exact string.
- An empty version and an unparseable version are never placed in a range (only `versions[]` can match
  them, and an empty one matches nothing).
- Composer branch versions (`dev-main`) satisfy no range, as in Composer.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, NamedTuple, Protocol

from checks.versions import base_ecosystem, comparator_for, packagist, semver

INTRODUCED, FIXED, LAST_AFFECTED, LIMIT = 0, 1, 2, 3
_EVENT_KINDS = {"introduced": INTRODUCED, "fixed": FIXED, "last_affected": LAST_AFFECTED, "limit": LIMIT}
_PEP503 = re.compile(r"[-_.]+")
_SHORT_LIST = 16  # versions[] up to this length are scanned; longer ones are binary-searched
_LISTED = -1  # cache key tag for shared versions[] tuples


class Event(NamedTuple):
    kind: int
    key: Any  # the comparator key; None only for `introduced: "0"`
    version: str


# One range: its `limit` events first ("*" dropped), then the other events sorted. A bare tuple, as
# an index holds hundreds of thousands of them.
CompiledRange = tuple[Event, ...]


class CompiledAffected(NamedTuple):
    # normalised `versions[]`, sorted (for `listed_in`) and shared between records listing the same
    # versions: a frozenset would cost five times the memory, and PyPI records list hundreds
    versions: tuple[str, ...] | None
    ranges: tuple[CompiledRange, ...]


_EVERYTHING: CompiledRange = (Event(INTRODUCED, None, "0"),)
_AFFECTS_EVERYTHING = CompiledAffected(None, (_EVERYTHING,))


class _HasRanges(Protocol):
    @property
    def versions(self) -> tuple[str, ...] | None: ...
    @property
    def ranges(self) -> tuple[CompiledRange, ...]: ...


@dataclass
class CompileStats:
    git_ranges_skipped: int = 0
    unparseable_ranges: int = 0
    unsupported_ranges: int = 0

    def add(self, other: CompileStats) -> None:
        self.git_ranges_skipped += other.git_ranges_skipped
        self.unparseable_ranges += other.unparseable_ranges
        self.unsupported_ranges += other.unsupported_ranges


def normalise_name(ecosystem: str, name: str) -> str:
    """PyPI: PEP 503; Packagist and NuGet: case-insensitive; npm, Go, crates.io and the rest: exact."""
    base = base_ecosystem(ecosystem)
    if base == "PyPI":
        return _PEP503.sub("-", name).lower()
    if base in ("Packagist", "NuGet"):
        return name.lower()
    return name


def normaliser_for(ecosystem: str) -> Callable[[str], str]:
    module = comparator_for(ecosystem)
    normalise = getattr(module, "normalise", None)
    return normalise if normalise is not None else str.strip


def _compile_range(
    raw: Mapping[str, Any], module: ModuleType, cache: dict[Any, Any], stats: CompileStats
) -> CompiledRange | None:
    events: list[Event] = []
    limits: list[Event] = []
    try:
        for event in raw.get("events") or ():
            if not isinstance(event, Mapping) or len(event) != 1:
                raise ValueError(f"an event must have exactly one key: {event!r}")
            ((name, version),) = event.items()
            kind = _EVENT_KINDS.get(name)
            if kind is None or not isinstance(version, str):
                raise ValueError(f"unknown event {event!r}")
            if kind == LIMIT and version == "*":
                continue
            (limits if kind == LIMIT else events).append(_event(kind, version, module, cache))
    except (ValueError, TypeError):
        stats.unparseable_ranges += 1
        return None
    if not any(e.kind == INTRODUCED for e in events):
        stats.unparseable_ranges += 1
        return None
    events.sort(key=lambda e: (0,) if e.key is None else (1, e.key))
    if not limits and events == [_EVERYTHING[0]]:
        return _EVERYTHING  # the malware-record shape, shared by tens of thousands of records
    return (*limits, *events)


def _event(kind: int, version: str, module: ModuleType, cache: dict[Any, Any]) -> Event:
    """One shared Event per (kind, version) and one parsed key per version string, per ecosystem."""
    event = cache.get((kind, version))
    if event is None:
        if kind == INTRODUCED and version == "0":
            event = _EVERYTHING[0]
        else:
            key = cache.get(version)
            if key is None:
                key = cache[sys.intern(version)] = module.parse(version)
            event = Event(kind, key, sys.intern(version))
        cache[(kind, event.version)] = event
    return event


def compile_affected(
    affected: Mapping[str, Any],
    ecosystem: str,
    cache: dict[Any, Any] | None = None,
    stats: CompileStats | None = None,
) -> CompiledAffected:
    """Pre-parse and pre-sort one `affected[]` entry of `ecosystem` for fast evaluation."""
    cache = {} if cache is None else cache
    stats = CompileStats() if stats is None else stats
    module = comparator_for(ecosystem)
    ranges: list[CompiledRange] = []
    raw_ranges = affected.get("ranges") or ()
    if not isinstance(raw_ranges, list | tuple):
        stats.unparseable_ranges += 1
        raw_ranges = ()
    for raw in raw_ranges:
        kind = raw.get("type") if isinstance(raw, Mapping) else None
        if kind == "GIT":
            stats.git_ranges_skipped += 1
            continue
        range_module = module or (semver if kind == "SEMVER" else None)
        if kind not in ("SEMVER", "ECOSYSTEM") or range_module is None:
            stats.unsupported_ranges += 1
            continue
        compiled = _compile_range(raw, range_module, cache, stats)
        if compiled is not None:
            ranges.append(compiled)
    listed = affected.get("versions")
    listed = listed if isinstance(listed, list | tuple) else ()
    normalise = normaliser_for(ecosystem)
    spellings = tuple(sorted({sys.intern(normalise(v)) for v in listed if isinstance(v, str)}))
    versions = cache.setdefault((_LISTED, spellings), spellings) if spellings else None
    if versions is None and ranges == [_EVERYTHING]:
        return _AFFECTS_EVERYTHING
    return CompiledAffected(versions, tuple(ranges))


def listed_in(versions: tuple[str, ...], version: str) -> bool:
    """Whether `version` is in the sorted tuple `versions`."""
    if len(versions) <= _SHORT_LIST:
        return version in versions
    at = bisect_left(versions, version)
    return at < len(versions) and versions[at] == version


def in_range(compiled: CompiledRange, key: Any) -> bool:
    if compiled[0].kind == LIMIT:
        limits = [e.key for e in compiled if e.kind == LIMIT]
        if not any(key < limit for limit in limits):
            return False
    affected = False
    for kind, event_key, _ in compiled:
        if kind == LIMIT:
            continue
        if event_key is None:
            affected = True
        elif key < event_key:
            break  # sorted: no later event can apply to V
        elif kind == INTRODUCED:
            affected = True
        elif kind == FIXED or event_key < key:  # fixed <= V, or last_affected < V
            affected = False
    return affected


def _closing_fix(compiled: CompiledRange, key: Any) -> Event | None:
    """The first `fixed` event above V: the release that ends V's affected window."""
    for event in compiled:
        if event.kind == FIXED and key < event.key:
            return event
    return None


def evaluate(compiled: CompiledAffected | _HasRanges, version: str, key: Any) -> tuple[bool, tuple[str, ...]]:
    """(affected, fixed versions) for V; `version` is V normalised, `key` its key or None.

    The fixed versions are the fixes closing V's window in each range containing V (in every range
    when only `versions[]` lists V), in version order; empty when no fix is known.
    """
    if not version:
        return False, ()
    hit_ranges = [r for r in compiled.ranges if in_range(r, key)] if key is not None else []
    if not hit_ranges and (compiled.versions is None or not listed_in(compiled.versions, version)):
        return False, ()
    if key is None:
        return True, ()
    fixes = {e.version: e for r in (hit_ranges or compiled.ranges) if (e := _closing_fix(r, key))}
    return True, tuple(e.version for e in sorted(fixes.values(), key=lambda e: e.key))


def version_key(ecosystem: str, version: str) -> Any:
    """V's comparator key, or None when V cannot be placed in a range (see module policies)."""
    module = comparator_for(ecosystem)
    if module is None or not version.strip():
        return None
    if module is packagist and packagist.is_branch(version):
        return None
    try:
        return module.parse(version)
    except ValueError:
        return None


def package_matches(affected: Mapping[str, Any], ecosystem: str, name: str) -> bool:
    package = affected.get("package")
    if not isinstance(package, Mapping):
        return False
    eco, pkg = package.get("ecosystem"), package.get("name")
    if not isinstance(eco, str) or not isinstance(pkg, str):
        return False
    return base_ecosystem(eco) == base_ecosystem(ecosystem) and normalise_name(eco, pkg) == normalise_name(
        ecosystem, name
    )


def affects(record: Mapping[str, Any], ecosystem: str, name: str, version: str) -> bool:
    """Whether `record` affects name@version (the reference path: compiles on the fly)."""
    affected_list = record.get("affected")
    if record.get("withdrawn") or not isinstance(affected_list, list | tuple):
        return False
    key = version_key(ecosystem, version)
    exact = normaliser_for(ecosystem)(version) if version.strip() else ""
    return any(
        evaluate(compile_affected(a, ecosystem), exact, key)[0]
        for a in affected_list
        if isinstance(a, Mapping) and package_matches(a, ecosystem, name)
    )
