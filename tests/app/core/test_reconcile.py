"""Reconciliation: deliveries GitHub failed to make are redelivered, and stale repositories rescanned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.github.hook_deliveries import HookDelivery
from app.jobs import queue
from app.jobs.context import Services
from app.jobs.reconcile import MAX_ATTEMPTS, RESCAN_AFTER, failed_deliveries
from app.jobs.scans import scanned_repository_ids
from app.store.base import utcnow
from app.store.models import Delivery, Installation, Job, Repository
from app.worker import Worker
from simulator.testing import SimulatorServer, free_port

from .test_e2e import (  # noqa: F401 - fixtures
    RunningApp,
    assert_one_pr_per_non_compliant_repo,
    keys,
    seed,
    services,
    settle,
    sim,
)

T0 = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def attempt(n: int, guid: str, code: int, minutes: int = 0) -> HookDelivery:
    return HookDelivery(n, guid, T0 + timedelta(minutes=minutes), code, "push", n > 1)


def test_only_deliveries_with_no_success_that_the_store_lacks_are_redelivered() -> None:
    attempts = [
        attempt(1, "ok", 202),
        attempt(2, "failed-then-ok", 502),
        attempt(3, "failed-then-ok", 202, 5),
        attempt(4, "failed", 0),
        attempt(5, "failed", 503, 5),  # the newest attempt is the one redelivered
        attempt(6, "stored", 500),  # our answer was lost, but the delivery is stored
        *(attempt(10 + i, "hopeless", 401, i) for i in range(MAX_ATTEMPTS)),
    ]
    retry, given_up = failed_deliveries(attempts, stored={"stored"})
    assert [a.id for a in retry] == [5] and given_up == ["hopeless"]


def _scan_jobs(services: Services) -> set[int]:  # noqa: F811
    with services.sessions() as session:
        jobs = session.scalars(select(Job).where(Job.kind == queue.SCAN_KIND, Job.state == "queued"))
        return {i for j in jobs for i in scanned_repository_ids(j.repository_id, j.payload)}


@pytest.mark.anyio
async def test_repositories_not_scanned_for_a_week_are_rescanned(services: Services) -> None:  # noqa: F811
    now = utcnow()
    with services.sessions() as session, session.begin():
        session.add(Installation(id=1, account_id=7, account_login="acme", account_type="Organization"))
        session.add(
            Installation(
                id=2, account_id=8, account_login="gone", account_type="Organization", deleted_at=now
            )
        )
        for repo_id, scanned, extra in [
            (1, now - RESCAN_AFTER - timedelta(hours=1), {}),  # stale
            (2, None, {}),  # never scanned
            (3, now - timedelta(days=1), {}),  # fresh
            (4, now - RESCAN_AFTER * 2, {"archived": True}),
            (5, now - RESCAN_AFTER * 2, {"removed_reason": "removed"}),
        ]:
            session.add(
                Repository(
                    id=repo_id,
                    installation_id=1,
                    owner="acme",
                    name=f"r{repo_id}",
                    last_scanned_at=scanned,
                    **extra,
                )
            )
        session.add(Repository(id=6, installation_id=2, owner="gone", name="r6", last_scanned_at=None))
        queue.enqueue(session, "reconcile", {}, dedupe_key="reconcile")
    from app.jobs import reconcile as module

    async def no_deliveries(ctx: object) -> tuple[int, int]:
        return 0, 0

    original = module._redeliver_failed
    module._redeliver_failed = no_deliveries  # type: ignore[assignment]
    try:
        await Worker(services, worker_id="w").run_one()
    finally:
        module._redeliver_failed = original  # type: ignore[assignment]
    assert _scan_jobs(services) == {1, 2}
    with services.sessions() as session:
        follow_up = session.scalars(select(Job).where(Job.kind == "reconcile", Job.state == "queued")).one()
    assert follow_up.run_after > utcnow() + timedelta(minutes=50)


def _drop_next_reconcile(services: Services) -> None:  # noqa: F811
    """The run just done queued its successor an hour ahead; the test runs the next one itself."""
    with services.sessions() as session, session.begin():
        session.query(Job).filter(Job.kind == "reconcile", Job.state == "queued").delete()


def test_deliveries_that_failed_while_the_app_was_down_are_redelivered(
    sim: SimulatorServer,  # noqa: F811
    services: Services,  # noqa: F811
    keys: tuple[str, str],  # noqa: F811
) -> None:
    control = sim.control
    down = f"http://127.0.0.1:{free_port()}/api/github/webhooks"  # nothing listens there
    seed(control, keys[1], down)
    control.install("acme")
    control.wait_for_webhooks(timeout=30)
    assert {d["status"] for d in control.deliveries()} != {"OK"}
    with RunningApp(services, run_worker=True) as app:
        control.set_webhooks(url=app.url)
        with services.sessions() as session, session.begin():
            assert session.scalar(select(Delivery.id).limit(1)) is None  # nothing arrived while down
            queue.enqueue(session, "reconcile", {}, dedupe_key="reconcile")
        settle(control, services)
        _drop_next_reconcile(services)
        assert_one_pr_per_non_compliant_repo(control, services)
        redelivered = [d for d in control.deliveries() if d["redelivery"]]
        assert redelivered and all(d["status"] == "OK" for d in redelivered)
        # a second run finds nothing left to redeliver
        with services.sessions() as session, session.begin():
            queue.enqueue(session, "reconcile", {}, dedupe_key="reconcile")
        settle(control, services)
        assert len([d for d in control.deliveries() if d["redelivery"]]) == len(redelivered)
