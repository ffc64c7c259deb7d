"""A push changes results only when it adds or removes paths, or modifies a file a check reads."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from app.jobs.scans import scan_needs
from app.webhooks.push_changes import MAX_LISTED_COMMITS, may_change_results
from tests.conftest import shared_path


@pytest.fixture
def real_push() -> dict[str, Any]:
    """GitHub's push to a new branch (one commit adding README.md), as a plain push to it."""
    payload = json.loads(
        shared_path("fixtures/webhooks/push/with-no-username-committer.payload.json").read_text()
    )
    payload["created"] = False
    return dict(payload)


def _with(
    payload: dict[str, Any],
    *,
    added: tuple[str, ...] = (),
    modified: tuple[str, ...] = (),
    removed: tuple[str, ...] = (),
) -> dict[str, Any]:
    changed = copy.deepcopy(payload)
    changed["commits"][0].update(added=list(added), modified=list(modified), removed=list(removed))
    return changed


def test_the_real_payload_adds_a_readme(real_push: dict[str, Any]) -> None:
    assert may_change_results(real_push, scan_needs())


def test_modifying_only_files_no_check_reads_changes_nothing(real_push: dict[str, Any]) -> None:
    assert not may_change_results(_with(real_push, modified=("src/app.py", "docs/guide.md")), scan_needs())


@pytest.mark.parametrize(
    "path", ["README.md", "Security.md", "package-lock.json", ".github/repo-hygiene.yml"]
)
def test_modifying_a_file_a_check_reads_is_a_change(real_push: dict[str, Any], path: str) -> None:
    assert may_change_results(_with(real_push, modified=("src/app.py", path)), scan_needs())


def test_added_or_removed_paths_are_a_change(real_push: dict[str, Any]) -> None:
    assert may_change_results(_with(real_push, added=("src/new.py",)), scan_needs())
    assert may_change_results(_with(real_push, removed=("src/old.py",)), scan_needs())


def test_an_incomplete_list_is_a_change(real_push: dict[str, Any]) -> None:
    quiet = _with(real_push, modified=("src/app.py",))
    assert may_change_results({**quiet, "commits": quiet["commits"] * MAX_LISTED_COMMITS}, scan_needs())
    assert may_change_results({**quiet, "size": 3}, scan_needs())
    assert may_change_results({**quiet, "forced": True}, scan_needs())
    assert may_change_results({**quiet, "created": True}, scan_needs())
    assert may_change_results({**quiet, "commits": []}, scan_needs())
