from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.checkruns.output import MAX_OUTPUT_CHARS, FileReport, RunFacts
from app.checkruns.render import render, render_title
from checks.advisories.diff import Conclusion, DiffResult, diff_results
from checks.config import DependencyConfig, IgnoreRule
from tests.app.checkruns.factories import check_result, diff_findings, finding
from tests.app.checkruns.test_escape import split_cells

TODAY = date(2026, 11, 24)
FACTS = RunFacts(head_sha="a" * 40, base_sha="b" * 40, files=(FileReport("package-lock.json", "npm", 3),))


def table_rows(summary: str) -> list[str]:
    lines = summary.splitlines()
    return [line for line in lines if line.startswith("| ") and not line.startswith("| Package")]


def test_failure_output_has_counts_table_and_annotation() -> None:
    head = [finding(), finding("minimist", "1.2.0", "GHSA-vh95", aliases=(), severity="moderate", line=40)]
    base = [finding("minimist", "1.2.0", "GHSA-vh95", aliases=())]
    out = render(diff_findings(head, base, DependencyConfig(), TODAY), FACTS)
    assert out.conclusion is Conclusion.FAILURE
    assert out.title == "1 introduced (1 high); 1 still present (1 moderate)"
    assert "### Introduced by this change (1)" in out.summary
    assert "### Still present (already on the base) (1)" in out.summary
    rows = table_rows(out.summary)
    assert len(rows) == 2
    lodash = split_cells(rows[0])
    assert [c.strip() for c in lodash] == [
        "lodash",
        "4\\.17\\.15",
        "[GHSA\\-p6mc\\-m468\\-83gw](https://github.com/advisories/GHSA-p6mc-m468-83gw) "
        "Prototype Pollution in lodash",
        "high",
        "4\\.17\\.19",
        "introduced",
        "direct",
        "package\\-lock\\.json\\:12",
    ]
    assert out.annotations == (
        {
            "path": "package-lock.json",
            "start_line": 12,
            "end_line": 12,
            "annotation_level": "failure",
            "title": "GHSA-p6mc-m468-83gw (high): lodash 4.17.15",
            "message": "lodash 4.17.15 is affected by GHSA-p6mc-m468-83gw: Prototype Pollution in lodash. "
            "Fixed in 4.17.19.",
        },
    )


def test_annotation_levels_by_severity() -> None:
    head = [finding(str(s), severity=s) for s in ("critical", "high", "moderate", "low", "unknown")]
    out = render(diff_findings(head, [], DependencyConfig(), TODAY), FACTS)
    levels = {a["title"].split(": ")[1].split()[0]: a["annotation_level"] for a in out.annotations}
    assert levels == {
        "critical": "failure",
        "high": "failure",
        "moderate": "warning",
        "low": "notice",
        "unknown": "notice",
    }


def test_missing_line_annotates_line_one() -> None:
    out = render(diff_findings([finding(line=None)], [], DependencyConfig(), TODAY), FACTS)
    assert out.annotations[0]["start_line"] == 1


def test_pre_existing_only_is_neutral_and_says_so() -> None:
    out = render(diff_findings([finding()], [finding()], DependencyConfig(), TODAY), FACTS)
    assert out.conclusion is Conclusion.NEUTRAL
    assert "introduces no advisories" in out.summary
    assert out.annotations == ()


def test_success_title_and_summary() -> None:
    out = render(diff_findings([], [], DependencyConfig(), TODAY), FACTS)
    assert out.title == "No known advisories"
    assert "Read 3 dependencies in 1 file at" in out.summary


def test_hostile_summary_renders_as_text() -> None:
    hostile = "<img src=x onerror=alert(1)> `rm -rf` | broken | table\n| --- |"
    head = [finding(summary=hostile, package="evil|pkg`")]
    out = render(diff_findings(head, [], DependencyConfig(), TODAY), FACTS)
    assert "<img" not in out.summary and "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;" in out.summary
    (row,) = table_rows(out.summary)
    assert len(split_cells(row)) == 8
    assert "\\`rm \\-rf\\`" in row
    assert "\n" not in out.annotations[0]["message"]


