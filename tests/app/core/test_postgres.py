"""The queue, ingest and migration on a real PostgreSQL server (skipped when none can be started)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.jobs import queue
from app.jobs.context import Services
from app.main import build_services
from app.settings import Settings
from app.store.migrate import upgrade
from app.store.models import Delivery, Job
from app.web import store_delivery
from app.webhooks.router import WebhookEvent
from tests.pg import throwaway_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with throwaway_postgres() as url:
        if url is None:
            pytest.skip("PostgreSQL binaries (initdb, pg_ctl), runuser or psycopg are not available")
        upgrade(url)  # the real migration, as `serve` runs it
        yield url


@pytest.fixture
def pg_services(pg_url: str, settings: Settings) -> Iterator[Services]:

    services = build_services(settings.model_copy(update={"database_url": pg_url}))
    with services.sessions() as session, session.begin():
        session.query(Job).delete()
        session.query(Delivery).delete()
    yield services
    services.sessions.kw["bind"].dispose()


def test_concurrent_claims_take_each_job_exactly_once(pg_services: Services) -> None:
    with pg_services.sessions() as session, session.begin():
        for n in range(40):
            queue.enqueue(session, "k", {"n": n})
    claimed: list[int] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        while True:
            with pg_services.sessions() as session, session.begin():
                job = queue.claim(session, name, lease=timedelta(minutes=1))
            if job is None:
                return
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(claimed) == 40 and len(set(claimed)) == 40


def test_delivery_dedupe_and_job_round_trip(pg_services: Services) -> None:
    event = WebhookEvent("push", "pg-guid", {"installation": {"id": 3}})
    assert store_delivery(pg_services, event, b'{"installation": {"id": 3}}')
    assert not store_delivery(pg_services, event, b'{"installation": {"id": 3}}')
    with pg_services.sessions() as session, session.begin():
        assert session.scalar(select(func.count()).select_from(Delivery)) == 1
        job = queue.claim(session, "w", lease=timedelta(seconds=30))
        assert job is not None and job.kind == "delivery" and job.installation_id == 3
        assert queue.fail(session, job.id, "w", "boom") == "queued"
    with pg_services.sessions() as session:
        row = session.get(Job, job.id)
        assert (
            row is not None and row.last_error == "boom" and row.payload == {"delivery_id": job.delivery_id}
        )


def test_scans_of_one_installation_are_serialised(pg_services: Services) -> None:
    with pg_services.sessions() as session, session.begin():
        for n in range(3):
            queue.enqueue(session, "scan_repository", {"n": n}, installation_id=7)
        queue.enqueue(session, "scan_repository", {"n": 9}, installation_id=8)
    with pg_services.sessions() as session, session.begin():
        first = queue.claim(session, "a", lease=timedelta(minutes=1), slots=1)
        second = queue.claim(session, "b", lease=timedelta(minutes=1), slots=1)
        third = queue.claim(session, "c", lease=timedelta(minutes=1), slots=1)
    assert first is not None and second is not None and third is None
    assert {first.installation_id, second.installation_id} == {7, 8}


def _claim_together(services: Services, claimers: int, slots: int = 1) -> list[int]:
    """`claimers` threads claim at the same instant; the ids of the jobs they got."""
    start = threading.Barrier(claimers)
    won: list[int] = []
    lock = threading.Lock()

    def claimer(name: str) -> None:
        start.wait(timeout=30)
        with services.sessions() as session, session.begin():
            job = queue.claim(session, name, lease=timedelta(minutes=1), slots=slots)
        if job is not None:
            with lock:
                won.append(job.id)

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(claimers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return won


def test_concurrent_claimers_never_both_get_scans_of_one_installation(pg_services: Services) -> None:
    """Eight claimers start at the same instant, round after round: one scan of installation 7 runs at a
    time, however the claims interleave (the advisory lock, not a READ COMMITTED read, decides)."""
    claimers = 8
    for _ in range(15):
        with pg_services.sessions() as session, session.begin():
            session.query(Job).delete()
            for n in range(claimers):
                queue.enqueue(session, "scan_repository", {"n": n}, installation_id=7)
        won = _claim_together(pg_services, claimers)
        with pg_services.sessions() as session:
            running = session.scalar(select(func.count()).select_from(Job).where(Job.state == "running"))
        assert len(won) == running == 1


def test_concurrent_claimers_fill_exactly_the_scan_slots_of_one_installation(pg_services: Services) -> None:
    claimers, slots = 8, 3
    for _ in range(10):
        with pg_services.sessions() as session, session.begin():
            session.query(Job).delete()
            for n in range(claimers):
                queue.enqueue(session, "scan_repository", {"n": n}, installation_id=7)
        won = _claim_together(pg_services, claimers, slots)
        with pg_services.sessions() as session:
            running = session.scalar(select(func.count()).select_from(Job).where(Job.state == "running"))
        # a claimer that finds the installation's lock held leaves the job for a later claim
        assert 1 <= len(won) == running <= slots
        for _ in range(claimers):  # claimed one after another, the free slots are filled exactly
            with pg_services.sessions() as session, session.begin():
                queue.claim(session, "later", lease=timedelta(minutes=1), slots=slots)
        with pg_services.sessions() as session:
            running = session.scalar(select(func.count()).select_from(Job).where(Job.state == "running"))
        assert running == slots


def test_intake_is_one_statement_per_delivery_new_or_redelivered(pg_services: Services) -> None:
    from sqlalchemy import event

    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(" ".join(statement.split()).upper())

    engine = pg_services.sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert store_delivery(pg_services, WebhookEvent("push", "one-statement", {}), b"{}")
        fresh = list(statements)
        assert not store_delivery(pg_services, WebhookEvent("push", "one-statement", {}), b"{}")
        again = statements[len(fresh) :]
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(fresh) == 1 and fresh[0].startswith("WITH STORED AS (INSERT INTO DELIVERIES")
    assert again == fresh  # the redelivery runs the same statement; its job insert selects no row
    with pg_services.sessions() as session:
        delivery = session.scalars(select(Delivery).where(Delivery.guid == "one-statement")).one()
        job = session.scalars(select(Job).where(Job.delivery_id == delivery.id)).one()
    assert delivery.redeliveries == 1
    assert (job.kind, job.state, job.attempts, job.payload) == (
        "delivery",
        "queued",
        0,
        {"delivery_id": delivery.id},
    )
