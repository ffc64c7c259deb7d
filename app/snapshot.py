"""Build the `Snapshot` the checks read: the only place that reads repository content from GitHub.

One recursive tree read of the ref (paged by subtree when GitHub truncates it), then only the blobs
some `Need` matches, within its size limit, plus the same for the owner's `.github` repository
when a need asks for the org fallback. An empty repository (409) gives `repo.empty=True`.

Dependency files are parsed here (in a worker thread), once per blob: with a `BlobCache`, a blob whose
parse is known is not downloaded at all and its parse reaches the check through `Snapshot.parsed`; new
parses are stored. Files only needed `on_demand` (constraints files, go.sum) are downloaded when a
parser asks for one. A parse that read other files (a requirements `-r` include, a go.sum) depends on
more than its own blob and is never stored; when it includes a file whose download the cache saved,
that file is downloaded after all.

Each snapshot reads at most `ByteBudget.limit` blob bytes (`SCAN_BYTE_BUDGET`, default 64 MB). A blob
counts once however many paths share it, and is downloaded and parsed once. A file the budget (or its
own size limit) leaves unread is in `skipped` with the reason and, when it is a dependency file, in
`parsed` as a parse error, so the dependency check reports it as unreadable instead of ignoring it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import logging
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import anyio
from githubkit import GitHub
from githubkit_schemas.latest.models import FullRepository

from app.errors import EmptyRepository, NotFound
from app.github.batch_reads import RepoMeta
from app.github.gateway import CallCounter, RepoReader, TreeEntry
from app.settings import DEFAULT_SCAN_BYTE_BUDGET
from app.store.parse_cache import StoredParse
from checks import lockfiles
from checks.config import CONFIG_PATH
from checks.model import Dependency, Need, ParsedDependencies, RepoFacts, Snapshot

log = logging.getLogger(__name__)

MAX_TREE_CALLS = 50  # subtree reads allowed when the recursive tree comes back truncated
MAX_BLOBS = 300
BLOB_CONCURRENCY = 8
PARSER_REVISION = "1"  # bump to invalidate every cached parse
TEXT_PARSER = "config:text:1"  # small files read on every run, kept whole by blob sha
TEXT_CACHED = frozenset({CONFIG_PATH})
_SHA = re.compile(r"^[0-9a-f]{40}$")
DEFAULT_BYTE_BUDGET = DEFAULT_SCAN_BYTE_BUDGET
BUDGET_REASON_END = "byte budget"
RELEASE_AFTER = 8 * 1024 * 1024  # parsed bytes past which freed heap is returned to the system

Key = tuple[str, str]  # (blob sha, parser)


class BlobCache(Protocol):
    def load(self, keys: Iterable[Key]) -> dict[Key, StoredParse]: ...

    def save(self, parses: dict[Key, StoredParse]) -> None: ...


def _size_text(limit: int) -> str:
    mib = 1024 * 1024
    return f"{limit // mib} MB" if limit % mib == 0 else f"{limit:,} bytes"


@dataclass
class ByteBudget:
    """The blob bytes one snapshot may download. A blob sha is charged once, however many paths
    share it; one that does not fit is not downloaded (a later, smaller one may still fit)."""

    limit: int = DEFAULT_BYTE_BUDGET
    used: int = 0
    charged: set[str] = field(default_factory=set)

    @property
    def reason(self) -> str:
        return f"over the scan's {_size_text(self.limit)} {BUDGET_REASON_END}"

    def take(self, sha: str, size: int) -> bool:
        if sha in self.charged:
            return True
        if self.used + size > self.limit:
            return False
        self.used += size
        self.charged.add(sha)
        return True

    def settle(self, declared: int, actual: int) -> None:
        """Charge what a download really held when the tree's size understated it."""
        self.used += max(actual - declared, 0)


def over_budget(skipped: Mapping[str, str]) -> dict[str, str]:
    """The paths a snapshot left unread because its byte budget ran out, with the reason."""
    return {path: reason for path, reason in skipped.items() if reason.endswith(BUDGET_REASON_END)}


@dataclass(frozen=True)
class TreeRead:
    """Every blob of a commit (paths from the root); `incomplete` when paging gave up."""

    sha: str
    entries: tuple[TreeEntry, ...]
    incomplete: bool = False

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(e.path for e in self.entries)

    def by_path(self) -> dict[str, TreeEntry]:
        return {e.path: e for e in self.entries}


@dataclass
class FilesRead:
    files: dict[str, bytes] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    blob_shas: dict[str, str] = field(default_factory=dict)
    parsed: dict[str, ParsedDependencies] = field(default_factory=dict)


