"""Every registered check against its YAML fixture cases (tests/fixtures/<check-id>/<scenario>.yml).

The cases are collected for every id in `checks.REGISTRY`, and a check without cases fails
`test_every_check_has_fixture_cases`, so a new check cannot go untested by accident.

`expect.fix` describes the one fix the findings propose (`path`, `create`, `contains`, `requires`,
`opt_in`), or `{unavailable: <text in the reason>}`; without it, no finding may propose a fix.
A case may give `config` (the text of `.github/repo-hygiene.yml`).
"""

from __future__ import annotations

from typing import Any

import pytest

import checks
from checks.config import parse_config
from checks.model import CheckResult, Fix, FixUnavailable, Status
from tests.checks.snapshots import FIXTURES, context, load_cases, snapshot_from_case

CASES = [(cid, name, case) for cid in checks.REGISTRY for name, case in load_cases(cid)]


def test_every_check_has_fixture_cases() -> None:
    assert {cid for cid, _, _ in CASES} == set(checks.REGISTRY)
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in ("lockfiles", "corpus")}
    assert folders == set(checks.REGISTRY), "a fixture folder without a check"
    assert len(CASES) >= 25


def _assert_fix(result: CheckResult, expect: dict[str, Any] | None) -> None:
    fixes = [f.fix for f in result.findings if f.fix is not None]
    if expect is None:
        assert fixes == []
        return
    [fix] = fixes
    if "unavailable" in expect:
        assert isinstance(fix, FixUnavailable) and expect["unavailable"] in fix.reason, fix
        return
    assert isinstance(fix, Fix), fix
    assert (fix.path, fix.create) == (expect["path"], expect["create"])
    assert list(fix.requires) == expect.get("requires", []) and fix.opt_in == expect.get("opt_in", False)
    assert fix.title and fix.description
    for text in expect.get("contains", []):
        assert text in fix.content, (text, fix.content)
    if "content" in expect:
        assert fix.content == expect["content"]


@pytest.mark.parametrize(("check_id", "name", "case"), CASES, ids=[f"{c}/{n}" for c, n, _ in CASES])
def test_case(check_id: str, name: str, case: dict[str, Any]) -> None:
    expect = case["expect"]
    config = None
    if "config" in case:
        config, errors = parse_config(case["config"])
        assert errors == []
    result = checks.run_check(check_id, snapshot_from_case(case), context(config))
    assert result.status == Status(expect["status"]), result.summary
    problems = [f for f in result.findings if f.status is not Status.PASS]
    assert sorted(f.code for f in problems) == sorted(expect["codes"]), [f.message for f in problems]
    for finding in result.findings:
        assert finding.check_id == check_id and finding.code and finding.message
        if finding.status is Status.FAIL:
            assert finding.remediation, finding.code
    for key, value in expect.get("data", {}).items():
        assert result.data[key] == value, key
    if "blocking" in expect:
        assert result.data["blocking"] == expect["blocking"]
    for code, lines in expect.get("lines", {}).items():
        assert sorted(f.location.line for f in problems if f.code == code and f.location) == lines
    if "message_contains" in expect:
        assert any(expect["message_contains"] in f.message for f in problems)
    if "badges" in expect:
        got = [[b["kind"], b["line"], b["target"]] for b in result.data["badges"]]
        assert got == expect["badges"]
    _assert_fix(result, expect.get("fix"))


def test_configured_pvr_state_overrides_the_unknown_repo_fact() -> None:
    from tests.checks.snapshots import make_snapshot

    text = (
        "Supported versions: latest. Use https://github.com/acme/widget/security/advisories/new privately.\n"
    )
    snap = make_snapshot({"SECURITY.md": text}, private_vulnerability_reporting=None)
    assert checks.run_check("security-policy", snap, context()).status is Status.PASS
    config, _ = parse_config(b"security_policy: {private_vulnerability_reporting: false}\n")
    result = checks.run_check("security-policy", snap, context(config))
    assert result.status is Status.FAIL and result.data["blocking"] == ["pvr-disabled"]
