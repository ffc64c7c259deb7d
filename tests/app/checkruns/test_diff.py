"""The diff of two `dependency-advisories` results (checks.advisories.diff), each from the real check."""

from __future__ import annotations

from datetime import date

import pytest

from checks.advisories.diff import Conclusion, diff_results
from checks.config import DependencyConfig, IgnoreRule, parse_config
from checks.model import Status
from tests.app.checkruns.factories import check_result, diff_findings, finding

TODAY = date(2026, 11, 24)


def test_no_findings_is_success() -> None:
    result = diff_findings([], [], DependencyConfig(), TODAY)
    assert result.conclusion is Conclusion.SUCCESS
    assert result.findings == ()


def test_new_high_finding_fails() -> None:
    result = diff_findings([finding()], [], DependencyConfig(), TODAY)
    assert result.conclusion is Conclusion.FAILURE
    assert [t.introduced for t in result.findings] == [True]
    assert len(result.blocking) == 1


def test_same_finding_on_base_is_pre_existing_and_neutral() -> None:
    base = [finding(file="other/package-lock.json", line=3)]
    result = diff_findings([finding()], base, DependencyConfig(), TODAY)
    assert result.conclusion is Conclusion.NEUTRAL
    assert result.pre_existing and not result.introduced


def test_alias_on_base_matches_primary_id_at_head() -> None:
    base = finding(advisory_id="CVE-2020-8203", aliases=())
    result = diff_findings([finding()], [base], DependencyConfig(), TODAY)
    assert not result.introduced


def test_version_change_to_still_vulnerable_version_is_introduced() -> None:
    result = diff_findings(
        [finding(version="4.17.16")], [finding(version="4.17.15")], DependencyConfig(), TODAY
    )
    assert result.conclusion is Conclusion.FAILURE
    assert result.findings[0].introduced


def test_same_package_other_ecosystem_is_introduced() -> None:
    result = diff_findings([finding(ecosystem="PyPI")], [finding()], DependencyConfig(), TODAY)
    assert result.findings[0].introduced


def test_introduced_below_threshold_is_neutral() -> None:
    result = diff_findings([finding(severity="moderate")], [], DependencyConfig(fail_on="high"), TODAY)
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
        # unknown severity fails whatever the threshold (unknown_severity: fail, the default)
        ("unknown", "low", True),
        ("unknown", "critical", True),
    ],
)
def test_threshold(severity: str, fail_on: str, fails: bool) -> None:
    result = diff_findings([finding(severity=severity)], [], DependencyConfig(fail_on=fail_on), TODAY)
    assert (result.conclusion is Conclusion.FAILURE) is fails


@pytest.mark.parametrize("fail_on", ["low", "moderate", "critical"])
def test_unknown_severity_ignore_never_fails_an_unrated_finding(fail_on: str) -> None:
    policy = DependencyConfig(fail_on=fail_on, unknown_severity="ignore")
    result = diff_findings([finding(severity="unknown")], [], policy, TODAY)
    assert result.conclusion is Conclusion.NEUTRAL and not result.blocking


def test_mode_all_fails_on_pre_existing() -> None:
    result = diff_findings([finding()], [finding()], DependencyConfig(mode="all"), TODAY)
    assert result.conclusion is Conclusion.FAILURE
    assert result.findings[0].introduced is False


def test_no_base_means_everything_introduced() -> None:
    result = diff_findings([finding()], None, DependencyConfig(), TODAY)
    assert result.findings[0].introduced and not result.base_known


def test_active_ignore_removes_finding() -> None:
    rule = IgnoreRule("cve-2020-8203", date(2026, 12, 31), "not reachable")
    result = diff_findings([finding()], [], DependencyConfig(ignore=(rule,)), TODAY)
    assert result.conclusion is Conclusion.SUCCESS
    assert result.ignored[0].rule == rule
    assert result.expired_ignores == ()


def test_ignore_valid_through_its_last_day() -> None:
    rule = IgnoreRule("GHSA-p6mc-m468-83gw", TODAY, "")
    assert (
        diff_findings([finding()], [], DependencyConfig(ignore=(rule,)), TODAY).conclusion
        is Conclusion.SUCCESS
    )


def test_expired_ignore_no_longer_applies_and_is_reported() -> None:
    rule = IgnoreRule("GHSA-p6mc-m468-83gw", date(2026, 11, 23), "old")
    result = diff_findings([finding()], [], DependencyConfig(ignore=(rule,)), TODAY)
    assert result.conclusion is Conclusion.FAILURE
    assert result.expired_ignores == (rule,)


def test_order_is_introduced_first_then_severity() -> None:
    head = [finding("a", severity="low"), finding("b", severity="critical"), finding("c"), finding("d")]
    base = [finding("d")]
    result = diff_findings(head, base, DependencyConfig(), TODAY)
    assert [t.finding.package for t in result.findings] == ["b", "c", "a", "d"]


def test_policy_parsed_from_the_configuration_file() -> None:
    config, errors = parse_config(
        "dependencies:\n  fail_on: moderate\n  mode: all\n"
        "  ignore:\n    - {id: X-1, until: 2027-01-01, reason: r}\n"
    )
    assert errors == []
    policy = config.dependencies
    assert (policy.fail_on, policy.mode, policy.ignore) == (
        "moderate",
        "all",
        (IgnoreRule("X-1", date(2027, 1, 1), "r"),),
    )
    result = diff_findings([finding(severity="moderate")], [finding(severity="moderate")], policy, TODAY)
    assert result.conclusion is Conclusion.FAILURE and not result.introduced  # mode all: pre-existing fails


def test_bad_policy_values_keep_the_defaults_and_are_reported() -> None:
    config, errors = parse_config("dependencies: {fail_on: severe, mode: some}\n")
    assert (config.dependencies.fail_on, config.dependencies.mode) == ("low", "new")
    assert any("fail_on" in e for e in errors) and any("mode" in e for e in errors)


def test_an_ignored_finding_on_the_base_still_makes_the_head_one_pre_existing() -> None:
    rule = IgnoreRule("GHSA-p6mc-m468-83gw", date(2026, 12, 31), "accepted on main")
    base = check_result([finding()], DependencyConfig(ignore=(rule,)), TODAY)
    head = check_result([finding()], DependencyConfig(), TODAY)
    result = diff_results(head, base, DependencyConfig())
    assert result.pre_existing and not result.introduced
    assert result.conclusion is Conclusion.NEUTRAL


def test_the_diff_reads_the_check_result_and_keeps_its_verdicts() -> None:
    policy = DependencyConfig(unknown_severity="ignore")
    head = check_result([finding(severity="unknown"), finding("a", severity="critical")], policy, TODAY)
    assert head.status is Status.FAIL  # the check's own verdict: critical reaches low, unknown ignored
    result = diff_results(head, None, policy)
    assert [(t.finding.package, t.blocking) for t in result.findings] == [("a", True), ("lodash", False)]
    assert result.findings[0].finding == finding("a", severity="critical")
