"""PEP 440 ordering (PyPI) via `packaging`, with a deterministic fallback for legacy strings.

`parse` returns a plain tuple: `(1, epoch, release, pre, post, dev, local)` for a valid PEP 440
version, built from `packaging.version.Version`'s public fields exactly as packaging orders them, and
`(0, parts)` for a legacy (non-PEP 440) string such as `0.1-bulbasaur`, ordered the way setuptools'
old `LegacyVersion` did. Legacy versions therefore always sort below valid ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from packaging.utils import canonicalize_version
from packaging.version import InvalidVersion, Version

PypiKey = tuple[object, ...]

_NEG, _POS = (0,), (2,)  # stand-ins for packaging's -infinity / +infinity markers
_LEGACY_PARTS = re.compile(r"(\d+|[a-z]+|\.|-)")
_LEGACY_REPLACE = {"pre": "c", "preview": "c", "-": "final-", "rc": "c", "dev": "@"}
_GARBAGE = re.compile(r"\s|[\x00-\x1f]")


def _valid_key(v: Version) -> PypiKey:
    release = list(v.release)
    while len(release) > 1 and release[-1] == 0:
        release.pop()
    if v.pre is None and v.post is None and v.dev is not None:
        pre: tuple[object, ...] = _NEG
    elif v.pre is None:
        pre = _POS
    else:
        pre = (1, *v.pre)
    post = _NEG if v.post is None else (1, v.post)
    dev = _POS if v.dev is None else (1, v.dev)
    if v.local is None:
        local: tuple[object, ...] = _NEG
    else:
        segments = ((1, int(part)) if part.isdigit() else (0, part) for part in re.split(r"[._-]", v.local))
        local = (1, *segments)
    return (1, v.epoch, tuple(release), pre, post, dev, local)


def _legacy_key(version: str) -> PypiKey:
    parts: list[str] = []
    for raw in _LEGACY_PARTS.split(version.lower()):
        part = _LEGACY_REPLACE.get(raw, raw)
        if not part or part == ".":
            continue
        part = part.zfill(8) if part[:1].isdigit() else "*" + part
        if part.startswith("*"):
            if part < "*final":
                while parts and parts[-1] == "*final-":
                    parts.pop()
            while parts and parts[-1] == "00000000":
                parts.pop()
        parts.append(part)
    parts.append("*final")
    return (0, tuple(parts))


@lru_cache(maxsize=65536)
def parse(version: str) -> PypiKey:
    text = version.strip()
    if not text or _GARBAGE.search(text) or not any(c.isalnum() for c in text):
        raise ValueError(f"not a Python package version: {version!r}")
    try:
        return _valid_key(Version(text))
    except InvalidVersion:
        return _legacy_key(text)


def is_valid(version: str) -> bool:
    """True for a PEP 440 version (legacy strings parse, but are not valid)."""
    return parse(version)[0] == 1


def normalise(version: str) -> str:
    """Canonical spelling for exact `versions[]` membership (`2.10.0` and `2.10` are one release)."""
    text = version.strip()
    try:
        return canonicalize_version(Version(text))
    except InvalidVersion:
        return text.lower()


def compare(a: str, b: str) -> int:
    ka, kb = parse(a), parse(b)
    return (ka > kb) - (ka < kb)
