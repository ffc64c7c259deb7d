"""Fixtures for the advisory database tests: a fresh SQLite database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

import app.tables  # noqa: F401  (registers every table)
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
