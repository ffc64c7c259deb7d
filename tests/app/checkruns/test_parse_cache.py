"""The snapshot reader's parse cache: a dependency file parsed once is never downloaded again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.github.gateway import CallCounter, RepoReader, TreeEntry
from app.snapshot import read_files
from app.store.parse_cache import ParseCache, ParsedBlob
from checks import dependency_advisories, lockfiles
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.fakes import github
from tests.fakes.github import FakeGitHub, blob_sha

NEEDS = dependency_advisories.NEEDS


def test_select_files_skips_vendored_fixtures_config_globs_and_shadowed_lockfiles() -> None:
    kept, skipped = lockfiles.select_files(
        (
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
    assert kept == ["app/npm-shrinkwrap.json", "package-lock.json"]
    assert set(skipped) == {
        "node_modules/x/package-lock.json",
        "tests/fixtures/yarn.lock",
        "app/package-lock.json",
        "legacy/requirements.txt",
    }
    assert "npm-shrinkwrap.json" in skipped["app/package-lock.json"]
    kept, _ = lockfiles.select_files(("tests/fixtures/yarn.lock",), include_fixtures=True)
    assert kept == ["tests/fixtures/yarn.lock"]


def entries(files: dict[str, bytes]) -> list[TreeEntry]:
    return [TreeEntry(path, blob_sha(content), len(content)) for path, content in files.items()]


@pytest.mark.anyio
async def test_one_blob_at_two_paths_is_fetched_once_then_never_again(sessions) -> None:
    content = npm_lock({"lodash": "4.17.15"})
    files = {"a/package-lock.json": content, "b/package-lock.json": content}
    fake = FakeGitHub(commits={"h": files})
    counter = CallCounter()
    with fake.client():
        async with github() as gh:
            reader = RepoReader(gh, "acme", "shop", counter)
            first = await read_files(reader, entries(files), NEEDS, cache=ParseCache(sessions))
            assert counter.calls == 1
            again = await read_files(reader, entries(files), NEEDS, cache=ParseCache(sessions))
    assert counter.calls == 1  # the second read took both parses from the cache
    assert again.files == {} and set(again.parsed) == set(files)
    for path in files:
        assert [d.file for d in again.parsed[path].dependencies] == [path]
        assert again.parsed[path] == first.parsed[path]
    with sessions() as session:
        assert len(session.scalars(select(ParsedBlob)).all()) == 1


@pytest.mark.anyio
async def test_an_include_of_a_cached_file_is_downloaded_and_the_includer_is_not_cached(sessions) -> None:
    base = b"requests==2.0.0\n"
    files = {"requirements/base.txt": base, "requirements/dev.txt": b"-r base.txt\npytest==7.0.0\n"}
    fake = FakeGitHub(commits={"h": files})
    counter = CallCounter()
    with fake.client():
        async with github() as gh:
            reader = RepoReader(gh, "acme", "shop", counter)
            only_base = {"requirements/base.txt": base}
            await read_files(reader, entries(only_base), NEEDS, cache=ParseCache(sessions))
            assert counter.calls == 1
            read = await read_files(reader, entries(files), NEEDS, cache=ParseCache(sessions))
    assert counter.calls == 3  # dev.txt, then base.txt after all: dev.txt includes it
    dev = {d.name for d in read.parsed["requirements/dev.txt"].dependencies}
    assert dev == {"requests", "pytest"}
    with sessions() as session:
        parsers = {row.blob_sha for row in session.scalars(select(ParsedBlob))}
    assert parsers == {blob_sha(base)}  # dev.txt's parse depends on base.txt: never stored


@pytest.mark.anyio
async def test_constraints_files_are_read_only_when_a_requirements_file_asks(sessions) -> None:
    files = {
        "requirements.txt": b"-c constraints.txt\nrequests\n",
        "constraints.txt": b"requests==2.0.0\n",
        "tools/constraints.txt": b"black==24.1.0\n",
    }
    fake = FakeGitHub(commits={"h": files})
    counter = CallCounter()
    with fake.client():
        async with github() as gh:
            reader = RepoReader(gh, "acme", "shop", counter)
            read = await read_files(reader, entries(files), NEEDS, cache=ParseCache(sessions))
    assert set(read.files) == {"requirements.txt", "constraints.txt"} and counter.calls == 2
    (requests,) = read.parsed["requirements.txt"].dependencies
    assert (requests.name, requests.version) == ("requests", "2.0.0")
