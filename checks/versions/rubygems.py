"""RubyGems ordering, a port of `Gem::Version#<=>` (rubygems/version.rb).

A version is split into numeric and alphabetic segments (`-` reads as `.pre.`); trailing zeros are
dropped from the release part and from the pre-release part (`canonical_segments`); then segments are
compared pairwise, the shorter side padded with 0, a string segment sorting below any number.

`parse` turns that padded comparison into a plain tuple: each non-zero segment becomes one element
carrying the number of zeros before it, and an end marker closes the tuple. Ruby rejects a few
spellings that OSV data and osv-scalibr accept (`1beta`); they are accepted here the same lenient way.
"""

from __future__ import annotations

import re
from functools import lru_cache

RubyKey = tuple[tuple[object, ...], ...]

_ACCEPTED = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]*")
_SEGMENT = re.compile(r"[0-9]+|[a-z]+", re.IGNORECASE)
_END = (1,)


def canonical_segments(version: str) -> list[int | str]:
    text = version.strip()
    if not _ACCEPTED.fullmatch(text):
        raise ValueError(f"not a RubyGems version: {version!r}")
    segments: list[int | str] = [
        int(s) if s.isdigit() else s for s in _SEGMENT.findall(text.replace("-", ".pre."))
    ]
    first_string = next((i for i, s in enumerate(segments) if isinstance(s, str)), len(segments))
    parts = [segments[:first_string], segments[first_string:]]
    for part in parts:
        while part and part[-1] == 0:
            part.pop()
    return parts[0] + parts[1]


@lru_cache(maxsize=16384)
def parse(version: str) -> RubyKey:
    key: list[tuple[object, ...]] = []
    zeros = 0
    for segment in canonical_segments(version):
        if segment == 0:
            zeros += 1
            continue
        # A string facing padding (a zero) sorts below it, a number above it: the zero count is
        # stored so that the side reaching its non-zero segment first wins accordingly.
        key.append((0, zeros, segment) if isinstance(segment, str) else (2, -zeros, segment))
        zeros = 0
    key.append(_END)
    return tuple(key)


def compare(a: str, b: str) -> int:
    ka, kb = parse(a), parse(b)
    return (ka > kb) - (ka < kb)
