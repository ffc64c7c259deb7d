"""The dashboard's queries and pages on PostgreSQL (portable SQL: JSON extraction, LIKE, EXISTS, GROUP BY)."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.dashboard import badge, failed_jobs, findings, queries, trend
from app.dashboard.exports import export_rows
from app.store.models import Job
from tests.app.dashboard.conftest import SignIn
from tests.app.dashboard.fakes import T0, add_repo, scan_shaped, seed

pytestmark = [pytest.mark.postgres, pytest.mark.anyio]


@pytest.fixture
def sessions(postgres_sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    with postgres_sessions() as db, db.begin():
        seed(db)
    return postgres_sessions


def test_read_model_on_postgres(sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        add_repo(
            db,
            41,
            1,
            "acme",
            "lenient",
            {"dependency-advisories": scan_shaped("pass", {"high": 1}, "critical")},
        )
        add_repo(
            db,
            42,
            1,
            "acme",
            "strict",
            {"dependency-advisories": scan_shaped("fail", {"moderate": 2}, "moderate")},
        )
    with sessions() as db:
        assert queries.headline(db, [1]).without_severe_advisories == 3
        assert queries.headline(db, [1]).with_policy == 2
        page = queries.table_page(db, [1], queries.TableQuery(failing_only=True, sort="failing"))
        assert [r.name for r in page.rows] == ["api", "web", "strict"]
        web = next(r for r in page.rows if r.name == "web")
        assert web.cells["security-policy"].url == "https://ghe.test/acme/web/pull/7"
        named = queries.table_page(db, [1], queries.TableQuery(name="_"))
        assert page.total == 3  # strict fails too
        assert named.total == 0
        rows = list(export_rows(db, [1], queries.TableQuery(check="security-badge")))
        assert [(r["repository"], r["status"]) for r in rows] == [
            ("<b>tools</b>", "pass"),
            ("api", "fail"),
            ("web", "fail"),
        ]
        assert findings.advisory_groups(db, [1])[0].advisory_id == "GHSA-aaaa-bbbb-0001"
        assert badge.badge_message(db, "ACME", "api") == "2 issues"
        assert trend.compliance_trend(db, [1], T0.date(), 2)[-1].compliant == 2  # tools and lenient


def test_failed_jobs_on_postgres(sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        db.add(Job(kind="scan_repository", state="failed", repository_id=13, payload={}, last_error="x"))
        db.add(Job(kind="delivery", state="failed", installation_id=2, payload={}))
        db.add(Job(kind="advisories.sync", state="failed", payload={}))
    with sessions() as db:
        page = failed_jobs.failed_jobs_page(db, [1], 1)
        assert page.total == queries.headline(db, [1]).failed_jobs == 2
        assert {(r.kind, r.repository) for r in page.rows} == {
            ("scan_repository", None),
            ("scan_repository", "<b>tools</b>"),
        }
        assert [j.kind for j in page.app_wide] == ["advisories.sync"] and page.app_wide_total == 1


async def test_org_pages_and_export_on_postgres(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    assert (await client.get("/orgs/acme", params={"failing": "1", "name": "a"})).status_code == 200
    assert (await client.get("/orgs/acme/repos/api")).status_code == 200
    assert (await client.get("/orgs/acme/jobs")).status_code == 200
    exported = await client.get("/orgs/acme/export.csv")
    assert len(list(csv.DictReader(io.StringIO(exported.text)))) == 9
    assert (
        await client.get("/orgs/acme/export.csv")
    ).status_code == 200  # second forced re-check updates the row
