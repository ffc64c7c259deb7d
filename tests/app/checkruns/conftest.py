from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

import app.tables  # noqa: F401  (registers every table)
from app.store.base import Base, make_engine, make_sessionmaker


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'checkrun.db'}")
    Base.metadata.create_all(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


def npm_lock(packages: dict[str, str], direct: tuple[str, ...] | None = None) -> bytes:
    """A package-lock.json v3 with the given name -> version entries."""
    roots = direct if direct is not None else tuple(packages)
    lock = {
        "name": "shop",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {
            "": {"name": "shop", "dependencies": {n: packages[n] for n in roots}},
            **{f"node_modules/{n}": {"version": v} for n, v in packages.items()},
        },
    }
    return json.dumps(lock, indent=2).encode()
