"""Opening the database for the command-line tools (`advisories`, `check`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import inspect, make_url
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.store import Advisory, AdvisoryPackage, AdvisorySource
from app.store.base import Base, make_engine, make_sessionmaker
from app.store.migrate import upgrade

ADVISORY_TABLES = (Advisory.__tablename__, AdvisoryPackage.__tablename__, AdvisorySource.__tablename__)


class DatabaseNotReady(RuntimeError):
    pass


def database_url(db_path: str | None = None) -> str:
    """`--db PATH` (a SQLite file) wins, then the app's settings (DATABASE_URL from the environment or
    `.env`), without requiring the GitHub App's own settings: these tools work offline."""
    if db_path:
        return f"sqlite:///{Path(db_path).resolve()}"
    from app.settings import load_settings

    return load_settings(require_github=False).database_url


def open_sessions(url: str, *, create: bool = False) -> sessionmaker[Session]:
    """Sessions on `url`; the advisory tables must exist (`repo-hygiene migrate`) unless `create`.
    A SQLite file that does not exist is never created as a side effect of reading."""
    parsed = make_url(url)
    is_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
    if is_file and not create and not Path(str(parsed.database)).exists():
        raise DatabaseNotReady(f"the advisory database {parsed.database} does not exist")
    engine = make_engine(url)
    existing = set(inspect(engine).get_table_names())
    missing = [t for t in ADVISORY_TABLES if t not in existing]
    if missing and create:
        upgrade(url)  # the app's schema, stamped, so a later `repo-hygiene migrate` carries on from it
        advisory_tables = [Base.metadata.tables[name] for name in ADVISORY_TABLES]
        Base.metadata.create_all(engine, tables=advisory_tables)  # no-op once the migration holds them
    elif missing:
        engine.dispose()
        raise DatabaseNotReady(
            f"the database has no advisory tables ({', '.join(missing)}): run `repo-hygiene migrate` "
            "first, or pass --create-schema"
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
