"""Exports (CSV injection safe, same data as the table), the public badge, and the trend chart."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.dashboard.exports import spreadsheet_safe
from app.dashboard.trend import TrendPoint, compliance_trend, trend_svg
from app.store.models import CheckResultHistory
from tests.app.dashboard.conftest import Client, SignIn
from tests.app.dashboard.fakes import T0, add_repo

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
    ],
)
def test_spreadsheet_safe(cell: str | None, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


async def test_csv_export_has_one_row_per_repository_and_check(sign_in: SignIn, sessions) -> None:  # type: ignore[no-untyped-def]
    with sessions() as db, db.begin():
        add_repo(db, 15, 1, "acme", "=cmd", {"security-policy": "fail"})
    response = await (await sign_in("ada")).get("/orgs/acme/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="acme-hygiene.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {(r["repository"], r["check"]) for r in rows} >= {
        ("api", "security-policy"),
        ("web", "security-badge"),
    }
    assert len(rows) == 10
    assert any(r["repository"] == "'=cmd" for r in rows)
    web = next(r for r in rows if r["repository"] == "web" and r["check"] == "security-policy")
    assert web["status"] == "fail" and web["visibility"] == "private" and web["hygiene_pr_state"] == "open"


async def test_json_export_follows_the_filters(sign_in: SignIn) -> None:
    response = await (await sign_in("ada")).get(
        "/orgs/acme/export.json", params={"failing": "1", "check": "security-policy"}
    )
    document = response.json()
    assert document["organisation"] == "acme" and document["filters"]["failing_only"] is True
    assert [(r["repository"], r["check"], r["status"]) for r in document["rows"]] == [
        ("web", "security-policy", "fail")
    ]


async def test_unknown_export_format_is_not_found(sign_in: SignIn) -> None:
    assert (await (await sign_in("ada")).get("/orgs/acme/export.xlsx")).status_code == 404


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/badges/acme/api.svg", "2 issues"),
        ("/badges/ACME/%3Cb%3Etools%3C%2Fb%3E.svg", None),
        ("/badges/alice/dotfiles.svg", "ok"),
    ],
)
async def test_badge_of_public_repositories(anon: Client, path: str, message: str | None) -> None:
    response = await anon.get(path)
    if message is None:  # names outside GitHub's alphabet are refused before any lookup
        assert response.status_code == 404
        return
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(response.text)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["security", message]


async def test_badge_unknown_then_ok_then_issue(anon: Client, sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        add_repo(db, 16, 1, "acme", "fresh", {})
        add_repo(db, 17, 1, "acme", "one-off", {"security-policy": "error", "security-badge": "pass"})
    assert ">unknown<" in (await anon.get("/badges/acme/fresh.svg")).text
    assert ">1 issue<" in (await anon.get("/badges/acme/one-off.svg")).text


@pytest.mark.parametrize("path", ["/badges/acme/web.svg", "/badges/acme/nope.svg", "/badges/nobody/api.svg"])
async def test_badge_of_private_or_unknown_repository_is_not_found(anon: Client, path: str) -> None:
    assert (await anon.get(path)).status_code == 404


def test_trend_follows_status_changes_day_by_day(sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        # api fails from T0; it is fixed two days later
        for check_id in ("security-badge", "dependency-advisories"):
            db.add(
                CheckResultHistory(
                    repository_id=11, check_id=check_id, status="pass", scanned_at=T0 + timedelta(days=2)
                )
            )
    with sessions() as db:
        points = compliance_trend(db, [1], (T0 + timedelta(days=3)).date(), days=5)
    assert [p.day for p in points] == [(T0 + timedelta(days=d)).date() for d in range(-1, 4)]
    assert [(p.compliant, p.repositories) for p in points] == [(0, 0), (1, 3), (1, 3), (2, 3), (2, 3)]


def test_trend_svg_escapes_and_has_no_script() -> None:
    svg = trend_svg([], title='<script>alert("x")</script>')
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)


async def test_trend_chart_is_served_to_the_admin(sign_in: SignIn) -> None:
    response = await (await sign_in("ada")).get("/orgs/acme/trend.svg")
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "compliant today" in response.text
    ElementTree.fromstring(response.text)


def test_trend_svg_marks_the_newest_point_even_with_one_day_of_history() -> None:
    svg = trend_svg([TrendPoint(T0.date(), compliant=1, repositories=4)], title="trend")
    circle = ElementTree.fromstring(svg).find("{http://www.w3.org/2000/svg}circle")
    assert circle is not None and "25% compliant today" in svg
    assert trend_svg([], title="trend").count("<circle") == 0
