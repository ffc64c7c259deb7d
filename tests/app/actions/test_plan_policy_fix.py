"""The plan around fixes of a broken policy: badges never lead to a failing policy, and a maintainer who
declined a fix is not asked again for the same problems (but is for different ones)."""

from __future__ import annotations

from typing import Any

import checks
from app.actions.plan import (
    CLOSED_BY_APP_MARKER,
    PROBLEMS_PREFIX,
    NoAction,
    OpenOrUpdatePR,
    StoredPR,
    closed_by_app_body,
    fix_fingerprint,
    parse_problems_marker,
    plan_security_pr,
    problems_marker,
)
from app.actions.pull_request import closed_pr_state, reconcile, render_pr_text
from checks.config import DEFAULT_CONFIG, RepoConfig, parse_config
from checks.model import Snapshot
from tests.checks.snapshots import context, make_snapshot

README = "# Widget\n\nText.\n"
DEAD = (
    "# Security Policy\n\n"
    "Only the latest release gets fixes. We reply within 2 days and disclose within 90 days.\n\n"
    "## Reporting a Vulnerability\n\n"
    "Please report it privately to the [Node.js HackerOne program](https://hackerone.com/nodejs-ecosystem).\n"
)
PLACEHOLDER = (
    "# Security Policy\n\n"
    "Only the latest release gets fixes. We reply within 2 days and disclose within 90 days.\n\n"
    "Please report it privately at [INSERT CONTACT METHOD].\n"
)
NO_CONTACT = "# Security\n\nWe care about security. Only the latest release gets fixes.\n"


def _plan(snapshot: Snapshot, config: RepoConfig = DEFAULT_CONFIG, stored: StoredPR | None = None) -> Any:
    results = checks.run_all(snapshot, context(config), ["security-policy", "security-badge"])
    return plan_security_pr(snapshot, results, config, stored)


def _config(text: str) -> RepoConfig:
    config, errors = parse_config(text.encode())
    assert errors == []
    return config


def test_badge_comes_with_the_fix_of_the_failing_policy_it_links() -> None:
    plan = _plan(make_snapshot({"README.md": README, "SECURITY.md": DEAD}))
    assert isinstance(plan, OpenOrUpdatePR)
    assert [(p.check_id, p.fix.path) for p in plan.fixes] == [
        ("security-policy", "SECURITY.md"),
        ("security-badge", "README.md"),
    ]
    assert plan.fixes[1].fix.requires_rewrite == ("SECURITY.md",)
    assert "hackerone" not in plan.files["SECURITY.md"]
    title, _ = render_pr_text(plan)
    assert title == "Fix the security policy's reporting channel and link the security policy from the README"


def test_no_badge_for_a_failing_policy_the_pull_request_does_not_fix() -> None:
    # no private contact: the policy fails and no fix of it exists
    assert _plan(make_snapshot({"README.md": README, "SECURITY.md": NO_CONTACT})) == NoAction(
        "nothing this app can add"
    )
    # the policy's fix is switched off: its badge goes too
    off = _config("checks: {security-policy: {fix: false}}")
    assert _plan(make_snapshot({"README.md": README, "SECURITY.md": DEAD}), off) == NoAction(
        "nothing this app can add"
    )
    # the fix cannot be written (no channel at all): the reason is given, no badge
    nowhere = make_snapshot({"README.md": README, "SECURITY.md": DEAD}, private_vulnerability_reporting=False)
    plan = _plan(nowhere)
    assert isinstance(plan, NoAction) and plan.reason.startswith(
        "cannot write SECURITY.md: no private channel"
    )


def test_failing_organisation_policy_gets_no_badge() -> None:
    plan = _plan(make_snapshot({"README.md": README}, org_files={"SECURITY.md": DEAD}))
    assert isinstance(plan, NoAction) and plan.reason.startswith("cannot write")
    assert "organisation's default security policy fails" in plan.reason


def test_a_declined_fix_is_not_proposed_again_but_a_different_problem_is() -> None:
    snap = make_snapshot({"SECURITY.md": DEAD})
    first = _plan(snap)
    assert isinstance(first, OpenOrUpdatePR)
    [declined] = [fix_fingerprint(p) for p in first.fixes]
    stored = StoredPR("declined", 4, declined={declined: 4})
    assert _plan(snap, stored=stored) == NoAction("a maintainer closed #4 without merging; not asking again")
    # an unrelated edit elsewhere in the file: the same problem, still not asked again
    edited = make_snapshot({"SECURITY.md": "<!-- reviewed -->\n" + DEAD})
    assert _plan(edited, stored=stored) == NoAction(
        "a maintainer closed #4 without merging; not asking again"
    )
    # a different problem: asked
    other = _plan(make_snapshot({"SECURITY.md": PLACEHOLDER}), stored=stored)
    assert isinstance(other, OpenOrUpdatePR) and fix_fingerprint(other.fixes[0]) != declined
    assert (
        "[Report a vulnerability](https://github.com/acme/widget/security/advisories/new)"
        in other.files["SECURITY.md"]
    )


