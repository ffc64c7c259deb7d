"""The minimal edit of a broken security policy (checks/_policy_fix.py), line by line, on policies shaped
like real ones (several are real SECURITY.md files from tests/fixtures/corpus/security-policy/)."""

from __future__ import annotations

from typing import Any

import pytest

from checks import security_policy
from checks._policy_fix import Channel
from checks._policy_rules import evaluate
from checks._security_md import PolicyFacts
from checks.config import RepoConfig, parse_config
from checks.model import CheckResult, Fix, FixUnavailable, Location
from tests.checks.snapshots import context, make_snapshot

PVR = "https://github.com/acme/widget/security/advisories/new"
SENTENCE = (
    "Please report vulnerabilities privately through GitHub private vulnerability reporting: "
    f"[Report a vulnerability]({PVR})."
)

# validatorjs/validator.js SECURITY.md at 6ef2754 (MIT)
VALIDATOR = """# Security Policy

## Supported Versions

In the case of a confirmed security issue, only the current version of validator is guaranteed to be patched.

## Reporting a Vulnerability

**Please don't disclose security-related issues publicly.**

Report the security issue to the Node.js Security Working Group through the [HackerOne program](https://hackerone.com/nodejs-ecosystem) for ecosystem modules on npm, or to [Snyk Security Team](https://snyk.io/vulnerability-disclosure). They will help triage the security issue and work with all involved parties to remediate and release a fix.
"""  # noqa: E501

# thames-technology/monads SECURITY.md at a76d517 (MIT), the old Node.js Security WG template
MONADS = """This project participates in the Responsible Disclosure Policy program for the Node.js Security Ecosystem.

# Responsible Disclosure Policy

A responsible disclosure policy helps protect the project and its users.

## Reporting a Security Issue

Any security related issue should be reported to the [Node.js Ecosystem](https://hackerone.com/nodejs-ecosystem
) program hosted on HackerOne which follows the [3rd party responsible disclosure process](https://github.com/nodejs/security-wg/blob/master/processes/third_party_vuln_process.md) set by the Node.js Security WG.

As an alternative method, vulnerabilities can also be reported by emailing security-ecosystem@nodejs.org.
"""  # noqa: E501

# GitHub's "Start setup" file, unedited (psf/black, graphql/graphql-js, vitejs/vite ... committed it)
GITHUB_TEMPLATE = """# Security Policy

## Supported Versions

Use this section to tell people about which versions of your project are
currently being supported with security updates.

| Version | Supported          |
| ------- | ------------------ |
| 5.1.x   | :white_check_mark: |
| 5.0.x   | :x:                |
| 4.0.x   | :white_check_mark: |
| < 4.0   | :x:                |

## Reporting a Vulnerability

Use this section to tell people how to report a vulnerability.

Tell them where to go, how often they can expect to get an update on a
reported vulnerability, what to expect if the vulnerability is accepted or
declined, etc.
"""


def _config(text: str = "") -> RepoConfig:
    config, errors = parse_config(text.encode() or None)
    assert errors == []
    return config


def _run(files: dict[str, Any], config: str = "", **repo: Any) -> CheckResult:
    return security_policy.run(make_snapshot(files, **repo), context(_config(config)))


def _fix(result: CheckResult) -> Fix | FixUnavailable:
    [fix] = [f.fix for f in result.findings if f.fix is not None]
    assert isinstance(fix, Fix | FixUnavailable)
    return fix


def _edit(files: dict[str, Any], config: str = "", **repo: Any) -> Fix:
    fix = _fix(_run(files, config, **repo))
    assert isinstance(fix, Fix), fix
    path = fix.path
    # the edited policy passes the check it failed
    findings, _ = evaluate("security-policy", fix.content.lstrip("\ufeff"), Location(path), None)
    assert [f.code for f in findings if f.data.get("blocking")] == []
    return fix


