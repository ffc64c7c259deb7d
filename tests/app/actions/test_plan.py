"""The pull-request plan: every branch of the decision."""

from __future__ import annotations

from typing import Any

import pytest

import checks
from app.actions.plan import (
    MARKER_PREFIX,
    ClosePR,
    NoAction,
    OpenOrUpdatePR,
    PlannedFix,
    StoredPR,
    fixes_marker,
    parse_fixes_marker,
    plan_security_pr,
)
from checks.config import DEFAULT_CONFIG, RepoConfig, parse_config
from checks.model import CheckResult, Finding, Fix, FixUnavailable, Snapshot, Status
from tests.checks.snapshots import context, make_snapshot

POLICY = (
    "Supported versions: latest. Report privately to sec@acme.dev; we acknowledge within 2 days and "
    "disclose within 90 days.\n"
)
README = "# Widget\n\nText.\n"
OPEN = StoredPR("open", 7, (("security-policy", "SECURITY.md"),))


def _plan(snapshot: Snapshot, config: RepoConfig = DEFAULT_CONFIG, stored: StoredPR | None = None) -> Any:
    results = checks.run_all(snapshot, context(config), ["security-policy", "security-badge"])
    return plan_security_pr(snapshot, results, config, stored)


def _config(text: str) -> RepoConfig:
    config, errors = parse_config(text.encode())
    assert errors == []
    return config


def test_missing_both_opens_pr_with_policy_and_badge() -> None:
    plan = _plan(make_snapshot({"README.md": README}, private_vulnerability_reporting=True))
    assert isinstance(plan, OpenOrUpdatePR)
    assert set(plan.files) == {"SECURITY.md", "README.md"}
    assert [(p.check_id, p.fix.path) for p in plan.fixes] == [
        ("security-policy", "SECURITY.md"),
        ("security-badge", "README.md"),
    ]
    assert "](SECURITY.md)" in plan.files["README.md"]
    assert "/acme/widget/security/advisories/new" in plan.files["SECURITY.md"]


def test_no_readme_only_security_md() -> None:
    plan = _plan(make_snapshot({"src/x.py": "pass"}))
    assert isinstance(plan, OpenOrUpdatePR) and set(plan.files) == {"SECURITY.md"}


def test_policy_present_only_badge_links_to_it() -> None:
    plan = _plan(make_snapshot({"docs/README.md": README, ".github/SECURITY.md": POLICY}))
    assert isinstance(plan, OpenOrUpdatePR) and set(plan.files) == {"docs/README.md"}
    assert "](../.github/SECURITY.md)" in plan.files["docs/README.md"]


def test_org_policy_only_badge_links_to_policy_page() -> None:
    plan = _plan(make_snapshot({"README.md": README}, org_files={"SECURITY.md": POLICY}))
    assert isinstance(plan, OpenOrUpdatePR) and set(plan.files) == {"README.md"}
    assert "](https://github.com/acme/widget/security/policy)" in plan.files["README.md"]


def test_compliant_is_no_action() -> None:
    readme = "# W\n[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)\n"
    assert _plan(make_snapshot({"README.md": readme, "SECURITY.md": POLICY})) == NoAction("compliant")


def test_policy_with_problems_is_edited_never_overwritten() -> None:
    """A policy with a dead channel is edited in place (checks/_policy_fix.py), not replaced; with its
    fix switched off nothing is proposed."""
    policy = "# Policy\n\nWe reply within 2 days.\n\nEmail security-ecosystem@nodejs.org\n"
    snap = make_snapshot({"README.md": "# W\nsee [SECURITY.md](SECURITY.md)\n", "SECURITY.md": policy})
    plan = _plan(snap)
    assert isinstance(plan, OpenOrUpdatePR) and set(plan.files) == {"SECURITY.md"}
    assert plan.files["SECURITY.md"].startswith("# Policy\n\nWe reply within 2 days.\n\nPlease report")
    off = _config("checks: {security-policy: {fix: false}}")
    assert _plan(snap, off) == NoAction("nothing this app can add")


@pytest.mark.parametrize(
    ("facts", "config", "reason"),
    [
        ({"archived": True}, "", "archived"),
        ({"empty": True}, "", "empty repository"),
        ({}, "exclude: ['wid*']", "excluded by configuration"),
        ({}, "pull_requests: {enabled: false}", "pull requests disabled by configuration"),
        ({"fork": True}, "", "fork (pull requests on forks are opt-in: pull_requests.on_forks)"),
    ],
)
def test_skips(facts: dict[str, Any], config: str, reason: str) -> None:
    snap = make_snapshot({"README.md": README}, **facts)
    assert _plan(snap, _config(config)) == NoAction(reason)


