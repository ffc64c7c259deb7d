"""npm `package-lock.json` (lockfile v1, v2, v3) and `npm-shrinkwrap.json`.

v2/v3 are read from the path-keyed `packages` map; v1 (and v2 files without `packages`) from the
nested `dependencies` tree. Only registry packages with a concrete version are reported: workspace
folders, `link: true` entries, `file:` and git dependencies are skipped, since matching them by name
against the registry's advisories gives false findings. The `name` field (or v1 `npm:` version) of
an alias wins over the key. Direct: declared by the root or a workspace (v2/v3 only; v1 cannot tell).
"""

from __future__ import annotations

import re
from typing import Any

from checks._lines import LineIndex
from checks.lockfiles._common import (
    LockfileError,
    decode_strict,
    find_json_key,
    load_json,
    opt_dict,
    opt_str,
)
from checks.model import Dependency

ECOSYSTEM = "npm"
_SEMVER = re.compile(r"^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$")
_NOT_REGISTRY_PREFIXES = ("git", "ssh:", "file:", "link:", "github:", "gitlab:", "bitbucket:", "gist:")
_NOT_REGISTRY_HOSTS = ("://codeload.github.com/", "://github.com/", "://gitlab.com/", "://bitbucket.org/")
_DECLARED = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")


def _from_registry(resolved: str | None) -> bool:
    if resolved is None:
        return True
    return not resolved.startswith(_NOT_REGISTRY_PREFIXES) and not any(
        host in resolved for host in _NOT_REGISTRY_HOSTS
    )


def _split_alias(version: str) -> tuple[str | None, str]:
    """`npm:real-name@1.2.3` -> ("real-name", "1.2.3"); anything else -> (None, version)."""
    if not version.startswith("npm:"):
        return None, version
    spec = version[4:]
    at = spec.rfind("@")
    if at <= 0:
        return None, version
    return spec[:at], spec[at + 1 :]


def _parse_packages(path: str, packages: dict[str, Any], lines: LineIndex) -> list[Dependency]:
    local = {key for key in packages if "node_modules/" not in key and not key.startswith("node_modules")}
    declared: dict[str, set[str]] = {
        key: {name for field in _DECLARED for name in opt_dict(opt_dict(packages[key]).get(field))}
        for key in local
    }
    declared_anywhere = set().union(*declared.values()) if declared else set()
    deps: list[Dependency] = []
    cursor = 0
    for key, raw in packages.items():
        line, cursor = find_json_key(lines, key, cursor, opens_object=True)
        entry = opt_dict(raw)
        if key in local or entry.get("link") is True:
            continue
        folder, _, installed_as = key.rpartition("node_modules/")
        version = opt_str(entry.get("version"))
        if not installed_as or version is None or not _SEMVER.match(version):
            continue
        if not _from_registry(opt_str(entry.get("resolved"))):
            continue
        folder = folder.rstrip("/")
        if folder == "":
            direct = installed_as in declared_anywhere
        elif folder in declared:
            direct = installed_as in declared[folder]
        else:
            direct = False
        name = opt_str(entry.get("name")) or installed_as
        deps.append(Dependency(ECOSYSTEM, name, version, path, line, direct, entry.get("dev") is True))
    return deps


def _parse_tree(path: str, tree: dict[str, Any], lines: LineIndex) -> list[Dependency]:
    deps: list[Dependency] = []
    cursor = 0
    stack: list[tuple[str, Any]] = list(reversed(tree.items()))
    while stack:
        key, raw = stack.pop()
        line, cursor = find_json_key(lines, key, cursor, opens_object=True)
        entry = opt_dict(raw)
        stack.extend(reversed(opt_dict(entry.get("dependencies")).items()))
        version = opt_str(entry.get("version"))
        if version is None:
            continue
        real_name, version = _split_alias(version)
        if not _SEMVER.match(version) or not _from_registry(opt_str(entry.get("resolved"))):
            continue
        deps.append(
            Dependency(ECOSYSTEM, real_name or key, version, path, line, None, entry.get("dev") is True)
        )
    return deps


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    text = decode_strict(content)  # one copy of a lockfile's text serves the JSON parser and the lines
    data = load_json(text, warnings)
    if not isinstance(data, dict):
        raise LockfileError(f"expected a JSON object at the top, found {type(data).__name__}")
    lines = LineIndex(text)
    packages = data.get("packages")
    if isinstance(packages, dict):
        return _parse_packages(path, packages, lines)
    tree = data.get("dependencies")
    if isinstance(tree, dict):
        return _parse_tree(path, tree, lines)
    if "lockfileVersion" not in data:
        raise LockfileError("no lockfileVersion, packages or dependencies: not an npm lockfile")
    return []
