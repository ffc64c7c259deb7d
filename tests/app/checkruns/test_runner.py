from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from githubkit import GitHub
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.checkruns.runner import CHECK_NAME, RunEnv, RunRequest, run_check_run
from app.checkruns.store import CheckRunRecord, record_pull_head
from app.store.parse_cache import ParsedBlob
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.factories import finding
from tests.app.checkruns.fakes import TableMatcher, github
from tests.fakes.github import FakeGitHub

HEAD, BASE = "h" * 40, "b" * 40
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
LODASH_OLD = finding()  # lodash 4.17.15, high


def env(sessions: sessionmaker[Session], matcher: TableMatcher) -> RunEnv:
    return RunEnv(sessions, matcher.loader, app_id=42, clock=lambda: NOW, load_coverage=matcher.coverage)


def request(**kw: object) -> RunRequest:
    values: dict[str, object] = {"repository_id": 7, "owner": "acme", "name": "shop", "head_sha": HEAD}
    values.update(kw)
    return RunRequest(**values)  # type: ignore[arg-type]


@pytest.fixture
def matcher() -> TableMatcher:
    return TableMatcher({("npm", "lodash", "4.17.15"): [LODASH_OLD]})


@pytest.mark.anyio
async def test_pr_adding_vulnerable_version_fails_with_annotation(sessions, matcher) -> None:
    fake = FakeGitHub(
        commits={
            BASE: {"package-lock.json": npm_lock({"left-pad": "1.3.0"}), "README.md": b"hi"},
            HEAD: {
                "package-lock.json": npm_lock({"left-pad": "1.3.0", "lodash": "4.17.15"}),
                "README.md": b"hi",
            },
        }
    )
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(
                gh, request(base_ref=BASE, details_url="https://rh.test/x"), env(sessions, matcher)
            )
    (run,) = fake.runs.values()
    assert run["name"] == CHECK_NAME and run["head_sha"] == HEAD and run["status"] == "completed"
    assert run["started_at"] == "2026-11-24T12:00:00Z" and run["details_url"] == "https://rh.test/x"
    assert run["external_id"] == f"repo-hygiene:7:{HEAD}"
    assert run["conclusion"] == "failure" and outcome.conclusion == "failure"
    assert run["output"]["title"] == "1 introduced (1 high)"
    (note,) = run["annotations"]
    assert note["path"] == "package-lock.json" and note["annotation_level"] == "failure"
    assert npm_lock({"left-pad": "1.3.0", "lodash": "4.17.15"}).decode().splitlines()[
        note["start_line"] - 1
    ] == ('    "node_modules/lodash": {')
    assert run["actions"] == [
        {
            "label": "Re-check advisories",
            "description": "Re-check with the latest advisories",
            "identifier": "recheck",
        }
    ]
    # tree at head, tree at base, two changed blobs, create, complete
    assert outcome.api_calls == len(fake.requests) == 6
    with sessions() as session:
        record = session.scalars(select(CheckRunRecord)).one()
        assert (record.check_run_id, record.status, record.conclusion) == (run["id"], "completed", "failure")


@pytest.mark.anyio
async def test_second_run_reuses_cached_blobs_and_stays_within_budget(sessions, matcher) -> None:
    base_files = {"package-lock.json": npm_lock({"lodash": "4.17.15"})}
    head_files = {"package-lock.json": npm_lock({"lodash": "4.17.21"})}
    fake = FakeGitHub(commits={BASE: base_files, HEAD: head_files, "c" * 40: base_files})
    with fake.client():
        async with github() as gh:
            first = await run_check_run(gh, request(head_sha="c" * 40, base_ref=BASE), env(sessions, matcher))
            assert first.conclusion == "neutral"  # same files as the base: only pre-existing findings
            fake.requests.clear()
            outcome = await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))
    assert outcome.conclusion == "success"  # upgraded past the fix
    assert fake.count("GET", "/git/blobs/") == 1  # only the new head blob; the base blob was cached
    assert outcome.api_calls == 5
    with sessions() as session:
        assert len(session.scalars(select(ParsedBlob)).all()) == 2