def test_a_declined_pull_request_without_fingerprints_declines_everything() -> None:
    snap = make_snapshot({"SECURITY.md": PLACEHOLDER})
    assert _plan(snap, stored=StoredPR("declined", 2)) == NoAction(
        "a maintainer closed #2 without merging; not asking again"
    )


def test_a_merged_fix_is_not_proposed_again_but_a_different_problem_is() -> None:
    first = _plan(make_snapshot({"SECURITY.md": DEAD}))
    merged = {fix_fingerprint(first.fixes[0]): 5}
    stored = StoredPR("merged", 5, merged=merged)
    assert _plan(make_snapshot({"SECURITY.md": DEAD}), stored=stored) == NoAction(
        "#5 was merged before and the gap came back; not reopening"
    )
    assert isinstance(_plan(make_snapshot({"SECURITY.md": PLACEHOLDER}), stored=stored), OpenOrUpdatePR)


def test_problems_marker_round_trips_and_ignores_junk() -> None:
    plan = _plan(make_snapshot({"README.md": README, "SECURITY.md": DEAD}))
    marker = problems_marker(plan)
    assert parse_problems_marker(f"text\n{marker}\n") == tuple(fix_fingerprint(p) for p in plan.fixes)
    assert parse_problems_marker(None) == () and parse_problems_marker("edited away") == ()
    assert parse_problems_marker(f"{PROBLEMS_PREFIX} <script> 0123 -->") == ()
    closed = closed_by_app_body(f"text\n{marker}\n<!-- repo-hygiene-fixes: a=b -->")
    assert parse_problems_marker(closed) == () and closed.endswith(f"{CLOSED_BY_APP_MARKER}\n")


def test_body_lists_each_change_with_its_line_and_both_markers() -> None:
    plan = _plan(make_snapshot({"SECURITY.md": DEAD}))
    title, body = render_pr_text(plan)
    assert title == "Fix the security policy's reporting channel"
    assert (
        "- line 7: names the Node.js ecosystem HackerOne program (closed 2021) "
        "(`hackerone.com/nodejs-ecosystem`); the paragraph now sends reporters to "
        "GitHub private vulnerability reporting" in body
    )
    assert parse_problems_marker(body) == (fix_fingerprint(plan.fixes[0]),)
    assert "<!-- repo-hygiene-fixes: security-policy=SECURITY.md -->" in body


def _pr(number: int, state: str, body: str, merged: bool = False) -> Any:
    return {
        "number": number,
        "state": state,
        "body": body,
        "merged_at": "2026-01-01T00:00:00Z" if merged else None,
        "title": "t",
        "html_url": "",
    }


def test_reconcile_collects_declined_and_merged_fingerprints_from_every_closed_pull_request() -> None:
    a, b, c = "a" * 16, "b" * 16, "c" * 16
    prs = [
        _pr(4, "open", f"{PROBLEMS_PREFIX} {c} -->"),
        _pr(3, "closed", closed_by_app_body(f"{PROBLEMS_PREFIX} {c} -->")),  # the app's own close
        _pr(2, "closed", f"x {PROBLEMS_PREFIX} {b} -->", merged=True),
        _pr(1, "closed", f"x {PROBLEMS_PREFIX} {a} -->"),
    ]
    stored = reconcile(None, prs)
    assert stored is not None and (stored.state, stored.number) == ("open", 4)
    assert stored.declined == {a: 1} and stored.merged == {b: 2}
    assert closed_pr_state(prs[1], None) == "closed_by_app"
    # the newest closed without fingerprints (an older app, or a body edited): nothing asked again
    legacy = reconcile(None, [_pr(5, "closed", "edited"), prs[3]])
    assert legacy is not None and (legacy.state, legacy.declined) == ("declined", {})


def test_an_unreadable_policy_gets_no_badge_and_an_unread_one_does() -> None:
    unreadable = make_snapshot({"README.md": README, "SECURITY.md": b"\xff\xfe not text"})
    assert _plan(unreadable) == NoAction("nothing this app can add")
    unread = Snapshot(
        repo=make_snapshot({}).repo,
        paths=("README.md", "SECURITY.md"),
        files={"README.md": README.encode()},
        skipped={"SECURITY.md": "too large"},
    )
    plan = _plan(unread)
    assert isinstance(plan, OpenOrUpdatePR) and set(plan.files) == {"README.md"}