def test_dead_hackerone_paragraph_becomes_one_sentence_and_nothing_else_changes() -> None:
    fix = _edit({"SECURITY.md": VALIDATOR})
    before, after = VALIDATOR.split("\n"), fix.content.split("\n")
    assert after[:10] == before[:10] and after[11:] == before[11:]
    assert after[10] == SENTENCE
    assert (fix.path, fix.create, fix.title) == (
        "SECURITY.md",
        False,
        "Fix the security policy's reporting channel",
    )
    assert fix.changes == (
        "line 11: names the Node.js ecosystem HackerOne program (closed 2021) "
        "(`hackerone.com/nodejs-ecosystem`); the paragraph now sends reporters to "
        "GitHub private vulnerability reporting",
    )
    assert fix.problems == ("dead-channel:hackerone.com/nodejs-ecosystem",)


def test_every_finding_the_fix_resolves_names_its_line_and_only_one_carries_the_fix() -> None:
    result = _run({"SECURITY.md": MONADS})
    dead = [f for f in result.findings if f.code == "dead-channel"]
    assert sorted(f.data["line"] for f in dead) == [9, 10, 12]
    assert sum(f.fix is not None for f in dead) == 1
    assert all(isinstance(f.data.get("line"), int) for f in result.findings)  # every finding names its line


def test_a_second_dead_paragraph_is_removed_and_the_multi_line_one_replaced() -> None:
    fix = _edit({"SECURITY.md": MONADS})
    lines = MONADS.split("\n")
    assert fix.content.split("\n") == [*lines[:8], SENTENCE, ""]
    assert fix.changes == (
        "line 9: names the Node.js ecosystem HackerOne program (closed 2021) "
        "(`hackerone.com/nodejs-ecosystem`); the paragraph (lines 9-10) now sends reporters to "
        "GitHub private vulnerability reporting",
        "line 10: names the Node.js Security WG ecosystem process (deleted 2022) "
        "(`nodejs/security-wg/blob/master/processes/third_party_vuln_process.md`); "
        "removed with its paragraph",
        "line 12: names security-ecosystem@nodejs.org (closed 2022) (`security-ecosystem@nodejs.org`); "
        "removed, the channel named in the policy replaces it",
    )


def test_a_dead_address_alone_is_swapped_for_the_configured_contact() -> None:
    fix = _edit({"SECURITY.md": MONADS}, "security_policy: {contact_email: security@acme.dev}")
    after = fix.content.split("\n")
    assert after[8] == (
        "Please report vulnerabilities privately through GitHub private vulnerability reporting "
        f"([Report a vulnerability]({PVR})) or by email to [security@acme.dev](mailto:security@acme.dev)."
    )
    assert (
        after[10]
        == "As an alternative method, vulnerabilities can also be reported by emailing security@acme.dev."
    )
    assert (
        fix.changes[-1]
        == "line 12: names security-ecosystem@nodejs.org (closed 2022); the address is now security@acme.dev"
    )


def test_a_list_item_keeps_its_marker_and_the_other_items() -> None:
    # lodash/lodash SECURITY.md at b8a085e (MIT), shortened
    policy = (
        "# Security\n\nOnly the latest release gets fixes. Please report privately.\n\n"
        "- Report the security issue to the Node.js Security Working Group through the\n"
        "  [HackerOne program](https://hackerone.com/nodejs-ecosystem) for ecosystem modules on npm.\n"
        "- Report the security issue to the project maintainers directly at "
        "[security@lodash.com](mailto:security@lodash.com).\n"
    )
    fix = _edit({"SECURITY.md": policy})
    lines = policy.split("\n")
    assert fix.content.split("\n") == [*lines[:4], f"- {SENTENCE}", *lines[6:]]


