"""A record's severity on our scale (critical | high | moderate | low | unknown) and CVSS v3 score.

Precedence: the database's own rating (`database_specific.severity`, e.g. GHSA's
LOW/MODERATE/HIGH/CRITICAL), else the rating of the highest CVSS v3.x base score in `severity[]`
(top level or per `affected[]`), else a per-package rating in `affected[].ecosystem_specific` or
`affected[].database_specific`, else "unknown". CVSS v4 vectors are not scored here: with no other
rating they give "unknown". The score is the highest v3.x base score, or None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checks.advisories.cvss import base_score_v3, rating

_WORDS = {
    "critical": "critical",
    "high": "high",
    "moderate": "moderate",
    "medium": "moderate",
    "low": "low",
}


def _word(value: object) -> str | None:
    return _WORDS.get(value.strip().lower()) if isinstance(value, str) else None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def cvss_v3_score(record: Mapping[str, Any]) -> float | None:
    entries = list(record.get("severity") or ())
    for affected in record.get("affected") or ():
        entries.extend(_mapping(affected).get("severity") or ())
    scores = []
    for entry in entries:
        entry = _mapping(entry)
        if entry.get("type") == "CVSS_V3" and isinstance(entry.get("score"), str):
            try:
                scores.append(base_score_v3(entry["score"]))
            except ValueError:
                continue
    return max(scores, default=None)


def record_severity(record: Mapping[str, Any]) -> tuple[str, float | None]:
    score = cvss_v3_score(record)
    own = _word(_mapping(record.get("database_specific")).get("severity"))
    if own is not None:
        return own, score
    if score is not None:
        return rating(score), score
    for affected in record.get("affected") or ():
        affected = _mapping(affected)
        for source in ("ecosystem_specific", "database_specific"):
            word = _word(_mapping(affected.get(source)).get("severity"))
            if word is not None:
                return word, score
    return "unknown", score


def record_kind(record: Mapping[str, Any]) -> str:
    """vulnerability | malware (OpenSSF `MAL-*`) | informational (RustSec unmaintained/unsound)."""
    if str(record.get("id", "")).startswith("MAL-"):
        return "malware"
    for affected in record.get("affected") or ():
        if _mapping(_mapping(affected).get("database_specific")).get("informational"):
            return "informational"
    return "vulnerability"
