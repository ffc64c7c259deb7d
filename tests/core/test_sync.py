from __future__ import annotations

from collections.abc import Iterator

import pytest
import respx

from app.jobs.context import Services
from app.jobs.sync import schedule_sync
from app.store.base import utcnow
from app.store.models import Installation, Repository
from app.store.sync import upsert_installation, upsert_repository

from .conftest import API, token_response
from .helpers import jobs, run_jobs

pytestmark = pytest.mark.anyio
ACME = {"id": 1, "account": {"login": "acme", "id": 77, "type": "Organization"}, "suspended_at": None}
PAUSED = {
    "id": 2,
    "account": {"login": "paused", "id": 78, "type": "User"},
    "suspended_at": "2026-01-01T00:00:00Z",
}


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        router.post("/app/installations/1/access_tokens").respond(201, json=token_response(1))
        router.get("/app/installations").respond(200, json=[ACME, PAUSED])
        yield router


def short(repo_id: int, name: str) -> dict[str, object]:
    return {"id": repo_id, "name": name, "full_name": f"acme/{name}", "private": False}


async def test_sync_upserts_marks_and_queues_unscanned(services: Services, api: respx.MockRouter) -> None:
    page_one = [short(n, f"r{n}") for n in range(100, 200)]
    api.get("/installation/repositories", params={"page": "1"}).respond(
        200, json={"total_count": 101, "repositories": page_one}
    )
    api.get("/installation/repositories", params={"page": "2"}).respond(
        200, json={"total_count": 101, "repositories": [short(7, "scanned")]}
    )
    with services.sessions() as session, session.begin():
        upsert_installation(session, ACME)
        upsert_installation(session, {**ACME, "id": 3})  # uninstalled while we were down
        upsert_repository(session, 1, short(7, "scanned")).last_scanned_at = utcnow()
        upsert_repository(session, 1, short(8, "gone"))
        upsert_repository(session, 3, short(9, "elsewhere"))
    schedule_sync(services)
    schedule_sync(services)  # deduplicated while waiting
    assert len(jobs(services, "sync_installations")) == 1
    await run_jobs(services, "sync_installations")

    with services.sessions() as session:
        assert session.get(Repository, 8).removed_reason == "removed"  # type: ignore[union-attr]
        assert session.get(Repository, 9).removed_reason == "uninstalled"  # type: ignore[union-attr]
        assert session.get(Installation, 3).deleted_at is not None  # type: ignore[union-attr]
        assert session.get(Installation, 2).suspended_at is not None  # type: ignore[union-attr]
        assert session.get(Repository, 150) is not None
    queued = sorted(j.repository_id or 0 for j in jobs(services, "scan_repository"))
    assert queued == list(range(100, 200))  # the already scanned repository is left alone
    assert jobs(services, "sync_installations")[0].state == "done"
