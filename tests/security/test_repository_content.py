"""Hostile repository content: memory amplification through one big blob at many paths, and files
past the snapshot's byte budget (they are not downloaded, and the dependency check reports them as
unreadable instead of passing over them)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import respx
from sqlalchemy.orm import Session, sessionmaker

from app.checkruns.runner import RunEnv, RunRequest, run_check_run
from app.github.gateway import CallCounter, RepoReader, TreeEntry
from app.jobs.context import Services
from app.settings import Settings
from app.snapshot import ByteBudget, TreeRead, over_budget, read_files, snapshot_of_tree
from app.store.base import make_engine, make_sessionmaker
from app.store.models import Repository
from app.store.parse_cache import ParseCache
from app.tables import Base
from checks import dependency_advisories, lockfiles
from checks.config import RepoConfig
from checks.model import CheckContext, RepoFacts
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.fakes import TableMatcher, github
from tests.app.core.helpers import run_jobs
from tests.app.core.test_scan import LOCKFILE, dependency_result, seed, serve_repo
from tests.app.core.test_scan import api as api
from tests.app.core.test_scan import fast_retries as fast_retries
from tests.fakes.github import FakeGitHub, blob_sha

NEEDS = dependency_advisories.NEEDS
MB = 1024 * 1024
HEAD = "h" * 40


@pytest.fixture
def cache_sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'cache.db'}")
    Base.metadata.create_all(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


def entries(files: dict[str, bytes]) -> list[TreeEntry]:
    return [TreeEntry(path, blob_sha(content), len(content)) for path, content in files.items()]


def big_lock(packages: int, tag: str = "") -> bytes:
    return npm_lock({f"pkg-{tag}{n}": f"1.0.{n}" for n in range(packages)})


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = lockfiles.parse_file

    def counting(path: str, content: bytes, read: Any = None) -> Any:
        calls.append(path)
        return real(path, content, read)

    monkeypatch.setattr(lockfiles, "parse_file", counting)
    return calls


@pytest.mark.anyio
async def test_one_blob_at_thirty_paths_is_downloaded_parsed_and_counted_once(
    cache_sessions: sessionmaker[Session], parse_calls: list[str]
) -> None:
    content = big_lock(200)
    files = {f"svc{n:02d}/package-lock.json": content for n in range(30)}
    fake = FakeGitHub(commits={"h": files})
    counter = CallCounter()
    budget = ByteBudget(len(content) + 10)  # room for this blob once, not twice
    with fake.client():
        async with github() as gh:
            read = await read_files(
                RepoReader(gh, "acme", "shop", counter),
                entries(files),
                NEEDS,
                cache=ParseCache(cache_sessions),
                budget=budget,
            )
    assert counter.calls == 1 and len(parse_calls) == 1
    assert budget.used == len(content) and read.skipped == {}
    assert len({id(b) for b in read.files.values()}) == 1  # one bytes object shared by every path
    for path in files:
        deps = read.parsed[path].dependencies
        assert len(deps) == 200 and {d.file for d in deps} == {path}
    first, other = read.parsed["svc00/package-lock.json"], read.parsed["svc29/package-lock.json"]
    assert [(d.name, d.version, d.line) for d in first.dependencies] == [
        (d.name, d.version, d.line) for d in other.dependencies
    ]


@pytest.mark.anyio
async def test_files_past_the_budget_are_not_downloaded_and_are_unreadable(parse_calls: list[str]) -> None:
    first, second = big_lock(50, "a"), big_lock(50, "b")
    files = {"a/package-lock.json": first, "b/package-lock.json": second, "README.md": b"# shop\n"}
    fake = FakeGitHub(commits={"h": files})
    counter = CallCounter()
    tree = TreeRead("t", tuple(entries(files)))
    budget = ByteBudget(MB)
    budget.used = MB - len(first)  # exactly enough left for the first lockfile
    with fake.client():
        async with github() as gh:
            snapshot = await snapshot_of_tree(
                RepoReader(gh, "acme", "shop", counter), RepoFacts("acme", "shop"), tree, NEEDS, budget=budget
            )
    assert counter.calls == 1 and parse_calls == ["a/package-lock.json"]
    reason = "over the scan's 1 MB byte budget"
    assert snapshot.skipped == {"b/package-lock.json": reason}
    assert over_budget(snapshot.skipped) == {"b/package-lock.json": reason}
    assert "b/package-lock.json" not in snapshot.files

    result = dependency_advisories.run(
        snapshot, CheckContext(config=RepoConfig(), advisories=TableMatcher({}))
    )
    assert result.data["unreadable"] == {
        "b/package-lock.json": f"could not read b/package-lock.json: {reason}"
    }
    files_seen = {f["path"]: f["error"] for f in result.data["files"]}
    assert files_seen["a/package-lock.json"] is None and reason in str(files_seen["b/package-lock.json"])


@pytest.mark.anyio
async def test_a_file_over_its_own_size_limit_is_unreadable_the_same_way() -> None:
    content = npm_lock({"lodash": "4.17.15"})
    entry = TreeEntry("package-lock.json", blob_sha(content), lockfiles.MAX_FILE_BYTES + 1)
    fake = FakeGitHub(commits={"h": {"package-lock.json": content}})
    counter = CallCounter()
    with fake.client():
        async with github() as gh:
            read = await read_files(RepoReader(gh, "acme", "shop", counter), [entry], NEEDS)
    assert counter.calls == 0
    reason = read.skipped["package-lock.json"]
    assert reason.startswith("too large")
    assert read.parsed["package-lock.json"].error == f"could not read package-lock.json: {reason}"


@pytest.mark.anyio
async def test_a_check_run_reports_the_lockfile_its_budget_left_unread(
    cache_sessions: sessionmaker[Session],
) -> None:
    small = npm_lock({"left-pad": "1.3.0"})
    large = big_lock(30_000)  # about 1.8 MB, more than the whole budget
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": small, "web/package-lock.json": large}})
    env = RunEnv(
        cache_sessions,
        TableMatcher({}).loader,
        app_id=42,
        clock=lambda: datetime(2026, 11, 24, tzinfo=UTC),
        byte_budget=MB,
    )
    request = RunRequest(repository_id=7, owner="acme", name="shop", head_sha=HEAD)
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request, env)
    assert outcome.computed is not None and outcome.computed.head_result is not None
    assert outcome.computed.head_result.data["unreadable"] == {
        "web/package-lock.json": "could not read web/package-lock.json: over the scan's 1 MB byte budget"
    }
    assert fake.count("GET", f"/git/blobs/{blob_sha(large)}") == 0
    (run,) = fake.runs.values()
    # a lockfile the run could not read fails it closed, saying why (the summary is markdown-escaped)
    assert run["conclusion"] == "failure"
    assert (
        "could not read web/package\\-lock\\.json: over the scan&#x27;s 1 MB byte budget"
        in (run["output"]["summary"])
    )


def test_the_budget_is_a_setting_of_at_least_one_megabyte() -> None:
    assert Settings().scan_byte_budget == 64 * MB
    assert Settings.model_validate({"scan_byte_budget": "2097152"}).scan_byte_budget == 2 * MB
    with pytest.raises(Exception, match="SCAN_BYTE_BUDGET"):
        Settings.model_validate({"scan_byte_budget": "1000"})


@pytest.mark.anyio
async def test_a_scan_notes_and_stores_the_files_its_budget_left_unread(
    services: Services,
    api: respx.MockRouter,
) -> None:
    services.settings = services.settings.model_copy(update={"scan_byte_budget": MB})
    lock = big_lock(30_000).decode()  # about 1.8 MB: past the 1 MB budget
    seed(services)
    serve_repo(api, {"README.md": "# w\n", "package-lock.json": LOCKFILE, "web/package-lock.json": lock})
    await run_jobs(services)
    reason = "over the scan's 1 MB byte budget"
    with services.sessions() as session:
        row = session.get(Repository, 11)
        assert row is not None and row.scan_note == f"not read ({reason}): web/package-lock.json"
    data = dependency_result(services)
    assert data["unreadable"] == {"web/package-lock.json": f"could not read web/package-lock.json: {reason}"}
    assert not any(r.name == "/repos/acme/w/git/blobs/s2" and r.call_count for r in api.routes)