def repo_facts(
    repo: FullRepository | RepoMeta, *, head_sha: str | None = None, empty: bool = False
) -> RepoFacts:
    """The checks' view of a repository, from a REST answer or a batch read's (or webhook's) facts."""
    if isinstance(repo, RepoMeta):
        owner, private = repo.owner, repo.private
    else:
        owner, private = repo.owner.login, bool(repo.private)
    return RepoFacts(
        owner=owner,
        name=repo.name,
        default_branch=repo.default_branch or "main",
        head_sha=head_sha,
        archived=bool(repo.archived),
        fork=bool(repo.fork),
        private=private,
        empty=empty,
        html_url=repo.html_url,
    )


async def read_tree(reader: RepoReader, tree_ish: str) -> TreeRead:
    """Every blob entry under `tree_ish` (a commit sha, branch or tree sha)."""
    blobs: list[TreeEntry] = []
    calls = 0
    incomplete = False
    root_sha = ""
    pending: list[tuple[str, str, bool]] = [(tree_ish, "", True)]  # (tree-ish, path prefix, recursive)
    while pending:
        sha, prefix, recursive = pending.pop()
        if calls >= MAX_TREE_CALLS:
            incomplete = True
            break
        calls += 1
        tree = await reader.tree(sha, recursive=recursive)
        if not root_sha:
            root_sha = tree.sha
        if recursive and tree.truncated:
            # page by subtree: list this level alone, then each subtree recursively
            pending.append((sha, prefix, False))
            continue
        for entry in tree.entries:
            path = prefix + entry.path
            if entry.type == "blob":
                blobs.append(TreeEntry(path, entry.sha, entry.size, entry.mode, entry.type))
            elif entry.type == "tree" and not recursive:
                pending.append((entry.sha, path + "/", True))
    return TreeRead(root_sha, tuple(blobs), incomplete)


def parser_key(path: str) -> str:
    return f"deps:{path.rsplit('/', 1)[-1].lower()}:{PARSER_REVISION}"


def _parses_here(path: str) -> bool:
    return lockfiles.is_dependency_file(path)


def _encode(deps: Iterable[Dependency]) -> list[list[Any]]:
    return [[d.ecosystem, d.name, d.version, d.line, d.direct, d.dev] for d in deps]


def _decode(path: str, stored: StoredParse) -> ParsedDependencies:
    deps = tuple(
        Dependency(eco, name, version, path, line, direct, bool(dev))
        for eco, name, version, line, direct, dev in stored.data or []
    )
    return ParsedDependencies(stored.format, deps, stored.error)


def _select(
    entries: Iterable[TreeEntry], needs: tuple[Need, ...], exclude: Collection[str], out: FilesRead
) -> tuple[list[TreeEntry], dict[str, TreeEntry]]:
    """The entries to download, and the ones to download only if a parser asks for them (files only
    needed on demand, and the ones the caller excluded: it will not read them itself)."""
    wanted: list[TreeEntry] = []
    deferred: dict[str, TreeEntry] = {}
    for entry in entries:
        matching = [n for n in needs if n.matches(entry.path)]
        if not matching:
            continue
        limit = max(n.max_bytes for n in matching)
        size = entry.size or 0
        out.blob_shas[entry.path] = entry.sha
        if entry.mode == "120000":
            out.skipped[entry.path] = "symbolic link"
        elif size > limit:
            _not_read(out, entry.path, f"too large ({size} bytes > {limit})")
        elif len(wanted) >= MAX_BLOBS:
            out.skipped[entry.path] = f"more than {MAX_BLOBS} matching files"
        elif entry.path in exclude or all(n.on_demand for n in matching):
            deferred[entry.path] = entry
        else:
            wanted.append(entry)
    return wanted, deferred


def _not_read(out: FilesRead, path: str, reason: str) -> None:
    """Record why `path` was not downloaded; a dependency file also becomes an unreadable parse."""
    out.skipped[path] = reason
    fmt = lockfiles.detect_format(path)
    if fmt is not None:
        out.parsed[path] = ParsedDependencies(fmt, (), f"could not read {path}: {reason}")


def _cache_key(entry: TreeEntry) -> Key | None:
    if entry.path in TEXT_CACHED:
        return (entry.sha, TEXT_PARSER)
    if _parses_here(entry.path):
        return (entry.sha, parser_key(entry.path))
    return None


def _parse(path: str, files: Mapping[str, bytes]) -> tuple[ParsedDependencies, set[str]]:
    """Parse one file; also the other paths the parser asked for (its parse depends on them)."""
    asked: set[str] = set()

    def read(other: str) -> bytes | None:
        asked.add(other)
        return files.get(other)

    parsed, deps = lockfiles.parse_file(path, files[path], read)
    return ParsedDependencies(parsed.format, tuple(deps), parsed.error), asked


