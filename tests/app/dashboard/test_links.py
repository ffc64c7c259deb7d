"""Links from the advisory cell to the check run filed for the stored result's commit."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.checkruns.store import CheckRunRecord
from app.dashboard import queries
from app.store.models import CheckResultRow
from tests.app.dashboard.conftest import SignIn

pytestmark = pytest.mark.anyio


def add_check_runs(sessions: sessionmaker[Session]) -> None:
    """Two runs on api's result commit and an older one elsewhere."""
    with sessions() as db, db.begin():
        db.execute(update(CheckResultRow).where(CheckResultRow.repository_id == 11).values(commit_sha="abc"))
        db.add_all(
            [
                CheckRunRecord(repository_id=11, head_sha="abc", check_run_id=501),
                CheckRunRecord(repository_id=11, head_sha="abc", check_run_id=502),
                CheckRunRecord(repository_id=11, head_sha="old", check_run_id=999),
            ]
        )


def test_without_a_recorded_run_there_is_simply_no_link(sessions: sessionmaker[Session]) -> None:
    with sessions() as db:
        page = queries.table_page(db, [1], queries.TableQuery(name="api"))
    assert page.rows[0].cells["dependency-advisories"].url == ""


async def test_advisory_cell_and_export_link_the_newest_run_on_the_result_commit(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    add_check_runs(sessions)
    client = await sign_in("ada")
    page = await client.get("/orgs/acme", params={"name": "api"})
    assert 'href="https://ghe.test/acme/api/runs/502" rel="noopener noreferrer">check run</a>' in page.text
    rows = list(csv.DictReader(io.StringIO((await client.get("/orgs/acme/export.csv")).text)))
    urls = {(r["repository"], r["check"]): r["check_run_url"] for r in rows}
    assert urls[("api", "dependency-advisories")] == "https://ghe.test/acme/api/runs/502"
    assert urls[("api", "security-policy")] == "" and urls[("web", "dependency-advisories")] == ""
