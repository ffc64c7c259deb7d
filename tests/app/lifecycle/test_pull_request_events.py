"""`pull_request` closed for the app's own PR records merged / declined / closed by the app; anyone
else's PR is ignored. Built on the real pull_request/closed payload from ../shared/fixtures."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.jobs.context import Services
from app.store.models import HygienePullRequest
from app.store.sync import upsert_installation, upsert_repository
from tests.app.core.helpers import deliver, last_delivery_job, run_deliveries

from .payloads import payload

pytestmark = pytest.mark.anyio
BOT = {"login": "repo-hygiene[bot]", "id": 9, "type": "Bot"}


def ours(*, merged: bool, closed_by: dict[str, Any] | None = None) -> dict[str, Any]:
    body = payload("pull_request", "closed.payload.json")
    pr = body["pull_request"]
    pr["head"]["ref"] = "repo-hygiene/security-policy"
    pr["user"] = BOT
    pr["merged"] = merged
    pr["merged_at"] = pr["closed_at"] if merged else None
    if closed_by is not None:
        body["sender"] = closed_by
    return body


@pytest.fixture
def repo_id(services: Services) -> int:
    real = payload("pull_request", "closed.payload.json")
    with services.sessions() as session, session.begin():
        upsert_installation(
            session, {"id": real["installation"]["id"], "account": {"login": "Codertocat", "id": 1}}
        )
        upsert_repository(session, real["installation"]["id"], copy.deepcopy(real["repository"]))
    return int(real["repository"]["id"])


def state(services: Services, repo_id: int) -> str | None:
    with services.sessions() as session:
        row = session.get(HygienePullRequest, repo_id)
        return row.state if row else None


async def send(services: Services, body: dict[str, Any]) -> None:
    deliver(services, "pull_request", body)
    await run_deliveries(services)
    assert last_delivery_job(services).state == "done"


async def test_someone_elses_pull_request_is_ignored(services: Services, repo_id: int) -> None:
    await send(services, payload("pull_request", "closed.payload.json"))
    assert state(services, repo_id) is None


@pytest.mark.parametrize(
    ("merged", "closed_by", "expected"),
    [(False, None, "declined"), (True, None, "merged"), (False, BOT, "closed_by_app")],
)
async def test_our_pull_request_closed(
    services: Services, repo_id: int, merged: bool, closed_by: dict[str, Any] | None, expected: str
) -> None:
    await send(services, ours(merged=merged, closed_by=closed_by))
    assert state(services, repo_id) == expected
