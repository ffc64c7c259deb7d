"""File the "Dependency advisories" check run on a commit and complete it.

Flow: create the run `in_progress` (or, on a retried job, reuse the run already filed for this head),
read the dependency files at head and base (trees + uncached blobs), match, diff, render, then PATCH
it `completed` with the first 50 annotations and PATCH further batches of 50.

A fault on the app's side while computing (GitHub 5xx or a timeout after the client's own retries, a
crash) propagates while the job has attempts left: the run stays `in_progress` and the retried job
continues it. On the last attempt, and at once for a permanent GitHub answer (4xx), the run ends
`neutral` with the reason, never `success`. A rate limit always propagates: the worker reschedules the
job at the reset without counting an attempt, and the run stays in progress until then. If the final
PATCH itself fails the exception propagates so the job is retried, and the retry finishes the same run.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
from githubkit import GitHub
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.coverage import load_coverage
from app.checking import CoverageLoader
from app.checkruns.compute import Computed, compute
from app.checkruns.escape import escape_markdown_text
from app.checkruns.output import Output
from app.checkruns.render import render_simple
from app.checkruns.store import (
    CheckRunRecord,
    claim_filing,
    completed_tree_shas,
    newest_pull_head,
    release_filing,
    run_of_job,
)
from app.errors import GitHubError, RateLimited
from app.github.dry_run import IntendedWrites
from app.github.gateway import CallCounter, CheckRunRef, CheckRunWriter, RepoReader
from app.settings import DEFAULT_SCAN_BYTE_BUDGET
from checks.advisories.diff import Conclusion
from checks.model import DEFAULT_ADVISORY_MAX_AGE, AdvisoryMatcher

log = logging.getLogger(__name__)

CHECK_NAME = "Dependency advisories"
RECHECK = {
    "label": "Re-check advisories",
    "description": "Re-check with the latest advisories",
    "identifier": "recheck",
}

MatcherLoader = Callable[[Session, set[tuple[str, str]]], AdvisoryMatcher]


@dataclass(frozen=True)
class RunRequest:
    repository_id: int
    owner: str
    name: str
    head_sha: str
    base_ref: str | None = None  # a sha or branch; None: no base (everything counts as introduced)
    pull_number: int | None = None
    retry: bool = False  # a retried job: continue the run filed by the failed attempt
    job_id: int | None = None  # the job filing the run: an earlier attempt's run is continued
    # an automatic trigger (push, PR, check suite): skipped when a run on this head already compared
    # against the same base tree; re-runs, the button and advisory refreshes always file a new run
    automatic: bool = False
    details_url: str | None = None
    # the default branch's whole state (a push to it, an advisory refresh): every finding counts
    whole_state: bool = False
    # the job's last attempt: a fault ends the run neutral instead of failing the job for a retry
    final_attempt: bool = True


@dataclass
class RunEnv:
    sessions: sessionmaker[Session]
    load_matcher: MatcherLoader
    app_id: int | None = None
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # how long an automatic job waits for another job filing on the same head, and how long a claim
    # holds if its job's worker dies
    claim_wait: float = 120.0
    claim_lease: timedelta = timedelta(minutes=10)
    # what the advisory data covers and how fresh it is (by default read from the advisory store)
    load_coverage: CoverageLoader = load_coverage
    advisory_max_age: timedelta = DEFAULT_ADVISORY_MAX_AGE
    byte_budget: int = DEFAULT_SCAN_BYTE_BUDGET  # blob bytes each snapshot (head, base) may read
    # set: a dry run, the writer records the run it would file there and nothing is stored about it
    intended: IntendedWrites | None = None


@dataclass(frozen=True)
class RunOutcome:
    check_run_id: int | None
    conclusion: str | None
    title: str
    api_calls: int
    skipped: str | None = None
    computed: Computed | None = None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _superseded(env: RunEnv, req: RunRequest) -> str | None:
    if req.pull_number is None:
        return None
    with env.sessions() as session:
        newest = newest_pull_head(session, req.repository_id, req.pull_number)
    return newest if newest and newest != req.head_sha else None


async def _existing_run(reader: RepoReader, env: RunEnv, req: RunRequest) -> tuple[int, str] | None:
    """(id, status) of the run an earlier attempt of this job filed: from our records, or for a retry
    whose record was lost (its worker died between filing the run and recording it), the newest
    unfinished run of ours on the head as GitHub lists it, recorded now: so the run's completion is
    recorded too, and a later trigger for the head sees it checked."""
    if req.job_id is not None:
        with env.sessions() as session:
            row = run_of_job(session, req.repository_id, req.head_sha, req.job_id)
            if row is not None:
                return row.check_run_id, row.status
    if not req.retry:
        return None
    runs = await _unfinished_runs(reader, env, req)
    if not runs:
        return None
    found = (_filed_by(runs, req) or runs)[0].id
    _record_run(env, req, found)
    return found, "in_progress"


async def _create_run(writer: CheckRunWriter, env: RunEnv, req: RunRequest) -> int:
    body: dict[str, Any] = {
        "name": CHECK_NAME,
        "head_sha": req.head_sha,
        "status": "in_progress",
        "started_at": _iso(env.clock()),
        "external_id": _external_id(req),
    }
    if req.details_url:
        body["details_url"] = req.details_url
    run_id = await writer.create(body)
    if writer.dry_run:  # no run exists: nothing for a retry or a later trigger to continue or skip
        return run_id
    _record_run(env, req, run_id)
    return run_id


def _external_id(req: RunRequest) -> str:
    """Names the job that filed the run, so a retry whose record was lost finds its own run on GitHub."""
    base = f"repo-hygiene:{req.repository_id}:{req.head_sha}"
    return base if req.job_id is None else f"{base}:job:{req.job_id}"


async def _unfinished_runs(reader: RepoReader, env: RunEnv, req: RunRequest) -> list[CheckRunRef]:
    """Our runs on the head that GitHub lists as not completed, newest first."""
    runs = await reader.check_runs(req.head_sha, CHECK_NAME, env.app_id)
    return [r for r in runs if r.status != "completed"]


def _filed_by(runs: list[CheckRunRef], req: RunRequest) -> list[CheckRunRef]:
    """The runs among these that this job filed (its `external_id`)."""
    return [r for r in runs if r.external_id == _external_id(req)]


async def _own_lost_run(reader: RepoReader, env: RunEnv, req: RunRequest) -> int | None:
    """An unfinished run this job filed on GitHub (its `external_id`) but never recorded: the worker died
    between filing and recording it."""
    if not req.retry or req.job_id is None:
        return None
    mine = _filed_by(await _unfinished_runs(reader, env, req), req)
    return mine[0].id if mine else None


def _record_run(env: RunEnv, req: RunRequest, run_id: int) -> None:
    with env.sessions() as session, session.begin():
        session.add(
            CheckRunRecord(
                repository_id=req.repository_id,
                head_sha=req.head_sha,
                base_ref=req.base_ref,
                pull_number=req.pull_number,
                check_run_id=run_id,
                job_id=req.job_id,
                details={"whole_state": req.whole_state},
            )
        )


def is_transient(exc: BaseException) -> bool:
    """A fault worth a retry: anything but a permanent answer from GitHub (a 4xx other than a limit)."""
    if isinstance(exc, RateLimited) or not isinstance(exc, GitHubError):
        return True
    return exc.status is None or exc.status >= 500


def error_output(exc: BaseException) -> Output:
    if isinstance(exc, GitHubError):
        reason = f"GitHub answered: {escape_markdown_text(str(exc), 300)}"
    else:
        reason = f"an internal error ({type(exc).__name__}) stopped the check"
    return render_simple(
        Conclusion.NEUTRAL,
        "Could not check dependencies",
        f"**Neutral:** the dependency check could not finish: {reason}. "
        "Nothing is known about this commit's advisories; use **Re-check advisories** or re-run the check.",
    )


async def _complete(writer: CheckRunWriter, run_id: int, output: Output, moment: datetime) -> None:
    batches = list(output.annotation_batches()) or [()]
    await writer.update(
        run_id,
        {
            "status": "completed",
            "conclusion": output.conclusion.value,
            "completed_at": _iso(moment),
            "output": output.payload(batches[0]),
            "actions": [RECHECK],
        },
    )
    for batch in batches[1:]:  # each update appends its annotations
        await writer.update(run_id, {"output": output.payload(batch)})


class FilingBusy(Exception):
    """Another job held the claim on this head for longer than `RunEnv.claim_wait`: retry later."""


def _holder(req: RunRequest) -> str:
    return f"job:{req.job_id}" if req.job_id is not None else f"call:{uuid.uuid4().hex}"


async def _claim_head(env: RunEnv, req: RunRequest, holder: str) -> None:
    give_up = time.monotonic() + env.claim_wait
    pause = 0.05
    while True:
        now = env.clock()
        with env.sessions() as session, session.begin():
            if claim_filing(
                session,
                req.repository_id,
                req.head_sha,
                CHECK_NAME,
                holder,
                now=now,
                until=now + env.claim_lease,
            ):
                return
        if time.monotonic() > give_up:
            raise FilingBusy(f"another job is filing {CHECK_NAME!r} on {req.head_sha}")
        await anyio.sleep(pause)
        pause = min(pause * 2, 1.0)


def _release_head(env: RunEnv, req: RunRequest, holder: str) -> None:
    with env.sessions() as session, session.begin():
        release_filing(session, req.repository_id, req.head_sha, CHECK_NAME, holder)


async def run_check_run(gh: GitHub[Any], req: RunRequest, env: RunEnv) -> RunOutcome:
    """File and complete one run. Automatic triggers for one head take turns (a claim in the database),
    so concurrent `push`/`pull_request`/`check_suite` jobs file one run; re-runs, the button and
    advisory refreshes file theirs without waiting, as GitHub users expect a fresh run."""
    counter = CallCounter()
    reader = RepoReader(gh, req.owner, req.name, counter)
    writer = CheckRunWriter(gh, req.owner, req.name, counter, env.intended)
    newer = _superseded(env, req)
    if newer:
        log.info("check run for %s/%s@%s skipped: superseded by %s", req.owner, req.name, req.head_sha, newer)
        return await _skip_superseded(reader, writer, req, env, newer)
    if not req.automatic:
        return await _file_run(reader, writer, req, env)
    holder = _holder(req)
    await _claim_head(env, req, holder)
    try:
        return await _file_run(reader, writer, req, env)
    finally:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(_release_head, env, req, holder)


def _superseded_output(newer: str) -> Output:
    return render_simple(
        Conclusion.NEUTRAL,
        "Superseded by a newer commit",
        f"A newer commit (`{newer[:12]}`) was pushed to this pull request; it gets its own check run.",
    )


async def _skip_superseded(
    reader: RepoReader, writer: CheckRunWriter, req: RunRequest, env: RunEnv, newer: str
) -> RunOutcome:
    """A job whose head is no longer its pull request's files nothing. Should an earlier attempt (whose
    worker died) have filed a run, that run ends "Superseded" rather than staying in progress, and the
    claim that attempt held on the head is freed. The run is the one our records know, or, when the
    attempt died before recording it, the unfinished run GitHub lists with this job's `external_id`
    (without the claim, any other unfinished run on the head may be another job's)."""
    if req.job_id is None:
        return RunOutcome(None, None, "", reader.calls, skipped=f"superseded by {newer}")
    if req.automatic:
        await anyio.to_thread.run_sync(_release_head, env, req, _holder(req))
    with env.sessions() as session:
        row = run_of_job(session, req.repository_id, req.head_sha, req.job_id)
        unfinished = row.check_run_id if row is not None and row.status != "completed" else None
    if row is None and (unfinished := await _own_lost_run(reader, env, req)) is not None:
        _record_run(env, req, unfinished)
    if unfinished is not None:
        output = _superseded_output(newer)
        await _complete(writer, unfinished, output, env.clock())
        _record_completion(env, req, unfinished, output, reader.calls, base_tree_sha=None)
    return RunOutcome(None, None, "", reader.calls, skipped=f"superseded by {newer}")


def _record_completion(
    env: RunEnv, req: RunRequest, run_id: int, output: Output, calls: int, *, base_tree_sha: str | None
) -> None:
    with env.sessions() as session, session.begin():
        stmt = (
            select(CheckRunRecord)
            .where(CheckRunRecord.check_run_id == run_id)
            .order_by(CheckRunRecord.id.desc())
        )
        row = session.scalars(stmt).first()
        if row is not None:
            row.status, row.conclusion, row.title = "completed", output.conclusion.value, output.title
            row.completed_at = env.clock()
            row.details = {
                "api_calls": calls,
                "annotations": len(output.annotations),
                "whole_state": req.whole_state,
            }
            row.base_tree_sha = base_tree_sha


async def _file_run(reader: RepoReader, writer: CheckRunWriter, req: RunRequest, env: RunEnv) -> RunOutcome:
    existing = await _existing_run(reader, env, req)
    if existing is not None and existing[1] == "completed":
        log.info("check run %s was completed by an earlier attempt of this job", existing[0])
        return RunOutcome(existing[0], None, "", reader.calls, skipped="completed by an earlier attempt")
    # a job that filed no run yet (also a retry whose worker died before filing) skips a head already
    # checked; one that did continues its own run, which must not stay in progress
    if existing is None and req.automatic and req.base_ref:
        with env.sessions() as session:
            done = completed_tree_shas(session, req.repository_id, req.head_sha, whole_state=req.whole_state)
        if done and await reader.tree_sha(req.base_ref) in done:
            log.info("%s/%s@%s already checked against this base", req.owner, req.name, req.head_sha)
            return RunOutcome(None, None, "", reader.calls, skipped="already checked against the same base")
    run_id = existing[0] if existing is not None else await _create_run(writer, env, req)
    computed: Computed | None = None
    try:
        computed = await compute(
            reader,
            req.head_sha,
            req.base_ref,
            env,
            repository_id=req.repository_id,
            whole_state=req.whole_state,
        )
        output = computed.output
    except Exception as exc:
        if isinstance(exc, RateLimited) or (is_transient(exc) and not req.final_attempt):
            log.warning(
                "dependency check of %s/%s@%s failed (%s); the job retries it",
                req.owner,
                req.name,
                req.head_sha,
                type(exc).__name__,
            )
            raise  # the run stays in progress; the retried job continues it
        log.exception("dependency check of %s/%s@%s failed", req.owner, req.name, req.head_sha)
        output = error_output(exc)  # the last attempt still completes the run, with the reason
    newer = _superseded(env, req)
    if newer:
        output = _superseded_output(newer)
    await _complete(writer, run_id, output, env.clock())
    if writer.dry_run:
        return RunOutcome(None, output.conclusion.value, output.title, reader.calls, computed=computed)
    tree = computed.base_tree_sha if computed is not None and newer is None else None
    _record_completion(env, req, run_id, output, reader.calls, base_tree_sha=tree)
    return RunOutcome(run_id, output.conclusion.value, output.title, reader.calls, computed=computed)
