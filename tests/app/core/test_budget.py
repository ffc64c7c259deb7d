"""The shared rate budget: what is recorded from GitHub's headers, write pacing, and which jobs wait."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
import httpx
import pytest

from app.github.budget import BudgetHooks, rate_reading, route_template
from app.jobs import queue
from app.jobs.budget_gate import budget_wait
from app.jobs.context import JobContext, Services
from app.jobs.registry import job_handler
from app.metrics import GITHUB_BUDGET_REMAINING, GITHUB_CALLS
from app.store.base import utcnow
from app.store.budgets import DatabaseBudgetRows, MemoryBudgetRows, RateReading
from app.store.models import Job
from app.worker import Worker

pytestmark = pytest.mark.anyio
RESET = datetime(2030, 1, 1, tzinfo=UTC)
STARTED: list[int] = []


@job_handler("test_spends_budget")
async def spends(ctx: JobContext, payload: dict[str, Any]) -> None:
    STARTED.append(ctx.job_id)


def headers(limit: int, remaining: int, reset: datetime = RESET, resource: str = "core") -> httpx.Headers:
    return httpx.Headers(
        {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(remaining),
            "x-ratelimit-reset": str(int(reset.timestamp())),
            "x-ratelimit-resource": resource,
        }
    )


@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/repos/octo/hello/contents/docs/a.md", "/repos/{owner}/{repo}/contents/{path}"),
        ("/repos/octo/hello/check-runs/123", "/repos/{owner}/{repo}/check-runs/{id}"),
        ("/repos/octo/hello/git/trees/4b825dc6", "/repos/{owner}/{repo}/git/trees/{param}"),
        ("/repos/octo/hello/git/refs/heads/main", "/repos/{owner}/{repo}/git/refs/{path}"),
        ("/app/installations/7/access_tokens", "/app/installations/{id}/access_tokens"),
        ("/orgs/acme/members", "/orgs/{org}/members"),
        ("/graphql", "/graphql"),
        ("/repos/octo", "/repos/{owner}"),
    ],
)
def test_routes_are_templated_so_labels_stay_few(path: str, template: str) -> None:
    assert route_template(path) == template


def test_a_reading_comes_from_the_core_budget_only() -> None:
    assert rate_reading(headers(5000, 4999)) == RateReading(5000, 4999, RESET)
    assert rate_reading(headers(5000, 10, resource="graphql")) is None
    assert rate_reading(httpx.Headers({"x-ratelimit-limit": "5000"})) is None


def test_the_stored_reading_only_moves_forward(services: Services) -> None:
    rows = DatabaseBudgetRows(services.sessions)
    rows.record(7, RateReading(5000, 4000, RESET))
    rows.record(7, RateReading(5000, 4100, RESET))  # an older report of the same window, out of order
    assert rows.read(7) == RateReading(5000, 4000, RESET)
    rows.record(7, RateReading(5000, 4990, RESET + timedelta(hours=1)))  # the next window
    assert rows.read(7) == RateReading(5000, 4990, RESET + timedelta(hours=1))
    assert rows.read(8) is None


def test_write_slots_are_spaced_across_takers(services: Services) -> None:
    now = utcnow()
    for rows in (DatabaseBudgetRows(services.sessions), MemoryBudgetRows()):
        slots = [rows.take_write_slot(7, timedelta(seconds=1), now) for _ in range(3)]
        assert [round((s - now).total_seconds(), 3) for s in slots] == [0, 1, 2]
        assert rows.take_write_slot(8, timedelta(seconds=1), now) == now  # per installation


async def test_responses_are_recorded_at_most_once_a_second_unless_spent() -> None:
    rows = MemoryBudgetRows()
    recorded: list[RateReading] = []
    original = rows.record

    def record(installation_id: int, reading: RateReading) -> None:
        recorded.append(reading)
        original(installation_id, reading)

    rows.record = record  # type: ignore[method-assign]
    clock = [100.0]
    hooks = BudgetHooks(rows, write_interval=timedelta(0), clock=lambda: clock[0])
    for remaining in (4999, 4998, 4997):
        await hooks.observe(7, headers(5000, remaining))
    assert [r.remaining for r in recorded] == [4999]
    assert GITHUB_BUDGET_REMAINING.labels("7")._value.get() == 4997
    clock[0] += 1.5
    await hooks.observe(7, headers(5000, 4996))
    await hooks.observe(7, headers(5000, 0))  # a spent budget is recorded at once
    assert [r.remaining for r in recorded] == [4999, 4996, 0]


async def test_installation_clients_pace_writes_and_count_calls() -> None:
    rows = MemoryBudgetRows()
    hooks = BudgetHooks(rows, write_interval=timedelta(milliseconds=200), base_path="/api/v3")

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, headers=headers(5000, 4000), json={})

    for_installation = hooks.for_installation(7)
    before = GITHUB_CALLS.labels("POST", "/repos/{owner}/{repo}/check-runs", "2xx")._value.get()
    async with httpx.AsyncClient(
        transport=httpx.MockTransport(answer),
        event_hooks=for_installation,
        headers={"Authorization": "token ghs_x"},
    ) as client:
        started = anyio.current_time()
        for _ in range(3):
            await client.post("https://ghe.example/api/v3/repos/o/r/check-runs", json={})
        await client.post("https://ghe.example/api/v3/graphql", json={"query": "query { viewer { id } }"})
        elapsed = anyio.current_time() - started
    assert 0.39 <= elapsed < 1.5  # three writes 200 ms apart; the GraphQL query is not paced
    after = GITHUB_CALLS.labels("POST", "/repos/{owner}/{repo}/check-runs", "2xx")._value.get()
    assert after - before == 3
    assert rows.read(7) == RateReading(5000, 4000, RESET)


@pytest.mark.parametrize(
    ("kind", "remaining", "waits"),
    [
        ("scan_repository", 999, True),  # below the 20 % reserve
        ("scan_repository", 1000, False),
        ("checkrun.run", 999, False),  # interactive work may spend the reserve
        ("checkrun.run", 0, True),  # but nobody spends a refused request
        ("delivery", 0, False),
    ],
)
def test_which_jobs_wait_for_the_reset(kind: str, remaining: int, waits: bool) -> None:
    now = RESET - timedelta(minutes=10)
    reading = RateReading(5000, remaining, RESET)
    assert budget_wait(kind, reading, 20, now) == (RESET if waits else None)
    assert budget_wait(kind, reading, 20, RESET + timedelta(seconds=1)) is None  # the window has reset


async def test_a_scan_below_the_reserve_is_rescheduled_to_the_reset_without_running(
    services: Services,
) -> None:
    reset = utcnow() + timedelta(minutes=30)
    DatabaseBudgetRows(services.sessions).record(7, RateReading(5000, 900, reset))
    with services.sessions() as s, s.begin():
        scan = queue.enqueue(s, "test_spends_budget", {}, installation_id=7)
        other = queue.enqueue(s, "test_spends_budget", {}, installation_id=8)
    # the test kind is background and metered, but not a scan: make the first one a scan for the gate
    with services.sessions() as s, s.begin():
        s.get(Job, scan).kind = "scan_repository"  # type: ignore[union-attr]
    STARTED.clear()
    await Worker(services, worker_id="w").run_until_idle(max_jobs=5)
    with services.sessions() as s:
        waiting = s.get(Job, scan)
        assert waiting is not None
        assert (waiting.state, waiting.attempts) == ("queued", 0)
        assert abs((waiting.run_after - reset).total_seconds()) < 1
    assert STARTED == [other]
