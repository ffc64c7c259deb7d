"""The organisation and repository pages say what a dry run would have written, escaped, per org."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.store.intended_writes import CHECK_RUN, SCAN, replace_intended_writes
from tests.app.dashboard.conftest import SignIn

pytestmark = pytest.mark.anyio

WOULD_OPEN = (
    "would open pull request 'Add SECURITY.md <b>now</b>' from 'repo-hygiene/security-policy' into 'main'"
)


@pytest.fixture
def dry_run_writes(sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        replace_intended_writes(
            db, 11, SCAN, ["would create branch 'repo-hygiene/security-policy'", WOULD_OPEN]
        )
        replace_intended_writes(db, 11, CHECK_RUN, ["would file check run: failure, 3 advisories"])
        replace_intended_writes(db, 21, SCAN, ["would open pull request 'Elsewhere'"])


async def test_org_page_lists_the_writes_a_dry_run_withheld(sign_in: SignIn, dry_run_writes: None) -> None:
    page = (await (await sign_in("ada")).get("/orgs/acme")).text
    assert "Dry run: would open pull request &#39;Add SECURITY.md &lt;b&gt;now&lt;/b&gt;&#39;" in page
    assert "Dry run: would file check run: failure, 3 advisories" in page
    assert '<a href="/orgs/acme/repos/api">api</a>' in page
    assert "Elsewhere" not in page  # another organisation's


async def test_repo_page_lists_its_own_writes_and_others_none(sign_in: SignIn, dry_run_writes: None) -> None:
    client = await sign_in("ada")
    api = (await client.get("/orgs/acme/repos/api")).text
    assert api.index("would create branch") < api.index("would open pull request")
    assert "Dry run: would file check run: failure, 3 advisories" in api
    web = (await client.get("/orgs/acme/repos/web")).text
    assert 'id="dry-run"' not in web


async def test_a_real_run_clears_the_list(
    sign_in: SignIn, sessions: sessionmaker[Session], dry_run_writes: None
) -> None:
    with sessions() as db, db.begin():
        replace_intended_writes(db, 11, SCAN, [])
        replace_intended_writes(db, 11, CHECK_RUN, [])
    page = (await (await sign_in("ada")).get("/orgs/acme")).text
    assert 'id="dry-run"' not in page
