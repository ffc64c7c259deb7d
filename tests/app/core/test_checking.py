"""Checks run on a preloaded advisory index, in a worker thread: no SQL and no CPU work on the loop."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from app.checking import load_advisories, run_checks
from app.jobs.context import Services
from checks import dependency_advisories
from checks.config import RepoConfig
from checks.model import AdvisoryFinding, CheckContext, Dependency, RepoFacts, Snapshot, Status

pytestmark = pytest.mark.anyio
LOCK = (
    b'{"lockfileVersion": 3, "packages": {"": {"name": "w"}, "node_modules/lodash": {"version": "4.17.15"},'
    b' "node_modules/Left-Pad": {"version": "1.3.0"}}}'
)
PIP = b"Jinja2==2.10\nflask\n"


class Recorder:
    """A loader that records what it was asked for, and a matcher that records where it ran."""

    def __init__(self) -> None:
        self.wanted: set[tuple[str, str]] = set()
        self.threads: list[str] = []

    def load(self, session: Any, wanted: set[tuple[str, str]]) -> Recorder:
        self.wanted = set(wanted)
        self.threads.append(threading.current_thread().name)
        return self

    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]:
        self.threads.append(threading.current_thread().name)
        return []


async def test_the_index_is_loaded_for_the_pinned_packages_and_the_checks_run_off_the_loop(
    services: Services,
) -> None:
    snapshot = Snapshot(
        RepoFacts("acme", "w"),
        paths=("package-lock.json", "requirements.txt", "vendor/requirements.txt"),
        files={"package-lock.json": LOCK, "requirements.txt": PIP, "vendor/requirements.txt": b"x==1\n"},
    )
    recorder = Recorder()
    loaded = await load_advisories(services.sessions, [snapshot], RepoConfig(), recorder.load)
    assert loaded.matcher is recorder
    # pinned only, names normalised as the index keys them, skip rules applied (vendor/ is not read)
    assert recorder.wanted == {("npm", "lodash"), ("npm", "Left-Pad"), ("PyPI", "jinja2")}
    results = await run_checks(
        snapshot, CheckContext(config=RepoConfig(), advisories=loaded.matcher), [dependency_advisories.ID]
    )
    assert results[dependency_advisories.ID].status is Status.PASS
    loop_thread = threading.current_thread().name
    assert len(recorder.threads) == 2 and loop_thread not in recorder.threads
    # the coverage comes from the (empty) advisory store: nothing for either ecosystem read
    assert loaded.coverage.ecosystems == frozenset() and loaded.coverage.sources == 0
    context = CheckContext(config=RepoConfig(), advisories=loaded.matcher, advisory_data=loaded.coverage)
    result = (await run_checks(snapshot, context, [dependency_advisories.ID]))[dependency_advisories.ID]
    assert result.status is Status.ERROR
    assert result.summary.startswith("no advisory source has run: advisory data missing for PyPI, npm; ")


async def test_the_preloaded_index_gives_the_check_its_upgrade_plans(services: Services) -> None:
    """Scans and check runs load the index with `load_index`: it holds the advisories' ranges
    (`RangeSource`), so the check stores the upgrade plans in its result."""
    from app.advisories.store import to_row, upsert_batch
    from checks.advisories.remediation import RangeSource
    from tests.app.advisories.conftest import osv

    record = osv("GHSA-p6mc-m468-83gw", "npm", "lodash", [{"introduced": "4.17.0"}, {"fixed": "4.17.19"}])
    with services.sessions() as session, session.begin():
        upsert_batch(session, [to_row(record, "test")])
    snapshot = Snapshot(
        RepoFacts("acme", "w"), paths=("package-lock.json",), files={"package-lock.json": LOCK}
    )
    matcher = (await load_advisories(services.sessions, [snapshot], RepoConfig())).matcher
    assert isinstance(matcher, RangeSource)
    results = await run_checks(
        snapshot, CheckContext(config=RepoConfig(), advisories=matcher), [dependency_advisories.ID]
    )
    result = results[dependency_advisories.ID]
    assert result.status is Status.FAIL  # unrated (`unknown`) fails by default
    assert [p["message"] for p in result.data["upgrades"]] == [
        "upgrade lodash 4.17.15 -> 4.17.19: fixes 1 advisory"
    ]
    (finding,) = result.findings
    assert finding.data["upgrade"] == result.data["upgrades"][0]["message"]
