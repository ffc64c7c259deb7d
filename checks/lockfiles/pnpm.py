"""`pnpm-lock.yaml` v5.x, v6, v9.

Package keys differ per version: `/name/1.2.3_peer@1.0.0` (5.x), `/name@1.2.3(peer@1.0.0)` (6.x),
`name@1.2.3(peer@1.0.0)` (9.x, peers resolved under `snapshots`). A `name`/`version` inside the entry
wins over the key (tarball entries). Git and codeload tarballs, `link:` and `file:` entries are
skipped. Direct: the versions the importers (root `dependencies` in 5.x/6.x) resolve to. Dev: the
entry's `dev` flag (5.x/6.x); in 9.x, packages reachable only from `devDependencies` through the
`snapshots` graph.
"""

from __future__ import annotations

import re
from typing import Any

from checks.lockfiles._common import LockfileError, opt_dict, opt_str
from checks.lockfiles._yaml import load_yaml
from checks.lockfiles.npm import _SEMVER, _from_registry
from checks.model import Dependency

ECOSYSTEM = "npm"
_REGISTRY_HOSTS = ("registry.npmjs.org/", "registry.yarnpkg.com/")
_PROD_GROUPS = ("dependencies", "optionalDependencies")
_DEV_GROUPS = ("devDependencies",)
_NPM_NAME = re.compile(r"^(?:@[^/@\s]+/)?[^/@\s]+$")
_PEERS = re.compile(r"[(_].*$")


def parse_key(key: str) -> tuple[str, str] | None:
    """(name, version) from a packages/snapshots key of any lockfile version, or None."""
    for host in _REGISTRY_HOSTS:
        if key.startswith(host):
            key = "/" + key[len(host) :]
    if not key.startswith("/") and "." in key.split("/", 1)[0] and "@" not in key.split("/", 1)[0]:
        key = "/" + key.split("/", 1)[-1]  # another registry's host: `example.com/foo/1.2.0`
    key = key.removeprefix("/")
    at = key.find("@", 1)
    if at > 0:
        name, version = key[:at], key[at + 1 :].split("(", 1)[0]
        if _NPM_NAME.match(name) and _SEMVER.match(version):
            return name, version
    name, _, version = key.rpartition("/")
    version = version.split("_", 1)[0]
    if _NPM_NAME.match(name) and _SEMVER.match(version):
        return name, version
    return None


def _resolved_ref(alias: str, ref: Any) -> tuple[str, str] | None:
    """What an importer or snapshot dependency (`alias: version-or-key`) points at."""
    if isinstance(ref, dict):
        ref = ref.get("version")
    if not isinstance(ref, (str, int, float)):
        return None
    ref = str(ref)
    if ref.startswith(("link:", "file:")):
        return None
    if ref.startswith("/") or not ref[:1].isdigit():
        return parse_key(ref)
    version = _PEERS.sub("", ref)
    return (alias, version) if _SEMVER.match(version) else None


def _importers(data: dict[str, Any]) -> list[dict[str, Any]]:
    importers = data.get("importers")
    if isinstance(importers, dict):
        return [opt_dict(v) for v in importers.values()]
    return [data]  # 5.x/6.x single-project lockfiles keep the groups at the top


def _roots(data: dict[str, Any], groups: tuple[str, ...]) -> set[tuple[str, str]]:
    roots: set[tuple[str, str]] = set()
    for importer in _importers(data):
        for group in groups:
            for alias, ref in opt_dict(importer.get(group)).items():
                target = _resolved_ref(str(alias), ref)
                if target:
                    roots.add(target)
    return roots


def _reachable(
    graph: dict[tuple[str, str], set[tuple[str, str]]], roots: set[tuple[str, str]]
) -> set[tuple[str, str]]:
    seen = set(roots)
    stack = list(roots)
    while stack:
        for child in graph.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _graph(data: dict[str, Any]) -> dict[tuple[str, str], set[tuple[str, str]]]:
    graph: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for key, raw in opt_dict(data.get("snapshots") or data.get("packages")).items():
        node = parse_key(str(key))
        if node is None:
            continue
        edges = graph.setdefault(node, set())
        entry = opt_dict(raw)
        for group in _PROD_GROUPS:
            for alias, ref in opt_dict(entry.get(group)).items():
                target = _resolved_ref(str(alias), ref)
                if target:
                    edges.add(target)
    return graph


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    data, lines = load_yaml(content, warnings)
    if data is None:
        return []
    if not isinstance(data, dict) or "lockfileVersion" not in data:
        raise LockfileError("no lockfileVersion: not a pnpm lockfile")
    direct = _roots(data, _PROD_GROUPS + _DEV_GROUPS)
    has_dev_flags = any(isinstance(v, dict) and "dev" in v for v in opt_dict(data.get("packages")).values())
    prod_reachable: set[tuple[str, str]] = set()
    dev_reachable: set[tuple[str, str]] = set()
    if not has_dev_flags:
        graph = _graph(data)
        prod_reachable = _reachable(graph, _roots(data, _PROD_GROUPS))
        dev_reachable = _reachable(graph, _roots(data, _DEV_GROUPS)) - prod_reachable
    deps: list[Dependency] = []
    for key, raw in opt_dict(data.get("packages")).items():
        entry = opt_dict(raw)
        resolution = opt_dict(entry.get("resolution"))
        if resolution.get("type") in ("git", "directory") or not _from_registry(
            opt_str(resolution.get("tarball"))
        ):
            continue
        parsed = parse_key(str(key))
        name = opt_str(entry.get("name")) or (parsed[0] if parsed else None)
        version = str(entry["version"]) if "version" in entry else (parsed[1] if parsed else None)
        if name is None or version is None or not _SEMVER.match(version):
            continue
        dev = entry.get("dev") is True if has_dev_flags else (name, version) in dev_reachable
        line = lines.get(("packages", str(key)))
        deps.append(Dependency(ECOSYSTEM, name, version, path, line, (name, version) in direct, dev))
    return deps
