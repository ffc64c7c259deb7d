"""Webhook routes that request a "Dependency advisories" check run (the jobs are in `jobs.py`).

Every trigger enqueues one `checkrun.run` job with dedupe_key `checkrun:<repo_id>:<head_sha>` (plus
`:pull:<number>` for a pull request's), so duplicate triggers for a commit collapse while one is queued.

Repeated automatic triggers: a branch pushed before its PR opens gets `check_suite.requested` (base:
the default branch) and then `pull_request.opened` (base: the PR's base commit). The second job reads
the base's tree sha (one small call) and files nothing when a completed run on the same head already
compared against the same base tree. Re-runs, the button and advisory refreshes always file a run.

Superseded runs: pull_request events record the PR's newest head (by the PR's `updated_at`). A job
whose head is no longer the newest is skipped before it files anything; a job that already filed its
run when a newer head arrives completes it `neutral` ("Superseded by a newer commit").

Loop guard: check_run events are routed only for `rerequested` and `requested_action`, and only for
runs of ours (app id, name); `created`/`completed` of our own runs (and check_suite `completed`)
never start anything. check_suite `requested` is not an echo: GitHub sends it for a push, and the
suite in it is always the receiving app's own.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from app.checkruns.runner import CHECK_NAME
from app.checkruns.store import CheckRunRecord, is_whole_state, record_pull_head
from app.jobs.context import JobContext
from app.webhooks.router import WebhookEvent, router

log = logging.getLogger(__name__)

JOB_KIND = "checkrun.run"
ZERO_SHA = "0" * 40


def our_app_id(ctx: JobContext) -> int | None:
    value = getattr(ctx.services.settings, "app_id", None)
    return int(value) if value is not None else None


def _repo(payload: dict[str, Any]) -> dict[str, Any]:
    repo = payload.get("repository")
    if not isinstance(repo, dict) or not isinstance(repo.get("id"), int):
        raise ValueError("webhook payload has no repository")
    return repo


def _sha(value: Any) -> str | None:
    return value if isinstance(value, str) and value and value != ZERO_SHA else None


def _dedupe_key(repo_id: int, head_sha: str, pull_number: int | None) -> str:
    """Triggers for one head collapse while queued only with the same pull request (or none): a job
    for a pull request is skipped once a newer head supersedes it, and must not take a check suite's
    request for that commit with it (the suite would never get its run)."""
    key = f"checkrun:{repo_id}:{head_sha}"
    return key if pull_number is None else f"{key}:pull:{pull_number}"


def enqueue_run(
    ctx: JobContext,
    event: WebhookEvent,
    head_sha: str,
    base_ref: str | None,
    *,
    pull_number: int | None = None,
    trigger: str,
    whole_state: bool = False,
    dedupe_key: str | None = None,
) -> int | None:
    repo = _repo(event.payload)
    payload = {
        "repository_id": repo["id"],
        "owner": repo["owner"]["login"],
        "name": repo["name"],
        "head_sha": head_sha,
        "base_ref": base_ref,
        "pull_number": pull_number,
        "trigger": trigger,
        "whole_state": whole_state,
    }
    if whole_state:  # the run stores the branch's result while `head_sha` is still the branch's head
        payload["head_ref"] = repo.get("default_branch")
    return ctx.enqueue(
        JOB_KIND,
        payload,
        dedupe_key=dedupe_key or _dedupe_key(repo["id"], head_sha, pull_number),
        installation_id=event.installation_id,
        repository_id=repo["id"],
    )


def _seen_at(pull: dict[str, Any]) -> datetime:
    stamp = pull.get("updated_at")
    if isinstance(stamp, str):
        try:
            return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            pass
    return datetime.now(UTC)


@router.on("pull_request", "opened", "synchronize", "reopened")
async def on_pull_request(event: WebhookEvent, ctx: JobContext) -> None:
    """Fork PRs included: the event comes with the base repository's installation, and the head
    commit is readable through the base repository (GitHub fetches fork heads into it)."""
    pull = event.payload.get("pull_request") or {}
    head, base = _sha(pull.get("head", {}).get("sha")), _sha(pull.get("base", {}).get("sha"))
    if head is None or not isinstance(pull.get("number"), int):
        log.warning("pull_request %s without head sha or number dropped", event.delivery_id)
        return
    repo = _repo(event.payload)
    with ctx.session() as session, session.begin():
        record_pull_head(session, repo["id"], pull["number"], head, _seen_at(pull))
    enqueue_run(ctx, event, head, base, pull_number=pull["number"], trigger=f"pull_request.{event.action}")


@router.on("pull_request", "edited")
async def on_pull_request_base_changed(event: WebhookEvent, ctx: JobContext) -> None:
    """A pull request retargeted to another base (`changes.base`): the last run compared against the
    old base and its configuration, so the head is checked again against the new one. Title and body
    edits start nothing. The job has its own dedupe key: a queued run for the same head may still
    carry the old base."""
    if not isinstance((event.payload.get("changes") or {}).get("base"), dict):
        return
    pull = event.payload.get("pull_request") or {}
    head, base = _sha(pull.get("head", {}).get("sha")), _sha(pull.get("base", {}).get("sha"))
    if head is None or base is None or not isinstance(pull.get("number"), int):
        log.warning("pull_request.edited %s without head, base or number dropped", event.delivery_id)
        return
    repo = _repo(event.payload)
    enqueue_run(
        ctx,
        event,
        head,
        base,
        pull_number=pull["number"],
        trigger="pull_request.edited",
        dedupe_key=f"checkrun:{repo['id']}:{head}:base:{base}",
    )


@router.on("push")
async def on_push(event: WebhookEvent, ctx: JobContext) -> None:
    payload = event.payload
    repo = _repo(payload)
    head = _sha(payload.get("after"))
    if (
        payload.get("deleted")
        or head is None
        or payload.get("ref") != f"refs/heads/{repo.get('default_branch')}"
    ):
        return  # other branches are covered by their pull requests and check suites
    enqueue_run(ctx, event, head, _sha(payload.get("before")), trigger="push", whole_state=True)


def _base_for(
    holder: dict[str, Any], repo: dict[str, Any], before: str | None
) -> tuple[str | None, int | None, bool]:
    """Base ref, PR number and whole state from a check suite/run: on the default branch, the push's
    `before` and a run on the branch's whole state (a merge commit may still list its pull request);
    else its first pull request; else the default branch."""
    if holder.get("head_branch") == repo.get("default_branch"):
        return before, None, True
    pulls = holder.get("pull_requests") or []
    if pulls and isinstance(pulls[0], dict):
        return _sha(pulls[0].get("base", {}).get("sha")), pulls[0].get("number"), False
    return repo.get("default_branch"), None, False


@router.on("check_suite", "requested", "rerequested")
async def on_check_suite(event: WebhookEvent, ctx: JobContext) -> None:
    suite = event.payload.get("check_suite") or {}
    our_app = our_app_id(ctx)
    if our_app is not None and (suite.get("app") or {}).get("id") not in (None, our_app):
        return  # another app's suite
    head = _sha(suite.get("head_sha"))
    if head is None:
        return
    base, number, whole = _base_for(suite, _repo(event.payload), _sha(suite.get("before")))
    enqueue_run(
        ctx, event, head, base, pull_number=number, trigger=f"check_suite.{event.action}", whole_state=whole
    )


def is_our_run(run: dict[str, Any], app_id: int | None) -> bool:
    run_app = (run.get("app") or {}).get("id")
    return run.get("name") == CHECK_NAME and (app_id is None or run_app == app_id)


@router.on("check_run", "rerequested", "requested_action")
async def on_check_run(event: WebhookEvent, ctx: JobContext) -> None:
    run = event.payload.get("check_run") or {}
    if not is_our_run(run, our_app_id(ctx)):
        return
    if event.action == "requested_action":
        identifier = (event.payload.get("requested_action") or {}).get("identifier")
        if identifier != "recheck":
            log.info("unknown check run action %r ignored", identifier)
            return
    head = _sha(run.get("head_sha"))
    if head is None:
        return
    repo = _repo(event.payload)
    with ctx.session() as session:
        stmt = select(CheckRunRecord).where(CheckRunRecord.check_run_id == run.get("id"))
        filed = session.scalars(stmt.order_by(CheckRunRecord.id.desc())).first()
        known = (filed.base_ref, filed.pull_number, is_whole_state(filed)) if filed else None
    if known is not None:
        base, number, whole = known
    else:
        suite = run.get("check_suite") or {}
        base, number, whole = _base_for(
            {**suite, "pull_requests": run.get("pull_requests") or []}, repo, None
        )
    enqueue_run(
        ctx, event, head, base, pull_number=number, trigger=f"check_run.{event.action}", whole_state=whole
    )
