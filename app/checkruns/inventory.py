"""Dependency files of one commit -> dependencies, parsing each blob once (cached by blob SHA).

The parsers are the lockfiles workstream's (`checks.lockfiles`). Each file is parsed on its own so
its parse can be cached by blob SHA; a requirements `-r` include is therefore not followed here
(the included file is normally a dependency file itself and is read on its own).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.checkruns.reader import MAX_BLOB_BYTES, GitHubReader, Tree, TreeEntry
from app.checkruns.store import cached_blobs, save_blob
from checks import lockfiles
from checks.model import Dependency

PARSER_REVISION = "1"  # bump to invalidate every cached parse


@dataclass(frozen=True)
class FileInventory:
    path: str
    blob_sha: str
    format: str
    dependencies: tuple[Dependency, ...]
    error: str | None = None


def select_files(
    tree: Tree, *, skip_paths: Sequence[str] = (), include_fixtures: bool = False
) -> tuple[list[TreeEntry], dict[str, str]]:
    """The dependency files to read, and the skipped ones with the reason (npm's shrinkwrap rule too)."""
    candidates = [e for e in tree.entries if lockfiles.is_dependency_file(e.path)]
    lowered = {e.path.lower() for e in candidates}
    kept: list[TreeEntry] = []
    skipped: dict[str, str] = {}
    for entry in candidates:
        reason = lockfiles.default_skip(entry.path, skip_paths=skip_paths, include_fixtures=include_fixtures)
        folder, base = posixpath.split(entry.path)
        shrinkwrap = posixpath.join(folder, "npm-shrinkwrap.json").lower()
        if reason is None and base.lower() == "package-lock.json" and shrinkwrap in lowered:
            reason = "npm-shrinkwrap.json in the same folder takes precedence (npm's rule)"
        if reason is not None:
            skipped[entry.path] = reason
        else:
            kept.append(entry)
    return kept, skipped


def parser_key(path: str) -> str:
    return f"deps:{posixpath.basename(path).lower()}:{PARSER_REVISION}"


def _encode(deps: Iterable[Dependency]) -> list[list[Any]]:
    return [[d.ecosystem, d.name, d.version, d.line, d.direct, d.dev] for d in deps]


def _decode(path: str, rows: list[list[Any]]) -> tuple[Dependency, ...]:
    return tuple(
        Dependency(eco, name, version, path, line, direct, bool(dev))
        for eco, name, version, line, direct, dev in rows
    )


def parse_blob(path: str, content: bytes) -> tuple[str, list[Dependency], str | None]:
    parsed, deps = lockfiles.parse_file(path, content, None)
    return parsed.format, deps, parsed.error


async def read_inventory(
    reader: GitHubReader, session: Session, entries: Sequence[TreeEntry]
) -> list[FileInventory]:
    """Parse each entry, from the cache when this blob was parsed before; new parses are stored.

    No transaction stays open while blobs are downloaded: the cache is read, the transaction ended,
    the missing blobs fetched and parsed, then stored in one short write."""
    cache = cached_blobs(session, {(e.sha, parser_key(e.path)) for e in entries})
    session.rollback()
    fresh: dict[tuple[str, str], tuple[str, list[Dependency], str | None]] = {}
    for entry in entries:
        key = (entry.sha, parser_key(entry.path))
        if key in cache or key in fresh:
            continue
        if entry.size is not None and entry.size > MAX_BLOB_BYTES:
            fresh[key] = (
                "",
                [],
                f"could not read {entry.path}: {entry.size} bytes is over the {MAX_BLOB_BYTES} byte limit",
            )
        else:
            fresh[key] = parse_blob(entry.path, await reader.blob(entry.sha))
    for (sha, parser), (fmt, deps, error) in fresh.items():
        save_blob(session, sha, parser, fmt, _encode(deps), error)
    session.commit()
    out: list[FileInventory] = []
    for entry in entries:
        key = (entry.sha, parser_key(entry.path))
        row = cache.get(key)
        if row is not None:
            deps_at = _decode(entry.path, row.data)
            out.append(FileInventory(entry.path, entry.sha, row.format, deps_at, row.error))
        else:
            fmt, deps, error = fresh[key]
            out.append(FileInventory(entry.path, entry.sha, fmt, tuple(_relocate(deps, entry.path)), error))
    return out


def _relocate(deps: Iterable[Dependency], path: str) -> list[Dependency]:
    return [
        d if d.file == path else Dependency(d.ecosystem, d.name, d.version, path, d.line, d.direct, d.dev)
        for d in deps
    ]