@pytest.mark.anyio
async def test_docs_only_pr_on_repo_with_old_findings_is_neutral(sessions, matcher) -> None:
    lock = npm_lock({"lodash": "4.17.15"})
    fake = FakeGitHub(
        commits={BASE: {"package-lock.json": lock}, HEAD: {"package-lock.json": lock, "docs/a.md": b"x"}}
    )
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))
    run = fake.runs[outcome.check_run_id]
    assert run["conclusion"] == "neutral"
    assert "introduces no advisories" in run["output"]["summary"]
    assert "same dependency files" in run["output"]["summary"]
    assert run["annotations"] == []
    assert len(matcher.asked) == 1 and fake.count("GET", "/git/blobs/") == 1


@pytest.mark.anyio
async def test_no_lockfile_completes_success_quickly(sessions, matcher) -> None:
    fake = FakeGitHub(commits={HEAD: {"README.md": b"# shop"}, BASE: {"README.md": b"# shop"}})
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))
    run = fake.runs[outcome.check_run_id]
    assert run["conclusion"] == "success"
    assert run["output"]["summary"] == "No lockfile or dependency manifest in this commit."
    assert outcome.api_calls == 3 and matcher.asked == []


@pytest.mark.anyio
async def test_annotations_are_sent_fifty_per_request(sessions) -> None:
    packages = {f"pkg{i}": "1.0.0" for i in range(120)}
    table = {("npm", n, "1.0.0"): [finding(n, "1.0.0", f"GHSA-{n}", aliases=())] for n in packages}
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock(packages)}, BASE: {}})
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(base_ref=BASE), env(sessions, TableMatcher(table)))
    sizes = [len((body.get("output") or {}).get("annotations", [])) for _, body in fake.patches]
    assert sizes == [50, 50, 20]
    assert fake.patches[0][1]["status"] == "completed"
    assert all(body["output"]["title"] == fake.patches[0][1]["output"]["title"] for _, body in fake.patches)
    assert len(fake.runs[outcome.check_run_id]["annotations"]) == 120


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("failing", "reason"),
    [
        (r"GET .*/git/trees/b+", "GitHub answered: 404 injected 404"),
        (r"GET .*/git/blobs/", "GitHub answered: 500"),
    ],
)
async def test_errors_end_the_run_neutral_with_the_reason(
    sessions, matcher, failing: str, reason: str
) -> None:
    fake = FakeGitHub(
        commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}}, fail={failing: 0}
    )
    fake.fail = {failing: 404 if "trees" in failing else 500}
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))
    run = fake.runs[outcome.check_run_id]
    assert run["status"] == "completed" and run["conclusion"] == "neutral"
    assert run["output"]["title"] == "Could not check dependencies"
    assert reason in run["output"]["summary"]


@pytest.mark.anyio
async def test_internal_error_ends_neutral(sessions) -> None:
    def broken(_session: object, _wanted: object) -> TableMatcher:
        raise RuntimeError("index exploded with secret ghs_abc")

    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}})
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(), RunEnv(sessions, broken, clock=lambda: NOW))
    summary = fake.runs[outcome.check_run_id]["output"]["summary"]
    assert "internal error (RuntimeError)" in summary and "ghs_abc" not in summary


@pytest.mark.anyio
async def test_unreadable_lockfile_without_a_base_fails_and_is_named(sessions, matcher) -> None:
    # with no base every file is new to the change, so a file that cannot be read fails the run
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": b"{not json", "yarn.lock": b""}})
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(), env(sessions, matcher))
    run = fake.runs[outcome.check_run_id]
    assert run["conclusion"] == "failure"
    assert "Could not read package\\-lock\\.json" in run["output"]["summary"]
    assert "**Failing:** could not read package\\-lock\\.json: invalid JSON" in run["output"]["summary"]


@pytest.mark.anyio
async def test_failed_final_patch_raises_and_the_retry_reuses_the_run(sessions, matcher) -> None:
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})
    fake.fail = {r"PATCH .*/check-runs/": 502}
    with fake.client():
        async with github() as gh:
            with pytest.raises(Exception, match="502"):
                await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))
            assert [r["status"] for r in fake.runs.values()] == ["in_progress"]
            fake.fail = {}
            outcome = await run_check_run(gh, request(base_ref=BASE, retry=True), env(sessions, matcher))
    assert len(fake.runs) == 1 and outcome.check_run_id == 1000
    assert fake.runs[1000]["status"] == "completed" and fake.runs[1000]["conclusion"] == "failure"


