"""The `advisories.sync` job handler with a fake job context and a respx-backed GitHub client."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import httpx
import pytest
import respx
from githubkit import GitHub, TokenAuthStrategy
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.store import AdvisorySource
from app.jobs.advisories import CHANGED_KIND, GAPS_KIND, SYNC_KIND, sync_advisories
from app.jobs.registry import HANDLERS
from app.store.base import utcnow
from app.store.models import Installation, Job
from tests.conftest import shared_path

API = "https://api.github.com"


class FakeGitHubApp:
    def __init__(self) -> None:
        self.installations: list[int] = []

    @asynccontextmanager
    async def installation(self, installation_id: int) -> AsyncIterator[GitHub[Any]]:
        self.installations.append(installation_id)
        async with GitHub(TokenAuthStrategy("t"), base_url=API, http_cache=False, auto_retry=False) as gh:
            yield gh


class FakeContext:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.services = type("S", (), {"sessions": sessions, "github": FakeGitHubApp()})()
        self.enqueued: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
        self._sessions = sessions

    def session(self) -> Session:
        return self._sessions()

    def enqueue(self, kind: str, payload: dict[str, Any], **kwargs: Any) -> int:
        self.enqueued.append((kind, payload, kwargs))
        return len(self.enqueued)


def _advisory() -> dict[str, Any]:
    path = shared_path("fixtures", "rest", "security-advisories", "list-global-advisories.json")
    spec = json.loads(path.read_text())
    return copy.deepcopy(
        spec["responses"]["200"]["content"]["application/json"]["examples"]["default"]["value"][0]
    )


def test_handler_is_registered() -> None:
    assert HANDLERS[SYNC_KIND] is sync_advisories


@pytest.mark.anyio
@respx.mock
async def test_sync_enqueues_changed_packages_and_the_next_run(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        session.add(Installation(id=7, account_login="o", account_id=1, account_type="Organization"))
    respx.get(f"{API}/advisories").mock(return_value=httpx.Response(200, json=[_advisory()]))
    ctx = FakeContext(sessions)
    await sync_advisories(ctx, {})  # type: ignore[arg-type]
    assert ctx.services.github.installations == [7]
    assert [k for k, _, _ in ctx.enqueued] == [SYNC_KIND]
    assert _changed_jobs(sessions) == [[["npm", "a-package"]]]
    nxt = ctx.enqueued[0][2]
    assert nxt["dedupe_key"] == SYNC_KIND
    assert nxt["run_after"] > utcnow() + timedelta(minutes=50)

    ctx = FakeContext(sessions)
    await sync_advisories(ctx, {})  # type: ignore[arg-type]
    assert [k for k, _, _ in ctx.enqueued] == [SYNC_KIND]
    assert len(_changed_jobs(sessions)) == 1  # nothing changed: no new advisories.changed


def _changed_jobs(sessions: sessionmaker[Session]) -> list[object]:
    with sessions() as session:
        return [
            job.payload["packages"] for job in session.scalars(select(Job).where(Job.kind == CHANGED_KIND))
        ]


@pytest.mark.anyio
@respx.mock
async def test_failed_sync_still_schedules_the_next_run(sessions: sessionmaker[Session]) -> None:
    respx.get(f"{API}/advisories").mock(return_value=httpx.Response(503, json={"message": "down"}))
    ctx = FakeContext(sessions)
    with pytest.raises(Exception):  # noqa: B017 - githubkit's own error type; the queue retries it
        await sync_advisories(ctx, {"installation_id": 3})  # type: ignore[arg-type]
    assert [k for k, _, _ in ctx.enqueued] == [SYNC_KIND]


@pytest.mark.anyio
async def test_without_installations_it_waits(sessions: sessionmaker[Session]) -> None:
    ctx = FakeContext(sessions)
    await sync_advisories(ctx, {})  # type: ignore[arg-type]
    assert [k for k, _, _ in ctx.enqueued] == [SYNC_KIND]


def test_ensure_scheduled_seeds_one_sync(sessions: sessionmaker[Session]) -> None:
    from sqlalchemy import func, select

    from app.jobs.advisories import ensure_scheduled
    from app.store.models import Job

    with sessions() as session, session.begin():
        assert ensure_scheduled(session) is not None
    with sessions() as session, session.begin():
        assert ensure_scheduled(session) is None
        session.execute(Job.__table__.update().values(state="running"))
    with sessions() as session, session.begin():
        assert ensure_scheduled(session) is None  # a running sync re-enqueues itself when done
        assert session.scalar(select(func.count()).select_from(Job).where(Job.kind == SYNC_KIND)) == 1


@pytest.mark.anyio
@respx.mock
async def test_a_successful_sync_is_recorded_with_its_ecosystems_and_a_failed_one_is_not(
    sessions: sessionmaker[Session],
) -> None:
    respx.get(f"{API}/advisories").mock(return_value=httpx.Response(200, json=[_advisory()]))
    before = utcnow()
    await sync_advisories(FakeContext(sessions), {"installation_id": 3})  # type: ignore[arg-type]
    with sessions() as session:
        source = session.get(AdvisorySource, "github")
        assert source is not None and source.ecosystems == ["npm"]
        assert source.last_success_at is not None and source.last_success_at >= before
        succeeded = source.last_success_at
        gaps = session.scalars(select(Job).where(Job.kind == GAPS_KIND)).all()
    assert len(gaps) == 1  # repositories whose results lacked this data are re-checked

    respx.get(f"{API}/advisories").mock(return_value=httpx.Response(503, json={"message": "down"}))
    with pytest.raises(Exception):  # noqa: B017 - githubkit's own error type
        await sync_advisories(FakeContext(sessions), {"installation_id": 3})  # type: ignore[arg-type]
    with sessions() as session:
        source = session.get(AdvisorySource, "github")
        assert source is not None and source.last_error is not None
        assert source.last_success_at == succeeded and source.ecosystems == ["npm"]
