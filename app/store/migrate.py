"""Alembic, driven from code: the migration scripts beside this module, on a given database URL."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


@cache
def head_revision() -> str | None:
    """The newest migration this code ships (the revision `upgrade` brings a database to)."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def migration_gap(connection: Connection) -> str | None:
    """Why the database's schema is not the one this code needs, or None when it is current."""
    current = MigrationContext.configure(connection).get_current_heads()
    head = head_revision()
    if current == (head,):
        return None
    found = ", ".join(current) or "none"
    return f"database schema at revision {found}, this version needs {head} (run the migrations)"
