"""`AdvisoryIndex`: OSV records compiled for matching in memory (implements `AdvisoryMatcher`).

Records are keyed by (ecosystem, normalised package name) -> compact entries holding only what
matching and findings need: pre-parsed, pre-sorted range events and a set of listed versions, plus a
small shared metadata tuple per record. A match is one dictionary lookup per dependency plus range
tests. The full records stay in the database; this index can be rebuilt from them at any time.

Findings merge aliases: the records matching one dependency are grouped by alias connected component
(GHSA <-> CVE <-> PYSEC is one finding), with a stable primary id (GHSA first, then other database
ids, CVE last). A merged finding takes the best-sourced severity (`severity.source_rank`) among its
records and the held records its aliases name (a PYSEC finding takes its GHSA alias's CVSS rating even
when only the PYSEC ranges list the version), and says where it came from.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from checks.advisories.osv import (
    CompiledAffected,
    CompiledRange,
    CompileStats,
    compile_affected,
    evaluate,
    normalise_name,
    normaliser_for,
    version_key,
)
from checks.advisories.severity import NO_SOURCE, record_kind, record_severity, source_rank
from checks.model import AdvisoryFinding, Dependency, Severity
from checks.versions import base_ecosystem, comparator_for

SUMMARY_MAX = 240
# Single-record findings' identities kept between matches (a whole-database index matches many scans);
# cleared when full, so a long-lived index never holds more than this many.
IDENTITY_CACHE_MAX = 20_000


PackageKey = tuple[str, str]  # (base ecosystem, normalised name)


class AdvisoryMeta(NamedTuple):
    id: str
    aliases: tuple[str, ...]
    summary: str
    severity: Severity
    cvss_score: float | None
    severity_source: str  # see checks/advisories/severity.py
    kind: str  # vulnerability | malware | informational
    packages: tuple[PackageKey, ...]  # where the record is indexed (for remove)


class _Entry(NamedTuple):
    """One `affected[]` entry of one record: what a match tests."""

    meta: AdvisoryMeta
    versions: tuple[str, ...] | None
    ranges: tuple[CompiledRange, ...]


def advisory_url(advisory_id: str) -> str:
    if advisory_id.startswith("GHSA-"):
        return f"https://github.com/advisories/{advisory_id}"
    return f"https://osv.dev/vulnerability/{advisory_id}"


def _primary_rank(advisory_id: str, record_ids: frozenset[str] = frozenset()) -> tuple[int, str]:
    """GHSA ids first, then ids of records we hold, then other aliases, CVE ids last."""
    if advisory_id.startswith("GHSA-"):
        return 0, advisory_id
    if advisory_id.startswith("CVE-"):
        return 3, advisory_id
    return (1 if advisory_id in record_ids else 2), advisory_id


def _string_list(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


def _summary(record: Mapping[str, Any]) -> str:
    text = record.get("summary") or ""
    if not isinstance(text, str) or not text.strip():
        details = record.get("details")
        text = details.strip().splitlines()[0] if isinstance(details, str) and details.strip() else ""
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1] + "…"


class AdvisoryIndex:
    """In-memory OSV index; `add` and `remove` keep it current, `match` is pure and thread-safe."""

    def __init__(self) -> None:
        self._packages: dict[PackageKey, tuple[_Entry, ...]] = {}  # tuples: half a list's size
        self._scores: dict[float, float] = {}  # one float object per distinct CVSS score
        self._records: dict[str, AdvisoryMeta] = {}
        self._key_caches: dict[str, dict[Any, Any]] = {}
        # record id -> (the record's meta, its finding but the fixed versions)
        self._identities: dict[str, tuple[AdvisoryMeta, _Merged]] = {}
        self.stats = CompileStats()
        self.rejected = 0  # records without a usable id/affected list

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> AdvisoryIndex:
        index = cls()
        for record in records:
            index.add(record)
        return index

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, advisory_id: object) -> bool:
        return advisory_id in self._records

    def get(self, advisory_id: str) -> AdvisoryMeta | None:
        return self._records.get(advisory_id)

    def add(self, record: Mapping[str, Any]) -> bool:
        """Index (or re-index) one OSV record; False when it is withdrawn or unusable."""
        advisory_id = record.get("id")
        if not isinstance(advisory_id, str) or not advisory_id:
            self.rejected += 1
            return False
        self.remove(advisory_id)
        affected_list = record.get("affected")
        if record.get("withdrawn") or not isinstance(affected_list, list):
            if not record.get("withdrawn"):
                self.rejected += 1
            return False
        compiled: list[tuple[PackageKey, CompiledAffected]] = []
        for affected in affected_list:
            package = affected.get("package") if isinstance(affected, Mapping) else None
            if not isinstance(package, Mapping):
                continue
            ecosystem, name = package.get("ecosystem"), package.get("name")
            if not isinstance(ecosystem, str) or not isinstance(name, str) or not name:
                continue
            base = sys.intern(base_ecosystem(ecosystem))
            cache = self._key_caches.setdefault(base, {})
            entry = compile_affected(affected, base, cache, self.stats)
            if entry.ranges or entry.versions:
                compiled.append((self._shared_key((base, normalise_name(base, name))), entry))
        severity, score, severity_source = record_severity(record)
        # ids and aliases are not interned: the interpreter's table of interned strings grows by more
        # than the duplicates it would save (most aliases appear in one or two records)
        meta = AdvisoryMeta(
            id=advisory_id,
            aliases=tuple(_string_list(record.get("aliases"))),
            summary=_summary(record),
            severity=severity,
            cvss_score=None if score is None else self._scores.setdefault(score, score),
            severity_source=sys.intern(severity_source),
            kind=record_kind(record),
            packages=tuple(dict.fromkeys(key for key, _ in compiled)),
        )
        for key, entry in compiled:
            self._packages[key] = (*self._packages.get(key, ()), _Entry(meta, entry.versions, entry.ranges))
        self._records[meta.id] = meta
        return True

    def _shared_key(self, key: PackageKey) -> PackageKey:
        """The key object the index already holds for this package (one tuple per package, not per
        record): every record's `packages` refers to it."""
        entries = self._packages.get(key)
        if entries:
            for held in entries[0].meta.packages:
                if held == key:
                    return held
        return key

    def remove(self, advisory_id: str) -> bool:
        found = self._records.pop(advisory_id, None)
        if found is None:
            return False
        self._identities.pop(advisory_id, None)
        for key in found.packages:
            kept = tuple(e for e in self._packages.get(key, ()) if e.meta.id != advisory_id)
            if kept:
                self._packages[key] = kept
            else:
                self._packages.pop(key, None)
        return True

    def affecting(self, ecosystem: str, name: str, version: str) -> dict[str, tuple[str, ...]]:
        """advisory id -> fixed versions, for every record affecting name@version (before merging)."""
        base = base_ecosystem(ecosystem)
        entries = self._packages.get((base, normalise_name(base, name)))
        if not entries or not version or not version.strip():
            return {}
        key = version_key(base, version)
        exact = normaliser_for(base)(version)
        hits: dict[str, tuple[str, ...]] = {}
        for entry in entries:
            affected, fixes = evaluate(entry, exact, key)
            if affected:
                advisory_id = entry.meta.id
                hits[advisory_id] = hits[advisory_id] + fixes if advisory_id in hits else fixes
        for advisory_id, fixes in hits.items():
            if len(fixes) > 1:  # one fix (or none) is already in order
                hits[advisory_id] = _sorted_versions(base, fixes)
        return hits

    def affected_entries(self, ecosystem: str, name: str) -> dict[str, tuple[_Entry, ...]]:
        """record id -> the compiled `affected[]` entries of that record for this package (what
        `checks.advisories.remediation` plans upgrades from)."""
        base = base_ecosystem(ecosystem)
        held: dict[str, tuple[_Entry, ...]] = {}
        for entry in self._packages.get((base, normalise_name(base, name)), ()):
            held[entry.meta.id] = (*held.get(entry.meta.id, ()), entry)
        return held

    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]:
        findings: list[AdvisoryFinding] = []
        memo: dict[tuple[str, str, str], list[_Merged]] = {}
        for dep in dependencies:
            if dep.version is None:
                continue  # unpinned: reported by the inventory, never guessed
            lookup = (dep.ecosystem, dep.name, dep.version)
            merged = memo.get(lookup)
            if merged is None:
                hits = self.affecting(*lookup)
                merged = memo[lookup] = self._merge(dep.ecosystem, hits) if hits else []
            if not merged:
                continue
            findings.extend(
                AdvisoryFinding(
                    advisory_id=m.advisory_id,
                    aliases=m.aliases,
                    summary=m.summary,
                    severity=m.severity,
                    cvss_score=m.cvss_score,
                    ecosystem=dep.ecosystem,
                    package=dep.name,
                    version=dep.version,
                    fixed_versions=m.fixed_versions,
                    file=dep.file,
                    line=dep.line,
                    direct=dep.direct,
                    url=m.url,
                    severity_source=m.severity_source,
                )
                for m in merged
            )
        return findings

    def _merge(self, ecosystem: str, hits: dict[str, tuple[str, ...]]) -> list[_Merged]:
        """One entry per alias connected component of the matching records, worst first."""
        metas = [self._records[advisory_id] for advisory_id in hits]
        names = [name for meta in metas for name in (meta.id, *meta.aliases)]
        if len(set(names)) == len(names):  # no record shares a name with another: nothing to merge
            groups = [[meta] for meta in metas]
        else:
            parent: dict[str, str] = {}

            def root(x: str) -> str:
                parent.setdefault(x, x)
                while parent[x] != x:
                    parent[x] = parent[parent[x]]
                    x = parent[x]
                return x

            for meta in metas:
                for alias in meta.aliases:
                    parent[root(alias)] = root(meta.id)
            by_root: dict[str, list[AdvisoryMeta]] = {}
            for meta in metas:
                by_root.setdefault(root(meta.id), []).append(meta)
            groups = list(by_root.values())
        merged = [
            _merge_group(ecosystem, group, hits, self._records)
            if len(group) > 1
            else self._single(group[0], hits)
            for group in groups
        ]
        if len(merged) > 1:
            merged.sort(key=lambda m: (-m.severity.rank, _primary_rank(m.advisory_id)))
        return merged

    def _single(self, meta: AdvisoryMeta, hits: dict[str, tuple[str, ...]]) -> _Merged:
        """`_merge_group` of one record: all but the fixed versions depends on the record alone. The
        cached one is used only for this very meta, so a record updated meanwhile is never stale; a
        record whose aliases the index holds is merged afresh (their severities count, and may change)."""
        if any(alias in self._records for alias in meta.aliases):
            return _merge_group("", [meta], hits, self._records)
        cached = self._identities.get(meta.id)
        if cached is None or cached[0] is not meta:
            if len(self._identities) >= IDENTITY_CACHE_MAX:
                self._identities.clear()
            cached = self._identities[meta.id] = (meta, _merge_group("", [meta], {meta.id: ()}))
        advisory_id, aliases, summary, severity, score, _, url, source = cached[1]
        return _Merged(advisory_id, aliases, summary, severity, score, hits[meta.id], url, source)


