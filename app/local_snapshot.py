"""A `Snapshot` of a local directory, built with the same `Need` matching as the GitHub snapshot, for
`repo-hygiene check PATH`. Paths are relative and use `/`; files a need asks for are read up to that
need's `max_bytes` (larger ones go to `skipped` with the reason)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from checks.model import Need, RepoFacts, Snapshot

# Never part of a repository's tree (`.git` and friends), or installed packages that are never
# committed and can hold hundreds of thousands of files.
PRUNED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__"})
MAX_PATHS = 500_000


class SnapshotError(ValueError):
    pass


def walk(root: Path) -> list[str]:
    """Every regular file under `root` (relative, `/`-separated, sorted), pruning PRUNED_DIRS."""
    paths: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in PRUNED_DIRS)
        relative = Path(folder).relative_to(root).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        paths.extend(prefix + name for name in files)
        if len(paths) > MAX_PATHS:
            raise SnapshotError(f"{root} holds more than {MAX_PATHS:,} files; point at the project folder")
    return sorted(paths)


def local_snapshot(root: Path, needs: Iterable[Need]) -> Snapshot:
    if not root.is_dir():
        raise SnapshotError(f"{root} is not a directory")
    needs = tuple(needs)
    paths = walk(root)
    files: dict[str, bytes] = {}
    skipped: dict[str, str] = {}
    for path in paths:
        wanted = [n for n in needs if n.matches(path)]
        if not wanted:
            continue
        limit = max(n.max_bytes for n in wanted)
        target = root / path
        try:
            if target.is_symlink():
                skipped[path] = "symbolic link (not followed)"
                continue
            size = target.stat().st_size
            if size > limit:
                skipped[path] = f"too large ({size:,} bytes, limit {limit:,})"
                continue
            files[path] = target.read_bytes()
        except OSError as exc:
            skipped[path] = f"unreadable: {exc.strerror or exc}"
    facts = RepoFacts(owner="local", name=root.resolve().name, html_url=root.resolve().as_uri())
    return Snapshot(repo=facts, paths=tuple(paths), files=files, skipped=skipped)
