"""A record's severity on our scale, the CVSS base score behind it, and where the severity came from.

Precedence, first that applies:
1. CVSS vectors in `severity[]` (top level or per `affected[]`), scored by the `cvss` package: the
   newest CVSS version present wins (4.0 over 3.1 over 3.0), and within it the highest base score.
   Source "CVSS:4.0 vector", "CVSS:3.1 vector" or "CVSS:3.0 vector".
2. The database's own rating, `database_specific.severity` (GHSA's LOW/MODERATE/HIGH/CRITICAL; GHSA
   and CVSS spell the middle level MODERATE or MEDIUM, both are `moderate`). Source
   "<PREFIX> database_specific", e.g. "GHSA database_specific".
3. A per-package rating in `affected[].ecosystem_specific.severity` or `affected[].database_specific`.
   Source "<PREFIX> affected[].ecosystem_specific" (or `.database_specific`).
4. Otherwise `unknown`, source "none".

Records merged by alias take the best-sourced severity of the group (`SOURCE_RANK`, see
`checks/advisories/index.py`). Nothing is precomputed at import: the index computes this when it
loads records, so a database imported earlier is rated by these rules on its next load.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from checks.advisories.cvss import base_score
from checks.model import Severity

NO_SOURCE = "none"
ALIAS_PREFIX = "alias "


class RatedSeverity(NamedTuple):
    severity: Severity
    cvss_score: float | None
    source: str


UNRATED = RatedSeverity(Severity.UNKNOWN, None, NO_SOURCE)
_VECTOR_TYPES = {"CVSS_V3": ("3.0", "3.1"), "CVSS_V4": ("4.0",)}


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _items(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _prefix(record: Mapping[str, Any]) -> str:
    advisory_id = record.get("id")
    return advisory_id.split("-", 1)[0] if isinstance(advisory_id, str) and advisory_id else "record"


def cvss_rating(record: Mapping[str, Any]) -> RatedSeverity | None:
    """The rating of the record's best CVSS vector (newest version, then highest score), if any."""
    entries = _items(record.get("severity"))
    for affected in _items(record.get("affected")):
        entries.extend(_items(_mapping(affected).get("severity")))
    best: tuple[str, float] | None = None
    for entry in entries:
        entry = _mapping(entry)
        vector, versions = entry.get("score"), _VECTOR_TYPES.get(str(entry.get("type")))
        if not isinstance(vector, str) or versions is None:
            continue
        try:
            version, score = base_score(vector)
        except ValueError:
            continue
        if version in versions and (best is None or (version, score) > best):
            best = (version, score)
    if best is None:
        return None
    version, score = best
    return RatedSeverity(Severity.from_score(score), score, f"CVSS:{version} vector")


def record_severity(record: Mapping[str, Any]) -> RatedSeverity:
    rated = cvss_rating(record)
    if rated is not None:
        return rated
    own = Severity.parse(_mapping(record.get("database_specific")).get("severity"))
    if own is not Severity.UNKNOWN:
        return RatedSeverity(own, None, f"{_prefix(record)} database_specific")
    for affected in _items(record.get("affected")):
        affected = _mapping(affected)
        for field in ("ecosystem_specific", "database_specific"):
            word = Severity.parse(_mapping(affected.get(field)).get("severity"))
            if word is not Severity.UNKNOWN:
                return RatedSeverity(word, None, f"{_prefix(record)} affected[].{field}")
    return UNRATED


def source_rank(source: str) -> int:
    """How well-founded a severity source is (higher is better): a vector, then a database's own
    rating (GHSA's first), then a per-package rating, then none."""
    if source.startswith(ALIAS_PREFIX):
        return source_rank(source[source.find("(") + 1 : -1]) if "(" in source else 0
    if source.endswith(" vector"):
        return 4
    if source == "GHSA database_specific":
        return 3
    if source.endswith(" database_specific"):
        return 2
    return 1 if source != NO_SOURCE else 0


def record_kind(record: Mapping[str, Any]) -> str:
    """vulnerability | malware (OpenSSF `MAL-*`) | informational (RustSec unmaintained/unsound)."""
    if str(record.get("id", "")).startswith("MAL-"):
        return "malware"
    for affected in _items(record.get("affected")):
        if _mapping(_mapping(affected).get("database_specific")).get("informational"):
            return "informational"
    return "vulnerability"
