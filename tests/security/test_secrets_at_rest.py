"""Where secrets rest: the SQLite database (and its directory, WAL and SHM files) and `.env` are
owner-only, and the OAuth callback's `code` and `state` never reach the access log."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from app.file_modes import restrict_file
from app.logging_setup import AccessLogQueryFilter, configure_logging
from app.store.base import make_engine


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> object:
    previous = os.umask(0o022)
    yield previous
    os.umask(previous)


def test_a_new_database_its_directory_and_journal_files_are_owner_only(
    tmp_path: Path, permissive_umask: object
) -> None:
    db = tmp_path / "data" / "nested" / "repo-hygiene.db"
    engine = make_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
    files = [p for p in db.parent.iterdir() if p.name.startswith(db.name)]
    assert {p.name for p in files} >= {db.name, f"{db.name}-wal"}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert mode(db.parent) == mode(db.parent.parent) == 0o700
    engine.dispose()


def test_an_existing_world_readable_database_is_narrowed(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    db.touch()
    db.chmod(0o644)
    make_engine(f"sqlite:///{db}").dispose()
    assert mode(db) == 0o600


def test_memory_databases_need_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_engine("sqlite://").dispose()
    make_engine("sqlite:///:memory:").dispose()
    assert list(tmp_path.iterdir()) == []


def test_a_readable_env_file_is_narrowed_and_a_private_one_left_alone(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("WEBHOOK_SECRET=s3cret\n")
    env.chmod(0o644)
    restrict_file(env)
    assert mode(env) == 0o600
    env.chmod(0o400)
    restrict_file(env)
    assert mode(env) == 0o400
    restrict_file(tmp_path / "missing")  # nothing to do


def test_serve_start_up_narrows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.commands._common import settings_or_exit

    monkeypatch.chdir(tmp_path)
    env = tmp_path / ".env"
    env.write_text(f"DATABASE_URL=sqlite:///{tmp_path / 'x.db'}\n")
    env.chmod(0o644)
    settings_or_exit(require_github=False)
    assert mode(env) == 0o600


def _access_line(path: str) -> str:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("1.2.3.4:5", "GET", path, "1.1", 303),
        None,
    )
    AccessLogQueryFilter().filter(record)
    return record.getMessage()


def test_the_oauth_code_and_state_never_reach_the_access_log() -> None:
    line = _access_line("/auth/callback?code=0123456789abcdef&state=s3cr3t-state")
    assert "0123456789abcdef" not in line and "s3cr3t-state" not in line
    assert "/auth/callback?[redacted]" in line
    assert "/orgs/acme?page=2" in _access_line("/orgs/acme?page=2")  # other queries stay useful


def test_the_filter_is_installed_on_uvicorns_access_logger(caplog: pytest.LogCaptureFixture) -> None:
    configure_logging("INFO")
    configure_logging("INFO")  # idempotent
    access = logging.getLogger("uvicorn.access")
    assert sum(isinstance(f, AccessLogQueryFilter) for f in access.filters) == 1
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        access.info(
            '%s - "%s %s HTTP/%s" %d', "1.2.3.4:5", "GET", "/auth/callback?code=abc123secret", "1.1", 303
        )
    assert "abc123secret" not in caplog.text
