"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

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


# CI runs the property tests on a fixed example sequence, so a run is reproducible; locally they explore.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
