"""What a scan records besides check results: forks (no pull request, and why), and a crashing check
(an `error` result) that never costs the other checks their results."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import checks
from app.jobs.context import Services
from checks.model import Status
from tests.app.core.helpers import run_jobs

from .test_config_report import CONFIGS_SEEN, recorded_pr_action, scan, stored

__all__ = ["recorded_pr_action"]
pytestmark = pytest.mark.anyio


async def test_a_fork_is_scanned_and_recorded_as_getting_no_pull_request(services: Services) -> None:
    with scan(services, {"README.md": "# w\n"}, fork=True):
        await run_jobs(services)
    repo, results, jobs = stored(services)
    assert repo.fork and results and CONFIGS_SEEN == []
    assert repo.scan_note == "fork: no pull request (pull_requests.on_forks is off)"
    assert [(j.state, j.outcome) for j in jobs] == [("done", "done: fork, no pull request")]


async def test_forks_opted_in_by_configuration_get_the_pull_request_action(services: Services) -> None:
    with scan(
        services,
        {"README.md": "# w\n", ".github/repo-hygiene.yml": "pull_requests:\n  on_forks: true\n"},
        fork=True,
    ):
        await run_jobs(services)
    repo, _, _ = stored(services)
    assert len(CONFIGS_SEEN) == 1 and repo.scan_note is None


async def test_a_crashing_check_is_an_error_result_and_the_others_still_run(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(snapshot: object, ctx: object) -> None:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    boom = SimpleNamespace(ID="boom", TITLE="Boom", NEEDS=(), run=explode)
    monkeypatch.setitem(checks.REGISTRY, "boom", boom)
    with scan(services, {"README.md": "# w\n", "SECURITY.md": "# Security\n"}):
        await run_jobs(services)
    _, results, jobs = stored(services)
    by_id = {r.check_id: r for r in results}
    assert by_id["boom"].status == str(Status.ERROR) and "UnicodeDecodeError" in by_id["boom"].summary
    assert set(by_id) == set(checks.REGISTRY) and all(
        r.status != "error" for c, r in by_id.items() if c != "boom"
    )
    assert [j.state for j in jobs] == ["done"] and len(CONFIGS_SEEN) == 1
