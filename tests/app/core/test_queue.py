from __future__ import annotations

import random
from datetime import timedelta

import pytest

from app.jobs import queue
from app.jobs.context import Services
from app.store.base import utcnow
from app.store.models import Job

LEASE = timedelta(seconds=30)


def add(services: Services, kind: str = "k", **kwargs: object) -> int | None:
    with services.sessions() as s, s.begin():
        return queue.enqueue(s, kind, {"n": 1}, **kwargs)  # type: ignore[arg-type]


def claim(services: Services, worker: str, **kwargs: object) -> queue.ClaimedJob | None:
    with services.sessions() as s, s.begin():
        return queue.claim(s, worker, lease=LEASE, **kwargs)  # type: ignore[arg-type]


def job(services: Services, job_id: int) -> Job:
    with services.sessions() as s:
        row = s.get(Job, job_id)
        assert row is not None
        return row


def test_claim_is_exclusive_and_counts_the_attempt(services: Services) -> None:
    job_id = add(services)
    first = claim(services, "w1")
    assert first is not None and first.id == job_id and first.attempt == 1 and first.payload == {"n": 1}
    assert claim(services, "w2") is None
    row = job(services, first.id)
    assert row.state == "running" and row.locked_by == "w1"


def test_complete_records_outcome_and_only_the_owner_may(services: Services) -> None:
    add(services)
    claimed = claim(services, "w1")
    assert claimed is not None
    with services.sessions() as s, s.begin():
        assert not queue.complete(s, claimed.id, "intruder")
        assert queue.complete(s, claimed.id, "w1", outcome="ignored: test")
    row = job(services, claimed.id)
    assert (row.state, row.outcome, row.lease_until) == ("done", "ignored: test", None)
    assert row.finished_at is not None


def test_future_jobs_wait(services: Services) -> None:
    add(services, run_after=utcnow() + timedelta(minutes=5))
    assert claim(services, "w1") is None
    assert claim(services, "w1", now=utcnow() + timedelta(minutes=6)) is not None


def test_dedupe_among_queued_jobs_only(services: Services) -> None:
    first = add(services, dedupe_key="scan:1")
    assert add(services, dedupe_key="scan:1") is None
    assert add(services, dedupe_key="scan:2") is not None
    claimed = claim(services, "w1", kinds=("k",))
    assert claimed is not None and claimed.id == first
    # the running job may have read old state: a new request is queued behind it
    assert add(services, dedupe_key="scan:1") is not None


def test_expired_lease_is_reclaimed_by_another_worker(services: Services) -> None:
    add(services)
    dead = claim(services, "dead-worker")
    assert dead is not None
    assert claim(services, "w2") is None  # lease still valid
    later = utcnow() + LEASE + timedelta(seconds=1)
    again = claim(services, "w2", now=later)
    assert again is not None and again.id == dead.id and again.attempt == 2
    with services.sessions() as s, s.begin():
        assert not queue.heartbeat(s, dead.id, "dead-worker", lease=LEASE)  # the old owner lost it
        assert queue.heartbeat(s, dead.id, "w2", lease=LEASE)


def test_heartbeat_keeps_the_lease(services: Services) -> None:
    add(services)
    claimed = claim(services, "w1")
    assert claimed is not None
    before = job(services, claimed.id).lease_until
    with services.sessions() as s, s.begin():
        assert queue.heartbeat(s, claimed.id, "w1", lease=timedelta(hours=1))
    after = job(services, claimed.id).lease_until
    assert before is not None and after is not None and after > before + timedelta(minutes=30)


def test_failure_backs_off_then_fails_for_good_with_last_error(services: Services) -> None:
    job_id = add(services, max_attempts=3)
    assert job_id is not None
    now = utcnow()
    for attempt in (1, 2):
        claimed = claim(services, "w", now=now + timedelta(days=attempt))
        assert claimed is not None and claimed.attempt == attempt
        with services.sessions() as s, s.begin():
            assert queue.fail(s, job_id, "w", f"boom {attempt}", rng=random.Random(1)) == "queued"
        row = job(services, job_id)
        assert row.state == "queued" and row.last_error == f"boom {attempt}"
        assert row.run_after > utcnow() + timedelta(seconds=4)
    claimed = claim(services, "w", now=now + timedelta(days=3))
    assert claimed is not None and claimed.attempt == 3
    with services.sessions() as s, s.begin():
        assert queue.fail(s, job_id, "w", "boom 3") == "failed"
    row = job(services, job_id)
    assert (row.state, row.last_error, row.attempts) == ("failed", "boom 3", 3)
    assert claim(services, "w", now=now + timedelta(days=30)) is None


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    rng = random.Random(7)
    delays = [queue.backoff(n, rng=rng).total_seconds() for n in range(1, 6)]
    for n, delay in enumerate(delays, start=1):
        full = 10 * 2 ** (n - 1)
        assert full / 2 <= delay <= full
    assert queue.backoff(40, rng=rng) <= queue.BACKOFF_CAP