def test_email_only_when_private_reporting_is_disabled() -> None:
    fix = _edit(
        {"SECURITY.md": VALIDATOR},
        "security_policy: {contact_email: sec@acme.dev}",
        private_vulnerability_reporting=False,
    )
    assert (
        fix.content.split("\n")[10]
        == "Please report vulnerabilities privately by email to [sec@acme.dev](mailto:sec@acme.dev)."
    )
    assert "GitHub private vulnerability reporting" not in fix.description


def test_unknown_private_reporting_is_flagged_in_the_description() -> None:
    unknown = _edit({"SECURITY.md": VALIDATOR})
    enabled = _edit({"SECURITY.md": VALIDATOR}, private_vulnerability_reporting=True)
    assert "may not be enabled" in unknown.description and "may not be enabled" not in enabled.description


@pytest.mark.parametrize(
    ("path", "line", "expected"),
    [
        (
            "docs/SECURITY.rst",
            "Report issues through https://hackerone.com/nodejs-ecosystem please.",
            "Please report vulnerabilities privately through GitHub private vulnerability reporting: "
            f"`Report a vulnerability <{PVR}>`_.",
        ),
        (
            "SECURITY.adoc",
            "Report issues through https://hackerone.com/nodejs-ecosystem[HackerOne] please.",
            "Please report vulnerabilities privately through GitHub private vulnerability reporting: "
            f"{PVR}[Report a vulnerability].",
        ),
    ],
)
def test_links_are_written_in_the_files_own_markup(path: str, line: str, expected: str) -> None:
    policy = f"Security\n========\n\nOnly the latest release gets fixes.\n\n{line}\n"
    fix = _edit({path: policy})
    assert fix.path == path and fix.content == policy.replace(line, expected)


def test_a_table_row_keeps_its_shape_only_the_link_changes() -> None:
    policy = (
        "# Security\n\nOnly the latest release gets fixes. Report privately.\n\n"
        "| Channel | Where |\n| --- | --- |\n| HackerOne | https://hackerone.com/nodejs-ecosystem |\n"
    )
    fix = _edit({"SECURITY.md": policy})
    assert fix.content == policy.replace("https://hackerone.com/nodejs-ecosystem", PVR)
    assert fix.changes[0].startswith("line 7: names the Node.js ecosystem HackerOne program")


def test_crlf_and_byte_order_mark_survive() -> None:
    raw = "\ufeff" + VALIDATOR.replace("\n", "\r\n")
    fix = _edit({"SECURITY.md": raw.encode("utf-8")})
    assert fix.content.startswith("\ufeff# Security Policy\r\n") and "\n" not in fix.content.replace(
        "\r\n", ""
    )
    assert fix.content.split("\r\n")[10] == SENTENCE


PLACEHOLDERS = """# Security Policy

Only the latest release of [MODULE NAME] gets security fixes.

## Reporting

Please report vulnerabilities privately at [INSERT CONTACT METHOD], or email
[security@example.com](mailto:security@example.com) (or replace this with your security contact).
We acknowledge within 3 days and disclose within 90 days.
"""


def test_placeholders_are_filled_from_the_configuration() -> None:
    fix = _edit({"SECURITY.md": PLACEHOLDERS}, "security_policy: {contact_email: sec@acme.dev}")
    assert fix.content.split("\n") == [
        "# Security Policy",
        "",
        "Only the latest release of widget gets security fixes.",
        "",
        "## Reporting",
        "",
        f"Please report vulnerabilities privately at [Report a vulnerability]({PVR}) or "
        "[sec@acme.dev](mailto:sec@acme.dev), or email",
        "[sec@acme.dev](mailto:sec@acme.dev).",
        "We acknowledge within 3 days and disclose within 90 days.",
        "",
    ]
    assert fix.title == "Fix the security policy's placeholders"
    assert fix.changes == (
        "line 3: unfilled placeholder `[MODULE NAME]`; filled with the project's name (widget)",
        "line 7: unfilled placeholder `[INSERT CONTACT METHOD]`; filled with GitHub private vulnerability "
        "reporting or sec@acme.dev",
        "line 8: template instruction `(or replace this with your security contact)`; removed",
        "line 8: unfilled placeholder `security@example.com`; filled with sec@acme.dev",
    )


