"""NuGet ordering (NuGet.Versioning `VersionComparer.Default`).

Up to four numeric parts (missing ones are 0, leading zeros ignored), a release sorts above its
pre-releases, pre-release labels compare part by part (numbers numerically and below words, words
case-insensitively), build metadata after `+` is ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache

NugetKey = tuple[object, ...]

_PATTERN = re.compile(
    r"[vV]?(?P<release>\d+(?:\.\d+){0,3})"
    r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]*)?"
)


@lru_cache(maxsize=16384)
def parse(version: str) -> NugetKey:
    match = _PATTERN.fullmatch(version.strip())
    if match is None:
        raise ValueError(f"not a NuGet version: {version!r}")
    numbers = [int(part) for part in match["release"].split(".")]
    release = (*numbers, *([0] * (4 - len(numbers))))
    if match["pre"] is None:
        return (*release, 1)
    labels = ((0, int(p)) if p.isdigit() else (1, p.lower()) for p in match["pre"].split("."))
    return (*release, 0, *labels)


def compare(a: str, b: str) -> int:
    ka, kb = parse(a), parse(b)
    return (ka > kb) - (ka < kb)