def test_reschedule_does_not_count_an_attempt(services: Services) -> None:
    job_id = add(services, max_attempts=1)
    assert job_id is not None
    claimed = claim(services, "w")
    assert claimed is not None
    reset = utcnow() + timedelta(minutes=20)
    with services.sessions() as s, s.begin():
        assert queue.reschedule(s, job_id, "w", reset, "rate limited")
    row = job(services, job_id)
    assert (row.state, row.attempts) == ("queued", 0)
    assert abs((row.run_after - reset).total_seconds()) < 1
    assert claim(services, "w") is None
    again = claim(services, "w", now=reset + timedelta(seconds=1))
    assert again is not None and again.attempt == 1  # max_attempts=1 still allows the real attempt


def test_job_whose_workers_keep_dying_ends_failed(services: Services) -> None:
    job_id = add(services, max_attempts=2)
    now = utcnow()
    assert claim(services, "a", now=now) is not None
    assert claim(services, "b", now=now + timedelta(minutes=1)) is not None
    assert claim(services, "c", now=now + timedelta(minutes=2)) is None
    assert job_id is not None and job(services, job_id).state == "failed"


def test_concurrent_claimers_on_sqlite_take_each_job_once(services: Services) -> None:
    import threading

    with services.sessions() as s, s.begin():
        for n in range(30):
            queue.enqueue(s, "k", {"n": n})
    claimed: list[int] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        while (found := claim(services, name)) is not None:
            with lock:
                claimed.append(found.id)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(claimed) == 30 and len(set(claimed)) == 30


def test_scans_take_at_most_their_slots_per_installation(services: Services) -> None:
    first = add(services, "scan_repository", installation_id=1)
    second = add(services, "scan_repository", installation_id=1)
    third = add(services, "scan_repository", installation_id=1)
    other_org = add(services, "scan_repository", installation_id=2)
    unrelated = add(services, "delivery", installation_id=1)
    taken = [claim(services, "w", slots=2) for _ in range(5)]
    # the interactive delivery first, then scans in order while installation 1 has a free slot
    assert [j.id for j in taken if j] == [unrelated, first, second, other_org]
    assert taken[4] is None  # the third scan of installation 1 waits for a slot
    with services.sessions() as s, s.begin():
        assert first is not None and queue.complete(s, first, "w")
    after = claim(services, "w", slots=2)
    assert after is not None and after.id == third


def test_interactive_jobs_are_claimed_before_older_background_jobs(services: Services) -> None:
    earlier = utcnow() - timedelta(minutes=5)
    scans = [add(services, "scan_repository", installation_id=n, run_after=earlier) for n in range(3)]
    check_run = add(services, "checkrun.run", installation_id=1)
    reconcile = add(services, "reconcile", run_after=earlier - timedelta(minutes=1))
    order = [claim(services, "w") for _ in range(5)]
    assert [j.id for j in order if j] == [check_run, reconcile, *scans]
    assert job(services, check_run or 0).priority == queue.INTERACTIVE


def test_a_dead_scan_does_not_block_its_installation(services: Services) -> None:
    add(services, "scan_repository", installation_id=1)
    waiting = add(services, "scan_repository", installation_id=1)
    assert claim(services, "dead", slots=1) is not None
    later = utcnow() + LEASE + timedelta(seconds=1)
    taken = claim(services, "w2", now=later, slots=1)
    assert taken is not None  # one of the two: the expired one or the waiting one, never blocked
    assert claim(services, "w3", now=later, slots=1) is None  # but only one at a time
    assert waiting is not None


def test_prune_keeps_failed_jobs_and_referenced_deliveries(services: Services) -> None:
    from app.store.models import Delivery

    old = utcnow() - timedelta(days=40)
    with services.sessions() as s, s.begin():
        kept_delivery = Delivery(guid="kept", event="push", body=b"{}", received_at=old)
        gone_delivery = Delivery(guid="gone", event="push", body=b"{}", received_at=old)
        fresh_delivery = Delivery(guid="fresh", event="push", body=b"{}")
        s.add_all([kept_delivery, gone_delivery, fresh_delivery])
        s.flush()
        s.add_all(
            [
                Job(kind="k", state="done", finished_at=old, delivery_id=gone_delivery.id),
                Job(kind="k", state="failed", finished_at=old, delivery_id=kept_delivery.id),
                Job(kind="k", state="done", finished_at=utcnow()),
            ]
        )
    with services.sessions() as s, s.begin():
        assert queue.prune(s, utcnow() - timedelta(days=30)) == (1, 1)
    with services.sessions() as s:
        from sqlalchemy import select

        assert sorted(s.scalars(select(Delivery.guid))) == ["fresh", "kept"]
        assert sorted(s.scalars(select(Job.state))) == ["done", "failed"]


@pytest.mark.anyio
async def test_maintenance_prunes_and_schedules_its_next_run(services: Services) -> None:
    from app.jobs.maintenance import INTERVAL, schedule_maintenance
    from app.wiring import load_handlers
    from app.worker import Worker

    load_handlers()
    schedule_maintenance(services)
    schedule_maintenance(services)
    assert await Worker(services, worker_id="w").run_until_idle() == 1
    with services.sessions() as s:
        from sqlalchemy import select

        rows = s.scalars(select(Job).where(Job.kind == "maintenance").order_by(Job.id)).all()
    assert [r.state for r in rows] == ["done", "queued"]
    assert rows[1].run_after > utcnow() + INTERVAL - timedelta(minutes=1)