async def _download(
    reader: RepoReader, entries: Iterable[TreeEntry], out: FilesRead, budget: ByteBudget
) -> None:
    """Fetch each distinct blob once (every path sharing it gets the same bytes object), in tree
    order against the budget; blobs that do not fit are recorded as not read."""
    by_sha: dict[str, list[TreeEntry]] = {}
    for entry in entries:
        by_sha.setdefault(entry.sha, []).append(entry)
    wanted: dict[str, list[str]] = {}
    for sha, same in by_sha.items():
        declared = max(e.size or 0 for e in same)
        if budget.take(sha, declared):
            wanted[sha] = [e.path for e in same]
        else:
            for e in same:
                _not_read(out, e.path, budget.reason)
    declared_sizes = {sha: max(e.size or 0 for e in by_sha[sha]) for sha in wanted}
    limiter = anyio.Semaphore(BLOB_CONCURRENCY)

    async def fetch(sha: str, paths: list[str]) -> None:
        async with limiter:
            content = await reader.blob(sha)
        budget.settle(declared_sizes[sha], len(content))
        for path in paths:
            out.files[path] = content

    try:
        async with anyio.create_task_group() as tg:
            for sha, paths in wanted.items():
                tg.start_soon(fetch, sha, paths)
    except BaseExceptionGroup as group:  # the first failure says why (GitHubError and its status)
        raise group.exceptions[0] from None


def blobs_to_read(
    entries: Iterable[TreeEntry], needs: tuple[Need, ...], cache: BlobCache | None = None
) -> list[TreeEntry]:
    """The entries `read_files` would download up front: matched by a need, within its limits, and
    with no cached parse (a batch reader fetches these ahead, in few requests)."""
    wanted, _ = _select(entries, needs, (), FilesRead())
    keys = {entry.path: key for entry in wanted if (key := _cache_key(entry)) is not None}
    known = cache.load(set(keys.values())) if cache is not None and keys else {}
    return [entry for entry in wanted if keys.get(entry.path) not in known]


async def read_files(
    reader: RepoReader,
    entries: Iterable[TreeEntry],
    needs: tuple[Need, ...],
    *,
    cache: BlobCache | None = None,
    exclude: Collection[str] = (),
    budget: ByteBudget | None = None,
) -> FilesRead:
    """The blobs `needs` match (within limits, `exclude` left out), dependency files parsed."""
    budget = budget if budget is not None else ByteBudget()
    out = FilesRead()
    wanted, deferred = _select(entries, needs, exclude, out)
    keys = {entry.path: key for entry in wanted if (key := _cache_key(entry)) is not None}
    known = cache.load(set(keys.values())) if cache is not None and keys else {}
    saved: dict[str, TreeEntry] = {}  # dependency files not downloaded: their parse is known
    for entry in wanted:
        stored = known.get(keys.get(entry.path, ("", "")))
        if stored is None:
            continue
        if entry.path in TEXT_CACHED:
            out.files[entry.path] = str(stored.data).encode()
        else:
            out.parsed[entry.path] = _decode(entry.path, stored)
            saved[entry.path] = entry
    await _download(
        reader, (e for e in wanted if e.path not in out.files and e.path not in saved), out, budget
    )
    fresh: dict[Key, StoredParse] = {
        keys[e.path]: StoredParse("text", out.files[e.path].decode("utf-8", errors="replace"))
        for e in wanted
        if e.path in TEXT_CACHED and keys[e.path] not in known
    }
    fresh |= await _parse_downloaded(reader, out, keys, {**deferred, **saved}, budget)
    if cache is not None:
        cache.save(fresh)
    return out


