"""Run the checks on snapshots without stalling the event loop.

The advisory index is loaded before the checks run, for exactly the packages the snapshots pin (a few
hundred records, not the whole database), so the dependency check's `run()` is pure and does no SQL.
With it come the coverage facts (advisories per ecosystem read, when each was last synced), so the
check can refuse to pass on missing or stale data. Parsing, matching and the checks are CPU-bound: they
run in a worker thread, so the worker's heartbeats and other jobs keep going.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

import anyio
from sqlalchemy.orm import Session, sessionmaker

import checks
from app.advisories.coverage import load_coverage
from app.advisories.store import load_index
from checks import dependency_advisories
from checks.config import RepoConfig
from checks.model import (
    DEFAULT_ADVISORY_MAX_AGE,
    AdvisoryCoverage,
    AdvisoryMatcher,
    CheckContext,
    CheckResult,
    Snapshot,
)


def _wanted(snapshots: Iterable[Snapshot], config: RepoConfig) -> set[tuple[str, str]]:
    wanted: set[tuple[str, str]] = set()
    for snapshot in snapshots:
        found = dependency_advisories.inventory(snapshot, config.dependencies)
        wanted |= dependency_advisories.package_keys(found.dependencies)
    return wanted


IndexLoader = Callable[[Session, set[tuple[str, str]]], AdvisoryMatcher]
CoverageLoader = Callable[[Session, set[str], timedelta], AdvisoryCoverage]


@dataclass(frozen=True)
class LoadedAdvisories:
    """What a run matches against: the index, and what it covers (for `CheckContext.advisory_data`)."""

    matcher: AdvisoryMatcher
    coverage: AdvisoryCoverage


def _load(
    sessions: sessionmaker[Session],
    loader: IndexLoader,
    coverage_loader: CoverageLoader,
    wanted: set[tuple[str, str]],
    max_age: timedelta,
) -> LoadedAdvisories:
    with sessions() as session:
        matcher = loader(session, wanted)
        coverage = coverage_loader(session, {eco for eco, _ in wanted}, max_age)
    return LoadedAdvisories(matcher, coverage)


async def load_advisories(
    sessions: sessionmaker[Session],
    snapshots: Iterable[Snapshot],
    config: RepoConfig,
    loader: IndexLoader = load_index,
    *,
    coverage_loader: CoverageLoader = load_coverage,
    max_age: timedelta = DEFAULT_ADVISORY_MAX_AGE,
) -> LoadedAdvisories:
    """The advisory index over the records that can affect the snapshots' pinned packages
    (`loader(session, {(ecosystem, name)})`, by default `app.advisories.store.load_index`), and the
    coverage of their ecosystems (`coverage_loader`, by default from the advisory store)."""
    wanted = await anyio.to_thread.run_sync(_wanted, list(snapshots), config)
    return await anyio.to_thread.run_sync(_load, sessions, loader, coverage_loader, wanted, max_age)


async def run_checks(
    snapshot: Snapshot, context: CheckContext, check_ids: Iterable[str] | None = None
) -> dict[str, CheckResult]:
    """`checks.run_all` in a worker thread."""
    ids = None if check_ids is None else list(check_ids)
    return await anyio.to_thread.run_sync(checks.run_all, snapshot, context, ids)


async def run_check(check_id: str, snapshot: Snapshot, context: CheckContext) -> CheckResult:
    """`checks.run_check` in a worker thread."""
    return await anyio.to_thread.run_sync(checks.run_check, check_id, snapshot, context)
