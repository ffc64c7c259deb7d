"""`repo-hygiene check PATH` end to end over a temporary project with lockfiles in four ecosystems,
against the real advisories in ../shared/advisories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import shared_path

PACKAGE_LOCK = {
    "name": "demo",
    "version": "1.0.0",
    "lockfileVersion": 3,
    "requires": True,
    "packages": {
        "": {"name": "demo", "version": "1.0.0", "dependencies": {"lodash": "^4.17.15"}},
        "node_modules/lodash": {"version": "4.17.15"},
    },
}
CARGO_LOCK = """version = 3

[[package]]
name = "demo"
version = "0.1.0"
dependencies = ["smallvec"]

[[package]]
name = "smallvec"
version = "1.6.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "tests" / "fixtures").mkdir(parents=True)
    (root / "web").mkdir()
    (root / "web" / "package-lock.json").write_text(json.dumps(PACKAGE_LOCK, indent=2))
    (root / "tests" / "fixtures" / "package-lock.json").write_text(json.dumps(PACKAGE_LOCK))
    (root / "requirements.txt").write_text("jinja2==2.10\nflask>=2\n")
    (root / "go.mod").write_text("module example.com/demo\n\ngo 1.20\n\nrequire golang.org/x/text v0.3.5\n")
    (root / "Cargo.lock").write_text(CARGO_LOCK)
    (root / ".git").mkdir()
    (root / ".git" / "requirements.txt").write_text("django==1.0\n")
    return root


@pytest.fixture
def advisory_args() -> list[str]:
    base = ("advisories",)
    folders = [
        shared_path(*base, "nodejs-security-wg", "vuln", "npm"),
        shared_path(*base, "pypa", "vulns", "jinja2"),
        shared_path(*base, "go", "data", "osv"),
        shared_path(*base, "rustsec-osv", "crates", "RUSTSEC-2021-0003.json"),
    ]
    return [arg for folder in folders for arg in ("--advisories", str(folder))]


def _ids(finding: dict) -> set[str]:
    return {finding["advisory_id"], *finding["aliases"]}


def test_json_report_over_four_ecosystems(
    project: Path, advisory_args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", str(project), "--format", "json", *advisory_args])
    report = json.loads(capsys.readouterr().out)
    assert code == 1  # smallvec's advisory is critical
    by_package = {}
    for finding in report["findings"]:
        assert set(finding) >= {
            "advisory_id", "aliases", "ecosystem", "package", "version", "severity",
            "fixed_versions", "file", "line", "direct",
        }  # fmt: skip
        by_package.setdefault(finding["package"], []).append(finding)

    jinja = by_package["jinja2"]
    assert {"PYSEC-2019-217", "PYSEC-2021-66"} <= set().union(*map(_ids, jinja))
    assert all(f["file"] == "requirements.txt" and f["line"] == 1 for f in jinja)
    sandbox = next(f for f in jinja if "PYSEC-2019-217" in _ids(f))
    assert sandbox["fixed_versions"] == ["2.10.1"] and "CVE-2019-10906" in sandbox["aliases"]

    (lodash,) = by_package["lodash"]
    assert lodash["advisory_id"] == "NSWG-ECO-516" and lodash["fixed_versions"] == ["4.17.19"]
    assert lodash["file"] == "web/package-lock.json" and lodash["version"] == "4.17.15"

    text = by_package["golang.org/x/text"]
    assert any("GO-2021-0113" in _ids(f) and f["fixed_versions"] == ["0.3.7"] for f in text)
    (smallvec,) = by_package["smallvec"]
    assert "RUSTSEC-2021-0003" in _ids(smallvec) and smallvec["severity"] == "critical"

    (check,) = [c for c in report["checks"] if c["id"] == "dependency-advisories"]
    assert check["status"] == "fail"
    data = check["details"]["data"]
    assert "tests/fixtures/package-lock.json" in data["skipped"]
    assert data["unpinned"] == 1
    assert ["PyPI", "jinja2", "2.10"] in data["packages"]
    assert not any(f["file"].startswith((".git", "tests/")) for f in report["findings"])


def test_text_report_and_fail_on(
    project: Path, advisory_args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(project), *advisory_args]) == 1
    out = capsys.readouterr().out
    assert "[FAIL]  dependency-advisories" in out
    assert "! critical crates.io smallvec 1.6.0" in out
    assert "NSWG-ECO-516  fix: 4.17.19  (web/package-lock.json:" in out

    # only the dependency check: the fixture has no security policy, whose FAIL would exit 1 too
    only = ["--check", "dependency-advisories", *advisory_args]
    assert main(["check", str(project), "--fail-on", "none", *only]) == 0
    assert "[PASS]  dependency-advisories" in capsys.readouterr().out
    (project / "Cargo.lock").unlink()
    assert main(["check", str(project), *only]) == 1  # lodash is moderate: fails at the default, low
    capsys.readouterr()
    # the jinja2 and Go records carry no severity: unknown fails unless told to ignore it
    assert main(["check", str(project), "--fail-on", "high", *only]) == 1
    assert "unknown severity) fail at fail_on=high" in capsys.readouterr().out
    relaxed = ["--fail-on", "high", "--unknown-severity", "ignore", *only]
    assert main(["check", str(project), *relaxed]) == 0  # lodash is moderate, below high
    out = capsys.readouterr().out
    assert "[PASS]  dependency-advisories" in out
    assert "none failing (fail_on=high, unknown_severity=ignore)" in out
    assert main(["check", str(project), "--fail-on", "moderate", "--unknown-severity", "ignore", *only]) == 1


