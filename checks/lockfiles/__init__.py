"""Dependency inventory: find the lockfiles and manifests of a snapshot and read them (pure, no I/O).

One parser module per format, each `parse(path, content, *, warnings=None) -> list[Dependency]`
raising only `LockfileError`. `parse_all` applies the skip rules (node_modules, vendored trees and
test fixtures by default, since fixture findings are the top complaint against other scanners),
npm's shrinkwrap-over-package-lock rule, and turns every failure into a `could not read X: why`
entry so that one broken file never costs the others.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from checks.lockfiles import (
    cargo,
    composer,
    gemfile,
    gomod,
    npm,
    pdm,
    pipfile,
    pnpm,
    poetry,
    requirements,
    uv,
    yarn,
)
from checks.lockfiles._common import MAX_FILE_BYTES, LockfileError
from checks.model import Dependency, Need, ParsedDependencies

__all__ = [
    "LOCKFILE_PATTERNS",
    "MAX_FILE_BYTES",
    "Inventory",
    "LockfileError",
    "ParsedFile",
    "default_skip",
    "detect_format",
    "is_dependency_file",
    "needs",
    "parse_all",
    "parse_file",
    "redact",
    "select_files",
]


class Parser(Protocol):
    def __call__(
        self, path: str, content: bytes, *, warnings: list[str] | None = None
    ) -> list[Dependency]: ...


# basename (lower case) -> (format name, parser)
FORMATS: dict[str, tuple[str, Parser]] = {
    "package-lock.json": ("npm-package-lock", npm.parse),
    "npm-shrinkwrap.json": ("npm-shrinkwrap", npm.parse),
    "yarn.lock": ("yarn", yarn.parse),
    "pnpm-lock.yaml": ("pnpm", pnpm.parse),
    "poetry.lock": ("poetry", poetry.parse),
    "pipfile.lock": ("pipfile", pipfile.parse),
    "uv.lock": ("uv", uv.parse),
    "pdm.lock": ("pdm", pdm.parse),
    "go.mod": ("go.mod", gomod.parse),
    "cargo.lock": ("cargo", cargo.parse),
    "gemfile.lock": ("gemfile", gemfile.parse),
    "gems.locked": ("gemfile", gemfile.parse),
    "composer.lock": ("composer", composer.parse),
}
REQUIREMENTS_FORMAT = "requirements"

# fnmatch patterns on the full path (Need.matches); `detect_format` then checks the base name.
LOCKFILE_PATTERNS: tuple[str, ...] = (
    *(f"*{name}" for name in FORMATS),
    "*requirements*.txt",
    "*requirements/*.txt",
)
# Fetched only to complete another file (`-r`/`-c` includes, go.sum of Go <= 1.16 modules).
_INCLUDE_ONLY_PATTERNS = ("*constraints*.txt", "*go.sum")

_NOT_OURS = ("node_modules",)
_VENDORED = ("vendor", "third_party")
_FIXTURES = ("test", "tests", "testdata", "fixtures", "__fixtures__", "examples")


def detect_format(path: str) -> str | None:
    base = posixpath.basename(path).lower()
    if base in FORMATS:
        return FORMATS[base][0]
    parent = posixpath.basename(posixpath.dirname(path)).lower()
    if base.endswith(".txt") and ("requirements" in base or parent == "requirements"):
        return REQUIREMENTS_FORMAT
    return None


def is_dependency_file(path: str) -> bool:
    return detect_format(path) is not None


def needs() -> tuple[Need, ...]:
    return (
        *(Need(pattern, max_bytes=MAX_FILE_BYTES) for pattern in LOCKFILE_PATTERNS),
        *(Need(pattern, max_bytes=MAX_FILE_BYTES, on_demand=True) for pattern in _INCLUDE_ONLY_PATTERNS),
    )


def default_skip(path: str, *, skip_paths: Iterable[str] = (), include_fixtures: bool = False) -> str | None:
    """Why `path` is not scanned, or None. `skip_paths` are globs (`*` spans folders; `dir/` = prefix)."""
    for pattern in skip_paths:
        if pattern.endswith("/"):
            hit = path.startswith(pattern) or f"/{pattern}" in f"/{path}"
        else:
            hit = fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern.rstrip("/") + "/*")
        if hit:
            return f"matches skip_paths pattern {pattern!r}"
    folders = path.split("/")[:-1]
    for folder in folders:
        lowered = folder.lower()
        if lowered in _NOT_OURS:
            return f"inside {folder}/ (installed packages, not the project's own lockfile)"
        if lowered in _VENDORED:
            return f"inside {folder}/ (vendored code)"
        if lowered in _FIXTURES and not include_fixtures:
            return f"inside {folder}/ (test fixtures and examples are skipped unless include_fixtures)"
    return None


@dataclass(frozen=True, slots=True)
class ParsedFile:
    path: str
    format: str
    count: int
    error: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class Inventory:
    dependencies: list[Dependency] = field(default_factory=list)
    files: list[ParsedFile] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> dict[str, str]:
        return {f.path: f.error for f in self.files if f.error}


_URL_CREDENTIALS = re.compile(r"(?i)([a-z][a-z0-9+.-]*://)[^/@\s]+@")


def redact(message: str) -> str:
    """Messages quote file content; credentials in URLs (`https://user:token@host`) never leave."""
    return _URL_CREDENTIALS.sub(r"\1***@", message)


def parse_file(
    path: str, content: bytes, read: Callable[[str], bytes | None] | None = None
) -> tuple[ParsedFile, list[Dependency]]:
    """Read one file; never raises. `read` fetches other repository files (includes, go.sum)."""
    fmt = detect_format(path)
    if fmt is None:
        return ParsedFile(path, "unknown", 0, f"could not read {path}: not a known dependency file"), []
    warnings: list[str] = []
    try:
        if fmt == REQUIREMENTS_FORMAT:
            deps = requirements.parse(path, content, warnings=warnings, read=read)
        elif fmt == "go.mod":
            deps = gomod.parse(path, content, warnings=warnings, read=read)
        else:
            deps = FORMATS[posixpath.basename(path).lower()][1](path, content, warnings=warnings)
    except LockfileError as exc:
        error = f"could not read {path}: {exc}"
    except Exception as exc:  # a parser bug must cost one file, never the scan
        error = f"could not read {path}: internal parser error ({type(exc).__name__}: {exc})"
    else:
        return ParsedFile(path, fmt, len(deps), None, tuple(redact(w) for w in warnings)), deps
    return ParsedFile(path, fmt, 0, redact(error), tuple(redact(w) for w in warnings)), []


SHRINKWRAP_RULE = "npm-shrinkwrap.json in the same folder takes precedence (npm's rule)"


def select_files(
    paths: Iterable[str], *, skip_paths: Iterable[str] = (), include_fixtures: bool = False
) -> tuple[list[str], dict[str, str]]:
    """The dependency files among `paths` to read (sorted), and the skipped ones with the reason:
    `default_skip` and npm's rule that a shrinkwrap shadows the package-lock beside it."""
    skip_paths = tuple(skip_paths)
    candidates = sorted({p for p in paths if is_dependency_file(p)})
    lowered = {p.lower() for p in candidates}
    kept: list[str] = []
    skipped: dict[str, str] = {}
    for path in candidates:
        reason = default_skip(path, skip_paths=skip_paths, include_fixtures=include_fixtures)
        folder, base = posixpath.split(path)
        shrinkwrap = posixpath.join(folder, "npm-shrinkwrap.json").lower()
        if reason is None and base.lower() == "package-lock.json" and shrinkwrap in lowered:
            reason = SHRINKWRAP_RULE
        if reason is not None:
            skipped[path] = reason
        else:
            kept.append(path)
    return kept, skipped