@pytest.mark.anyio
async def test_retry_without_a_stored_row_finds_the_run_on_github(sessions, matcher) -> None:
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})
    fake.runs[1000] = {
        "id": 1000,
        "name": CHECK_NAME,
        "head_sha": HEAD,
        "status": "in_progress",
        "annotations": [],
    }
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(base_ref=BASE, retry=True), env(sessions, matcher))
    assert outcome.check_run_id == 1000 and len(fake.runs) == 1
    assert fake.count("GET", f"/commits/{HEAD}/check-runs") == 1


@pytest.mark.anyio
async def test_run_found_on_github_by_a_retry_is_recorded_so_another_trigger_files_none(
    sessions, matcher
) -> None:
    """The first attempt's worker died between filing the run and recording it."""
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})
    fake.runs[1000] = {
        "id": 1000,
        "name": CHECK_NAME,
        "head_sha": HEAD,
        "status": "in_progress",
        "annotations": [],
    }
    with fake.client():
        async with github() as gh:
            retried = await run_check_run(
                gh, request(base_ref=BASE, job_id=3, automatic=True, retry=True), env(sessions, matcher)
            )
            other = await run_check_run(
                gh, request(base_ref=BASE, job_id=4, automatic=True), env(sessions, matcher)
            )
    assert retried.check_run_id == 1000 and fake.runs[1000]["status"] == "completed"
    assert other.skipped == "already checked against the same base" and len(fake.runs) == 1
    with sessions() as session:
        (record,) = session.scalars(select(CheckRunRecord)).all()
    assert (record.check_run_id, record.job_id, record.status) == (1000, 3, "completed")


@pytest.mark.anyio
async def test_superseded_before_start_is_skipped(sessions, matcher) -> None:
    with sessions() as session, session.begin():
        record_pull_head(session, 7, 3, "n" * 40, NOW)
    fake = FakeGitHub(commits={HEAD: {}})
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(pull_number=3), env(sessions, matcher))
    assert outcome.skipped == f"superseded by {'n' * 40}" and fake.requests == []


async def _first_attempt_files_then_dies(gh: GitHub[Any], fake: FakeGitHub, run_env: RunEnv) -> None:
    """Job 8's first attempt on pull request 3 files its run, then fails to complete it."""
    fake.fail = {r"PATCH .*/check-runs/": 502}
    with pytest.raises(Exception, match="502"):
        await run_check_run(gh, request(base_ref=BASE, pull_number=3, job_id=8), run_env)
    fake.fail = {}


@pytest.mark.anyio
async def test_retry_superseded_before_start_completes_the_run_its_dead_attempt_filed(
    sessions, matcher
) -> None:
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})
    with fake.client():
        async with github() as gh:
            await _first_attempt_files_then_dies(gh, fake, env(sessions, matcher))
            with sessions() as session, session.begin():
                record_pull_head(session, 7, 3, "n" * 40, NOW)
            retried = await run_check_run(
                gh, request(base_ref=BASE, pull_number=3, job_id=8, retry=True), env(sessions, matcher)
            )
    assert retried.skipped == f"superseded by {'n' * 40}"
    (run,) = fake.runs.values()
    assert run["status"] == "completed" and run["output"]["title"] == "Superseded by a newer commit"
    with sessions() as session:
        assert session.scalars(select(CheckRunRecord.status)).all() == ["completed"]


@pytest.mark.anyio
async def test_retry_superseded_completes_the_run_its_dead_attempt_filed_but_never_recorded(
    sessions, matcher
) -> None:
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})
    with fake.client():
        async with github() as gh:
            await _first_attempt_files_then_dies(gh, fake, env(sessions, matcher))
            with sessions() as session, session.begin():
                session.query(CheckRunRecord).delete()  # the worker died before recording its run
                record_pull_head(session, 7, 3, "n" * 40, NOW)
            other = await run_check_run(gh, request(job_id=9), env(sessions, matcher))  # a push's run
            retried = await run_check_run(
                gh, request(base_ref=BASE, pull_number=3, job_id=8, retry=True), env(sessions, matcher)
            )
    assert retried.skipped == f"superseded by {'n' * 40}"
    filed = next(r for r in fake.runs.values() if r["external_id"] == f"repo-hygiene:7:{HEAD}:job:8")
    assert filed["status"] == "completed" and filed["output"]["title"] == "Superseded by a newer commit"
    pushed = fake.runs[other.check_run_id]
    assert pushed["output"]["title"] != "Superseded by a newer commit"
    with sessions() as session:
        assert sorted(session.scalars(select(CheckRunRecord.job_id))) == [8, 9]


