"""The org's failed jobs page: scope, order, paging, escaping and redaction of the last error."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.dashboard import failed_jobs
from app.store.models import Job, Repository
from tests.app.dashboard.conftest import SignIn
from tests.app.dashboard.fakes import T0

pytestmark = pytest.mark.anyio

TOKEN = "ghs_" + "A1b2C3d4" * 5


def add_failed(db: Session, kind: str, *, minutes: int, error: str = "boom", **ids: int | None) -> None:
    at = T0 + timedelta(minutes=minutes)
    db.add(
        Job(
            kind=kind,
            state="failed",
            attempts=5,
            max_attempts=5,
            last_error=error,
            payload={},
            updated_at=at,
            finished_at=at,
            **ids,
        )
    )


def kinds_shown(html: str) -> list[str]:
    return re.findall(r"<td>([a-z_.]+) <small>#\d+</small></td>", html)


@pytest.fixture
def jobs(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    with sessions() as db, db.begin():
        add_failed(
            db, "delivery", minutes=1, error=f"<script>alert(1)</script> token {TOKEN}", installation_id=1
        )
        add_failed(db, "scan_repository", minutes=3, installation_id=1, repository_id=11)
        # tied to an acme repository only (no installation recorded)
        add_failed(db, "open_pull_request", minutes=2, repository_id=13)
        add_failed(db, "sync_installations", minutes=4, installation_id=2)  # other-org
        add_failed(db, "scan_repository", minutes=5, installation_id=2, repository_id=21)  # other-org
        # acme's installation, but a repository id of another org: the job shows, the name does not
        add_failed(db, "label_repository", minutes=6, installation_id=1, repository_id=21)
        add_failed(db, "advisories.sync", minutes=7, error="installation 2 (other-org) answered 500")
        db.add(Job(kind="scan_repository", state="queued", installation_id=1, payload={}))
        db.add(Job(kind="scan_repository", state="done", installation_id=1, payload={}))
    return sessions


async def test_lists_the_orgs_failed_jobs_newest_first_and_no_other_orgs(
    sign_in: SignIn, jobs: sessionmaker[Session]
) -> None:
    page = await (await sign_in("ada")).get("/orgs/acme/jobs")
    assert page.status_code == 200
    # the seeded job (updated now, after T0) first, then by time; queued/done jobs never show
    assert kinds_shown(page.text) == [
        "scan_repository",
        "label_repository",
        "scan_repository",
        "open_pull_request",
        "delivery",
    ]
    assert "5 failed jobs." in page.text
    assert "sync_installations" not in page.text
    assert "secret-project" not in page.text and "other-org" not in page.text
    assert '<a href="/orgs/acme/repos/api">api</a>' in page.text
    assert '<a href="/orgs/acme/repos/%3Cb%3Etools%3C/b%3E">&lt;b&gt;tools&lt;/b&gt;</a>' in page.text
    assert "<td>-</td>" in page.text  # the delivery and the stray job name no repository
    assert "<td>5 of 5</td>" in page.text


async def test_last_error_is_escaped_and_tokens_redacted(
    sign_in: SignIn, jobs: sessionmaker[Session]
) -> None:
    page = await (await sign_in("ada")).get("/orgs/acme/jobs")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; token [redacted]" in page.text
    assert TOKEN not in page.text and "ghs_" not in page.text


async def test_the_headline_count_matches_the_list_and_links_to_it(
    sign_in: SignIn, jobs: sessionmaker[Session]
) -> None:
    client = await sign_in("ada")
    org = await client.get("/orgs/acme")
    assert '<dt>Failed jobs</dt><dd><a href="/orgs/acme/jobs">5</a></dd>' in org.text
    other = await (await sign_in("oscar")).get("/orgs/other-org/jobs")
    assert kinds_shown(other.text) == ["scan_repository", "sync_installations"]
    assert '<a href="/orgs/other-org/repos/secret-project">secret-project</a>' in other.text
    # the job ran under acme's installation: its error is acme's, whatever repository it names
    assert "label_repository" not in other.text and "delivery" not in other.text


async def test_a_removed_repository_is_named_but_not_linked(
    sign_in: SignIn, jobs: sessionmaker[Session]
) -> None:
    with jobs() as db, db.begin():
        repo = db.get(Repository, 11)
        assert repo is not None
        repo.removed_at = T0
    page = await (await sign_in("ada")).get("/orgs/acme/jobs")
    assert "api <small>(removed)</small>" in page.text
    assert 'href="/orgs/acme/repos/api"' not in page.text


async def test_pages_of_fifty_with_the_rest_counted(sign_in: SignIn, sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        for n in range(2 * failed_jobs.PAGE_SIZE + 3):
            add_failed(db, "delivery", minutes=-n, error=f"error number {n}.", installation_id=1)
    client = await sign_in("ada")
    first = await client.get("/orgs/acme/jobs")
    total = 2 * failed_jobs.PAGE_SIZE + 4  # + the seeded one
    assert f"{total} failed jobs, page 1 of 3." in first.text
    assert len(kinds_shown(first.text)) == failed_jobs.PAGE_SIZE
    assert 'rel="next" href="?page=2"' in first.text and 'rel="prev"' not in first.text
    last = await client.get("/orgs/acme/jobs", params={"page": "99"})  # clamped to the last page
    assert "page 3 of 3" in last.text and len(kinds_shown(last.text)) == 4
    assert "error number 102." in last.text
    garbage = await client.get("/orgs/acme/jobs", params={"page": "x"})
    assert "page 1 of 3" in garbage.text


async def test_an_org_without_failed_jobs_says_so(sign_in: SignIn) -> None:
    page = await (await sign_in("oscar")).get("/orgs/other-org/jobs")
    assert "0 failed jobs." in page.text and "No job of this organisation has failed." in page.text
    org = await (await sign_in("oscar")).get("/orgs/other-org")
    assert "<dt>Failed jobs</dt><dd>0</dd>" in org.text


async def test_app_wide_jobs_are_listed_for_every_org_without_their_error(
    sign_in: SignIn, jobs: sessionmaker[Session]
) -> None:
    for login, org in (("ada", "acme"), ("oscar", "other-org")):
        page = await (await sign_in(login)).get(f"/orgs/{org}/jobs")
        assert "1 failed job of the app itself" in page.text
        assert "<td>advisories.sync</td><td>" in page.text
        assert "answered 500" not in page.text
        assert "advisories.sync" not in kinds_shown(page.text)  # not one of the org's own jobs
    acme = await (await sign_in("ada")).get("/orgs/acme")
    assert '<a href="/orgs/acme/jobs">5</a>' in acme.text


async def test_only_the_newest_app_wide_jobs_are_shown(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    with sessions() as db, db.begin():
        for n in range(failed_jobs.APP_WIDE_SHOWN + 2):
            add_failed(db, "sync_installations" if n else "advisories.sync", minutes=n)
    page = await (await sign_in("ada")).get("/orgs/acme/jobs")
    shown = failed_jobs.APP_WIDE_SHOWN
    assert (
        f"{shown + 2} failed jobs of the app itself, tied to no organisation (newest {shown} shown)."
        in page.text
    )
    assert "<td>advisories.sync</td>" not in page.text  # the oldest


def test_a_long_error_is_redacted_before_it_is_shortened() -> None:
    error = "x" * (failed_jobs.ERROR_SHOWN - 10) + " " + TOKEN
    shown = failed_jobs.shown_error(error)
    assert "ghs_" not in shown and shown.endswith(" …")
    assert failed_jobs.shown_error(None) == ""
