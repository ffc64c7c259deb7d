"""Session lifetime on the server: expiry, purge of expired rows, and sign-out on revoked authorisation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.dashboard.store import DashboardOrgAccess, DashboardSession
from app.dashboard.webhooks import end_sessions_of_revoking_user
from app.jobs.context import JobContext, Services
from app.webhooks.router import WebhookEvent, router
from app.wiring import load_handlers
from tests.app.dashboard.conftest import SignIn, make_settings
from tests.app.dashboard.fakes import Clock

pytestmark = pytest.mark.anyio


def logins(sessions: sessionmaker[Session]) -> list[str]:
    with sessions() as db:
        return sorted(db.scalars(select(DashboardSession.login)))


async def test_session_ends_with_the_user_token_lifetime(
    sign_in: SignIn, clock: Clock, sessions: sessionmaker[Session]
) -> None:
    client = await sign_in("ada")
    clock.advance(hours=7, minutes=59)
    github_recheck = await client.get("/orgs/acme")
    assert github_recheck.status_code == 200
    clock.advance(minutes=2)
    assert (await client.get("/orgs/acme")).status_code == 303
    assert logins(sessions) == []


async def test_a_new_sign_in_purges_expired_sessions(
    sign_in: SignIn, clock: Clock, sessions: sessionmaker[Session]
) -> None:
    await (await sign_in("ada")).get("/orgs/acme")
    clock.advance(hours=9)
    await sign_in("mel")
    assert logins(sessions) == ["mel"]
    with sessions() as db:
        assert db.scalars(select(DashboardOrgAccess)).all() == []


async def test_revoked_authorisation_signs_the_user_out_everywhere(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    first, _second, _other = await sign_in("ada"), await sign_in("ada"), await sign_in("mel")
    await first.get("/orgs/acme")
    load_handlers()
    event = WebhookEvent("github_app_authorization", "guid-1", {"action": "revoked", "sender": {"id": 903}})
    assert end_sessions_of_revoking_user in router.handlers_for(event)
    ctx = JobContext(Services(make_settings(), sessions, None), job_id=1, kind="webhook", attempt=1)  # type: ignore[arg-type]
    await end_sessions_of_revoking_user(event, ctx)
    assert logins(sessions) == ["mel"]
    assert (await first.get("/orgs/acme")).status_code == 303


async def test_an_unreadable_stored_token_ends_the_session(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    from sqlalchemy import update

    client = await sign_in("ada")
    with sessions() as db, db.begin():
        db.execute(update(DashboardSession).values(token_encrypted=b"not a fernet token"))
    assert (await client.get("/orgs/acme")).status_code == 303
    assert logins(sessions) == []
