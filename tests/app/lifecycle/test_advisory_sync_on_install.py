"""Installing the App syncs advisories at once (not an hour later), deduplicated: driven by the real
`installation.created` payload in ../shared/fixtures/webhooks/installation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.jobs.advisories import SYNC_KIND
from app.jobs.context import Services
from app.jobs.queue import enqueue
from app.store.base import utcnow
from tests.advisory_data import store_advisories
from tests.app.core.helpers import deliver, jobs, run_jobs

from .payloads import payload

pytestmark = pytest.mark.anyio

LODASH = {
    "id": "GHSA-p6mc-m468-83gw",
    "modified": "2024-01-01T00:00:00Z",
    "affected": [{"package": {"ecosystem": "npm", "name": "lodash"}, "versions": ["4.17.15"]}],
}


async def installed(services: Services, guid: str = "install-1") -> None:
    deliver(services, "installation", payload("installation", "created.payload.json"), guid=guid)
    await run_jobs(services, "delivery")


async def test_installation_created_enqueues_an_immediate_sync(services: Services) -> None:
    before = utcnow()
    await installed(services)
    (sync,) = jobs(services, SYNC_KIND)
    created = payload("installation", "created.payload.json")
    assert sync.state == "queued" and sync.run_after <= utcnow()
    assert sync.run_after >= before - timedelta(seconds=1)
    assert sync.payload == {"installation_id": created["installation"]["id"]}
    # a redelivery, or a second installation meanwhile, adds no second sync
    await installed(services, guid="install-2")
    assert len(jobs(services, SYNC_KIND)) == 1


async def test_the_hourly_sync_waiting_runs_now_instead(services: Services) -> None:
    with services.sessions() as session, session.begin():
        enqueue(session, SYNC_KIND, {}, dedupe_key=SYNC_KIND, run_after=utcnow() + timedelta(minutes=55))
    await installed(services)
    (sync,) = jobs(services, SYNC_KIND)
    assert sync.run_after <= utcnow()


async def test_current_advisory_data_needs_no_sync_on_install(services: Services) -> None:
    with services.sessions() as session, session.begin():
        store_advisories(session, [LODASH], source="pypa-import")  # imported a moment ago
    await installed(services)
    assert jobs(services, SYNC_KIND) == []
