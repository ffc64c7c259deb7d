"""`pdm.lock`: `[[package]]` name/version/groups; git, path and url packages are skipped.

Dev: none of the package's groups is `default`. Direct: not recorded in the lockfile (None).
"""

from __future__ import annotations

from packaging.utils import canonicalize_name

from checks.lockfiles._common import (
    load_toml,
    located_packages,
    toml_packages,
)
from checks.model import Dependency

ECOSYSTEM = "PyPI"
_NOT_REGISTRY_KEYS = ("git", "path", "url", "editable")


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    data = load_toml(content)
    deps: list[Dependency] = []
    for package, name, version, line in located_packages(content, toml_packages(data)):
        if version is None or any(key in package for key in _NOT_REGISTRY_KEYS):
            continue
        groups = package.get("groups")
        dev = isinstance(groups, list) and bool(groups) and "default" not in groups
        deps.append(Dependency(ECOSYSTEM, canonicalize_name(name), version, path, line, None, dev))
    return deps
