"""`repo-hygiene check` and `advisories` behave: statuses and exit codes agree, output worst first,
upgrade plans in every format, a database that import creates, and one per-user default database."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.orm import Session

from app.advisories.db import default_database_path
from app.cli import main
from app.store.migrate import alembic_config
from app.store.models import Job
from tests.app.advisories.conftest import osv
from tests.app.advisories.test_sarif_schema import assert_valid_sarif

CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"  # 9.8
MODERATE = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N"  # 4.2


def _advisories(folder: Path) -> Path:
    """demo-pkg 1.0.0 has a moderate advisory fixed in 1.0.2 and a critical one fixed in 1.0.5;
    other-pkg 2.0.0 has one GHSA-rated LOW advisory fixed in 2.1.0."""
    folder.mkdir(parents=True, exist_ok=True)
    records = [
        osv(
            "GHSA-mmmm-mmmm-mmmm",
            "PyPI",
            "demo-pkg",
            [{"introduced": "0"}, {"fixed": "1.0.2"}],
            range_type="ECOSYSTEM",
            severity=[{"type": "CVSS_V3", "score": MODERATE}],
        ),
        osv(
            "GHSA-cccc-cccc-cccc",
            "PyPI",
            "demo-pkg",
            [{"introduced": "0"}, {"fixed": "1.0.5"}],
            range_type="ECOSYSTEM",
            severity=[{"type": "CVSS_V3", "score": CRITICAL}],
        ),
        osv(
            "GHSA-llll-llll-llll",
            "PyPI",
            "other-pkg",
            [{"introduced": "0"}, {"fixed": "2.1.0"}],
            range_type="ECOSYSTEM",
            database_specific={"severity": "LOW"},
        ),
    ]
    for record in records:
        (folder / f"{record['id']}.json").write_text(json.dumps(record))
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "requirements.txt").write_text("other-pkg==2.0.0\ndemo-pkg == 1.0.0  # pinned\n")
    return root


@pytest.fixture
def advisories(tmp_path: Path) -> Path:
    return _advisories(tmp_path / "osv")


def _check(project: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", str(project), *args])
    return code, capsys.readouterr().out


STATUS_LINE = re.compile(r"^\[(FAIL|ERROR|PASS|N/A)\] *(\S+): ", re.M)


@pytest.mark.parametrize("fail_on", ["critical", "high", "moderate", "low", "none", None])
def test_fail_on_sets_the_status_and_the_exit_code(
    project: Path, advisories: Path, fail_on: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--advisories", str(advisories), "--check", "dependency-advisories"]
    args += ["--fail-on", fail_on] if fail_on else []
    code, out = _check(project, *args, capsys=capsys)
    ((status, _),) = STATUS_LINE.findall(out)
    # critical 9.8, moderate 4.2 and low: every threshold but `none` is reached (default: low)
    expected = "PASS" if fail_on == "none" else "FAIL"
    assert (status, code) == (expected, 1 if expected == "FAIL" else 0)
    report = json.loads(_check(project, *args, "--format", "json", capsys=capsys)[1])
    assert report["checks"][0]["status"] == expected.lower()
    assert report["fail_on"] == (fail_on or "low")


def test_a_fail_line_never_exits_zero(
    project: Path, advisories: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # no security policy: that check fails, even with advisories never failing the run
    code, out = _check(project, "--advisories", str(advisories), "--fail-on", "none", capsys=capsys)
    assert dict((check, status) for status, check in STATUS_LINE.findall(out))["security-policy"] == "FAIL"
    assert code == 1
    (project / "SECURITY.md").write_text(
        "# Security policy\n\nReport vulnerabilities privately to security@example.com; "
        "we answer within 5 days. Supported versions: the latest release.\n"
    )
    code, out = _check(project, "--advisories", str(advisories), "--fail-on", "none", capsys=capsys)
    assert ("[FAIL]" in out) == (code == 1)


def test_output_is_sorted_worst_first_with_a_tidy_status_column(
    project: Path, advisories: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(project, "--advisories", str(advisories), "--fail-on", "critical", capsys=capsys)
    assert code == 1
    lines = [line for line in out.splitlines() if STATUS_LINE.match(line)]
    statuses = [STATUS_LINE.match(line).group(1) for line in lines]  # type: ignore[union-attr]
    order = ["FAIL", "ERROR", "PASS", "N/A"]
    assert statuses == sorted(statuses, key=order.index) and statuses[0] == "FAIL"
    # "[ERROR]" is the widest label: every check id starts in the same column after it
    assert all(line[7] == " " and line[8] != " " for line in lines)
    advisory_lines = [line for line in out.splitlines() if "PyPI" in line and "GHSA-" in line]
    assert [line.split()[1 if line.startswith(" !") else 0] for line in advisory_lines] == [
        "critical",
        "moderate",
        "low",
    ]
    report = json.loads(
        _check(project, "--advisories", str(advisories), "--format", "json", capsys=capsys)[1]
    )
    assert [f["severity"] for f in report["findings"]] == ["critical", "moderate", "low"]
    assert [f["severity_source"] for f in report["findings"]] == [
        "CVSS:3.1 vector",
        "CVSS:3.1 vector",
        "GHSA database_specific",
    ]


def test_upgrade_plans_in_text_json_and_sarif(
    project: Path, advisories: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--advisories", str(advisories)]
    out = _check(project, *args, capsys=capsys)[1]
    assert "upgrade demo-pkg 1.0.0 -> 1.0.5: fixes 2 advisories" in out
    assert "upgrade other-pkg 2.0.0 -> 2.1.0: fixes 1 advisory" in out

    report = json.loads(_check(project, *args, "--format", "json", capsys=capsys)[1])
    plans = {p["package"]: p for p in report["upgrades"]}
    assert plans["demo-pkg"]["target"] == "1.0.5" and plans["demo-pkg"]["line"] == "1.x"
    assert {f["package"]: f["upgrade_to"] for f in report["findings"]} == {
        "demo-pkg": "1.0.5",
        "other-pkg": "2.1.0",
    }

    sarif = json.loads(_check(project, *args, "--format", "sarif", capsys=capsys)[1])
    assert_valid_sarif(sarif)
    results = sarif["runs"][0]["results"]
    demo = [r for r in results if "demo-pkg" in r["message"]["text"]]
    assert len(demo) == 2
    for result in demo:
        assert result["properties"]["upgradeTo"] == "1.0.5"
        ((fix,),) = [result["fixes"]]
        ((change,),) = [fix["artifactChanges"]]
        assert change["artifactLocation"]["uri"] == "requirements.txt"
        ((replacement,),) = [change["replacements"]]
        assert replacement["deletedRegion"] == {
            "startLine": 2,
            "startColumn": 1,
            "endLine": 2,
            "endColumn": 28,
        }
        assert replacement["insertedContent"]["text"] == "demo-pkg == 1.0.5  # pinned"


def test_no_sarif_fix_for_a_lockfile(
    tmp_path: Path, advisories: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "locked"
    root.mkdir()
    (root / "poetry.lock").write_text('[[package]]\nname = "demo-pkg"\nversion = "1.0.0"\n')
    sarif = json.loads(_check(root, "--advisories", str(advisories), "--format", "sarif", capsys=capsys)[1])
    assert_valid_sarif(sarif)
    results = [r for r in sarif["runs"][0]["results"] if "demo-pkg" in r["message"]["text"]]
    assert results and all("fixes" not in r and r["properties"]["upgradeTo"] == "1.0.5" for r in results)


def test_import_creates_and_migrates_its_database(
    tmp_path: Path, advisories: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "not" / "yet" / "there.db"
    assert main(["advisories", "--database", str(db), "import", str(advisories)]) == 0
    assert "3 new" in capsys.readouterr().out
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        version = connection.execute(text("select version_num from alembic_version")).scalar()
    head = ScriptDirectory.from_config(alembic_config(f"sqlite:///{db}")).get_current_head()
    assert version == head  # migrated to the newest revision
    assert {"advisories", "jobs", "installations"} <= set(inspect(engine).get_table_names())
    engine.dispose()
    assert main(["advisories", "--database", str(db), "import", str(advisories)]) == 0  # again: a no-op
    assert "3 unchanged" in capsys.readouterr().out


def test_check_and_advisories_share_a_per_user_database(
    tmp_path: Path,
    project: Path,
    advisories: Path,
    monkeypatch: pytest.MonkeyPatch,
    _per_user_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["advisories", "import", str(advisories)]) == 0
    assert default_database_path() == _per_user_data_dir / "advisories.db"
    assert default_database_path().is_file() and not list(tmp_path.glob("*.db"))
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    code, out = _check(project, "--check", "dependency-advisories", "--format", "json", capsys=capsys)
    assert code == 1 and {f["package"] for f in json.loads(out)["findings"]} == {"demo-pkg", "other-pkg"}
    assert not list(elsewhere.iterdir())

    # explicit overrides still win: --database, then DATABASE_URL
    assert _check(project, "--database", str(tmp_path / "none.db"), capsys=capsys)[0] == 2
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert main(["check", str(project)]) == 2
    assert "env.db does not exist" in capsys.readouterr().err


def test_the_default_folder_is_the_platforms_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("REPO_HYGIENE_DATA_DIR")
    expected = Path(platformdirs.user_data_dir("repo-hygiene", appauthor=False)) / "advisories.db"
    assert default_database_path() == expected  # computed only: nothing is created


def test_no_rechecks_are_queued_when_the_app_is_not_installed(
    tmp_path: Path, advisories: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "local.db"
    assert main(["advisories", "--database", str(db), "import", str(advisories)]) == 0
    out = capsys.readouterr().out
    assert "3 new" in out and "queued" not in out
    with Session(create_engine(f"sqlite:///{db}")) as session:
        assert session.scalars(select(Job)).all() == []
