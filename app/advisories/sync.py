"""Incremental sync from the GitHub Advisory Database: pages in, batches upserted, cursor advanced
after each stored page (so a failure part-way loses nothing and the next run resumes)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.advisories.osv import InvalidRecord
from app.advisories.sources import github_rest
from app.advisories.store import UpsertStats, record_source_run, source_cursor, to_row, upsert_batch

SOURCE = "github"


@dataclass
class SyncReport:
    stats: UpsertStats = field(default_factory=UpsertStats)
    fetched: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    cursor: str | None = None


async def sync_github(
    gh: Any, sessions: sessionmaker[Session], *, progress: Callable[[SyncReport], None] | None = None
) -> SyncReport:
    """Fetch advisories updated since the stored cursor and upsert them. `gh` is an entered GitHub."""
    report = SyncReport()
    with sessions() as session:
        report.cursor = source_cursor(session, SOURCE)
    try:
        async for page in github_rest.iter_pages(gh, since=report.cursor):
            rows = []
            for advisory in page:
                report.fetched += 1
                try:
                    rows.append(to_row(github_rest.to_osv(advisory), SOURCE))
                except InvalidRecord as exc:
                    report.rejected.append((str(advisory.get("ghsa_id", "?")), str(exc)))
            with sessions() as session, session.begin():
                batch = upsert_batch(session, rows)
                report.stats.add(batch)
                newest = max((str(a.get("updated_at")) for a in page if a.get("updated_at")), default=None)
                if newest and (report.cursor is None or newest > report.cursor):
                    report.cursor = newest
                record_source_run(
                    session,
                    SOURCE,
                    report.stats,
                    rejected=len(report.rejected),
                    cursor=report.cursor,
                    complete=False,
                )
            if progress:
                progress(report)
    except Exception as exc:
        with sessions() as session, session.begin():
            error = f"{type(exc).__name__}: {exc}"[:2000]
            record_source_run(session, SOURCE, report.stats, rejected=len(report.rejected), error=error)
        raise
    with sessions() as session, session.begin():  # every page stored: the data is current as of now
        record_source_run(session, SOURCE, report.stats, rejected=len(report.rejected), cursor=report.cursor)
    return report


def _client_from_environment() -> Any:
    """Without an App: GITHUB_TOKEN when set, else anonymous (60 requests/h), on GITHUB_API_URL."""
    from githubkit import GitHub, TokenAuthStrategy, UnauthAuthStrategy

    from app.settings import load_settings

    settings = load_settings(require_github=False)
    token = settings.github_token
    auth = TokenAuthStrategy(token.get_secret_value()) if token is not None else UnauthAuthStrategy()
    base_url = settings.github_api_url.rstrip("/") + "/"
    return GitHub(auth, base_url=base_url, http_cache=False)


async def _sync_with_configured_app(sessions: sessionmaker[Session]) -> SyncReport:
    from app.github.client import GitHubApp
    from app.github.errors import github_errors
    from app.settings import load_settings

    github_app = GitHubApp(load_settings())
    async with github_app.app_client() as app_gh:
        with github_errors():
            installations = (await app_gh.rest.apps.async_list_installations(per_page=1)).parsed_data
    if not installations:
        raise RuntimeError("the App has no installation whose token could read the advisory database")
    async with github_app.installation(installations[0].id) as gh:
        return await sync_github(gh, sessions, progress=_print_progress)


def _print_progress(report: SyncReport) -> None:
    print(f"  {report.fetched:,} advisories fetched, cursor {report.cursor}", file=sys.stderr)


async def _sync_from_environment(sessions: sessionmaker[Session]) -> SyncReport:
    async with _client_from_environment() as gh:
        return await sync_github(gh, sessions, progress=_print_progress)


def run_sync_command(sessions: sessionmaker[Session]) -> int:
    from app.settings import load_settings

    use_app = load_settings(require_github=False).app_id is not None
    runner = _sync_with_configured_app if use_app else _sync_from_environment
    try:
        report = asyncio.run(runner(sessions))
    except Exception as exc:  # a network or auth failure: report it, keep what was stored
        print(f"repo-hygiene advisories sync failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    for ghsa, reason in report.rejected[:20]:
        print(f"rejected {ghsa}: {reason}", file=sys.stderr)
    s = report.stats
    print(
        f"synced {report.fetched:,} advisories: {s.inserted:,} new, {s.updated:,} updated, "
        f"{s.unchanged:,} unchanged, {len(report.rejected):,} rejected; cursor {report.cursor}"
    )
    return 0
