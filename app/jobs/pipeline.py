"""The `scan_repository` job: snapshot a repository, run the checks, store results, then act.

Archived repositories are skipped (and recorded); forks are scanned but get no pull request
unless configured; empty repositories are recorded as such. The pull request is
`ensure_security_pr` (idempotent: a job that runs twice opens one PR).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import checks
from app.actions.pull_request import ensure_security_pr
from app.checking import LoadedAdvisories, load_advisories, run_checks
from app.errors import Forbidden, NotFound
from app.github.errors import github_errors
from app.github.gateway import CallCounter, repository_by_id
from app.jobs.advisories import request_sync_for_gap
from app.jobs.context import JobContext
from app.jobs.dry_run import intended_writes_for, store_intended_writes
from app.jobs.registry import job_handler
from app.paths import check_templates
from app.snapshot import fetch_snapshot, over_budget
from app.store.base import utcnow
from app.store.intended_writes import SCAN
from app.store.models import Repository
from app.store.org_config import save_installation_org_config
from app.store.parse_cache import ParseCache
from app.store.results import store_results
from app.store.sync import active_repository, apply_repository_facts
from checks import dependency_advisories
from checks._config_explain import explainer_of
from checks.config import (
    CONFIG_NEEDS,
    CONFIG_PATH,
    ORG_CONFIG_PATH,
    RepoConfig,
    config_from_snapshot,
)
from checks.model import CheckContext, CheckResult, Snapshot

log = logging.getLogger(__name__)


def settings_in_force(snapshot: Snapshot, results: Mapping[str, object]) -> dict[str, list[dict[str, Any]]]:
    """Per check: each setting it ran with, its value and the file that decided it (the dashboard's
    explanation). The pull request's own switches are listed with every check whose fix it carries."""
    explainer = explainer_of(snapshot)
    pull_request = [
        d.as_dict() for d in explainer.for_pull_requests() if d.key != "pull_requests.security_md"
    ]
    settings = {}
    for check_id in results:
        decided = [d.as_dict() for d in explainer.for_check(check_id)]
        settings[check_id] = decided if check_id == dependency_advisories.ID else decided + pull_request
    return settings


def org_config_of(snapshot: Snapshot, name: str) -> str | None:
    """The org default configuration this snapshot read: the `.github` repository's own file when it
    is the repository scanned, otherwise the org file the snapshot fetched (None: there is none)."""
    if name.lower() == ".github":
        raw = None if CONFIG_PATH in snapshot.skipped else snapshot.files.get(CONFIG_PATH)
    else:
        raw = snapshot.org_files.get(ORG_CONFIG_PATH)
    return raw.decode("utf-8", errors="replace") if raw is not None else None


def _note(ctx: JobContext, repo_id: int, note: str, **facts: Any) -> None:
    with ctx.session() as session, session.begin():
        repo = session.get(Repository, repo_id)
        if repo is not None:
            repo.scan_note = note
            repo.last_scanned_at = utcnow()
            for key, value in facts.items():
                setattr(repo, key, value)
    ctx.outcome = f"skipped: {note}" if not note.startswith("error") else f"dropped: {note}"


