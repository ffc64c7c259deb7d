"""`DATABASE_URL` as users write it -> the SQLAlchemy URL the app connects with, or one clear error.

Hosts hand out `postgres://…` and `postgresql://…`; both mean PostgreSQL through the driver the app
ships (psycopg 3). SQLite and PostgreSQL are the only databases the schema and queue are built for,
so any other scheme is refused here rather than failing later inside SQLAlchemy with a traceback.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

POSTGRES_DRIVER = "postgresql+psycopg"
SUPPORTED = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite+pysqlite",
    "postgres": POSTGRES_DRIVER,
    "postgresql": POSTGRES_DRIVER,
    "postgresql+psycopg": POSTGRES_DRIVER,
}
EXAMPLES = "sqlite:///PATH/repo-hygiene.db or postgresql://USER:PASSWORD@HOST:5432/DATABASE"


class DatabaseUrlError(ValueError):
    """The URL cannot be used; the message says why and what to write instead."""


def normalise_database_url(text: str) -> str:
    """The URL with its scheme mapped to the driver in use; raises `DatabaseUrlError`."""
    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise DatabaseUrlError(f"is not a database URL; use {EXAMPLES}") from None
    driver = SUPPORTED.get(url.drivername)
    if driver is None:
        raise DatabaseUrlError(
            f"{url.get_backend_name()!r} is not supported (SQLite or PostgreSQL only); use {EXAMPLES}"
        )
    if driver.startswith("postgresql") and not url.database:
        raise DatabaseUrlError(f"names no database; use {EXAMPLES}")
    return url.set(drivername=driver).render_as_string(hide_password=False)


def describe_target(text: str) -> str:
    """Where the URL points, without its password: `PostgreSQL at HOST:PORT/DB` or `SQLite file PATH`."""
    url: URL = make_url(text)
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database or ':memory:'}"
    return f"PostgreSQL at {url.host or 'localhost'}:{url.port or 5432}/{url.database}"
