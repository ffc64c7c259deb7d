"""The jobs that file check runs: `checkrun.run` (one run on one commit) and `advisories.changed`
(new advisories: re-check the default branch of every repository using one of the packages)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from app.advisories.coverage import freshness
from app.advisories.store import load_index
from app.checkruns import results
from app.checkruns.compute import CHECK_ID
from app.checkruns.handlers import JOB_KIND, our_app_id
from app.checkruns.runner import RunEnv, RunRequest, run_check_run
from app.github.gateway import RepoReader
from app.jobs.advisories import GAPS_KIND, request_sync_for_gap
from app.jobs.context import JobContext
from app.jobs.dry_run import intended_writes_for, store_intended_writes
from app.jobs.registry import job_handler
from app.settings import Settings
from app.store.base import utcnow
from app.store.intended_writes import CHECK_RUN
from app.store.models import Job, Repository
from app.store.org_config import repository_org_config_text
from app.store.results import store_results
from app.store.sync import stopped_reason

log = logging.getLogger(__name__)

BASE_IS_HEAD = "=head"  # base_ref of a default-branch refresh: every finding is still present
AUTOMATIC_TRIGGERS = (
    "pull_request.opened",
    "pull_request.synchronize",
    "pull_request.reopened",
    "push",
    "check_suite.requested",
)


def details_url(settings: Settings, owner: str, name: str) -> str | None:
    """The dashboard page of the repository when BASE_URL (the app's public http(s) URL) is set."""
    if settings.base_url is None:
        return None
    return f"{settings.base_url}/orgs/{quote(owner)}/repos/{quote(name)}"


def is_automatic(trigger: str) -> bool:
    """Triggers GitHub sends by itself for a new head; re-runs, the button, advisory refreshes and a
    pull request's new base (`pull_request.edited`) are not: they always file a new run."""
    return trigger.startswith(AUTOMATIC_TRIGGERS)


@job_handler(JOB_KIND)
async def run_job(ctx: JobContext, payload: dict[str, Any]) -> None:
    if ctx.installation_id is None:
        raise ValueError("checkrun.run job without an installation id")
    with ctx.session() as session:
        stopped = stopped_reason(session, ctx.installation_id, int(payload["repository_id"]))
        # by id: the repository may have been renamed or transferred since the job was queued
        known = session.get(Repository, int(payload["repository_id"]))
        owner, name = (known.owner, known.name) if known else (str(payload["owner"]), str(payload["name"]))
        job = session.get(Job, ctx.job_id)
        final_attempt = job is None or ctx.attempt >= job.max_attempts
        org_text = repository_org_config_text(session, int(payload["repository_id"]))
    intended = intended_writes_for(ctx.services.settings, f"{owner}/{name}", org_text)
    if stopped is not None:  # uninstalled, suspended or removed since the job was queued
        ctx.outcome = f"dropped: {stopped}"
        return
    env = RunEnv(
        ctx.services.sessions,
        load_index,
        app_id=our_app_id(ctx),
        advisory_max_age=ctx.services.settings.advisory_max_age,
        byte_budget=ctx.services.settings.scan_byte_budget,
        intended=intended,
    )
    async with ctx.services.github.installation(ctx.installation_id) as gh:
        head = payload.get("head_sha")
        if not head:  # a refresh of the default branch: its current head
            head = await RepoReader(gh, owner, name).commit_sha(str(payload["head_ref"]))
        request = RunRequest(
            repository_id=int(payload["repository_id"]),
            owner=owner,
            name=name,
            head_sha=str(head),
            base_ref=head if payload.get("base_ref") == BASE_IS_HEAD else payload.get("base_ref"),
            pull_number=payload.get("pull_number"),
            retry=ctx.attempt > 1,
            job_id=ctx.job_id,
            details_url=details_url(ctx.services.settings, owner, name),
            automatic=is_automatic(str(payload.get("trigger", ""))),
            whole_state=bool(payload.get("whole_state")),
            final_attempt=final_attempt,
        )
        outcome = await run_check_run(gh, request, env)
        store = bool(payload.get("update_result"))
        if not store and request.whole_state and payload.get("head_ref") and outcome.computed is not None:
            # the default branch's run judges what the dashboard shows: it stores that result too, unless
            # a newer push moved the branch on (that push's own run and scan store theirs)
            branch_head = await RepoReader(gh, owner, name).commit_sha(str(payload["head_ref"]))
            store = branch_head == request.head_sha
    if outcome.skipped:
        ctx.outcome = f"skipped: {outcome.skipped}"
    else:
        with ctx.session() as session, session.begin():
            store_intended_writes(session, request.repository_id, CHECK_RUN, intended)
    head_result = outcome.computed.head_result if outcome.computed is not None else None
    request_sync_for_gap(ctx.services.sessions, head_result)
    if store and head_result is not None:
        with ctx.session() as session, session.begin():
            store_results(session, request.repository_id, request.head_sha, {CHECK_ID: head_result})


@job_handler("advisories.changed")
async def advisories_changed(ctx: JobContext, payload: dict[str, Any]) -> None:
    """New or changed advisories for (ecosystem, name) pairs: re-check every affected repository's
    default branch and refresh its stored `dependency-advisories` result."""
    packages = results.package_set(payload.get("packages", payload.get("pairs", [])))
    if not packages:
        return
    with ctx.session() as session:
        affected = results.affected_repositories(session, packages)
    for repo in affected:
        _refresh(ctx, repo, "advisories.changed")
    log.info(
        "advisories changed for %d package(s): %d repository re-check(s) queued", len(packages), len(affected)
    )


def _refresh(ctx: JobContext, repo: Repository, trigger: str) -> None:
    """Re-check a repository's default branch and refresh its stored result."""
    ctx.enqueue(
        JOB_KIND,
        {
            "repository_id": repo.id,
            "owner": repo.owner,
            "name": repo.name,
            "head_sha": None,
            "head_ref": repo.default_branch,
            "base_ref": BASE_IS_HEAD,
            "pull_number": None,
            "trigger": trigger,
            "whole_state": True,
            "update_result": True,
        },
        dedupe_key=f"checkrun:{repo.id}:refresh",
        installation_id=repo.installation_id,
        repository_id=repo.id,
    )


@job_handler(GAPS_KIND)
async def advisory_gaps_filled(ctx: JobContext, payload: dict[str, Any]) -> None:
    """After a successful sync: re-check the repositories whose stored result lacked advisory data
    the database now holds, fresh (their neutral "missing"/"stale" run is replaced)."""
    with ctx.session() as session:
        report = freshness(session, ctx.services.settings.advisory_max_age)
        now = utcnow()
        covered = set(report.counts) - set(report.stale(now))
        repos = results.repositories_with_filled_gaps(session, covered)
    for repo in repos:
        _refresh(ctx, repo, "advisories.synced")
    log.info("advisory data filled in: %d repository re-check(s) queued", len(repos))
