"""One connection attempt at start-up, so a wrong or unreachable `DATABASE_URL` is one line, not a
traceback from the first query of whatever ran first."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.database_url import describe_target
from app.errors import SettingsError
from app.store.base import make_engine

CONNECT_TIMEOUT_SECONDS = 5


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    reason = next((line for line in lines if "failed:" in line), lines[0] if lines else type(error).__name__)
    return reason.split("failed:", 1)[-1].strip()


def verify_database(url: str) -> None:
    """Connect once and run `SELECT 1`; raises `SettingsError` naming DATABASE_URL and the fix."""
    where = describe_target(url)
    connect_args = {} if url.startswith("sqlite") else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    try:
        engine = make_engine(url, connect_args=connect_args) if connect_args else make_engine(url)
    except OSError as exc:  # the SQLite file's directory cannot be created
        raise SettingsError("DATABASE_URL", f"cannot create the {where}: {exc.strerror or exc}") from None
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        fix = (
            "check the path and its permissions"
            if url.startswith("sqlite")
            else ("start the server, or fix the host, port, user, password or database name")
        )
        raise SettingsError("DATABASE_URL", f"cannot connect to {where} ({_reason(exc)}); {fix}") from None
    finally:
        engine.dispose()
