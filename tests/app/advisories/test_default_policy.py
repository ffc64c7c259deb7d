"""The default policy on real advisories: a new user's project pinning Django, requests and PyYAML (and
lodash in a lockfile), with the PyPI and Node.js WG advisories of ../shared imported, fails
`repo-hygiene check`; the upgrade plans in its result are the hand-computed minimal fixing versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import shared_path

pytestmark = pytest.mark.shared

REQUIREMENTS = "django==3.2.0\nrequests==2.19.0\npyyaml==5.3\n"
PACKAGE_LOCK = {
    "name": "web",
    "lockfileVersion": 3,
    "packages": {"": {"name": "web"}, "node_modules/lodash": {"version": "4.17.15"}},
}


@pytest.fixture
def database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The real PyPA records of the three packages and the whole WG npm database, imported."""
    pypa = ("advisories", "pypa", "vulns")
    folders = [shared_path(*pypa, name) for name in ("django", "requests", "pyyaml")]
    folders.append(shared_path("advisories", "nodejs-security-wg", "vuln", "npm"))
    db = tmp_path / "advisories.db"
    assert main(["advisories", "--database", str(db), "import", *map(str, folders)]) == 0
    capsys.readouterr()
    return db


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "requirements.txt").write_text(REQUIREMENTS)
    return root


def _check(project: Path, database: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    only = ["--database", str(database), "--check", "dependency-advisories"]
    code = main(["check", str(project), *only, *args])
    return code, capsys.readouterr().out


def test_the_three_pinned_pypi_packages_fail_by_default(
    project: Path, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(project, database, capsys=capsys)
    assert code == 1
    assert out.splitlines()[1] == (
        "[FAIL]  dependency-advisories: 29 advisories (29 unknown severity) fail at fail_on=low "
        "in 3 dependencies in 1 file"
    )
    report = json.loads(_check(project, database, "--format", "json", capsys=capsys)[1])
    findings = report["findings"]
    # PYSEC snapshot 2024-10: 25 for Django 3.2.0, PYSEC-2018-28 and -2023-74 for requests,
    # PYSEC-2020-96 and -2021-142 for PyYAML; none of these records carries a rating
    assert len(findings) == 29 and {f["package"] for f in findings} == {"django", "requests", "pyyaml"}
    assert {(f["severity"], f["severity_source"], f["status"]) for f in findings} == {
        ("unknown", "none", "fail")
    }
    assert report["checks"][0]["status"] == "fail" and report["fail_on"] == "low"


def test_only_ignoring_unknown_severity_lets_them_pass(
    project: Path, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The data rates none of the 29: any threshold fails them while unknown severity fails ...
    for fail_on in ("critical", "high", "moderate", "low"):
        assert _check(project, database, "--fail-on", fail_on, capsys=capsys)[0] == 1
    # ... and nothing is rated, so ignoring unknown severity passes at any threshold.
    (project / ".github").mkdir()
    (project / ".github" / "repo-hygiene.yml").write_text(
        "dependencies:\n  fail_on: critical\n  unknown_severity: ignore\n"
    )
    code, out = _check(project, database, capsys=capsys)
    assert code == 0
    assert "[PASS]  dependency-advisories: 29 advisories, none failing " in out
    assert "(fail_on=critical, unknown_severity=ignore)" in out
    assert _check(project, database, "--fail-on", "low", capsys=capsys)[0] == 0
    assert _check(project, database, "--unknown-severity", "fail", capsys=capsys)[0] == 1


def test_minimal_fixing_versions_on_real_advisories(
    project: Path, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plans the check stores, against answers computed by hand from the advisories' ranges
    (the spec's event walk with PEP 440 / SemVer ordering; GIT ranges skipped):

    - django 3.2.0: 25 PYSEC records affect it, each through one window that its ECOSYSTEM range closes
      with a `fixed` event inside 3.2 (3.2.1, 3.2.2, 3.2.4, 3.2.5, 3.2.10 ... 3.2.25); no window opens
      again after its fix within 3.2, so the smallest version fixing all is the largest fix: 3.2.25.
    - requests 2.19.0: PYSEC-2018-28 [0, 2.20.0) and PYSEC-2023-74 [2.3.0, 2.31.0); 2.20.0 is still in
      the second window, 2.31.0 is outside both: 2.31.0.
    - pyyaml 5.3: PYSEC-2020-96 [5.1, 5.3.1) and PYSEC-2021-142 [0, 5.4); 5.3.1 is still below 5.4,
      5.4 is outside both: 5.4.
    - lodash 4.17.15: of the three WG entries (368 `<4.17.5`, 493 `<4.17.11`, 516 `>=4.17.15 <4.17.19`)
      only 516 applies; its patch, 4.17.19, is outside the other two: 4.17.19.
    """
    (project / "package-lock.json").write_text(json.dumps(PACKAGE_LOCK))
    report = json.loads(_check(project, database, "--format", "json", capsys=capsys)[1])
    plans = {p["package"]: p for p in report["upgrades"]}
    assert {name: (p["target"], len(p["advisories"])) for name, p in plans.items()} == {
        "django": ("3.2.25", 25),
        "requests": ("2.31.0", 2),
        "pyyaml": ("5.4", 2),
        "lodash": ("4.17.19", 1),
    }
    assert plans["django"]["message"] == "upgrade django 3.2.0 -> 3.2.25: fixes 25 advisories"
    assert plans["lodash"]["message"] == "upgrade lodash 4.17.15 -> 4.17.19: fixes 1 advisory"
    # the plans are the check's own: the stored result carries them, and every finding its plan
    (check,) = report["checks"]
    assert check["details"]["data"]["upgrades"] == report["upgrades"]
    assert all(f["upgrade"] == plans[f["package"]]["message"] for f in report["findings"])
    assert {f["upgrade_to"] for f in report["findings"] if f["package"] == "django"} == {"3.2.25"}
    text = _check(project, database, capsys=capsys)[1]
    assert "  upgrade pyyaml 5.3 -> 5.4: fixes 2 advisories" in text.splitlines()
