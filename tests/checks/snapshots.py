"""Build a `Snapshot` from a YAML fixture case (files as text or !!binary bytes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from app.paths import check_templates
from checks.config import DEFAULT_CONFIG, RepoConfig
from checks.model import CheckContext, RepoFacts, Snapshot

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _bytes(files: dict[str, Any] | None) -> dict[str, bytes]:
    return {p: v if isinstance(v, bytes) else str(v).encode() for p, v in (files or {}).items()}


def snapshot_from_case(case: dict[str, Any]) -> Snapshot:
    files = _bytes(case.get("files"))
    paths = tuple(case.get("paths", ())) + tuple(files)
    facts = {"owner": "acme", "name": "widget", **(case.get("repo") or {})}
    return Snapshot(
        repo=RepoFacts(**facts),
        paths=paths,
        files=files,
        org_files=_bytes(case.get("org_files")),
        skipped=case.get("skipped") or {},
    )


def context(config: RepoConfig | None = None) -> CheckContext:
    """What the app hands the checks: the configuration (the defaults when None) and `templates/`."""
    return CheckContext(config=config or DEFAULT_CONFIG, templates=check_templates())


def load_cases(check_id: str) -> list[tuple[str, dict[str, Any]]]:
    folder = FIXTURES / check_id
    return [(p.stem, yaml.safe_load(p.read_text())) for p in sorted(folder.glob("*.yml"))]


def make_snapshot(
    files: dict[str, str | bytes], org_files: dict[str, str | bytes] | None = None, **repo: Any
) -> Snapshot:
    return snapshot_from_case({"files": files, "org_files": org_files, "repo": repo})
