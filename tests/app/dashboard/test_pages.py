"""What the admin sees: figures, the repository x check table (filter, sort, pages), detail, advisories."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

import checks
from app.advisories.store import AdvisorySource
from app.dashboard import queries
from app.dashboard.findings import advisory_groups
from tests.advisory_data import store_advisories
from tests.app.dashboard.conftest import Client, SignIn
from tests.app.dashboard.fakes import Clock, add_repo

pytestmark = pytest.mark.anyio


def repo_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/orgs/acme/repos/[^"]+">([^<]+)</a>', html)


def test_headline_counts_in_sql(sessions: sessionmaker[Session]) -> None:
    with sessions() as db:
        head = queries.headline(db, [1])
    assert head == queries.Headline(
        repositories=3,
        with_policy=2,
        with_badge=1,
        without_severe_advisories=2,
        open_prs=1,
        declined_prs=0,
        failed_jobs=1,
        scanned=3,
        compliant=1,
    )


async def test_org_page_shows_figures_and_every_check_column(sign_in: SignIn) -> None:
    page = await (await sign_in("ada")).get("/orgs/acme")
    assert "With a sound security policy</dt><dd>67%</dd>" in page.text
    assert "With a security badge</dt><dd>33%</dd>" in page.text
    assert '<dt>Failed jobs</dt><dd><a href="/orgs/acme/jobs">1</a></dd>' in page.text
    for check_id in {"security-policy", "security-badge", "dependency-advisories", *checks.REGISTRY}:
        assert f'<th scope="col">{check_id}</th>' in page.text
    assert repo_names(page.text) == ["&lt;b&gt;tools&lt;/b&gt;", "api", "web"]
    assert 'href="https://ghe.test/acme/web/pull/7"' in page.text  # the open hygiene PR
    assert "other-org" not in page.text and "secret-project" not in page.text


async def test_filters_by_name_failing_and_check(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    assert repo_names((await client.get("/orgs/acme", params={"name": "WE"})).text) == ["web"]
    failing = await client.get("/orgs/acme", params={"failing": "1"})
    assert repo_names(failing.text) == ["api", "web"]
    by_check = await client.get("/orgs/acme", params={"failing": "1", "check": "security-policy"})
    assert repo_names(by_check.text) == ["web"]
    assert '<th scope="col">security-badge</th>' not in by_check.text
    wildcard = await client.get("/orgs/acme", params={"name": "%"})
    assert repo_names(wildcard.text) == []  # LIKE wildcards are matched literally


async def test_sorts_by_name_descending_and_by_failures(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    assert repo_names((await client.get("/orgs/acme", params={"sort": "-name"})).text) == [
        "web",
        "api",
        "&lt;b&gt;tools&lt;/b&gt;",
    ]
    assert (
        repo_names((await client.get("/orgs/acme", params={"sort": "failing"})).text)[-1]
        == "&lt;b&gt;tools&lt;/b&gt;"
    )
    assert (await client.get("/orgs/acme", params={"sort": "drop table", "page": "x"})).status_code == 200


async def test_pages_through_many_repositories(sign_in: SignIn, sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        for i in range(120):
            add_repo(
                db, 1000 + i, 1, "acme", f"svc-{i:03d}", {"security-policy": "fail" if i % 2 else "pass"}
            )
    client = await sign_in("ada")
    first = await client.get("/orgs/acme", params={"name": "svc-"})
    assert "120 repositories, page 1 of 3" in first.text
    assert repo_names(first.text)[:2] == ["svc-000", "svc-001"] and len(repo_names(first.text)) == 50
    assert 'rel="next" href="?name=svc-&amp;page=2"' in first.text
    third = await client.get("/orgs/acme", params={"name": "svc-", "page": "3"})
    assert repo_names(third.text) == [f"svc-{i:03d}" for i in range(100, 120)]
    beyond = await client.get("/orgs/acme", params={"name": "svc-", "page": "99"})
    assert "page 3 of 3" in beyond.text
    failing = await client.get("/orgs/acme", params={"name": "svc-", "failing": "1"})
    assert "60 repositories" in failing.text


async def test_repository_detail_shows_findings_and_history(sign_in: SignIn) -> None:
    page = await (await sign_in("ada")).get("/orgs/acme/repos/API")
    assert page.status_code == 200
    assert "GHSA-aaaa-bbbb-0001" in page.text and "package-lock.json:12" in page.text
    assert "<h2>History</h2>" in page.text and "dependency-advisories fail" in page.text
    missing = await (await sign_in("ada")).get("/orgs/acme/repos/secret-project")  # another org's repository
    assert missing.status_code == 404


def test_advisories_worst_first_with_affected_repositories(sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        add_repo(
            db,
            14,
            1,
            "acme",
            "cli",
            {
                "dependency-advisories": (
                    "pass",
                    {
                        "findings": [
                            {
                                "data": {
                                    "advisory_id": "GHSA-aaaa-bbbb-0002",
                                    "severity": "moderate",
                                    "package": "minimist",
                                    "version": "1.2.1",
                                }
                            }
                        ]
                    },
                )
            },
        )
    with sessions() as db:
        groups = advisory_groups(db, [1])
    assert [(g.advisory_id, g.severity) for g in groups] == [
        ("GHSA-aaaa-bbbb-0001", "critical"),
        ("GHSA-aaaa-bbbb-0002", "moderate"),
    ]
    assert sorted((r.name, r.version) for r in groups[1].repositories) == [("api", "1.2.0"), ("cli", "1.2.1")]


async def test_advisories_page_lists_them(sign_in: SignIn) -> None:
    page = await (await sign_in("ada")).get("/orgs/acme/advisories")
    assert page.text.index("GHSA-aaaa-bbbb-0001") < page.text.index("GHSA-aaaa-bbbb-0002")
    assert 'href="/orgs/acme/repos/api"' in page.text and "9.9.9" in page.text


async def test_sign_in_page_when_oauth_is_not_configured(sessions: sessionmaker[Session]) -> None:
    import httpx

    from app.dashboard import dashboard_app
    from app.jobs.context import Services
    from tests.app.dashboard.conftest import make_settings

    app = dashboard_app(Services(make_settings(github_client_id=""), sessions, None))  # type: ignore[arg-type]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://dash.test"
    ) as client:
        assert "not configured" in (await client.get("/")).text
        assert (await client.get("/login")).status_code == 503


async def test_signed_out_home_offers_sign_in(anon: Client) -> None:
    page = await anon.get("/", params={"next": "/orgs/acme"})
    assert 'href="/login?next=/orgs/acme"' in page.text


async def test_advisories_page_caps_the_repository_list_per_advisory(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    with sessions() as db, db.begin():
        for i in range(30):
            finding = {
                "advisory_id": "GHSA-many-many-many",
                "severity": "high",
                "package": "x",
                "version": "1",
            }
            add_repo(
                db,
                2000 + i,
                1,
                "acme",
                f"m{i:02d}",
                {"dependency-advisories": ("fail", {"findings": [finding]})},
            )
    page = await (await sign_in("ada")).get("/orgs/acme/advisories")
    assert "30 repositories affected" in page.text and "and 5 more" in page.text
    assert page.text.count('href="/orgs/acme/repos/m') == 25


def test_no_high_or_critical_reads_the_stored_severity_counts(sessions: sessionmaker[Session]) -> None:
    from tests.app.dashboard.fakes import scan_shaped

    with sessions() as db, db.begin():
        # fail_on=critical lets a high finding pass the check: still not "no high or critical"
        add_repo(
            db,
            41,
            1,
            "acme",
            "lenient",
            {"dependency-advisories": scan_shaped("pass", {"high": 1}, "critical")},
        )
        # fail_on=moderate fails on a moderate finding: yet it has no high or critical advisory
        add_repo(
            db,
            42,
            1,
            "acme",
            "strict",
            {"dependency-advisories": scan_shaped("fail", {"moderate": 2}, "moderate")},
        )
        add_repo(db, 43, 1, "acme", "clean", {"dependency-advisories": scan_shaped("pass", {})})
        add_repo(db, 44, 1, "acme", "broken", {"dependency-advisories": ("error", {"data": {}})})
    with sessions() as db:
        head = queries.headline(db, [1])
    # seeded: web (pass, no counts) and <b>tools</b> (not applicable) count; api (critical) does not
    assert (head.repositories, head.without_severe_advisories) == (7, 4)
    with sessions() as db:
        groups = {g.advisory_id: g for g in advisory_groups(db, [1])}
    assert groups["GHSA-high-0"].repositories[0].location == "poetry.lock:3"
    assert groups["GHSA-high-0"].severity == "high"


async def test_repository_page_shows_the_upgrade_plans_the_check_stored(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    from app.store.results import result_details
    from checks import dependency_advisories
    from checks.advisories.index import AdvisoryIndex
    from checks.model import CheckContext, RepoFacts, Snapshot
    from tests.app.advisories.conftest import osv

    records = [
        osv(
            f"GHSA-{n}{n}{n}{n}-{n}{n}{n}{n}-{n}{n}{n}{n}",
            "npm",
            "lodash",
            [{"introduced": "0"}, {"fixed": fixed}],
            summary="Prototype pollution <script>alert(1)</script>",
        )
        for n, fixed in (("a", "4.17.12"), ("b", "4.17.19"))
    ]
    lock = b'{"lockfileVersion": 3, "packages": {"node_modules/lodash": {"version": "4.17.10"}}}'
    snapshot = Snapshot(
        RepoFacts("acme", "shop"), paths=("package-lock.json",), files={"package-lock.json": lock}
    )
    result = dependency_advisories.run(snapshot, CheckContext(advisories=AdvisoryIndex.from_records(records)))
    assert [p["target"] for p in result.data["upgrades"]] == ["4.17.19"]
    with sessions() as db, db.begin():
        add_repo(
            db, 14, 1, "acme", "shop", {"dependency-advisories": (result.status, result_details(result))}
        )
    page = await (await sign_in("ada")).get("/orgs/acme/repos/shop")
    assert page.status_code == 200
    assert "Upgrades that fix the advisories found" in page.text
    assert "upgrade lodash 4.17.10 -&gt; 4.17.19: fixes 2 advisories" in page.text
    assert "<td>4.17.19</td>" in page.text
    assert "<script>alert(1)</script>" not in page.text  # every stored text is escaped


async def test_org_page_shows_the_advisory_data_per_ecosystem_escaped(
    sign_in: SignIn, sessions: sessionmaker[Session], clock: Clock
) -> None:
    client = await sign_in("ada")
    empty = (await client.get("/orgs/acme")).text
    assert '<h2 id="advisory-data-heading">Advisory data</h2>' in empty
    assert "<strong>No advisories yet.</strong>" in empty

    def osv(osv_id: str, ecosystem: str) -> dict[str, object]:
        package = {"ecosystem": ecosystem, "name": "x"}
        return {"id": osv_id, "modified": "2024-01-01T00:00:00Z", "affected": [{"package": package}]}

    with sessions() as session, session.begin():
        store_advisories(session, [osv("GHSA-1", "npm"), osv("GHSA-2", "npm"), osv("X-1", "<b>eco</b>")])
        session.execute(update(AdvisorySource).values(last_success_at=clock() - timedelta(hours=3)))

    def section(html: str) -> str:
        return html.split('id="advisory-data-heading"')[1].split("</section>")[0]

    page = section((await client.get("/orgs/acme")).text)
    assert "3 advisories, last synced 3 h ago." in page
    assert '<th scope="row">npm</th><td>2</td>' in page
    assert "&lt;b&gt;eco&lt;/b&gt;" in page and "<b>eco</b>" not in page
    assert "<strong>stale</strong>" not in page
    with sessions() as session, session.begin():  # 25 h since the sync: past ADVISORY_MAX_AGE
        session.execute(update(AdvisorySource).values(last_success_at=clock() - timedelta(hours=25)))
    stale = section((await client.get("/orgs/acme")).text)
    assert "last synced 25 h ago" in stale and "<strong>Some data is older than 24 h:</strong>" in stale
    assert (
        '<th scope="row">npm</th><td>2</td><td>2026-10-31 11:00 UTC (25 h ago) <strong>stale</strong>'
        in stale
    )


async def test_repository_page_explains_which_file_decided_each_setting(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    from sqlalchemy import select

    from app.store.models import CheckResultRow

    settings = [
        {
            "key": "dependencies.fail_on",
            "value": "critical",
            "source": "organisation",
            "file": ".github/repo-hygiene.yml (organisation .github repository)",
        },
        {
            "key": "dependencies.mode",
            "value": "all",
            "source": "repository",
            "file": ".github/repo-hygiene.yml",
        },
        {"key": "dependencies.skip_paths", "value": ["<b>x</b>"], "source": "default", "file": ""},
    ]
    with sessions() as db, db.begin():
        row = db.scalars(
            select(CheckResultRow).where(
                CheckResultRow.repository_id == 11, CheckResultRow.check_id == "dependency-advisories"
            )
        ).one()
        row.details = {**row.details, "settings": settings}
    page = (await (await sign_in("ada")).get("/orgs/acme/repos/API")).text
    assert "Settings in force, and what decided them" in page
    assert '<code>dependencies.fail_on</code></td><td><code>"critical"</code>' in page
    assert (
        "the organisation's defaults: <code>.github/repo-hygiene.yml (organisation .github repository)"
        in page
    )
    assert "this repository's <code>.github/repo-hygiene.yml</code>" in page
    assert "built-in default" in page and "<b>x</b>" not in page and "\\u003cb\\u003ex" in page