class _Merged(NamedTuple):
    advisory_id: str
    aliases: tuple[str, ...]
    summary: str
    severity: Severity
    cvss_score: float | None
    fixed_versions: tuple[str, ...]
    url: str
    severity_source: str


def _best_rated(candidates: Iterable[AdvisoryMeta]) -> AdvisoryMeta:
    """The best-sourced rating; among equals a GHSA record's, then the worst severity, then by id."""
    return max(
        candidates,
        key=lambda m: (source_rank(m.severity_source), m.id.startswith("GHSA-"), m.severity.rank, m.id),
    )


def _merge_group(
    ecosystem: str,
    group: list[AdvisoryMeta],
    hits: dict[str, tuple[str, ...]],
    held: Mapping[str, AdvisoryMeta] | None = None,
) -> _Merged:
    record_ids = frozenset(m.id for m in group)
    names = record_ids.union(*(m.aliases for m in group))
    primary_id = min(names, key=lambda n: _primary_rank(n, record_ids))
    primary = next((m for m in group if m.id == primary_id), None) or min(
        group, key=lambda m: _primary_rank(m.id, record_ids)
    )
    if len(group) == 1:
        fixes = hits[primary.id]
    else:
        fixes = _sorted_versions(ecosystem, {v for m in group for v in hits[m.id]})
    # the held records the group's aliases name count for the severity even when their ranges
    # missed this version: they describe the same vulnerability
    extra = [held[n] for n in sorted(names - record_ids) if n in held] if held else []
    rated = _best_rated([*group, *extra])
    source = rated.severity_source
    if rated.id != primary_id and source != NO_SOURCE:
        source = f"alias {rated.id} ({source})"
    return _Merged(
        advisory_id=primary_id,
        aliases=tuple(sorted(names - {primary_id}, key=lambda n: _primary_rank(n, record_ids))),
        summary=primary.summary or next((m.summary for m in group if m.summary), ""),
        severity=rated.severity,
        cvss_score=rated.cvss_score,
        fixed_versions=fixes,
        url=advisory_url(primary_id),
        severity_source=source,
    )


def _sorted_versions(ecosystem: str, versions: Iterable[str]) -> tuple[str, ...]:
    versions = set(versions)
    if len(versions) <= 1:
        return tuple(versions)
    module = comparator_for(ecosystem)
    keyed, unkeyed = [], []
    for version in versions:
        try:
            keyed.append((module.parse(version), version)) if module else unkeyed.append(version)
        except ValueError:
            unkeyed.append(version)
    keyed.sort(key=lambda pair: pair[0])
    return tuple(v for _, v in keyed) + tuple(sorted(unkeyed))
