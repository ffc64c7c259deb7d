"""SECURITY.md rendering: real facts only, hostile names neutralised, and it passes our own check."""

from __future__ import annotations

import pytest

import checks
from app.paths import check_templates
from checks._security_md import PolicyFacts, PolicyNotRenderable, policy_fix, safe_name
from checks._security_md import render_security_md as render_with
from checks.config import SecurityPolicyConfig
from checks.model import CheckContext, Fix, FixUnavailable, RepoFacts, Status
from tests.checks.snapshots import make_snapshot


def render_security_md(facts: PolicyFacts) -> str:
    return render_with(facts, check_templates()["SECURITY.md.j2"])


def _check(text: str, pvr: bool | None) -> list[str]:
    snap = make_snapshot({"SECURITY.md": text}, private_vulnerability_reporting=pvr)
    result = checks.run_check("security-policy", snap, CheckContext())
    assert result.status is Status.PASS, result.summary
    return [f.code for f in result.findings if f.status is not Status.PASS]


@pytest.mark.parametrize(
    ("email", "pvr"),
    [
        ("security@acme.dev", True),
        ("security@acme.dev", False),
        ("security@acme.dev", None),
        (None, True),
        (None, None),
    ],
)
def test_rendered_policy_passes_our_own_check_with_no_suggestions(
    email: str | None, pvr: bool | None
) -> None:
    text = render_security_md(PolicyFacts("acme", "widget", "main", email, pvr, 5, 60))
    assert _check(text, pvr) == []
    assert "within 5 days" in text and "60-day disclosure" in text
    assert ("/security/advisories/new" in text) == (pvr is not False)
    assert ("mailto:security@acme.dev" in text) == (email is not None)
    assert ("does not offer a form" in text) == (pvr is None)
    for leftover in ("{{", "{%", "$VMTalias", "$LINK", "[INSERT", "example.com"):
        assert leftover not in text


def test_no_contact_at_all_is_refused() -> None:
    with pytest.raises(PolicyNotRenderable, match="no private contact"):
        render_security_md(PolicyFacts("acme", "widget", "main", None, False))


def test_bad_email_and_ranges_are_refused() -> None:
    with pytest.raises(PolicyNotRenderable, match="not a plain email"):
        render_security_md(PolicyFacts("acme", "w", "main", "x@y.io) [click](http://evil", True))
    with pytest.raises(PolicyNotRenderable, match="response_days"):
        render_security_md(PolicyFacts("acme", "w", "main", "a@b.io", True, response_days=30))


def test_hostile_project_name_cannot_inject_markdown_or_html() -> None:
    name = "<img src=x onerror=alert(1)>[pwn](http://evil)`x`*"
    assert safe_name(name) == "img srcx onerroralert1pwnhttpevilx"
    text = render_security_md(PolicyFacts("acme", name, "main", "a@b.io", False))
    assert "<img" not in text and "](http://evil" not in text and "`x`" not in text
    assert safe_name("<>") == "this project"


def test_supported_versions_table_escapes_html() -> None:
    facts = PolicyFacts(
        "acme", "w", "main", "a@b.io", True, supported_versions=(("2.x", True), ("< 2.0", False))
    )
    text = render_security_md(facts)
    assert "| 2.x | Yes |\n| &lt; 2.0 | No |\n\n## Reporting" in text
    with pytest.raises(PolicyNotRenderable, match="unsafe supported-version"):
        render_security_md(
            PolicyFacts("acme", "w", "main", "a@b.io", True, supported_versions=(("[x](y)", True),))
        )


def test_facts_from_repo_and_config() -> None:
    repo = RepoFacts("acme", "widget", default_branch="trunk", private_vulnerability_reporting=False)
    config = SecurityPolicyConfig(
        contact_email="s@acme.dev", response_days=2, private_vulnerability_reporting=True
    )
    facts = PolicyFacts.from_repo(repo, config)
    assert (facts.pvr, facts.contact_email, facts.response_days, facts.default_branch) == (
        True,
        "s@acme.dev",
        2,
        "trunk",
    )
    assert "`trunk` branch" in render_security_md(facts)


def test_policy_fix_carries_the_rendered_text_or_says_why_not() -> None:
    repo = RepoFacts("acme", "widget", private_vulnerability_reporting=None)
    fix = policy_fix(repo, SecurityPolicyConfig(contact_email="s@acme.dev"), check_templates())
    assert isinstance(fix, Fix) and (fix.path, fix.create, fix.requires) == ("SECURITY.md", True, ())
    assert fix.content == render_security_md(PolicyFacts.from_repo(repo, SecurityPolicyConfig("s@acme.dev")))
    assert "GitHub private vulnerability reporting and s@acme.dev (private" in fix.description
    assert "acknowledgement within 3 days, and a 90-day disclosure timeline" in fix.description
    assert policy_fix(repo, SecurityPolicyConfig(), {}) == FixUnavailable(
        "SECURITY.md", "the template SECURITY.md.j2 was not provided"
    )
    closed = RepoFacts("acme", "widget", private_vulnerability_reporting=False)
    unavailable = policy_fix(closed, SecurityPolicyConfig(), check_templates())
    assert isinstance(unavailable, FixUnavailable) and unavailable.reason.startswith("no private contact")
