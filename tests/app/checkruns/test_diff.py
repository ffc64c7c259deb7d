"""The diff of two `dependency-advisories` results (checks.advisories.diff), each from the real check."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from checks.advisories.diff import (
    Conclusion,
    UnreadableFile,
    UpgradeAdvice,
    diff_results,
    readable_name,
)
from checks.config import DependencyConfig, IgnoreRule, parse_config
from checks.model import CheckResult, Status
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
    assert result.still_present and not result.introduced


def test_alias_on_base_matches_primary_id_at_head() -> None:
    base = finding(advisory_id="CVE-2020-8203", aliases=())
    result = diff_findings([finding()], [base], DependencyConfig(), TODAY)
    assert not result.introduced


def test_an_upgrade_that_keeps_an_advisory_leaves_it_still_present() -> None:
    # keyed by (package, advisory), not by version: a bump to another affected version introduces nothing
    result = diff_findings(
        [finding(version="4.17.16")], [finding(version="4.17.15")], DependencyConfig(), TODAY
    )
    assert result.conclusion is Conclusion.NEUTRAL
    assert result.still_present and not result.introduced and result.fixed == ()


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
        ("unknown", "low", False),
        ("unknown", "moderate", False),
    ],
)
def test_threshold(severity: str, fail_on: str, fails: bool) -> None:
    result = diff_findings([finding(severity=severity)], [], DependencyConfig(fail_on=fail_on), TODAY)
    assert (result.conclusion is Conclusion.FAILURE) is fails


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
    assert (config.dependencies.fail_on, config.dependencies.mode) == ("high", "new")
    assert any("fail_on" in e for e in errors) and any("mode" in e for e in errors)


def test_an_ignored_finding_on_the_base_still_makes_the_head_one_pre_existing() -> None:
    rule = IgnoreRule("GHSA-p6mc-m468-83gw", date(2026, 12, 31), "accepted on main")
    base = check_result([finding()], DependencyConfig(ignore=(rule,)), TODAY)
    head = check_result([finding()], DependencyConfig(), TODAY)
    result = diff_results(head, base, DependencyConfig())
    assert result.still_present and not result.introduced
    assert result.conclusion is Conclusion.NEUTRAL


def test_the_diff_reads_the_check_result_and_keeps_its_verdicts() -> None:
    head = check_result(
        [finding(severity="unknown"), finding("a", severity="critical")], DependencyConfig(), TODAY
    )
    assert head.status is Status.FAIL  # the check's own verdict: critical reaches high
    result = diff_results(head, None, DependencyConfig())
    assert [(t.finding.package, t.blocking) for t in result.findings] == [("a", True), ("lodash", False)]
    assert result.findings[0].finding == finding("a", severity="critical")


def test_an_advisory_gone_at_head_is_fixed_and_named_by_its_cve() -> None:
    old = finding(advisory_id="GHSA-p6mc-m468-83gw", aliases=("CVE-2020-8203",))
    kept = finding("lodash", "4.17.15", "GHSA-35jh-r3h4-6jhm", aliases=("CVE-2021-23337",))
    head = [finding("lodash", "4.17.20", "GHSA-35jh-r3h4-6jhm", aliases=("CVE-2021-23337",))]
    result = diff_findings(head, [old, kept], DependencyConfig(fail_on="low"), TODAY)
    assert [f.name for f in result.fixed] == ["CVE-2020-8203"]
    assert [t.finding.advisory_id for t in result.still_present] == ["GHSA-35jh-r3h4-6jhm"]
    assert result.introduced == () and result.conclusion is Conclusion.NEUTRAL


def test_a_fixed_advisory_is_credited_once_across_files_and_alias_records() -> None:
    base = [
        finding(file="a/package-lock.json"),
        finding(file="b/package-lock.json", version="4.17.11"),
        finding(advisory_id="1523", aliases=("CVE-2020-8203",), file="c/package-lock.json"),
    ]
    result = diff_findings([], base, DependencyConfig(), TODAY)
    assert [f.name for f in result.fixed] == ["CVE-2020-8203"]
    assert result.conclusion is Conclusion.SUCCESS


def test_the_same_advisory_in_another_package_is_not_a_fix_of_this_one() -> None:
    result = diff_findings([finding("lodash-es")], [finding("lodash")], DependencyConfig(), TODAY)
    assert result.introduced and [f.finding.package for f in result.fixed] == ["lodash"]


def test_no_base_credits_no_fix() -> None:
    assert diff_findings([], None, DependencyConfig(), TODAY).fixed == ()


def test_pypi_names_match_as_the_index_normalises_them() -> None:
    base = [finding("PyYAML", "5.3", "GHSA-8q59-q68h-6hv4", aliases=(), ecosystem="PyPI")]
    head = [finding("pyyaml", "5.3.1", "GHSA-8q59-q68h-6hv4", aliases=(), ecosystem="PyPI")]
    result = diff_findings(head, base, DependencyConfig(), TODAY)
    assert result.still_present and result.fixed == ()


@pytest.mark.parametrize(
    ("advisory_id", "aliases", "name"),
    [
        ("GHSA-p6mc-m468-83gw", ("CVE-2020-8203",), "CVE-2020-8203"),
        ("PYSEC-2021-1", ("GHSA-aaaa-bbbb-cccc",), "GHSA-aaaa-bbbb-cccc"),
        ("RUSTSEC-2020-0001", (), "RUSTSEC-2020-0001"),
    ],
)
def test_readable_name_prefers_the_cve_then_the_ghsa_id(
    advisory_id: str, aliases: tuple[str, ...], name: str
) -> None:
    assert readable_name(finding(advisory_id=advisory_id, aliases=aliases)) == name


def _with_unreadable(errors: dict[str, str]) -> CheckResult:
    result = check_result([], DependencyConfig(), TODAY)
    return replace(result, data={**result.data, "unreadable": errors})


def test_an_unreadable_file_the_change_touched_fails_the_run() -> None:
    head = _with_unreadable({"package-lock.json": "could not read package-lock.json: JSON nested too deeply"})
    result = diff_results(
        head, check_result([], DependencyConfig(), TODAY), DependencyConfig(), changed={"package-lock.json"}
    )
    assert result.conclusion is Conclusion.FAILURE
    assert result.blocking_unreadable == (
        UnreadableFile("package-lock.json", "JSON nested too deeply", True),
    )


def test_an_unreadable_file_the_change_did_not_touch_is_neutral() -> None:
    head = _with_unreadable({"old/yarn.lock": "could not read old/yarn.lock: bad header"})
    result = diff_results(
        head, check_result([], DependencyConfig(), TODAY), DependencyConfig(), changed=set()
    )
    assert result.conclusion is Conclusion.NEUTRAL and result.blocking_unreadable == ()
    assert result.unreadable[0].changed is False


def test_unreadable_neutral_policy_keeps_a_touched_file_neutral() -> None:
    head = _with_unreadable({"package-lock.json": "invalid JSON"})
    policy = DependencyConfig(unreadable="neutral")
    result = diff_results(head, None, policy)  # no base: every file counts as changed
    assert result.unreadable[0].changed and result.conclusion is Conclusion.NEUTRAL


def test_files_the_snapshot_did_not_read_count_as_unreadable() -> None:
    head = check_result([], DependencyConfig(), TODAY)
    result = diff_results(
        head,
        head,
        DependencyConfig(),
        changed={"big/package-lock.json"},
        also_unreadable={"big/package-lock.json": "too large (9000000 bytes > 5000000)"},
    )
    assert result.conclusion is Conclusion.FAILURE
    assert result.unreadable[0].reason == "too large (9000000 bytes > 5000000)"


def test_base_findings_in_a_file_the_head_cannot_read_are_not_credited_as_fixed() -> None:
    head = _with_unreadable({"package-lock.json": "JSON nested too deeply"})
    base = check_result([finding()], DependencyConfig(), TODAY)
    result = diff_results(head, base, DependencyConfig(), changed={"package-lock.json"})
    assert result.fixed == () and result.conclusion is Conclusion.FAILURE


def test_upgrade_plans_are_read_defensively() -> None:
    head = check_result([finding()], DependencyConfig(), TODAY)
    plan = {
        "ecosystem": "npm",
        "package": "lodash",
        "version": "4.17.15",
        "message": "upgrade lodash 4.17.15 -> 4.17.21: fixes 2 advisories",
    }
    data = {**head.data, "upgrades": [plan, {"package": "x"}, "junk", {"message": 3, "package": "y"}]}
    findings = tuple(replace(f, data={**f.data, "upgrade": plan["message"]}) for f in head.findings)
    result = diff_results(replace(head, data=data, findings=findings), None, DependencyConfig())
    assert result.upgrades == (UpgradeAdvice("npm", "lodash", "4.17.15", plan["message"]),)
    assert result.findings[0].upgrade == plan["message"]
    assert (
        diff_results(check_result([finding()], DependencyConfig(), TODAY), None, DependencyConfig()).upgrades
        == ()
    )
    assert (
        diff_results(replace(head, data={**head.data, "upgrades": "no"}), None, DependencyConfig()).upgrades
        == ()
    )


def test_unreadable_is_a_configuration_key() -> None:
    assert DependencyConfig().unreadable == "fail"
    config, errors = parse_config("dependencies: {unreadable: neutral}\n")
    assert errors == [] and config.dependencies.unreadable == "neutral"
    config, errors = parse_config("dependencies: {unreadable: maybe}\n")
    assert config.dependencies.unreadable == "fail" and any("unreadable" in e for e in errors)
