"""`repo-hygiene check PATH`: every check of the app on a local directory, offline, through the same
check code as the app, with the local advisory database (or OSV/WG files given with --advisories).

Exit codes agree with the printed statuses: 0 when every check passes (or does not apply), 1 when a
check prints FAIL or ERROR, 2 on usage errors (bad path, no advisory database while there are
dependency files to check). `--fail-on` and `--unknown-severity` set the dependency check's policy
before it runs (over the repository's config; defaults `low` and `fail`, as in check runs and on the
dashboard), so they decide both its FAIL status and the exit code (`--fail-on none`: advisories are
listed, never failed). The upgrade plans printed are the ones the check stored in its result.

The advisory database is the per-user one `repo-hygiene advisories import` fills (see
`app/advisories/db.py`), so `check` works from any folder; `--database` or DATABASE_URL override it.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Mapping
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.advisories.db import DatabaseNotReady, database_url, opened
from app.local_snapshot import SnapshotError, local_snapshot
from app.reporting import render_json, render_sarif, render_text
from checks import REGISTRY, all_needs, run_all
from checks.config import NO_THRESHOLD, RepoConfig, parse_config
from checks.dependency_advisories import ID as DEPENDENCY_CHECK
from checks.dependency_advisories import SEVERITIES, inventory
from checks.model import (
    AdvisoryCoverage,
    AdvisoryMatcher,
    CheckContext,
    CheckResult,
    Need,
    Snapshot,
    Status,
)

CONFIG_PATH = ".github/repo-hygiene.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH", help="the project directory to check")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    parser.add_argument(
        "--fail-on",
        choices=(*SEVERITIES[:4], NO_THRESHOLD),
        default=None,
        help="fail (and exit 1) on an advisory at or above this severity; none: never "
        "(default: the config's dependencies.fail_on, else low)",
    )
    parser.add_argument(
        "--unknown-severity",
        choices=("fail", "ignore"),
        default=None,
        help="whether an advisory nobody rated fails "
        "(default: the config's dependencies.unknown_severity, else fail)",
    )
    parser.add_argument(
        "--database",
        "--db",
        dest="db",
        metavar="FILE",
        help="SQLite advisory database (default: DATABASE_URL, else the per-user database)",
    )
    parser.add_argument(
        "--advisories",
        metavar="PATH",
        type=Path,
        action="append",
        help="load OSV/WG advisory files (dir or zip) instead of the database; repeatable",
    )
    parser.add_argument("--check", dest="checks", action="append", metavar="ID", help="run only these checks")
    parser.add_argument("--output", "-o", type=Path, help="write the report to this file instead of stdout")


class Progress:
    """Stage messages on stderr, only once the run has taken more than a moment."""

    def __init__(self, quiet_for: float = 0.5) -> None:
        self.started = time.monotonic()
        self.quiet_for = quiet_for

    def __call__(self, message: str) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed >= self.quiet_for:
            print(f"[{elapsed:5.1f}s] {message}", file=sys.stderr)


def _matcher_from_files(paths: list[Path], progress: Progress) -> tuple[AdvisoryMatcher, AdvisoryCoverage]:
    """The index over the files' records, and their coverage: files given on the command line are as
    current as the user says they are (loaded now), so only an ecosystem they lack is a gap."""
    from app.advisories.osv import packages
    from app.advisories.sources.files import iter_paths
    from checks.advisories.index import AdvisoryIndex

    rejected = 0
    held: set[str] = set()

    def records() -> Any:
        nonlocal rejected
        for item in iter_paths(paths):
            if item.record is not None:
                held.update(eco for eco, _ in packages(item.record))
                yield item.record
            elif item.error:
                rejected += 1
                print(f"skipping advisory {item.origin}: {item.error}", file=sys.stderr)

    index = AdvisoryIndex.from_records(records())
    progress(f"loaded {len(index):,} advisories from files ({rejected} rejected)")
    now = datetime.now(UTC)
    coverage = AdvisoryCoverage(ecosystems=frozenset(held), synced_at=dict.fromkeys(held, now), sources=1)
    return index, coverage


def _coverage_from_database(
    matcher: AdvisoryMatcher | None, snapshot: Snapshot, config: RepoConfig
) -> AdvisoryCoverage | None:
    """What the database holds for the ecosystems the project pins, and when each was last synced or
    imported (`ADVISORY_MAX_AGE` bounds how old that may be)."""
    from app.advisories.coverage import load_coverage
    from app.advisories.matcher import DatabaseMatcher
    from app.settings import load_settings

    if not isinstance(matcher, DatabaseMatcher):
        return None
    found = inventory(snapshot, config.dependencies)
    ecosystems = {d.ecosystem for d in found.dependencies if d.version is not None}
    max_age = load_settings(require_github=False).advisory_max_age
    with matcher.sessions() as session:
        return load_coverage(session, ecosystems, max_age)


def _matcher_from_database(
    args: argparse.Namespace, stack: ExitStack
) -> tuple[AdvisoryMatcher | None, str | None]:
    from app.advisories.matcher import DatabaseMatcher

    try:
        return DatabaseMatcher(stack.enter_context(opened(database_url(args.db)))), None
    except DatabaseNotReady as exc:
        return None, str(exc)
    except Exception as exc:  # bad settings, an unreachable server: say which, without the password
        return None, f"cannot open the advisory database: {type(exc).__name__}"


def _config(files: dict[str, bytes]) -> tuple[RepoConfig, list[str]]:
    config, errors = parse_config(files.get(CONFIG_PATH))
    return config, list(errors)


def _with_threshold(args: argparse.Namespace, config: RepoConfig) -> tuple[RepoConfig, str]:
    """The config with --fail-on and --unknown-severity (when given) as the dependency check's policy,
    and the threshold in force."""
    overrides = {
        key: value
        for key, value in (("fail_on", args.fail_on), ("unknown_severity", args.unknown_severity))
        if value is not None
    }
    dependencies = dataclasses.replace(config.dependencies, **overrides)
    return dataclasses.replace(config, dependencies=dependencies), str(dependencies.fail_on)


def exit_code(results: Mapping[str, CheckResult]) -> int:
    """1 when any check printed FAIL or ERROR, else 0."""
    return 1 if any(r.status in (Status.FAIL, Status.ERROR) for r in results.values()) else 0


def run(args: argparse.Namespace) -> int:
    progress = Progress()
    unknown = sorted(set(args.checks or ()) - set(REGISTRY))
    if unknown:
        print(
            f"repo-hygiene check: unknown check(s) {', '.join(unknown)}; known: {', '.join(REGISTRY)}",
            file=sys.stderr,
        )
        return 2
    try:
        snapshot = local_snapshot(args.path, (*all_needs(args.checks or REGISTRY), Need(CONFIG_PATH)))
    except SnapshotError as exc:
        print(f"repo-hygiene check: {exc}", file=sys.stderr)
        return 2
    progress(f"read {len(snapshot.files):,} of {len(snapshot.paths):,} files")
    config, config_errors = _config(dict(snapshot.files))
    for error in config_errors:
        print(f"warning: {error}", file=sys.stderr)
    # --check names checks explicitly; otherwise the ones the repository's config leaves enabled
    check_ids = list(args.checks or (c for c in REGISTRY if config.check_enabled(c)))
    config, fail_on = _with_threshold(args, config)

    with ExitStack() as stack:  # closes the advisory database after the checks
        matcher: AdvisoryMatcher | None
        coverage: AdvisoryCoverage | None
        db_problem: str | None = None
        if args.advisories:
            matcher, coverage = _matcher_from_files(args.advisories, progress)
        else:
            matcher, db_problem = _matcher_from_database(args, stack)
            coverage = _coverage_from_database(matcher, snapshot, config)
        context = CheckContext(config=config, advisories=matcher, advisory_data=coverage)
        results = run_all(snapshot, context, check_ids)
    progress("checks done")
    dependency_result = results.get(DEPENDENCY_CHECK)
    if matcher is None and dependency_result is not None and dependency_result.status is Status.ERROR:
        print(
            f"repo-hygiene check: {db_problem}; import advisories (`repo-hygiene advisories import`) "
            "or pass --advisories PATH",
            file=sys.stderr,
        )
        return 2

    renderers = {"text": render_text, "json": render_json, "sarif": render_sarif}
    report = renderers[args.format](results, fail_on=fail_on, root=args.path, files=dict(snapshot.files))
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    return exit_code(results)
