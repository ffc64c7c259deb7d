"""`repo-hygiene migrate`: bring the database schema to the latest Alembic revision."""

from __future__ import annotations

import argparse

from app.commands._common import database_or_exit, settings_or_exit
from app.store.migrate import upgrade


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--revision", default="head", help="target revision (default: head)")


def run(args: argparse.Namespace) -> int:
    settings = settings_or_exit(require_github=False)
    database_or_exit(settings)
    upgrade(settings.database_url, args.revision)
    print(f"database at revision {args.revision}")
    return 0