def test_five_thousand_findings_stay_under_limits() -> None:
    head = [
        finding(f"pkg-{i}", f"1.0.{i}", f"GHSA-{i:04d}", aliases=(f"CVE-{i}",), summary="x" * 300, line=i + 1)
        for i in range(5000)
    ]
    out = render(diff_findings(head, [], DependencyConfig(), TODAY), FACTS)
    assert len(out.summary) <= MAX_OUTPUT_CHARS
    assert len(out.text) <= MAX_OUTPUT_CHARS
    shown = len(table_rows(out.summary))
    assert 0 < shown < 5000
    assert f"… and {5000 - shown} more findings not shown in this table" in out.summary
    assert "more findings**" in out.text  # the text section is cut too, with its own count
    assert len(out.annotations) == 500 and out.annotations_omitted == 4500
    assert "4500 more findings have none" in out.summary
    batches = list(out.annotation_batches())
    assert len(batches) == 10 and all(len(b) == 50 for b in batches)


def test_text_section_lists_the_rest_when_it_fits() -> None:
    head = [finding(f"p{i}", summary="s" * 150) for i in range(400)]
    out = render(diff_findings(head, [], DependencyConfig(), TODAY), FACTS)
    shown = len(table_rows(out.summary))
    if shown < 400:
        listed = [line for line in out.text.splitlines() if line.startswith("- p")]
        assert len(listed) == 400 - shown


def test_ignored_and_expired_rules_are_explained() -> None:
    rules = (
        IgnoreRule("GHSA-p6mc-m468-83gw", date(2027, 1, 1), "not <b>reachable</b>"),
        IgnoreRule("GHSA-old", date(2025, 1, 1), "was fine"),
    )
    head = [finding(), finding("x", advisory_id="GHSA-old", aliases=())]
    result = diff_findings(head, [], DependencyConfig(ignore=rules), TODAY)
    out = render(result, FACTS)
    assert "### Ignored by configuration (1)" in out.summary
    assert "not &lt;b&gt;reachable&lt;/b&gt;" in out.summary
    assert "GHSA\\-old expired on 2025-01-01 and no longer applies" in out.summary
    assert render_title(result) == "1 introduced (1 high); 1 ignored"


def test_unreadable_files_are_listed() -> None:
    facts = RunFacts(head_sha="a" * 40, files=(FileReport("yarn.lock", "yarn", 0, "could not parse <x>"),))
    head = check_result([], DependencyConfig(), TODAY)
    head = replace(head, data={**head.data, "unreadable": {"yarn.lock": "could not parse <x>"}})
    out = render(diff_results(head, None, DependencyConfig(unreadable="neutral")), facts)
    assert "Could not read yarn\\.lock: could not parse &lt;x&gt;" in out.summary
    assert "no base to compare against" in out.summary
    assert out.conclusion is Conclusion.NEUTRAL
    assert "1 dependency file could not be read (`dependencies.unreadable: neutral`)" in out.summary


def test_an_unreadable_file_the_change_touched_fails_and_says_why() -> None:
    head = check_result([], DependencyConfig(), TODAY)
    error = "could not read app/package-lock.json: JSON nested too deeply"
    head = replace(head, data={**head.data, "unreadable": {"app/package-lock.json": error}})
    result = diff_results(head, head, DependencyConfig(), changed={"app/package-lock.json"})
    out = render(result, FACTS)
    assert out.conclusion is Conclusion.FAILURE
    assert out.title == "Could not read app/package-lock.json"
    assert out.summary.startswith(
        "**Failing:** could not read app/package\\-lock\\.json: JSON nested too deeply."
    )


def test_every_closing_line_still_fits_under_the_limit() -> None:
    head = [
        finding(f"pkg-{i}", "1.0.0", f"GHSA-{i}", aliases=(), summary="y" * 300, line=i + 1)
        for i in range(3000)
    ]
    rules = tuple(IgnoreRule(f"GHSA-{i}", date(2027, 1, 1), "r" * 150) for i in range(2500, 3000))
    expired = tuple(IgnoreRule(f"GHSA-{i}", date(2020, 1, 1), "old") for i in range(2000, 2200))
    facts = RunFacts(
        "a" * 40, "b" * 40, tuple(FileReport(f"f{i}/yarn.lock", "yarn", 0, "e" * 400) for i in range(30))
    )
    out = render(
        diff_findings(head, [], DependencyConfig(ignore=rules + expired), TODAY), facts, max_annotations=100
    )
    assert len(out.summary) <= MAX_OUTPUT_CHARS and len(out.text) <= MAX_OUTPUT_CHARS
    assert out.summary.rstrip().endswith("more findings have none.")
    assert "more findings not shown in this table" in out.summary


def _with_upgrades(plans: object, upgrade: object = None) -> DiffResult:
    head = check_result([finding()], DependencyConfig(), TODAY)
    findings = head.findings
    if upgrade is not None:
        findings = tuple(replace(f, data={**f.data, "upgrade": upgrade}) for f in findings)
    return diff_results(
        replace(head, data={**head.data, "upgrades": plans}, findings=findings), None, DependencyConfig()
    )


