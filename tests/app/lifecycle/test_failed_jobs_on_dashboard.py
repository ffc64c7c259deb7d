"""A job that used up its attempts stays `failed` with its last error, and the repository's dashboard
page shows it (escaped, with any token redacted)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.jobs import queue
from app.store.base import utcnow
from app.store.models import Repository
from tests.app.dashboard.conftest import Client, SignIn, clock, dash_app, github, sessions, sign_in

__all__ = ["clock", "dash_app", "github", "sessions", "sign_in"]
pytestmark = pytest.mark.anyio
ERROR = "Unprocessable: 422 <b>Validation Failed</b> for ghs_Secret0123456789token"


def fail_for_good(sessions: sessionmaker[Session], repo_name: str) -> None:
    with sessions() as db, db.begin():
        repo = db.scalars(select(Repository).where(Repository.name == repo_name)).one()
        job_id = queue.enqueue(
            db,
            "scan_repository",
            {"repository_id": repo.id},
            repository_id=repo.id,
            installation_id=1,
            max_attempts=2,
        )
    assert job_id is not None
    later = utcnow()
    for _ in range(2):  # each attempt is claimed by a worker and fails
        later += timedelta(hours=2)  # past the backoff of the previous attempt
        with sessions() as db, db.begin():
            claimed = queue.claim(db, "w1", lease=timedelta(minutes=5), now=later)
            assert claimed is not None and claimed.id == job_id
        with sessions() as db, db.begin():
            assert queue.fail(db, job_id, "w1", ERROR) in ("queued", "failed")


async def test_failed_job_and_its_last_error_are_on_the_repository_page(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    fail_for_good(sessions, "api")
    client: Client = await sign_in("ada")
    page = (await client.get("/orgs/acme/repos/api")).text
    assert "<h2>Failed jobs</h2>" in page and "<td>scan_repository</td><td>2</td>" in page
    assert "Unprocessable: 422 &lt;b&gt;Validation Failed&lt;/b&gt; for [redacted]" in page
    assert "ghs_Secret" not in page
    other = (await client.get("/orgs/acme/repos/web")).text
    assert "<h2>Failed jobs</h2>" not in other
