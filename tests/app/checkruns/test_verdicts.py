"""Check-run verdicts a maintainer can trust, with the real check, the real advisory index and real
advisories: (package, advisory) keying across an upgrade, failing closed on unreadable files the change
touched, the default branch checked whole, a retargeted pull request re-checked, faults retried then
neutral. Thresholds that matter are set explicitly in each repository's configuration."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.sources import nswg
from app.checkruns import handlers, jobs
from app.checkruns.runner import RunEnv, RunRequest, run_check_run
from app.errors import RateLimited
from app.jobs.context import JobContext, Services
from app.store.models import Job
from checks import dependency_advisories, lockfiles
from checks.model import Need
from tests.advisory_data import store_advisories
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.fakes import FakeGitHubApp, TableMatcher, github
from tests.app.checkruns.test_jobs import FakeSettings
from tests.app.lifecycle.payloads import payload as webhook_payload
from tests.app.lifecycle.payloads import validate
from tests.conftest import shared_path
from tests.fakes.github import FakeGitHub

HEAD, BASE, OTHER_BASE = "a" * 40, "b" * 40, "c" * 40
LOCK_PATH = "package-lock.json"
REAL_LOCK = Path(__file__).parents[2] / "fixtures/lockfiles/npm/generated-v3/package-lock.json"
LODASH_4_17_20_INTEGRITY = (  # as the npm registry publishes it (`npm view lodash@4.17.20 dist.integrity`)
    "sha512-PlhdFcillOINfeV7Ni6oF1TAEayyZBoZ8bcshTHqOYJYlrqzRK5hagpagky5o4HfCzzd1TRkXPMFq6cKk9rGmA=="
)
LOW = b"dependencies:\n  fail_on: low\n"

# GitHub Advisory Database records (github/advisory-database, advisories/github-reviewed/...), the
# fields the matcher reads copied as published: ids, aliases, summary, ranges, CVSS and GHSA severity.
CVE_2020_8203 = {
    "id": "GHSA-p6mc-m468-83gw",
    "modified": "2022-02-08T22:04:28Z",
    "published": "2020-07-15T19:15:48Z",
    "aliases": ["CVE-2020-8203"],
    "summary": "Prototype Pollution in lodash",
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H"}],
    "affected": [
        {
            "package": {"ecosystem": "npm", "name": name},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "4.17.20"}]}],
        }
        for name in ("lodash", "lodash-es")
    ],
    "database_specific": {"cwe_ids": ["CWE-1321", "CWE-770"], "severity": "HIGH", "github_reviewed": True},
}
CVE_2021_23337 = {
    "id": "GHSA-35jh-r3h4-6jhm",
    "modified": "2022-02-08T21:35:09Z",
    "published": "2021-05-06T16:05:51Z",
    "aliases": ["CVE-2021-23337"],
    "summary": "Command Injection in lodash",
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}],
    "affected": [
        {
            "package": {"ecosystem": "npm", "name": name},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}],
        }
        for name in ("lodash", "lodash-es")
    ],
    "database_specific": {"cwe_ids": ["CWE-77", "CWE-94"], "severity": "HIGH", "github_reviewed": True},
}
CVE_2020_28500 = {
    "id": "GHSA-29mw-wpgm-hmr9",
    "modified": "2023-09-05T22:58:25Z",
    "published": "2022-01-06T20:30:46Z",
    "aliases": ["CVE-2020-28500"],
    "summary": "Regular Expression Denial of Service (ReDoS) in lodash",
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L"}],
    "affected": [
        *(
            {
                "package": {"ecosystem": "npm", "name": name},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}],
            }
            for name in ("lodash", "lodash-es")
        ),
        *(
            {
                "package": {"ecosystem": "npm", "name": name},
                "ranges": [
                    {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "4.5.1"}]}
                ],
            }
            for name in ("lodash.trimend", "lodash.trim")
        ),
    ],
    "database_specific": {
        "cwe_ids": ["CWE-1333", "CWE-400"],
        "severity": "MODERATE",
        "github_reviewed": True,
    },
}


def real_lock(lodash: str = "4.17.15") -> bytes:
    """npm's own package-lock.json (lockfileVersion 3) of a small app, with lodash at `lodash`."""
    text = REAL_LOCK.read_text()
    if lodash != "4.17.15":
        text = text.replace('"lodash": "4.17.15"', f'"lodash": "{lodash}"')
        start = text.index('"node_modules/lodash": {')
        end = text.index("}", start)
        entry = text[start:end]
        entry = entry.replace('"version": "4.17.15"', f'"version": "{lodash}"')
        entry = entry.replace(
            entry[entry.index('"sha512-') : entry.index('==",') + 3], f'"{LODASH_4_17_20_INTEGRITY}"'
        )
        text = text[:start] + entry + text[end:]
    return text.encode()