def test_fork_with_opt_in_gets_a_pr() -> None:
    snap = make_snapshot({"README.md": README}, fork=True)
    assert isinstance(_plan(snap, _config("pull_requests: {on_forks: true}")), OpenOrUpdatePR)


def test_declined_is_never_reopened() -> None:
    plan = _plan(make_snapshot({"README.md": README}), stored=StoredPR("declined", 3))
    assert plan == NoAction("a maintainer closed #3 without merging; not asking again")


def test_merged_then_gap_returns_is_not_reopened_but_closed_by_app_may_reopen() -> None:
    snap = make_snapshot({"README.md": README})
    assert isinstance(_plan(snap, stored=StoredPR("merged", 3)), NoAction)
    assert isinstance(_plan(snap, stored=StoredPR("closed_by_app", 3)), OpenOrUpdatePR)


def test_open_pr_is_updated_not_duplicated() -> None:
    plan = _plan(make_snapshot({"README.md": README}), stored=OPEN)
    assert isinstance(plan, OpenOrUpdatePR)


def test_open_pr_closed_when_human_added_policy_another_way() -> None:
    snap = make_snapshot({"SECURITY.md": POLICY})  # no README: nothing else to add
    plan = _plan(snap, stored=OPEN)
    assert isinstance(plan, ClosePR) and plan.number == 7
    assert "Security policy: Security policy at SECURITY.md" in plan.comment


def test_open_pr_closed_when_org_default_appears() -> None:
    snap = make_snapshot({}, org_files={"SECURITY.md": POLICY})
    plan = _plan(snap, stored=OPEN)
    assert isinstance(plan, ClosePR) and "Security policy at organisation default SECURITY.md" in plan.comment


def test_switches_security_md_and_badge() -> None:
    snap = make_snapshot({"README.md": README})
    no_md = _plan(snap, _config("pull_requests: {security_md: false}"))
    assert no_md == NoAction("nothing this app can add")  # a badge would link to nothing
    no_badge = _plan(snap, _config("pull_requests: {badge: false}"))
    assert isinstance(no_badge, OpenOrUpdatePR) and set(no_badge.files) == {"SECURITY.md"}


def test_no_contact_is_no_action_with_reason() -> None:
    snap = make_snapshot({"README.md": README}, private_vulnerability_reporting=False)
    plan = _plan(snap)
    assert isinstance(plan, NoAction) and plan.reason.startswith(
        "cannot write SECURITY.md: no private contact"
    )
    plan = _plan(snap, _config("security_policy: {contact_email: sec@acme.dev}"))
    assert isinstance(plan, OpenOrUpdatePR) and "mailto:sec@acme.dev" in plan.files["SECURITY.md"]


def test_existing_badge_link_or_plain_text_readme_gets_no_badge() -> None:
    for readme in (
        {"README.md": "# W\nSee [policy](SECURITY.md)\n"},
        {"README": "Widget\n"},
        {"README.md": b"# W \xff"},
        {
            "README.md": "# W\n[![Security Responsible Disclosure](https://img.shields.io/badge/Security-Responsible%20"
            "Disclosure-yellow.svg)](https://github.com/nodejs/security-wg/blob/master/processes/"
            "responsible_disclosure_template.md)\n"
        },
    ):
        plan = _plan(make_snapshot(readme))
        assert isinstance(plan, OpenOrUpdatePR) and set(plan.files) == {"SECURITY.md"}, readme


def _failing(check_id: str, fix: Fix | FixUnavailable) -> CheckResult:
    finding = Finding(check_id, Status.FAIL, "gap", remediation="fill it", code="gap", fix=fix)
    return CheckResult(check_id, Status.FAIL, "gap", (finding,))


def test_any_failing_checks_fix_is_applied_and_opt_in_fixes_need_the_config() -> None:
    snap = make_snapshot({"README.md": README})
    fix = Fix("NOTES.md", "notes\n", True, "Add notes", "why", opt_in=True)
    results = {"dependency-advisories": _failing("dependency-advisories", fix)}
    assert plan_security_pr(snap, results, DEFAULT_CONFIG, None) == NoAction("nothing this app can add")
    plan = plan_security_pr(snap, results, _config("checks: {dependency-advisories: {fix: true}}"), None)
    assert isinstance(plan, OpenOrUpdatePR) and plan.files == {"NOTES.md": "notes\n"}
    passing = {
        "dependency-advisories": CheckResult(
            "dependency-advisories", Status.PASS, "ok", (results["dependency-advisories"].findings)
        )
    }
    assert plan_security_pr(
        snap, passing, _config("checks: {dependency-advisories: {fix: true}}"), None
    ) == NoAction("compliant")


