"""The project keeps its own hygiene: its SECURITY.md is what the app writes for it, and the app's own
security-policy and security-badge checks pass on this repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.local_snapshot import local_snapshot
from checks import REGISTRY
from checks._security_md import PolicyFacts, render_security_md
from checks.model import CheckContext, Status

ROOT = Path(__file__).resolve().parents[2]
OWN_FACTS = PolicyFacts(
    owner="repo-hygiene", repo="repo-hygiene", default_branch="main", contact_email=None, pvr=True
)


def test_security_md_is_what_the_app_renders_for_this_project() -> None:
    template = (ROOT / "templates" / "SECURITY.md.j2").read_text(encoding="utf-8")
    assert (ROOT / "SECURITY.md").read_text(encoding="utf-8") == render_security_md(OWN_FACTS, template)


@pytest.mark.parametrize("check_id", ["security-policy", "security-badge"])
def test_the_apps_own_check_passes_on_this_repository(check_id: str) -> None:
    check = REGISTRY[check_id]
    result = check.run(local_snapshot(ROOT, check.NEEDS), CheckContext())
    assert result.status is Status.PASS, result.summary