def padded(lock: bytes, depth: int = 100_000) -> bytes:
    """The same lockfile with a dummy key nested deeper than any parser reads."""
    document = lock.decode().rstrip()
    assert document.endswith("}")
    return (document[:-1] + ',\n  "padding": ' + "[" * depth + "]" * depth + "\n}\n").encode()


@pytest.fixture
def db(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    records = [CVE_2020_8203, CVE_2021_23337, CVE_2020_28500]
    with sessions() as session, session.begin():
        store_advisories(session, records, source="ghsa")  # and a successful sync of it, now
    return sessions


def context(sessions: sessionmaker[Session], *, attempt: int = 1, job_id: int = 1) -> JobContext:
    services = Services(settings=FakeSettings(), sessions=sessions, github=FakeGitHubApp())  # type: ignore[arg-type]
    return JobContext(
        services, job_id=job_id, kind="checkrun.run", attempt=attempt, installation_id=99, repository_id=7
    )


def job_payload(**extra: Any) -> dict[str, Any]:
    return {"repository_id": 7, "owner": "acme", "name": "shop", "head_sha": HEAD, "base_ref": BASE, **extra}


async def run(
    fake: FakeGitHub, sessions: sessionmaker[Session], job_id: int = 1000, **extra: Any
) -> dict[str, Any]:
    with fake.client():
        await jobs.run_job(context(sessions, job_id=job_id), job_payload(**extra))
    return fake.runs[max(fake.runs)]


def test_the_bumped_lockfile_reads_like_the_one_npm_wrote() -> None:
    old, new = real_lock(), real_lock("4.17.20")
    assert json.loads(new)["packages"]["node_modules/lodash"]["version"] == "4.17.20"
    (old_file, _), (new_file, _) = lockfiles.parse_file(LOCK_PATH, old), lockfiles.parse_file(LOCK_PATH, new)
    assert old_file.error is None and new_file.error is None and old_file.count == new_file.count


@pytest.mark.anyio
async def test_lodash_bump_keeps_one_advisory_still_present_and_credits_cve_2020_8203(db) -> None:
    fake = FakeGitHub(
        commits={
            BASE: {LOCK_PATH: real_lock("4.17.15"), ".github/repo-hygiene.yml": LOW},
            HEAD: {LOCK_PATH: real_lock("4.17.20"), ".github/repo-hygiene.yml": LOW},
        }
    )
    check_run = await run(fake, db, pull_number=None)
    summary, title = check_run["output"]["summary"], check_run["output"]["title"]
    # 4.17.15 has all three; 4.17.20 is past CVE-2020-8203's fix (4.17.20) but not the others' (4.17.21)
    assert check_run["conclusion"] == "neutral", summary  # fail_on low: only introduced findings could fail
    assert "introduced" not in title
    assert title == "2 still present (1 high, 1 moderate); 1 fixed"
    assert "### Still present (already on the base) (2)" in summary
    assert "GHSA\\-35jh\\-r3h4\\-6jhm" in summary and "GHSA\\-29mw\\-wpgm\\-hmr9" in summary
    assert "### Fixed by this change (1)" in summary
    assert "- fixes CVE\\-2020\\-8203 (GHSA\\-p6mc\\-m468\\-83gw) in lodash 4\\.17\\.15 (high)" in summary
    assert check_run["annotations"] == []  # nothing introduced


@pytest.mark.anyio
async def test_node_wg_lodash_records_add_a_fixed_advisory_of_their_own(db) -> None:
    """The Node.js Security WG's lodash records (../shared), imported as the app imports them."""
    folder = shared_path("advisories", "nodejs-security-wg", "vuln", "npm")
    wg = [json.loads((folder / f"{n}.json").read_text()) for n in (368, 493, 516)]
    with db() as session, session.begin():
        store_advisories(session, [nswg.convert(doc) for doc in wg], source="nswg")
    fake = FakeGitHub(
        commits={
            BASE: {LOCK_PATH: real_lock("4.17.15"), ".github/repo-hygiene.yml": LOW},
            HEAD: {LOCK_PATH: real_lock("4.17.20"), ".github/repo-hygiene.yml": LOW},
        }
    )
    check_run = await run(fake, db)
    title = check_run["output"]["title"]
    # 368 (<4.17.5) and 493 (<4.17.11) miss 4.17.15; 516 (>=4.17.15 <4.17.19) is fixed by the bump
    assert check_run["conclusion"] == "neutral" and "introduced" not in title
    assert title.endswith("; 2 fixed")
    assert "fixes CVE\\-2020\\-8203" in check_run["output"]["summary"]


@pytest.mark.anyio
async def test_a_padded_vulnerable_lockfile_fails_instead_of_going_neutral(db) -> None:
    vulnerable = real_lock("4.17.15")
    fake = FakeGitHub(commits={BASE: {LOCK_PATH: vulnerable}, HEAD: {LOCK_PATH: padded(vulnerable)}})
    check_run = await run(fake, db, pull_number=3)
    assert check_run["conclusion"] == "failure"
    assert check_run["output"]["title"] == "Could not read package-lock.json"
    assert check_run["output"]["summary"].startswith(
        "**Failing:** could not read package\\-lock\\.json: JSON nested too deeply to read."
    )
    assert "### Fixed by this change" not in check_run["output"]["summary"]  # nothing known is fixed


@pytest.mark.anyio
async def test_unreadable_neutral_in_the_base_configuration_keeps_a_padded_lockfile_neutral(db) -> None:
    vulnerable = real_lock("4.17.15")
    config = {".github/repo-hygiene.yml": b"dependencies:\n  unreadable: neutral\n"}
    fake = FakeGitHub(
        commits={
            BASE: {LOCK_PATH: vulnerable, **config},
            HEAD: {LOCK_PATH: padded(vulnerable), ".github/repo-hygiene.yml": b"dependencies: {}\n"},
        }
    )
    check_run = await run(fake, db)
    assert check_run["conclusion"] == "neutral"
    assert "`dependencies.unreadable: neutral`" in check_run["output"]["summary"]


@pytest.mark.anyio
async def test_an_unreadable_file_the_change_did_not_touch_stays_a_note(db) -> None:
    broken = {"legacy/package-lock.json": b"{not json"}
    fake = FakeGitHub(
        commits={
            BASE: {**broken, LOCK_PATH: npm_lock({"left-pad": "1.3.0"})},
            HEAD: {**broken, LOCK_PATH: npm_lock({"left-pad": "1.3.0", "express": "4.17.1"})},
        }
    )
    check_run = await run(fake, db)
    summary = check_run["output"]["summary"]
    assert check_run["conclusion"] == "neutral"  # never green on partial data, never failed for it
    assert "- Could not read legacy/package\\-lock\\.json: invalid JSON" in summary
    assert "added or changed by this change" not in summary


@pytest.mark.anyio
async def test_a_lockfile_too_large_to_read_that_the_change_added_fails(db, monkeypatch) -> None:
    monkeypatch.setattr(dependency_advisories, "NEEDS", (Need("**/package-lock.json", max_bytes=2_000),))
    fake = FakeGitHub(commits={BASE: {}, HEAD: {"app/package-lock.json": real_lock()}})
    check_run = await run(fake, db)
    assert check_run["conclusion"] == "failure"
    size = len(real_lock())
    assert (
        f"could not read app/package\\-lock\\.json: too large \\({size} bytes &gt; 2000\\)"
        in (check_run["output"]["summary"])
    )


@pytest.mark.anyio
async def test_default_branch_push_with_a_blocking_advisory_already_on_it_fails(db) -> None:
    """Whole state: the advisory was on `before` too, yet the run on the default branch fails, with the
    head's own configuration (here the threshold `high`), as the scan's stored result does."""
    lock = real_lock("4.17.15")
    fake = FakeGitHub(
        commits={
            BASE: {LOCK_PATH: lock, ".github/repo-hygiene.yml": b"dependencies: {fail_on: critical}\n"},
            HEAD: {
                LOCK_PATH: lock,
                "README.md": b"docs",
                ".github/repo-hygiene.yml": b"dependencies: {fail_on: high}\n",
            },
        }
    )
    check_run = await run(fake, db, trigger="push", whole_state=True)
    summary = check_run["output"]["summary"]
    assert check_run["conclusion"] == "failure", summary
    assert "(the run fails on any finding at or above high or of unknown severity)" in summary
    assert "every finding counts, as on the dashboard" in summary
    assert len(check_run["annotations"]) == 2  # the two high findings block, so they are annotated


@pytest.mark.anyio
async def test_a_retargeted_pull_request_is_checked_against_the_new_base(db) -> None:
    lock = real_lock("4.17.15")
    fake = FakeGitHub(
        commits={
            BASE: {LOCK_PATH: lock, ".github/repo-hygiene.yml": b"dependencies: {fail_on: high}\n"},
            OTHER_BASE: {
                LOCK_PATH: real_lock("4.17.20").replace(b"4.17.20", b"4.17.21"),
                ".github/repo-hygiene.yml": b"dependencies: {fail_on: high}\n",
            },
            HEAD: {LOCK_PATH: lock},
        }
    )
    first = await run(fake, db, pull_number=3, trigger="pull_request.opened")
    assert first["conclusion"] == "neutral"  # every finding was already on the old base

    body = webhook_payload("pull_request", "synchronize.payload.json")
    for key in ("before", "after"):
        body.pop(key, None)
    body.update(action="edited", changes={"base": {"ref": {"from": "main"}, "sha": {"from": BASE}}})
    body["pull_request"].update(number=3)
    body["pull_request"]["head"]["sha"] = HEAD
    body["pull_request"]["base"]["sha"] = OTHER_BASE
    validate("pull_request", "edited", body)
    body["repository"].update(id=7, name="shop", owner={**body["repository"]["owner"], "login": "acme"})
    event = handlers.WebhookEvent("pull_request", "d-1", body)
    await handlers.on_pull_request_base_changed(event, context(db))
    with db() as session:
        (job,) = session.scalars(select(Job).where(Job.kind == "checkrun.run")).all()
    assert job.payload["base_ref"] == OTHER_BASE
    with fake.client():
        await jobs.run_job(context(db, job_id=job.id), job.payload)
    second = fake.runs[max(fake.runs)]
    assert len(fake.runs) == 2  # a new run: not skipped as already compared
    assert second["conclusion"] == "failure"  # against the new base, lodash 4.17.15 is introduced
    assert second["output"]["title"].startswith("3 introduced")


def _env(sessions: sessionmaker[Session], loader: Any) -> RunEnv:
    # advisory data present and fresh for every ecosystem read: these tests are about faults
    return RunEnv(sessions, loader, app_id=42, load_coverage=TableMatcher({}).coverage)


def _request(**kw: Any) -> RunRequest:
    return RunRequest(
        repository_id=7, owner="acme", name="shop", head_sha=HEAD, base_ref=BASE, job_id=5, **kw
    )


@pytest.mark.anyio
async def test_a_server_error_is_retried_by_the_job_then_completes_the_same_run(sessions) -> None:
    fake = FakeGitHub(commits={BASE: {}, HEAD: {LOCK_PATH: npm_lock({"lodash": "4.17.15"})}})
    fake.fail = {r"GET .*/git/blobs/": 502}
    matcher = TableMatcher({})
    with fake.client():
        async with github() as gh:
            with pytest.raises(Exception, match="502"):
                await run_check_run(gh, _request(final_attempt=False), _env(sessions, matcher.loader))
            assert [r["status"] for r in fake.runs.values()] == ["in_progress"]  # never success
            fake.fail = {}
            outcome = await run_check_run(gh, _request(retry=True), _env(sessions, matcher.loader))
    assert len(fake.runs) == 1 and outcome.check_run_id == min(fake.runs)
    assert outcome.conclusion == "success"  # the retry read the file and found nothing


@pytest.mark.anyio
async def test_a_fault_on_the_last_attempt_ends_neutral_with_the_reason(sessions) -> None:
    fake = FakeGitHub(commits={BASE: {}, HEAD: {LOCK_PATH: npm_lock({"lodash": "4.17.15"})}})
    fake.fail = {r"GET .*/git/blobs/": 503}
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, _request(retry=True), _env(sessions, TableMatcher({}).loader))
    check_run = fake.runs[outcome.check_run_id]
    assert check_run["conclusion"] == "neutral" and "GitHub answered: 503" in check_run["output"]["summary"]


