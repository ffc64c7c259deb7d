from __future__ import annotations

from datetime import timedelta
from typing import Any

import anyio
import pytest

from app.errors import RateLimited
from app.jobs import queue
from app.jobs.context import JobContext, Services
from app.jobs.registry import HANDLERS, job_handler
from app.store.base import utcnow
from app.store.models import Job
from app.worker import Worker

pytestmark = pytest.mark.anyio
CALLS: list[tuple[str, int]] = []
RESET = utcnow() + timedelta(minutes=42)


@job_handler("test_ok")
async def ok(ctx: JobContext, payload: dict[str, Any]) -> None:
    CALLS.append(("ok", ctx.attempt))
    if payload.get("ignore"):
        ctx.outcome = "ignored: asked to"


@job_handler("test_boom")
async def boom(ctx: JobContext, payload: dict[str, Any]) -> None:
    raise ValueError("it broke")


@job_handler("test_limited")
async def limited(ctx: JobContext, payload: dict[str, Any]) -> None:
    raise RateLimited("403 API rate limit exceeded", reset_at=RESET, status=403)


@job_handler("test_slow")
async def slow(ctx: JobContext, payload: dict[str, Any]) -> None:
    await anyio.sleep(float(payload["seconds"]))
    CALLS.append(("slow", ctx.attempt))


def enqueue(services: Services, kind: str, payload: dict[str, Any] | None = None) -> int:
    with services.sessions() as s, s.begin():
        job_id = queue.enqueue(s, kind, payload or {})
    assert job_id is not None
    return job_id


def row(services: Services, job_id: int) -> Job:
    with services.sessions() as s:
        job = s.get(Job, job_id)
        assert job is not None
        return job


@pytest.fixture(autouse=True)
def _reset_calls() -> None:
    CALLS.clear()


async def test_runs_a_job_and_stores_an_ignored_outcome(services: Services) -> None:
    done = enqueue(services, "test_ok")
    ignored = enqueue(services, "test_ok", {"ignore": True})
    assert await Worker(services, worker_id="w").run_until_idle() == 2
    assert row(services, done).state == "done" and row(services, done).outcome is None
    assert row(services, ignored).outcome == "ignored: asked to"
    assert CALLS == [("ok", 1), ("ok", 1)]


async def test_failure_is_recorded_and_retried_later(services: Services) -> None:
    job_id = enqueue(services, "test_boom")
    assert await Worker(services, worker_id="w").run_until_idle() == 1
    job = row(services, job_id)
    assert job.state == "queued" and job.attempts == 1 and job.last_error == "ValueError: it broke"
    assert job.run_after > utcnow()


async def test_a_failed_attempt_logs_one_line_and_the_traceback_only_at_debug(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    enqueue(services, "test_boom")
    with caplog.at_level("INFO", logger="app.worker"):
        await Worker(services, worker_id="w").run_until_idle()
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "\n" not in errors[0].getMessage()
    assert errors[0].getMessage().endswith("attempt 1 failed: ValueError: it broke")
    assert all(r.exc_info is None for r in caplog.records)  # no traceback above DEBUG
    caplog.clear()
    with services.sessions() as s, s.begin():
        s.query(Job).update({Job.run_after: utcnow()})
    with caplog.at_level("DEBUG", logger="app.worker"):
        await Worker(services, worker_id="w").run_until_idle()
    assert any(r.levelname == "DEBUG" and r.exc_info for r in caplog.records)


async def test_unknown_kind_fails_with_a_clear_error(services: Services) -> None:
    job_id = enqueue(services, "no_such_kind")
    await Worker(services, worker_id="w").run_until_idle()
    assert "no handler registered" in (row(services, job_id).last_error or "")


async def test_rate_limit_reschedules_at_reset_without_counting(services: Services) -> None:
    job_id = enqueue(services, "test_limited")
    assert await Worker(services, worker_id="w").run_until_idle() == 1
    job = row(services, job_id)
    assert job.state == "queued" and job.attempts == 0
    assert abs((job.run_after - RESET).total_seconds()) < 1
    assert "rate limited" in (job.last_error or "")


async def test_job_of_a_dead_worker_is_finished_by_another_after_the_lease(services: Services) -> None:
    job_id = enqueue(services, "test_ok")
    with services.sessions() as s, s.begin():
        assert queue.claim(s, "dead", lease=timedelta(milliseconds=300)) is not None
    survivor = Worker(services, worker_id="alive", lease=timedelta(seconds=5))
    assert await survivor.run_until_idle() == 0
    await anyio.sleep(0.4)
    assert await survivor.run_until_idle() == 1
    job = row(services, job_id)
    assert (job.state, job.locked_by, job.attempts) == ("done", "alive", 2)


async def test_heartbeat_keeps_a_long_job_from_being_stolen(services: Services) -> None:
    job_id = enqueue(services, "test_slow", {"seconds": 0.8})
    owner = Worker(services, worker_id="owner", lease=timedelta(milliseconds=300))
    thief = Worker(services, worker_id="thief", lease=timedelta(milliseconds=300))
    async with anyio.create_task_group() as tg:
        tg.start_soon(owner.run_one)
        await anyio.sleep(0.5)  # past the first lease: only heartbeats keep it
        assert await thief.run_one() is False
    assert row(services, job_id).state == "done" and CALLS == [("slow", 1)]


async def test_graceful_stop_finishes_the_running_job(services: Services) -> None:
    job_id = enqueue(services, "test_slow", {"seconds": 0.3})
    worker = Worker(services, worker_id="w", concurrency=2, poll_interval=0.05)
    with anyio.fail_after(5):
        async with anyio.create_task_group() as tg:
            tg.start_soon(worker.run)
            await anyio.sleep(0.1)
            worker.stop()
    assert row(services, job_id).state == "done"


def test_handlers_registered() -> None:
    assert {"test_ok", "test_boom"} <= HANDLERS.keys()


async def test_worker_survives_a_database_outage(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    worker = Worker(services, worker_id="w", concurrency=1, poll_interval=0.01)
    failures = 0
    real_claim = worker._claim

    def flaky_claim() -> Any:
        nonlocal failures
        if failures < 3:
            failures += 1
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        return real_claim()

    monkeypatch.setattr(worker, "_claim", flaky_claim)
    job_id = enqueue(services, "test_ok")
    with anyio.fail_after(5):
        async with anyio.create_task_group() as tg:
            tg.start_soon(worker.run)
            while row(services, job_id).state != "done":  # noqa: ASYNC110 (polls the database)
                await anyio.sleep(0.02)
            worker.stop()
    assert failures == 3
