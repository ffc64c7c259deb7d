"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy.orm import Session, sessionmaker

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPO_HYGIENE_SHARED", PROJECT_ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; skips the calling test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (../shared beside the project root is absent)")
    return path


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def shared() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One throwaway PostgreSQL server for the whole run (skips when it cannot be started)."""
    from tests.pg import throwaway_postgres

    with throwaway_postgres() as url:
        if url is None:
            pytest.skip("PostgreSQL binaries (initdb, pg_ctl), runuser or psycopg are not available")
        yield url


@pytest.fixture
def postgres_sessions(postgres_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on that server, with every table dropped and created afresh for the test."""
    from app.store.base import make_engine, make_sessionmaker
    from app.tables import Base

    engine = make_engine(postgres_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


# CI runs the property tests on a fixed example sequence, so a run is reproducible; locally they explore.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
