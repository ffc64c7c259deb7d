"""pip `requirements*.txt`.

Not a lockfile: a requirement is reported with its version only when it is pinned exactly (`==X` or
`===X`, no wildcard); every other requirement is reported with `version=None` (unpinned), never a
guessed lower bound. Names are PEP 503-normalised. Environment markers do not drop a requirement (the
target environment is unknown). `-r` includes are read through the `read(path)` callback (paths inside
the repository only, loops and missing files become warnings); `-c` constraint files pin requirements
that are otherwise unpinned. `-e`, URL, path and `name @ url` requirements are not registry releases and
are skipped. Lines that cannot be read become warnings; the rest of the file still counts.
Direct: pip-compile's `# via -r ...` says direct, other `# via` comments say transitive; otherwise None.
Dev: the file name mentions dev or test.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from checks.lockfiles._common import decode_lenient
from checks.model import Dependency

ECOSYSTEM = "PyPI"
MAX_INCLUDE_DEPTH = 20
_COMMENT = re.compile(r"(^|\s)#.*$")
_OPTION_TAIL = re.compile(r"\s--?[A-Za-z]")
_INCLUDE = re.compile(r"^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s*)(\S+)")
_NAME_ONLY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")
_DEV_HINT = re.compile(r"dev|test", re.IGNORECASE)

Reader = Callable[[str], bytes | None]


@dataclass
class _Line:
    number: int
    text: str  # logical line: continuations joined, comment removed
    comment: str  # the comment text of a comment-only line


def _logical_lines(text: str) -> Iterator[_Line]:
    buffer: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.endswith("\\"):
            buffer.append(raw[:-1])
            continue
        buffer.append(raw)
        joined = " ".join(buffer)
        buffer = []
        stripped = joined.strip()
        if stripped.startswith("#"):
            yield _Line(start, "", stripped.lstrip("#").strip())
        else:
            yield _Line(start, _COMMENT.sub("", joined).strip(), "")
    if buffer:
        yield _Line(start, _COMMENT.sub("", " ".join(buffer)).strip(), "")


def _pinned_version(req: Requirement) -> str | None:
    for spec in req.specifier:
        if spec.operator in ("==", "===") and not spec.version.endswith("*"):
            return spec.version
    return None


def _read_requirement(text: str, path: str, number: int, warnings: list[str]) -> Requirement | str | None:
    """A Requirement, a name (unreadable version, e.g. `${VAR}`), or None (skipped)."""
    if text.startswith(("-e", "--editable")) or ("://" in text.split(";")[0] and "@" not in text):
        return None
    if text.startswith((".", "/")) or text.endswith((".whl", ".zip", ".tar.gz")):
        return None
    tail = _OPTION_TAIL.search(text)
    requirement_text = text[: tail.start()].strip() if tail else text
    if requirement_text.startswith("-"):
        return None  # a global option line (--index-url, --pre, -f ...)
    try:
        req = Requirement(requirement_text)
    except InvalidRequirement as exc:
        name = _NAME_ONLY.match(requirement_text)
        if name and "${" in requirement_text:
            warnings.append(f"{path}:{number}: version comes from an environment variable: unpinned")
            return name.group(1)
        warnings.append(f"{path}:{number}: could not read requirement {requirement_text!r}: {exc}")
        return None
    return None if req.url else req


class _Reader:
    def __init__(self, read: Reader | None, warnings: list[str]) -> None:
        self.read = read
        self.warnings = warnings
        self.visited: set[str] = set()
        self.constraints: dict[str, str] = {}

    def include(self, source: str, target: str) -> tuple[str, str] | None:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        if resolved.startswith("../") or resolved == ".." or posixpath.isabs(target) or "://" in target:
            self.warnings.append(f"{source}: include {target!r} is outside the repository: not read")
            return None
        if resolved in self.visited:
            return None  # already read (include loop or diamond)
        content = self.read(resolved) if self.read else None
        if content is None:
            self.warnings.append(
                f"{source}: included file {target!r} ({resolved}) not found in the repository"
            )
            return None
        return resolved, decode_lenient(content, self.warnings)

    def walk(self, path: str, text: str, depth: int, constraint: bool) -> list[Dependency]:
        self.visited.add(path)
        dev = bool(_DEV_HINT.search(posixpath.basename(path)))
        deps: list[Dependency] = []
        last: int | None = None  # index in deps of the requirement the next comments belong to
        via: list[str] = []

        def settle() -> None:
            if last is not None and via:
                deps[last] = replace(deps[last], direct=any(v.startswith("-r ") for v in via))

        for line in _logical_lines(text):
            if line.comment:
                body = line.comment.removeprefix("via").strip() if line.comment.startswith("via") else None
                if body is not None or via:
                    via.append(body if body is not None else line.comment)
                continue
            if not line.text:
                continue
            include = _INCLUDE.match(line.text)
            if include:
                settle()
                last, via = None, []
                found = self.include(path, include.group(2)) if depth < MAX_INCLUDE_DEPTH else None
                if found:
                    is_constraint = include.group(1) in ("-c", "--constraint")
                    deps.extend(self.walk(*found, depth + 1, constraint or is_constraint))
                continue
            req = _read_requirement(line.text, path, line.number, self.warnings)
            if req is None:
                continue
            settle()
            via = []
            if isinstance(req, str):
                name, version = canonicalize_name(req), None
            else:
                name, version = canonicalize_name(req.name), _pinned_version(req)
            if constraint:
                if version:
                    self.constraints.setdefault(name, version)
                last = None
                continue
            deps.append(Dependency(ECOSYSTEM, name, version, path, line.number, None, dev))
            last = len(deps) - 1
        settle()
        return deps


def parse(
    path: str, content: bytes, *, warnings: list[str] | None = None, read: Reader | None = None
) -> list[Dependency]:
    notes: list[str] = [] if warnings is None else warnings
    reader = _Reader(read, notes)
    deps = reader.walk(path, decode_lenient(content, notes), 0, constraint=False)
    if reader.constraints:
        deps = [
            replace(d, version=reader.constraints[d.name])
            if d.version is None and d.name in reader.constraints
            else d
            for d in deps
        ]
    return deps
