"""Go module versions: SemVer with a mandatory `v` in go.mod (optional here, OSV omits it).

`+incompatible` is build metadata and pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`,
`v1.2.4-0.20191109021931-daa7c04131f5`) are ordinary SemVer pre-releases, exactly as the Go toolchain
orders them, so the SemVer key applies unchanged. Go toolchain versions (`go1.21.3`, `1.21rc2`) are
accepted for `stdlib` advisories and mapped onto the SemVer form the Go vulndb uses.
"""

from __future__ import annotations

import re

from checks.versions import semver

_TOOLCHAIN = re.compile(r"(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta)(\d+))?")


def parse(version: str) -> semver.SemverKey:
    text = version.strip()
    toolchain = _TOOLCHAIN.fullmatch(text)
    if toolchain is not None and (text.startswith("go") or toolchain[4]):
        major, minor, patch, kind, number = toolchain.groups()
        text = f"{major}.{minor or 0}.{patch or 0}" + (f"-{kind}.{number}" if kind else "")
    return semver.parse(text)


def normalise(version: str) -> str:
    """The spelling OSV uses (no `v`), for exact `versions[]` membership."""
    text = version.strip()
    return text[1:] if text.startswith("v") else text


def compare(a: str, b: str) -> int:
    ka, kb = parse(a), parse(b)
    return (ka > kb) - (ka < kb)
