"""The `checkrun.run` and `advisories.changed` jobs with the real advisory database and index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.checkruns import jobs
from app.dashboard.findings import finding_views
from app.jobs.context import JobContext, Services
from app.store.models import CheckResultHistory, CheckResultRow, Installation, Job, Repository
from checks.model import DEFAULT_ADVISORY_MAX_AGE
from tests.advisory_data import store_advisories
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.fakes import FakeGitHubApp
from tests.fakes.github import FakeGitHub

HEAD, BASE = "a" * 40, "b" * 40
HOSTILE = "Prototype pollution <img src=x onerror=alert(1)> in `merge` | zipObjectDeep"


@dataclass
class FakeSettings:
    app_id: int = 42
    base_url: str | None = None
    advisory_max_age: timedelta = DEFAULT_ADVISORY_MAX_AGE
    scan_byte_budget: int = 64 * 1024 * 1024
    dry_run: bool = False


def lodash_advisory() -> dict[str, Any]:
    return {
        "id": "GHSA-p6mc-m468-83gw",
        "aliases": ["CVE-2020-8203"],
        "modified": "2024-01-01T00:00:00Z",
        "summary": HOSTILE,
        "database_specific": {"severity": "HIGH"},
        "affected": [
            {
                "package": {"ecosystem": "npm", "name": "lodash"},
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.19"}]}],
            }
        ],
    }


@pytest.fixture
def db(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    with sessions() as session, session.begin():
        store_advisories(session, [lodash_advisory()])
    return sessions


def context(sessions: sessionmaker[Session], attempt: int = 1) -> JobContext:
    services = Services(settings=FakeSettings(), sessions=sessions, github=FakeGitHubApp())  # type: ignore[arg-type]
    return JobContext(
        services, job_id=1, kind="checkrun.run", attempt=attempt, installation_id=99, repository_id=7
    )


def payload(**extra: Any) -> dict[str, Any]:
    return {"repository_id": 7, "owner": "acme", "name": "shop", "head_sha": HEAD, "base_ref": BASE, **extra}


@pytest.mark.anyio
async def test_run_job_with_real_index_fails_and_escapes_the_summary(db) -> None:
    fake = FakeGitHub(
        commits={
            BASE: {"package-lock.json": npm_lock({"lodash": "4.17.21"})},
            HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})},
        }
    )
    with fake.client():
        await jobs.run_job(context(db), payload(pull_number=None))
    (run,) = fake.runs.values()
    assert run["conclusion"] == "failure"
    summary = run["output"]["summary"]
    assert "<img" not in summary
    assert "&lt;img src\\=x onerror\\=alert\\(1\\)&gt; in \\`merge\\` \\| zipObjectDeep" in summary
    assert run["annotations"][0]["annotation_level"] == "failure"
    assert "| 4\\.17\\.19 |" in summary  # the fixed version


@pytest.mark.anyio
async def test_upgrade_past_the_fix_turns_green(db) -> None:
    fake = FakeGitHub(
        commits={
            BASE: {"package-lock.json": npm_lock({"lodash": "4.17.15"})},
            HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.19"})},
        }
    )
    with fake.client():
        await jobs.run_job(context(db), payload())
    (run,) = fake.runs.values()
    assert run["conclusion"] == "success" and run["output"]["title"] == "No known advisories; 1 fixed"
    assert (
        "fixes CVE\\-2020\\-8203 (GHSA\\-p6mc\\-m468\\-83gw) in lodash 4\\.17\\.15"
        in run["output"]["summary"]
    )


def add_repository(sessions: sessionmaker[Session], packages: list[list[str]]) -> None:
    with sessions() as session, session.begin():
        session.add(Installation(id=99, account_login="acme", account_id=1, account_type="Organization"))
        session.flush()
        session.add(Repository(id=7, installation_id=99, owner="acme", name="shop", default_branch="main"))
        session.add(Repository(id=8, installation_id=99, owner="acme", name="other", default_branch="main"))
        session.flush()
        session.add(
            CheckResultRow(
                repository_id=7,
                check_id="dependency-advisories",
                status="pass",
                details={"findings": [], "data": {"packages": packages}},  # as the scan stores it
            )
        )
        session.add(
            CheckResultRow(
                repository_id=8,
                check_id="dependency-advisories",
                status="pass",
                details={"packages": [["npm", "x", "1"]]},
            )
        )


@pytest.mark.anyio
async def test_advisories_changed_rechecks_affected_default_branches_and_updates_the_result(db) -> None:
    add_repository(db, [["npm", "lodash", "4.17.15"]])
    await jobs.advisories_changed(context(db), {"packages": [["npm", "lodash"], ["PyPI", "jinja2"]]})
    with db() as session:
        (job,) = session.scalars(select(Job)).all()
    assert job.kind == "checkrun.run" and job.repository_id == 7 and job.dedupe_key == "checkrun:7:refresh"
    assert job.payload["update_result"] is True and job.payload["head_ref"] == "main"

    fake = FakeGitHub(
        commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}}, refs={"main": HEAD}
    )
    with fake.client():
        await jobs.run_job(context(db), job.payload)
    (run,) = fake.runs.values()
    # the default branch's whole state: the advisory already on it fails the run, as the stored result does
    assert run["head_sha"] == HEAD and run["conclusion"] == "failure"
    assert run["output"]["title"] == "1 still present (1 high)"
    with db() as session:
        row = session.scalars(select(CheckResultRow).where(CheckResultRow.repository_id == 7)).one()
        assert row.status == "fail" and row.commit_sha == HEAD
        assert row.details["data"]["packages"] == [["npm", "lodash", "4.17.15"]]
        (stored,) = row.details["findings"]
        assert stored["code"] == stored["data"]["advisory_id"] == "GHSA-p6mc-m468-83gw"
        assert stored["status"] == "fail" and stored["location"]["path"] == "package-lock.json"
        assert row.summary == "1 advisory fails at fail_on=low in 1 dependency in 1 file"
        (view,) = finding_views(row.details)  # the dashboard reads it like a scan's result
        assert view.location == "package-lock.json:12" and view.severity == "high"
        assert [h.status for h in session.scalars(select(CheckResultHistory))] == ["fail"]


@pytest.mark.anyio
async def test_advisories_changed_with_no_match_enqueues_nothing(db) -> None:
    add_repository(db, [["npm", "lodash", "4.17.15"]])
    await jobs.advisories_changed(context(db), {"packages": [["npm", "Lodash"], ["bad"], "x"]})
    with db() as session:
        assert session.scalars(select(Job)).all() == []  # npm names are case-sensitive
        session.get(Repository, 7).removed_reason = "removed"
        session.commit()
    await jobs.advisories_changed(context(db), {"packages": [["npm", "lodash"]]})
    with db() as session:
        assert session.scalars(select(Job)).all() == []  # removed repositories are not re-checked


@pytest.mark.anyio
async def test_a_push_to_the_default_branch_stores_the_result_its_check_run_concludes(db) -> None:
    # the dashboard showed a pass from the last scan; the push adds a vulnerable lodash
    add_repository(db, [])
    commits = {
        BASE: {"package-lock.json": npm_lock({"lodash": "4.17.21"})},
        HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})},
    }
    push = payload(trigger="push", whole_state=True, head_ref="main")  # as the push handler files it
    fake = FakeGitHub(commits=commits, refs={"main": HEAD})
    with fake.client():
        await jobs.run_job(context(db), push)
    (run,) = fake.runs.values()
    with db() as session:
        row = session.scalars(select(CheckResultRow).where(CheckResultRow.repository_id == 7)).one()
        assert (run["conclusion"], row.status, row.commit_sha) == ("failure", "fail", HEAD)
        assert row.summary == "1 advisory fails at fail_on=low in 1 dependency in 1 file"

    # a run for a commit the branch has since moved past leaves the newer result alone
    newer = "c" * 40
    fake = FakeGitHub(commits={**commits, newer: commits[BASE]}, refs={"main": newer})
    with fake.client():
        await jobs.run_job(
            context(db), payload(trigger="push", whole_state=True, head_ref="main", head_sha=BASE)
        )
    with db() as session:
        row = session.scalars(select(CheckResultRow).where(CheckResultRow.repository_id == 7)).one()
        assert (row.status, row.commit_sha) == ("fail", HEAD)
