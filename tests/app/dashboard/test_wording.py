"""The dashboard's wording: the trend's "today" is the headline's figure, counts are plural only when
they should be, advisory ids link to their source, archived repositories say why they have no result,
and a finding's details are sentences."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

import checks
from app.dashboard.links import advisory_url
from app.store.models import CheckResultRow, Repository
from app.templating import templates
from tests.advisory_data import store_advisories
from tests.app.dashboard.conftest import SignIn
from tests.app.dashboard.fakes import add_repo, advisory

pytestmark = pytest.mark.anyio


def _today_label(svg: str) -> str:
    match = re.search(r">(\d+)% compliant today<", svg)
    assert match, svg
    return match[1] + "%"


async def test_the_trend_today_is_the_headline_figure_even_when_history_lags(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    # history says web fails; its stored results (what the cards count) now all pass
    with sessions() as db, db.begin():
        db.execute(update(CheckResultRow).where(CheckResultRow.repository_id == 12).values(status="pass"))
    client = await sign_in("ada")
    page = (await client.get("/orgs/acme")).text
    card = re.search(r'<dd class="compliant-today">(\d+%) <small>of 3 scanned repositories</small>', page)
    assert card and card[1] == "67%"  # api fails; web and tools pass
    assert _today_label(page) == "67%"  # the chart inlined in the same page, from the same session
    assert _today_label((await client.get("/orgs/acme/trend.svg")).text) == "67%"


@pytest.mark.parametrize(("count", "text"), [(0, "0 advisories"), (1, "1 advisory"), (2, "2 advisories")])
def test_the_plural_filter(count: int, text: str) -> None:
    rendered = templates().from_string('{{ n | plural("advisory", "advisories") }}').render(n=count)
    assert rendered == text


async def test_counts_on_the_pages_are_singular_for_one(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    with sessions() as db, db.begin():
        record = {
            "id": "GHSA-1",
            "modified": "2024-01-01T00:00:00Z",
            "affected": [{"package": {"ecosystem": "npm", "name": "x"}}],
        }
        store_advisories(db, [record])
    client = await sign_in("ada")
    org = (await client.get("/orgs/acme", params={"name": "api"})).text
    assert "1 advisory, last synced" in org
    assert '<p id="table-count">1 repository.</p>' in org
    advisories = (await client.get("/orgs/acme/advisories")).text
    assert "1 repository affected" in advisories and "1 repositories" not in advisories


@pytest.mark.parametrize(
    ("advisory_id", "url"),
    [
        ("GHSA-jf85-cpcp-j695", "https://github.com/advisories/GHSA-jf85-cpcp-j695"),
        ("CVE-2021-23337", "https://nvd.nist.gov/vuln/detail/CVE-2021-23337"),
        ("PYSEC-2021-19", "https://osv.dev/vulnerability/PYSEC-2021-19"),
        ("GO-2022-0493", "https://osv.dev/vulnerability/GO-2022-0493"),
        ("RUSTSEC-2020-0071", "https://osv.dev/vulnerability/RUSTSEC-2020-0071"),
        ("SNYK-JS-LODASH-567746", ""),
        ("GHSA-x/../../evil", ""),
        ('GHSA-"><script>', ""),
    ],
)
def test_advisory_ids_link_to_their_source(advisory_id: str, url: str) -> None:
    assert advisory_url(advisory_id) == url


async def test_the_details_are_sentences_with_linked_ids(sign_in: SignIn) -> None:
    page = (await (await sign_in("ada")).get("/orgs/acme/repos/api")).text
    assert (
        'lodash 4.17.0 is affected by <a href="https://github.com/advisories/GHSA-aaaa-bbbb-0001" '
        'rel="noopener noreferrer">GHSA-aaaa-bbbb-0001</a>, also known as '
        '<a href="https://nvd.nist.gov/vuln/detail/CVE-0001" rel="noopener noreferrer">CVE-0001</a>.'
    ) in page
    assert "Fixed in 9.9.9." in page
    assert "<strong>advisory_id</strong>" not in page and "fixed_versions" not in page


async def test_an_odd_advisory_id_is_escaped_and_not_linked(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    odd = advisory('X-"><img src=x onerror=alert(1)>', "low", "<b>pkg</b>", "1.0", "odd")
    odd["fixed_versions"] = []
    with sessions() as db, db.begin():
        add_repo(db, 14, 1, "acme", "odd", {"dependency-advisories": ("fail", {"findings": [odd]})})
    client = await sign_in("ada")
    for path in ("/orgs/acme/repos/odd", "/orgs/acme/advisories"):
        page = (await client.get(path)).text
        assert "<img src=x" not in page and "<b>pkg</b>" not in page
        assert 'X-"><img src=x onerror=alert(1)>' in unescape(page)
    detail = (await client.get("/orgs/acme/repos/odd")).text
    assert "No fixed version is known yet." in detail
    assert "&lt;b&gt;pkg&lt;/b&gt; 1.0 is affected by X-&#34;&gt;&lt;img" in detail


async def test_an_archived_repository_says_why_it_has_no_result(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    with sessions() as db, db.begin():
        add_repo(db, 15, 1, "acme", "old-site", {})
        db.execute(
            update(Repository).where(Repository.id == 15).values(archived=True, scan_note="skipped-archived")
        )
    client = await sign_in("ada")
    org = (await client.get("/orgs/acme", params={"name": "old-site"})).text
    cells = org.count('<span class="st st-none">archived: not scanned</span>')
    assert cells == len(checks.REGISTRY)  # one per check column
    assert "skipped-archived" not in org
    repo = (await client.get("/orgs/acme/repos/old-site")).text
    assert "Archived: not scanned." in repo and "skipped-archived" not in repo
