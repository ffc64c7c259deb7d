"""`repo-hygiene migrate`: bring the database schema to the latest Alembic revision."""

from __future__ import annotations

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.commands._common import settings_or_exit

MIGRATIONS = Path(__file__).resolve().parent.parent / "store" / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--revision", default="head", help="target revision (default: head)")


def run(args: argparse.Namespace) -> int:
    settings = settings_or_exit(require_github=False)
    command.upgrade(alembic_config(settings.database_url), args.revision)
    print(f"database at revision {args.revision}")
    return 0
