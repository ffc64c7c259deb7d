"""The `scan_repository` job: snapshot a repository, run the checks, store results, then act.

Archived repositories are skipped (and recorded); forks are scanned but get no pull request
unless configured; empty repositories are recorded as such. The pull request itself is the
policy workstream's `ensure_security_pr` (idempotent: a job that runs twice opens one PR).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from sqlalchemy import select

import checks
from app.actions.pull_request import ensure_security_pr
from app.errors import Forbidden, NotFound
from app.github.errors import github_errors
from app.jobs.context import JobContext
from app.jobs.registry import job_handler
from app.paths import check_templates
from app.snapshot import fetch_snapshot
from app.store.base import utcnow
from app.store.models import CheckResultHistory, CheckResultRow, Repository
from app.store.org_config import save_org_config
from app.store.sync import active_repository, apply_repository_facts
from checks.config import (
    CONFIG_NEEDS,
    CONFIG_PATH,
    ORG_CONFIG_PATH,
    RepoConfig,
    config_from_snapshot,
)
from checks.model import AdvisoryMatcher, CheckContext, CheckResult, Finding, Fix, Snapshot

log = logging.getLogger(__name__)


def result_details(result: CheckResult) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    def finding(f: Finding) -> dict[str, Any]:
        stored = plain(asdict(f))
        if isinstance(f.fix, Fix):  # the proposed file is recomputed each scan: store what, not the text
            stored["fix"] = {"path": f.fix.path, "create": f.fix.create, "title": f.fix.title}
        return dict(stored)

    return {"findings": [finding(f) for f in result.findings], "data": plain(result.data)}


def advisory_matcher(ctx: JobContext) -> AdvisoryMatcher | None:
    """The advisory database workstream's matcher (reads only the rows a repository's dependencies
    need); None in a build without it, and the advisory check then reports that it has no database."""
    try:
        from app.advisories.matcher import DatabaseMatcher
    except ImportError:
        return None
    matcher: AdvisoryMatcher = DatabaseMatcher(ctx.services.sessions)
    return matcher


def store_results(
    session: Any,
    repo: Repository,
    snapshot: Snapshot,
    results: dict[str, CheckResult],
    config_errors: list[str] | tuple[str, ...] = (),
) -> None:
    """Latest result per check (plus history on a status change). Configuration problems go into every
    result's details as `config_errors`: each result was computed with the defaults in their place."""
    now = utcnow()
    existing = {
        row.check_id: row
        for row in session.scalars(select(CheckResultRow).where(CheckResultRow.repository_id == repo.id))
    }
    for check_id, result in results.items():
        row = existing.get(check_id)
        status = str(result.status)
        if row is None or row.status != status:
            session.add(
                CheckResultHistory(
                    repository_id=repo.id,
                    check_id=check_id,
                    status=status,
                    summary=result.summary,
                    commit_sha=snapshot.repo.head_sha,
                    scanned_at=now,
                )
            )
        if row is None:
            row = CheckResultRow(repository_id=repo.id, check_id=check_id)
            session.add(row)
        row.status = status
        row.summary = result.summary
        row.details = result_details(result)
        if config_errors:
            row.details["config_errors"] = list(config_errors)
        row.commit_sha = snapshot.repo.head_sha
        row.scanned_at = now


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
        try:
            with github_errors():
                repo_json = (await gh.arequest("GET", f"/repositories/{repo_id}")).json()
        except (NotFound, Forbidden) as exc:
            _note(ctx, repo_id, f"error: repository not accessible ({exc})")
            return
        with ctx.session() as session, session.begin():
            repo = session.get(Repository, repo_id)
            assert repo is not None
            apply_repository_facts(repo, repo_json)
            owner, name, fork = repo.owner, repo.name, repo.fork
        if repo_json.get("archived"):
            _note(ctx, repo_id, "skipped-archived")
            return
        needs = (*checks.all_needs(), *CONFIG_NEEDS)
        read_at = utcnow()
        snapshot = await fetch_snapshot(gh, owner, name, needs=needs, repo_json=repo_json)
        with ctx.session() as session, session.begin():
            save_org_config(session, owner, org_config_of(snapshot, name), read_at)
        if snapshot.repo.empty:
            _note(ctx, repo_id, "skipped-empty", empty=True)
            return
        config, config_errors = config_from_snapshot(snapshot)
        if config.is_excluded(f"{owner}/{name}"):
            _note(ctx, repo_id, "skipped-excluded by configuration")
            return
        enabled = [cid for cid in checks.REGISTRY if config.check_enabled(cid)]
        context = CheckContext(config=config, advisories=advisory_matcher(ctx), templates=check_templates())
        results = checks.run_all(snapshot, context, enabled)
        with ctx.session() as session, session.begin():
            repo = session.get(Repository, repo_id)
            assert repo is not None
            store_results(session, repo, snapshot, results, config_errors)
            repo.head_sha = snapshot.repo.head_sha
            repo.empty = False
            repo.last_scanned_at = utcnow()
            notes = [f"config: {e}" for e in config_errors]
            if snapshot.tree_truncated:
                notes.append("tree too large: some paths were not read")
            if fork and not config.pull_requests.on_forks:
                notes.append("fork: no pull request (pull_requests.on_forks is off)")
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
    with ctx.session() as session:
        repo = session.get(Repository, repo_id)
        assert repo is not None
        with github_errors():
            outcome = await ensure_security_pr(gh, session, repo, snapshot, results, config)
        session.commit()
    log.info("%s: pull request action: %s", snapshot.repo.full_name, outcome)
