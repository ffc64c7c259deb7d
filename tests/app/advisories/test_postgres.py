"""The advisory store on PostgreSQL (a throwaway server; skipped when PostgreSQL is not installed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.importer import import_items
from app.advisories.sources.files import ImportItem, iter_paths
from app.advisories.store import database_stats, load_index
from app.cli import main
from checks.model import Dependency
from tests.app.advisories.conftest import osv
from tests.conftest import shared_path

pytestmark = pytest.mark.postgres


def test_import_update_and_match_on_postgres(postgres_sessions: sessionmaker[Session]) -> None:
    folder = shared_path("advisories", "nodejs-security-wg", "vuln", "npm")
    report = import_items(postgres_sessions, iter_paths([folder]), batch_size=100)
    assert (report.stats.inserted, report.rejected_count) == (467, 0)

    newer = osv("NSWG-ECO-516", "npm", "lodash", [{"introduced": "0"}, {"fixed": "4.17.20"}])
    newer["modified"] = "2030-01-01T00:00:00Z"
    bad = osv("X" * 300, "npm", "x", [{"introduced": "0"}])
    again = import_items(postgres_sessions, [ImportItem("a", newer), ImportItem("b", bad)])
    assert again.stats.updated == 1 and again.rejected_count == 1

    with postgres_sessions() as session:
        index = load_index(session, [("npm", "lodash")])
        assert database_stats(session).by_ecosystem["npm"] == 467
    found = index.match([Dependency("npm", "lodash", "4.17.19", "package-lock.json", 3)])
    assert [(f.advisory_id, f.fixed_versions) for f in found] == [("NSWG-ECO-516", ("4.17.20",))]


def test_check_command_reads_advisories_from_postgres(
    postgres_sessions: sessionmaker[Session],
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import_items(postgres_sessions, [ImportItem("x", osv("PG-1", "PyPI", "Jinja2", [{"introduced": "0"}]))])
    (tmp_path / "requirements.txt").write_text("jinja2==2.10\n")
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    # only the dependency check: the folder has no security policy, whose FAIL would exit 1
    only = ["--check", "dependency-advisories"]
    assert main(["check", str(tmp_path), "--format", "json", "--fail-on", "none", *only]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["advisory_id"], f["package"], f["line"]) for f in findings] == [("PG-1", "jinja2", 1)]
