"""`/readyz`: the database answers and its schema is current, and the advisory data's counts per
ecosystem and sync age show."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text, update

from app.advisories.store import AdvisorySource
from app.jobs.context import Services
from app.store.base import utcnow
from app.store.migrate import head_revision
from tests.advisory_data import store_advisories

pytestmark = pytest.mark.anyio


def stamp(services: Services, revision: str | None) -> None:
    """Record the schema (built from the models by the fixture) as being at `revision`."""
    with services.sessions() as session, session.begin():
        session.execute(
            text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        )
        session.execute(text("DELETE FROM alembic_version"))
        if revision is not None:
            session.execute(text("INSERT INTO alembic_version VALUES (:r)"), {"r": revision})


@pytest.fixture(autouse=True)
def current_schema(services: Services) -> None:
    stamp(services, head_revision())


async def test_readyz_is_unready_until_the_migrations_are_current(
    client: httpx.AsyncClient, services: Services
) -> None:
    stamp(services, "0001")
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"] == (
        f"database schema at revision 0001, this version needs {head_revision()} (run the migrations)"
    )
    stamp(services, None)
    assert "revision none" in (await client.get("/readyz")).json()["error"]
    stamp(services, head_revision())
    assert (await client.get("/readyz")).status_code == 200


def record(osv_id: str, ecosystem: str, name: str) -> dict[str, object]:
    return {
        "id": osv_id,
        "modified": "2024-01-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": ecosystem, "name": name}, "versions": ["1.0.0"]}],
    }


async def test_readyz_with_no_advisories_says_so(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["ok"] is True
    assert body["advisories"] == {
        "current": False,
        "total": 0,
        "last_sync": None,
        "last_sync_age_seconds": None,
        "max_age_seconds": 86400,
        "ecosystems": {},
    }


async def test_readyz_shows_counts_per_ecosystem_and_the_age_of_the_last_sync(
    client: httpx.AsyncClient, services: Services
) -> None:
    with services.sessions() as session, session.begin():
        store_advisories(session, [record("GHSA-1", "npm", "a"), record("GHSA-2", "npm", "b")], "github")
        store_advisories(session, [record("PYSEC-1", "PyPI", "c")], "pypa")
        two_days_ago = utcnow() - timedelta(days=2)
        session.execute(
            update(AdvisorySource).where(AdvisorySource.name == "pypa").values(last_success_at=two_days_ago)
        )
    advisories = (await client.get("/readyz")).json()["advisories"]
    assert advisories["total"] == 3 and advisories["current"] is False  # PyPI is stale
    assert 0 <= advisories["last_sync_age_seconds"] < 60  # the GitHub sync, just now
    npm, pypi = advisories["ecosystems"]["npm"], advisories["ecosystems"]["PyPI"]
    assert npm["advisories"] == 2 and npm["stale"] is False and npm["age_seconds"] < 60
    assert pypi["advisories"] == 1 and pypi["stale"] is True
    assert 2 * 86400 <= pypi["age_seconds"] < 2 * 86400 + 60
    assert pypi["last_sync"] == two_days_ago.isoformat()
