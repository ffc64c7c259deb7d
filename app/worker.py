"""The job worker: claim -> run the registered handler -> complete, fail or reschedule.

Runs `concurrency` claim loops in one event loop. The lease is extended while a handler runs,
so only a dead worker's jobs are reclaimed. `stop()` is graceful: no new claims, running jobs
finish. Cancelling `run()` instead abandons running jobs to lease expiry (what a crash does).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

import anyio

from app.errors import RateLimited, one_line
from app.jobs import queue
from app.jobs.budget_gate import budget_wait
from app.jobs.context import JobContext, Services
from app.jobs.registry import HANDLERS
from app.logging_setup import log_context
from app.metrics import JOB_SECONDS, JOBS
from app.store.base import utcnow
from app.store.budgets import DatabaseBudgetRows

log = logging.getLogger(__name__)
T = TypeVar("T")


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Worker:
    def __init__(
        self,
        services: Services,
        *,
        worker_id: str | None = None,
        concurrency: int | None = None,
        lease: timedelta | None = None,
        poll_interval: float = 1.0,
        kinds: tuple[str, ...] | None = None,
    ) -> None:
        self.services = services
        self.worker_id = worker_id or default_worker_id()
        self.concurrency = concurrency or services.settings.worker_concurrency
        self.lease = lease or timedelta(seconds=services.settings.job_lease_seconds)
        self.poll_interval = poll_interval
        self.kinds = kinds
        self._stopping = anyio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        log.info("worker %s started (concurrency %d)", self.worker_id, self.concurrency)
        async with anyio.create_task_group() as tg:
            for _ in range(self.concurrency):
                tg.start_soon(self._loop)
        log.info("worker %s stopped", self.worker_id)

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                worked = await self.run_one()
            except Exception:  # e.g. the database is unreachable: keep the process up and retry
                log.exception("worker %s: could not claim or record a job", self.worker_id)
                worked = False
            if not worked:
                with anyio.move_on_after(self.poll_interval):
                    await self._stopping.wait()

    async def run_until_idle(self, max_jobs: int = 1000) -> int:
        """Run due jobs one at a time until none is left (tests, one-shot commands)."""
        done = 0
        while done < max_jobs and await self.run_one():
            done += 1
        return done

    def _claim(self) -> queue.ClaimedJob | None:
        with self.services.sessions() as session, session.begin():
            return queue.claim(
                session,
                self.worker_id,
                lease=self.lease,
                kinds=self.kinds,
                slots=self.services.settings.scans_per_installation,
            )

    async def run_one(self) -> bool:
        job = await anyio.to_thread.run_sync(self._claim)
        if job is None:
            return False
        await self.execute(job)
        return True

    async def execute(self, job: queue.ClaimedJob) -> None:
        with log_context(job_id=job.id, job_kind=job.kind):
            await self._execute(job)

    async def _wait_for_budget(self, job: queue.ClaimedJob) -> bool:
        """Reschedule the job to its installation's budget reset when it may not start now."""
        if job.installation_id is None:
            return False
        rows = DatabaseBudgetRows(self.services.sessions)
        reading = await anyio.to_thread.run_sync(rows.read, job.installation_id)
        reserve = self.services.settings.scan_reserve_percent
        until = budget_wait(job.kind, reading, reserve, utcnow())
        if until is None:
            return False
        log.info(
            "job %s (%s) waits for installation %s's rate budget until %s",
            job.id,
            job.kind,
            job.installation_id,
            until,
        )
        await self._db(queue.reschedule, job.id, self.worker_id, until, "waiting for the rate budget's reset")
        JOBS.labels(job.kind, "rescheduled").inc()
        return True

    async def _execute(self, job: queue.ClaimedJob) -> None:
        if await self._wait_for_budget(job):
            return
        ctx = JobContext(
            services=self.services,
            job_id=job.id,
            kind=job.kind,
            attempt=job.attempt,
            installation_id=job.installation_id,
            repository_id=job.repository_id,
        )
        started = time.monotonic()
        outcome = "done"
        error = await self._run_handler(job, ctx)
        if job.installation_id is not None:
            await self.services.github.budget.flush(job.installation_id)
        if isinstance(error, RateLimited):
            outcome = "rescheduled"
            log.warning("job %s (%s) rate limited until %s: %s", job.id, job.kind, error.reset_at, error)
            await self._db(queue.reschedule, job.id, self.worker_id, error.reset_at, f"rate limited: {error}")
        elif error is not None:
            log.error("job %s (%s) attempt %d failed: %s", job.id, job.kind, job.attempt, one_line(error))
            log.debug("job %s (%s) attempt %d traceback", job.id, job.kind, job.attempt, exc_info=error)
            state = await self._db(queue.fail, job.id, self.worker_id, f"{type(error).__name__}: {error}")
            outcome = str(state or "lost")
        else:
            if ctx.outcome:
                outcome = ctx.outcome.split(":", 1)[0]
            if not await self._db(queue.complete, job.id, self.worker_id, outcome=ctx.outcome):
                log.warning("job %s finished after its lease was lost; another worker owns it", job.id)
        JOBS.labels(job.kind, outcome).inc()
        JOB_SECONDS.labels(job.kind).observe(time.monotonic() - started)

    async def _run_handler(self, job: queue.ClaimedJob, ctx: JobContext) -> Exception | None:
        handler = HANDLERS.get(job.kind)
        if handler is None:
            return LookupError(f"no handler registered for job kind {job.kind!r}")
        error: Exception | None = None
        async with anyio.create_task_group() as tg:
            tg.start_soon(self._heartbeat, job.id)
            try:
                await handler(ctx, job.payload)
            except Exception as exc:  # every failure is recorded on the job, none kills the worker
                error = exc
            tg.cancel_scope.cancel()
        return error

    async def _db(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        def call() -> T:
            with self.services.sessions() as session, session.begin():
                return fn(session, *args, **kwargs)

        return await anyio.to_thread.run_sync(call)

    @property
    def heartbeat_interval(self) -> float:
        """A quarter of the lease (15 s for the default 60 s): three beats may fail before it lapses."""
        return max(self.lease.total_seconds() / 4, 0.05)

    async def _heartbeat(self, job_id: int) -> None:
        while True:
            await anyio.sleep(self.heartbeat_interval)
            try:
                alive = await self._db(queue.heartbeat, job_id, self.worker_id, lease=self.lease)
            except Exception:  # a missed beat is survivable: the lease is four beats long
                log.warning("job %s: heartbeat failed", job_id, exc_info=True)
                continue
            if not alive:
                log.warning("job %s: lease lost, another worker may run it", job_id)
                return
