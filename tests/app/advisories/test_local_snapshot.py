from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.local_snapshot import SnapshotError, local_snapshot
from checks.model import Need


def test_paths_needs_and_limits(tmp_path: Path) -> None:
    (tmp_path / "a" / "node_modules" / "x").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]")
    (tmp_path / "a" / "node_modules" / "x" / "package-lock.json").write_text("{}")
    (tmp_path / "a" / "package-lock.json").write_text("{}")
    (tmp_path / "SECURITY.md").write_text("x" * 50)
    (tmp_path / "big.lock").write_text("x" * 200)
    os.symlink("/etc/passwd", tmp_path / "linked.lock")
    snapshot = local_snapshot(
        tmp_path, [Need("*package-lock.json"), Need("security.md"), Need("*.lock", max_bytes=100)]
    )
    assert snapshot.paths == ("SECURITY.md", "a/package-lock.json", "big.lock", "linked.lock")
    assert dict(snapshot.files) == {"SECURITY.md": b"x" * 50, "a/package-lock.json": b"{}"}
    assert snapshot.skipped["big.lock"] == "too large (200 bytes, limit 100)"
    assert snapshot.skipped["linked.lock"] == "symbolic link (not followed)"
    assert snapshot.repo.name == tmp_path.name


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError):
        local_snapshot(tmp_path / "nope", [])
