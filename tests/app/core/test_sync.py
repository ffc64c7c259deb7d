from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx

from app.jobs.context import Services
from app.jobs.scans import scanned_repository_ids
from app.jobs.sync import schedule_sync
from app.store.base import utcnow
from app.store.models import Installation, Repository
from app.store.sync import upsert_installation, upsert_repository
from tests.conftest import shared_path

from .conftest import API, token_response
from .helpers import jobs, run_jobs

pytestmark = pytest.mark.anyio


def example(endpoint: str) -> Any:
    """GitHub's documented example answer of `endpoint`: the listings are parsed with GitHub's schema."""
    spec = json.loads(shared_path("fixtures", "rest", "apps", f"{endpoint}.json").read_text())
    return next(iter(spec["responses"]["200"]["content"]["application/json"]["examples"].values()))["value"]


def installation(
    inst_id: int, login: str, account_id: int, kind: str, suspended_at: str | None
) -> dict[str, Any]:
    [template] = example("list-installations")
    account = {**template["account"], "login": login, "id": account_id, "type": kind}
    return {**template, "id": inst_id, "account": account, "suspended_at": suspended_at}


ACME = installation(1, "acme", 77, "Organization", None)
PAUSED = installation(2, "paused", 78, "User", "2026-01-01T00:00:00Z")


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        router.post("/app/installations/1/access_tokens").respond(201, json=token_response(1))
        router.get("/app/installations").respond(200, json=[ACME, PAUSED])
        yield router


def short(repo_id: int, name: str) -> dict[str, Any]:
    [template] = example("list-repos-accessible-to-installation")["repositories"]
    owner = {**template["owner"], "login": "acme", "id": 77}
    return {
        **template,
        "id": repo_id,
        "name": name,
        "full_name": f"acme/{name}",
        "owner": owner,
        "private": False,
    }


async def test_sync_upserts_marks_and_queues_unscanned(services: Services, api: respx.MockRouter) -> None:
    pages = {
        "1": [short(n, f"r{n}") for n in range(100, 200)],
        "2": [short(7, "scanned")],
    }

    def listing(request: httpx.Request) -> httpx.Response:  # GitHub pages with Link headers
        page = request.url.params.get("page", "1")
        link = {"link": f'<{API}/installation/repositories?per_page=100&page=2>; rel="next"'}
        return httpx.Response(
            200,
            json={"total_count": 101, "repositories": pages[page]},
            headers=link if page == "1" else {},
        )

    api.get("/installation/repositories").mock(side_effect=listing)
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
    queued = sorted(
        i
        for j in jobs(services, "scan_repository")
        for i in scanned_repository_ids(j.repository_id, j.payload)
    )
    assert queued == list(range(100, 200))  # the already scanned repository is left alone
    assert jobs(services, "sync_installations")[0].state == "done"
