"""`poetry.lock`: `[[package]]` name/version; git, directory, file and url sources are skipped.

Dev: `category = "dev"` (lock 1.x) or `groups` without `main` (lock 2.x). Direct cannot be told from
the lockfile alone (the project's dependencies live in pyproject.toml): None.
"""

from __future__ import annotations

from packaging.utils import canonicalize_name

from checks.lockfiles._common import (
    load_toml,
    located_packages,
    opt_dict,
    opt_str,
    toml_packages,
)
from checks.model import Dependency

ECOSYSTEM = "PyPI"
_REGISTRY_SOURCES = (None, "legacy", "pypi")


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    data = load_toml(content)
    deps: list[Dependency] = []
    for package, name, version, line in located_packages(content, toml_packages(data)):
        if version is None or opt_str(opt_dict(package.get("source")).get("type")) not in _REGISTRY_SOURCES:
            continue
        groups = package.get("groups")
        if isinstance(groups, list) and groups:
            dev = "main" not in groups
        else:
            dev = package.get("category") == "dev"
        deps.append(Dependency(ECOSYSTEM, canonicalize_name(name), version, path, line, None, dev))
    return deps