def test_an_address_placeholder_without_a_configured_address_is_not_guessed() -> None:
    fix = _fix(_run({"SECURITY.md": PLACEHOLDERS}))
    assert isinstance(fix, FixUnavailable)
    assert fix.reason == (
        "line 8: the placeholder 'security@example.com' asks for an email address; "
        "set security_policy.contact_email"
    )


def test_a_placeholder_that_configuration_cannot_fill_gives_no_fix() -> None:
    policy = PLACEHOLDERS.replace("[MODULE NAME]", "widget") + "Our key: [INSERT PGP KEY]\n"
    fix = _fix(_run({"SECURITY.md": policy}, "security_policy: {contact_email: sec@acme.dev}"))
    assert isinstance(fix, FixUnavailable)
    assert fix.reason == "line 10: the placeholder '[INSERT PGP KEY]' cannot be filled from the configuration"


def test_a_placeholder_left_in_a_real_policy() -> None:
    # 0-Vault/Vault-0 SECURITY.md at 4d5c32b (MIT), the reporting lines
    policy = (
        "# Security Policy\n\nOnly the latest release is supported.\n\n## Reporting a Vulnerability\n\n"
        "We take the security of Vault-0 seriously. If you discover a security vulnerability, please do "
        "**not** open a public issue.\n\n"
        "Instead, please report it privately via email to: **security@vault0.org** "
        "(or replace with your actual contact method).\n\n"
        "We will acknowledge your report within 48 hours and provide an estimated timeline for a fix.\n"
    )
    fix = _edit({"SECURITY.md": policy})
    assert fix.content == policy.replace(" (or replace with your actual contact method)", "")


def test_githubs_unedited_template_gets_the_rendered_sections() -> None:
    fix = _edit({"SECURITY.md": GITHUB_TEMPLATE}, private_vulnerability_reporting=True)
    lines = fix.content.split("\n")
    assert lines[:5] == [
        "# Security Policy",
        "",
        "## Supported Versions",
        "",
        "Security fixes are made for the latest release and the `main` branch only. Please",
    ]
    assert "## Reporting a Vulnerability" in lines and "## What to Expect" in lines
    assert "Use this section" not in fix.content and "5.1.x" not in fix.content
    assert f"Use GitHub private vulnerability reporting: [Report a vulnerability]({PVR})." in lines
    assert "- We will acknowledge your report within 3 days." in lines
    assert fix.content.endswith("maintainers of that dependency.\n") and "\n\n\n" not in fix.content
    assert fix.title == "Fix the security policy's template text"
    assert fix.changes == (
        "line 5: GitHub's unedited template text under `Supported Versions` (lines 5, 10); replaced by a "
        "statement of the supported versions",
        "line 17: GitHub's unedited template text under `Reporting a Vulnerability` (lines 17, 19); "
        "replaced by how to report privately (GitHub private vulnerability reporting) and what to "
        "expect (acknowledgement within 3 days, a 90-day disclosure timeline)",
    )
    assert fix.problems == ("github-template",)


def test_template_text_beside_the_maintainers_own_is_removed_alone() -> None:
    # celery/celery SECURITY.md at e03b58c (BSD-3-Clause): a real table under GitHub's prose
    policy = (
        "# Security Policy\n\n## Supported Versions\n\n"
        "Use this section to tell people about which versions of your project are\n"
        "currently being supported with security updates.\n\n"
        "| Version | Supported          |\n| ------- | ------------------ |\n"
        "| 5.3.x   | :white_check_mark: |\n"
        "| 5.1.x   | :x: |\n\n## Reporting a Vulnerability\n\n"
        "Please reach out privately to sec@celery.dev; we reply within 3 days and disclose within 90 days.\n"
    )
    fix = _edit({"SECURITY.md": policy})
    assert fix.content == policy.replace(
        "Use this section to tell people about which versions of your project are\n"
        "currently being supported with security updates.\n\n",
        "",
    )