def test_sarif_report(project: Path, advisory_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project), "--format", "sarif", *advisory_args]) == 1
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "repo-hygiene"
    assert len({r["id"] for r in rules}) == len(rules)
    for rule in rules:
        assert rule["shortDescription"]["text"]
        if "security-severity" in rule["properties"]:
            assert 0 < float(rule["properties"]["security-severity"]) <= 10
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note", "none"}
        assert result["message"]["text"]
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            assert not physical["artifactLocation"]["uri"].startswith("/")
            assert physical.get("region", {"startLine": 1})["startLine"] >= 1
    smallvec = next(r for r in run["results"] if "smallvec" in r["message"]["text"])
    assert float(rules[smallvec["ruleIndex"]]["properties"]["security-severity"]) >= 9.0
    assert smallvec["level"] == "error"
    assert smallvec["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "Cargo.lock"


def test_check_against_an_imported_database(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "adv.db"
    wg = shared_path("advisories", "nodejs-security-wg", "vuln", "npm")
    pypa = shared_path("advisories", "pypa", "vulns")
    assert main(["advisories", "--db", str(db), "--create-schema", "import", str(wg), str(pypa)]) == 0
    capsys.readouterr()
    code = main(["check", str(project), "--db", str(db), "--format", "json", "--fail-on", "moderate"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    packages = {f["package"] for f in report["findings"]}
    assert packages == {"lodash", "jinja2"}  # Go and Cargo advisories were not imported


def test_usage_errors(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "absent")]) == 2
    assert "is not a directory" in capsys.readouterr().err
    assert main(["check", str(project), "--db", str(tmp_path / "none.db")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["check", str(project), "--check", "no-such-check"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", str(project), "--format", "xml"])
    assert exc.value.code == 2


def test_no_dependency_files_needs_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("hello\n")
    code = main(
        ["check", str(tmp_path), "--db", str(tmp_path / "missing.db"), "--check", "dependency-advisories"]
    )
    assert code == 0
    assert "[N/A]   dependency-advisories" in capsys.readouterr().out


def test_broken_lockfile_is_reported_and_the_rest_still_checked(
    project: Path, advisory_args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "composer.lock").write_bytes(b"\xff\xfe{ not json")
    code = main(["check", str(project), "--format", "json", *advisory_args])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    (check,) = [c for c in report["checks"] if c["id"] == "dependency-advisories"]
    assert "composer.lock" in check["details"]["data"]["unreadable"]
    assert {f["package"] for f in report["findings"]} >= {"smallvec", "lodash"}


def test_repository_config_is_honoured(
    project: Path, advisory_args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".github").mkdir()
    (project / ".github" / "repo-hygiene.yml").write_text(
        "checks:\n  security-badge: {enabled: false}\n"
        "dependencies:\n  fail_on: moderate\n  ignore:\n    - {id: CVE-2021-25900, reason: not reachable}\n"
    )
    code = main(["check", str(project), "--format", "json", *advisory_args])
    report = json.loads(capsys.readouterr().out)
    assert code == 1  # lodash (moderate) now reaches the configured threshold
    assert "security-badge" not in {c["id"] for c in report["checks"]}
    assert "smallvec" not in {f["package"] for f in report["findings"]}  # ignored through its CVE alias
    (check,) = [c for c in report["checks"] if c["id"] == "dependency-advisories"]
    assert check["details"]["data"]["ignored"][0]["package"] == "smallvec"
    assert report["fail_on"] == "moderate"


def test_output_file(
    project: Path, advisory_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.sarif"
    assert main(["check", str(project), "--format", "sarif", "-o", str(target), *advisory_args]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_an_empty_database_exits_non_zero_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "requirements.txt").write_text("jinja2==2.10\n")
    db = tmp_path / "empty.db"
    assert main(["advisories", "--db", str(db), "--create-schema", "stats"]) == 0
    capsys.readouterr()
    code = main(["check", str(project), "--db", str(db), "--check", "dependency-advisories"])
    out = capsys.readouterr().out
    assert code == 1
    assert "[ERROR]" in out and "no advisory source has run: advisory data missing for PyPI" in out
    assert "[PASS]" not in out


def test_an_import_older_than_the_max_age_is_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    project = tmp_path / "p"
    project.mkdir()
    (project / "requirements.txt").write_text("jinja2==3.1.6\n")  # no advisory affects it
    db = tmp_path / "adv.db"
    pypa = shared_path("advisories", "pypa", "vulns", "jinja2")
    assert main(["advisories", "--db", str(db), "--create-schema", "import", str(pypa)]) == 0
    capsys.readouterr()
    args = ["check", str(project), "--db", str(db), "--check", "dependency-advisories"]
    assert main(args) == 0  # just imported: the import counts as the sync
    assert "[PASS]" in capsys.readouterr().out
    with sqlite3.connect(db) as connection:  # the import was long ago
        connection.execute("UPDATE advisory_sources SET last_success_at = '2020-01-01 00:00:00.000000'")
    monkeypatch.setenv("ADVISORY_MAX_AGE", "48h")
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "advisory data stale since 2020-01-01 00:00 UTC (PyPI)" in out and "[PASS]" not in out
