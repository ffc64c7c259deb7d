"""`Pipfile.lock`: JSON `default` (runtime) and `develop` (dev) sections, versions as `==X`.

Git, path and editable entries have no `version` and are skipped. The lockfile holds the whole
resolved set without saying which were asked for: direct is None.
"""

from __future__ import annotations

from packaging.utils import canonicalize_name

from checks._lines import LineIndex
from checks.lockfiles._common import LockfileError, find_json_key, load_json, opt_dict, opt_str
from checks.model import Dependency

ECOSYSTEM = "PyPI"
_SECTIONS = (("default", False), ("develop", True))


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    data = load_json(content, warnings)
    if not isinstance(data, dict):
        raise LockfileError(f"expected a JSON object at the top, found {type(data).__name__}")
    if not any(section in data for section, _ in _SECTIONS):
        raise LockfileError("no `default` or `develop` section: not a Pipfile.lock")
    lines = LineIndex(content.decode("utf-8", errors="replace"))
    deps: list[Dependency] = []
    for section, dev in _SECTIONS:
        _, cursor = find_json_key(lines, section, 0)
        for name, raw in opt_dict(data.get(section)).items():
            line, cursor = find_json_key(lines, name, cursor, opens_object=True)
            version = opt_str(opt_dict(raw).get("version"))
            if version is None or not version.startswith("=="):
                continue
            version = version.lstrip("=").strip()
            deps.append(Dependency(ECOSYSTEM, canonicalize_name(name), version, path, line, None, dev))
    return deps