@pytest.mark.anyio
async def test_a_crash_is_retried_then_ends_neutral(sessions) -> None:
    def crash(_session: object, _wanted: object) -> TableMatcher:
        raise RuntimeError("index exploded")

    fake = FakeGitHub(commits={BASE: {}, HEAD: {LOCK_PATH: npm_lock({"lodash": "4.17.15"})}})
    with fake.client():
        async with github() as gh:
            with pytest.raises(RuntimeError):
                await run_check_run(gh, _request(final_attempt=False), _env(sessions, crash))
            outcome = await run_check_run(gh, _request(retry=True), _env(sessions, crash))
    assert len(fake.runs) == 1
    check_run = fake.runs[outcome.check_run_id]
    assert check_run["conclusion"] == "neutral"
    assert "internal error (RuntimeError)" in check_run["output"]["summary"]


@pytest.mark.anyio
async def test_a_permanent_github_answer_is_not_retried(sessions) -> None:
    fake = FakeGitHub(commits={HEAD: {LOCK_PATH: npm_lock({"lodash": "4.17.15"})}})  # the base is gone: 404
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(
                gh, _request(final_attempt=False), _env(sessions, TableMatcher({}).loader)
            )
    assert outcome.conclusion == "neutral"
    assert "GitHub answered: 404" in fake.runs[outcome.check_run_id]["output"]["summary"]