def _release_freed_memory() -> None:
    """Hand the heap a large parse freed back to the system (glibc keeps it otherwise), so the
    worker's resident size falls back after a big file instead of staying at the parse's peak."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def _relocated(parsed: ParsedDependencies, source: str, path: str) -> ParsedDependencies:
    """`parsed` (the parse of `source`) as the parse of `path`, a path holding the same blob."""
    error = parsed.error.replace(source, path) if parsed.error else None
    deps = tuple(
        Dependency(d.ecosystem, d.name, d.version, path, d.line, d.direct, d.dev) for d in parsed.dependencies
    )
    return ParsedDependencies(parsed.format, deps, error)


def _parse_each(
    paths: list[str], files: Mapping[str, bytes], blob_of: Mapping[str, Key]
) -> dict[str, tuple[ParsedDependencies, set[str]]]:
    """Parse every path; a blob at several paths is parsed once when its parse read no other file
    (a parser is chosen by file name, so the key also holds the parser)."""
    out: dict[str, tuple[ParsedDependencies, set[str]]] = {}
    first_of: dict[Key, str] = {}
    for path in paths:
        key = blob_of.get(path)
        source = first_of.get(key) if key is not None else None
        if source is not None and not out[source][1]:
            out[path] = (_relocated(out[source][0], source, path), set())
            continue
        out[path] = _parse(path, files)
        if key is not None and source is None:
            first_of[key] = path
    return out


async def _parse_downloaded(
    reader: RepoReader,
    out: FilesRead,
    keys: Mapping[str, Key],
    unread: dict[str, TreeEntry],
    budget: ByteBudget,
) -> dict[Key, StoredParse]:
    """Parse the downloaded dependency files; the self-contained parses are returned for storing.
    `unread` are files not downloaded (on demand, or parsed before) that a parser may still ask for."""
    todo = sorted(p for p in out.files if _parses_here(p) and p not in out.parsed)
    blob_of = {p: (out.blob_shas[p], parser_key(p)) for p in todo if p in out.blob_shas}
    parses = await anyio.to_thread.run_sync(_parse_each, todo, out.files, blob_of)
    if sum(len(out.files[p]) for p in {blob_of.get(p, (p, "")): p for p in todo}.values()) > RELEASE_AFTER:
        _release_freed_memory()
    included = {p for _, asked in parses.values() for p in asked if p in unread}
    if included:  # asked for after all: download them and parse again
        await _download(reader, (unread[p] for p in included), out, budget)
        parses = await anyio.to_thread.run_sync(_parse_each, todo, out.files, blob_of)
    fresh: dict[Key, StoredParse] = {}
    for path, (parsed, asked) in parses.items():
        out.parsed[path] = parsed
        if not asked and path in keys and keys[path] not in fresh:
            fresh[keys[path]] = StoredParse(parsed.format, _encode(parsed.dependencies), parsed.error)
    return fresh


async def snapshot_of_tree(
    reader: RepoReader,
    facts: RepoFacts,
    tree: TreeRead,
    needs: tuple[Need, ...],
    *,
    cache: BlobCache | None = None,
    exclude: Collection[str] = (),
    org_files: Mapping[str, bytes] | None = None,
    budget: ByteBudget | None = None,
) -> Snapshot:
    read = await read_files(reader, tree.entries, needs, cache=cache, exclude=exclude, budget=budget)
    return Snapshot(
        repo=facts,
        paths=tree.paths,
        files=read.files,
        org_files=org_files or {},
        skipped=read.skipped,
        blob_shas=read.blob_shas,
        tree_truncated=tree.incomplete,
        parsed=read.parsed,
    )


async def _org_files(
    gh: GitHub[Any], owner: str, needs: tuple[Need, ...], counter: CallCounter, budget: ByteBudget
) -> dict[str, bytes]:
    reader = RepoReader(gh, owner, ".github", counter)
    try:
        repo = await reader.repository()
        tree = await read_tree(reader, await reader.ref_sha(repo.default_branch or "main"))
    except (NotFound, EmptyRepository):
        return {}
    read = await read_files(reader, tree.entries, needs, budget=budget)
    for path, reason in read.skipped.items():
        log.info("org file %s/.github/%s not read: %s", owner, path, reason)
    return read.files


async def fetch_snapshot(
    gh: GitHub[Any],
    owner: str,
    name: str,
    *,
    ref: str | None = None,
    needs: tuple[Need, ...],
    repo: FullRepository | RepoMeta | None = None,
    cache: BlobCache | None = None,
    counter: CallCounter | None = None,
    byte_budget: int = DEFAULT_BYTE_BUDGET,
) -> Snapshot:
    """The snapshot of `ref` (default branch), reading at most `byte_budget` blob bytes in all
    (the owner's `.github` files included)."""
    budget = ByteBudget(byte_budget)
    counter = counter or CallCounter()
    reader = RepoReader(gh, owner, name, counter)
    if repo is None:
        repo = await reader.repository()
    org_needs = tuple(n for n in needs if n.org_fallback)
    org_files = (
        await _org_files(gh, owner, org_needs, counter, budget)
        if org_needs and name.lower() != ".github"
        else {}
    )
    try:
        wanted = ref or repo.default_branch or "main"
        head = wanted if _SHA.match(wanted) else await reader.ref_sha(wanted)
        tree = await read_tree(reader, head)
    except EmptyRepository:
        return Snapshot(repo=repo_facts(repo, empty=True), org_files=org_files)
    except NotFound:
        if repo.empty if isinstance(repo, RepoMeta) else not repo.size:  # no default branch yet
            return Snapshot(repo=repo_facts(repo, empty=True), org_files=org_files)
        raise
    return await snapshot_of_tree(
        reader,
        repo_facts(repo, head_sha=head),
        tree,
        needs,
        cache=cache,
        org_files=org_files,
        budget=budget,
    )
