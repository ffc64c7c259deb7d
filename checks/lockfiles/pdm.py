"""`pdm.lock`: `[[package]]` name/version/groups; git, path and url packages are skipped.

Dev: none of the package's groups is `default`. Direct: not recorded in the lockfile (None).
"""

from __future__ import annotations

from packaging.utils import canonicalize_name

from checks.lockfiles._common import (
    LineIndex,
    load_toml,
    opt_str,
    package_headers,
    toml_name_line,
    toml_packages,
)
from checks.model import Dependency

ECOSYSTEM = "PyPI"
_NOT_REGISTRY_KEYS = ("git", "path", "url", "editable")


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    data = load_toml(content)
    lines = LineIndex(content.decode("utf-8", errors="replace"))
    deps: list[Dependency] = []
    cursor = 0
    headers = package_headers(lines)
    for index, package in enumerate(toml_packages(data)):
        name, version = opt_str(package.get("name")), opt_str(package.get("version"))
        if name is None:
            continue
        if index < len(headers):
            cursor = max(cursor, headers[index])
        line, cursor = toml_name_line(lines, name, cursor)
        if version is None or any(key in package for key in _NOT_REGISTRY_KEYS):
            continue
        groups = package.get("groups")
        dev = isinstance(groups, list) and bool(groups) and "default" not in groups
        deps.append(Dependency(ECOSYSTEM, canonicalize_name(name), version, path, line, None, dev))
    return deps