def test_template_text_in_a_non_markdown_policy_is_not_rewritten() -> None:
    policy = "= Security\n\n== Supported Versions\n\nUse this section to tell people about versions.\n"
    fix = _fix(_run({"SECURITY.adoc": policy}))
    assert isinstance(fix, FixUnavailable) and "only replaced in Markdown" in fix.reason


def test_no_channel_and_an_organisation_policy_give_reasons_not_edits() -> None:
    nowhere = _fix(_run({"SECURITY.md": VALIDATOR}, private_vulnerability_reporting=False))
    assert isinstance(nowhere, FixUnavailable) and nowhere.reason.startswith("no private channel")
    org = _fix(_run({}, org_files={"SECURITY.md": VALIDATOR}))
    assert isinstance(org, FixUnavailable) and "organisation default" in org.reason


def test_a_sound_policy_gets_no_fix() -> None:
    policy = (
        "# Security\n\nOnly the latest release. Email sec@acme.dev privately; reply in 2 days; "
        "disclose in 90 days.\n"
    )
    assert [f.fix for f in _run({"SECURITY.md": policy}).findings if f.fix is not None] == []


def test_problems_are_stable_across_unrelated_edits() -> None:
    first = _edit({"SECURITY.md": VALIDATOR})
    moved = _edit({"SECURITY.md": "<!-- reviewed 2024 -->\n\n" + VALIDATOR})
    assert first.problems == moved.problems and first.changes != moved.changes


@pytest.mark.parametrize(
    ("path", "mail"),
    [("SECURITY.rst", "sec@acme.dev"), ("SECURITY.adoc", "mailto:sec@acme.dev[sec@acme.dev]")],
)
def test_addresses_are_written_in_the_files_own_markup(path: str, mail: str) -> None:
    policy = "Security\n========\n\nOnly the latest release gets fixes.\n\nUse https://hackerone.com/nodejs-ecosystem\n"
    fix = _edit(
        {path: policy},
        "security_policy: {contact_email: sec@acme.dev}",
        private_vulnerability_reporting=False,
    )
    assert fix.content.endswith(f"\n\nPlease report vulnerabilities privately by email to {mail}.\n")


def test_a_dead_address_in_a_table_row_keeps_its_mailto_link() -> None:
    row = "| Email | [security-ecosystem@nodejs.org](mailto:security-ecosystem@nodejs.org) |"
    intro = "# Security\n\nOnly the latest release gets fixes. Report privately.\n\n"
    policy = f"{intro}| How | Where |\n| --- | --- |\n{row}\n"
    with_address = _edit({"SECURITY.md": policy}, "security_policy: {contact_email: sec@acme.dev}")
    assert with_address.content.endswith("| Email | [sec@acme.dev](mailto:sec@acme.dev) |\n")
    with_link = _edit({"SECURITY.md": policy})
    assert with_link.content.endswith(f"| Email | [{PVR}]({PVR}) |\n")


def test_an_invalid_address_is_no_channel() -> None:
    facts = PolicyFacts("acme", "widget", "main", "not an address", pvr=True)
    assert Channel.from_facts(facts) is None
    assert Channel.from_facts(PolicyFacts("acme", "widget", "main", None, pvr=False)) is None
    assert Channel.from_facts(PolicyFacts("acme", "widget", "main", None, pvr=True)) == Channel(PVR, None)


