"""CVSS base scores from vector strings (v3.0, v3.1 and v4.0), computed by the `cvss` package.

The package implements the FIRST specifications, including v4.0's MacroVector lookup table, so no
formula is kept here. Results are cached per vector string: a database repeats a few thousand vectors
across hundreds of thousands of records.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from cvss import CVSS3, CVSS4
from cvss.exceptions import CVSSError

VERSIONS = ("3.0", "3.1", "4.0")


class Scored(NamedTuple):
    version: str  # "3.0" | "3.1" | "4.0"
    score: float


def base_score(vector: str) -> Scored:
    """The version and base score of a `CVSS:3.x/...` or `CVSS:4.0/...` vector; ValueError when the
    vector is not a valid one of those (CVSS v2 vectors, which carry no prefix, included)."""
    scored = _scored(vector.strip())
    if scored is None:
        raise ValueError(f"not a valid CVSS v3.x or v4.0 vector: {vector[:200]!r}")
    return scored


@lru_cache(maxsize=8192)
def _scored(vector: str) -> Scored | None:
    head = vector.partition("/")[0]
    try:
        if head in ("CVSS:3.0", "CVSS:3.1"):
            return Scored(head[5:], float(CVSS3(vector).base_score))
        if head == "CVSS:4.0":
            return Scored("4.0", float(CVSS4(vector).base_score))
    except (CVSSError, ArithmeticError, KeyError, ValueError, IndexError):
        return None
    return None
