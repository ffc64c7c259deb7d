"""`uv.lock`: `[[package]]` with `source = {registry = ...}`.

The project itself (`virtual`/`editable`/`directory` source) and git/url/path packages are skipped;
a package without `source` is read as a registry package.
Direct: named in a project package's `dependencies`, `optional-dependencies` or `dev-dependencies`.
Dev: reachable from the projects' dev groups but not from their runtime dependencies.
"""

from __future__ import annotations

from typing import Any

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
_PROJECT_SOURCES = ("virtual", "editable", "directory")
_NOT_REGISTRY = (*_PROJECT_SOURCES, "git", "url", "path")


def _names(entries: Any) -> set[str]:
    if not isinstance(entries, list):
        return set()
    return {
        canonicalize_name(e["name"])
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("name"), str)
    }


def _group_names(groups: Any) -> set[str]:
    return set().union(*(_names(v) for v in opt_dict(groups).values()))


def _reachable(graph: dict[str, set[str]], roots: set[str]) -> set[str]:
    seen, stack = set(roots), list(roots)
    while stack:
        for child in graph.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    data = load_toml(content)
    packages = toml_packages(data)
    graph: dict[str, set[str]] = {}
    prod_roots: set[str] = set()
    dev_roots: set[str] = set()
    for package in packages:
        name = opt_str(package.get("name"))
        if name is None:
            continue
        runtime = _names(package.get("dependencies")) | _group_names(package.get("optional-dependencies"))
        graph.setdefault(canonicalize_name(name), set()).update(runtime)
        if any(key in opt_dict(package.get("source")) for key in _PROJECT_SOURCES):
            prod_roots |= runtime
            dev_roots |= _group_names(package.get("dev-dependencies"))
    prod = _reachable(graph, prod_roots)
    dev_only = _reachable(graph, dev_roots) - prod
    deps: list[Dependency] = []
    for package, name, version, line in located_packages(content, packages):
        source = opt_dict(package.get("source"))
        if version is None or any(key in source for key in _NOT_REGISTRY):
            continue
        key = canonicalize_name(name)
        direct = key in prod_roots or key in dev_roots
        deps.append(Dependency(ECOSYSTEM, key, version, path, line, direct, key in dev_only))
    return deps
