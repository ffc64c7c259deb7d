from __future__ import annotations

from datetime import date

import pytest

from app.checkruns.diff import Conclusion, DiffPolicy, IgnoreRule, diff_findings, policy_from_config
from tests.checkrun.factories import finding

TODAY = date(2026, 11, 24)


def test_no_findings_is_success() -> None:
    result = diff_findings([], [], DiffPolicy(), TODAY)
    assert result.conclusion is Conclusion.SUCCESS
    assert result.findings == ()


def test_new_high_finding_fails() -> None:
    result = diff_findings([finding()], [], DiffPolicy(), TODAY)
    assert result.conclusion is Conclusion.FAILURE
    assert [t.introduced for t in result.findings] == [True]
    assert len(result.blocking) == 1


def test_same_finding_on_base_is_pre_existing_and_neutral() -> None:
    base = [finding(file="other/package-lock.json", line=3)]
    result = diff_findings([finding()], base, DiffPolicy(), TODAY)
    assert result.conclusion is Conclusion.NEUTRAL
    assert result.pre_existing and not result.introduced


def test_alias_on_base_matches_primary_id_at_head() -> None:
    base = finding(advisory_id="CVE-2020-8203", aliases=())
    result = diff_findings([finding()], [base], DiffPolicy(), TODAY)
    assert not result.introduced


def test_version_change_to_still_vulnerable_version_is_introduced() -> None:
    result = diff_findings([finding(version="4.17.16")], [finding(version="4.17.15")], DiffPolicy(), TODAY)
    assert result.conclusion is Conclusion.FAILURE
    assert result.findings[0].introduced


def test_same_package_other_ecosystem_is_introduced() -> None:
    result = diff_findings([finding(ecosystem="PyPI")], [finding()], DiffPolicy(), TODAY)
    assert result.findings[0].introduced


def test_introduced_below_threshold_is_neutral() -> None:
    result = diff_findings([finding(severity="moderate")], [], DiffPolicy(fail_on="high"), TODAY)
    assert result.conclusion is Conclusion.NEUTRAL
    assert result.introduced and not result.blocking


@pytest.mark.parametrize(
    ("severity", "fail_on", "fails"),
    [
        ("critical", "critical", True),
        ("high", "critical", False),
        ("moderate", "moderate", True),
        ("low", "moderate", False),
        ("low", "low", True),
        ("unknown", "low", False),
        ("unknown", "moderate", False),
    ],
)
def test_threshold(severity: str, fail_on: str, fails: bool) -> None:
    result = diff_findings([finding(severity=severity)], [], DiffPolicy(fail_on=fail_on), TODAY)
    assert (result.conclusion is Conclusion.FAILURE) is fails


def test_mode_all_fails_on_pre_existing() -> None:
    result = diff_findings([finding()], [finding()], DiffPolicy(mode="all"), TODAY)
    assert result.conclusion is Conclusion.FAILURE
    assert result.findings[0].introduced is False


def test_no_base_means_everything_introduced() -> None:
    result = diff_findings([finding()], None, DiffPolicy(), TODAY)
    assert result.findings[0].introduced and not result.base_known


def test_active_ignore_removes_finding() -> None:
    rule = IgnoreRule("cve-2020-8203", date(2026, 12, 31), "not reachable")
    result = diff_findings([finding()], [], DiffPolicy(ignore=(rule,)), TODAY)
    assert result.conclusion is Conclusion.SUCCESS
    assert result.ignored[0].rule is rule
    assert result.expired_ignores == ()


def test_ignore_valid_through_its_last_day() -> None:
    rule = IgnoreRule("GHSA-p6mc-m468-83gw", TODAY, "")
    assert diff_findings([finding()], [], DiffPolicy(ignore=(rule,)), TODAY).conclusion is Conclusion.SUCCESS


def test_expired_ignore_no_longer_applies_and_is_reported() -> None:
    rule = IgnoreRule("GHSA-p6mc-m468-83gw", date(2026, 11, 23), "old")
    result = diff_findings([finding()], [], DiffPolicy(ignore=(rule,)), TODAY)
    assert result.conclusion is Conclusion.FAILURE
    assert result.expired_ignores == (rule,)


def test_order_is_introduced_first_then_severity() -> None:
    head = [finding("a", severity="low"), finding("b", severity="critical"), finding("c"), finding("d")]
    base = [finding("d")]
    result = diff_findings(head, base, DiffPolicy(), TODAY)
    assert [t.finding.package for t in result.findings] == ["b", "c", "a", "d"]


def test_bad_policy_values_are_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="fail_on"):
        DiffPolicy(fail_on="severe")
    with pytest.raises(ValueError, match="mode"):
        DiffPolicy(mode="some")


def test_policy_from_config_mapping_and_object() -> None:
    policy = policy_from_config(
        {
            "fail_on": "Moderate",
            "mode": "all",
            "ignore": [{"id": "X-1", "until": "2027-01-01", "reason": "r"}],
        }
    )
    assert policy == DiffPolicy("moderate", "all", (IgnoreRule("X-1", date(2027, 1, 1), "r"),))

    class Deps:
        fail_on = "critical"
        mode = "new"
        ignore = ()

    assert policy_from_config(Deps()) == DiffPolicy("critical", "new", ())
    assert policy_from_config(None) == DiffPolicy()
