"""The core webhook handlers: keep installations and repositories true and trigger rescans.

Each runs inside the `delivery` job. A payload about a repository the installation no longer
covers is logged and dropped (the job is done, not failed).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from app.actions.plan import BRANCH
from app.actions.pull_request import closed_pr_state
from app.advisories.coverage import freshness
from app.jobs.advisories import request_sync_now
from app.jobs.context import JobContext
from app.jobs.queue import enqueue_scan
from app.jobs.scans import enqueue_scans, scan_needs
from app.store.base import utcnow
from app.store.models import HygienePullRequest, Installation, Repository
from app.store.sync import (
    active_repository,
    apply_repository_facts,
    mark_removed,
    upsert_installation,
    upsert_repository,
)
from app.webhooks.push_changes import may_change_results
from app.webhooks.router import WebhookEvent, router

log = logging.getLogger(__name__)


def _drop(ctx: JobContext, event: WebhookEvent, why: str) -> None:
    log.info("delivery %s (%s.%s) dropped: %s", event.delivery_id, event.name, event.action, why)
    ctx.outcome = f"dropped: {why}"


def _installation_id(event: WebhookEvent, ctx: JobContext) -> int | None:
    if event.installation_id is None:
        _drop(ctx, event, "no installation in payload")
    return event.installation_id


@router.on("installation", "created", "unsuspend", "new_permissions_accepted")
async def installation_active(event: WebhookEvent, ctx: JobContext) -> None:
    inst_id = _installation_id(event, ctx)
    if inst_id is None:
        return
    with ctx.session() as session, session.begin():
        installation = upsert_installation(session, event.payload["installation"])
        installation.suspended_at = None
        installation.deleted_at = None
        owner = installation.account_login
        if event.action == "created":
            repo_ids = [
                upsert_repository(session, inst_id, r, owner).id
                for r in event.payload.get("repositories") or []
            ]
            # the first scans must not wait an hour for the scheduled sync to fill an empty database
            if not freshness(session, ctx.services.settings.advisory_max_age).current(utcnow()):
                request_sync_now(session, installation_id=inst_id)
        else:
            repo_ids = list(
                session.scalars(
                    select(Repository.id).where(
                        Repository.installation_id == inst_id, Repository.removed_reason.is_(None)
                    )
                )
            )
    enqueue_scans(ctx, repo_ids, inst_id, f"installation.{event.action}")


@router.on("installation", "deleted", "suspend")
async def installation_inactive(event: WebhookEvent, ctx: JobContext) -> None:
    inst_id = _installation_id(event, ctx)
    if inst_id is None:
        return
    with ctx.session() as session, session.begin():
        installation = upsert_installation(session, event.payload["installation"])
        if event.action == "suspend":
            installation.suspended_at = utcnow()
            return
        installation.deleted_at = utcnow()
        repo_ids = list(session.scalars(select(Repository.id).where(Repository.installation_id == inst_id)))
        mark_removed(session, repo_ids, "uninstalled")


@router.on("installation_repositories", "added", "removed")
async def installation_repositories(event: WebhookEvent, ctx: JobContext) -> None:
    inst_id = _installation_id(event, ctx)
    if inst_id is None:
        return
    with ctx.session() as session, session.begin():
        installation = session.get(Installation, inst_id) or upsert_installation(
            session, event.payload["installation"]
        )
        if not installation.active:
            _drop(ctx, event, f"installation {inst_id} is not active")
            return
        if event.action == "removed":
            removed = [int(r["id"]) for r in event.payload.get("repositories_removed") or []]
            mark_removed(session, removed, "removed")
            return
        owner = installation.account_login
        added = [
            upsert_repository(session, inst_id, r, owner).id
            for r in event.payload.get("repositories_added") or []
        ]
    enqueue_scans(ctx, added, inst_id, "installation_repositories.added")


def _known_repository(event: WebhookEvent, ctx: JobContext, session: Any) -> Repository | None:
    repo_data = event.payload.get("repository")
    if not isinstance(repo_data, dict) or "id" not in repo_data:
        _drop(ctx, event, "no repository in payload")
        return None
    repo = active_repository(session, event.installation_id, int(repo_data["id"]))
    if repo is None:
        _drop(ctx, event, f"repository {repo_data.get('full_name')} is not covered by the installation")
    return repo


@router.on("push")
async def push(event: WebhookEvent, ctx: JobContext) -> None:
    if _installation_id(event, ctx) is None:
        return
    with ctx.session() as session, session.begin():
        repo = _known_repository(event, ctx, session)
        if repo is None:
            return
        apply_repository_facts(repo, event.payload["repository"])
        if event.payload.get("ref") != f"refs/heads/{repo.default_branch}" or event.payload.get("deleted"):
            ctx.outcome = f"ignored: push to {event.payload.get('ref')}, not the default branch"
            return
        scanned_before = repo.head_sha is not None and repo.head_sha == event.payload.get("before")
        repo.head_sha = str(event.payload.get("after") or "") or repo.head_sha
        inst_id = int(repo.installation_id or 0)
        if scanned_before and not may_change_results(event.payload, scan_needs()):
            ctx.outcome = "ignored: the push changed no file a check reads"
            return
        repo_ids = [repo.id]
        if repo.name.lower() == ".github":
            # the org-wide SECURITY.md and configuration defaults live here: every repository may change
            repo_ids = list(
                session.scalars(
                    select(Repository.id).where(
                        Repository.installation_id == inst_id, Repository.removed_reason.is_(None)
                    )
                )
            )
    enqueue_scans(ctx, repo_ids, inst_id, "push")


@router.on("pull_request", "closed", "reopened")
async def own_pull_request(event: WebhookEvent, ctx: JobContext) -> None:
    pr = event.payload.get("pull_request") or {}
    head = pr.get("head") or {}
    head_repo = head.get("repo") or {}
    repo_data = event.payload.get("repository") or {}
    if head.get("ref") != BRANCH or head_repo.get("id") != repo_data.get("id"):
        ctx.outcome = "ignored: not the app's pull request"
        return
    if _installation_id(event, ctx) is None:
        return
    with ctx.session() as session, session.begin():
        repo = _known_repository(event, ctx, session)
        if repo is None:
            return
        row = session.get(HygienePullRequest, repo.id)
        if row is not None and row.number != int(pr["number"]) and row.state == "open":
            log.warning("%s: PR #%s closed while #%s is tracked", repo.full_name, pr["number"], row.number)
        author = pr.get("user") or {}
        # our PR's author is the app's bot user: a close by that same login is the app's own
        app_login = author.get("login") if author.get("type") == "Bot" else None
        closed_by = (event.payload.get("sender") or {}).get("login")
        state = (
            "open"
            if event.action == "reopened"
            else closed_pr_state(pr, row, closed_by=closed_by, app_login=app_login)
        )
        if row is None:
            row = HygienePullRequest(repository_id=repo.id, branch=BRANCH)
            session.add(row)
        row.number = int(pr["number"])
        row.html_url = str(pr.get("html_url") or row.html_url or "")
        row.head_sha = head.get("sha") or row.head_sha
        row.state = state
        row.closed_at = None if state == "open" else utcnow()


def _owned_by_account(data: dict[str, Any], installation: Installation) -> bool:
    """Whether the repository's owner is the installation's account, by numeric id (a login can
    change hands after a rename; an owner without an id is not taken to be ours)."""
    owner = data.get("owner")
    owner_id = owner.get("id") if isinstance(owner, dict) else None
    return isinstance(owner_id, int) and owner_id == installation.account_id


def _new_repository_in_scope(event: WebhookEvent, session: Any) -> Repository | None:
    """A repository the store does not know yet that now belongs to an installation covering all of
    its owner's repositories (created in, or transferred into, the account): GitHub sends no
    `installation_repositories` event for those, so this is where the store learns of them."""
    data = event.payload.get("repository")
    if event.action not in ("created", "transferred") or not isinstance(data, dict) or "id" not in data:
        return None
    installation = session.get(Installation, event.installation_id)
    owner = str((data.get("owner") or {}).get("login") or "")
    if (
        installation is None
        or not installation.active
        or installation.repository_selection != "all"
        or not _owned_by_account(data, installation)
    ):
        return None
    known = session.get(Repository, int(data["id"]))
    if known is not None and known.removed_reason is None and known.installation_id == installation.id:
        return None
    return upsert_repository(session, installation.id, data, owner)


@router.on("repository")
async def repository(event: WebhookEvent, ctx: JobContext) -> None:
    if _installation_id(event, ctx) is None:
        return
    action = event.action
    rescan = False
    with ctx.session() as session, session.begin():
        added = _new_repository_in_scope(event, session)
        repo = added or _known_repository(event, ctx, session)
        if repo is None:
            return
        data = event.payload["repository"]
        if action == "deleted":
            mark_removed(session, [repo.id], "deleted")
            return
        installation = session.get(Installation, repo.installation_id)
        new_owner = str((data.get("owner") or {}).get("login") or repo.owner)
        if action == "transferred" and installation and not _owned_by_account(data, installation):
            # moved to an account this installation does not cover: its results are no longer ours
            mark_removed(session, [repo.id], "transferred")
            log.info(
                "%s transferred to %s: no longer covered by this installation", repo.full_name, new_owner
            )
            return
        apply_repository_facts(repo, data)
        if added is not None:
            rescan = True
        elif action in ("archived", "unarchived"):
            repo.archived = action == "archived"
            rescan = action == "unarchived"
        elif action == "transferred":
            rescan = True
        elif action == "edited":
            rescan = "default_branch" in (event.payload.get("changes") or {})
        elif action not in ("renamed", "privatized", "publicized"):
            ctx.outcome = f"ignored: repository.{action}"
        repo_id, inst_id = repo.id, int(repo.installation_id or 0)
    if rescan:
        enqueue_scan(ctx, repo_id, inst_id, f"repository.{action}")