PLAN = {
    "ecosystem": "npm",
    "package": "lodash",
    "version": "4.17.15",
    "advisories": ["GHSA-35jh-r3h4-6jhm", "GHSA-p6mc-m468-83gw"],
    "line": "4.x",
    "target": "4.17.21",
    "other_line": None,
    "unfixed": [],
    "partial": None,
    "last_affected": {},
    "message": "upgrade lodash 4.17.15 -> 4.17.21: fixes 2 advisories",
}


def test_upgrade_plans_make_a_how_to_fix_section_and_reach_the_annotation() -> None:
    out = render(_with_upgrades([PLAN], PLAN["message"]), FACTS)
    assert (
        "### How to fix (1)\n\n- upgrade lodash 4\\.17\\.15 \\-&gt; 4\\.17\\.21\\: fixes 2 advisories\n"
        in out.summary
    )
    assert out.annotations[0]["message"] == (
        "lodash 4.17.15 is affected by GHSA-p6mc-m468-83gw: Prototype Pollution in lodash. Fixed in 4.17.19. "
        "To fix: upgrade lodash 4.17.15 -> 4.17.21: fixes 2 advisories."
    )


def test_upgrade_messages_are_escaped_in_the_summary_and_plain_in_annotations() -> None:
    hostile = {**PLAN, "message": "upgrade <img src=x> | `x`\u202e\nnext"}
    out = render(_with_upgrades([hostile], hostile["message"]), FACTS)
    assert "<img" not in out.summary and "&lt;img src\\=x&gt; \\| \\`x\\`" in out.summary
    message = out.annotations[0]["message"]
    assert "\u202e" not in message and "\n" not in message


def test_absent_or_malformed_upgrade_data_shows_nothing() -> None:
    for plans in (None, "junk", [{"package": "lodash"}], [3]):
        out = render(_with_upgrades(plans, 7), FACTS)
        assert "How to fix" not in out.summary
        assert "To fix" not in out.annotations[0]["message"]


def test_fixed_advisories_are_credited_by_name() -> None:
    base = [finding(), finding("minimist", "1.2.0", "GHSA-vh95-rmgr-6w4m", aliases=("CVE-2020-7598",))]
    result = diff_findings([], base, DependencyConfig(), TODAY)
    out = render(result, FACTS)
    assert out.conclusion is Conclusion.SUCCESS and out.title == "No known advisories; 2 fixed"
    assert "### Fixed by this change (2)" in out.summary
    assert "- fixes CVE\\-2020\\-8203 (GHSA\\-p6mc\\-m468\\-83gw) in lodash 4\\.17\\.15 (high)" in out.summary
    assert "- fixes CVE\\-2020\\-7598" in out.summary


def test_mode_all_annotates_still_present_findings_that_block() -> None:
    result = diff_findings([finding()], [finding()], DependencyConfig(mode="all"), TODAY)
    out = render(result, FACTS)
    assert out.conclusion is Conclusion.FAILURE and len(out.annotations) == 1
    assert "(the run fails on any finding at or above low or of unknown severity)" in out.summary


def test_an_unreadable_path_in_the_title_is_plain_text() -> None:
    head = check_result([], DependencyConfig(), TODAY)
    path = "a\u202e\x1b[31m/package-lock.json"
    head = replace(head, data={**head.data, "unreadable": {path: "invalid JSON"}})
    title = render(diff_results(head, None, DependencyConfig()), FACTS).title
    assert title.startswith("Could not read a") and "\u202e" not in title and "\x1b" not in title


def test_the_verdict_says_which_findings_fail_for_want_of_a_severity() -> None:
    unrated = finding("minimist", "1.2.0", "PYSEC-2099-1", severity="unknown")
    out = render(diff_findings([finding(), unrated], [], DependencyConfig(), TODAY), FACTS)
    assert out.conclusion is Conclusion.FAILURE
    assert out.summary.startswith(
        "**Failing:** 1 finding at or above **low** and 1 of unknown severity, which nobody has rated "
        "(`unknown_severity: fail`)"
    )
    only_unrated = render(diff_findings([unrated], [], DependencyConfig(fail_on="critical"), TODAY), FACTS)
    assert only_unrated.summary.startswith("**Failing:** 1 finding of unknown severity")
    assert "at or above **critical**" not in only_unrated.summary
    ignored = DependencyConfig(unknown_severity="ignore")
    assert (
        "of unknown severity"
        not in render(diff_findings([finding(), unrated], [], ignored, TODAY), FACTS).summary
    )
