"""Check runs apply the organisation defaults a scan stored, at no extra GitHub call.

The defaults are stored per account id; the check run finds them through its repository's
installation (repository 7 of installation 1, account 100, login "acme"), never by login."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.checkruns.runner import run_check_run
from app.store.models import Installation, Repository
from app.store.org_config import org_config_text, save_org_config
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.fakes import TableMatcher, github
from tests.app.checkruns.test_runner import BASE, HEAD, LODASH_OLD, NOW, env, request
from tests.fakes.github import FakeGitHub

ORG_CRITICAL = "dependencies:\n  fail_on: critical\n"


@pytest.fixture
def matcher() -> TableMatcher:
    return TableMatcher({("npm", "lodash", "4.17.15"): [LODASH_OLD]})


ACME, OTHER = 100, 200


@pytest.fixture(autouse=True)
def acme_repository(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        session.add(Installation(id=1, account_login="acme", account_id=ACME, account_type="Organization"))
        session.flush()
        session.add(Repository(id=7, installation_id=1, owner="acme", name="shop"))


def store_org(sessions: sessionmaker[Session], account_id: int, text: str | None) -> None:
    with sessions() as session, session.begin():
        save_org_config(session, account_id, text, NOW)


def pr_adding_lodash(base_files: dict[str, bytes] | None = None) -> FakeGitHub:
    base = {"package-lock.json": npm_lock({"left-pad": "1.3.0"}), **(base_files or {})}
    head = {**base, "package-lock.json": npm_lock({"left-pad": "1.3.0", "lodash": "4.17.15"})}
    return FakeGitHub(commits={BASE: base, HEAD: head})


async def run(
    fake: FakeGitHub, sessions: sessionmaker[Session], matcher: TableMatcher, *, calls: int = 6
) -> str | None:
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))
    # first run: tree at head, tree at base, two changed blobs, create, complete (later runs reuse the
    # parsed blobs); the org defaults cost no request
    assert outcome.api_calls == len(fake.requests) == calls
    assert not [path for _, path in fake.requests if "/.github" in path]
    return outcome.conclusion


@pytest.mark.anyio
async def test_org_threshold_applies_to_a_repo_without_its_own_config(sessions, matcher) -> None:
    assert await run(pr_adding_lodash(), sessions, matcher) == "failure"  # default threshold: high
    store_org(sessions, ACME, ORG_CRITICAL)
    assert await run(pr_adding_lodash(), sessions, matcher, calls=4) == "neutral"  # high is below critical


@pytest.mark.anyio
async def test_repo_file_overrides_the_org_default(sessions, matcher) -> None:
    store_org(sessions, ACME, ORG_CRITICAL)
    fake = pr_adding_lodash({".github/repo-hygiene.yml": b"dependencies: {fail_on: high}\n"})
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))
    assert outcome.conclusion == "failure"
    assert outcome.api_calls == 7  # the same calls as without org defaults: + the config blob


@pytest.mark.anyio
async def test_another_owners_or_a_cleared_org_config_is_not_used(sessions, matcher) -> None:
    store_org(sessions, OTHER, ORG_CRITICAL)
    assert await run(pr_adding_lodash(), sessions, matcher) == "failure"
    store_org(sessions, ACME, None)
    assert await run(pr_adding_lodash(), sessions, matcher, calls=4) == "failure"


def test_an_older_read_does_not_overwrite_a_newer_one(sessions) -> None:
    with sessions() as session, session.begin():
        assert save_org_config(session, ACME, ORG_CRITICAL, NOW)
        assert not save_org_config(session, ACME, None, NOW - timedelta(seconds=1))
        assert save_org_config(session, ACME, None, NOW + timedelta(seconds=1))
    with sessions() as session:
        assert org_config_text(session, ACME) is None
