"""Opening the database for the command-line tools (`advisories`, `check`)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.orm import Session, sessionmaker

import app.store  # noqa: F401 - registers every table on Base.metadata
from app.advisories.store import Advisory, AdvisoryPackage, AdvisorySource
from app.store.base import Base, make_engine, make_sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///repo-hygiene.db"
ADVISORY_TABLES = (Advisory.__tablename__, AdvisoryPackage.__tablename__, AdvisorySource.__tablename__)


class DatabaseNotReady(RuntimeError):
    pass


def database_url(db_path: str | None = None) -> str:
    """`--db PATH` (a SQLite file) wins, then DATABASE_URL, then the default (the app's settings read the
    same variable; this keeps the offline tools free of the App's required settings)."""
    if db_path:
        return f"sqlite:///{Path(db_path).resolve()}"
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def open_sessions(url: str, *, create: bool = False) -> sessionmaker[Session]:
    """Sessions on `url`; the advisory tables must exist (`repo-hygiene migrate`) unless `create`."""
    engine = make_engine(url)
    existing = set(inspect(engine).get_table_names())
    missing = [t for t in ADVISORY_TABLES if t not in existing]
    if missing and create:
        Base.metadata.create_all(engine)
    elif missing:
        engine.dispose()
        raise DatabaseNotReady(
            f"the database has no advisory tables ({', '.join(missing)}): run `repo-hygiene migrate` "
            "first, or pass --create-schema"
        )
    return make_sessionmaker(engine)
