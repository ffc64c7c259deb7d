"""Fixtures for the advisory database tests: a fresh SQLite database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

import app.store  # noqa: F401 - registers every table
from app.store.base import Base, make_engine, make_sessionmaker


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'advisories.db'}"


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    Base.metadata.create_all(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


def osv(osv_id: str, ecosystem: str, name: str, events: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
    """A small hand-written OSV record."""
    record: dict[str, Any] = {
        "id": osv_id,
        "modified": extra.pop("modified", "2024-01-01T00:00:00Z"),
        "summary": extra.pop("summary", f"{name} is vulnerable"),
        "affected": [
            {
                "package": {"ecosystem": ecosystem, "name": name},
                "ranges": [{"type": extra.pop("range_type", "SEMVER"), "events": events}],
            }
        ],
    }
    record.update(extra)
    return record


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL server on 127.0.0.1 (skips when the server binaries are absent)."""
    import os
    import shutil
    import subprocess
    import tempfile
    import time

    initdb, postgres = shutil.which("initdb"), shutil.which("postgres")
    if not initdb or not postgres:
        pytest.skip("needs PostgreSQL's initdb and postgres binaries")
    as_user: list[str] = []
    # not under pytest's tmp dirs: those are private to root, and the server must not run as root
    home = Path(tempfile.mkdtemp(prefix="advdb-pg-"))
    data = home / "data"
    if os.getuid() == 0:
        runuser = shutil.which("runuser")
        if not runuser:
            pytest.skip("running as root without runuser to start PostgreSQL as another user")
        as_user = [runuser, "-u", "postgres", "--"]
        home.chmod(0o755)
        shutil.chown(home, "postgres")
    subprocess.run(
        [*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "test"], check=True, capture_output=True
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            *as_user,
            postgres,
            "-D",
            str(data),
            "-p",
            str(port),
            "-k",
            str(data),
            "-c",
            "listen_addresses=127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"postgresql+psycopg://test@127.0.0.1:{port}/postgres"
    try:
        import psycopg

        for _ in range(100):
            try:
                psycopg.connect(f"host=127.0.0.1 port={port} user=test dbname=postgres").close()
                break
            except psycopg.OperationalError:
                time.sleep(0.1)
        else:
            pytest.skip("PostgreSQL did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def pg_sessions(postgres_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(postgres_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield make_sessionmaker(engine)
    engine.dispose()