@pytest.mark.anyio
async def test_the_job_retries_until_its_last_attempt(db) -> None:
    with db() as session, session.begin():
        session.add(Job(id=1, kind="checkrun.run", payload={}, max_attempts=3, attempts=1))
    fake = FakeGitHub(commits={BASE: {}, HEAD: {LOCK_PATH: npm_lock({"lodash": "4.17.15"})}})
    fake.fail = {r"GET .*/git/blobs/": 500}
    with fake.client():
        for attempt in (1, 2):
            with pytest.raises(Exception, match="500"):
                await jobs.run_job(context(db, attempt=attempt), job_payload())
        assert [r["status"] for r in fake.runs.values()] == ["in_progress"]
        await jobs.run_job(context(db, attempt=3), job_payload())
    (check_run,) = fake.runs.values()
    assert check_run["status"] == "completed" and check_run["conclusion"] == "neutral"


@pytest.mark.anyio
async def test_a_rate_limit_leaves_the_run_in_progress_for_the_rescheduled_job(sessions) -> None:
    def limited(_session: object, _wanted: object) -> TableMatcher:
        raise RateLimited("403 API rate limit exceeded", reset_at=datetime.now(UTC), status=403)

    fake = FakeGitHub(commits={BASE: {}, HEAD: {LOCK_PATH: npm_lock({"lodash": "4.17.15"})}})
    with fake.client():
        async with github() as gh:
            with pytest.raises(RateLimited):  # even on the last attempt: rescheduling costs no attempt
                await run_check_run(gh, _request(), _env(sessions, limited))
    assert [r["status"] for r in fake.runs.values()] == ["in_progress"]
