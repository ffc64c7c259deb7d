"""SemVer 2.0 precedence (npm, crates.io, OSV `SEMVER` ranges).

`parse` returns a plain tuple whose natural order is SemVer precedence, so keys can be sorted,
compared and hashed cheaply: `(major, minor, patch, 1)` for a release and
`(major, minor, patch, 0, *prerelease)` for a pre-release, each pre-release identifier encoded as
`(0, int)` (numeric, lower) or `(1, str)` (alphanumeric, ASCII order).

Leniency, as OSV tooling (osv-scalibr) applies it: a leading `v` is stripped, missing minor/patch
count as 0 (`1` = `1.0.0`), and numeric components after the third are ignored like build metadata.
Build metadata never affects precedence.
"""

from __future__ import annotations

import re
from functools import lru_cache

SemverKey = tuple[object, ...]

_PATTERN = re.compile(
    r"""
    v?
    (?P<major>\d+) (?:\.(?P<minor>\d+))? (?:\.(?P<patch>\d+))? (?:\.\d+)*
    (?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?
    (?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?
    """,
    re.VERBOSE,
)


def _identifier(part: str) -> tuple[int, int | str]:
    return (0, int(part)) if part.isdigit() else (1, part)


@lru_cache(maxsize=65536)
def parse(version: str) -> SemverKey:
    """The precedence key of `version`; ValueError when it is not a (lenient) semantic version."""
    match = _PATTERN.fullmatch(version.strip())
    if match is None:
        raise ValueError(f"not a semantic version: {version!r}")
    release = (int(match["major"]), int(match["minor"] or 0), int(match["patch"] or 0))
    pre = match["pre"]
    if pre is None:
        return (*release, 1)
    return (*release, 0, *(_identifier(part) for part in pre.split(".")))


def is_prerelease(version: str) -> bool:
    return parse(version)[3] == 0


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as `a` sorts before, equal to or after `b`."""
    ka, kb = parse(a), parse(b)
    return (ka > kb) - (ka < kb)