def parse_all(
    files: Mapping[str, bytes],
    *,
    skip_paths: Iterable[str] = (),
    include_fixtures: bool = False,
    parsed: Mapping[str, ParsedDependencies] | None = None,
    paths: Iterable[str] = (),
) -> Inventory:
    """Every dependency file of `files` and `parsed` (a parse known already: used as is), after
    `select_files`; `paths` (the whole tree) only widens what is reported as skipped."""
    parsed = parsed or {}
    kept, skipped = select_files(
        {*files, *parsed, *paths}, skip_paths=skip_paths, include_fixtures=include_fixtures
    )
    inventory = Inventory(skipped=skipped)
    seen: set[Dependency] = set()
    for path in kept:
        known = parsed.get(path)
        if known is not None:
            deps = list(known.dependencies)
            inventory.files.append(ParsedFile(path, known.format, len(deps), known.error))
        elif path in files:
            parsed_file, deps = parse_file(path, files[path], files.get)
            inventory.files.append(parsed_file)
        else:
            continue  # in the tree but not fetched (too large, a symbolic link): not read
        if inventory.files[-1].format != REQUIREMENTS_FORMAT:  # no includes: nothing is read twice
            inventory.dependencies.extend(deps)
            continue
        for dep in deps:  # a requirements file included by another one is read twice: keep one
            if dep not in seen:
                seen.add(dep)
                inventory.dependencies.append(dep)
    return inventory
