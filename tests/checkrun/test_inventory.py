from __future__ import annotations

import pytest
from sqlalchemy import select

from app.checkruns.inventory import read_inventory, select_files
from app.checkruns.reader import MAX_BLOB_BYTES, GitHubReader, Tree, TreeEntry
from app.checkruns.store import ParsedBlob
from tests.checkrun.conftest import npm_lock
from tests.checkrun.fakes import github
from tests.fakes.github import FakeGitHub, blob_sha


def tree(*paths: str) -> Tree:
    return Tree("x", tuple(TreeEntry(p, blob_sha(p.encode()), 10) for p in paths), False)


def test_select_files_skips_vendored_fixtures_config_globs_and_shadowed_lockfiles() -> None:
    kept, skipped = select_files(
        tree(
            "package-lock.json",
            "README.md",
            "node_modules/x/package-lock.json",
            "tests/fixtures/yarn.lock",
            "app/npm-shrinkwrap.json",
            "app/package-lock.json",
            "legacy/requirements.txt",
        ),
        skip_paths=("legacy/",),
    )
    assert [e.path for e in kept] == ["package-lock.json", "app/npm-shrinkwrap.json"]
    assert set(skipped) == {
        "node_modules/x/package-lock.json",
        "tests/fixtures/yarn.lock",
        "app/package-lock.json",
        "legacy/requirements.txt",
    }
    assert "npm-shrinkwrap.json" in skipped["app/package-lock.json"]
    kept, _ = select_files(tree("tests/fixtures/yarn.lock"), include_fixtures=True)
    assert [e.path for e in kept] == ["tests/fixtures/yarn.lock"]


@pytest.mark.anyio
async def test_one_blob_at_two_paths_is_fetched_once_and_located_at_each(sessions) -> None:
    content = npm_lock({"lodash": "4.17.15"})
    fake = FakeGitHub(commits={"h": {"a/package-lock.json": content, "b/package-lock.json": content}})
    entries = [
        TreeEntry(p, blob_sha(content), len(content)) for p in ("a/package-lock.json", "b/package-lock.json")
    ]
    with fake.client():
        async with github() as gh:
            reader = GitHubReader(gh, "acme", "shop")
            with sessions() as session:
                files = await read_inventory(reader, session, entries)
                again = await read_inventory(reader, session, entries)
    assert reader.calls == 1
    assert [d.file for f in files for d in f.dependencies] == ["a/package-lock.json", "b/package-lock.json"]
    assert again == files
    with sessions() as session:
        assert len(session.scalars(select(ParsedBlob)).all()) == 1


@pytest.mark.anyio
async def test_oversized_blob_is_reported_not_fetched(sessions) -> None:
    entry = TreeEntry("package-lock.json", "f" * 40, MAX_BLOB_BYTES + 1)
    async with github() as gh:
        reader = GitHubReader(gh, "acme", "shop")
        with sessions() as session:
            (report,) = await read_inventory(reader, session, [entry])
    assert reader.calls == 0
    assert report.error is not None and "over the 50000000 byte limit" in report.error
