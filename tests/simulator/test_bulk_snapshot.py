"""Bulk snapshots of an org: the same snapshots as one-by-one reads, for a fraction of the calls."""

from __future__ import annotations

import json
from typing import Any
from unittest.mock import patch

import pytest

import checks
from app.bulk_snapshot import TEXT_LIMIT, BulkSnapshots
from app.github.batch_reads import BatchReader, git_blob_id
from app.github.gateway import CallCounter, RepoReader
from app.snapshot import fetch_snapshot
from checks.config import CONFIG_NEEDS
from tests.simulator.conftest import World
from tests.simulator.test_gateway import installation_client

NEEDS = (*checks.all_needs(), *CONFIG_NEEDS)
REPOS = 30


def _files(n: int) -> dict[str, str]:
    files = {"README.md": f"# repo {n}\n", "src/main.py": "print(1)\n", f"src/mod{n}.py": "x = 1\n"}
    if n % 3 == 0:
        files["SECURITY.md" if n % 2 else "docs/Security.md"] = "Report to security@acme.test\n"
    if n % 4 != 3:
        files["package.json"] = json.dumps({"name": f"repo-{n}", "dependencies": {"lodash": "4.17.20"}})
        packages = {f"node_modules/dep{k}": {"version": f"1.{k}.0"} for k in range(3000 if n == 0 else 3)}
        lock = {"name": f"repo-{n}", "lockfileVersion": 3, "packages": {"": {}, **packages}}
        files["package-lock.json"] = json.dumps(lock, indent=2)
    return files


def _org(world: World) -> list[tuple[str, str]]:
    c = world.control
    c.create_repo(
        "acme", ".github", files={"SECURITY.md": "Org policy\n", ".github/repo-hygiene.yml": "{}\n"}
    )
    names = [("acme", f"repo-{n}") for n in range(REPOS)]
    for n, (_, name) in enumerate(names):
        files = _files(n)
        if n == 1:  # deeper than one GraphQL tree query lists: its tree is read over REST
            files["a/b/c/d/e/README.md"] = "deep\n"
        c.create_repo("acme", name, files=files)
    return names


@pytest.mark.anyio
async def test_bulk_snapshots_match_single_reads_with_almost_no_rest_call(world: World) -> None:
    names = _org(world)
    assert len(_files(0)["package-lock.json"]) > TEXT_LIMIT  # one lockfile is read over REST
    async with installation_client(world) as gh:
        counter = CallCounter()
        bulk = BulkSnapshots(gh, NEEDS, counter=counter)
        reads = [r async for r in bulk.read([*names, ("acme", "empty"), ("acme", "old"), ("acme", "gone")])]
        # over REST: the tree deeper than TREE_DEPTH and the large lockfile
        assert counter.calls == 2
        # the metadata of 33 repositories and .github: one query; the trees of the 30 and .github:
        # two (25 per query); the 87 small blobs (READMEs, package.json, lockfiles, some SECURITY.md,
        # the org's two files): one more
        assert counter.graphql == 4
        for read in reads[:REPOS]:
            assert read.snapshot is not None and read.meta is not None
            single = await fetch_snapshot(gh, read.owner, read.name, needs=NEEDS)
            assert read.snapshot == single, read.name
        empty, old, gone = reads[REPOS:]
        assert empty.snapshot is not None and empty.snapshot.repo.empty
        assert old.meta is not None and old.meta.archived and old.snapshot is None
        assert gone.meta is None and gone.snapshot is None


class _Answers:
    """Answers every GraphQL query with one canned `data`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    async def async_graphql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        return self.data


@pytest.mark.anyio
async def test_only_whole_texts_whose_blob_id_matches_are_kept() -> None:
    good, lossy = b"# fine\n", "caf\ufffd\n"
    blob = {"isBinary": False, "isTruncated": False}
    data = {
        "r0": {
            "b0": {**blob, "text": good.decode()},
            "b1": {**blob, "text": lossy},  # GitHub's decoding of a Latin-1 file: not the blob's bytes
            "b2": {**blob, "text": "partial", "isTruncated": True},
            "b3": {"isBinary": True, "isTruncated": False, "text": None},
        }
    }
    oids = [git_blob_id(good), git_blob_id("café\n".encode("latin-1")), git_blob_id(b"partial+"), "0" * 40]
    reader = BatchReader(_Answers(data), CallCounter())  # type: ignore[arg-type]
    assert await reader.blobs([("acme", "r", oid) for oid in oids]) == {oids[0]: good}
    assert reader.counter.graphql == 1 and reader.counter.calls == 0


@pytest.mark.anyio
async def test_a_tree_listing_keeps_files_and_symlinks_and_gives_up_below_its_depth() -> None:
    def entry(name: str, kind: str, mode: int, below: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        found = {"name": name, "oid": name * 40 if len(name) == 1 else "f" * 40, "type": kind}
        return found | {"mode": mode, "size": 3, "object": {"entries": below} if below is not None else None}

    shallow = [
        entry("a", "blob", 0o100644),
        entry("l", "blob", 0o120000),  # a symbolic link
        entry("m", "commit", 0o160000),  # a submodule: no file of this repository
        entry("d", "tree", 0o40000, [entry("b", "blob", 0o100755)]),
    ]
    deep = [entry("d", "tree", 0o40000, [entry("e", "tree", 0o40000, [entry("x", "tree", 0o40000, [])])])]
    data = {f"r{i}": {"c": {"tree": {"oid": "t" * 40, "entries": e}}} for i, e in enumerate((shallow, deep))}
    reader = BatchReader(_Answers(data), CallCounter())  # type: ignore[arg-type]
    with patch("app.github.batch_reads.TREE_DEPTH", 3):
        trees = await reader.trees([("acme", "shallow", "1" * 40), ("acme", "deep", "2" * 40)])
    assert list(trees) == [("acme", "shallow")]  # the deep one is left to a REST read
    listed = [(e.path, e.mode) for e in trees[("acme", "shallow")].entries]
    assert listed == [("a", "100644"), ("l", "120000"), ("d/b", "100755")]


@pytest.mark.anyio
async def test_the_batch_lists_the_branch_pull_requests_as_rest_does(world: World) -> None:
    c = world.control
    for n in range(3):
        c.push("acme", "widgets", {f"f{n}.txt": "x\n"}, branch="repo-hygiene/security-policy")
        number = c.open_pull("acme", "widgets", "repo-hygiene/security-policy", title=f"PR {n}", body="b")
        if n == 0:
            c.merge_pull("acme", "widgets", number)
        elif n == 1:
            c.close_pull("acme", "widgets", number)
    async with installation_client(world) as gh:
        rest = await RepoReader(gh, "acme", "widgets").pull_requests("repo-hygiene/security-policy")
        metas = await BatchReader(gh).repositories(
            [("acme", "widgets")], head_branch="repo-hygiene/security-policy"
        )
    meta = metas[("acme", "widgets")]
    assert meta is not None and meta.pull_requests is not None
    assert [p["state"] for p in rest] == ["open", "closed", "closed"] and rest[2]["merged_at"]
    assert list(meta.pull_requests) == rest