@job_handler("scan_repository")
async def scan_repository(ctx: JobContext, payload: dict[str, Any]) -> None:
    repo_id = int(payload["repository_id"])
    with ctx.session() as session:
        row = session.get(Repository, repo_id)
        repo = active_repository(session, row.installation_id if row else None, repo_id)
        if repo is None:
            ctx.outcome = f"dropped: repository {repo_id} is no longer covered by an active installation"
            return
        installation_id = int(repo.installation_id or 0)
    async with ctx.services.github.installation(installation_id) as gh:
        counter = CallCounter()
        try:
            repository = await repository_by_id(gh, repo_id, counter)
        except (NotFound, Forbidden) as exc:
            _note(ctx, repo_id, f"error: repository not accessible ({exc})")
            return
        with ctx.session() as session, session.begin():
            repo = session.get(Repository, repo_id)
            assert repo is not None
            apply_repository_facts(repo, repository.model_dump(mode="json", by_alias=True))
            owner, name, fork = repo.owner, repo.name, repo.fork
        if repository.archived:
            _note(ctx, repo_id, "skipped-archived")
            return
        needs = (*checks.all_needs(), *CONFIG_NEEDS)
        read_at = utcnow()
        snapshot = await fetch_snapshot(
            gh,
            owner,
            name,
            needs=needs,
            repo=repository,
            cache=ParseCache(ctx.services.sessions),
            counter=counter,
            byte_budget=ctx.services.settings.scan_byte_budget,
        )
        with ctx.session() as session, session.begin():
            save_installation_org_config(session, installation_id, org_config_of(snapshot, name), read_at)
        if snapshot.repo.empty:
            _note(ctx, repo_id, "skipped-empty", empty=True)
            return
        config, config_errors = config_from_snapshot(snapshot)
        if config.is_excluded(f"{owner}/{name}"):
            _note(ctx, repo_id, "skipped-excluded by configuration")
            return
        enabled = [cid for cid in checks.REGISTRY if config.check_enabled(cid)]
        loaded: LoadedAdvisories | None = None
        if dependency_advisories.ID in enabled:
            max_age = ctx.services.settings.advisory_max_age
            loaded = await load_advisories(ctx.services.sessions, [snapshot], config, max_age=max_age)
        context = CheckContext(
            config=config,
            advisories=loaded.matcher if loaded else None,
            templates=check_templates(),
            advisory_data=loaded.coverage if loaded else None,
        )
        results = await run_checks(snapshot, context, enabled)
        request_sync_for_gap(ctx.services.sessions, results.get(dependency_advisories.ID))
        log.info("%s/%s scanned with %d GitHub call(s)", owner, name, counter.calls)
        with ctx.session() as session, session.begin():
            repo = session.get(Repository, repo_id)
            assert repo is not None
            store_results(
                session,
                repo_id,
                snapshot.repo.head_sha,
                results,
                config_errors,
                settings_in_force(snapshot, results),
            )
            repo.head_sha = snapshot.repo.head_sha
            repo.empty = False
            repo.last_scanned_at = utcnow()
            notes = [f"config: {e}" for e in config_errors]
            if snapshot.tree_truncated:
                notes.append("tree too large: some paths were not read")
            unread = over_budget(snapshot.skipped)
            if unread:
                shown = ", ".join(sorted(unread)[:10]) + (
                    f" and {len(unread) - 10} more" if len(unread) > 10 else ""
                )
                notes.append(f"not read ({next(iter(unread.values()))}): {shown}")
            if fork and not config.pull_requests.on_forks:
                notes.append("fork: no pull request (pull_requests.on_forks is off)")
                store_intended_writes(session, repo_id, SCAN, None)  # no pull request: nothing it would write
            repo.scan_note = "; ".join(notes)[:2000] or None
        if fork and not config.pull_requests.on_forks:
            ctx.outcome = "done: fork, no pull request"
            return
        await _act(ctx, gh, repo_id, snapshot, results, config)


async def _act(
    ctx: JobContext,
    gh: Any,
    repo_id: int,
    snapshot: Snapshot,
    results: dict[str, CheckResult],
    config: RepoConfig,
) -> None:
    full_name = snapshot.repo.full_name
    org_text = org_config_of(snapshot, snapshot.repo.name)
    intended = intended_writes_for(ctx.services.settings, full_name, org_text, config)
    with ctx.session() as session:
        repo = session.get(Repository, repo_id)
        assert repo is not None
        with github_errors():
            outcome = await ensure_security_pr(
                gh, session, repo, snapshot, results, config, intended=intended
            )
        store_intended_writes(session, repo_id, SCAN, intended)
        session.commit()
    if intended is not None:
        outcome = f"dry run, nothing written: {intended.writes[-1] if intended.writes else outcome}"
        ctx.outcome = f"done: {outcome}"
    log.info("%s: pull request action: %s", full_name, outcome)
