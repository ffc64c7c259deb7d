"""The `scan_repository` job: snapshot a repository, run the checks, store results, then act.

Archived repositories are skipped (and recorded); forks are scanned but get no pull request
unless configured; empty repositories are recorded as such. The pull request is
`ensure_security_pr` (idempotent: a job that runs twice opens one PR).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from contextlib import aclosing
from datetime import datetime
from typing import Any

from githubkit_schemas.latest.models import FullRepository

import checks
from app.actions.plan import BRANCH
from app.actions.pull_request import ensure_security_pr
from app.bulk_snapshot import BulkRead, BulkSnapshots
from app.checking import LoadedAdvisories, load_advisories, run_checks
from app.errors import Forbidden, GitHubError, NotFound, RateLimited
from app.github.batch_reads import RepoMeta
from app.github.errors import github_errors
from app.github.gateway import CallCounter, PullRequestSummary, repository_by_id
from app.jobs.advisories import request_sync_for_gap
from app.jobs.context import JobContext
from app.jobs.dry_run import intended_writes_for, store_intended_writes
from app.jobs.queue import SCAN_KIND, enqueue_scan
from app.jobs.registry import job_handler
from app.jobs.scans import enqueue_scans, scan_needs
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


def _record_facts(ctx: JobContext, repo_id: int, facts: dict[str, Any]) -> tuple[str, str, bool]:
    """Store what GitHub says of the repository; its (owner, name, fork) as stored."""
    with ctx.session() as session, session.begin():
        repo = session.get(Repository, repo_id)
        assert repo is not None
        apply_repository_facts(repo, facts)
        return repo.owner, repo.name, repo.fork


FACTS_FROM_PAYLOAD = ("push",)  # scan reasons whose webhook stored every fact a scan needs


def _stored_meta(repo: Repository) -> RepoMeta:
    return RepoMeta(
        owner=repo.owner,
        name=repo.name,
        default_branch=repo.default_branch,
        head_sha=None,  # the branch is read when the scan runs: later pushes may have moved it
        archived=repo.archived,
        fork=repo.fork,
        private=repo.private,
        empty=False,  # it was pushed to
        html_url=repo.html_url,
        database_id=repo.id,
        visibility=repo.visibility,
    )


@job_handler(SCAN_KIND)
async def scan_repository(ctx: JobContext, payload: dict[str, Any]) -> None:
    if "repository_ids" in payload:  # a bulk scan of several repositories of one installation
        await scan_repositories(ctx, [int(i) for i in payload["repository_ids"]])
        return
    repo_id = int(payload["repository_id"])
    with ctx.session() as session:
        row = session.get(Repository, repo_id)
        repo = active_repository(session, row.installation_id if row else None, repo_id)
        if repo is None:
            ctx.outcome = f"dropped: repository {repo_id} is no longer covered by an active installation"
            return
        installation_id = int(repo.installation_id or 0)
        # a push's payload carried the whole repository, stored just now: no need to ask GitHub again
        known = _stored_meta(repo) if payload.get("reason") in FACTS_FROM_PAYLOAD else None
    async with ctx.services.github.installation(installation_id) as gh:
        counter = CallCounter()
        repository: FullRepository | RepoMeta
        if known is not None:
            repository, (owner, name, fork) = known, (known.owner, known.name, known.fork)
        else:
            try:
                answer = await repository_by_id(gh, repo_id, counter)
            except (NotFound, Forbidden) as exc:
                _note(ctx, repo_id, f"error: repository not accessible ({exc})")
                return
            repository = answer
            owner, name, fork = _record_facts(ctx, repo_id, answer.model_dump(mode="json", by_alias=True))
        if repository.archived:
            _note(ctx, repo_id, "skipped-archived")
            return
        read_at = utcnow()
        snapshot = await fetch_snapshot(
            gh,
            owner,
            name,
            needs=scan_needs(),
            repo=repository,
            cache=ParseCache(ctx.services.sessions),
            counter=counter,
            byte_budget=ctx.services.settings.scan_byte_budget,
        )
        await scan_snapshot(ctx, gh, repo_id, installation_id, snapshot, fork=fork, read_at=read_at)
        log.info("%s/%s scanned with %d GitHub call(s)", owner, name, counter.calls)


async def scan_repositories(ctx: JobContext, repo_ids: list[int]) -> None:
    """Scan several repositories of one installation from bulk snapshots. A repository the batch
    cannot vouch for (not resolved, another id under its name, a failure while reading or acting on
    it) gets a scan job of its own, which reads it by id and retries as usual.

    The worker's budget gate only sees a job start, and a bulk job spends about a hundred requests:
    so each group of the bulk read is cut to what the budget still allows scans (the reserve is left
    to check runs), and the repositories not read wait for the reset in a bulk job of their own."""
    with ctx.session() as session:
        rows = [active_repository(session, ctx.installation_id, repo_id) for repo_id in repo_ids]
        by_name = {(r.owner, r.name): r.id for r in rows if r is not None}
    installation_id = int(ctx.installation_id or 0)
    singles: list[int] = []
    done: set[int] = set()
    deferred_until: datetime | None = None
    async with ctx.services.github.installation(installation_id) as gh:
        counter = CallCounter()
        bulk = BulkSnapshots(
            gh,
            scan_needs(),
            cache=ParseCache(ctx.services.sessions),
            counter=counter,
            byte_budget=ctx.services.settings.scan_byte_budget,
            pull_request_branch=BRANCH,
            allowance=lambda: _scan_allowance(ctx, installation_id),
        )
        await ctx.services.github.budget.learn(gh, installation_id)
        read_at = utcnow()
        try:
            async with aclosing(bulk.read(list(by_name))) as reads:
                async for read in reads:
                    repo_id = by_name[(read.owner, read.name)]
                    done.add(repo_id)
                    if not await _scan_bulk_read(ctx, gh, installation_id, repo_id, read, read_at):
                        singles.append(repo_id)
            if bulk.stopped_by_budget:
                deferred_until = _budget_reset(ctx, installation_id)
        except RateLimited:
            raise
        except GitHubError as exc:
            log.warning(
                "bulk scan of %d repositories stopped (%s); the rest are scanned one by one",
                len(by_name),
                exc,
            )
        left = [repo_id for repo_id in by_name.values() if repo_id not in done]
        if deferred_until is None:
            singles += left
    for repo_id in singles:
        enqueue_scan(ctx, repo_id, installation_id, "bulk scan fallback")
    if deferred_until is not None and left:
        enqueue_scans(ctx, left, installation_id, "waiting for the rate budget", run_after=deferred_until)
        log.info(
            "bulk scan: %d repositories wait for installation %s's rate budget until %s",
            len(left),
            installation_id,
            deferred_until,
        )
    log.info(
        "bulk scan: %d repositories, %d REST and %d GraphQL call(s), %d left to single scans",
        len(by_name),
        counter.calls,
        counter.graphql,
        len(singles),
    )
    ctx.outcome = None


async def _scan_bulk_read(
    ctx: JobContext, gh: Any, installation_id: int, repo_id: int, read: BulkRead, read_at: datetime
) -> bool:
    """Scan one repository of a bulk read; False when it needs a scan job of its own."""
    if read.meta is None or read.meta.database_id != repo_id:
        return False
    _, _, fork = _record_facts(ctx, repo_id, meta_facts(read.meta))
    if read.snapshot is None:  # archived
        _note(ctx, repo_id, "skipped-archived")
        return True
    prs = read.meta.pull_requests
    try:
        await scan_snapshot(
            ctx,
            gh,
            repo_id,
            installation_id,
            read.snapshot,
            fork=fork,
            read_at=read_at,
            listed_prs=list(prs) if prs is not None else None,
        )
    except RateLimited:
        raise
    except GitHubError as exc:
        log.warning("%s: bulk scan failed (%s); scanning it on its own", read.snapshot.repo.full_name, exc)
        return False
    return True


def _scan_allowance(ctx: JobContext, installation_id: int) -> int | None:
    """REST calls scans of the installation may still spend before its reserve (None: unknown)."""
    reading = ctx.services.github.budget.current(installation_id)
    if reading is None or reading.reset_at <= utcnow():
        return None
    return max(0, reading.spendable_above(ctx.services.settings.scan_reserve_percent))


def _budget_reset(ctx: JobContext, installation_id: int) -> datetime:
    reading = ctx.services.github.budget.current(installation_id)
    return reading.reset_at if reading is not None else utcnow()


def meta_facts(meta: RepoMeta) -> dict[str, Any]:
    """A GraphQL batch's facts in the REST shape `apply_repository_facts` reads."""
    return {
        "name": meta.name,
        "owner": {"login": meta.owner},
        "default_branch": meta.default_branch,
        "archived": meta.archived,
        "fork": meta.fork,
        "private": meta.private,
        "visibility": meta.visibility,
        "html_url": meta.html_url,
    }


