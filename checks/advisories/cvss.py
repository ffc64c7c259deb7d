"""CVSS v3.0/v3.1 base scores from a vector string, and score/rating helpers.

The formula is the one in the CVSS v3.1 specification, section 7.1 (v3.0 differs only in rounding).
"""

from __future__ import annotations

import math

_WEIGHTS: dict[str, dict[str, float]] = {
    "AV": {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
    "AC": {"L": 0.77, "H": 0.44},
    "UI": {"N": 0.85, "R": 0.62},
    "C": {"H": 0.56, "L": 0.22, "N": 0.0},
    "I": {"H": 0.56, "L": 0.22, "N": 0.0},
    "A": {"H": 0.56, "L": 0.22, "N": 0.0},
}
_PRIVILEGES = {"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}}
_BASE_METRICS = ("AV", "AC", "PR", "UI", "S", "C", "I", "A")


def _roundup_31(value: float) -> float:
    scaled = round(value * 100_000)
    if scaled % 10_000 == 0:
        return scaled / 100_000.0
    return (math.floor(scaled / 10_000) + 1) / 10.0


def _roundup_30(value: float) -> float:
    return math.ceil(value * 10) / 10


def parse_vector(vector: str) -> tuple[str, dict[str, str]]:
    """(version, metrics) of a `CVSS:3.x/...` vector; ValueError when a base metric is missing/bad."""
    head, _, rest = vector.strip().partition("/")
    if head not in ("CVSS:3.0", "CVSS:3.1"):
        raise ValueError(f"not a CVSS v3 vector: {vector!r}")
    metrics: dict[str, str] = {}
    for item in rest.split("/"):
        name, sep, value = item.partition(":")
        if not sep or name in metrics:
            raise ValueError(f"malformed CVSS vector {vector!r}: {item!r}")
        metrics[name] = value
    for name in _BASE_METRICS:
        allowed = _PRIVILEGES["U"] if name == "PR" else ({"U": 0, "C": 0} if name == "S" else _WEIGHTS[name])
        if metrics.get(name) not in allowed:
            raise ValueError(f"CVSS vector {vector!r} lacks a valid {name}")
    return head[5:], metrics


def base_score_v3(vector: str) -> float:
    version, m = parse_vector(vector)
    scope_changed = m["S"] == "C"
    iss = 1 - ((1 - _WEIGHTS["C"][m["C"]]) * (1 - _WEIGHTS["I"][m["I"]]) * (1 - _WEIGHTS["A"][m["A"]]))
    impact = 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 if scope_changed else 6.42 * iss
    exploitability = (
        8.22
        * _WEIGHTS["AV"][m["AV"]]
        * _WEIGHTS["AC"][m["AC"]]
        * _PRIVILEGES[m["S"]][m["PR"]]
        * _WEIGHTS["UI"][m["UI"]]
    )
    if impact <= 0:
        return 0.0
    total = impact + exploitability
    if scope_changed:
        total *= 1.08
    roundup = _roundup_31 if version == "3.1" else _roundup_30
    return roundup(min(total, 10.0))


def rating(score: float) -> str:
    """Our severity scale from a CVSS score (CVSS "None" 0.0 counts as low)."""
    if score >= 9.0:
        return "critical"
    if score >= 7.0:
        return "high"
    if score >= 4.0:
        return "moderate"
    return "low"
