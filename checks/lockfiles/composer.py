"""`composer.lock`: `packages` (runtime) and `packages-dev` (dev).

Branch versions (`dev-main`, `1.x-dev`) and `path` packages are not releases and are skipped.
Versions are reported as written (`v1.2.3` keeps its `v`; the Packagist comparator normalises it).
The lockfile does not say which packages composer.json asked for: direct is None.
"""

from __future__ import annotations

from checks._lines import LineIndex
from checks.lockfiles._common import (
    LockfileError,
    find_json_key,
    find_json_member,
    load_json,
    opt_dict,
    opt_str,
)
from checks.model import Dependency

ECOSYSTEM = "Packagist"
_SECTIONS = (("packages", False), ("packages-dev", True))


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    data = load_json(content, warnings)
    if not isinstance(data, dict):
        raise LockfileError(f"expected a JSON object at the top, found {type(data).__name__}")
    if not any(section in data for section, _ in _SECTIONS):
        raise LockfileError("no `packages` or `packages-dev`: not a composer.lock")
    lines = LineIndex(content.decode("utf-8", errors="replace"))
    deps: list[Dependency] = []
    for section, dev in _SECTIONS:
        _, cursor = find_json_key(lines, section, 0)
        entries = data.get(section)
        for raw in entries if isinstance(entries, list) else []:
            entry = opt_dict(raw)
            name, version = opt_str(entry.get("name")), opt_str(entry.get("version"))
            if name is None:
                continue
            line, cursor = find_json_member(lines, "name", name, cursor)
            if version is None or version.startswith("dev-") or version.endswith("-dev"):
                continue
            if opt_dict(entry.get("dist")).get("type") == "path":
                continue
            deps.append(Dependency(ECOSYSTEM, name, version, path, line, None, dev))
    return deps
