"""`yarn.lock`: classic v1 (custom indented format) and Berry v2+ (YAML with `__metadata`).

Keys are comma-joined descriptors (`name@range`); aliases (`alias@npm:real@range`) report the real
package. Only registry packages are reported: git, tarball-URL, `file:`, `link:`, `portal:`,
`patch:` and `workspace:` entries are skipped. v1 cannot tell direct from transitive (None); Berry
marks as direct the descriptors that a workspace entry depends on. Neither format records dev.
"""

from __future__ import annotations

import re
from typing import Any

from checks.lockfiles._common import LockfileError, decode_lenient, opt_dict, opt_str
from checks.lockfiles._yaml import load_yaml
from checks.lockfiles.npm import _SEMVER, _from_registry
from checks.model import Dependency

ECOSYSTEM = "npm"
_NON_REGISTRY_PROTOCOLS = (
    "workspace:",
    "file:",
    "link:",
    "portal:",
    "patch:",
    "exec:",
    "git",
    "http",
    "github:",
)


def _split_descriptor(descriptor: str) -> tuple[str, str]:
    """`@scope/name@^1` -> ("@scope/name", "^1"); `name` (no range) -> ("name", "")."""
    at = descriptor.find("@", 1)
    if at < 0:
        return descriptor, ""
    return descriptor[:at], descriptor[at + 1 :]


def _real_name(descriptor: str) -> tuple[str, str]:
    """(package name, range) with `npm:` aliases resolved to the real package."""
    name, spec = _split_descriptor(descriptor)
    if spec.startswith("npm:"):
        target = spec[4:]
        at = target.rfind("@")
        if at > 0:
            return target[:at], target[at + 1 :]
        if target and not target[0].isdigit() and target[0] not in "^~<>=*":
            return target, ""
        return name, target
    return name, spec


def _spec_is_registry(spec: str) -> bool:
    return not spec.startswith(_NON_REGISTRY_PROTOCOLS) and "/" not in spec and "#" not in spec


def _parse_v1(path: str, text: str) -> list[Dependency]:
    deps: list[Dependency] = []
    header: list[str] | None = None
    header_line = 0
    fields: dict[str, str] = {}

    def flush() -> None:
        if not header:
            return
        name = _real_name(header[0])[0]
        version = fields.get("version")
        if version is None or not _SEMVER.match(version):
            return
        if not all(_spec_is_registry(_real_name(d)[1]) for d in header):
            return
        if not _from_registry(fields.get("resolved")):
            return
        deps.append(Dependency(ECOSYSTEM, name, version, path, header_line, None, False))

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            flush()
            fields = {}
            if not line.rstrip().endswith(":"):
                raise LockfileError(f"line {number}: expected an entry header ending with ':'")
            header = [d.strip().strip('"') for d in line.rstrip()[:-1].split(",") if d.strip()]
            header_line = number
        elif header is not None and not line.startswith("    "):
            key, _, value = line.strip().partition(" ")
            fields[key.strip('"')] = value.strip().strip('"')
    flush()
    return deps


def _parse_berry(path: str, data: dict[str, Any], lines: dict[tuple[str, ...], int]) -> list[Dependency]:
    wanted_by_workspace: set[str] = set()
    for raw in data.values():
        entry = opt_dict(raw)
        if "@workspace:" in str(entry.get("resolution", "")):
            for dep_name, dep_range in opt_dict(entry.get("dependencies")).items():
                wanted_by_workspace.add(f"{dep_name}@{dep_range}")
    deps: list[Dependency] = []
    for key, raw in data.items():
        if key == "__metadata" or not isinstance(raw, dict):
            continue
        resolution = opt_str(raw.get("resolution"))
        version = raw.get("version")
        version = str(version) if isinstance(version, (str, int, float)) else None
        if resolution is None or version is None or not _SEMVER.match(version):
            continue
        name, protocol_and_version = _split_descriptor(resolution)
        if not protocol_and_version.startswith("npm:") or "::" in protocol_and_version:
            continue  # workspace:, git, file:, patch:, link:, portal: ...
        descriptors = [d.strip() for d in str(key).split(",")]
        direct = any(d in wanted_by_workspace for d in descriptors)
        deps.append(Dependency(ECOSYSTEM, name, version, path, lines.get((str(key),)), direct, False))
    return deps


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    text = decode_lenient(content, warnings)
    if re.search(r"^__metadata:", text, re.MULTILINE):
        data, lines = load_yaml(content, warnings)
        if not isinstance(data, dict):
            raise LockfileError("Berry yarn.lock is not a YAML mapping")
        return _parse_berry(path, data, lines)
    return _parse_v1(path, text)