@pytest.mark.anyio
async def test_superseded_while_running_completes_neutral(sessions) -> None:
    def newer_push_arrives(session: Session, _wanted: object) -> TableMatcher:
        with Session(session.get_bind()) as other, other.begin():
            record_pull_head(other, 7, 3, "n" * 40, NOW)
        return TableMatcher({})

    with sessions() as session, session.begin():
        record_pull_head(session, 7, 3, HEAD, NOW.replace(hour=11))
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}})
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(
                gh, request(pull_number=3), RunEnv(sessions, newer_push_arrives, clock=lambda: NOW)
            )
    run = fake.runs[outcome.check_run_id]
    assert run["conclusion"] == "neutral" and run["output"]["title"] == "Superseded by a newer commit"


@pytest.mark.anyio
async def test_config_from_base_sets_threshold_and_ignores(sessions, matcher) -> None:
    config = (
        b"dependencies:\n  fail_on: critical\n"
        b"  ignore:\n    - id: CVE-2020-8203\n      until: 2026-01-01\n      reason: old\n"
    )
    fake = FakeGitHub(
        commits={
            BASE: {".github/repo-hygiene.yml": config},
            HEAD: {
                "package-lock.json": npm_lock({"lodash": "4.17.15"}),
                ".github/repo-hygiene.yml": b"dependencies: {fail_on: low}",
            },
        }
    )
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))
    run = fake.runs[outcome.check_run_id]
    assert (
        run["conclusion"] == "neutral"
    )  # high is below the base's `critical`; the head's config is not used
    assert "CVE\\-2020\\-8203 expired on 2026-01-01" in run["output"]["summary"]


@pytest.mark.anyio
async def test_automatic_trigger_for_an_already_checked_head_and_base_files_nothing(
    sessions, matcher
) -> None:
    files = {"package-lock.json": npm_lock({"lodash": "4.17.15"})}
    fake = FakeGitHub(commits={HEAD: files, BASE: {}, "main": {}})
    with fake.client():
        async with github() as gh:
            first = await run_check_run(gh, request(base_ref="main", automatic=True), env(sessions, matcher))
            fake.requests.clear()
            again = await run_check_run(gh, request(base_ref=BASE, automatic=True), env(sessions, matcher))
            assert again.skipped == "already checked against the same base" and again.check_run_id is None
            assert fake.requests == [("GET", f"/repos/acme/shop/git/trees/{BASE}")]
            rerun = await run_check_run(gh, request(base_ref=BASE), env(sessions, matcher))  # a re-run
    assert first.conclusion == rerun.conclusion == "failure" and len(fake.runs) == 2


@pytest.mark.anyio
async def test_automatic_trigger_against_another_base_is_checked(sessions, matcher) -> None:
    lock = npm_lock({"lodash": "4.17.15"})
    fake = FakeGitHub(
        commits={HEAD: {"package-lock.json": lock}, BASE: {}, "main": {"package-lock.json": lock}}
    )
    with fake.client():
        async with github() as gh:
            first = await run_check_run(gh, request(base_ref="main", automatic=True), env(sessions, matcher))
            second = await run_check_run(gh, request(base_ref=BASE, automatic=True), env(sessions, matcher))
    assert (first.conclusion, second.conclusion) == ("neutral", "failure")
    assert len(fake.runs) == 2


@pytest.mark.anyio
async def test_retried_automatic_job_that_filed_nothing_skips_a_head_already_checked(
    sessions, matcher
) -> None:
    """Its worker died before it filed a run; meanwhile another trigger's job checked the head."""
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})
    with fake.client():
        async with github() as gh:
            first = await run_check_run(
                gh, request(base_ref=BASE, job_id=1, automatic=True), env(sessions, matcher)
            )
            retried = await run_check_run(
                gh, request(base_ref=BASE, job_id=2, automatic=True, retry=True), env(sessions, matcher)
            )
    assert first.conclusion == "failure"
    assert retried.skipped == "already checked against the same base" and retried.check_run_id is None
    assert len(fake.runs) == 1


