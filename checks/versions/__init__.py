"""Version ordering per ecosystem: one pure module each, with a common shape.

Every module has `parse(version) -> key` (keys of one module compare with `<`/`==` in the
ecosystem's native order; ValueError on a string the ecosystem cannot order) and
`compare(a, b) -> -1 | 0 | 1`. `comparator_for` maps an OSV ecosystem name to its module.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from checks.versions import golang, maven, nuget, packagist, pypi, rubygems, semver

_BY_ECOSYSTEM: dict[str, ModuleType] = {
    "npm": semver,
    "crates.io": semver,
    "SwiftURL": semver,
    "Hex": semver,
    "Pub": semver,
    "Go": golang,
    "PyPI": pypi,
    "RubyGems": rubygems,
    "Packagist": packagist,
    "Maven": maven,
    "NuGet": nuget,
}

SUPPORTED_ECOSYSTEMS = frozenset(_BY_ECOSYSTEM)
# Spellings seen outside OSV (GitHub's REST ecosystems, purl types) mapped to OSV names.
_ALIASES = {name.lower(): name for name in _BY_ECOSYSTEM} | {
    "pip": "PyPI",
    "cargo": "crates.io",
    "rust": "crates.io",
    "golang": "Go",
    "gem": "RubyGems",
    "composer": "Packagist",
}


@lru_cache(maxsize=1024)
def base_ecosystem(ecosystem: str) -> str:
    """`Maven:https://maven.google.com` -> `Maven`; unknown ecosystems keep their suffix."""
    base = ecosystem.split(":", 1)[0].strip()
    if base in _BY_ECOSYSTEM:
        return base
    return _ALIASES.get(base.lower(), ecosystem)


def comparator_for(ecosystem: str) -> ModuleType | None:
    """The ordering module for an OSV ecosystem (suffix variants included), None when unsupported."""
    return _BY_ECOSYSTEM.get(base_ecosystem(ecosystem))
