"""`Cargo.lock`: `[[package]]` name/version/source.

Packages without `source` are the workspace's own crates (skipped); git and path sources are not
crates.io releases (skipped); `registry+` and `sparse+` sources are read. Direct: named in the
`dependencies` of a workspace crate. Cargo.lock does not record dev-dependencies apart: dev is False.
"""

from __future__ import annotations

from checks.lockfiles._common import (
    load_toml,
    located_packages,
    opt_str,
    toml_packages,
)
from checks.model import Dependency

ECOSYSTEM = "crates.io"
_REGISTRY = ("registry+", "sparse+")


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    data = load_toml(content)
    packages = toml_packages(data)
    wanted_by_workspace: set[str] = set()
    for package in packages:
        if "source" not in package and isinstance(package.get("dependencies"), list):
            wanted_by_workspace |= {d.split()[0] for d in package["dependencies"] if isinstance(d, str) and d}
    deps: list[Dependency] = []
    for package, name, version, line in located_packages(content, packages):
        source = opt_str(package.get("source"))
        if version is None or source is None or not source.startswith(_REGISTRY):
            continue
        deps.append(Dependency(ECOSYSTEM, name, version, path, line, name in wanted_by_workspace, False))
    return deps
