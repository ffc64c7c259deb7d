"""Every setting the app reads is in `.env.example` and in the settings table of docs/operations.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.settings import ENV_NAMES

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", sorted(ENV_NAMES.values()))
def test_env_example_lists_the_setting(name: str) -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(rf"^{name}=", text, re.MULTILINE), f"{name} is missing from .env.example"


@pytest.mark.parametrize("name", sorted(ENV_NAMES.values()))
def test_operations_doc_has_a_row_for_the_setting(name: str) -> None:
    rows = [
        line
        for line in (ROOT / "docs/operations.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    assert any(f"`{name}`" in row.split("|")[1] for row in rows), f"{name} has no row in docs/operations.md"


def test_env_example_names_no_setting_the_app_does_not_read() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    named = set(re.findall(r"^([A-Z_]+)=", text, re.MULTILINE))
    assert named <= set(ENV_NAMES.values())