def test_template_text_before_any_heading_or_under_an_unrelated_one_is_not_guessed() -> None:
    before = "Use this section to tell people how to report a vulnerability.\n\n# Security\n\nText.\n"
    fix = _fix(_run({"SECURITY.md": before}))
    assert isinstance(fix, FixUnavailable) and "not under a heading" in fix.reason
    unrelated = "# Security\n\n## Credits\n\nUse this section to tell people who helped.\n"
    fix = _fix(_run({"SECURITY.md": unrelated}))
    assert isinstance(fix, FixUnavailable) and "has no replacement" in fix.reason


def test_without_the_template_text_the_unedited_template_cannot_be_replaced() -> None:
    result = security_policy.run(
        make_snapshot({"SECURITY.md": GITHUB_TEMPLATE}), context(_config()).__class__()
    )
    fix = _fix(result)
    assert isinstance(fix, FixUnavailable) and "was not provided" in fix.reason


def test_template_sections_after_fenced_code_are_still_found() -> None:
    policy = GITHUB_TEMPLATE.replace("## Reporting", "```\n## not a heading\n```\n\n## Reporting")
    fix = _edit({"SECURITY.md": policy})
    assert "```\n## not a heading\n```" in fix.content and "Use this section" not in fix.content


def test_an_edit_that_would_still_fail_is_not_proposed() -> None:
    # the example rows split by the maintainer's own text: they stay, so the check would still fail
    policy = GITHUB_TEMPLATE.replace(
        "| 5.0.x   | :x:                |\n", "| 5.0.x   | :x:                |\n\nOurs.\n\n"
    )
    fix = _fix(_run({"SECURITY.md": policy}))
    assert isinstance(fix, FixUnavailable)
    assert fix.reason == "the edited policy would still fail the check (github-template)"


def test_a_placeholder_inside_a_replaced_dead_paragraph_goes_with_it() -> None:
    policy = (
        "# Security\n\n" + "Only the latest release gets fixes. We reply within 3 days.\n\n"
        "Report via https://hackerone.com/nodejs-ecosystem or email [INSERT EMAIL].\n"
    )
    fix = _edit({"SECURITY.md": policy})
    assert fix.content.endswith(f"\n\n{SENTENCE}\n") and "INSERT" not in fix.content
    assert fix.title == "Fix the security policy's reporting channel and placeholders"
    assert fix.problems == ("dead-channel:hackerone.com/nodejs-ecosystem", "placeholder:[insert email]")


def test_a_restructuredtext_title_ends_the_replaced_paragraph() -> None:
    policy = (
        "Security\n========\n\nOnly the latest release gets fixes.\n\n"
        "Report via https://hackerone.com/nodejs-ecosystem\nContact\n-------\n\nThanks.\n"
    )
    fix = _edit({"SECURITY.rst": policy})
    assert "\nContact\n-------\n\nThanks.\n" in fix.content and "hackerone" not in fix.content


def test_constant_and_to_be_configured_placeholders_are_filled_and_the_note_removed() -> None:
    # devvyyxyz/abc-template SECURITY.md at 05d0e43 (MIT) and hyperpolymath/betlang at 3036fc3 (MPL-2.0),
    # the reporting lines
    policy = (
        "# Security Policy\n\nOnly the latest release is supported.\n\n## Reporting\n\n"
        "1. Use GitHub Security Advisories to report privately.\n"
        "2. If you cannot use GitHub Security Advisories, email the maintainers directly at "
        "`SECURITY_CONTACT_EMAIL` (replace this placeholder with the appropriate address).\n"
        "3. **Email:** Send details to [SECURITY_EMAIL - TO BE CONFIGURED]\n\n"
        "We acknowledge within 3 days and disclose within 90 days.\n"
    )
    fix = _edit({"SECURITY.md": policy}, "security_policy: {contact_email: sec@acme.dev}")
    note = "`SECURITY_CONTACT_EMAIL` (replace this placeholder with the appropriate address)"
    assert fix.content == (
        policy.replace(note, "`sec@acme.dev`").replace("[SECURITY_EMAIL - TO BE CONFIGURED]", "sec@acme.dev")
    )