def test_per_check_fix_switch_matches_the_older_pull_request_switches() -> None:
    snap = make_snapshot({"README.md": README})
    for text in ("checks: {security-policy: {fix: false}}", "pull_requests: {security_md: false}"):
        assert _plan(snap, _config(text)) == NoAction("nothing this app can add"), text
    both = "pull_requests: {security_md: false}\nchecks: {security-policy: {fix: true}}"
    assert set(_plan(snap, _config(both)).files) == {"SECURITY.md", "README.md"}  # the per-check key wins
    no_badge = _plan(snap, _config("checks: {security-badge: {fix: false}}"))
    assert isinstance(no_badge, OpenOrUpdatePR) and set(no_badge.files) == {"SECURITY.md"}


def test_required_paths_come_first_and_unmet_requirements_drop_the_fix() -> None:
    snap = make_snapshot({"README.md": README, "docs/x.md": "x"})
    needs_policy = Fix("README.md", "# W\n", False, "Badge", "why", requires=("SECURITY.md",))
    needs_docs = Fix("docs/y.md", "y", True, "Y", "why", requires=("docs/x.md",))
    policy = Fix("SECURITY.md", "policy", True, "Policy", "why")
    results = {"security-badge": _failing("security-badge", needs_policy)}
    assert plan_security_pr(snap, results, DEFAULT_CONFIG, None) == NoAction("nothing this app can add")
    results["security-policy"] = _failing("security-policy", policy)
    plan = plan_security_pr(snap, results, DEFAULT_CONFIG, None)
    assert isinstance(plan, OpenOrUpdatePR) and [p.fix.path for p in plan.fixes] == [
        "SECURITY.md",
        "README.md",
    ]
    results = {"security-badge": _failing("security-badge", needs_docs)}
    assert set(plan_security_pr(snap, results, DEFAULT_CONFIG, None).files) == {"docs/y.md"}


def test_an_open_pr_stays_while_a_wanted_fix_cannot_be_written() -> None:
    snap = make_snapshot({"README.md": README}, private_vulnerability_reporting=False)
    plan = _plan(snap, stored=OPEN)
    assert isinstance(plan, NoAction) and plan.reason.startswith(
        "cannot write SECURITY.md: no private contact"
    )


def test_close_comment_without_a_marker_and_after_a_switch_off() -> None:
    snap = make_snapshot({"SECURITY.md": POLICY})
    plan = _plan(snap, stored=StoredPR("open", 7))
    assert (
        isinstance(plan, ClosePR) and "- The checks it addressed no longer propose a change." in plan.comment
    )
    off = _plan(
        make_snapshot({}),
        _config("checks: {security-policy: {fix: false}}"),
        StoredPR("open", 7, (("security-policy", "SECURITY.md"), ("gone-check", "X"))),
    )
    assert isinstance(off, ClosePR) and "- Security policy: no change proposed any more" in off.comment
    assert "gone-check" not in off.comment


def test_marker_round_trips_paths_and_survives_a_missing_or_edited_body() -> None:
    fix = Fix("docs/we ird-->.md", "x", True, "T", "D")
    plan = OpenOrUpdatePR((PlannedFix("security-badge", fix), PlannedFix("security-policy", fix)))
    marker = fixes_marker(plan)
    assert marker.count("-->") == 1 and marker.endswith(" -->")  # a path cannot end the comment early
    body = f"text\n\n{marker}\n"
    assert parse_fixes_marker(body) == (
        ("security-badge", "docs/we ird-->.md"),
        ("security-policy", "docs/we ird-->.md"),
    )
    assert parse_fixes_marker(None) == () and parse_fixes_marker("edited away") == ()
    assert parse_fixes_marker(f"{MARKER_PREFIX} junk nonsense= =x -->") == ()
    hostile = f"{MARKER_PREFIX} a=../../x b=/etc c=x%3Fref=y d=a//b e=%0A f=ok/README.md -->"
    assert parse_fixes_marker(hostile) == (("f", "ok/README.md"),)
