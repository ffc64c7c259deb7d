"""Both checks against their YAML fixture cases (tests/fixtures/<check-id>/<scenario>.yml)."""

from __future__ import annotations

from typing import Any

import pytest

import checks
from checks.model import CheckContext, Status
from tests.policy.snapshots import load_cases, snapshot_from_case

CASES = [(cid, name, case) for cid in ("security-policy", "security-badge") for name, case in load_cases(cid)]


def test_fixture_folders_are_not_empty() -> None:
    assert {cid for cid, _, _ in CASES} == {"security-policy", "security-badge"}
    assert len(CASES) >= 25


@pytest.mark.parametrize(("check_id", "name", "case"), CASES, ids=[f"{c}/{n}" for c, n, _ in CASES])
def test_case(check_id: str, name: str, case: dict[str, Any]) -> None:
    expect = case["expect"]
    result = checks.run_check(check_id, snapshot_from_case(case), CheckContext())
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


def test_configured_pvr_state_overrides_the_unknown_repo_fact() -> None:
    from checks.config import parse_config
    from tests.policy.snapshots import make_snapshot

    text = (
        "Supported versions: latest. Use https://github.com/acme/widget/security/advisories/new privately.\n"
    )
    snap = make_snapshot({"SECURITY.md": text}, private_vulnerability_reporting=None)
    assert checks.run_check("security-policy", snap, CheckContext()).status is Status.PASS
    config, _ = parse_config(b"security_policy: {private_vulnerability_reporting: false}\n")
    result = checks.run_check("security-policy", snap, CheckContext(config=config))
    assert result.status is Status.FAIL and result.data["blocking"] == ["pvr-disabled"]
