"""Opening the database for the command-line tools (`advisories`, `check`).

Which database: `--database FILE` (a SQLite file), else `DATABASE_URL` (environment or `.env`, as the
app reads it, so a deployment's tools use the app's database), else one SQLite file in the user's
data directory (platformdirs; `REPO_HYGIENE_DATA_DIR` replaces the directory), shared by `advisories`
and `check` whatever the current folder: one import serves every later check.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import inspect, make_url
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.store import Advisory, AdvisoryPackage, AdvisorySource
from app.store.base import Base, make_engine, make_sessionmaker
from app.store.migrate import upgrade

ADVISORY_TABLES = (Advisory.__tablename__, AdvisoryPackage.__tablename__, AdvisorySource.__tablename__)
APP_NAME = "repo-hygiene"
DATA_DIR_VARIABLE = "REPO_HYGIENE_DATA_DIR"
DEFAULT_DATABASE_FILE = "advisories.db"
MIGRATION_TABLE = "alembic_version"


class DatabaseNotReady(RuntimeError):
    pass


def default_database_path() -> Path:
    """The per-user database file: `$REPO_HYGIENE_DATA_DIR/advisories.db`, else the platform's user
    data directory (`~/.local/share/repo-hygiene/advisories.db` on Linux)."""
    directory = os.environ.get(DATA_DIR_VARIABLE) or user_data_dir(APP_NAME, appauthor=False)
    return Path(directory) / DEFAULT_DATABASE_FILE


def database_url(db_path: str | None = None) -> str:
    """`--database PATH` (a SQLite file) wins, then DATABASE_URL from the environment or `.env`
    (without requiring the GitHub App's own settings: these tools work offline), then the per-user
    default file."""
    if db_path:
        return f"sqlite:///{Path(db_path).resolve()}"
    from app.settings import load_settings

    settings = load_settings(require_github=False)
    if "database_url" in settings.model_fields_set:  # DATABASE_URL was given
        return settings.database_url  # validated by load_settings
    return f"sqlite:///{default_database_path()}"


def open_sessions(url: str, *, create: bool = False) -> sessionmaker[Session]:
    """Sessions on `url`; the advisory tables must exist unless `create`, which creates the database
    (and a SQLite file's folder) and migrates its schema to the latest revision. A SQLite file that
    does not exist is never created as a side effect of reading."""
    parsed = make_url(url)
    is_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
    if is_file and not create and not Path(str(parsed.database)).exists():
        raise DatabaseNotReady(f"the advisory database {parsed.database} does not exist")
    if is_file and create:
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    existing = set(inspect(engine).get_table_names())
    if create:
        if MIGRATION_TABLE in existing or not existing:
            upgrade(url)  # the app's schema, stamped, so a later `repo-hygiene migrate` carries on from it
        Base.metadata.create_all(engine)  # tables a schema made without migrations lacks; else a no-op
        return make_sessionmaker(engine)
    missing = [t for t in ADVISORY_TABLES if t not in existing]
    if missing:
        engine.dispose()
        raise DatabaseNotReady(
            f"the database has no advisory tables ({', '.join(missing)}): run `repo-hygiene migrate` "
            "or `repo-hygiene advisories import` first"
        )
    return make_sessionmaker(engine)


@contextmanager
def opened(url: str, *, create: bool = False) -> Iterator[sessionmaker[Session]]:
    """`open_sessions` for one command: the engine (and its pooled connections) is closed after it."""
    sessions = open_sessions(url, create=create)
    try:
        yield sessions
    finally:
        sessions.kw["bind"].dispose()
