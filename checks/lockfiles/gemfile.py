"""`Gemfile.lock` / `gems.locked`.

Gems are read from the `specs:` of `GEM` sections (`    name (version[-platform])` at four
spaces); `GIT` and `PATH` gems are not RubyGems releases and are skipped. Sections may come in any
order. Direct: listed under `DEPENDENCIES`. Bundler does not record dev groups in the lockfile.
"""

from __future__ import annotations

import re

from checks.lockfiles._common import LockfileError, decode_lenient
from checks.model import Dependency

ECOSYSTEM = "RubyGems"
_SPEC = re.compile(r"^    (\S+) \(([^)]+)\)\s*$")
_DEPENDENCY = re.compile(r"^  ([^\s!(]+)")
_PLATFORM = re.compile(
    r"-(java|jruby|x86|x64|arm|aarch64|universal|i[3-6]86|ppc|s390|mswin|mingw|darwin|linux)"
)
_SECTIONS = {
    "GEM",
    "GIT",
    "PATH",
    "PLUGIN SOURCE",
    "PLATFORMS",
    "DEPENDENCIES",
    "RUBY VERSION",
    "BUNDLED WITH",
    "CHECKSUMS",
}


def parse(path: str, content: bytes, *, warnings: list[str] | None = None) -> list[Dependency]:
    section: str | None = None
    in_specs = False
    seen_section = False
    gems: list[tuple[str, str, int]] = []
    direct: set[str] = set()
    for number, line in enumerate(decode_lenient(content, warnings).splitlines(), start=1):
        if not line.strip():
            continue
        if not line[0].isspace():
            section = line.strip()
            in_specs = False
            if section not in _SECTIONS:
                raise LockfileError(f"line {number}: unknown section {section!r}: not a Gemfile.lock")
            seen_section = True
            continue
        if section == "GEM":
            if line.strip() == "specs:":
                in_specs = True
            elif in_specs and line.startswith("    ") and not line.startswith("     "):
                match = _SPEC.match(line)
                if match is None:
                    if warnings is not None:
                        warnings.append(f"line {number}: could not read gem spec {line.strip()!r}")
                    continue
                version = _PLATFORM.split(match.group(2), maxsplit=1)[0]
                gems.append((match.group(1), version, number))
        elif section == "DEPENDENCIES":
            match = _DEPENDENCY.match(line)
            if match:
                direct.add(match.group(1))
    if not seen_section and content.strip():
        raise LockfileError("no Gemfile.lock sections found")
    return [
        Dependency(ECOSYSTEM, name, version, path, line, name in direct, False)
        for name, version, line in gems
    ]
