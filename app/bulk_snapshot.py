"""Snapshots of many repositories of one installation at once, for bulk scans (an installation's
first scan, a full rescan).

Per group of `REPOS_PER_QUERY` repositories: one GraphQL query reads every repository's flags and
default-branch head (no `GET /repositories/{id}`, no `GET .../git/ref`); GraphQL tree queries list
their paths (the checks match patterns, so the paths must be known), `TREE_DEPTH` directory levels
deep, and a deeper repository's tree is one REST read; then the small blobs the checks need, across
the whole group, come from GraphQL by oid (`BLOBS_PER_QUERY` per query).
What GraphQL cannot give falls back to REST per blob through the same `app/snapshot.py` reader: blobs
over `TEXT_LIMIT` bytes (large lockfiles), binary ones, and any text whose git blob id does not match.
The owner's `.github` files (org fallbacks) are read once per owner, not once per repository.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import anyio
from githubkit import GitHub

from app.errors import EmptyRepository, NotFound
from app.github.batch_reads import REPOS_PER_QUERY, BatchReader, RepoMeta
from app.github.gateway import CallCounter, RepoReader
from app.snapshot import (
    DEFAULT_BYTE_BUDGET,
    BlobCache,
    ByteBudget,
    TreeRead,
    blobs_to_read,
    read_files,
    read_tree,
    repo_facts,
    snapshot_of_tree,
)
from checks.model import Need, RepoFacts, Snapshot

log = logging.getLogger(__name__)

TEXT_LIMIT = 100_000  # bytes; larger blobs are read over REST
TREE_CONCURRENCY = 8
# REST calls a group is charged per repository before it starts: its tree, and room for a large blob
# or the pull request's writes. A group's trees are read before any of its snapshots is built.
REST_CALLS_PER_REPOSITORY = 2
ORG_REPO = ".github"


class PrefetchedReader(RepoReader):
    """A repository reader that answers blobs already read in a batch without a request."""

    def __init__(
        self,
        gh: GitHub[Any],
        owner: str,
        name: str,
        counter: CallCounter,
        prefetched: Mapping[str, bytes],
    ) -> None:
        super().__init__(gh, owner, name, counter)
        self.prefetched = prefetched

    async def blob(self, sha: str) -> bytes:
        known = self.prefetched.get(sha)
        return known if known is not None else await super().blob(sha)


def facts_of(meta: RepoMeta, *, empty: bool = False) -> RepoFacts:
    return repo_facts(meta, head_sha=None if empty else meta.head_sha, empty=empty)


@dataclass(frozen=True)
class BulkRead:
    """One repository of a bulk read: its metadata (None: GitHub does not resolve it) and its snapshot
    (None when there is none to take: not found, or archived, which scans skip)."""

    owner: str
    name: str
    meta: RepoMeta | None
    snapshot: Snapshot | None


class BulkSnapshots:
    def __init__(
        self,
        gh: GitHub[Any],
        needs: tuple[Need, ...],
        *,
        cache: BlobCache | None = None,
        counter: CallCounter | None = None,
        byte_budget: int = DEFAULT_BYTE_BUDGET,
        pull_request_branch: str | None = None,
        allowance: Callable[[], int | None] | None = None,
    ) -> None:
        """`allowance`: the REST calls the reads may still spend (None: no limit known), asked
        before each group; a group is cut to fit it, and at none the read stops (`stopped_by_budget`)."""
        self.gh = gh
        self.allowance = allowance
        self.stopped_by_budget = False
        self.pull_request_branch = pull_request_branch
        self.needs = needs
        self.org_needs = tuple(n for n in needs if n.org_fallback)
        self.cache = cache
        self.counter = counter or CallCounter()
        self.byte_budget = byte_budget
        self.batch = BatchReader(gh, self.counter)
        self.org_files: dict[str, dict[str, bytes]] = {}  # by owner, lower-cased

    async def read(self, repos: Sequence[tuple[str, str]]) -> AsyncGenerator[BulkRead, None]:
        """Each (owner, name)'s read, group by group. A group's trees and small blobs are held while
        it is read; each snapshot is built when its turn comes (the caller is done with the last)."""
        start = 0
        while start < len(repos):
            size = self._group_size()
            if size == 0:
                self.stopped_by_budget = True
                return
            group = list(repos[start : start + size])
            start += size
            async for read in self._group(group):
                yield read

    def _group_size(self) -> int:
        left = self.allowance() if self.allowance is not None else None
        if left is None:
            return REPOS_PER_QUERY
        return max(0, min(REPOS_PER_QUERY, left // REST_CALLS_PER_REPOSITORY))

    async def _group(self, group: list[tuple[str, str]]) -> AsyncIterator[BulkRead]:
        owners = {o.lower(): o for o, _ in group}
        org_repos = [
            (o, ORG_REPO) for key, o in owners.items() if key not in self.org_files and self.org_needs
        ]
        org_only = {r for r in org_repos if r not in group}
        metas = await self.batch.repositories(group + sorted(org_only), head_branch=self.pull_request_branch)
        to_read = [m for key, m in metas.items() if m is not None and (key in org_only or not m.archived)]
        trees = await self._trees(to_read)
        prefetched = await self._prefetch(trees, org_only)
        for owner, name in org_repos:
            self.org_files[owner.lower()] = await self._org_files(metas.get((owner, name)), trees, prefetched)
        for owner, name in group:
            meta = metas.get((owner, name))
            snapshot = None
            if meta is not None and not meta.archived:
                snapshot = await self._snapshot(meta, trees.get((owner, name)), prefetched)
            yield BulkRead(owner, name, meta, snapshot)

    async def _trees(self, metas: list[RepoMeta]) -> dict[tuple[str, str], TreeRead]:
        """Each repository's files: listed by GraphQL when its tree is shallow enough, else over REST."""
        heads = [(m.owner, m.name, m.head_sha) for m in metas if not m.empty and m.head_sha is not None]
        listed = await self.batch.trees(heads) if heads else {}
        trees = {key: TreeRead(tree.sha, tree.entries) for key, tree in listed.items()}
        limiter = anyio.Semaphore(TREE_CONCURRENCY)

        async def one(meta: RepoMeta) -> None:
            if meta.empty or meta.head_sha is None:
                return
            async with limiter:
                try:
                    trees[(meta.owner, meta.name)] = await read_tree(
                        RepoReader(self.gh, meta.owner, meta.name, self.counter), meta.head_sha
                    )
                except (EmptyRepository, NotFound):
                    log.info("%s/%s: no tree at %s", meta.owner, meta.name, meta.head_sha)

        async with anyio.create_task_group() as tg:
            for meta in metas:
                if (meta.owner, meta.name) not in trees:
                    tg.start_soon(one, meta)
        return trees

    async def _prefetch(
        self, trees: Mapping[tuple[str, str], TreeRead], org_only: set[tuple[str, str]]
    ) -> dict[str, bytes]:
        wanted: list[tuple[str, str, str]] = []
        for (owner, name), tree in trees.items():
            needs = self.org_needs if (owner, name) in org_only else self.needs
            for entry in blobs_to_read(
                tree.entries, needs, None if (owner, name) in org_only else self.cache
            ):
                if (entry.size or 0) <= TEXT_LIMIT:
                    wanted.append((owner, name, entry.sha))
        return await self.batch.blobs(wanted) if wanted else {}

    def _reader(self, owner: str, name: str, prefetched: Mapping[str, bytes]) -> PrefetchedReader:
        return PrefetchedReader(self.gh, owner, name, self.counter, prefetched)

    async def _org_files(
        self,
        meta: RepoMeta | None,
        trees: Mapping[tuple[str, str], TreeRead],
        prefetched: Mapping[str, bytes],
    ) -> dict[str, bytes]:
        tree = trees.get((meta.owner, meta.name)) if meta is not None else None
        if meta is None or tree is None:
            return {}
        reader = self._reader(meta.owner, meta.name, prefetched)
        read = await read_files(reader, tree.entries, self.org_needs, budget=ByteBudget(self.byte_budget))
        for path, reason in read.skipped.items():
            log.info("org file %s/.github/%s not read: %s", meta.owner, path, reason)
        return read.files

    async def _snapshot(
        self, meta: RepoMeta, tree: TreeRead | None, prefetched: Mapping[str, bytes]
    ) -> Snapshot:
        org_files = {} if meta.name.lower() == ORG_REPO else self.org_files.get(meta.owner.lower(), {})
        if tree is None:
            return Snapshot(repo=facts_of(meta, empty=True), org_files=org_files)
        return await snapshot_of_tree(
            self._reader(meta.owner, meta.name, prefetched),
            facts_of(meta),
            tree,
            self.needs,
            cache=self.cache,
            org_files=org_files,
            budget=ByteBudget(self.byte_budget),
        )