@pytest.mark.anyio
async def test_automatic_job_with_its_own_run_in_progress_completes_it_on_a_head_already_checked(
    sessions, matcher
) -> None:
    """Rescheduled after filing (a rate limit at the final update) while another trigger's job checked
    the head: its own run is completed, never left in progress."""
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})
    fake.fail = {r"PATCH .*/check-runs/": 403}
    with fake.client():
        async with github() as gh:
            with pytest.raises(Exception, match="403"):
                await run_check_run(
                    gh, request(base_ref=BASE, job_id=5, automatic=True), env(sessions, matcher)
                )
            fake.fail = {}
            await run_check_run(gh, request(base_ref=BASE, job_id=6, automatic=True), env(sessions, matcher))
            again = await run_check_run(
                gh, request(base_ref=BASE, job_id=5, automatic=True), env(sessions, matcher)
            )
    assert again.check_run_id == 1000 and again.skipped is None
    assert [r["status"] for r in fake.runs.values()] == ["completed", "completed"]


@pytest.mark.anyio
async def test_rescheduled_job_continues_its_own_run_and_other_jobs_file_their_own(sessions, matcher) -> None:
    fake = FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})
    fake.fail = {r"PATCH .*/check-runs/": 403}  # e.g. a rate limit at the final update
    with fake.client():
        async with github() as gh:
            with pytest.raises(Exception, match="403"):
                await run_check_run(gh, request(base_ref=BASE, job_id=5), env(sessions, matcher))
            fake.fail = {}
            other = await run_check_run(gh, request(base_ref=BASE, job_id=6), env(sessions, matcher))
            again = await run_check_run(gh, request(base_ref=BASE, job_id=5), env(sessions, matcher))
            done = await run_check_run(
                gh, request(base_ref=BASE, job_id=5, retry=True), env(sessions, matcher)
            )
    assert (other.check_run_id, again.check_run_id) == (1001, 1000)  # attempt 1 again: same run
    assert fake.count("GET", "/check-runs") == 0  # found in our records, not by listing
    assert [r["status"] for r in fake.runs.values()] == ["completed", "completed"]
    assert done.skipped == "completed by an earlier attempt" and done.check_run_id == 1000
    assert len(fake.patches) == 2  # nothing patched twice


@pytest.mark.anyio
async def test_pull_request_and_push_triggers_for_one_head_file_one_run_per_kind(sessions, matcher) -> None:
    """The merge commit of a pull request pushed to the default branch: `pull_request` and
    `check_suite` (the change against its base) and `push` and the default branch's `check_suite`
    (the whole state against `before`) arrive together. Each kind gets one completed run; a re-request
    still files a fresh one."""
    import anyio

    before = "f" * 40
    fake = FakeGitHub(
        commits={
            HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})},
            BASE: {"package-lock.json": npm_lock({"left-pad": "1.3.0"})},
            before: {"package-lock.json": npm_lock({"lodash": "4.17.15", "left-pad": "1.3.0"})},
        }
    )
    change = {"base_ref": BASE, "pull_number": 3, "automatic": True}
    whole = {"base_ref": before, "whole_state": True, "automatic": True}
    outcomes = []
    with fake.client():
        async with github() as gh:

            async def file(job_id: int, kind: dict[str, object]) -> None:
                outcomes.append(
                    await run_check_run(gh, request(job_id=job_id, **kind), env(sessions, matcher))
                )

            async with anyio.create_task_group() as jobs:
                for job_id, kind in enumerate((change, whole, change, whole), start=1):
                    jobs.start_soon(file, job_id, kind)
            rerun = await run_check_run(
                gh, request(job_id=9, **{**whole, "automatic": False}), env(sessions, matcher)
            )
    filed = [o for o in outcomes if o.check_run_id is not None]
    assert (
        len(filed) == 2
        and sorted(str(o.skipped) for o in outcomes if o.check_run_id is None)
        == ["already checked against the same base"] * 2
    )
    with sessions() as session:
        records = session.scalars(select(CheckRunRecord).where(CheckRunRecord.head_sha == HEAD)).all()
        kinds = sorted(bool((r.details or {}).get("whole_state")) for r in records)
    assert kinds == [False, True, True]  # one run on the change, one on the whole state, and the re-run
    assert rerun.check_run_id not in {o.check_run_id for o in filed}
    assert [r["status"] for r in fake.runs.values()] == ["completed"] * 3
