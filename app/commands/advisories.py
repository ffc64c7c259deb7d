"""`repo-hygiene advisories sync|import|stats`: fill and inspect the advisory database."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.db import DatabaseNotReady, database_url, opened
from app.advisories.importer import ImportReport, import_items
from app.advisories.sources.files import iter_paths
from app.advisories.store import database_stats
from app.jobs.advisories import enqueue_changed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", help="SQLite database file (default: DATABASE_URL)")
    parser.add_argument(
        "--create-schema", action="store_true", help="create the tables when the database has none"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("sync", help="fetch new and changed advisories from the GitHub Advisory Database")
    imp = actions.add_parser("import", help="import OSV files (dirs, zips) and Node.js Security WG entries")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--show-rejected", type=int, default=20, metavar="N", help="list the first N rejects")
    actions.add_parser("stats", help="what the database holds")
    look = actions.add_parser("lookup", help="ask the OSV API about a local project's dependencies")
    look.add_argument("path", type=Path, metavar="PATH")
    look.add_argument("--osv-url", default="https://api.osv.dev", help="OSV API base URL")


class _Progress:
    """At most one line a second on stderr, so big imports show life without flooding logs."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, report: ImportReport) -> None:
        now = time.monotonic()
        if now - self.last < 1.0:
            return
        self.last = now
        rate = report.seen / report.seconds if report.seconds else 0.0
        print(
            f"  {report.seen:,} documents read ({rate:,.0f}/s): {report.stats.inserted:,} new, "
            f"{report.stats.updated:,} updated, {report.rejected_count:,} rejected",
            file=sys.stderr,
        )


def _import(args: argparse.Namespace, url: str) -> int:
    with opened(url, create=args.create_schema) as sessions:
        return _import_into(args, sessions)


def _import_into(args: argparse.Namespace, sessions: sessionmaker[Session]) -> int:
    report = import_items(sessions, iter_paths(args.paths), progress=_Progress())
    for origin, reason in report.rejected[: args.show_rejected]:
        print(f"rejected {origin}: {reason}", file=sys.stderr)
    if report.rejected_count > args.show_rejected:
        print(f"... and {report.rejected_count - args.show_rejected:,} more rejected", file=sys.stderr)
    stats = report.stats
    print(
        f"imported {report.seen:,} documents in {report.seconds:.1f}s: {stats.inserted:,} new, "
        f"{stats.updated:,} updated, {stats.unchanged:,} unchanged, {report.skipped:,} skipped, "
        f"{report.rejected_count:,} rejected"
    )
    if stats.changed_packages:
        with sessions() as session, session.begin():
            enqueue_changed(session, stats.changed_packages)
        print(f"queued re-checks of repositories using {len(stats.changed_packages):,} changed packages")
    nothing_read = report.seen == 0 or stats.inserted + stats.updated + stats.unchanged == 0
    return 1 if report.rejected_count and nothing_read else 0


def _stats(args: argparse.Namespace, url: str) -> int:
    with opened(url, create=args.create_schema) as sessions, sessions() as session:
        stats = database_stats(session)
    print(f"advisories: {stats.advisories:,} ({stats.withdrawn:,} withdrawn)")
    for source, count in sorted(stats.by_source.items()):
        print(f"  source {source}: {count:,}")
    for ecosystem, count in sorted(stats.by_ecosystem.items()):
        print(f"  ecosystem {ecosystem}: {count:,}")
    for row in stats.sources:
        when = row.last_sync_at.isoformat(timespec="seconds") if row.last_sync_at else "never"
        line = f"  last run of {row.name}: {when}, {row.last_inserted:,} new, {row.last_updated:,} updated"
        line += f", cursor {row.cursor}" if row.cursor else ""
        line += f", error: {row.last_error}" if row.last_error else ""
        print(line)
    return 0


def _lookup(args: argparse.Namespace, url: str) -> int:
    from app.advisories.lookup import run_lookup
    from app.advisories.sources.osv_api import OsvApiError
    from app.local_snapshot import SnapshotError

    try:
        with opened(url, create=args.create_schema) as sessions:
            report = run_lookup(args.path, sessions, args.osv_url)
    except SnapshotError as exc:
        print(f"repo-hygiene advisories lookup: {exc}", file=sys.stderr)
        return 2
    except (OsvApiError, OSError, httpx.HTTPError) as exc:
        print(f"repo-hygiene advisories lookup failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    stats = report.imported.stats
    print(
        f"looked up {report.packages:,} packages: {stats.inserted:,} new advisories stored, "
        f"{report.already_known:,} already known, {report.imported.rejected_count:,} rejected"
    )
    return 0


def run(args: argparse.Namespace) -> int:
    url = database_url(args.db)
    try:
        if args.action == "import":
            return _import(args, url)
        if args.action == "stats":
            return _stats(args, url)
        if args.action == "lookup":
            return _lookup(args, url)
        from app.advisories.sync import run_sync_command

        with opened(url, create=args.create_schema) as sessions:
            return run_sync_command(sessions)
    except DatabaseNotReady as exc:
        print(f"repo-hygiene advisories: {exc}", file=sys.stderr)
        return 2