async def scan_snapshot(
    ctx: JobContext,
    gh: Any,
    repo_id: int,
    installation_id: int,
    snapshot: Snapshot,
    *,
    fork: bool,
    read_at: datetime,
    listed_prs: list[PullRequestSummary] | None = None,
) -> None:
    """Run the checks on a repository's snapshot, store the results, then act on them
    (`listed_prs`: the app's pull requests, when a batch read listed them)."""
    owner, name = snapshot.repo.owner, snapshot.repo.name
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
    await _act(ctx, gh, repo_id, snapshot, results, config, listed_prs)


async def _act(
    ctx: JobContext,
    gh: Any,
    repo_id: int,
    snapshot: Snapshot,
    results: dict[str, CheckResult],
    config: RepoConfig,
    listed_prs: list[PullRequestSummary] | None = None,
) -> None:
    full_name = snapshot.repo.full_name
    org_text = org_config_of(snapshot, snapshot.repo.name)
    intended = intended_writes_for(ctx.services.settings, full_name, org_text, config)
    with ctx.session() as session:
        repo = session.get(Repository, repo_id)
        assert repo is not None
        with github_errors():
            outcome = await ensure_security_pr(
                gh, session, repo, snapshot, results, config, listed=listed_prs, intended=intended
            )
        store_intended_writes(session, repo_id, SCAN, intended)
        session.commit()
    if intended is not None:
        outcome = f"dry run, nothing written: {intended.writes[-1] if intended.writes else outcome}"
        ctx.outcome = f"done: {outcome}"
    log.info("%s: pull request action: %s", full_name, outcome)
