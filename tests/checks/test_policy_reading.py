"""The kinds of mistakes the policy and badge rules used to make on real files, one behaviour per test.
Texts are short excerpts in the shape of the real policies named (see tests/fixtures/corpus/)."""

from __future__ import annotations

import pytest

import checks
from checks._badges import find_badges, policy_link_line
from checks._policy_doc import blocks, code_lines, reference_targets, visible_text
from checks._policy_text import read_policy
from checks.model import CheckContext, RepoFacts, Snapshot, Status


def _policy(text: str, path: str = "SECURITY.md") -> list[tuple[str, Status, int]]:
    snap = Snapshot(RepoFacts("octo", "demo"), (path,), {path: text.encode()})
    result = checks.run_check("security-policy", snap, CheckContext())
    return [(f.code, f.status, f.data["line"]) for f in result.findings]


def _problems(text: str, path: str = "SECURITY.md") -> set[str]:
    return {code for code, status, _ in _policy(text, path) if status is Status.FAIL}


def test_commented_out_template_rows_are_not_the_unedited_template() -> None:
    text = (
        "# Security Policy\n\n## Supported Versions\n\nOnly the latest version is supported.\n\n<!--\n"
        "| 5.1.x | :white_check_mark: |\n| 5.0.x | :x: |\n"
        "| 4.0.x | :white_check_mark: |\n| < 4.0 | :x: |\n-->\n"
    )
    assert "5.1.x" not in visible_text(text)
    assert read_policy(text).github_template == []
    adoc = "== Supported Versions\n\n// Use this section to tell people about which versions\n\nv3.x only\n"
    assert read_policy(adoc, "SECURITY.adoc").github_template == []


def test_sample_code_is_not_a_placeholder() -> None:
    text = 'Quote attributes:\n\n.. sourcecode:: html+jinja\n\n    <input value="{{ value }}">\n\nEnd.\n'
    assert 4 in code_lines(text)
    assert read_policy(text, "docs/security.rst").placeholders == []
    assert read_policy("Email {{ SECURITY_EMAIL }} to report.").placeholders  # prose: still a placeholder


def test_rst_title_underline_is_not_a_listing_block() -> None:
    text = "Cross-Site Scripting\n--------------------\n\nProse about escaping.\n"
    assert code_lines(text) == set()
    assert [b.kind for b in blocks(text)] == ["heading", "paragraph"]


def test_an_advisory_published_afterwards_is_not_a_reporting_channel() -> None:
    text = (
        "## Reporting a Vulnerability\n\nPlease email `julian@example.org`.\n"
        "If the vulnerability is accepted, an advisory will be sent out via GitHub's security advisory "
        "functionality.\n"
    )
    assert read_policy(text).pvr == []
    discord = (
        "Reporting a Vulnerability\n#########################\n\nThe fastest way is our `Discord server "
        "<https://discord.com/invite/acUW8k7>`__.\n\nWe will create a `security advisory "
        "<https://github.com/o/r/security/advisories>`__ and add you as a collaborator.\n"
    )
    assert "no-private-contact" in _problems(discord, "SECURITY.rst")


def test_private_reporting_named_in_other_words_is_a_private_channel() -> None:
    text = (
        "## Reporting a Vulnerability\n\nTo report a vulnerability, please use the\n"
        "[Privately reporting a security vulnerability][2]\nfacility.\n\n"
        "[2]: https://docs.github.com/en/code-security/privately-reporting-a-security-vulnerability\n"
    )
    assert read_policy(text).pvr
    assert "no-private-contact" not in _problems(text)


def test_links_count_as_channels_only_where_offered_for_reporting() -> None:
    advice = "Security Considerations\n=======================\n\n"
    advice += "See https://caniuse.com/#feat=same-site for cookies.\n"
    assert read_policy(advice, "docs/security.rst").channel_urls == []
    pointer = "See https://logging.apache.org/security.html[the Security page].\n"
    assert read_policy(pointer, "SECURITY.adoc").channel_urls
    bare = "## Reporting a Vulnerability\n\nPlease follow the guidelines at:\n\nhttps://tidelift.com/docs/security\n"
    assert read_policy(bare).channel_urls


def test_a_relative_link_to_the_fuller_policy_is_a_contact() -> None:
    text = (
        "公開Issueへ詳細を書かず、\nxref:docs/developer-guide/security.adoc#問題の報告[セキュリティー方針]"
        "に記載した非公開経路から報告してください。\n"
    )
    reading = read_policy(text, "SECURITY.adoc")
    assert reading.channel_urls and reading.private_wording


def test_supported_versions_stated_by_pointer_or_relative_words_but_not_by_mention() -> None:
    assert read_policy("## Supported Versions\n\nLatest only\n").supported_versions
    pointer = (
        "## Supported Versions\n\n"
        "Refer to the [Releases](https://vite.dev/releases) page for the supported versions.\n"
    )
    assert read_policy(pointer).supported_versions
    vague = "## Supported Versions\n\nAny new version of ComposeX is scanned for package updates.\n"
    assert not read_policy(vague).supported_versions
    template = (
        "## Supported Versions\n\nUse this section to tell people about which versions are supported.\n"
    )
    assert not read_policy(template).supported_versions


def test_a_support_window_is_not_a_disclosure_timeline() -> None:
    text = (
        "## Supported Versions\n\n* the latest minor release from the last major version\n"
        "  for 6 months after a new major version is released with critical bug fixes\n"
    )
    assert read_policy(text).disclosure_days is None


def test_a_response_verb_owns_the_reports_it_acts_on() -> None:
    text = "Astronomer aims to acknowledge and validate disclosures within 5 business days.\n"
    reading = read_policy(text)
    assert reading.response_days == 7.0 and reading.disclosure_days is None


def test_without_creating_public_issues_asks_for_privacy() -> None:
    text = "To report a vulnerability, please e-mail <security@pyyaml.org> without creating\npublic issues.\n"
    assert read_policy(text).private_wording


def test_pasted_code_is_not_a_contact() -> None:
    text = (
        "## Reporting a Vulnerability\n\nUse this section to tell people how to report a vulnerability.\n"
        "git remote add origin https://api.github.com/someone/someone.git\n"
        '"url": "https://status.example.org/v2/components.json",\n'
    )
    assert "no-private-contact" in _problems(text)


def test_an_address_listed_elsewhere_is_a_note_not_a_failure() -> None:
    text = "== Reporting\n\nPlease inform us by email, using the email address listed in ALLOWED_SIGNERS.\n"
    findings = _policy(text, "SECURITY.adoc")
    assert ("unclear-contact", Status.PASS, 3) in findings
    assert "no-private-contact" not in _problems(text, "SECURITY.adoc")


def test_findings_name_the_line_they_are_about() -> None:
    text = "# Security\n\n## Reporting\n\nEmail security@octo.dev.\n"
    lines = {code: line for code, _, line in _policy(text)}
    assert lines["not-private"] == 5  # the contact
    assert lines["no-response-time"] == 3  # the Reporting heading, where it belongs


def test_badge_text_link_reports_its_line() -> None:
    readme = "# Demo\n\nSome text.\n\nSee our [security policy](SECURITY.md).\n"
    assert policy_link_line(readme) == 5
    snap = Snapshot(RepoFacts("octo", "demo"), ("README.md",), {"README.md": readme.encode()})
    result = checks.run_check("security-badge", snap, CheckContext())
    [finding] = [f for f in result.findings if f.code == "link-not-badge"]
    assert finding.data["line"] == 5 and finding.location is not None and finding.location.line == 5


def test_a_number_in_words_and_in_digits_is_one_duration() -> None:
    for text in (
        "We acknowledge reports within five (5) business days.",
        "We acknowledge within 5 (five) days.",
    ):
        assert read_policy(text).response_days in (5.0, 7.0)


def test_do_not_report_via_github_issues_asks_for_a_private_report() -> None:
    text = (
        "## Security contact\n\nTo report a security vulnerability, please use the\n"
        "[Tidelift security contact](https://tidelift.com/security).\n"
        "Please do NOT report security vulnerabilities via GitHub issues.\n"
    )
    assert read_policy(text).private_wording
    assert read_policy("Please do not use the GitHub issue tracker to submit reports.\n").private_wording


def test_advisories_form_without_security_segment_is_private_reporting() -> None:
    text = "## Reporting\n\nPlease disclose it at our [advisory](https://github.com/o/r/advisories/new).\n"
    reading = read_policy(text)
    assert reading.pvr and reading.private_wording


def test_github_security_advisories_named_in_bold_is_private_reporting() -> None:
    text = "## Reporting\n\n**Preferred:** Use **GitHub Security Advisories** (Report a vulnerability).\n"
    assert read_policy(text).pvr


def test_people_pages_and_other_owners_policies_are_not_channels() -> None:
    authors = "## Reporting\n\nPlease disclose issues by email to the [committers](https://marked.js.org/authors).\n"
    assert "no-private-contact" in _problems(authors)
    example = (
        "# The SECURITY File\n\n## SECURITY file examples\n\n"
        "- https://github.com/nodejs/node/blob/main/SECURITY.md\n"
    )
    assert "no-private-contact" in _problems(example)


def test_stand_in_repository_name_is_a_placeholder() -> None:
    text = "For more details, visit the [Security Wiki](https://github.com/your-repo/wiki/Security).\n"
    assert [h.text for h in read_policy(text).placeholders] == ["your-repo"]
    slug = "Use [two-factor](https://docs.github.com/securing-your-account-with-2fa).\n"
    assert read_policy(slug).placeholders == []
    assert read_policy("e-mail james{{dot}}edington{{?}}uah.edu ASAP.\n").placeholders == []


def test_duration_before_public_disclosure_is_a_disclosure_timeline() -> None:
    text = (
        "## Reporting a Vulnerability\n\nPlease wait for a response to a report for at least 14 days, "
        "and wait at least 30 days total before public disclosure.\n"
    )
    reading = read_policy(text)
    assert (reading.response_days, reading.disclosure_days) == (14, 30)


def test_time_counted_from_the_fix_and_pgp_keys_are_no_timeline() -> None:
    text = (
        "## Reporting\n\nPlease do not publish the details until 1 Business Day after the updates "
        "patching the vulnerability have been released.\n"
    )
    assert read_policy(text).disclosure_days is None
    key = "## PGP key\n\n    mQINBFFGXnMBEACrFZe22Ps0u\n    29h+iFKu\n"
    assert read_policy(key).disclosure_days is None and read_policy(key).response_days is None


def test_followed_up_within_is_a_response_time() -> None:
    text = "## Reporting\n\nAll reported vulnerabilities are followed up within 48 hours.\n"
    assert read_policy(text).response_days == 2


def test_regardless_of_version_states_support() -> None:
    text = (
        "## Supported Versions\n\nAt present there are no production versions.\n"
        "Any security vulnerabilities should be reported regardless of version.\n"
    )
    assert read_policy(text).supported_versions


def test_link_labelled_as_a_checklist_is_not_a_link_to_the_policy() -> None:
    readme = "# demo\n\nRead the full\n[security checklist](./docs/security.md) before deploying.\n"
    assert policy_link_line(readme) is None
    assert policy_link_line("# demo\n\nSee the [security policy](SECURITY.md).\n") == 3


def test_instead_of_the_issue_tracker_asks_for_a_private_report() -> None:
    text = (
        "# Security Policy\n\nIf you discover any security related issues, please email a@b.io "
        "instead of using the issue tracker.\n"
    )
    assert read_policy(text).private_wording
    assert read_policy(
        "Contact the maintainers at a@b.io rather than creating public issues."
    ).private_wording
    assert not read_policy("Please report security issues by email to a@b.io.").private_wording


def test_a_public_fallback_without_details_asks_for_a_private_report() -> None:
    text = (
        "Please contact us at security@ws.example.org.\n\nIf you get no answer, send us a message "
        "**without details**: create a GitHub issue stating contact details and severity.\n"
    )
    assert read_policy(text).private_wording


def test_nested_list_item_takes_the_meaning_of_its_parent_item() -> None:
    text = (
        "### Response Timeline\n\n- **Initial Response:** Within 48 hours\n"
        "- **Fix Timeline:** Depends on severity\n  - Critical: 1-3 days\n  - High: 1-2 weeks\n"
    )
    assert [b.lead for b in blocks(text) if b.kind == "item"][2] == "- **Fix Timeline:** Depends on severity"
    reading = read_policy(text)
    assert reading.response_days == 2
    assert reading.disclosure_days == 14


def test_githubs_report_function_is_private_reporting() -> None:
    text = "To report a vulnerability, use github's report function, or send an email to a@b.io.\n"
    assert read_policy(text).pvr


def test_note_to_fill_in_the_real_address_is_a_placeholder() -> None:
    text = "1. **Email**: Send details to the project maintainers (update with actual email)\n"
    assert read_policy(text).placeholders


def test_example_address_in_a_quoted_line_of_code_is_not_a_placeholder() -> None:
    text = "We recommend including it as `/// @custom:security-contact security@example.com`.\n"
    assert read_policy(text).placeholders == []
    assert read_policy("Email `security@example.com` to report.").placeholders  # the contact itself


def test_a_policy_that_only_points_elsewhere_links_its_fuller_policy() -> None:
    stub = "# Security Policy\n\nSee https://sanic.dev/en/organization/policies.html\n"
    assert "no-private-contact" not in _problems(stub)
    advice = "# Security Policy\n\nSee https://sanic.dev/en/install.html\n\nNo reporting channel yet.\n"
    assert "no-private-contact" in _problems(advice)


def test_a_file_name_that_is_not_a_link_is_not_a_link_to_the_policy() -> None:
    readme = "# demo\n\n* `security.md`, `dependencies.md` - secrets and IAM, dependency management.\n"
    assert policy_link_line(readme) is None
    assert policy_link_line("# demo\n\nSee https://github.com/o/r/security/policy for reports.\n") == 3
    assert policy_link_line("# demo\n\n[policy]: https://github.com/o/r/blob/main/SECURITY.md\n") == 3


def test_shields_rendering_of_the_best_practices_badge_counts_when_linked() -> None:
    readme = (
        '# demo\n\n<a href="https://www.bestpractices.dev/projects/12031">\n'
        '    <img src="https://img.shields.io/cii/level/12031?style=for-the-badge"\n'
        '     alt="OpenSSF Best Practices"/></a>\n'
    )
    snap = Snapshot(RepoFacts("octo", "demo"), ("README.md",), {"README.md": readme.encode()})
    result = checks.run_check("security-badge", snap, CheckContext())
    assert result.status is Status.PASS
    assert [f.data["line"] for f in result.findings if f.code == "badge"] == [4]


def test_a_chat_short_link_and_a_page_of_advice_are_not_private_channels() -> None:
    chat = (
        "## Reporting a Vulnerability\n\nPlease join the Discord server at https://sapphirejs.dev/discord "
        "and let a developer know, or use the GitHub issue tracker.\n"
    )
    assert "no-private-contact" in _problems(chat)
    advice = (
        "## Usage risks\n\nRead more in the docs: https://mathjs.org/docs/expressions/security.html\n\n"
        "## Reporting a Vulnerability\n\nPlease report vulnerabilities privately to one of the maintainers, "
        "for example https://github.com/josdejong.\n"
    )
    assert "no-private-contact" in _problems(advice)
    stub = (
        "Please, go to the [SECURITY.rst](https://github.com/octo/demo/blob/master/SECURITY.rst) file to "
        "see the security policy. Thanks.\n"
    )
    assert "no-private-contact" not in _problems(stub)


def test_private_reporting_named_by_its_button_system_or_documentation() -> None:
    button = "Please don't use GitHub issues; click on `Report a vulnerability` button on this page.\n"
    docs = (
        "If you find a vulnerability you can use the\n[Security Advisory](https://docs.github.com/en/"
        "code-security/security-advisories/guidance-on-reporting-and-writing-information-about-"
        "vulnerabilities/privately-reporting-a-security-vulnerability)\nsystem in Github to report it.\n"
    )
    for text in (button, docs):
        assert read_policy(text).pvr, text
        assert "no-private-contact" not in _problems(text)


def test_a_reading_list_naming_github_advisories_is_not_private_reporting() -> None:
    text = (
        "## Reporting a Vulnerability\n\nEmail security@pywikibot.org.\n\n## Security Resources\n\n"
        "- GitHub Security Advisories: https://docs.github.com/en/github/creating-a-security-advisory\n"
    )
    reading = read_policy(text, "SECURITY.rst")
    assert reading.pvr == [] and not reading.private_wording


def test_requests_for_privacy_in_other_words_and_optional_privacy() -> None:
    assert read_policy("Email hi@pistasjis.net. **Do not make a GitHub issue.**").private_wording
    assert read_policy("Report it to a@b.dev.\nPlease **do not** file a GitHub issue.").private_wording
    optional = (
        "In general, vulnerabilities can be reported as an issue. If you'd like to report privately, "
        "please email jade@jmthornton.net.\n"
    )
    assert not read_policy(optional).private_wording
    maybe = (
        "If you find a vulnerability, and you think that it would be better not to open a public issue "
        "just yet, then please write an e-mail to <tt>crates.io@example.net</tt>.\n"
    )
    assert not read_policy(maybe).private_wording


def test_encryption_asked_for_is_a_request_for_privacy_and_an_offered_key_is_not() -> None:
    offered = (
        "Email security@moggers87.co.uk. If you want to send an encrypted report, use key 0x87.\n",
        "Please inform 35V LG84 by email.\n\nYou may use OpenPGP key `0x7F57` to encrypt the report.\n",
        "Email security@syncthing.net. The [PGP key for that address](https://x.org/key) is here.\n",
    )
    for text in offered:
        assert not read_policy(text).private_wording, text
    asked = (
        "If you have discovered a security issue, please write an encrypted email to a@zoho.com.\n",
        "- E-Mail: psirt@nvidia.com\n    - We encourage you to use the following PGP key for secure email.\n",
        "Email paul@paulmillr.com. It's preferred that you use\nPGP key from the pgp proof page.\n",
    )
    for text in asked:
        assert read_policy(text).private_wording, text


def test_a_secure_report_or_time_asked_before_going_public_requests_privacy() -> None:
    secure = "Please [file a secure bug report in our bug tracker](https://bugzilla.mozilla.org/x).\n"
    time = (
        "Email security@ramsey.dev. Give us a reasonable amount of time to correct the issue prior to "
        "any disclosure to the public.\n"
    )
    for text in (secure, time):
        assert read_policy(text).private_wording, text


def test_constants_and_to_be_configured_are_placeholders() -> None:
    constant = "Email the maintainers at `SECURITY_CONTACT_EMAIL` (replace this placeholder).\n"
    configured = "1. **Email:** Send details to [SECURITY_EMAIL - TO BE CONFIGURED]\n"
    for text in (constant, configured):
        assert "placeholder" in _problems(text), text
    assert read_policy("Set security_email in your config to get mail.").placeholders == []


def test_durations_named_by_what_follows_them() -> None:
    escalation = (
        "Once we have a) published a fix, or b) taken more than 30 days to reply, we welcome you to "
        "publicly report the vulnerability.\n"
    )
    reading = read_policy(escalation)
    assert reading.response_days == 30 and reading.disclosure_days is None
    receipt = (
        "**Please do not report security vulnerabilities in public issues.**\nEmail a@b.dev.\n"
        "We will action the vulnerability within 72 hours of receiving the vulnerability report.\n"
    )
    assert read_policy(receipt).response_days == 3 and read_policy(receipt).disclosure_days is None
    both = "We do our best to acknowledge within 72 hours and to fix or mitigate within 14 days."
    assert read_policy(both).response_days == 3 and read_policy(both).disclosure_days == 14


def test_times_counted_from_a_later_step_or_disclaimed_are_not_stated() -> None:
    later = (
        "## Disclosure\n\n* Typically the embargo date will be set 72 hours from the time the CVE is "
        "issued.\n* Within 6 hours of the mailing list being notified, the advisory is published.\n"
    )
    assert read_policy(later).disclosure_days is None
    disclaimed = "There is no guaranteed response time, sometimes reports are handled within hours."
    assert read_policy(disclaimed).response_days is None
    assert read_policy("Confirmed issues are typically patched within days.").disclosure_days == 3
    assert read_policy("We aim to tackle critical issues within 30 days.").disclosure_days == 30
    from_fix = (
        "After the fix is available to users, the security advisory will be published, usually within "
        "7 days of publishing.\n"
    )
    assert read_policy(from_fix).disclosure_days is None
    assert read_policy("We publish a fix within 30 days, after the report.\n").disclosure_days == 30


def test_template_prose_beside_runtime_versions_leaves_supported_versions_unstated() -> None:
    text = (
        "## Supported Versions\n\n| Engine | Version |\n| --- | --- |\n| node | >= 18 |\n\n"
        "## Reporting a Vulnerability\n\nUse this section to tell people how to report a vulnerability.\n"
    )
    assert {"github-template", "no-supported-versions"} <= {code for code, _, _ in _policy(text)}
    table = (
        "## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n| 5.1.x | yes |\n| 5.0.x | no |\n"
        "| 4.0.x | yes |\n| < 4.0 | no |\n\n## Reporting\n\nEmail security@octo.dev privately.\n"
    )
    codes = {code for code, _, _ in _policy(table)}
    assert "github-template" in codes and "no-supported-versions" not in codes


def test_front_pages_downloads_and_documents_are_not_channels_but_security_txt_is() -> None:
    for text in (
        "## Reporting a Vulnerability\n\nVulnerabilities can be reported on the github project, as issues: "
        "https://github.com/mhooreman/clalogger\n",
        "To report a security vulnerability, please contact [David Peter](https://david-peter.de/) "
        "via email.\n",
        "To report a security vulnerability, please use the `Tidelift security contact`_.\n\n"
        ".. _Tidelift security contact: https://github.com/Cerberus1746/generic_lexer/tarball/master\n",
    ):
        assert "no-private-contact" in _problems(text), text
    pointer = (
        "# Security\n\nSee https://docs.wagtail.org/en/latest/contributing/security.html.\n\n"
        "This information can also be found in our security.txt: https://wagtail.org/.well-known/security.txt\n"
    )
    assert "no-private-contact" not in _problems(pointer)


def test_addresses_alone_on_a_line_or_written_out() -> None:
    alone = (
        "## Reporte de Vulnerabilidades\n\nEnviá un correo electrónico a:\n\n`federicoramos6767@gmail.com`\n"
    )
    bracketed = "## Reporting\n\nInstead, please send an email to william.herges[@]proton.me.\n"
    spelled = "## Reporting\n\nSend this information to <junegunn.c AT gmail DOT com>.\n"
    for text in (alone, bracketed, spelled):
        assert read_policy(text).emails, text


def test_a_contact_given_by_reference_is_a_contact_that_may_not_ask_for_privacy() -> None:
    for text in (
        "Please report it by email using the email address on [the maintainer's GitHub profile][gh].\n\n"
        "[gh]: https://github.com/jhpratt\n",
        "Send your report to the repository owner (you can find the email address in the git commit "
        "history).\n",
        "Report security bugs by emailing the lead maintainer in the Readme.md file.\n",
    ):
        codes = {code for code, _, _ in _policy(text)}
        assert "no-private-contact" not in codes and "unclear-contact" in codes, text
    assert "not-private" in {
        code for code, _, _ in _policy("Email the lead maintainer in the Readme.md file.\n")
    }


def test_more_ways_of_asking_for_privacy() -> None:
    for text in (
        "We ask that you do not report security issues to our normal GitHub issue tracker.",
        "We are grateful if you report it on a non-public channel.",
        "We ask that you don't mention it publicly and get in touch with one of us.",
        "If you found security bugs, please **do not send a public issue or patch**.",
        "If it is not critical, make an issue. Critical vulnerabilities should be fielded directly to me "
        "at a@b.io",
        "Por favor, reportala de forma privada.",
        "*Não relate vulnerabilidades de segurança por meio de problemas ou discussões públicas do GitHub.*",
    ):
        assert read_policy(text).private_wording, text
    assert not read_policy(
        "Email security@scikit-learn.org. A patch will be crafted privately."
    ).private_wording


def test_private_reporting_named_as_a_function_with_emphasis() -> None:
    assert read_policy("## Reporting\n\nOr you can use Github's *Report Vulnerability* function.\n").pvr


def test_timeframes_from_a_notification_updates_and_heading_subjects() -> None:
    notified = "## Process\n\n- 24 hours following this notification, the fixes are applied publicly.\n"
    assert read_policy(notified).disclosure_days is None
    update = (
        "- We will acknowledge your report within 48 hours\n"
        "- We will provide an update on the fix within 7 days\n"
    )
    reading = read_policy(update)
    assert reading.response_days == 2 and reading.disclosure_days is None
    windows = (
        "## Response targets\n\n- Fix window (from triage):\n  - Critical: target 3 days\n"
        "  - High: target 5 days\n"
    )
    assert read_policy(windows).disclosure_days == 5


def test_runtime_and_release_process_sections_state_no_supported_versions() -> None:
    python = "## Supported Versions of Python\n\n| Version | Supported |\n| --- | --- |\n| 3.9.x | yes |\n"
    process = (
        "## Release Management\n\n- Security patches are published as a patch release (e.g., `v1.2.3`).\n"
    )
    for text in (python, process):
        assert not read_policy(text).supported_versions, text
    grid = "Supported Versions\n==================\n\n+------+-----+\n| Any/others | Yes |\n+------+-----+\n"
    portuguese = "== Versões suportadas\n\n|===\n|Version |Supported\n|0.x.x |:white_check_mark:\n|===\n"
    assert read_policy(grid, "SECURITY.rst").supported_versions
    assert read_policy(portuguese, "SECURITY.adoc").supported_versions
    upgrade = (
        "Supported Versions\n==================\n\nAlways update to the latest version of\nthis Action to "
        "keep up with security patches.\n"
    )
    assert not read_policy(upgrade, "SECURITY.rst").supported_versions
    only = "## Supported Versions\n\nOnly the latest version is supported. Please upgrade to the latest.\n"
    assert read_policy(only).supported_versions


def test_template_skeletons_and_foreign_placeholders() -> None:
    for text in (
        "## Reporting a vulnerability\n\n(How to report vulnerabilities.)\n",
        "1. **Report the issue** at **[security contact email - ToBeAdded]**.\n",
        "# Política de Segurança para [Nome do Seu Projeto]\n\nEnvie para [INSIRA O ENDEREÇO DE E-MAIL].\n",
    ):
        assert read_policy(text).placeholders, text
    assert read_policy("We patch (as fast as we can) every release.\n").placeholders == []


def test_a_list_takes_the_meaning_of_the_paragraph_that_introduces_it() -> None:
    text = (
        "If you have anything to report to us please use any of the following channels:\n\n"
        "- open an [issue](../../issues)\n"
        "- use our [security form](https://corporate.zalando.com/en/services-and-contact#security-form)\n"
    )
    assert "no-private-contact" not in _problems(text)
    bounty = (
        "Please do not open GitHub issues. Security issues can be safely reported via the Meta Bug Bounty "
        "program:\nhttps://www.facebook.com/whitehat\n"
    )
    assert "no-private-contact" not in _problems(bounty)


def test_private_reporting_and_addresses_in_more_shapes() -> None:
    feature = (
        "To report vulnerabilities, you can privately report a potential security issue via the GitHub "
        "security vulnerabilities feature. This can be done here:\n<https://github.com/o/r/security/advisories>\n"
    )
    assert read_policy(feature).pvr
    assert read_policy("You can use the `Security` tab and file a bug report there.").pvr
    assert read_policy("Please write an e-mail to <tt>crates.io@k6i.\\[Germany\\]</tt>.\n").emails
    metadata = (
        "- Please report vulnerabilities privately to the maintainers (see email in project metadata).\n"
    )
    assert "no-private-contact" not in _problems(metadata)


def test_durations_and_requests_in_other_languages() -> None:
    german = (
        "**Erstellen Sie keine Issue**, um eine Sicherheitslücke zu melden.\n\n"
        "Wir bestätigen den Eingang innerhalb von 48 Stunden und veröffentlichen die Lösung innerhalb von "
        "3 Wochen.\n"
    )
    reading = read_policy(german)
    assert reading.private_wording and reading.response_days == 2 and reading.disclosure_days == 21
    assert read_policy("Wir reagieren innerhalb von 5 Werktagen.").response_days == 7
    assert read_policy("You can expect an answer in very few days.").response_days == 3


def test_what_is_and_is_not_a_request_for_privacy() -> None:
    for text in (
        "We urge you not to file a bug report in the GitHub issue tracker, since it is open to anyone.",
        "Low severity issues can be GitHub issues, more severe vulnerabilities should be reported to the "
        "email a@b.dev",
    ):
        assert read_policy(text).private_wording, text
    for text in (
        "Threats: disclosure or loss of integrity or confidentiality of data.",
        "Contributors can collaborate on a private fork to fix the vulnerability.",
    ):
        assert not read_policy(text).private_wording, text


def test_masked_and_unwritten_placeholders() -> None:
    assert read_policy("Email xxxxxxxxxxx@xxxxxxxxxxxxx.com to report.").placeholders
    assert read_policy(
        "## Reporting\n\nHere we should write what to do in case of a vulnerability\n"
    ).placeholders
    assert read_policy("Here we fix what is reported.").placeholders == []


def test_supported_versions_in_a_ticked_table_a_sentence_or_a_support_window() -> None:
    scope = "## Scope\n\n| Version | In scope |\n| --- | --- |\n| latest (4.x) | ✅ |\n| 3.9 | ✅ |\n"
    branches = "We release security patches for both the 1.x and 2.x branches."
    window = (
        "## Supported Versions\n\nAfter each new major release, the previous release will be supported for "
        "no less than 2 years.\n"
    )
    for text in (scope, branches, window):
        assert read_policy(text).supported_versions, text
    spring = (
        "# Spring Boot Version\n\n| Version | Security |\n| --- | --- |\n| 4.x.x | :white_check_mark: |\n"
    )
    assert not read_policy(spring).supported_versions


def test_an_embargo_asks_for_privacy() -> None:
    assert read_policy("Please do not disclose the vulnerability until a fix is released.").private_wording
    assert read_policy("We treat security issues with confidentiality until disclosed.").private_wording
    assert not read_policy(
        "We protect the confidentiality, integrity, and availability of data."
    ).private_wording


def test_shapes_seen_in_heldout8() -> None:
    readme_maintainers = (
        "## Reporting a Vulnerability\n\nIf you are reporting a security vulnerability, please refrain from "
        "opening a GitHub issue and instead mail it to\none of the maintainers listed in the README.\n"
    )
    codes = {code for code, _, _ in _policy(readme_maintainers)}
    assert "no-private-contact" not in codes and "not-private" not in codes
    author = (
        "Please open a private report by emailing the maintainer (see package.json `author` or repo owner).\n"
    )
    assert "no-private-contact" not in _problems(author)
    rst = (
        "Reporting a Vulnerability\n=========================\n\n"
        "Email to ``wk+security``\nat ``sydorenko`` dot ``org``.\n"
    )
    assert read_policy(rst, "SECURITY.rst").emails
    assert read_policy(
        "**Do not open up a GitHub issue if the bug is a security vulnerability**."
    ).private_wording
    for text in (
        "| **Fingerprint** | `TBD` |\n",
        "* \u53d1\u9001\u90ae\u4ef6\u81f3\uff1a\\ *\uff08\u5f85\u8865\u5145\uff09*\n",
    ):
        assert read_policy(text).placeholders, text


def test_contacts_written_as_a_lone_link_bracketed_dots_or_by_reference_to_a_website() -> None:
    only_link = "## Security Policy\n\nhttps://docs.dapr.io/operations/support/support-security-issues/\n"
    other_site = "## Reporting a Vulnerability\n\nSee https://go.dev/security/policy for how to report.\n"
    brackets = "## Reporting a Vulnerability\n\nTo report a security issue, email ccpp[at]gmail[dot]com.\n"
    spaced = "== Reporting\n\nSend an email to security [at] decidim [dot] org.\n"
    website = (
        "## Reporting a Vulnerability\n\nPlease report security vulnerabilities to my email. You can find "
        "it on my website at <https://xf8b.github.io>.\n"
    )
    for text, path in (
        (only_link, "SECURITY.md"),
        (other_site, "SECURITY.md"),
        (brackets, "SECURITY.md"),
        (spaced, "SECURITY.adoc"),
        (website, "SECURITY.md"),
    ):
        assert "no-private-contact" not in _problems(text, path), text
    assert "no-private-contact" in _problems("## Security\n\nhttps://github.com/o/demo/security/policy\n")


def test_an_advisories_link_alone_under_the_reporting_heading_is_private_reporting() -> None:
    text = (
        "## Reporting a Vulnerability\n\nIf you did find a vulnerability, we would very much appreciate it "
        "if you could report it privately at:\n\nhttps://github.com/django-oscar/django-oscar/security/advisories\n"
    )
    assert read_policy(text).pvr
    team = (
        "To report a security issue, please use [g.co/vulnz](https://g.co/vulnz).\n\nWe use g.co/vulnz for "
        "our intake, and do coordination and disclosure here using GitHub Security Advisory to privately "
        "discuss and fix the issue.\n"
    )
    assert read_policy(team).pvr == [] and not read_policy(team).private_wording


def test_privacy_asked_by_refusing_an_issue_an_embargo_or_encryption_but_not_by_a_team_notice() -> None:
    asked = (
        "Please disclose responsibly by sending an email to s@d.org and not by creating a github issue.\n",
        "Email s@dex.dev. We ask reporters to abide by agreed upon dates for public disclosure.\n",
        "Email me at x@y.dev.\n\nAlso, use the GPG key on the website to encrypt your message.\n",
    )
    for text in asked:
        assert read_policy(text).private_wording, text
    notice = "Email e@d.com.\n\n- To notify users, a new issue without security details is submitted.\n"
    assert not read_policy(notice).private_wording


def test_timeframes_by_day_marks_in_chinese_from_a_table_header_and_not_update_cadences() -> None:
    marks = "### Timeline\n\n1. **Day 0**: Vulnerability reported\n2. **Day 30-60**: Patch released\n"
    assert read_policy(marks).disclosure_days == 60
    chinese = "## 报告漏洞\n\n我们会在 48 小时内确认收到报告。\n\n最后更新：2024年1月1日\n"
    assert read_policy(chinese).response_days == 2
    table = (
        "### Severity\n\n| Severity | Description | Target Fix Time |\n|---|---|---|\n"
        "| Critical | Remote code execution | 24-72 hours |\n"
    )
    assert read_policy(table).disclosure_days == 3
    cadence = (
        "We acknowledge within 3 days. Expect progress updates every **7 business days** while we remediate."
    )
    assert read_policy(cadence).disclosure_days is None
    assert read_policy("We publish a new release every few weeks with the fix.").disclosure_days == 21
    address = "We aim to address critical vulnerabilities within 30 days."
    assert read_policy(address).disclosure_days == 30
    support = "## Supported Versions\n\nWe will fix security issues within 90 days of receiving a report.\n"
    assert read_policy(support).disclosure_days == 90
    window = "## Supported Versions\n\nEach major version is supported for 6 months after the next one.\n"
    assert read_policy(window).disclosure_days is None


def test_supported_versions_in_chinese_by_any_release_or_recent_releases_but_not_runtime_rows() -> None:
    chinese = "## 支持的版本\n\n| 版本 | 支持状态 |\n| :--- | :--- |\n| v1.x | ✅ 支持中 |\n"
    anyone = (
        "## Supported & Maintained Versions\nAny released version not marked as deprecated is supported.\n"
    )
    recent = "- Fixes are prepared for the two most recent major releases and the head/master revision.\n"
    for text in (chinese, anyone, recent):
        assert read_policy(text).supported_versions, text
    runtime = (
        "## Supported Versions\n\n| Language| Version | Supported |\n| ------ | ------ | ------\n"
        "| Spring Boot | < 2.2.6 | :heavy_check_mark:\n| Java |  > 1.8 | :heavy_check_mark:\n"
    )
    scanned = (
        "Supported Versions\n==================\n\nAny new version of ComposeX is scanned for updates.\n"
    )
    upkeep = "## Supported Versions\n\n1. Update dependencies to last stable version\n"
    for text, path in ((runtime, "SECURITY.md"), (scanned, "SECURITY.rst"), (upkeep, "SECURITY.md")):
        assert not read_policy(text, path).supported_versions, text


def test_a_number_or_a_link_left_to_fill_in_is_a_placeholder() -> None:
    number = "Wir streben an, innerhalb von [X] Werktagen zu reagieren.\n"
    link = "Sicherheitslücken können über unser [Meldeformular](link_zum_formular) gemeldet werden.\n"
    for text in (number, link):
        assert read_policy(text).placeholders, text


def test_a_badge_in_an_html_comment_is_not_shown_and_a_site_security_page_is_the_policy() -> None:
    hidden = (
        "# demo\n\n<!-- TODO: enable Scorecard\n[![OpenSSF Scorecard](https://api.securityscorecards.dev/"
        "projects/github.com/o/demo/badge)](https://scorecard.dev/viewer/?uri=github.com/o/demo)\n-->\n"
    )
    snap = Snapshot(RepoFacts("o", "demo"), ("README.md",), {"README.md": hidden.encode()})
    result = checks.run_check("security-badge", snap, CheckContext())
    assert result.status is Status.FAIL and {f.code for f in result.findings} == {"missing"}
    assert policy_link_line("# demo\n\nCare for [and security](https://emberjs.com/security/).\n") == 3
    assert policy_link_line("# demo\n\nReport via [Tidelift](https://tidelift.com/security).\n") is None
    assert (
        policy_link_line("# demo\n\n- [Security considerations](https://ajv.js.org/security.html)\n") is None
    )


def test_github_private_security_reports_named_in_other_words_is_private_reporting() -> None:
    text = (
        "## Reporting a Vulnerability\nIf you discover a security vulnerability, please do so via the GitHub "
        "Private Security Reports (top right button) with a detailed description.\n"
    )
    assert read_policy(text).pvr
    assert "no-private-contact" not in _problems(text)


def test_privacy_by_a_single_route_but_not_by_a_promise_of_confidentiality() -> None:
    assert read_policy("Please report security issues only to security@allauth.org.\n").private_wording
    promise = (
        "Email security@pocketrb.dev.\n\nYour report will be kept confidential and not disclosed to third "
        "parties without your consent.\n"
    )
    assert not read_policy(promise).private_wording


def test_times_from_resolution_and_zero_days_are_no_timeline() -> None:
    assert read_policy("- Award bounties within a week of resolution\n").disclosure_days is None
    assert read_policy("11. We do not disclose 0 day security issues publicly\n").disclosure_days is None


def test_supported_versions_in_spanish_or_a_bugfix_release_but_not_another_products_versions() -> None:
    spanish = "## Versiones Soportadas\n\nSolo la última versión mayor recibe parches de seguridad.\n"
    bugfix = "For critical vulnerabilities, we will prepare a bugfix release based on the last release.\n"
    for text in (spanish, bugfix):
        assert read_policy(text).supported_versions, text
    redis = (
        "## Supported Versions\n\nSee [Supported Redis Versions](https://github.com/redis/node-redis/blob/"
        "master/SUPPORTED_REDIS_VERSIONS.md).\n"
    )
    assert not read_policy(redis).supported_versions


def test_a_link_to_the_owners_policy_elsewhere_is_a_contact_and_articles_or_editors_are_not() -> None:
    pointer = (
        "# Security\n\nThe Kubescape project manages this document in the central project repository.\n\n"
        "Go to the [centralized SECURITY.md](https://github.com/kubescape/project-governance/blob/main/SECURITY.md)\n"
    )
    snap = Snapshot(RepoFacts("kubescape", "node-agent"), ("SECURITY.md",), {"SECURITY.md": pointer.encode()})
    codes = {f.code for f in checks.run_check("security-policy", snap, CheckContext()).findings}
    assert "no-private-contact" not in codes
    article = (
        "It's safe to ignore [responsible disclosure](https://www.bugcrowd.com/resource/what-is-responsible-"
        "disclosure/) and raise security concerns as regular issues.\n"
    )
    editor = "## Reporting a Vulnerability\n\nhttps://github.com/phoenixframework/phoenix/new/master#supported-versions\n"
    for text in (article, editor):
        assert "no-private-contact" in _problems(text), text


def test_privacy_words_in_link_targets_or_about_what_to_leave_out_are_no_request() -> None:
    fork = (
        "Email security@xmldom.org.\n\n- A [GitHub security advisory](https://docs.github.com/x) is "
        "[created](https://docs.github.com/y) (but not published).\n- The vulnerability is fixed in a "
        "[temporary fork](https://docs.github.com/collaborating-in-a-temporary-private-fork).\n"
    )
    assert read_policy(fork).pvr == [] and not read_policy(fork).private_wording
    leave_out = (
        "E-mail malte@example.net for instructions.\nDo not include confidential information in the e-mail."
    )
    assert not read_policy(leave_out.replace("example.net", "gmail.com")).private_wording
    kept = (
        "Contact infosec@tiny.cloud. Tiny requests reporters maintain the confidentiality of their report "
        "until Tiny has fixed it.\n"
    )
    assert read_policy(kept).private_wording


def test_support_applied_to_stable_releases_or_none_but_not_only_the_current_user() -> None:
    nginx = (
        "Security fixes will be applied to all supported stable releases, as well as the mainline version.\n"
    )
    none = "== Supported Versions\n\nCurrently, there are **no versions where security support is given**.\n"
    assert read_policy(nginx).supported_versions
    assert read_policy(none, "SECURITY.adoc").supported_versions
    checklist = "  - Check that only current user or Admin can change password\n"
    assert not read_policy(checklist).supported_versions
    assert (
        read_policy("Valid reported security issues are expected to be solved within a week.").disclosure_days
        == 7
    )


def test_broken_badge_addresses_and_links_to_the_policy_tab_or_labelled_policy() -> None:
    broken = (
        "# tozan\n\n[![OpenSSF Scorecard](ht\u200ctps://api.securityscorecards.dev/projects/github.com/p/t/badge)]"
        "(https://scorecard.dev/viewer/?uri=github.com/p/t)\n"
    )
    snap = Snapshot(RepoFacts("p", "t"), ("README.md",), {"README.md": broken.encode()})
    assert checks.run_check("security-badge", snap, CheckContext()).status is Status.FAIL
    tab = "# k6\n\nTo disclose security issues, refer to [SECURITY.md](https://github.com/grafana/k6?tab=security-ov-file).\n"
    labelled = (
        "# buffer\n\nPlease see our [security policies and procedures](https://github.com/feross/security).\n"
    )
    assert policy_link_line(tab) == 3 and policy_link_line(labelled) == 3
    assert (
        policy_link_line("# x\n\n- [Example Security Policies?](https://github.com/todogroup/policies)\n")
        is None
    )


def test_privacy_offered_on_a_condition_and_public_issues_refused_in_other_words() -> None:
    optional = (
        "Please open an issue on the repo. If you consider the vulnerability confidential, email `tris at "
        "0atman.com`.\n",
        "To report a vulnerability, use the GitHub Issues tracker. If you need to report a vulnerability "
        "privately, please send an email to the author.\n",
    )
    for text in optional:
        assert not read_policy(text).private_wording, text
    refused = "**Please do not use GitHub issues for security-sensitive communication.** Email a@b.com.\n"
    assert read_policy(refused).private_wording


def test_contact_in_commits_support_by_a_labelled_link_and_times_after_the_update() -> None:
    commits = "Please send an email to the author. You can find\n@sgammon's contact information in commits.\n"
    assert read_policy(commits).contact_hint is not None
    spring = (
        "Note that we only accept reports against [supported versions](https://spring.io/projects/"
        "spring-boot#support).\n"
    )
    assert read_policy(spring).supported_versions
    later = "Details on security updates are announced 30 days after the availability of the update.\n"
    assert read_policy(later).disclosure_days is None


def test_a_lone_labelled_link_a_wrapped_rst_address_and_a_bounty_page_are_contacts() -> None:
    assert read_policy("[Security Policy](docs/security/security.md)\n").channel_urls
    rst = (
        "Reporting\n=========\n\nPlease read `our policies for reporting bugs <Ansible policies_>`_.\n\n"
        ".. _Ansible policies:\n   https://docs.ansible.com/ansible/devel/community\n"
        "   /reporting_bugs_and_features.html#reporting-a-bug\n"
    )
    urls = [h.text for h in read_policy(rst, "SECURITY.rst").channel_urls]
    assert urls == [
        "https://docs.ansible.com/ansible/devel/community/reporting_bugs_and_features.html#reporting-a-bug"
    ]
    nebula = "## Reporting a Vulnerability\n\nYou can submit your report on [HackerOne](https://hackerone.com/slack).\n"
    assert read_policy(nebula).channel_urls
    sibling = (
        "[PHPUnit's Security Policy](https://github.com/octo/phpunit/security/policy) applies here too.\n"
    )
    assert read_policy(sibling, repo="octo/diff").channel_urls
    assert not read_policy(sibling, repo="octo/phpunit").channel_urls  # its own policy tab


def test_key_servers_disabled_private_reporting_and_a_docs_security_chapter_are_no_channel() -> None:
    cron = (
        "## Reporting a Vulnerability\n\nReport it in a private conversation [on Discord](https://discord.gg/x).\n\n"
        "The key is available from [keyserver.ubuntu.com](https://keyserver.ubuntu.com/pks/lookup?search=0xA6).\n"
    )
    assert _problems(cron) >= {"no-private-contact"}
    kanboard = (
        "# Security Policy\n\nPrivate vulnerability reporting on GitHub has been **disabled** due to a high "
        "volume of low-quality reports.\n\nSecurity issues are now treated as regular bugs.\n"
    )
    assert read_policy(kanboard).pvr == [] and "no-private-contact" in _problems(kanboard)
    doctrine = (
        "Security\n========\n\nPlease read the documentation chapter on Security.\n\n"
        "- [Latest security.rst page](https://github.com/doctrine/dbal/blob/4.0.x/docs/en/reference/security.rst)\n"
    )
    assert read_policy(doctrine, repo="doctrine/dbal").channel_urls == []
    odkr = "Please write an encrypted email\nto the @zoho.com address listed in my `PGP key`_.\n"
    assert read_policy(odkr, "SECURITY.rst").contact_hint is not None


def test_privacy_asked_over_line_breaks_or_by_waiting_but_not_by_naming_a_private_list() -> None:
    coder = (
        "- Provide us a reasonable amount of time (at least 90 days from the initial report) to\n"
        "  resolve the issue before you disclose it publicly;\n"
    )
    photoprism = "3. Wait before publishing details until everyone has had a chance to update.\n"
    german = "Wir bitten dich, uns Zeit zu geben, die Lücke zu beheben, bevor du sie öffentlich machst.\n"
    for text in (coder, photoprism, german):
        assert read_policy(text).private_wording, text
    meshery = (
        "To make a report, send an email to the private\n"
        "[security@meshery.dev](mailto:security@meshery.dev)\n"
        "mailing list. The fix happens in a private GitHub repository. The project maintains a mailing "
        "list for private early disclosure.\n"
    )
    assert not read_policy(meshery).private_wording
    negotiated = "A public disclosure date is negotiated by the maintainers and the bug submitter.\n"
    assert not read_policy(negotiated).private_wording


def test_runtime_tables_release_pages_and_conditions_state_no_support_but_refusing_backports_does() -> None:
    ruby = (
        "## Supported Versions\n\nWe support Ruby versions as below:\n\n| Version | Supported |\n"
        "| ------- | --------- |\n| 3.2.2 | :white_check_mark: |\n"
    )
    releases = (
        "## Supported Versions\n\nPlease see [Releases](https://github.com/sigp/lighthouse/releases/). We "
        "recommend using the [most recently released version](https://github.com/sigp/lighthouse/releases/latest).\n"
    )
    condition = (
        "#### Policy for unsupported releases\n\nIf a security vulnerability affects only a stable release "
        "which is no longer under active support, then the following process will apply.\n"
    )
    for text in (ruby, releases, condition):
        assert not read_policy(text).supported_versions, text
    radare = "We do not backport security fixes to old releases.\n"
    cncf = "- create a new release on top of the current last version released.\n"
    pointer = (
        "Supported Versions\n==================\n\nAnsible applies security fixes according to its support "
        "policy. Please find more information in `our docs <Ansible release and maintenance_>`_.\n"
    )
    for text in (radare, cncf):
        assert read_policy(text).supported_versions, text
    assert read_policy(pointer, "SECURITY.rst").supported_versions


def test_times_counted_after_the_patch_are_no_timeline_and_emails_addressed_is_a_response() -> None:
    elysia = "The advisory will be published publicly once patch is published after ~7 days.\n"
    ptero = (
        "We disclose it publicly, usually two to four weeks after a releasing a version that addresses it.\n"
    )
    assert read_policy(elysia).disclosure_days is None and read_policy(ptero).disclosure_days is None
    thingsboard = "Email security@thingsboard.io. Emails will be addressed within 3 business days.\n"
    assert read_policy(thingsboard).response_days is not None


def test_githubs_example_rows_among_the_projects_own_versions_are_edited() -> None:
    rows = "| 5.1.x | :x: |\n| 5.0.x | :x: |\n| 4.0.x | :x: |\n| < 4.0 | :x: |\n"
    head = "## Supported Versions\n\n| Version | Supported |\n|---|---|\n"
    assert read_policy(head + "| 8.x | :white_check_mark: |\n" + rows).github_template == []
    assert read_policy(head + rows).github_template


def test_a_scanners_security_badge_is_no_policy_badge_and_a_vendor_report_page_is_the_policy() -> None:
    bandit = (
        "bandit\n======\n\n.. image:: https://img.shields.io/badge/security-bandit-yellow.svg\n"
        "    :target: https://github.com/PyCQA/bandit\n    :alt: Security Status\n"
    )
    snap = Snapshot(RepoFacts("PyCQA", "bandit"), ("README.rst",), {"README.rst": bandit.encode()})
    assert checks.run_check("security-badge", snap, CheckContext()).status is Status.FAIL
    mongo = (
        "# x\n\nReport it according to the [instructions here]"
        "(https://www.mongodb.com/docs/manual/tutorial/create-a-vulnerability-report/).\n"
    )
    auth0 = "# x\n\nThe [Responsible Disclosure Program](https://auth0.com/whitehat) details the procedure.\n"
    assert policy_link_line(mongo) == 3 and policy_link_line(auth0) == 3
    advice = "# x\n\nSee https://cheatsheetseries.owasp.org/cheatsheets/Vulnerability_Disclosure_Cheat_Sheet.html\n"
    assert policy_link_line(advice) is None


def test_contacts_by_a_vdp_host_a_quoted_security_tab_or_addresses_in_a_gemspec() -> None:
    vdp = "Please report it using our [Vulnerability Disclosure Portal](https://vdp.gitguardian.com).\n"
    assert read_policy(vdp).channel_urls
    wazuh = 'Please submit your findings as security advisories under the "Security" tab.\n'
    assert read_policy(wazuh).pvr
    french = "Vous trouverez ces emails dans le fichier `dsfr-view-components.gemspec`.\n"
    assert read_policy(french).contact_hint is not None
    thales = "Describe here all the security policies in place on this repository.\n\n## Security Policy\n"
    assert read_policy(thales).placeholders


def test_privacy_in_capitals_by_severity_or_for_confidentiality_but_not_a_private_message_medium() -> None:
    asks = (
        "DO NOT DISCLOSE ANY SECURITY-RELATED ISSUES, ESPECIALLY NOT ON THE ISSUE TRACKER!\n",
        "**DO NOT, UNDER ANY CIRCUMSTANCES, TALK ABOUT THIS ISSUE WITH OTHER PEOPLE BEFORE THE PROBLEM HAS "
        "BEEN ADDRESSED!**\n",
        "Send email to security@dnspython.org.  For confidentiality, use the following public key:\n",
        "Email vector@timber.io. For non-critical matters, we prefer users open an issue.\n",
        "After making contact, communicate via Direct Messages to disclose the vulnerability.\n",
    )
    for text in asks:
        assert read_policy(text).private_wording, text
    describes = (
        "Contact 0x through one of:\n\n* email: team@0x.org\n* a private message on discord: https://d.gg/x\n",
        "Any issue that affects the confidentiality or integrity of user data is in scope.\n",
    )
    for text in describes:
        assert not read_policy(text).private_wording, text


def test_times_by_adjective_duration_work_days_hotfixes_and_replies_in_the_following_days() -> None:
    zettlr = "We acknowledge the industry-standard 90-day-disclosure window.\n"
    assert read_policy(zettlr).response_days is None and read_policy(zettlr).disclosure_days == 90
    meteor = "Your report will be acknowledged within 2 work days.\n"
    immutable = "I will try to reply to you in the following days.\n"
    helix = (
        "* Work with you (including an initial confirmation of your report within 72 hours of submission);\n"
    )
    kubearmor = "The team will send an initial response to the disclosure in 3-5 days.\n"
    for text in (meteor, immutable, helix, kubearmor):
        assert read_policy(text).response_days is not None, text
    assert read_policy(kubearmor).disclosure_days is None
    astropy = (
        "We will respond as soon as we are able. If accepted, we will work on a hotfix ASAP but that might "
        "still take a few weeks.\n"
    )
    assert read_policy(astropy).response_days is None and read_policy(astropy).disclosure_days is not None
    confirmed = (
        "Once the vulnerability and fix are confirmed, the team will release the fix in 7 to 28 days.\n"
    )
    assert read_policy(confirmed).disclosure_days == 28


def test_platforms_and_key_lifecycles_are_no_versions_but_no_support_or_the_next_release_is() -> None:
    platforms = (
        "## Supported Platforms\n\n- Release artifacts are validated on Debian stable and Ubuntu 24.04.\n"
    )
    keys = "## Signing key lifecycle\n\n- The private key is kept offline, only the current one is used.\n"
    for text in (platforms, keys):
        assert not read_policy(text).supported_versions, text
    none = "This mod is not supported by myself or any other person, and it comes as is.\n"
    edge = "Once merged into main, security updates will be available in the next edge release.\n"
    for text in (none, edge):
        assert read_policy(text).supported_versions, text


def test_an_asciidoc_readme_a_contact_page_security_anchor_and_a_disclosure_portal() -> None:
    snap = Snapshot(
        RepoFacts("k", "kitty"), ("README.asciidoc",), {"README.asciidoc": b"= kitty\n\nA terminal.\n"}
    )
    assert checks.run_check("security-badge", snap, CheckContext()).status is Status.FAIL
    vikunja = (
        "# v\n\nPlease use [the contact information on our website](https://vikunja.io/contact/#security).\n"
    )
    assert policy_link_line(vikunja) == 3
    portal = "# g\n\n- **Security Reports**: Use our [Vulnerability Disclosure Portal](https://vdp.gitguardian.com).\n"
    assert policy_link_line(portal) == 3


def test_contacts_in_a_code_block_under_a_colon_a_process_page_a_found_at_pointer_and_a_form_below() -> None:
    fenced = (
        "Report security vulnerabilities by emailing the lead maintainer at:\n\n```\nwill@proton.me\n```\n"
    )
    assert [h.text for h in read_policy(fenced).emails] == ["will@proton.me"]
    contour = (
        "## Reporting Security issues\nFor reporting security issues, please see the reporting process "
        "documentation available at https://projectcontour.io/resources/security-process.\n"
    )
    solidus = (
        "# Security policy\n\nYou can find the Solidus security policy at https://solidus.io/security.\n"
    )
    skipper = (
        "We host our bug bounty program on HackerOne, therefore please ask to join our program by filling "
        "this form:\n\nhttps://corporate.zalando.com/en/about-us/report-vulnerability\n"
    )
    for text in (contour, solidus, skipper):
        assert read_policy(text).channel_urls, text
    article = "We follow [responsible disclosure](https://www.bugcrowd.com/resource/what-is-responsible-disclosure/).\n"
    assert read_policy(article).channel_urls == []


def test_privacy_by_pgp_encryption_a_public_disclosure_embargo_or_sensitivity_but_not_as_an_option() -> None:
    asks = (
        "Please email all vulnerabilities to christina@cafkafk.com, with PGP encryption and signature.\n",
        "Safe harbour: reporting it to us and not publicly disclosing the issue until we've had a reasonable "
        "time to address it.\n",
        "For security concerns that are sensitive or otherwise outside the scope of public issues, please "
        "contact zipkin-admin@googlegroups.com.\n",
        "If the issue could have a security impact to BookStack instances, please directly contact the lead "
        "maintainer.\n",
    )
    for text in asks:
        assert read_policy(text).private_wording, text
    offers = (
        "If you wish to report it confidentially, you may do so by emailing `security@netboxlabs.com`.\n",
        "If you prefer to encrypt your security reports, you can use [this PGP public key](https://x.org/k).\n",
        "Or if you cannot find a private security contact for the project, you may escalate.\n",
        "The Ghost Security Team communicates privately and works in a secured, isolated repository.\n",
        "We host our bug bounty program on HackerOne, it is currently private.\n",
    )
    for text in offers:
        assert not read_policy(text).private_wording, text


def test_shortcodes_are_markup_an_email_at_somewhere_is_a_blank_and_scope_names_versions() -> None:
    hugo = '{{< details-start post-indent-details "More details.." >}}\nText.\n{{< details-end >}}\n'
    assert read_policy(hugo).placeholders == []
    assert read_policy("Contact us: <email AT somewhere or other channel>\n").placeholders
    netbox = "Please ensure that your report:\n\n* Affects the most recent stable release of NetBox\n"
    assert read_policy(netbox).supported_versions


def test_a_docs_security_guide_is_no_policy_link() -> None:
    qdrant = "Read our [security](https://qdrant.tech/documentation/security/) guides before deploying.\n"
    assert policy_link_line(qdrant) is None


def test_a_markdown_thematic_break_is_no_asciidoc_listing() -> None:
    text = (
        "# Security Policy\n\nIntroduction.\n\n" + "-" * 80 + "\n\n## Reporting\n\nReport it via "
        "[a draft advisory](https://github.com/o/r/security/advisories/new).\n\n" + "-" * 80 + "\n"
    )
    assert read_policy(text, "SECURITY.md").pvr
    assert not read_policy(text, "SECURITY.adoc").pvr  # AsciiDoc: a listing block


def test_contacts_on_a_homepage_or_github_profiles_and_advisories_in_the_repository() -> None:
    homepage = "Contact me via E-Mail ([address is on my homepage](https://sv443.net)).\n"
    profiles = "Please contact one of the maintainers using the email advertised on our GitHub profiles.\n"
    for text in (homepage, profiles):
        assert read_policy(text).contact_hint is not None, text
    aiosu = "Please contact me urgently at nice@aesth.dev or via security advisories in the repository.\n"
    assert read_policy(aiosu).pvr


def test_links_and_addresses_still_to_come_are_placeholders_and_table_columns_name_their_times() -> None:
    for text in (
        "- **Email:** `security@tekivex.com` (PGP key: [link when live])\n",
        "**Fallback:** _Add a contact email here (e.g. `security@club.com`)._\n",
    ):
        assert read_policy(text).placeholders, text
    table = (
        "## Response SLA\n\n| Audience | First response | Triage decision | Patch target |\n"
        "|---|---|---|---|\n"
        "| Public disclosure (community) | 3 business days | 7 business days | Next minor release |\n"
    )
    assert read_policy(table).response_days is not None and read_policy(table).disclosure_days is None
    steps = "| Step | SLA |\n|---|---|\n| Acknowledgment | < 48 hours |\n| Fix developed | < 14 days |\n"
    assert read_policy(steps).response_days == 2 and read_policy(steps).disclosure_days == 14
    jwt = "## Supported Version\n\nFixes come as a patch. Older affected versions may receive a patch.\n"
    assert read_policy(jwt).supported_versions


def test_a_status_update_is_news_for_the_reporter_not_a_fix_time() -> None:
    text = (
        "**Do not open a public GitHub issue for security vulnerabilities.**\n\nYou can expect:\n\n"
        "- **Acknowledgement** within 48 hours\n- **Status update** within 7 days\n"
    )
    reading = read_policy(text)
    assert reading.response_days == 2 and reading.disclosure_days is None


def test_a_backticked_setting_is_no_placeholder_but_a_role_address_at_a_generic_domain_is() -> None:
    firmware = "It fetches the image from fixed URLs (`CONFIG_TESLA_OTA_MANIFEST_URL` and a base URL).\n"
    assert read_policy(firmware).placeholders == []
    template = "Email the maintainers directly at `SECURITY_CONTACT_EMAIL` (the appropriate address).\n"
    assert [h.text for h in read_policy(template).placeholders] == ["SECURITY_CONTACT_EMAIL"]
    mailman = "If you believe you have found a vulnerability, please contact us at [security@email.com].\n"
    assert _problems(mailman) >= {"placeholder", "no-private-contact"}
    assert read_policy("Write to john.smith@email.com for anything else.\n").placeholders == []


def test_a_contact_on_the_maintainers_profile_and_an_embargo_asked_in_other_words() -> None:
    profile = (
        "- **Email**: Not listed to avoid scraping, please see my github profile to contact me or another "
        "member of the core contributors.\n"
    )
    assert read_policy(profile).contact_hint is not None
    for text in (
        "Please give the project contributors a chance to resolve the vulnerability and issue a new release "
        "prior to any public exposure.\n",
        "We request the disclosure of any security-related bugs be reported\nnon-publicly until such time as "
        "the issue can be resolved.\n",
    ):
        assert read_policy(text).private_wording, text


def test_the_teams_private_fork_is_no_request_and_no_private_reporting() -> None:
    selinux = (
        "In order to prevent an early disclosure of the problem, those working on the solution should do so "
        'privately. One possible solution to this is to leverage the GitHub "Security" functionality to '
        "create a private development fork that can be shared among the maintainers.\n"
    )
    reading = read_policy(selinux)
    assert not reading.private_wording and reading.pvr == []


def test_support_in_emphasis_counts_but_a_relative_clause_or_upkeep_advice_does_not() -> None:
    scapy = "Please note however that we only provide support for the **latest** version of Scapy (master).\n"
    assert read_policy(scapy).supported_versions
    salt = (
        "3. Fixes are implemented for all affected projects and releases that are actively supported. "
        "Back-ports of the fix are made to any old releases that are actively supported.\n"
    )
    upkeep = (
        "* **Security Updates:** Keep all used dependencies and frameworks (Spring Boot, security libraries, "
        "etc.) updated to the latest versions to ensure the application of security patches.\n"
    )
    for text in (salt, upkeep):
        assert not read_policy(text).supported_versions, text
    gowire = "Any released version of go-wire that is not marked as deprecated is actively supported.\n"
    assert read_policy(gowire).supported_versions


def test_being_contacted_is_a_response_and_a_timeline_for_a_fix_is_news() -> None:
    witness = (
        "1. You may be contacted by a maintainer to further discuss the reported item\n   within 3 days.\n"
    )
    assert read_policy(witness).response_days == 3
    simault = (
        "* **Acknowledgment:** We aim to acknowledge reports within 48 hours.\n"
        "* **Assessment:** We will assess the severity and provide an estimated timeline for a fix within "
        "5 business days.\n"
    )
    reading = read_policy(simault)
    assert reading.response_days == 2 and reading.disclosure_days is None


def test_a_badge_link_whose_text_breaks_before_its_bracket_is_linked() -> None:
    readme = (
        "# demo\n\n[![OpenSSF Scorecard](https://img.shields.io/ossf-scorecard/github.com/o/r?label=scorecard)\n"
        "](https://securityscorecards.dev/viewer/?uri=github.com/o/r)\n"
    )
    [badge] = find_badges(readme)
    assert badge.target == "https://securityscorecards.dev/viewer/?uri=github.com/o/r"


def test_template_letters_and_filler_are_placeholders_but_an_rst_role_target_is_not() -> None:
    rst = (
        "Supported Versions\n------------------\n\n.. list-table::\n   :header-rows: 1\n\n"
        "   * - Version\n     - Support Status\n   * - X.Y\n     - Critical fixes only\n"
    )
    reading = read_policy(rst, "SECURITY.rst")
    assert [h.text for h in reading.placeholders] == ["X.Y"] and not reading.supported_versions
    assert read_policy("| 5.1.x | :white_check_mark: |\n| X.Y | :x: |\n").supported_versions
    trino = "Please report security vulnerabilities to **security@trino.io**.\n\nBLA BLA BLA\n"
    assert read_policy(trino).placeholders
    mail = "You can report it to us by mail to mailto:xxx@yyyy.com[xxx].\n"
    assert _problems(mail, "SECURITY.adoc") >= {"placeholder", "no-private-contact"}
    patroni = "The parameters are covered in :ref:`settings <yaml_configuration>`.\n"
    assert read_policy(patroni, "SECURITY.rst").placeholders == []


def test_privately_through_github_and_a_policy_of_pointers_are_contacts() -> None:
    tweepy = "## Reporting\n\nSecurity vulnerabilities should be reported privately through GitHub.\n"
    assert read_policy(tweepy).pvr and "no-private-contact" not in _problems(tweepy)
    zeek = (
        "# Security Policy\n\nZeek's Security Policy is defined on our website at "
        "https://zeek.org/security-reporting/\n\nOur Security Release Process is further clarified at "
        "https://github.com/zeek/zeek/wiki/Security-Release-Process\n"
    )
    assert "no-private-contact" not in _problems(zeek, "SECURITY.md")
    advice = "# Security\n\nSee https://example.org/hardening for hardening.\n\nUse TLS everywhere.\n"
    assert "no-private-contact" in _problems(advice)


def test_time_asked_without_an_object_and_a_window_of_months_and_fixes_on_the_newest_release() -> None:
    cbor = (
        "Please email me and allow time for the problem to be resolved before reporting it to the public.\n"
    )
    assert read_policy(cbor).private_wording
    soupsieve = "Our policy is to fix related issues within our power on the most recent major release.\n"
    graphql = "We will backport critical bugfixes and security fixes for versions dating back 18 months.\n"
    for text in (soupsieve, graphql):
        assert read_policy(text).supported_versions, text
    help_section = "## Support\n\nFor configuration help, see the main README.md.\n"
    assert not read_policy(help_section).supported_versions


def test_a_release_cadence_notice_or_plan_is_no_fix_time_but_a_periodic_release_of_fixes_is() -> None:
    cadence = "We release new version every 2 weeks and sometimes sooner.\n"
    notice = "If the team releases out of sequence, at least two weeks\u2019 notice will be provided.\n"
    plan = "We aim to provide a remediation plan or decision within 4 weeks.\n"
    for text in (cadence, notice, plan):
        assert read_policy(text).disclosure_days is None, text
    assert read_policy("We provide a resolution or mitigation plan within 7 days.\n").disclosure_days == 7
    duckdb = "We disclose once a release is published with a fix. We publish a new release every few weeks.\n"
    assert read_policy(duckdb).disclosure_days is not None
    tensorflow = (
        "Vulnerabilities will, in general, be batched to be fixed at the same time as a quarterly release.\n"
    )
    assert read_policy(tensorflow).disclosure_days == 91


def test_a_private_cloud_a_name_kept_confidential_and_the_advisory_format_ask_nothing() -> None:
    for text in (
        'Cloud providers offer isolated networks, sometimes branded as "virtual private cloud."\n',
        "We credit reporters, although we keep your name confidential if you request it.\n",
    ):
        assert not read_policy(text).private_wording, text
    later = "In the future, we might sunset this list and only use GitHub's Security Advisory format.\n"
    assert read_policy(later).pvr == []


def test_a_long_top_level_domain_an_empty_mustache_and_a_pointer_with_a_typo() -> None:
    btcd = "To report security issues, send an email to security@lightning.engineering\n(not for support).\n"
    assert [h.text for h in read_policy(btcd).emails] == ["security@lightning.engineering"]
    basenative = "| XSS | Templates use {{ }} interpolation which is text-only |\n"
    assert read_policy(basenative).placeholders == []
    pointer = "# Security Policy\n\nYou will found the security policy [here](./docs/SECURITY.rst).\n"
    assert "no-private-contact" not in _problems(pointer)


def test_apples_report_form_is_no_github_private_reporting() -> None:
    pkl = (
        "Security vulnerabilities may be reported on the [Report a vulnerability]"
        "(https://security.apple.com/submit) form.\n"
    )
    assert read_policy(pkl).pvr == []
    github = "Use the [Report a vulnerability](https://github.com/o/r/security/advisories/new) form.\n"
    assert read_policy(github).pvr


def test_routing_other_reports_to_the_tracker_asks_for_the_private_route() -> None:
    for text in (
        "Critical vulnerabilities are best reported to simme@arcticbit.se.\n\n"
        "Non-critical vulnerabilities may be reported as regular GitHub issues.\n",
        "- **Alternative A:** Create a GitHub issue and ask the maintainer to reach out to you.\n"
        "  Avoid putting sensitive information in the issue.\n",
        "Please email security@timescale.com. Regular bug reports should be submitted as GitHub issues.\n",
    ):
        assert read_policy(text).private_wording, text
    snakecase = "Do not include confidential information in the e-mail.\n"
    assert not read_policy(snakecase).private_wording


def test_support_merged_into_branches_none_at_all_a_chinese_row_and_a_report_condition() -> None:
    for text in (
        "Security fixes are merged into active, non-EOL release branches as patch releases.\n",
        "## Supported Versions\n\nWe don't have a formal support policy for sites using the codebase.\n",
        "| 版本 | 支持状态 |\n|---|---|\n| 最新 Release | 提供安全修复 |\n",
        "Threats are only valid if:\n\n- SpiceDB is the latest version of the software\n",
        "Older pinned versions of the package will not receive back-ported security fixes.\n",
    ):
        assert read_policy(text).supported_versions, text
    podsalsa = "## Release verification\n\n> - **v0.9.0+**: signatures are stored as OCI referrers.\n"
    assert not read_policy(podsalsa).supported_versions
    advice = "### Version\n\nYou can set the variable manually or use the latest version with this command.\n"
    assert not read_policy(advice).supported_versions


def test_a_docs_sites_security_overview_is_no_policy_link() -> None:
    readme = (
        "> **Docs site:** [Security overview](https://pambrose.github.io/prometheus-proxy/security/) covers "
        "agent authentication.\n"
    )
    assert policy_link_line(readme) is None
    assert policy_link_line("| [docs/SECURITY.md](docs/SECURITY.md) | Threat model |\n") == 1


def test_an_address_used_in_the_commits_is_a_contact_and_the_csp_header_no_policy_link() -> None:
    gitoxide = (
        "Please inform me by writing an email to the @icloud.com email used in my commits. Thank you.\n"
    )
    assert read_policy(gitoxide).contact_hint is not None
    assert "no-private-contact" not in _problems(gitoxide)
    mermaid = (
        "Inline CSS may be blocked, depending on the [HTTP Content-Security-Policy header]"
        "(https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy).\n"
    )
    assert policy_link_line(mermaid) is None
    assert policy_link_line("See our [rules](https://example.com/security-policy).\n") == 1


def test_owners_in_the_npm_registry_are_a_contact_and_question_marks_a_blank_address() -> None:
    finalhandler = (
        "Report security bugs by emailing the current owner(s) of `finalhandler`. This\ninformation can be "
        "found in the npm registry using the command\n`npm owner ls finalhandler`.\n"
    )
    assert read_policy(finalhandler).contact_hint is not None
    assert "no-private-contact" not in _problems(finalhandler)
    clockwork = "You may submit the report in the following ways:\n\n- send an email to ???@???; and/or\n"
    assert read_policy(clockwork).placeholders


def test_privacy_offered_or_beside_a_public_issue_is_no_request() -> None:
    for text in (
        "You can report privately a vulnerability by email at daniel@lemire.me (current maintainer).\n",
        "You can privately report a vulnerability following this [procedure](https://docs.github.com/en/"
        "code-security/security-advisories/guidance-on-reporting-and-writing-information-about-"
        "vulnerabilities/privately-reporting-a-security-vulnerability).\nAlternatively you can create a "
        "Github issue at <https://github.com/ulikunitz/xz/issues>.\n",
        "Send a message to garrett@damore.org. A private message to `gdamore` on that channel may be "
        "submitted instead of mail.\n",
    ):
        assert not read_policy(text).private_wording, text
    form_only = "Report it through [the form](https://github.com/o/r/security/advisories/new).\n"
    assert read_policy(form_only).private_wording


def test_the_repositorys_security_page_and_a_vendors_labelled_report_page_are_policy_links() -> None:
    semver = "Privately disclose it through the [GitHub security page](https://github.com/Masterminds/semver/security).\n"
    msrc = "See [Report a Computer Security Vulnerability](https://technet.microsoft.com/en-us/security/ff852094.aspx).\n"
    for readme in (semver, msrc):
        assert policy_link_line(readme) == 1, readme


def test_a_bracketed_name_before_the_domain_is_a_blank_and_the_teams_advisory_step_no_channel() -> None:
    flowbiz = (
        "Please report it **privately** to:\n\n- **Email:** [maintainer-contact]@example.com\n\n"
        "6. **Notification:** Inform reporter and document in GitHub Security Advisories\n"
    )
    reading = read_policy(flowbiz)
    assert reading.placeholders and reading.pvr == []
    assert _problems(flowbiz) >= {"placeholder", "no-private-contact"}


def test_sensitive_details_sent_by_mail_ask_for_privacy_and_a_described_link_states_support() -> None:
    devfaq = (
        "Please open a GitHub issue.\n\nFor more sensitive information, for example exploitation details "
        "should be\nemailed to git@petermcdonald.co.uk.\n"
    )
    assert read_policy(devfaq).private_wording
    pointer = (
        "**[../SECURITY.md](../SECURITY.md)** \u2014 supported line, how to report a vulnerability "
        "privately, response expectations.\n"
    )
    assert read_policy(pointer).supported_versions


def test_a_severity_list_of_times_to_address_is_a_fix_time() -> None:
    ory = (
        "- **Security SLA:** Ory addresses vulnerabilities according to the following guidelines:\n"
        "  - Critical: Typically addressed within 14 days.\n  - High: Typically addressed within 30 days.\n"
    )
    reading = read_policy(ory)
    assert reading.disclosure_days == 30 and reading.response_days is None
    thingsboard = "Emails will be addressed within 3 business days.\n"
    assert read_policy(thingsboard).response_days is not None


def test_a_link_is_offered_by_its_own_sentence_or_the_sentences_using_its_reference() -> None:
    neutralino = (
        "## Supported Versions\n\nBinaries can be updated with [neu-cli](https://neutralino.js.org/docs/cli) "
        "easily. If any vulnerability is reported against your version, please update.\n\n"
        "## Reporting a Vulnerability\n\nPlease report it as a GitHub issue.\n"
    )
    assert read_policy(neutralino).channel_urls == []
    openzeppelin = (
        "# Security Policy\n\nSecurity vulnerabilities should be disclosed to the project maintainers "
        "through [Immunefi].\n\n[Immunefi]: https://immunefi.com/bounty/openzeppelin\n"
    )
    assert [h.text for h in read_policy(openzeppelin).channel_urls] == [
        "https://immunefi.com/bounty/openzeppelin"
    ]


def test_more_ways_to_ask_for_privacy_and_a_private_route_that_is_no_github_form() -> None:
    for text in (
        "Please refrain from publishing it publicly. Instead, kindly send us the details via email.\n",
        "Do not open a new GitHub issue if the bug is a security vulnerability.\n",
        "Please email us, allowing us a reasonable amount of time to investigate and address the issue "
        "before making any information public.\n",
        "Send reports to security@webmin.com via email, ideally PGP encrypted with the key from our site.\n",
        "Sensitive ones you can just email me at isaac@zoneminder.com. If it's not such a big deal, by all "
        "means, create an issue.\n",
        "Preferably send an email, or open an issue, though the latter means you are disclosing the "
        "vulnerability publicly before it can be fixed.\n",
        "When escalating on this list, please do not disclose the details of the issue.\n",
        "Please report vulnerabilities privately by emailing the maintainers or using GitHub's private "
        "vulnerability reporting feature.\n",
    ):
        assert read_policy(text).private_wording, text
    openrefine = (
        "You can privately report a vulnerability to us by sending a report to this private mailing list: "
        "security@openrefine.org.\n"
    )
    assert read_policy(openrefine).pvr == [] and not read_policy(openrefine).private_wording
    shadow = (
        "Use GitHub's private vulnerability-reporting or Security Advisory surface for this repository.\n"
    )
    assert read_policy(shadow).pvr


def test_contacts_in_the_commits_dates_to_come_a_fix_timeline_and_a_config_placeholder() -> None:
    validators = "- You can find his and other maintainers' email in the commits.\n"
    assert read_policy(validators).contact_hint is not None
    mautic = "| Branch | Released | Security Support Until\n|--|--|--|\n|2.16  | 30 Jan 2020 | TBD | TBD\n"
    assert read_policy(mautic).placeholders == []
    assert read_policy("| **Fingerprint** | TBD |\n").placeholders
    deusdata = "We will acknowledge your report within 48 hours and provide a fix timeline within 7 days.\n"
    assert read_policy(deusdata).disclosure_days is None
    config = "Edit `.mcp_keys.json` and replace the placeholder keys with your generated keys:\n"
    assert read_policy(config).placeholders == []
    assert read_policy("Security contact: (replace this placeholder)\n").placeholders


def test_a_markdown_policy_of_html_comments_only_shows_nothing() -> None:
    empty = "<!-- START /templates/security.md -->\n<!-- END /templates/security.md -->\n"
    assert ("unreadable", Status.FAIL, 1) in _policy(empty)
    assert ("unreadable", Status.FAIL, 1) not in _policy(empty, "SECURITY.rst")


def test_addresses_in_emphasis_or_with_an_umlaut_and_blanks_in_brackets_notes_or_alone() -> None:
    gotenberg = "Send details via email to _neuhart [dot] julien [at] gmail [dot] com_ with a subject.\n"
    pterodactyl = "Please email dane [\u00e4t] pterodactyl.io with the details.\n"
    for text in (gotenberg, pterodactyl):
        assert read_policy(text).emails, text
    for text in (
        "1. **Faites-le nous savoir :** Envoyez un e-mail \u00e0 [adresse-email] avec une description.\n",
        "- **Email**: Send details to the repository maintainer at [contact email - update this]\n",
        "* TODO: Add secure contact methods of others on the core team.\n",
    ):
        assert read_policy(text).placeholders, text
    assert read_policy("# Security Process for KCP\n\nTBD\n").placeholders
    assert read_policy("Email us: [email](mailto:security@openrefine.org)\n").emails
    webiny = "Requires `user-management-view-*` plugins // TODO - finish.\n"
    assert read_policy(webiny).placeholders == []


def test_an_opening_pointer_is_the_fuller_policy_and_advisory_databases_are_no_inbox() -> None:
    oxc = (
        "# Security Policy\n\nPlease refer to https://oxc.rs/docs/contribute/security.html for our "
        "established security practices.\n\n## Reporting a Vulnerability\n\nPlease join our Discord.\n"
    )
    assert [h.text for h in read_policy(oxc).channel_urls] == ["https://oxc.rs/docs/contribute/security.html"]
    mathjs = (
        "# Security\n\nWe take it seriously.\n\n## Usage risks\n\nRead more in the docs: "
        "https://mathjs.org/docs/expressions/security.html\n"
    )
    assert read_policy(mathjs).channel_urls == []
    rand = (
        "## Reporting a Vulnerability\n\nTo report a vulnerability, [open a new issue](https://github.com/o/r/"
        "issues/new). Once the issue is resolved, the vulnerability should be [reported to RustSec]"
        "(https://github.com/RustSec/advisory-db/blob/master/CONTRIBUTING.md).\n"
    )
    assert "no-private-contact" in _problems(rand)


def test_times_after_users_are_notified_and_reports_back_to_the_reporter() -> None:
    authelia = (
        "The advisory is published roughly 7 days after users have been notified the update is available.\n"
    )
    assert read_policy(authelia).disclosure_days is None
    hoppscotch = "The team shall report to you within 48 hours of receiving your report.\n"
    assert read_policy(hoppscotch).response_days == 2


def test_fixes_released_like_other_bugs_state_support_and_a_count_of_editions_does_not() -> None:
    kitty = (
        "## Supported Versions\n\nThere are no security specific releases of kitty. Security bugs are fixed\n"
        "and released just like all other bugs.\n"
    )
    assert read_policy(kitty).supported_versions
    wekan = "## Supported Versions\n\nThere are only 2 versions of Wekan: Standalone, and Sandstorm Wekan.\n"
    assert not read_policy(wekan).supported_versions
    assert read_policy("## Supported Versions\n\nOnly the latest version is supported.\n").supported_versions


def test_an_advisory_offered_for_discussion_beside_public_issues_is_a_contact_but_no_request() -> None:
    ecc = (
        "## Reporting a Vulnerability\n\nVulnerabilities can be reported through Github issues, here: "
        "https://github.com/o/r/issues.\nIf the issue is sensitive enough that the reporter thinks the "
        "discussion needs more confidentiality, we can discuss options there (e.g. On a Security Advisory "
        "or per e-mail).\n"
    )
    reading = read_policy(ecc)
    assert reading.pvr
    assert not reading.private_wording
    assert {"not-private"} <= _problems(ecc)
    assert "no-private-contact" not in _problems(ecc)
    # the same words over a link to the advisories list: the link is the channel
    secp = ecc.replace("https://github.com/o/r/issues.", "https://github.com/o/r/security/advisories")
    assert read_policy(secp).private_wording
    # a request is still a request
    asks = "If the issue is confidential, please e-mail security@example.org instead of opening an issue.\n"
    assert read_policy(asks).private_wording


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    from checks._policy_doc import SENTENCE_BREAK

    assert len(SENTENCE_BREAK.split("Use a channel (e.g. On a call) or i.e. Mail. Then wait.")) == 2


def test_other_reports_sent_to_public_issues_leave_the_named_form_a_request() -> None:
    text = (
        "## Reporting a Vulnerability\n\nUse the Report a vulnerability button in the Security tab.\n"
        "Feature requests can be reported through GitHub issues.\n"
    )
    assert read_policy(text).pvr
    assert read_policy(text).private_wording


def test_pointers_to_the_fuller_policy_by_a_note_or_a_link_target() -> None:
    note = (
        "# Security Policy\n\n> **Note**: For the full security policy, see [SECURITY.adoc](./SECURITY.adoc)."
        "\n\n## Reporting a Vulnerability\n\n1. **For critical vulnerabilities**: Contact the maintainer\n"
    )
    assert [h.text for h in read_policy(note).channel_urls] == ["./SECURITY.adoc"]
    clearflask = "# Security Policy\n\n*Check out our [main page](README.md#security).*\n"
    assert [h.text for h in read_policy(clearflask).channel_urls] == ["README.md#security"]
    # an address in angle brackets is no relative link to a policy
    wiki = (
        "## Reporting a Vulnerability\n\nWe use [full disclosure](<https://en.wikipedia.org/wiki/Full_disclosure"
        "_(computer_security)>) for reporting vulnerabilities. Therefore please submit vulnerability reports "
        "through our [issues section](https://github.com/o/r/issues/new).\n"
    )
    assert "no-private-contact" in _problems(wiki)


def test_the_advisory_form_by_its_menu_path_and_the_team_creating_one() -> None:
    assert read_policy("Use GitHub's private **Security → Report a vulnerability** flow.\n").pvr
    assert read_policy("Public users should then use **Security > Report a vulnerability**.\n").pvr
    defectdojo = (
        "* Let us know through our HackerOne [program](https://hackerone.com/o/reports/new).\n"
        '* Once we\'ve assessed your report, a member of our team will create a GitHub "security advisory", '
        "which will allow the reporter and the team to work on the issue in a confidential manner.\n"
    )
    reading = read_policy(defectdojo)
    assert reading.pvr == []
    assert not reading.private_wording


def test_requests_for_privacy_in_other_words() -> None:
    for request in (
        "Email me. It's also strongly recommended to _encrypt_ the contents using PGP.\n",
        "Filing an issue is fine, but please DO NOT include details of security problem in the issue.\n",
        "Email security@example.org, so please reach out before posting in a public space.\n",
    ):
        assert read_policy(request).private_wording, request
    offer = "You can report vulnerabilities privately to [security@example.org](mailto:security@example.org)."
    assert not read_policy(offer).private_wording


def test_periods_that_are_no_fix_time() -> None:
    retention = "**Mitigation:**\n- Rotate transcript files (default 30-day retention)\n"
    assert read_policy(retention).disclosure_days is None
    draft = (
        "Disclosure guidelines:\n- If you want to publicly share your research, you should share a draft "
        "with us for review at least 30 days prior to the publication date.\n"
    )
    assert read_policy(draft).disclosure_days is None
    upgrade = "* Details on the issue will be embargoed for 30 days to give users an oppurtunity to upgrade."
    assert read_policy(upgrade).disclosure_days is None
    assert read_policy("We publish a fix within 30 days of the report.\n").disclosure_days == 30


def test_support_stated_by_where_fixes_land() -> None:
    for statement in (
        "## Supported Versions\n\nWe accept vulnerability submissions for the [currently maintained release]"
        "(https://github.com/o/r/releases).\n",
        "Once a fix is ready, we will include the fix in our next release.\n",
        "## Supported scope\n\nSecurity fixes are delivered as reviewed source updates.\n",
    ):
        assert read_policy(statement).supported_versions, statement


def test_a_chinese_reporting_section_and_working_days_with_a_classifier() -> None:
    willseed = (
        "## 回報安全漏洞\n\n### 回報方式\n\n"
        "1. 前往此專案的 [Security Advisories](https://github.com/o/r/security/advisories) 頁面\n"
        "2. 點選「Report a vulnerability」按鈕\n\n"
        "### 回應時程\n\n- **初步確認**：我們會在 **3 個工作天內**回覆您的報告\n"
    )
    reading = read_policy(willseed)
    assert reading.pvr
    assert reading.response_days is not None and 4 <= reading.response_days <= 5


def test_asking_for_responsible_disclosure_and_a_public_escalation_without_details() -> None:
    for request in (
        "E-mail us. We kindly ask you to respect [responsible disclosure](https://e.org) practices.",
        "Forums are public areas. When escalating in these venues, please do not\ndiscuss your issue.",
    ):
        assert read_policy(request + "\n").private_wording, request
    assert not read_policy("E-mail us. We appreciate your responsible disclosure.\n").private_wording


def test_no_reaction_within_a_time_is_an_escalation_clause() -> None:
    pypdf = "If you do not get a reaction within 30 days, please open a public issue on GitHub.\n"
    assert read_policy(pypdf).response_days == 30


def test_routing_by_sensitivity_or_away_from_the_tracker_asks_for_privacy() -> None:
    cue = 'Sensitive security-related issues should be reported to <a\nhref="mailto:s@example.org">s</a>.'
    dolt = (
        "These panics are bugs. Please report them in GitHub Issues.\n\nA panic a caller cannot recover from "
        "is a security issue. Please report those to the address below instead.\n\nMail s@example.org.\n"
    )
    for text in (cue + "\n", dolt):
        assert read_policy(text).private_wording, text
    assert read_policy("Report it via Github Security Disclosure.\n").pvr


def test_a_response_to_vulnerability_disclosures_and_fixes_not_back_ported() -> None:
    hickory = (
        "The team will make every effort to respond to vulnerability disclosures within 5\nworking days. "
        "After initial triage, we will work with the reporting researcher on a disclosure time-frame.\n"
    )
    reading = read_policy(hickory)
    assert reading.response_days == 7 and reading.disclosure_days is None
    assert read_policy("## Supported Versions\n\nSecurity fixes are not back-ported.\n").supported_versions
    assert read_policy(
        "== 脆弱性の報告\n\n修正版はこのリポジトリで公開します。\n", "SECURITY.adoc"
    ).supported_versions


def test_another_products_policy_in_a_readme_is_no_link_to_this_one() -> None:
    cue = "We support the two most recent Go releases,\nmatching Go's [security policy](https://go.dev/doc/security/policy).\n"
    assert policy_link_line(cue) is None
    assert policy_link_line("Read [our security policy](https://example.org/security-policy).\n") == 1


def test_chat_links_people_pages_and_issue_guides_are_no_inbox_but_a_bold_address_is() -> None:
    selenium = (
        "## Reporting a Vulnerability\n\nIf you have found a security vulnerability, please come speak to\n"
        "us on [Slack](https://selenium.dev/support).\n\nOne of the [TLC members](https://www.selenium.dev/project/"
        "structure/#tlc)\nwill send you a direct message.\n\nSee [CONTRIBUTING.md](https://github.com/o/r/blob/"
        "trunk/CONTRIBUTING.md#issue-contributions)\n"
    )
    assert "no-private-contact" in _problems(selenium)
    owncloud = (
        "## Reporting a Vulnerability\n\n**Do NOT open a public GitHub issue for security issues.**\n\n"
        "Please report security issues responsibly via:\n**<https://security.owncloud.com>**\n"
    )
    assert [h.text for h in read_policy(owncloud).channel_urls] == ["https://security.owncloud.com"]
    assert read_policy("Report to email: security |at| v2fly.org.\n").emails


def test_more_support_statements_and_requests() -> None:
    for statement in (
        "## Scope\n\nThis policy applies to the latest stable release of Almandine.\n",
        "## What happens next\n\nFixes go into the current release.\n",
    ):
        assert read_policy(statement).supported_versions, statement
    readonlyrest = (
        "## Supported Versions\n\nUnless we release critical security updates. Users should check the log "
        "in our [download page](https://example.org/download).\n"
    )
    assert not read_policy(readonlyrest).supported_versions
    assert read_policy(
        "> **Please avoid using GitHub issues to report security vulnerabilities.**\n"
    ).private_wording
    rke2 = "Email s@example.org. You may (but are not required to) use the GPG key for encrypted mail.\n"
    assert not read_policy(rke2).private_wording


def test_a_count_of_our_business_days() -> None:
    text = "We will acknowledge receipt of your report within one of our business days as soon as possible.\n"
    assert read_policy(text).response_days == 1.4


def test_privacy_by_severity_by_other_reports_and_by_a_ban_on_disclosure() -> None:
    mailu = (
        "## Reporting a Vulnerability\n\nSevere security issues can be reported via security @ mailu.io .\n"
        "For Minor security issues create an issue in the Mailu/Mailu repository.\n"
    )
    reading = read_policy(mailu)
    assert reading.emails and reading.private_wording
    for request in (
        "Contact s@e.org. For feature requests, support questions or other issues, [please use GitHub](https://x).",
        "No vulnerability disclosure, including partial is allowed for the moment.",
    ):
        assert read_policy(request + "\n").private_wording, request
    assert not read_policy("Mail s@e.org. Your reports are kept confidential.\n").private_wording


def test_a_policy_preferring_public_reports_asks_for_no_private_ones() -> None:
    ladybird = (
        "Bugs can be safely disclosed publicly. The preference is to report security issues as "
        "[GitHub issues](https://github.com/o/r/issues/new).\n\nHowever, private vulnerability reporting "
        "is also enabled. You may report it privately. Those who report issues privately will be credited.\n"
    )
    reading = read_policy(ladybird)
    assert reading.pvr and not reading.private_wording


def test_the_reporters_deadline_and_a_main_feature_are_no_timeline_or_support() -> None:
    bounty = "Any vulnerability found must be reported no later than 24 hours after discovery.\n"
    assert read_policy(bounty).disclosure_days is None
    design = "## 3.6 Support For Multiple Extensions\n\nThe main feature missing is IPC ABIs.\n"
    assert not read_policy(design).supported_versions


def test_a_hash_without_a_space_is_no_heading_and_addresses_without_their_dot() -> None:
    sonarr = (
        "Please report security vulnerabilities on Discord to\neither markus101\n#2148 or via email: "
        "security@sonarr.tv. You will receive a response from\nus within 72 hours.\n"
    )
    reading = read_policy(sonarr)
    assert reading.response_days == 3 and reading.disclosure_days is None
    assert read_policy("For any reports, contact us at:\ncontact @ octavolabs com.\n").emails


def test_a_wait_for_users_to_update_and_a_key_to_use() -> None:
    remix = (
        "The process:\n\n- We'll publish a new version with a fix\n- After a period of time, potentially up "
        "to a month or so, we'll publish the advisory\n  - This gives application developers time to update "
        "their applications\n"
    )
    assert read_policy(remix).disclosure_days is None
    zebra = "Please submit issues to security@zfnd.org, using the following PGP Key:\n"
    assert read_policy(zebra).private_wording
    rabbit = (
        "We investigate reports that affect one of the [supported release series](https://e.org/versions).\n"
    )
    assert read_policy(rabbit).supported_versions


def test_readme_links_to_other_security_documents_are_no_policy_link() -> None:
    assert policy_link_line("- [ojs-security.md](spec/ojs-security.md) (Security Considerations)\n") is None
    docs = "For our security model, see our [security documentation](https://docs.example.dev/security).\n"
    assert policy_link_line(docs) is None
    assert policy_link_line("- [docs/security.md](docs/security.md): threat model.\n") == 1


def test_earlier_versions_requests_and_a_wrapped_aside_that_is_no_template_note() -> None:
    for request in (
        "Mail s@e.org. You can also use the regular issue tracker if the risk of early publication is low.",
        "Please report your findings OpenPGP encrypted.",
        "Email s@e.org. **Please Do Not Log An Issue** mentioning the vulnerability.",
    ):
        assert read_policy(request + "\n").private_wording, request
    pypdf = (
        "If you find a potential security issue, please report it to info@m.de\n(the current maintainer).\n"
    )
    assert read_policy(pypdf).placeholders == []
    assert read_policy("## Reporting\n\n(How to report vulnerabilities.)\n").placeholders


def test_npm_ranges_in_a_table_without_outer_pipes_state_support() -> None:
    cacheable = (
        "## Supported Versions\n\nThe following versions of the `cacheable` mono repository are currently "
        "being supported with security updates:\n\n"
        "Package | Supported Versions\n--- | ---\n`cacheable-request` | ^12\n"
    )
    assert read_policy(cacheable).supported_versions


def test_addresses_obfuscated_in_any_bracket() -> None:
    for address in (
        "security {at} example.org",
        "security <at> example.org",
        "security@example[.]org",
        "security _at_ example.org",
        "security {at} example {dot} org",
        "security |at| v2fly.org",
    ):
        text = f"Please report vulnerabilities by email to {address.replace('example', 'acme')}.\n"
        assert read_policy(text).emails, address


def test_the_advisory_form_named_in_more_words() -> None:
    for words in (
        "Please report it via GitHub's vulnerability reporting.",
        "Please report it privately via GitHub.",
        "Please submit a report via GitHub Security.",
        "Report security issues using GitHub's private reporting.",
        "Please report vulnerabilities using private reporting on GitHub.",
        "Please file a private report at Security > Advisories.",
        "Please create a draft advisory.",
    ):
        assert read_policy(f"## Reporting a Vulnerability\n\n{words}\n").pvr, words
    assert not read_policy("## Reporting a Vulnerability\n\nOur team will create a draft advisory.\n").pvr


def test_pointers_to_the_fuller_policy_in_more_words() -> None:
    for words in (
        "Our security policy is at [docs/SECURITY.md](docs/SECURITY.md).",
        "Details are in [SECURITY.adoc](./SECURITY.adoc).",
        "Our security policy: https://acme.dev/security",
    ):
        assert read_policy(f"# Security Policy\n\n{words}\n", "SECURITY.md", "acme/widget").channel_urls, (
            words
        )
    # a security chapter of the docs mentioned in passing is no pointer
    advice = "# Security\n\nWe care.\n\n## Usage risks\n\nDetails are in [the guide](docs/usage.md).\n"
    assert read_policy(advice, "SECURITY.md", "acme/widget").channel_urls == []


def test_an_address_found_in_the_project_metadata_is_a_contact_by_reference() -> None:
    akari = "You can find the maintainers' contact email address in the `pyproject.toml` file.\n"
    assert read_policy(akari).contact_hint is not None
    assert "no-private-contact" not in _problems("## Reporting a Vulnerability\n\n" + akari)


def test_a_bare_imperative_to_use_the_latest_version_is_advice() -> None:
    for advice in ("Use the latest version.", "Upgrade to the latest release."):
        assert not read_policy(f"## Supported Versions\n\n{advice}\n").supported_versions, advice
    assert read_policy("## Supported Versions\n\nOnly the latest version is supported.\n").supported_versions


def test_requests_for_privacy_in_more_words() -> None:
    for request in (
        "Please refrain from disclosing the issue publicly until we have addressed it.",
        "Security issues should not be reported via GitHub issues.",
        "We ask that you not share the vulnerability with others until it is fixed.",
        "Do not post it on GitHub.",
    ):
        assert read_policy(f"Email s@acme.dev. {request}\n").private_wording, request
    assert not read_policy("Email s@acme.dev. Fixes are posted on GitHub.\n").private_wording


def test_a_tbd_cell_in_a_schedule_is_a_choice_to_make_not_a_blank() -> None:
    plan = "## Audits\n\n| Audit | Vendor | When |\n|---|---|---|\n| Frontend review | TBD | Q1 2026 |\n"
    assert read_policy(plan).placeholders == []
    contact = "## Contact\n\n| Channel | Value |\n|---|---|\n| Fingerprint | TBD |\n"
    assert read_policy(contact).placeholders


def test_template_notes_and_labels_for_a_contact_are_blanks() -> None:
    for blank in (
        "Email: s@acme.dev (replace with a monitored inbox you control).",
        "Direct contact: [Maintainer email]",
        "GitHub Security Advisories: [Repository URL]",
    ):
        assert read_policy(f"## Reporting\n\n{blank}\n").placeholders, blank
    # a label defined as a reference link is a link
    linked = "## Reporting\n\nWrite to [security email].\n\n[security email]: mailto:s@acme.dev\n"
    assert read_policy(linked).placeholders == []


def test_a_constant_naming_where_the_value_is_written_is_no_blank() -> None:
    assert read_policy("Send an email to security@<ACME_DOMAIN_IN_README>\n").placeholders == []
    assert read_policy("Send an email to security@<ACME_DOMAIN>\n").placeholders


def test_a_constant_in_backticks_is_a_blank_only_when_it_names_a_contact() -> None:
    scope = "## Scope\n\nLeaking your own `DATABASE_URL` is not a vulnerability in the runner.\n"
    assert read_policy(scope).placeholders == []
    assert read_policy(
        "## Reporting\n\nEmail `SECURITY_CONTACT_EMAIL` to report a vulnerability.\n"
    ).placeholders


def test_an_address_broken_up_by_code_spans_is_a_contact() -> None:
    lowdefy = "## Reporting\n\n- E-mail your findings to ` security``[at]``acme``[dot] `dev`.\n"
    assert read_policy(lowdefy).emails


def test_a_teams_contact_page_is_a_channel() -> None:
    text = "## Reporting a Vulnerability\n\nPlease follow the instructions at\nhttps://access.acme.com/security/team/contact\n"
    assert read_policy(text).channel_urls
    people = "## Reporting a Vulnerability\n\nReport it to one of https://acme.dev/team/maintainers\n"
    assert read_policy(people).channel_urls == []


def test_the_security_tab_offered_by_a_sentence_that_goes_on_from_the_one_before() -> None:
    shlink = (
        "## Reporting a Vulnerability\n\nDo not report potential vulnerabilities as public issues. Instead, "
        "do it through https://github.com/acme/widget/security\n"
    )
    assert read_policy(shlink).pvr
    assert not read_policy(
        "## Links\n\nWe like it. Instead, see https://github.com/acme/widget/security\n"
    ).pvr


def test_the_security_tab_linked_by_reference() -> None:
    text = (
        "# Reporting Security Issues\n\nPlease use [Security Advisories][advisories]\nto report any security "
        "issues.\n\n[advisories]: https://github.com/acme/widget/security/advisories\n"
    )
    assert read_policy(text).pvr
    assert "no-private-contact" not in _problems(text)


def test_policy_and_badge_read_a_reference_definition_alike() -> None:
    definitions = (
        "[advisories]: <https://github.com/acme/widget/security/advisories>\n"
        "\t[card]:\t<https://api.securityscorecards.dev/projects/github.com/acme/widget/badge>\n"
        "[todo]:\n"
    )
    assert reference_targets(definitions) == {
        "advisories": "https://github.com/acme/widget/security/advisories",
        "card": "https://api.securityscorecards.dev/projects/github.com/acme/widget/badge",
    }
    policy = "# Reporting\n\nPlease use [Security Advisories][advisories] to report issues.\n\n" + definitions
    assert read_policy(policy).pvr
    readme = "# Widget\n\n[![Scorecard][card]][advisories]\n\n" + definitions
    assert [(b.kind, b.target) for b in find_badges(readme)] == [
        ("openssf-scorecard", "https://github.com/acme/widget/security/advisories")
    ]


def test_a_pointer_to_another_repository_of_the_owner_is_the_fuller_policy() -> None:
    nostr = (
        "# Reporting a Vulnerability\n\nFor security vulnerability reporting and our complete security "
        "policy, please see: https://github.com/acme/guidelines\n"
    )
    assert read_policy(nostr, "SECURITY.md", "acme/widget").channel_urls
    assert read_policy(nostr, "SECURITY.md", "other/widget").channel_urls == []
    assert read_policy(nostr.replace("guidelines", "widget"), "SECURITY.md", "acme/widget").channel_urls == []


def test_a_link_that_reports_is_a_tool_and_mail_handled_is_no_offer() -> None:
    ssl = "# Guide\n\n* HTTPS: The [SSL Labs test](https://ssllabs.com/test) should report an A+ grade.\n"
    assert read_policy(ssl).channel_urls == []
    filters = (
        "# Security Guide\n\n### Filters\n\nEmail is bounced if the sender's IP address is listed in the "
        "[Zen blacklist](http://www.spamhaus.org/zen/).\n"
    )
    reading = read_policy(filters)
    assert reading.channel_urls == [] and reading.contact_hint is None
    bcrypt = "## Reporting\n\nPlease mail it to one of the maintainers listed in the README.\n"
    assert read_policy(bcrypt).contact_hint is not None


def test_requests_for_privacy_by_embargo_route_or_encryption() -> None:
    for request in (
        "They do not publish the vulnerability prior to the release of a fix.",
        "We ask that they not be publicly reported using Github issues.",
        "Please do not report security issues directly on GitHub but using the channels below.",
        "Please do NOT reveal any potential security issue in a Widget github issue.",
        "Send the details rather than posting any details in the public issue tracker.",
        "Encrypt sensitive information using our PGP public key.",
    ):
        assert read_policy(f"Email s@acme.dev. {request}\n").private_wording, request


def test_the_teams_promises_and_suggestions_are_no_requests() -> None:
    for words in (
        "We will investigate all reports promptly and maintain strict confidentiality during our process.",
        "The information you share with the core contributors will be kept confidential within the team.",
        "You may want to privately disclose it instead of making it immediately public.",
    ):
        assert not read_policy(f"Email s@acme.dev. {words}\n").private_wording, words


def test_supported_versions_stated_by_where_fixes_go_or_what_reports_may_concern() -> None:
    for words in (
        "Security fixes should be applied on the default branch.",
        "Security issues are fixed quickly, and the fixes are propagated to the stable branches.",
        "| Fix backports | as feasible to released versions |",
        "- Only report vulnerabilities in official release versions (branch `release/2.1`).",
    ):
        assert read_policy(f"# Security Policy\n\n{words}\n").supported_versions, words
    assert not read_policy(
        "# Security\n\nSecurity updates will be released on a regular cadence.\n"
    ).supported_versions


def test_supported_versions_by_reference_under_a_branches_heading_or_to_a_table_of_branches() -> None:
    for text in (
        "## Maintained branches\n\nOnly the maintained branches, as listed in [B.md](B.md), get fixes.\n",
        "## Supported Versions\n\nThe list of supported versions can be found [here](https://acme.dev/download/).\n",
        "## Supported Versions\n\nThe team applies security fixes according to the table in [the guide](\n"
        "https://guide.acme.dev/#status-of-branches\n).\n",
    ):
        assert read_policy(text).supported_versions, text
    redis = "## Supported Versions\n\nSee [Supported Redis Versions](https://x.dev/SUPPORTED_REDIS_VERSIONS.md).\n"
    assert not read_policy(redis).supported_versions


def test_the_files_a_release_ships_are_no_list_of_versions() -> None:
    text = (
        "## Per-release artifacts\n\n| Suffix | Purpose |\n| --- | --- |\n| `.spdx.json` | SPDX 2.3 SBOM |\n"
    )
    assert not read_policy(text).supported_versions


def test_a_table_without_outer_pipes_is_read_as_rows() -> None:
    text = "# Security Policy\n\nVersion|Support status\n-----:|:----:\n`0.x`    |:white_check_mark:\n"
    assert [b.kind for b in blocks(text, True)] == ["heading", "row", "row", "row"]
    assert read_policy(text).supported_versions
    assert [b.kind for b in blocks("# T\n\nEither a | b or c.\nMore prose.\n", True)] == [
        "heading",
        "paragraph",
    ]


def test_a_promise_an_update_alone_keeps_is_no_fix_time() -> None:
    nabla = "We reply within 3 days and aim to provide a status update or resolution within 14 days.\n"
    reading = read_policy(nabla)
    assert reading.response_days is not None and reading.disclosure_days is None
    assert read_policy("We aim to provide a resolution within 14 days.\n").disclosure_days == 14


def test_one_time_for_review_and_fix() -> None:
    reading = read_policy("Most vulnerabilities are reviewed and resolved within 48 hours.\n")
    assert reading.response_days == 2 and reading.disclosure_days == 2


def test_notice_before_the_release_is_no_fix_time() -> None:
    litellm = "Subscribers receive advance notice, typically one to two days, before we release a fix.\n"
    assert read_policy(litellm).disclosure_days is None


def test_a_disclaimer_after_the_duration_hedges_it_one_before_withdraws_it() -> None:
    hedged = (
        "While we will work to remediate the reported vulnerability within 90 business days from the "
        "acknowledgment of the report, being a team of volunteers, we cannot guarantee this timeline.\n"
    )
    assert read_policy(hedged).disclosure_days is not None
    withdrawn = "There is no guaranteed response time - sometimes reports are handled within 2 days.\n"
    assert read_policy(withdrawn).response_days is None


def test_an_escalation_after_nobody_gets_back() -> None:
    text = "We have no official turnover time, but if nobody gets back to you within a week please write.\n"
    assert read_policy(text).response_days == 7


def test_a_path_template_and_a_sample_login_are_no_blanks() -> None:
    rst = "Deletion guards\n---------------\n\nIt must be inside ``<tool_dir>/.suffixed/`` only.\n"
    assert read_policy(rst, "docs/security.rst").placeholders == []
    login = "## Demo\n\n- **Test User:** ``einstein@example.com`` / ``password1234``\n"
    assert read_policy(login, "docs/security.rst").placeholders == []
    assert read_policy("## Reporting\n\nEmail security@example.com.\n").placeholders


def test_a_restructuredtext_link_labelled_as_the_security_policy() -> None:
    bcrypt = (
        "Security\n========\n\n``widget`` follows the `same security policy as acme`_, if you find one.\n\n"
        ".. _`same security policy as acme`: https://acme.dev/en/latest/security.html\n"
    )
    assert policy_link_line(bcrypt) == 4
    inline = "Read `the security policy <https://acme.dev/security.html>`_ first.\n"
    assert policy_link_line(inline) == 1
    assert policy_link_line("We have a `security policy`_ somewhere.\n") is None  # no target: no link


def test_more_readings_of_fixes_notices_and_requests() -> None:
    assert read_policy("High vulnerabilities will be remedied within 7 days.\n").disclosure_days == 7
    langflow = (
        "- If you present your research, share a draft with us at least 30 days in advance for review\n"
    )
    assert read_policy(langflow).disclosure_days is None
    weave = (
        "Email s@acme.dev. We ask that reporters act in good faith by not disclosing the issue to others.\n"
    )
    assert read_policy(weave).private_wording
    promise = "Email s@acme.dev. Your report will be kept confidential and not disclosed to third parties.\n"
    assert not read_policy(promise).private_wording


def test_the_public_advisory_database_is_no_reporting_form() -> None:
    chaos = (
        "## Disclosure policy\n\n1. After the fix is merged, the issue will be publicly posted in the "
        "GitHub Advisory Database.\n"
    )
    assert read_policy(chaos).pvr == []


def test_placeholder_addresses_in_other_languages() -> None:
    text = "Em vez disso, envie um e-mail diretamente para `seu-email@dominio.com`.\n"
    assert read_policy(text).placeholders


def test_the_advisory_form_named_in_chinese() -> None:
    text = "# 安全问题\n\n请通过 GitHub 仓库的私密安全渠道联系维护者，并提供复现步骤。\n"
    assert read_policy(text).pvr
    assert "no-private-contact" not in _problems(text)


def test_requests_for_privacy_by_routing_or_a_hedged_encryption() -> None:
    for request in (
        "**Do not publicly disclose the vulnerability.**",
        "If you have a sensitive security issue or are unsure if it is sensitive, please email it to us.",
        "Issues only in feature testing branches should be reported via the GitHub issue tracker.",
        "We ask the reporter to send it directly to us, if possible encrypted with the following GnuPG key.",
    ):
        assert read_policy(f"Email s@acme.dev. {request}\n").private_wording, request


def test_fixes_developed_in_private_are_the_teams_practice() -> None:
    gocd = "Report to https://hackerone.com/a. Fixes are made in public rather than developed in private.\n"
    assert not read_policy(gocd).private_wording
    published = (
        "## Known issues\n\nMany are available as [GitHub Security Advisories]"
        "(https://github.com/acme/w/security/advisories).\n"
    )
    assert read_policy(published).pvr == []


def test_a_fix_time_counted_from_discovery_is_the_teams() -> None:
    assert read_policy("- We aim to release fixes within 90 days of discovery\n").disclosure_days == 90
    deadline = "Any vulnerability found must be reported no later than 24 hours after discovery.\n"
    assert read_policy(deadline).disclosure_days is None


def test_a_private_report_first_before_a_public_issue() -> None:
    text = "To report a vulnerability email (<s@acme.dev>) before opening public issues on the repo.\n"
    assert read_policy(text).private_wording


def test_an_embargo_window_asked_of_the_reporter() -> None:
    reading = read_policy("Email s@acme.dev. Please always disclose responsibly and with a 90+ day window.\n")
    assert reading.private_wording and reading.disclosure_days == 90


def test_a_policy_link_labelled_as_a_guide_counts_when_it_is_how_to_report() -> None:
    oracle = (
        "## Security\n\nPlease consult the [security guide](./SECURITY.md) for our responsible security\n"
        "vulnerability disclosure process.\n"
    )
    assert policy_link_line(oracle) == 3
    checklist = "Read the full [security checklist](./docs/security.md) before deploying.\n"
    assert policy_link_line(checklist) is None


def test_privacy_asked_in_other_words_and_privacy_that_is_the_teams_own() -> None:
    yoast = (
        "Email s@acme.dev.\n\nPlease do not discuss any vulnerabilities (even fixed ones) without consent.\n"
    )
    assert read_policy(yoast).private_wording
    split = (
        "Please report vulnerabilities to [s@acme.dev](mailto:s@acme.dev).\n\n## Security Enhancements\n\n"
        "For security enhancements (not vulnerabilities), you may use the [Issue Tracker](https://github.com/a/b/issues).\n"
    )
    assert read_policy(split).private_wording
    tracks = (
        "All security bugs should be reported by email to s@acme.dev.\n\nIssues are put in the "
        "**PUBLIC**, **PRIVATE**, or **URGENT** track.\n\n**PRIVATE** track issues are fixed in the next "
        "minor release, and are kept private until then.\n"
    )
    assert not read_policy(tracks).private_wording
    assert read_policy("Email s@acme.dev. KEEP IT PRIVATE UNTIL WE RELEASE A FIX.\n").private_wording


def test_private_reporting_offered_beside_an_issue_is_an_option() -> None:
    text = (
        "## Reporting a Vulnerability\nOpen an issue explaining the vulnerability.\n"
        "This repo also supports [privately reporting vulnerabilities](https://github.com/a/b/security/advisories/new).\n"
    )
    reading = read_policy(text)
    assert reading.pvr and not reading.private_wording
    form_only = (
        "## Reporting a Vulnerability\nUse [the form](https://github.com/a/b/security/advisories/new).\n"
    )
    assert read_policy(form_only).private_wording


def test_support_stated_by_backports_to_maintained_lines_all_published_versions_or_a_linked_list() -> None:
    def supported(text: str) -> bool:
        return read_policy("Email s@acme.dev.\n\n" + text).supported_versions

    assert supported(
        "For backporting fixes to our LTM releases, please see our [policy](./docs/security.md).\n"
    )
    assert not supported(
        "A contact address is given for packagers who need advice back-porting patches to older versions.\n"
    )
    assert supported(
        "We currently accept reports for vulnerabilities on all published versions of the project.\n"
    )
    assert supported(
        "* Ensure they impact a supported version of [vCluster](https://www.vcluster.com/docs/supported_versions)\n"
    )
    assert not supported("* Ensure they impact the product.\n")


def test_a_readers_own_value_in_code_is_no_blank_but_a_key_still_to_be_published_is() -> None:
    iam = (
        "Email s@acme.dev.\n\n## Restricting Permissions\n\n| Mode | Resource |\n|---|---|\n"
        "| `GEO_ONLY` | `arn:aws:bedrock:YOUR_REGION:*:*` |\n"
    )
    assert read_policy(iam).placeholders == []
    assert read_policy("## Reporting\n\nEmail `YOUR_EMAIL` to report a vulnerability.\n").placeholders
    key = "Email s@acme.dev.\n\n```\nhttps://acme.dev/pgp-key.asc\nFingerprint: [TO BE PUBLISHED]\n```\n"
    assert [h.text for h in read_policy(key, "SECURITY.md").placeholders] == ["[TO BE PUBLISHED]"]


def test_a_fix_released_within_days_and_a_couple_of_days_without_the_article() -> None:
    text = (
        "The reported vulnerability will be triaged immediately.\n"
        "A security update will be released within 30 days or earlier, after the vulnerability is accepted.\n"
    )
    reading = read_policy(text)
    assert reading.disclosure_days == 30 and reading.response_days is None
    assert read_policy("We usually address security issues within couple days.\n").disclosure_days == 2


def test_a_vendors_bug_bounty_programme_page_is_where_to_report() -> None:
    readme = "## Reporting Security Issues\n\nTo disclose an issue, [please report via HackerOne](https://hackerone.com/acme/).\n"
    assert policy_link_line(readme) == 3
    assert policy_link_line("Thanks to [HackerOne](https://hackerone.com/) for hosting.\n") is None


def test_githubs_private_reporting_named_as_a_feature_and_contacts_kept_in_linked_files() -> None:
    nio = "Please report it to us using the GitHub private vulnerability feature.\n"
    assert read_policy(nio).pvr
    prism = (
        "## Reporting a Vulnerability\n\n**_DO NOT CREATE AN ISSUE_** to report a vulnerability.\n\n"
        "Instead, please send an email to at least one of [Prism's maintainers](MAINTAINERS.md).\n"
    )
    assert read_policy(prism).contact_hint is not None
    profile = "Em vez disso, envie um e-mail para o endereço em [@Lucas](https://github.com/lucas).\n"
    assert read_policy(profile).contact_hint is not None
    assert read_policy(
        "Send an email to the address on [my profile](https://github.com/lucas).\n"
    ).contact_hint
    assert (
        read_policy("Email us. See [the maintainers](MAINTAINERS.md) for who we are.\n").contact_hint is None
    )


def test_an_authors_note_a_mangled_address_and_a_lone_todo_are_blanks() -> None:
    def blanks(text: str) -> list[str]:
        return [h.text for h in read_policy(text).placeholders]

    assert blanks("- Email: security@knwdle.com (or your personal email temporarily)\n")
    assert blanks("Please report vulnerabilities to **[email protected]** via email.\n")
    assert blanks("Email s@acme.dev.\n\n## Disclosure process\n\nTODO\n")
    assert not blanks("Email s@acme.dev from your work address (or your personal email).\n")
    assert not blanks("Email s@acme.dev. The TODO list is public.\n")


def test_privacy_asked_by_splits_embargoes_and_waiting_before_going_public() -> None:
    asks = [
        # a split by sensitivity (AndreyProgr/estimate-js)
        "To report any security issue or an issue containing sensitive information, email a@b.dev.\n",
        # first to the address, then public (apolloconfig/apollo)
        "Please report the security issue on the security email before disclosing it on public domain.\n",
        # a split by impact (foxcpp/maddy)
        "If you believe the vulnerability does have a big impact on existing deployments - email "
        "a@b.dev.\n\nOtherwise, open a public issue.\n",
        # only what is no security issue goes public (rust-bitcoin/rust-bitcoin)
        "Use your judgement in determining whether an issue is a security issue. If not, go ahead and "
        "post it to the public issue tracker. If it is, contact a@b.dev.\n",
        # an embargo asked of the reporter (halo-dev/halo, Ultimaker/CuraEngine, ECDConnect)
        "We kindly ask you to not disclose the vulnerability to anyone except the team before a fix. "
        "Email a@b.dev.\n",
        "Email a@b.dev. Please do not take advantage of the vulnerability and do not reveal the problem "
        "to others.\n",
        "Email a@b.dev. We follow a 90-day disclosure period. After 90 days, you may disclose the "
        "vulnerability publicly.\n",
    ]
    for text in asks:
        assert read_policy(text).private_wording, text
    offers = [
        # (kubevela/kubevela, MCSManager/MCSManager)
        "If you've found a security issue that you'd like to disclose confidentially please send email "
        "to a@b.dev.\n",
        "If you discover a vulnerability, and you are willing to help us fix it but do not wish to "
        "disclose the details publicly. Please send detailed information to our email: a@b.dev.\n",
        # the team's practice and promises (RIOT-OS/RIOT, tinode/chat, onetimesecret)
        "Email a@b.dev. After a fix is provided the security issue will be privately disclosed to the "
        "original reporter.\n",
        "Email a@b.dev.\n\n## Do NOT report\n\nFirebase tokens: they ship with the apps and are not "
        "private by design.\n",
        "Email a@b.dev.\n\n### Confidentiality\n\nWe take your privacy seriously.\n",
        "We will not disclose your report to anyone without consent. Email a@b.dev.\n",
    ]
    for text in offers:
        assert not read_policy(text).private_wording, text


def test_githubs_form_beside_public_issues_and_advisories_in_the_teams_own_steps() -> None:
    gitconfig = (
        "Please report security issues via one of the following channels:\n\n"
        "- GitHub Security Advisories (preferred):\n  <https://github.com/a/b/security/advisories/new>\n"
        "- GitHub Issues (if you are comfortable disclosing publicly):\n  <https://github.com/a/b/issues/new>\n"
    )
    reading = read_policy(gitconfig)
    assert reading.pvr and not reading.private_wording
    artifacthub = (
        "Please contact the team at <a@lists.b.dev>.\n\nIf a security issue exists, the maintainers use "
        "the following process:\n\n1. Create a new draft advisory via GitHub Security Advisories\n"
        "2. Request a CVE\n"
    )
    assert not read_policy(artifacthub).pvr
    tracking = (
        "Email the maintainers.\n\nWhen a maintainer is notified of a security vulnerability, they "
        "*must* create a GitHub security advisory per the instructions at:\n"
    )
    assert not read_policy(tracking).pvr


def test_versions_covered_by_the_policy_and_fixes_made_on_main_and_backported() -> None:
    def supported(text: str) -> bool:
        return read_policy(text).supported_versions

    assert supported("Only released versions, starting from version 0.5, are covered by this policy.\n")
    assert supported("1. Vulnerability must be fixed in main and any other supported branch.\n")
    assert supported(
        "All security bugs reported will be silently fixed in `master` and backported\n"
        "to the previous release.\n"
    )
    assert not supported("The fix is covered by tests.\n")


def test_times_with_emphasised_numbers_single_days_and_anchors_that_are_not_the_timed_step() -> None:
    assert read_policy("We aim to reply within **3** days.\n").response_days == 3
    assert read_policy("We strive to triage the issue within a single working day.\n").response_days == 1.4
    dangerzone = (
        "Once we have acknowledged the report, we ask for **at least 6 weeks** to\ninvestigate, "
        "implement, and release a fix before any public disclosure.\n"
    )
    reading = read_policy(dangerzone)
    assert reading.disclosure_days == 42 and reading.response_days is None
    sel4 = (
        "- We will try to reach agreement on an appropriate timeframe for fixing\n  the vulnerability. "
        "We will usually aim for 90 days, but sometimes longer.\n"
    )
    assert read_policy(sel4).disclosure_days == 90
    # a lead time for the vendors' notice, not a time to disclosure (pyca/cryptography, node-opcua)
    pyca = (
        "Approximately one week before full public disclosure, we will send advance notification of the "
        "issue to a list of vendors.\n"
    )
    assert read_policy(pyca).disclosure_days is None
    assert read_policy("Wait at least 30 days total before public disclosure.\n").disclosure_days == 30


def test_a_link_for_reporting_to_a_docs_security_page_and_policies_of_other_things() -> None:
    gatekeeper = (
        "## Security\n\nFor details on how to report vulnerabilities and security release process, "
        "please refer to [Gatekeeper Security](https://open-policy-agent.github.io/gatekeeper/website/"
        "docs/security) for more information.\n"
    )
    assert policy_link_line(gatekeeper) == 3
    ports = (
        "* **option 3:** disable the [security policy](https://www.w3.org/Daemon/PrivilegedPorts.html) "
        "which prevents it\n"
    )
    assert policy_link_line(ports) is None
    zcash = "#### Security Warnings\n\nSee important security warnings on the\n[Security Information page](https://z.cash/support/security/).\n"
    assert policy_link_line(zcash) is None
    tidelift = "To report a security vulnerability, please use the [Tidelift security contact](https://tidelift.com/security).\n"
    assert policy_link_line(tidelift) is None


def test_an_address_with_at_and_no_dot_a_fenced_address_after_to_and_githubs_form_chosen() -> None:
    civetweb = (
        "## Reporting a Vulnerability\n\nPlease send vulnerability reports by email to "
        "bel2125 at gmail com.\n"
    )
    assert [h.text for h in read_policy(civetweb).emails] == ["bel2125 at gmail com"]
    assert read_policy("Read more at the site com.\n").emails == []
    yara = (
        " Please do not open a GitHub issue to report a security vulnerability. If you\n believe you have "
        "found a security vulnerability, please submit your report to\n\n"
        " ```\n vmalvarez@virustotal.com\n ```\n"
    )
    assert [h.text for h in read_policy(yara).emails] == ["vmalvarez@virustotal.com"]
    evennia = (
        "## Reporting a Vulnerability\n\nTo report a vulnerability, go to the [issue tracker](https://github.com/"
        'evennia/evennia/issues/new/choose) and choose "Report a vulnerability".\n'
    )
    assert read_policy(evennia).pvr


def test_a_scanner_and_a_published_report_are_no_channels() -> None:
    dozzle = (
        "## Reporting a Vulnerability\n\nDozzle is checked daily with https://docs.docker.com/scout/ and "
        "its dependencies are updated regularly. For vulnerability on latest images please file an issue "
        "on Github.\n"
    )
    assert read_policy(dozzle).channel_urls == []
    tinyproxy = (
        "## Reporting a Vulnerability\n\nOpen a public issue on github.\n\nDo not, however, like "
        '["TALOS Intelligence"](https://talosintelligence.com/vulnerability_reports/TALOS-2023-1889)\n'
        "pull a random email address out of git log.\n"
    )
    assert read_policy(tinyproxy).channel_urls == []
    assert read_policy("## Reporting\n\nReport it at https://acme.dev/vulnerability_report.\n").channel_urls


def test_a_shields_badge_for_an_event_named_security_is_no_policy_badge() -> None:
    event = (
        "[![Security MiniCamp](https://img.shields.io/badge/Security%20MiniCamp%20Tokyo-2023-blue)]"
        "(https://www.security-camp.or.jp/minicamp/tokyo2023.html)\n"
    )
    assert find_badges(event) == []
    policy = "[![policy](https://img.shields.io/badge/security%20policy-md-blue)](SECURITY.md)\n"
    assert [b.kind for b in find_badges(policy)] == ["shields-security"]


def test_support_by_reporting_conditions_privacy_away_from_github_and_times_from_remediation() -> None:
    def supported(text: str) -> bool:
        return read_policy(text).supported_versions

    assert supported("Please verify that the bug exists in the latest stable patch release.\n")
    assert supported("For vulnerability on latest images please file an issue on Github.\n")
    assert supported(
        "Please use the most recently released version to perform testing and to validate security issues.\n"
    )
    assert supported("Currently we don't have the resources to support older versions.\n")
    assert not supported("We support older browsers.\n")
    asks = [
        "Please report sensitive security issues via Spotify's [bug-bounty program]"
        "(https://hackerone.com/s), rather than GitHub.\n",
        "Unless it is a case of arbitrary code execution, please report it as a public issue.\n\nIn case of "
        "arbitrary code execution,\nplease email me at [s@p.org](mailto:s@p.org), instead.\n",
        "Email s@a.dev. To protect users of the program, please do not directly submit issue on github.\n",
    ]
    for text in asks:
        assert read_policy(text).private_wording, text
    assert not read_policy("Email s@a.dev. Discussions happen on GitHub rather than Slack.\n").private_wording
    nginx_ui = (
        "### Handling Process\n- Within 21-31 days after remediation:\n"
        "  - Publish details on GitHub Advisory\n"
    )
    assert read_policy(nginx_ui).disclosure_days is None
    tutanota = (
        "We will issue a public disclosure on our blog within 7 Days of disabling vulnerable clients.\n"
    )
    assert read_policy(tutanota).disclosure_days is None
    tinyproxy = "Do not send an email nobody reads or responds to, and wait for 6 months for publication.\n"
    reading = read_policy(tinyproxy)
    assert reading.response_days is None and reading.disclosure_days == 180


def test_a_badge_linked_to_a_reference_name_written_as_a_path_is_dead() -> None:
    xline = (
        "[![OpenSSF Best Practices][openssf-badge]](openssf-url)\n\n"
        "[openssf-badge]: https://www.bestpractices.dev/projects/7105/badge\n"
        "[openssf-url]: https://www.bestpractices.dev/projects/7105\n"
    )
    [badge] = find_badges(xline)
    assert badge.dead_target and badge.label_as_path
    fixed = xline.replace("](openssf-url)", "][openssf-url]")
    assert [b.dead_target for b in find_badges(fixed)] == [False]
    local = xline.replace("](openssf-url)", "](docs/badge.md)")
    assert [b.dead_target for b in find_badges(local)] == [False]


def test_githubs_form_named_in_chinese_and_japanese_and_an_address_said_to_be_fictitious() -> None:
    chinese = "## Reporting a Vulnerability\n\n1. 在 GitHub 创建私密安全报告（Security Advisories）。\n"
    assert read_policy(chinese).pvr
    japanese = (
        "## 脆弱性の報告方法\n- GitHub の [Security Advisories](https://docs.github.com/ja/code-security/"
        "security-advisories/about-coordinated-disclosure-of-security-vulnerabilities) を利用して、"
        "非公開で報告してください。\n"
    )
    assert read_policy(japanese).pvr
    fake = "2.  Kirim laporan rahasia ke: `laporan@badan-siber.go.id` (Email ini fiktif, seperti janji).\n"
    assert read_policy(fake).emails == []
    assert read_policy("Email s@acme.dev (a fictional role account in our story).\n").emails == []
    assert read_policy("Email s@acme.dev for reports.\n").emails


def test_times_and_privacy_in_dutch_indonesian_turkish_italian_and_french() -> None:
    def response(text: str) -> float | None:
        return read_policy(text).response_days

    assert (
        response("Wij streven ernaar binnen vijf werkdagen te reageren met een ontvangstbevestiging.\n") == 7
    )
    assert response("- Acknowledgment: 24-48 jam\n") == 2
    assert response("Bildiriminizi 48 saat içinde onaylayacak ve çözüm için bir süre bildireceğiz.\n") == 2
    assert response("Size genellikle **3–5 iş günü içinde** geri dönüş yapılır.\n") == 7
    assert response("Ti risponderemo entro 7 giorni lavorativi dalla ricezione della segnalazione.\n") == 9.8
    asks = [
        "Open geen openbaar issue of discussie over beveiligingskwetsbaarheden. Mail s@a.nl.\n",
        "Lütfen güvenlik açıkları için GitHub üzerinde herkese açık bir Issue oluşturmayın. Mail s@a.dev.\n",
        "**Ne divulguez pas publiquement le problème de sécurité.** Envoyez un mail à s@a.fr.\n",
        "Email s@a.dev.\n\nYou must not:\n\n- Tell other people about the vulnerability you have found until "
        "we have disclosed it.\n",
        "Email s@a.dev. Do not communicate any vulnerabilities or associated details other than by means "
        "described in this notice.\n",
    ]
    for text in asks:
        assert read_policy(text).private_wording, text
    assert (
        response("Ti informeremo entro **7 giorni lavorativi** dalla ricezione della segnalazione.\n") == 9.8
    )
    cadence = (
        "Nous vous renseignerons sur l’état de votre demande, mais seulement une fois tous les 14 jours.\n"
    )
    assert read_policy(cadence).disclosure_days is None


def test_supported_versions_headings_in_dutch_italian_turkish_indonesian_and_korean() -> None:
    for heading in (
        "Ondersteunde versies",
        "Versioni supportate",
        "Desteklenen Sürümler",
        "Versi yang didukung",
    ):
        text = f"## {heading}\n\n| Version | |\n|---|---|\n| 2.x | yes |\n| 1.x | no |\n"
        assert read_policy(text).supported_versions, heading
    lawgraph = (
        "## Ondersteunde versies\nDeze repository ondersteunt de actuele toestand van de "
        "hoofdbranch (`main`).\n"
    )
    assert read_policy(lawgraph).supported_versions
    assert read_policy(
        "## 지원 버전\n\n| Version | Supported |\n|---|---|\n| latest | yes |\n"
    ).supported_versions


def test_times_from_the_release_the_reporters_own_disclosure_and_fixes_for_all_supported_releases() -> None:
    node = (
        "CVEs may not be immediately available when security releases are\npublished, but will typically be "
        "disclosed within a few days of the release.\n\n1. After the security release, we request the "
        "vulnerability reporter to disclose\n   the details on HackerOne.\n2. If the reporter does not "
        "disclose within one day, we proceed with forced\n   disclosure to publish the CVEs.\n"
    )
    assert read_policy(node).disclosure_days is None
    assert read_policy("We will disclose within 90 days of the report.\n").disclosure_days == 90
    assert read_policy("Fixes are prepared for all supported releases.\n").supported_versions


def test_a_response_within_the_day_in_french_and_two_times_24_hours_in_indonesian() -> None:
    epsius = (
        "Votre e-mail sera traité dans la journée et induira une correction dans les plus brefs délais.\n"
    )
    assert read_policy(epsius).response_days == 1
    assert read_policy("Nous publions le correctif dans la journée.\n").response_days is None
    mulyono = "3.  Tunggu 2x24 jam. Jika tidak ada balasan, anggap saja sedang didalami.\n"
    assert read_policy(mulyono).response_days == 2


def test_news_of_a_fix_plan_in_japanese_is_no_fix_time() -> None:
    poker = "- **対処方針の提示**: 10 営業日以内に修正スケジュールまたは回避策をお知らせします。\n"
    reading = read_policy(poker)
    assert reading.disclosure_days is None and reading.response_days == 14
    assert read_policy("- **修正**: 30 日以内に修正版をリリースします。\n").disclosure_days == 30


def test_githubs_template_instructions_translated_are_the_template_but_asking_for_a_version_is_not() -> None:
    shop = (
        "## Supported Versions / 지원 버전\n\n"
        "프로젝트의 어떤 버전이 현재 보안 업데이트를 지원하는지 알려주세요.\n\n"
        "| Version | Supported |\n|---|---|\n| latest | :white_check_mark: |\n\n"
        "## Reporting a Vulnerability / 취약점 보고\n\n취약점을 보고하는 방법을 안내해주세요.\n"
    )
    assert [hit.line for hit in read_policy(shop).github_template] == [3, 11]
    assert read_policy(shop).supported_versions
    spanish = "## Versiones soportadas\n\nUtilice esta sección para informar qué versiones reciben parches.\n"
    assert read_policy(spanish).github_template and not read_policy(spanish).supported_versions
    edited = "## Reporting\n\nTell them where to go, how often they can expect to get an update.\n"
    assert read_policy(edited).github_template
    asks_reporter = "## 취약점 보고\n\nsecurity@example.org 로 보내주세요. 사용 중인 버전을 알려주세요.\n"
    assert read_policy(asks_reporter).github_template == []


def test_no_versions_to_support_stated_in_other_languages() -> None:
    divotahta = (
        "## Supported Versions\n\nRepository ini adalah profil GitHub pribadi dan tidak memiliki versi yang "
        "perlu didukung secara khusus.\n"
    )
    assert read_policy(divotahta).supported_versions
    german = "## Unterstützte Versionen\n\nEs gibt keine Versionen mit Support.\n"
    assert read_policy(german).supported_versions
    assert not read_policy("## Supported Versions\n\nTidak ada informasi.\n").supported_versions


def test_two_labels_for_one_blank_are_a_placeholder() -> None:
    factor = "## Reporting\n\nPlease report it privately.\n\n1. **Email:** [Author Email/Contact]\n"
    assert "placeholder" in _problems(factor)


def test_russian_answer_times_and_request_for_privacy() -> None:
    speedster = (
        "## Сообщить об уязвимости\n\n**Пожалуйста, не создавайте публичные issue для уязвимостей!**\n\n"
        "Сообщите через:\n- Email: rmnk0@rambler.ru\n\n**Ожидайте ответ в течение 72 часов.**\n"
    )
    reading = read_policy(speedster)
    assert reading.private_wording and reading.response_days == 3 and reading.disclosure_days is None
    assert read_policy("Мы выпустим исправление в течение 2 недель.\n").disclosure_days == 14


def test_a_first_look_in_spanish_is_a_response_and_patches_a_fix() -> None:
    limoneno = (
        "Proporcionaré una evaluación inicial de los informes de seguridad dentro de las 48 horas y deberé "
        "aplicar parches dentro de las 2 semanas.\n"
    )
    reading = read_policy(limoneno)
    assert reading.response_days == 2 and reading.disclosure_days == 14


def test_a_severity_column_names_a_class_of_report_not_the_subject_of_a_row() -> None:
    derive = (
        "### Response SLAs\n\n| Severity | First acknowledgement | Triage update |\n|---|---|---|\n"
        "| **Critical** (remote code execution, key disclosure) | within 72 hours | within 7 days |\n"
    )
    reading = read_policy(derive)
    assert reading.response_days == 3 and reading.disclosure_days is None


def test_an_address_named_private_asks_nothing() -> None:
    cloudberry = (
        "Please report any security issues to\n"
        "[private@cloudberry.apache.org](mailto:private@cloudberry.apache.org)\nor to security@apache.org.\n"
    )
    reading = read_policy(cloudberry)
    assert reading.emails and not reading.private_wording


def test_an_address_without_its_scheme_under_a_lead_and_a_prohibition_lead() -> None:
    shark = (
        "### Reporting a Vulnerability\n\nPlease report security issues to:\n\n**sharkeyes.dev/report/**\n\n"
        "### Disclosure Rules\n\nPlease do **not**:\n- Publicly disclose vulnerabilities before a fix\n"
        "- Exploit issues beyond proof-of-concept\n"
    )
    reading = read_policy(shark)
    assert [hit.text for hit in reading.channel_urls] == ["https://sharkeyes.dev/report/"]
    assert reading.private_wording
    assert not read_policy("See the layout:\n\ndocs/SECURITY.md\n").channel_urls
    assert not read_policy("Rules:\n- Publicly disclose vulnerabilities before a fix\n").private_wording


def test_instructions_on_a_wiki_page_to_report_are_a_channel_but_a_wiki_list_of_issues_is_not() -> None:
    chamilo = (
        "## Reporting a Vulnerability\n\nPlease follow the instructions at "
        "https://github.com/chamilo/chamilo-lms/wiki/security-issues to report vulnerabilities.\n"
    )
    assert "no-private-contact" not in _problems(chamilo)
    gdal = (
        "Our current policy for anyone wanting to report a security related issue is just\nto use the "
        "[public issue tracker](https://github.com/OSGeo/gdal/issues/new) for it.\n\nNote also that we have "
        "[listed a number of potential security issues](https://trac.osgeo.org/gdal/wiki/SecurityIssues)\n"
    )
    assert "no-private-contact" in _problems(gdal)


def test_a_published_advisory_is_no_channel_and_a_vdp_pointer_is() -> None:
    firecrawl = (
        "### References\n\n- [GHSA-vjp8-2wgg-p734](https://github.com/firecrawl/firecrawl/security/advisories/"
        "GHSA-vjp8-2wgg-p734) - Prior SSRF fix that this vulnerability bypasses\n"
    )
    assert "no-private-contact" in _problems(firecrawl)
    courtlistener = "You can find our VDP here: https://free.law/vulnerability-disclosure-policy/\n"
    assert "no-private-contact" not in _problems(courtlistener)


def test_a_homepage_for_contact_information_and_privacy_offered_when_felt_needed() -> None:
    grocy = (
        "If you really think you've found something critical and you feel the need to contact me privately "
        "on that, please see [berrnd.de](https://berrnd.de) for any contact information.\n"
    )
    reading = read_policy(grocy)
    assert reading.contact_hint is not None and not reading.private_wording
    assert "no-private-contact" not in _problems(grocy)


def test_githubs_private_reporting_in_more_words() -> None:
    for text in (
        "Instead, use GitHub\u2019s built-in private reporting:\n\n- Create a report via Advisories\n",
        "You can report security vulnerabilities in this GitHub repository in a confidential manner.\n",
        "## 怎么提交漏洞？\n\n提交一个github security，详细说明漏洞的影响范围。\n",
    ):
        assert "no-private-contact" not in _problems(text), text


def test_a_shortcut_reference_image_and_a_plain_shield_linked_to_best_practices() -> None:
    cyclonedx = (
        "[![shield_ossf-best-practices]][link_ossf-best-practices]\n\n"
        '[shield_ossf-best-practices]: https://img.shields.io/cii/level/6614?label=OpenSSF "OpenSSF"\n'
        "[link_ossf-best-practices]: https://www.bestpractices.dev/projects/6614\n"
    )
    [badge] = find_badges(cyclonedx)
    assert (badge.kind, badge.target) == (
        "openssf-best-practices",
        "https://www.bestpractices.dev/projects/6614",
    )
    openim = (
        "[![Best Practices](https://img.shields.io/badge/Best%20Practices-purple?style=for-the-badge)]"
        "(https://www.bestpractices.dev/projects/8045)\n"
    )
    assert [b.kind for b in find_badges(openim)] == ["openssf-best-practices"]
    unlinked = "![Best Practices](https://img.shields.io/badge/Best%20Practices-purple)\n"
    assert find_badges(unlinked) == []


def test_privacy_asked_by_routing_the_rest_to_the_tracker_or_by_sensitivity_and_public_preferred() -> None:
    for asks in (
        "Submit these types of non-vulnerability related issues via Github.\n",
        "Please deliver it to the [contact form](https://support.ablaze.one/contact) and do not disclose it "
        "externally.\n",
        "Only open an issue at https://github.com/MichaIng/DietPi/issues if you are sure that the contained "
        "information cannot be used to compromise any of our users systems.\n",
        "Where the vulnerability may contain sensitive information, disclosures should be sent by e-mail.\n",
        "If you are dealing with a not-yet released or urgent issue, please contact us.\n",
        "If possible, please PGP-encrypt such emails to the following keys.\n",
    ):
        assert read_policy(asks).private_wording, asks
    for offers in (
        "In most scenarios, the most appropriate way to report a vulnerability is to raise a new issue. "
        "If you feel that the vulnerability is significant enough to warrant a private disclosure, "
        "please email us.\n",
        "You can use the GitHub issues to report a vulnerability publicly. But if you find a sensitive "
        "security issue and want to report privately, please email me.\n",
    ):
        assert not read_policy(offers).private_wording, offers


def test_more_ways_of_stating_supported_versions() -> None:
    for states in (
        "3. Fixes are prepared for all releases which are still supported.\n",
        "Fixes for security vulnerabilities are proactively applied to any applicable branch.\n",
        "Our [security policy](https://example.org/policy) documents how to report and which versions "
        "receive fixes.\n",
        "| CVSS v3.0 | Supported Versions |\n|---|---|\n| 4.0-8.9 | Most recent release |\n",
        "Branches maintained with security fixes\n=======================================\n\nWe only accept "
        "patches for the LTS releases and the main branch.\n",
    ):
        assert read_policy(states).supported_versions, states
    assert not read_policy(
        "| CVSS v3.0 | Impact |\n|---|---|\n| 4.0-8.9 | Most recent release |\n"
    ).supported_versions


def test_news_and_advice_for_the_reporter_and_a_reaction_are_response_times() -> None:
    fovea = "1. To report a vulnerability, open an issue.\n2. Updates are made within 48 hours.\n"
    assert read_policy(fovea).response_days == 2
    lpvs = (
        "We will acknowledge your report and aim to provide recommendations for mitigation within 1 week.\n"
    )
    reading = read_policy(lpvs)
    assert reading.response_days == 7 and reading.disclosure_days is None
    assert read_policy("I try to respond within the same day.\n").response_days == 1
    nuitka = (
        "When you email me at `kay.hayen@gmail.com` with a report, I guarantee a reaction within\n"
        "72h, and correction as soon as possible. Generally private emails are not acceptable"
        " for questions.\n"
    )
    reading = read_policy(nuitka)
    assert reading.response_days == 3 and reading.disclosure_days is None and not reading.private_wording


def test_upgrade_advice_after_a_purpose_states_no_support() -> None:
    ejabberd = (
        "## Supported Versions\n\nTo ensure the best experience and security, upgrade to the latest version "
        "available on [this repo](https://github.com/processone/ejabberd).\n"
    )
    assert not read_policy(ejabberd).supported_versions


def test_a_pointer_to_a_page_for_private_reporting_is_a_contact_that_asks_nothing() -> None:
    dspace = (
        "## Supported Versions\n\nFor information regarding which versions of DSpace are currently under "
        "support, please see our DSpace Software Support Policy:\n\n"
        "https://wiki.lyrasis.org/display/DSPACE/DSpace+Software+Support+Policy\n\n"
        "## Reporting a Vulnerability\n\nPlease see our DSpace Software Support Policy\nfor information on "
        "privately reporting vulnerabilities:\n\nhttps://wiki.lyrasis.org/display/DSPACE/DSpace+Software+Support+Policy\n"
    )
    reading = read_policy(dspace)
    assert reading.channel_urls and not reading.private_wording and reading.supported_versions
    cozy = "- Make a pull-request to fix (on our private git instance) and test it.\n"
    assert not read_policy(cozy).private_wording


def test_a_form_field_set_as_code_is_the_reporters_to_fill() -> None:
    filestash = (
        "## Report Title\n\nReporter Information\n\n    Name: [Your Name]\n    Date: [Date of Report]\n"
    )
    assert read_policy(filestash, "SECURITY.md").placeholders == []
    contact = "## Reporting\n\nEmail: [Your Name]\n"
    assert read_policy(contact, "SECURITY.md").placeholders
    listed = "- Reporter\n\n    Name: [Your Name]\n"
    assert read_policy(listed, "SECURITY.md").placeholders


def test_sentences_quoted_in_a_plain_fence_under_a_lead_are_read_for_privacy() -> None:
    vmware = (
        "Please visit the following url to learn how to report security vulnerabilities.\n\nIn short:\n"
        "```\n    For all security related bugs, email security@ansible.com\n    instead of using this issue "
        "tracker and you will receive\n    a prompt response.\n```\n"
    )
    assert read_policy(vmware, "SECURITY.md").private_wording
    code = "Run:\n```\ninstead of using this issue tracker = True\n```\n"
    assert not read_policy(code, "SECURITY.md").private_wording
    no_lead = "Example.\n\n```\nFor all bugs, email us instead of using this issue tracker.\n```\n"
    assert not read_policy(no_lead, "SECURITY.md").private_wording


def test_round_of_unseen_policies_after_heldout78() -> None:
    assert "placeholder" in _problems(
        "## Supported Versions\n\n| Version | Supported |\n|---|---|\n| x.x.x | yes |\n"
    )
    workerd = "If needed, we will transfer your report to our private bug bounty program.\n"
    assert not read_policy(workerd).private_wording
    transformers = "Please submit vulnerability reports to our private bug bounty program.\n"
    assert read_policy(transformers).private_wording
    assert read_policy("We request a **90\u2011day** disclosure window by default.\n").disclosure_days == 90
    assert read_policy("We will conduct a thorough investigation within 72 hours.\n").response_days == 3
    assert read_policy("We aim to acknowlege your email within one week.\n").response_days == 7
    strongswan = (
        "Next we notify the major Linux distributions, giving them a time of about three weeks to patch "
        "their software release.\n"
    )
    assert read_policy(strongswan).disclosure_days is None
    for asks in (
        "Sensitive security-related questions, comments, and reports should be sent to a@b.org.\n",
        "You can also open an issue (but please don't disclose the vulnerability) if the email is lost.\n",
        "Whenever possible encrypt your email with the PGP key.\n",
    ):
        assert read_policy(asks).private_wording, asks
    gpac = (
        "We do not use Github's Security Advisories, the issue tracker provides a public reference.\n\n"
        "If public disclosure seems unreasonable, you can contact security@gpac.io for private disclosure.\n"
    )
    reading = read_policy(gpac)
    assert not reading.private_wording and not reading.pvr
    assert not read_policy("The team meets weekly, in a private video call.\n").private_wording


def test_round_of_unseen_support_statements_after_heldout78() -> None:
    for states in (
        "Security issues are addressed by releasing an updated OS image.\n",
        "We provide security updates for the version of Flutter currently on the `stable` branch.\n",
    ):
        assert read_policy(states).supported_versions, states
    for states_none in (
        "### Version History\n\nAn entity's version history is not part of every version of the data.\n",
        "## Supported Dependency Versions\n\n| Dependency | Version | Supported |\n|---|---|---|\n"
        "| Ubuntu | Latest LTS | :white_check_mark: |\n",
        "## Supported Versions\n\nSupported [Go versions](https://go.dev/dl/):\n\n| Version | Supported |\n"
        "|---|---|\n| 1.26.x | :white_check_mark: |\n",
    ):
        assert not read_policy(states_none).supported_versions, states_none
    workerd = (
        "Please submit it to [Cloudflare's bug bounty program](https://hackerone.com/cloudflare?type=team).\n"
    )
    assert policy_link_line(workerd) == 1


def test_an_uzbek_review_time() -> None:
    eimzo = "Biz xabaringizni **48 soat** ichida ko'rib chiqishga harakat qilamiz.\n"
    assert read_policy(eimzo).response_days == 2


def test_a_topics_label_and_a_form_only_also_supported_ask_nothing() -> None:
    wails = "- **Confidentiality**: We will maintain strict confidentiality of your report until fixed.\n"
    assert not read_policy(wails).private_wording
    colt = (
        "## Reporting a Vulnerability\nOpen an issue explaining the vulnerability.\n"
        "## Privately Reporting Vulnerability:\nThis repo also supports [privately reporting vulnerabilities]"
        "(https://docs.github.com/en/code-security/security-advisories/guidance-on-reporting-and-writing/"
        "privately-reporting-a-security-vulnerability).\n"
    )
    assert not read_policy(colt).private_wording
    assert read_policy(
        "## Privately Reporting Vulnerability\n\nPlease report it privately.\n"
    ).private_wording


def test_time_to_begin_the_process_to_assess_and_to_validate_are_response_times() -> None:
    assert (
        read_policy("All new reports may need `~48 hours (~2 days)` to begin the process.\n").response_days
        == 2
    )
    rpcs3 = "You can expect at the very least the thread assessment and proposed actions within a day.\n"
    assert read_policy(rpcs3).response_days == 1
    wiser = (
        "We will validate submissions within the below timelines.\n\n"
        "| Vulnerability Severity | Time to Validate |\n"
        "|---|---|\n| Critical | 5 business days |\n"
    )
    assert read_policy(wiser).response_days == 7
    vapor = "Once we have identified a fix we may ask you to validate it. We aim to do this within 30 days.\n"
    reading = read_policy(vapor)
    assert reading.response_days is None and reading.disclosure_days == 30
    goreleaser = "Resolution or assessment is typically provided within 7 business days.\n"
    assert read_policy(goreleaser).response_days is None


def test_a_limit_another_party_sets_is_no_disclosure_timeline() -> None:
    cares = "Note that 'distros' won't accept an\nembargo longer than 19 days.\n"
    assert read_policy(cares).disclosure_days is None
    assert read_policy("We will not accept an embargo; we disclose within 19 days.\n").disclosure_days == 19


def test_a_shortcut_reference_link_carries_its_target_to_the_sentence() -> None:
    istio = (
        "# Security Policy\n\n## Supported Versions\n\nInformation about supported Istio versions can be "
        "found on the\n[Support Announcements] page on Istio's website.\n\n## Reporting a Vulnerability\n\n"
        "Instructions for reporting a vulnerability can be found on the\n[Istio Security Vulnerabilities] "
        "page.\n\n[Support Announcements]: https://istio.io/news/support/\n"
        "[Istio Security Vulnerabilities]: https://istio.io/about/security-vulnerabilities/\n"
    )
    reading = read_policy(istio, "SECURITY.md")
    reporting = [
        h for h in reading.channel_urls if h.text == "https://istio.io/about/security-vulnerabilities/"
    ]
    assert [h.line for h in reporting] == [10]  # the sentence, not the definition
    assert reading.supported_line == 5
    # another product's versions, wherever its page is kept (kubernetes-sigs/kwok)
    kwok = istio.replace("supported Istio versions", "supported Kubernetes versions")
    assert read_policy(kwok, "SECURITY.md").supported_line is None


def test_addresses_told_rather_than_written() -> None:
    riddle = (
        "## Discloure\n\nPlease report any security vulnerabilities found to "
        "`echo <name of this repo> | sed 's/-//g`, at `gmail.com`"
    )
    assert "no-private-contact" not in _problems(riddle)
    assert "not-private" in {code for code, _, _ in _policy(riddle)}
    assert "no-private-contact" in _problems("Tell us about it; we read everything at github.com.\n")
    emphasised = (
        "Please report any potential security vulnerabilities to "
        "**productsecurity *at* deepfence *dot* io**.\n"
    )
    assert [h.text for h in read_policy(emphasised).emails] == ["productsecurity *at* deepfence *dot* io"]


def test_an_architecture_page_is_no_reporting_channel() -> None:
    assert "no-private-contact" in _problems(
        "See https://www.firezone.dev/kb/architecture/security-controls\n"
    )
    assert "no-private-contact" not in _problems(
        "Please report vulnerabilities at https://firezone.dev/security/report.\n"
    )


def test_the_reporters_condition_is_no_publishing_and_the_advisory_database_no_form() -> None:
    risingwave = (
        "## Reporting a Vulnerability\n\nPlease report a vulnerability via the [GitHub Repository - Security]"
        "(https://github.com/risingwavelabs/risingwave/security/advisories) page, or open an "
        "[issue](https://github.com/risingwavelabs/risingwave/issues) if it can be published to public.\n"
    )
    assert "no-private-contact" not in _problems(risingwave)
    assert read_policy(risingwave).private_wording
    kubestellar = (
        "## Dependencies\n\n- **Security Scanning:** we rely on GitHub's security advisory database and "
        "Dependabot.\n- **GitHub Actions:** verify the commit hash and check GitHub's security advisories "
        "and the web for any reported vulnerabilities in the new version\n\n## Report a Vulnerability\n\n"
        "You can also email the private [sec@kubestellar.io](mailto:sec@kubestellar.io) list.\n"
    )
    reading = read_policy(kubestellar)
    assert reading.pvr == [] and len(reading.emails) > 0
    assert not reading.private_wording  # "the private ... list" names the list, it asks nothing
    libgd = (
        "## Reporting a Vulnerability\n\n"
        "Please report security issues using the github security and quality reporting area.\n"
    )
    assert "no-private-contact" not in _problems(libgd)


@pytest.mark.parametrize(
    "text",
    [
        "Please report security vulnerabilities to us via email at a@b.org. Please allow the vulnerability "
        "to be fixed before any public exposure.",
        "If you find a vulnerability, please refrain from reporting an issue at GitHub but send this "
        "vulnerability to us directly: a@b.org.",
        "Please report security issues or vulnerabilities as an encrypted email to a@b.org.",
        "Email a@b.org. If you find a vulnerability, please DO NOT report, discuss, or describe it on "
        "Discord or GitHub.",
        "Email a@b.org. We also ask that you grant us a reasonable amount of time to resolve the issue "
        "before any disclosure to the public or a third-party.",
        "Email a@b.org. When possible we recommend using [encryption](https://www.openpgp.org/software/) "
        "to report serious vulnerabilities.",
        "Please let us know at a@b.org. If the findings are sensitive, please use a PGP key which you can "
        "find on our site.",
        "1. **Non creare issue pubbliche su GitHub**: usa uno dei canali indicati.\n"
        "2. Invia un'email a a@b.org.",
    ],
)
def test_more_ways_of_asking_for_a_private_report(text: str) -> None:
    assert read_policy(text + "\n").private_wording


@pytest.mark.parametrize(
    "text",
    [
        "Email a@b.org. You may send reports as an encrypted email if you wish.",
        "Email a@b.org. If you prefer, you can also send an encrypted email message to a@b.org.",
    ],
)
def test_encryption_offered_asks_nothing(text: str) -> None:
    assert not read_policy(text + "\n").private_wording


def test_times_counted_from_elsewhere_and_periods_of_other_things() -> None:
    handbrake = (
        "Any new releases will be published on our website. They will also be available via in-app software "
        "updates usually within a few days of a release being published.\n"
    )
    assert read_policy(handbrake).disclosure_days is None
    cedar = (
        "we will work with you to agree on an embargo period (typically at least 2 weeks AFTER any necessary "
        "development time) prior to any public disclosure.\n"
    )
    assert read_policy(cedar).disclosure_days is None
    secrets = (
        "## Secrets\n\n| Name | Purpose | Used In | Rotation | Sensitivity |\n|---|---|---|---|---|\n"
        "| RELEASE_PAT | Tag push to trigger publish workflow | auto-tag.yml | 90 days | High |\n"
    )
    assert read_policy(secrets).disclosure_days is None
    sla = "## Fixes\n\n| Step | Time |\n|---|---|\n| Public disclosure | 90 days |\n"
    assert read_policy(sla).disclosure_days == 90
    assert read_policy("- Critical vulnerabilities will be addressed within 72 hours\n").disclosure_days == 3
    assert read_policy("- Reports will be addressed within 3 days\n").disclosure_days is None
    ionos = "We aim to respond to security vulnerability reports within two workdays.\n"
    assert read_policy(ionos).response_days == 2.8


def test_support_by_the_branches_a_fix_is_released_to_and_in_german() -> None:
    inventree = (
        "The team will endeavour to keep you informed of the progress towards a fix for the issue, and "
        "subsequent release to the stable and development code branches.\n"
    )
    assert read_policy(inventree).supported_versions
    assert not read_policy("We release fixes as soon as we can. See the branches page.\n").supported_versions
    german = (
        "## Unterstützte Versionen\n\nSicherheitsupdates werden für folgende Versionen bereitgestellt:\n"
        "- Aktuelle Version\n- Letzte Hauptversion\n"
    )
    assert read_policy(german).supported_versions


def test_a_readme_link_to_the_policy_for_reporting_whatever_its_label() -> None:
    qubip = (
        "## Security\n\n_For more information and to report security issues, please refer to our "
        "[security documentation](docs/SECURITY.md)._\n"
    )
    assert policy_link_line(qubip) == 3


def test_one_scan_reads_the_policy_once_for_the_policy_and_the_badge_checks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The badge check reads the policy again to decide whether a badge may be proposed; that second
    reading is the first one kept, not a second pass over a (possibly 256 KB) file."""
    import checks._policy_text as reading

    read: list[str] = []
    original = reading.code_lines

    def counting(text: str, markdown: bool) -> set[int]:
        read.append(text)
        return original(text, markdown)

    monkeypatch.setattr(reading, "code_lines", counting)
    policy = "# Security\n\nEmail security@octo.dev; we answer within 3 days.\n" + "x" * 10_000
    snap = Snapshot(
        RepoFacts("octo", "demo"),
        ("SECURITY.md", "README.md"),
        {"SECURITY.md": policy.encode(), "README.md": b"# Demo\n\nNo badge here.\n"},
    )
    results = checks.run_all(snap, CheckContext(), ["security-policy", "security-badge"])
    assert results["security-badge"].status is Status.FAIL  # no badge: a fix is proposed
    assert results["security-badge"].findings[0].fix is not None
    assert read.count(policy) == 1


def test_reference_links_written_inline_add_at_most_the_files_own_length() -> None:
    from checks._policy_text import _references_inlined

    text = "[a]: https://" + "a" * 1900 + "\n\n" + "[a] " * 10_000 + "\n"
    source = text.split("\n")
    doc = blocks(text, True, set())
    inlined = _references_inlined(doc, source)
    grown = sum(len(b.text) for b in inlined) - sum(len(b.text) for b in doc)
    assert 0 < grown <= len(text)
    assert read_policy("Report it [here].\n\n[here]: https://acme.dev/security/report\n").channel_urls


def test_a_video_comment_is_no_channel_and_check_the_policy_is_a_pointer() -> None:
    zte = (
        "## Reporting a Vulnerability\n\n1. **GitHub Issues**: open an issue.\n"
        "2. **Bilibili**: 在 [该视频](https://www.bilibili.com/video/BV1PtR7B8ECC) 评论区 @UP主。\n"
    )
    assert "no-private-contact" in _problems(zte)
    xwiki = "# Security Policy\n\nCheck the [XWiki Security Policy](https://dev.xwiki.org/xwiki/bin/view/Community/SecurityPolicy/).\n"
    assert "no-private-contact" not in _problems(xwiki)


def test_help_for_users_is_no_version_support_and_undecided_support_states_none() -> None:
    cfs = (
        "## Additional Support\n\nFor additional support, email us at cfs-program@lists.nasa.gov. The "
        "mailing list is used to communicate current releases, bug findings and fixes.\n"
    )
    assert not read_policy(cfs).supported_versions
    containerssh = (
        "## Supported Versions\n\nContainerSSH does not have a stable release yet. When it becomes stable "
        "(1.0) we will follow Semantic Versioning for support. The support period for each branch is still "
        "to be determined.\n"
    )
    assert not read_policy(containerssh).supported_versions
    prysm = (
        "## Supported Versions\n\n[Releases](https://github.com/prysmaticlabs/prysm/releases/) contains all "
        "available releases. We recommend using the [most recently released version]"
        "(https://github.com/prysmaticlabs/prysm/releases/latest).\n"
    )
    assert not read_policy(prysm).supported_versions
    assert read_policy("## Supported Versions\n\nAll releases receive security fixes.\n").supported_versions


def test_support_stated_by_where_fixes_land_or_by_a_pointer_that_names_it() -> None:
    for text in (
        "Before few hours of new release, we merge the fixes to the master\nbranch (and/or a release branch "
        "if necessary) and make a new release.\n",
        "Security support is best-effort; fixes are made against `main` and the current deployment.\n",
        "For full details on our security policy, supported versions, and disclosure practices, see "
        "**[specs/security.md](specs/security.md)**.\n",
    ):
        assert read_policy(text).supported_versions, text
    nghttp2 = (
        "Before few hours of new release, we merge the fixes to the master branch and make a new release.\n"
    )
    assert read_policy(nghttp2).disclosure_days is None


def test_a_sensitive_route_beside_public_issues_for_the_rest_asks_for_privacy() -> None:
    cfs = (
        "## Reporting a Vulnerability\n\nFor general cFS vulnerabilities, please [open a cFS framework issue]"
        "(https://github.com/nasa/cfs/issues/new/choose).\n\n## Security Reports\n\nTo submit sensitive "
        "security reports or findings, [contact the cFS Product Team]"
        "(README.md#contact-the-cfs-product-team).\n"
    )
    assert read_policy(cfs).private_wording
    tidelift = (
        "To report sensitive vulnerability information, please use the [Tidelift security contact]"
        "(https://tidelift.com/security). Tidelift will coordinate the fix and disclosure.\n"
    )
    assert not read_policy(tidelift).private_wording
    japanese = "- 連絡先: a@kuruko.jp\n- 公開前に脆弱性情報をSNSやブログで共有しないでください。\n"
    assert read_policy(japanese).private_wording


def test_support_stated_by_the_release_reports_are_taken_for() -> None:
    taranis = (
        "Please report only those vulnerabilities that are present in the\n"
        "[latest stable release](https://github.com/SK-CERT/Taranis-NG/releases).\n"
    )
    assert read_policy(taranis).supported_versions


def test_a_supported_column_of_feature_notes_states_no_support() -> None:
    notes = (
        "## Supported Versions\n\n| Version | Supported          |\n| ------- | ------------------ |\n"
        "| v0.0.4  | :no new features   |\n| v0.0.3  | :documents QA      |\n"
    )
    assert not read_policy(notes).supported_versions
    for cell in ("&check;", "Yes", "until 2026-06", "security fixes only", ":white_check_mark:"):
        marked = f"## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n| 2.x | {cell} |\n"
        assert read_policy(marked).supported_versions, cell


def test_a_period_named_for_one_step_but_spent_on_another() -> None:
    stigqter = (
        "In the event of disagreements on issue severity, the STIGQter team requests a 60-day triage period "
        "to resolve any issues before going through public disclosure.\n"
    )
    reading = read_policy(stigqter)
    assert reading.disclosure_days == 60 and reading.response_days is None
    assert read_policy("We allow a 5-day triage period to acknowledge every report.\n").response_days == 5


def test_contact_details_kept_on_a_profile_or_a_linked_page() -> None:
    for text in (
        "To report a security bug, send me an email.\nMy contact details are available on my GitHub profile "
        "or via my\n[website](https://indraj.net).\n",
        "Serious vulnerabilities should be reported in private, using the contact details "
        "[here](https://lucko.me/).\n",
    ):
        assert read_policy(text).contact_hint is not None, text


@pytest.mark.parametrize(
    "text",
    [
        # Polish: "do NOT report it publicly in an issue"
        "- Jeśli znalazłeś problem bezpieczeństwa, NIE zgłaszaj go publicznie w issue.\n"
        "- Napisz na akneth.studio@gmail.com.\n",
        # Dutch: "so do *not* report bugs through public channels such as issues"
        "Mail naar [dcc@de-alliantie.nl](mailto:dcc@de-alliantie.nl).\n\n**Rapporteer bugs dus *niet* met "
        "behulp van publieke communicatie zoals issues, pull requests, forums etc.**\n",
        "If you think you may have found a bug please [open an issue](https://x.org/issues/new).\n\nIf the "
        "issue is too risky to be put out in the open, please send us an email at [a@b.io](mailto:a@b.io).\n",
        "You may directly email [J](mailto:j@w.space).\nIf you would like, you may also create an issue on "
        "the GitHub issues page,\n**as long as you do not mention any details about the vulnerability.**\n",
    ],
)
def test_privacy_asked_in_other_languages_and_by_keeping_details_out(text: str) -> None:
    assert read_policy(text).private_wording


def test_the_teams_handling_of_a_private_report_and_its_members_duties_ask_nothing() -> None:
    shaka = (
        "Please use https://g.co/vulnz to report security vulnerabilities.\n\n * After remediation, we will "
        "also use this issue to disclose any details we withheld between receiving the private report and "
        "resolving the issue.\n"
    )
    assert not read_policy(shaka).private_wording
    pixie = (
        "Please contact the Maintainers Team at <m@lists.cncf.io>.\n\n## Embargo Policy\n\nThe information "
        "members and others receive from the list defined below must:\n\n- not be made public,\n- not be "
        "shared,\n- must be kept confidential and close held\nExcept with the list's explicit approval.\n"
    )
    assert not read_policy(pixie).private_wording


def test_times_in_polish_and_italian_and_an_embargo_counted_from_discovery() -> None:
    polish = "- Napisz na a@b.pl.\n- Odpowiedź zostanie udzielona w ciągu 72h.\n"
    assert read_policy(polish).response_days == 3
    italian = (
        "Il team provvederà a correggere la vulnerabilità **entro 90 giorni** dal ricevimento, coordinando "
        "la pubblicazione dell’avviso insieme a te.\n"
    )
    assert read_policy(italian).disclosure_days == 90
    csvbase = (
        "Please avoid publicly disclosing a security issue for at least 90 days after\ndiscovering it.\n"
    )
    assert read_policy(csvbase).disclosure_days == 90
    dolibarr = "Any vulnerability found must be reported no later than 24 hours after discovery.\n"
    assert read_policy(dolibarr).disclosure_days is None


def test_times_counted_from_other_events_or_for_other_steps() -> None:
    for text in (
        # a named period of something else
        'Routine updates are merged only after a 3-day delay ("cool-down") to reduce supply-chain risk. '
        "Feel free to open an issue if urgent remediation is needed.\n",
        # news of the plan, not the fix
        "The maintainers will acknowledge your report within **3 business days** and will provide an "
        "initial\nassessment, with an estimated timeline for a fix, within **10 business days**.\n",
        # counted from public knowledge, or from the fix
        "We address security vulnerabilities of medium or higher severity within 60 days of being "
        "publicly known.\n",
        "* securely delete all data retrieved during your research within one month of the vulnerability "
        "being resolved\n",
    ):
        assert read_policy(text).disclosure_days is None, text
    phonometry = (
        "| Acknowledgement that the report arrived | 5 working days |\n\nNinety days from acknowledgement "
        "is a reasonable ceiling. If a fix is going to take longer, I will say so.\n"
    )
    reading = read_policy(phonometry)
    assert reading.disclosure_days == 90 and reading.response_days == 7  # five working days


def test_a_response_time_under_the_supported_versions_heading() -> None:
    librebooking = (
        "## Supported Versions\n\nOnly the most current stable version will receive patches.\n\n"
        "Please report vulnerabilities to **[a@outlook.com](mailto:a@outlook.com)**. I will try to answer as "
        "soon as possible (please allow for 2 -5 days).\n"
    )
    assert read_policy(librebooking).response_days == 5
    pydantic = (
        "## Supported Versions\n\nSecurity fixes are released for 6 months after a new major version.\n"
    )
    assert read_policy(pydantic).disclosure_days is None


def test_support_said_by_what_gets_no_fixes_or_by_where_the_list_is() -> None:
    for text in (
        "The legacy V1 server preserved on the `archive` branch is unsupported and receives no security "
        "updates.\n",
        "Reports can be made for any of the supported versions as listed in our\n[release policy]"
        "(https://rucio.cern.ch/documentation/started/releasepolicy).\n",
    ):
        assert read_policy(text).supported_versions, text


def test_another_products_versions_and_dependency_advice_state_no_support() -> None:
    for text in (
        "## Supported Versions\n\nThe Merger plugin is tested with the following Kustomize versions (but "
        "should work with older versions):\n\n| Version | Supported          |\n"
        "| ------- | ------------------ |\n"
        "| 5.1.x   | :white_check_mark: |\n",
        "## Security Best Practices\n\n- **Keep your dependencies up-to-date**: Regularly update Ansible and "
        "other dependencies to their latest versions to ensure you have the latest security patches.\n",
        "### Publish and release\n\nOnce a CVE number has been assigned, publish and release the updated\n"
        "version/patch. Be sure to notify the CVE group when published so the CVE details\nare searchable "
        "([editing the advisory](https://docs.github.com/en/a)).\n",
    ):
        assert not read_policy(text).supported_versions, text


def test_readme_badges_and_links_written_across_lines() -> None:
    tnz = (
        "[![OpenSSF Best Practices](\nhttps://bestpractices.coreinfrastructure.org/projects/6762/badge\n)]"
        "(https://bestpractices.coreinfrastructure.org/projects/6762)\n"
    )
    assert [b.kind for b in find_badges(tnz)] == ["openssf-best-practices"]
    librsvg = (
        "**Security:** For a list of releases with security issues,\ninstructions on reporting "
        "security-related bugs, and the security\nconsiderations for librsvg's dependencies, see the "
        "[Security\nchapter][security] in the development guide.\n\n[security]: https://gnome.pages.gitlab.gnome.org/librsvg/"
        "devel-docs/security.html\n"
    )
    assert policy_link_line(librsvg) == 3


def test_days_allowed_for_a_purpose_before_disclosure() -> None:
    diadochi = (
        "Please allow up to 48 hours for a reply, and up to 90 days for the issue to be\nconfirmed and fixed "
        "before disclosing it publicly.\n"
    )
    reading = read_policy(diadochi)
    assert reading.private_wording
    assert reading.response_days == 2 and reading.disclosure_days == 90


def test_round_of_unseen_policies_after_heldout109() -> None:
    appfl = (
        "## Reporting a Vulnerability\n\nWe will investigate all legitimate reports.\n\nPlease report "
        "security issues to the Issue Tracker or Security Advisories.\n"
    )
    reading = read_policy(appfl)
    assert reading.pvr and not reading.private_wording
    flyingriverhorse = (
        "Preferred reporting methods:\n\n- Use GitHub Security Advisories: https://github.com/a/b/security/"
        "advisories\n- Or open an issue with the label `security`\n"
    )
    assert not read_policy(flyingriverhorse).private_wording
    for text in (
        "Please contact us directly at security@keylime.groups.io. Do not use a github issue to report any "
        "potential security bugs.\n",
        "请发送邮件至：a@qq.com\n\n请勿在公开渠道发布未修复漏洞，以免造成安全风险。\n",
        "Before making the vulnerability public (e.g., via a GitHub issue), kindly email me at "
        "[X](mailto:git@x.de) to give me the opportunity to fix the issue.\n",
        "Please email us at security@wagtail.org. We appreciate responsible disclosure with any security "
        "related issues, so please contact us first before creating a Github issue.\n",
    ):
        assert read_policy(text).private_wording, text
    squid = (
        "To report security-sensitive bugs, please post to the squid-bugs mailing list.\n\nReporters "
        "wishing to encrypt their vulnerability reports can request GPG\npublic keys from the security team "
        "members.\n"
        "Please note that encrypting reports may slow down their handling.\n"
    )
    assert not read_policy(squid).private_wording


def test_placeholders_in_other_languages_and_template_variables() -> None:
    for text in (
        "**No abras issues públicos**.\n\nEn su lugar, envía un email a [tu-email@ejemplo.com] con los "
        "detalles.\n",
        "1. No abras un issue público.\n2. Envía un correo a TODO-definir-contacto.\n",
    ):
        assert read_policy(text).placeholders, text
    variables = (
        "## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n"
        "| `{{LATEST_VERSION}}` | ✅ Actively supported |\n"
        "| `{{PREVIOUS_VERSION}}` | ✅ Supported with limited updates |\n"
        "| Older versions | ❌ Not supported |\n"
    )
    assert not read_policy(variables).supported_versions


def test_times_and_support_in_other_words() -> None:
    assert read_policy("Odpowiedź właściciela repo może zająć do kilku dni roboczych.\n").response_days == 3
    chinese = "我们将在 48 小时内确认收到你的报告。验证漏洞后，我们将在 7 个工作日内提供修复计划。\n"
    reading = read_policy(chinese)
    assert reading.response_days == 2 and reading.disclosure_days is None
    for text in (
        "_**Only report vulnerabilities that are present in the latest release.**_\n",
        "## Supported Versions\n\nIt is recommended to always use the most recent release version.\nNo "
        "security updates or patches will be provided for outdated releases.\n",
        "## Supported Versions\n\nThe `common-docs` repository does not include software or executable code\n"
        "and is therefore not subject to version-specific security risks.\n",
    ):
        assert read_policy(text).supported_versions, text


def test_advice_to_upgrade_in_the_gerund_states_no_support() -> None:
    jekwwer = (
        "## Supported Versions\n\nIf your project is using an unsupported version, we recommend upgrading "
        "to the latest version\nto benefit from security updates and fixes.\n"
    )
    assert not read_policy(jekwwer).supported_versions


def test_round_of_unseen_policies_after_heldout115() -> None:
    russian = "Мы подтверждаем получение отчёта в течение **3 рабочих дней**.\n"
    assert read_policy(russian).response_days is not None
    patchwork = "## Reporting a Vulnerability\n\nTo report a vulnerability, email <maintainers>.\n"
    assert read_policy(patchwork).placeholders
    sealed_secrets = (
        "## Supported Versions\n\nFor a list of support versions that this project will potentially create "
        "security fixes for, please refer to the Releases page on this project's GitHub and/or project "
        "related documentation on release cadence and support.\n"
    )
    assert read_policy(sealed_secrets).supported_versions
    feedback = (
        "The report will be fielded by the maintainers who have committer and release permissions. Feedback "
        "will be sent within 3 business days, including a detailed plan to investigate the issue.\n"
    )
    reading = read_policy(feedback)
    assert reading.response_days is not None and reading.disclosure_days is None
    lighthouse = "## Supported Versions\n\nPlease see the Releases page.\n"
    assert not read_policy(lighthouse).supported_versions


def test_a_badge_images_link_to_a_sites_security_page_is_the_badges() -> None:
    flux = (
        "[![SLSA 3](https://slsa.dev/images/gh-badge-level3.svg)](https://fluxcd.control-plane.io/distribution/"
        "security/)\n"
    )
    assert policy_link_line(flux) is None
    for text in (
        "See our [security page](https://fluxcd.control-plane.io/security/).\n",
        "[![Security](https://img.shields.io/badge/security-policy-blue)](https://github.com/a/b/security/policy)\n",
    ):
        assert policy_link_line(text) == 1, text


def test_round_of_unseen_policies_after_heldout118_privacy() -> None:
    asked = [
        # readability: a hyphenated word between the verb and the tracker
        "Never submit security-related bugs through a Github Issue or by email.\n",
        # signalwire/freeswitch: time asked for "our team", with no number
        "Please allow our team sufficient time to resolve the vulnerability before disclosing it.\n",
        # arkime: the tracker kept for everything else
        "Please submit any security issues to arkime.security@yahooinc.com, please use [github issues]"
        "(https://github.com/arkime/arkime/issues) or slack for non security issues.\n",
    ]
    for text in asked:
        assert read_policy(text).private_wording, text
    described = [
        # deckhouse: what the team does
        "Please submit any discovered vulnerabilities to security@deckhouse.io and wait for our reply "
        "within 48 hours.\n\nIf we confirm an issue, a relevant private discussion will be created with "
        "you as a reporter.\n",
        # kyegomez/swarms: a property of the product
        "| Secure Data Handling | Stores data securely, ensuring confidentiality and integrity. |\n",
        # wormhole: a step of the team's incident response
        "## Incident Response\n\n- Establish a private incident document, where the problem, timeline and "
        "actions are recorded.\n",
    ]
    for text in described:
        assert not read_policy(text).private_wording, text


def test_round_of_unseen_policies_after_heldout118_channels() -> None:
    repo = "biopython/biopython"
    codeowners = (
        "If you believe you have identified a security issue which is not suitable for a [public issue "
        "report](https://github.com/biopython/biopython/issues) on GitHub, please email the [module\n"
        "maintainer](https://github.com/biopython/biopython/blob/master/.github/CODEOWNERS), or as a fall "
        "back a regular contributor.\n"
    )
    assert read_policy(codeowners, "SECURITY.md", repo).channel_urls == []
    # blueimp/jQuery-File-Upload: a history of fixed issues is no inbox
    history = (
        "Please also have a look at the\n[list of fixed vulnerabilities](VULNERABILITIES.md) in jQuery File "
        "Upload.\n"
    )
    assert read_policy(history).channel_urls == []
    # weidai11/cryptopp: a public group's web page
    group = (
        "You can report a security related bug in the [GitHub bug tracker](https://github.com/weidai11/cryptopp)"
        " or at the [mailing list](https://groups.google.com/g/cryptopp-users).\n"
    )
    assert read_policy(group).channel_urls == []
    # emscripten: a tracker's restricted security template; Telegram-X: the vendor's bounty page
    for text in (
        "Please submit the report as a [security bug on the Chromium tracker](https://bugs.chromium.org/p/"
        "chromium/issues/entry?template=Security%20Bug).\n",
        "## Reporting a Vulnerability\n\nRefer to [Telegram Bug Bounty Program](https://core.telegram.org/"
        "bug-bounty) for more information.\n",
        # apache/pulsar: the whole policy sent elsewhere
        "# Security Policy\n\nThe security policy and supported versions are outlined on the Pulsar website "
        "here: https://pulsar.apache.org/docs/security-policy-and-supported-versions/.\n",
    ):
        assert read_policy(text).channel_urls, text
    # a GitHub issue template is a public issue, whatever it is called
    public = "Please report it with the [security template](https://github.com/a/b/issues/new?template=security.md).\n"
    assert read_policy(public).channel_urls == []


def test_round_of_unseen_policies_after_heldout118_support_times_and_slots() -> None:
    stated = [
        # grails-core, pulsar: where the list is kept
        "For information about the currently supported versions of the Grails framework, please see our "
        "[Support Schedule](https://grails.org/support-schedule.html).\n",
        "The security policy and supported versions are outlined on the Pulsar website here: "
        "https://pulsar.apache.org/docs/security-policy-and-supported-versions/.\n",
        # lf-edge/eve
        "## Supported Versions\n\nWhich release lines receive security fixes, and until when, is "
        "maintained in\n"
        "[docs/RELEASE-SUPPORT.md](docs/RELEASE-SUPPORT.md).\n",
        # ibis-project/ibis
        "Security updates are provided by releasing a new version.\n",
    ]
    for text in stated:
        assert read_policy(text).supported_versions, text
    # mcp-tool-shop-org/backpropagate: a CVE asked for after publication bounds no disclosure
    cve = (
        "- **Disclosure:** GHSA publication coordinated with the reporter; CVE IDs requested at publish "
        "(typically 1\u20137 days post-publication).\n"
    )
    assert read_policy(cve).disclosure_days is None
    # something-appsec/sbom-talk
    days = "We will try to come back to any raised issues within a matter of days.\n"
    assert read_policy(days).response_days is not None
    # SSSD: a template's slot left in a code span
    sssd = (
        "## Supported Versions\n\nWe regularly perform patch releases for the supported latest version "
        "`<!-- Link to the latest version/build location/latest tag -->`, which contains fixes.\n"
    )
    assert read_policy(sssd).placeholders


def test_readme_links_after_heldout118() -> None:
    elements = "Secure Reporting\n------------------\nSee [our vulnerability reporting guide](SECURITY.md)\n"
    assert policy_link_line(elements) == 3
    fenix = (
        "* Browse our [current Issues](https://github.com/mozilla-mobile/fenix/issues), or [file a security "
        "issue][sec issue].\n\n[sec issue]: https://bugzilla.mozilla.org/enter_bug.cgi?component=Security%3A"
        "%20Android&product=Fenix\n"
    )
    assert policy_link_line(fenix) == 1
    pynudger = (
        '<div align="center">\n\n<a href="https://scorecard.dev/viewer/?uri=github.com/open-nudge/pynudger">'
        "![OSSF-Scorecard Score](https://img.shields.io/ossf-scorecard/github.com/open-nudge/pynudger?style=for-"
        "the-badge&label=OSSF)\n</a>\n\n</div>\n"
    )
    badges = find_badges(pynudger)
    assert (
        len(badges) == 1
        and badges[0].target == "https://scorecard.dev/viewer/?uri=github.com/open-nudge/pynudger"
    )


def test_no_fixes_for_older_releases_and_a_tracker_for_other_bugs() -> None:
    oqtane = (
        "As a general policy, Oqtane does not issue Hot Fix releases to prior versions of the software.\n"
    )
    assert read_policy(oqtane).supported_versions
    fenix = (
        "Report all security vulnerabilities to [Bugzilla](https://bugzilla.mozilla.org/enter_bug.cgi?"
        "product=Fenix&component=Security). If they are not a security bug you will be asked to move your "
        "report to [Fenix GitHub](https://github.com/mozilla-mobile/fenix/issues).\n"
    )
    assert read_policy(fenix).private_wording


def test_round_of_unseen_policies_after_heldout126() -> None:
    # espimarisa/session-rethinkdb-ts: a reference link's text is no placeholder
    links = (
        "- **[Email][espi-email]** - `contact <at> espi <dot> me`\n\n"
        '[espi-email]: mailto:contact@espi.me?subject=session-rethinkdb-ts "Email"\n'
    )
    assert read_policy(links).placeholders == []
    # Hyperpolymath/dicti0nary-attack: an address whose domain is left to fill in
    assert read_policy("- **Email**: security@[project-domain] (if available)\n").placeholders
    # Thejus-Paul/wyvern: the file named in a code span
    wyvern = "Report security bugs by emailing the lead maintainer in the `Readme.md` file.\n"
    assert read_policy(wyvern).contact_hint is not None
    # weppos/publicsuffix-ruby: encryption suggested, not asked for
    weppos = "Please consider encrypting your report with GPG using the key below.\n"
    assert not read_policy(weppos).private_wording
    asked = [
        # jeremy-rifkin/cpptrace: only reports that reveal nothing go to the tracker
        "If the vulnerability can be reported without revealing exploitable specifics, please open an issue. "
        "If the vulnerability can't be reported publicly without leaving an obvious exploit in the public "
        "eye please email me at jeremy@rifkin.dev.\n",
        # moovfinancial/moov-go
        "Report security bugs to security@moov.io. An embargo will be in place for every report.\n",
    ]
    for text in asked:
        assert read_policy(text).private_wording, text
    # datakind/Data-Observation-Toolkit
    datakind = (
        "We will patch the current release branch, as well as the immediate prior minor release branch.\n"
    )
    assert read_policy(datakind).supported_versions
    # raycat-app/raycat: Russian numbers in words and a Russian support section
    raycat = (
        "Мы подтвердим получение в течение трёх дней.\n\n## Поддерживаемые версии\n\n"
        "Исправления безопасности выходят для последней стабильной версии.\n"
    )
    reading = read_policy(raycat)
    assert reading.response_days == 3 and reading.supported_versions


def test_an_embargo_asked_of_the_reporter_in_many_words() -> None:
    iri = "We ask that you do not to disclosure the problem to third parties until it has been resolved.\n"
    assert read_policy(iri).private_wording


def test_a_policy_named_after_another_products_other_policy_is_that_products() -> None:
    # apptainer/apptainer and sylabs/singularity, on the Go versions they build with
    go = (
        "Apptainer aims to maintain support for the two most recent stable versions\nof Go. This corresponds "
        "to the Go\n[Release Maintenance\nPolicy](https://github.com/golang/go/wiki/Go-Release-Cycle#release-"
        "maintenance)\nand [Security Policy](https://golang.org/security),\nensuring critical bug fixes are "
        "available.\n"
    )
    assert policy_link_line(go) is None
    own = "Read the Privacy Policy and [Security Policy](https://example.org/security) of this project.\n"
    assert policy_link_line(own) == 1


def test_a_rough_patch_eta_is_news_not_a_fix_time() -> None:
    backpropagate = (
        "## Response\n\n- **Acknowledgment:** within 48 hours.\n"
        "- **Assessment:** within 1 week \u2014 severity, scope, and a rough patch ETA.\n"
    )
    reading = read_policy(backpropagate)
    assert reading.response_days == 2 and reading.disclosure_days is None


def test_a_french_infinitive_refusing_publication_asks_for_privacy() -> None:
    for request in (
        "Merci de ne pas publier la vulnérabilité avant sa correction.\n",
        "Merci de ne pas ouvrir d'issue publique : écrivez à securite@acme.fr.\n",
    ):
        assert read_policy(request).private_wording, request
    assert not read_policy("Les correctifs sont publiés dans le journal des versions.\n").private_wording


def test_versions_named_as_left_without_fixes_state_support() -> None:
    for statement in (
        "Older versions are not patched.\n",
        "Versions before 2.0 are no longer supported.\n",
        "Versions prior to 3.0 do not receive security fixes.\n",
        "Version 1.x is end-of-life.\n",
        "Versions older than 12 months do not receive security updates.\n",
        "Older versions receive no security fixes.\n",
    ):
        assert read_policy(statement).supported_versions, statement
    for mention in (
        "Versions before 2.0 are affected.\n",
        "Older releases were not affected.\n",
        "If 1.2.3 is not fixed, tell us.\n",
    ):
        assert not read_policy(mention).supported_versions, mention


def test_the_projects_versions_named_as_supported_state_support_and_a_runtimes_do_not() -> None:
    for statement in (
        "Version 3.3 or newer is currently supported.\n",
        "Currently, only version 3.5 and higher are supported and receive security fixes.\n",
        "We currently support v4.x and v5.x.\n",
        "Support is provided for 2.x only.\n",
        "The 1.x line is no longer maintained.\n",
        "We're no longer patching versions of the library <= the 0.9.x series.\n",
        "The project maintains release branches for the three most recent minor releases.\n",
        "Security fixes target the latest `master` branch.\n",
        "Older versions may not receive security updates.\n",
    ):
        assert read_policy(statement).supported_versions, statement
    for mention in (
        "Python 3.8 or newer is required.\n",
        "We support Python 3.x.\n",
        "Please include the version you are using in the report.\n",
    ):
        assert not read_policy(mention).supported_versions, mention


def test_patches_in_the_next_monthly_release_a_mistyped_do_not_and_a_named_support_file() -> None:
    # AcademySoftwareFoundation/OpenImageIO, abpframework/abp, alexrudall/ruby-openai
    monthly = (
        "Our policy is to respond to vulnerability reports within 14 days, and to\naddress critical "
        "security vulnerabilities rapidly and post patches quickly,\nusually at the next scheduled patch "
        "release at the beginning of every month.\n"
    )
    reading = read_policy(monthly)
    assert reading.response_days == 14 and reading.disclosure_days == 30
    assert read_policy("New tagged releases monthly. All fixes are backported.\n").disclosure_days is None
    mistyped = "Please don not share vulnerabilities publicly in GitHub or other platforms.\n"
    assert read_policy(mistyped).private_wording
    named = "## Supported Versions\n\nSecurity fixes target the release line documented in `SUPPORT.md`.\n"
    assert read_policy(named).supported_versions
    unnamed = "## Supported Versions\n\nSee `CONTRIBUTING.md` for how to build.\n"
    assert not read_policy(unnamed).supported_versions


def test_a_details_sentence_an_address_in_bold_parts_and_reporting_privately_via_github_are_routes() -> None:
    # open-cluster-management-io/ocm, wiki-gg-oss/mediawiki-extensions-ThemeToggle, express-rate-limit
    details = (
        "If you've found a security issue that you'd like to disclose confidentially please contact Red "
        "Hat's Product Security team.\nDetails at https://access.redhat.com/security/team/contact\n"
    )
    assert [u.text for u in read_policy(details).channel_urls] == [
        "https://access.redhat.com/security/team/contact"
    ]
    advice = "We care about security. Details at https://example.org/security/hardening\n"
    assert read_policy(advice).channel_urls == []
    bold = "Instead, please notify our team:\n\n  * Send an email to **security**[@]**wiki.gg**;\n"
    assert len(read_policy(bold).emails) == 1
    assert read_policy("Please report vulnerabilities privately via GitHub.\n").pvr
    assert not read_policy("Please report bugs via GitHub issues.\n").pvr


def test_calendar_days_a_regions_business_days_and_a_time_for_public_bugs() -> None:
    # ryansimmen/mato, galaxyproject/galaxy, neutron-org/neutron
    calendar = "The maintainer will acknowledge vulnerability reports within 14 calendar days.\n"
    assert read_policy(calendar).response_days == 14
    us = "One of the maintainers will acknowledge your report within 2 US business days.\n"
    assert read_policy(us).response_days == 2 * 7 / 5
    ordinary = (
        "## Standard priority bug\n\nFor a bug that is non-sensitive, please add it as a GitHub issue.\n\n"
        "If it is not triaged in a couple of days, feel free to tag `@maintainer`.\n"
    )
    assert read_policy(ordinary).response_days is None
    low = "## Low severity security issues\n\nWe acknowledge them within 5 days.\n"
    assert read_policy(low).response_days == 5


def test_privacy_the_team_keeps_a_property_heading_a_fixed_cve_row_and_a_route_that_hides_reports() -> None:
    # KelvinTegelaar/CIPP, oasisprotocol/oasis-core, janeczku/calibre-web, mozilla/pontoon
    team = (
        "Email security@example.org. The contributors will be alerted and can discuss the issue in private.\n"
    )
    assert not read_policy(team).private_wording
    heading = (
        "## Contract Confidentiality\n\n- Cryptography: information leak.\n\nEmail security@example.org.\n"
    )
    assert not read_policy(heading).private_wording
    row = "| Version | Fix |\n|---|---|\n| 0.6.16 | The name of a private shelf was shown. CVE-2022-0273 |\n"
    assert not read_policy(row).private_wording
    hides = (
        "Please use Bugzilla. It allows us to hide security problems from the public until they are fixed.\n"
    )
    assert read_policy(hides).private_wording


def test_public_routes_beside_the_form_and_conditions_on_public_disclosure() -> None:
    # Vonage/vonage-java-sdk, zhengyongjie16/Longbridge-Quantitative-Trading,
    # ranjan-mohanty/vfs-appointment-bot
    vonage = (
        'To report a security concern, use the "[Report a Vulnerability](https://github.com/o/r/security/'
        'advisories/new)" tab.\nYou can also contact the team directly via [email](devrel@example.org) for '
        "more private disclosure.\nYou can also [raise an Issue](https://github.com/o/r/issues/new/choose).\n"
    )
    assert not read_policy(vonage).private_wording
    public = (
        "If you discover a vulnerability, please do the following:\n\n- Disclose the issue directly in the "
        "public issue.\n- Do not reveal the problem to others until it has been resolved.\n"
    )
    assert not read_policy(public).private_wording
    split = (
        "- If the vulnerability can be disclosed publicly without compromising security, you can create a "
        "public issue.\n- Keep the vulnerability confidential until a fix is released.\n"
    )
    assert read_policy(split).private_wording


def test_a_published_advisory_a_files_purpose_and_a_releases_page_are_no_route_or_support() -> None:
    # parallaxsecond/parsec, TanguyBaudrin/TidyQuest, janeczku/calibre-web
    advisories = (
        "All security vulnerabilities will receive [security advisories](https://github.com/o/r/security/"
        "advisories) in a timely manner.\n\nEmail security@example.org.\n"
    )
    assert read_policy(advisories).pvr == []
    purpose = (
        'See [SECURITY.md](../SECURITY.md).\n\nThis file exists in `.github/` to enable the "Security" tab.\n'
    )
    assert read_policy(purpose).pvr == []
    releases = (
        "## Supported Versions\n\nTo receive fixes it is required to always upgrade to the latest version. "
        "See https://github.com/o/r/releases/latest for the latest release.\n"
    )
    assert not read_policy(releases).supported_versions


def test_routes_by_handle_in_chinese_or_inside_an_open_markdown_fence() -> None:
    # EXG1O/Constructor-Telegram-Bots, nlimpid/OneApp, datout/O365
    telegram = (
        "Please report it privately. **Do not disclose it as a public issue.**\n\n"
        "You may submit a report via telegram to project founder [@exg1o](https://t.me/exg1o).\n"
    )
    assert [u.text for u in read_policy(telegram).channel_urls] == ["https://t.me/exg1o"]
    chat = "Come and chat with us on [Telegram](https://t.me/somegroup).\n"
    assert read_policy(chat).channel_urls == []
    chinese = "- 优先使用 GitHub 的 Security Advisories（仓库 `Security` 入口）进行私密报告\n"
    assert read_policy(chinese).pvr
    fenced = "## SECURITY.md\n```md\n# Security\n\nPlease email security@datout.dev.\n"
    assert [e.text for e in read_policy(fenced, "SECURITY.md").emails] == ["security@datout.dev"]
    assert code_lines("```md\nPlease email security@datout.dev.\n```\n", markdown=True) == {0, 1, 2}


def test_cjk_support_polish_hours_spelled_addresses_disclosure_routes_and_an_undecided_route() -> None:
    # 1392-github/NewTheSeed, sleepy-project/sleepy, effectiveone/liczbySlownie,
    # flare-foundation/connected-chains-docker, AliceNovel/AliceNovel
    assert read_policy("## 지원되는 버전\n최신 버전만을 지원합니다.\n").supported_versions
    assert read_policy(
        "## Supported Version / 支持版本\n\n一般情况下，我们只维护 **最新版本**。\n"
    ).supported_versions
    assert read_policy("Zgłoszenia podatności będą rozpatrywane w ciągu 48 godzin.\n").response_days == 2
    flare = (
        "## Reporting a vulnerability\n\nIf you have found a possible vulnerability, please email\n"
        "`security at flare dot network`.\n\n## Vulnerability disclosures\n\nCritical vulnerabilities will "
        "be disclosed via GitHub's\n[security advisory](https://github.com/o/r/security)\nsystem.\n"
    )
    reading = read_policy(flare)
    assert [e.text for e in reading.emails] == ["security at flare dot network"] and reading.pvr == []
    undecided = "脆弱性が発生した場合は、管理者に報告してください(報告方法に関しては検討中です)。\n"
    assert read_policy(undecided).placeholders


def test_support_named_by_window_scope_or_labelled_link_but_not_by_support_alone() -> None:
    # Trusted-AI/adversarial-robustness-toolbox, openclaw/openclaw, mbilling/fss-mqtt-broker,
    # succinctlabs/sp1, centrifugal/centrifugo, veraison/.github, Mbed-TLS/mbedtls
    for statement in (
        "Note that each version of ART is supported for only 1 year after the release.\n",
        "- Reproducible PoC against latest `main` or latest released version.\n",
        "- **Supported versions and fix timelines**: [SUPPORT.md](SUPPORT.md)\n",
        "* Fixes are prepared for the next major and minor releases.\n",
        "## Maintained branches\n\nOnly the maintained branches, as listed in [`BRANCHES.md`](BRANCHES.md),\n"
        "get security fixes.\n",
    ):
        assert read_policy(statement).supported_versions, statement
    for mention in (
        "## Supported Versions\n\nOnly maintained versions of Centrifugo receive security updates.\n",
        "Please include any current release or tag information maintained by the repo.\n",
    ):
        assert not read_policy(mention).supported_versions, mention


def test_a_fix_plan_is_news_of_the_fix() -> None:
    # raulkivi/unicode-smuggling-guard
    assert (
        read_policy("- An assessment and, if confirmed, a fix plan within 30 days.\n").disclosure_days is None
    )
    assert read_policy("We provide a resolution or mitigation plan within 7 days.\n").disclosure_days == 7


def test_routes_and_requests_in_heldout144_to_148s_words() -> None:
    # opencast/opencast, open-feature/community, getgoji/goji-data-analysis
    opencast = (
        "Please report security-related bugs by sending an email to security@opencast.org.\nEverything else "
        "should be filed as a ticket in our [issue tracker](https://github.com/opencast/opencast/issues)\n"
    )
    assert read_policy(opencast).private_wording
    prefer = (
        "If you can't send an email, open an issue. We really prefer if you'd talk to us over email, though, "
        "as our repositories are public and we would like to give a heads up to our users before disclosing "
        "it publicly.\n"
    )
    assert read_policy(prefer).private_wording
    guide = (
        "## Reporting a Vulnerability\n\n1. Open an [issue](https://github.com/o/r/issues)\n1. Follow the "
        "[contribution guidelines](https://github.com/o/r/blob/main/.github/CONTRIBUTING.md)\n"
    )
    assert read_policy(guide, "SECURITY.md", "o/r").channel_urls == []


def test_czech_times_and_italian_support() -> None:
    # intrpom/sablony-rozhovor, coro-delle-dieci/coro2
    czech = (
        "## Co očekávat\n\n- **24 hodin**: Potvrzení přijetí reportu\n- **30 dní**: Oprava implementována\n"
    )
    reading = read_policy(czech)
    assert reading.response_days == 1 and reading.disclosure_days == 30
    italian = "## Supported Versions\n\nAttualmente il sito è mantenuto in un'unica versione attiva.\n"
    assert read_policy(italian).supported_versions


def test_githubs_button_in_french_word_order_and_a_portuguese_confirmation_of_receipt() -> None:
    # Jackstonebreaker/mangapark-image-fix, Alxdelira/service-shopper-iamges
    french = "Ouvre une **Security Advisory** GitHub (\u201cReport a vulnerability\u201d) sur le dépôt.\n"
    assert read_policy(french).pvr
    published = "We also publish a Security Advisory on Github once releases are available.\n"
    assert read_policy(published).pvr == []
    receipt = "- Você receberá uma confirmação de recebimento do seu relatório dentro de 24 horas.\n"
    assert read_policy(receipt).response_days == 1


def test_time_asked_before_disclosure_in_other_words_asks_for_privacy() -> None:
    # corpus sentences read as requests only through other sentences of their files: slackapi/bolt-python,
    # Rainyan/nt-hammer-bootstrap, optuna/optuna
    for request in (
        "- Allow a reasonable timeframe for the team to investigate, develop, and release a fix before any "
        "public disclosure.\n",
        "Please wait for a response for at least 14 days, and wait at least 30 days total before public "
        "disclosure.\n",
        "Please wait until a fix is released before disclosing publicly.\n",
        "Please refrain from posting the issue in public forums such as GitHub Issues until it is fixed.\n",
    ):
        assert read_policy(request).private_wording, request
    for practice in (
        "We wait 7 days before publishing the advisory.\n",
        "We will wait for the fix before publishing.\n",
    ):
        assert not read_policy(practice).private_wording, practice


def test_a_confirmation_of_receipt_and_a_conversation_opened_are_responses() -> None:
    # corpus lines read as responses only through other lines of their files: haquiticos/LabAI-Comply,
    # FazilCherukad/moneytrak
    receipt = "- **48 horas**: Confirmação do recebimento do relatório de vulnerabilidade\n"
    assert read_policy(receipt).response_days == 2
    talk = "3.  The developer will initiate a conversation with the reporter within 3 business days.\n"
    assert read_policy(talk).response_days == 3 * 7 / 5


def test_support_stated_by_the_greatest_version_a_version_series_or_fixes_landing_on_main() -> None:
    # corpus sentences read as support only through other sentences of their files: bats-core/bats-core,
    # zeromq/libzmq, archledger/irlume
    for statement in (
        "Only the greatest published version (according to semver) will be supported.\n",
        "4.x versions are supported with critical and security bug fixes.\n",
        "There is no long-term-support branch; security fixes land on `main` and ship in the next release.\n",
    ):
        assert read_policy(statement).supported_versions, statement
    for mention in ("Only Windows 10 or newer is supported.\n", "Python 3.x versions are supported.\n"):
        assert not read_policy(mention).supported_versions, mention


def test_russian_words_offer_an_address() -> None:
    # EgorSborschikov/ComfortConfy: "please report it by sending an e-mail to the address"
    text = (
        "## \u0423\u0432\u0435\u0434\u043e\u043c\u043b\u0435\u043d\u0438\u0435 \u043e "
        "\u043f\u0440\u043e\u0431\u043b\u0435\u043c\u0430\u0445 "
        "\u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u0438\n\n"
        "\u0415\u0441\u043b\u0438 "
        "\u0432\u044b \u043e\u0431\u043d\u0430\u0440\u0443\u0436\u0438\u043b\u0438 "
        "\u043f\u0440\u043e\u0431\u043b\u0435\u043c\u0443 "
        "\u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u0438, "
        "\u043f\u043e\u0436\u0430\u043b\u0443\u0439\u0441\u0442\u0430, "
        "\u0441\u043e\u043e\u0431\u0449\u0438\u0442\u0435 \u043e\u0431 "
        "\u044d\u0442\u043e\u043c, \u043e\u0442\u043f\u0440\u0430\u0432\u0438\u0432 "
        "\u044d\u043b\u0435\u043a\u0442\u0440\u043e\u043d\u043d\u043e\u0435 "
        "\u043f\u0438\u0441\u044c\u043c\u043e \u043d\u0430 \u0430\u0434\u0440\u0435\u0441 "
        "[egor@mail.ru](mailto:egor@mail.ru).\n"
    )
    assert {e.text for e in read_policy(text).emails} == {"egor@mail.ru"}


def test_a_maintainers_handle_named_on_a_chat_service_is_a_contact() -> None:
    # gobuffalo/buffalo; a workspace invitation alone is still no inbox
    handles = "## Reporting a Vulnerability\n\nContact @paganotoni or @sio4 on the [Gophers Slack](https://gophers.slack.com).\n"
    assert read_policy(handles).channel_urls
    room = "## Reporting a Vulnerability\n\nJoin the [Gophers Slack](https://gophers.slack.com) to talk.\n"
    assert read_policy(room).channel_urls == []


def test_severe_reports_sent_to_mail_beside_public_issues_ask_for_privacy() -> None:
    # AmruthPillai/Reactive-Resume
    split = (
        "Please raise an issue on GitHub to report any security vulnerabilities in the app. If the "
        "vulnerability is potentially lethal, email me about it on hello@amruthpillai.com.\n"
    )
    assert read_policy(split).private_wording


def test_a_route_described_as_private_is_no_request() -> None:
    # apache/kyuubi, beside apache/kafka's imperative
    assert not read_policy("Reports can be sent privately to security@kyuubi.apache.org.\n").private_wording
    imperative = "Report suspected security vulnerabilities privately to security@kafka.apache.org.\n"
    assert read_policy(imperative).private_wording


def test_release_stages_in_the_supported_column_state_support() -> None:
    # bcgov/Unity
    table = (
        "## Supported Versions\n\n| Version | Supported          |\n| ------- | ------------------ |\n"
        "| 0.1.x   | Experimental  |\n| 1.0.x   | Initial release |\n| 1.x.x   | Production release |\n"
    )
    assert read_policy(table).supported_versions


def test_a_new_draft_advisory_is_githubs_private_form() -> None:
    # contentful/contentful.js
    steps = "### Option 1: Draft a New Advisory\n\nClick **New draft advisory** and enter the information.\n"
    assert read_policy(steps).pvr


def test_no_regular_issue_asks_for_privacy_and_a_same_day_answer_is_a_response_time() -> None:
    # cppalliance/decimal
    text = (
        "If you believe you have found a security critical bug, please **DO NOT** open a regular issue and "
        "instead follow the reporting steps below.\n\nPlease email your security bugs to matt at mattborland "
        "dot com.\nI will respond same day, or next business day (I am located in the Eastern US time "
        "zone).\n"
    )
    reading = read_policy(text)
    assert reading.private_wording and reading.response_days == 1


def test_fixes_in_the_next_monthly_release_state_support_and_a_fix_time() -> None:
    # eclipse-theia/theia
    text = (
        "## Supported Versions\n\nEclipse Theia is released on a monthly cadence. Security fixes are "
        "addressed in the next upcoming release and are not backported to previously released versions.\n"
    )
    reading = read_policy(text)
    assert reading.supported_versions and reading.disclosure_days == 30


def test_the_only_supported_deployment_states_support() -> None:
    # fbuireu/forever-pto
    text = (
        "## Supported Versions\n\nForever PTO is a continuously deployed web application, not a versioned\n"
        "library: [forever-pto.com](https://forever-pto.com) always runs the latest\n`main`, and that "
        "deployment is the only supported version.\n"
    )
    assert read_policy(text).supported_versions
    assert read_policy("That deployment is the only supported version.\n").supported_versions


def test_a_readme_section_a_cve_address_and_an_elapsed_time_are_no_channel_or_timeline() -> None:
    # GoogleContainerTools/distroless, beside starkware-libs/cairo's contact section of its README
    text = (
        "## Reporting a Vulnerability\n\n"
        "1. ensure you are using a [currently supported image](https://github.com/octo/demo#what-images-are-available)\n"
        "1. find the appropriate debian security-tracker notice: "
        "`https://security-tracker.debian.org/tracker/CVE-XXXX-YYYYY`\n"
        "1. if a fix is available *and* it has been more than 48 hours, please let the team know by creating "
        "an issue and pointing to the CVE or vulnerability disclosure.\n"
    )
    reading = read_policy(text, "SECURITY.md", "octo/demo")
    assert reading.channel_urls == [] and reading.disclosure_days is None
    contact = "## Reporting a Vulnerability\n\n1. Use any of the [private contact addresses](https://github.com/octo/demo#support).\n"
    assert read_policy(contact, "SECURITY.md", "octo/demo").channel_urls


def test_security_sensitive_issues_name_a_kind_not_a_request() -> None:
    # mellium/xmpp, beside cue-lang/cue
    kind = "Security sensitive issues should be reported directly to the project maintainer by emailing us.\n"
    assert not read_policy(kind).private_wording
    sensitive = "Sensitive security-related issues should be reported to us by email.\n"
    assert read_policy(sensitive).private_wording


def test_no_issues_for_other_components_is_scope_not_privacy() -> None:
    # nodejs/docker-node
    scope = "Please do not open issues in this repo for vulnerabilities in the above components.\n"
    assert not read_policy(scope).private_wording
    assert read_policy("Please do not open issues in this repo for vulnerabilities.\n").private_wording


def test_not_reported_by_opening_an_issue_asks_for_privacy() -> None:
    # prometheus-operator/prometheus-operator
    text = (
        "If you find a security vulnerability, please do not report it by opening a GitHub\nissue, but "
        "instead please send an e-mail to the maintainers.\n"
    )
    assert read_policy(text).private_wording


def test_a_private_key_file_is_no_privacy() -> None:
    # pytorch/serve
    assert not read_policy(
        "TorchServe supports SSL:\n\n1. Using private-key/certificate files\n"
    ).private_wording


def test_advice_to_use_our_latest_image_states_no_support() -> None:
    # qodo-ai/pr-agent
    text = (
        "## Supported Versions\n\n#### Latest Version\n\nFor the most recent updates, use our latest Docker "
        "image which is automatically built nightly:\n"
    )
    assert not read_policy(text).supported_versions


def test_a_regions_business_days_in_words() -> None:
    # rauc/rauc
    assert read_policy("You should receive a response within five German business days.\n").response_days == 7


def test_the_private_form_selected_from_the_issue_chooser_and_a_spanish_address_left_to_define() -> None:
    # Meaningful-Data/vtlengine, mario-asenjo/AsociacionMayoresVillanueva
    chooser = "To report a vulnerability, please add a new issue (selecting Report a Vulnerability).\n"
    assert read_policy(chooser).pvr
    spanish = (
        "## C\u00f3mo reportar\n\n- Abre un reporte privado mediante los mecanismos de seguridad de GitHub "
        "(Security Advisories) si est\u00e1 habilitado\n- O contacta al equipo mantenedor (define un "
        "correo/alias interno cuando el repo tenga owner)\n"
    )
    reading = read_policy(spanish)
    assert reading.pvr and reading.placeholders


def test_a_telephone_line_and_a_persons_chat_handle_are_contacts() -> None:
    # equinor/rvmsharp, loopyd/ecs-saber, sapphiredev/framework; a server's channel is no person
    phone = '### For "critical" issues\n\nPhone the Equinor helpdesk:\n\n- Norway (+47) 51 999 222\n'
    assert [h.text for h in read_policy(phone).direct_contacts] == ["(+47) 51 999 222"]
    assert "no-private-contact" not in _problems(phone)
    tag = (
        "Please do not open a public issue and send me a Discord message directly at: **saber7ooth#7527**.\n"
    )
    assert [h.text for h in read_policy(tag).direct_contacts] == ["saber7ooth#7527"]
    dm = "If the vulnerability is exploitable please join the Discord server and then DM @kyranet.\n"
    assert read_policy(dm).direct_contacts
    room = "To report a vulnerability, join our Discord server and use the #feedback channel.\n"
    assert read_policy(room).direct_contacts == []
    assert read_policy("Released 2024-05-01 (+1) 713 878 6970 times.\n").direct_contacts == []


def test_the_harmless_ones_sent_to_the_tracker_ask_for_privacy_for_the_rest() -> None:
    # sapphiredev/framework
    split = (
        "In case the vulnerability is not exploitable by any users you are free to either:\n\n"
        "- Use the GitHub issue tracker to report the issue\n"
    )
    assert read_policy(split).private_wording


def test_an_instruction_left_in_the_template_is_a_placeholder() -> None:
    # lunaos-ai/lunaos-marketing
    assert read_policy("## Supported Versions\n\nDocument supported release branches here.\n").placeholders
    assert not read_policy("## Supported Versions\n\nWe list supported releases here.\n").placeholders


def test_the_most_recent_two_major_versions_state_support() -> None:
    # activedocument/activedocument
    text = (
        "ActiveDocument Ultra will release gem security patches all minor versions `Y` of the most recently "
        "released two major versions `X`.\n"
    )
    assert read_policy(text).supported_versions


def test_never_in_the_open_and_not_through_github_directly_ask_for_privacy() -> None:
    # chocolatey/choco, digitalservicebund/grundsteuer
    assert read_policy("Security reports should never start out in the open.\n").private_wording
    direct = "Please do not report security vulnerabilities through Github directly.\n"
    assert read_policy(direct).private_wording


def test_the_teams_own_handling_and_the_reporters_data_ask_nothing() -> None:
    # OISF/suricata
    for practice in (
        "These will in general be\nkept private until the next release.\n",
        "We will attempt to keep the time these issues are private to a minimum.\n",
        "If you share confidential\nor sensitive data like pcaps, please clearly indicate that.\n",
    ):
        assert not read_policy(practice).private_wording, practice


def test_support_tiers_of_the_code_and_a_hedge_about_older_versions_state_no_support() -> None:
    # OISF/suricata, nginx/njs
    tiers = (
        "## Support Status of affected code\n\n4 levels are defined: *Tier 1*, *Tier 2*, *Community* and "
        "*Unmaintained*.\n\nThese are documented in https://docs.suricata.io/en/latest/support-status.html\n"
    )
    assert not read_policy(tiers).supported_versions
    hedge = "## Latest Versions\n\nOlder versions may not have all enhancements and/or bug fixes applied.\n"
    assert not read_policy(hedge).supported_versions


def test_a_promise_after_a_disclaimer_is_a_response_time_and_encryption_if_possible_is_offered() -> None:
    # PCRE2Project/pcre2, rpm-software-management/rpm
    promise = "We cannot guarantee rapid response, but would aim to respond within 1 week.\n"
    assert read_policy(promise).response_days == 7
    assert read_policy("We cannot guarantee a response within 1 week.\n").response_days is None
    assert not read_policy("Please PGP-encrypt the email if possible.\n").private_wording
    assert read_policy("Please PGP-encrypt the email.\n").private_wording


def test_not_reported_by_filing_an_issue_asks_for_privacy_and_the_teams_private_check_does_not() -> None:
    # laurencelundblade/QCBOR
    request = "In most cases the vulnerability should not be reported by filing an issue in GitHub.\n"
    assert read_policy(request).private_wording
    practice = (
        "When the fix has been created, it will be privately verified with the party that reported it.\n"
    )
    assert not read_policy(practice).private_wording
    kind = "Some examples of issues that should not be reported as security issues:\n"
    assert not read_policy(kind).private_wording


def test_a_definition_at_the_end_is_offered_by_its_users_and_the_advisory_database_is_no_inbox() -> None:
    # Anselmoo/spectrafit
    text = (
        "## Supported Versions\n\n> Security are currently performed via [GitHub's CodeQL][1].\n\n"
        "## Reporting a Vulnerability\n\nSee also [GitHub Advisory Database][3].\n\n"
        "[1]: https://securitylab.github.com/tools/codeql/\n"
        "[3]: https://github.com/advisories?query=type%3Areviewed+ecosystem%3Apip\n"
    )
    assert read_policy(text).channel_urls == []
    inbox = "## Reporting a Vulnerability\n\nWrite to [our team][1].\n\n[1]: https://security.acme-robotics.dev/report\n"
    assert read_policy(inbox).channel_urls


def test_many_handles_numbers_and_readme_sections_on_one_line_are_each_read() -> None:
    # the per-line and per-sentence answers are kept, so every address on a long line is still found
    line = "Contact @abc on Discord or call +47 51 999 222 or [x](https://github.com/a/b#contact-us) " * 50
    reading = read_policy(line)
    assert len(reading.direct_contacts) == 100 and len(reading.channel_urls) == 1


def test_handles_in_a_column_named_by_the_service_offered_for_reports_are_contacts() -> None:
    # http4s/http4s; a column of handles on a service not offered for reports is not
    text = (
        "## Reporting a Vulnerability\n\nWe will use [keybase](https://keybase.io) as the vehicle for "
        "reporting security issues as that gives us a forum to discuss, analyze, and remediate the threat "
        "before an exploit is published.\n\n### Security Maintainer list:\n\n"
        "|name | github | keybase |\n|-----|--------|---------|\n"
        "| Ross A. Baker | @rossabaker | @rossabaker|\n"
    )
    reading = read_policy(text)
    assert [h.text for h in reading.direct_contacts] == ["@rossabaker"] and reading.private_wording
    team = "## Team\n\n| name | keybase |\n|---|---|\n| Ross | @rossabaker |\n\nReport to the team.\n"
    assert read_policy(team).direct_contacts == []


def test_a_number_on_signal_and_a_handle_after_its_service_are_contacts_but_everyone_is_nobody() -> None:
    head = "## Reporting a Vulnerability\n\n"
    signal = head + "To report a vulnerability, contact me on Signal: +1 555 010 0199\n"
    assert [h.text for h in read_policy(signal).direct_contacts] == ["+1 555 010 0199"]
    keybase = head + "Report it privately to @alice on Keybase.\n"
    assert [h.text for h in read_policy(keybase).direct_contacts] == ["@alice"]
    matrix = head + "To report a vulnerability, message me on Matrix: @alice:matrix.org\n"
    assert [h.text for h in read_policy(matrix).direct_contacts] == ["@alice:matrix.org"]
    assert read_policy(head + "Join us on Discord (@everyone welcome) to chat.\n").direct_contacts == []


@pytest.mark.parametrize(
    "text",
    [
        "## Vulnerabilidades\n\nEscríbenos a juan@empresa-dev.es.\n",
        "## Vulnerabilidades\n\nEscreva para joao@empresa-dev.com.br.\n",
        "## Vulnérabilités\n\nMerci d'écrire à jean@exemple-dev.fr.\n",
        "## Luki bezpieczeństwa\n\nNapisz na adres jan@firma-dev.pl.\n",
        "## 보안 취약점\n\n취약점을 발견하면 kim@hoesa-dev.kr 로 이메일을 보내주세요.\n",
        "## 安全漏洞\n\n请发送邮件至 wang@gongsi-dev.cn。\n",
    ],
)
def test_an_address_offered_in_other_languages_is_a_contact(text: str) -> None:
    # the words to write, e-mail and vulnerability in Spanish, Portuguese, French, Polish, Korean and Chinese,
    # the kind of wording a Russian policy (EgorSborschikov/ComfortConfy) was missed for
    assert read_policy(text).emails
    assert not read_policy("## Projet\n\nPour décrire le projet, voir jean@exemple-dev.fr.\n").emails


@pytest.mark.parametrize(
    "text",
    [
        "Não divulgue publicamente a vulnerabilidade.\n",
        "N'ouvrez pas d'issue publique.\n",
        "Bitte öffnen Sie kein öffentliches Issue.\n",
        "공개 이슈를 열지 마세요.\n",
        "Jangan membuat issue publik.\n",
        "\u041d\u0435 \u0432\u0456\u0434\u043a\u0440\u0438\u0432\u0430\u0439\u0442\u0435 "
        "\u043f\u0443\u0431\u043b\u0456\u0447\u043d\u0435 issue.\n",
        "Vui lòng không công khai lỗ hổng.\n",
    ],
)
def test_a_public_report_refused_in_other_languages_asks_for_privacy(text: str) -> None:
    # Portuguese, French, German, Korean, Indonesian, Ukrainian and Vietnamese refusals of a public report
    assert read_policy(text).private_wording
    assert not read_policy("Kein Problem, öffentliche Releases folgen.\n").private_wording


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("48시간 이내에 답변드리겠습니다.\n", 2),
        ("We antwoorden binnen 48 uur.\n", 2),
        ("Kami akan merespons dalam 48 jam.\n", 2),
        (
            "\u041c\u0438 \u0432\u0456\u0434\u043f\u043e\u0432\u0456\u043c\u043e "
            "\u043f\u0440\u043e\u0442\u044f\u0433\u043e\u043c 48 \u0433\u043e\u0434\u0438\u043d.\n",
            2,
        ),
        ("Chúng tôi sẽ phản hồi trong vòng 48 giờ.\n", 2),
        ("Chúng tôi sẽ xác nhận trong 5 ngày làm việc.\n", 7),
    ],
)
def test_a_response_time_in_other_languages(text: str, days: float) -> None:
    # Korean, Dutch, Indonesian, Ukrainian and Vietnamese answers and units
    assert read_policy(text).response_days == days
    assert read_policy("1일부터 시작합니다.\n").response_days is None


def test_a_translation_after_each_sentence_is_a_sentence_of_its_own() -> None:
    # MOSW626/mecha_ws: the Korean line's time belongs to its own verb, not to the English "address"
    from checks._policy_doc import SENTENCE_BREAK

    text = (
        "We will respond within 48 hours and work with you to address the issue. "
        "48시간 이내에 응답하고 문제 해결을 위해 협력하겠습니다.\n"
    )
    assert len(SENTENCE_BREAK.split(text)) == 2
    reading = read_policy(text)
    assert reading.response_days == 2 and reading.disclosure_days is None
    assert len(SENTENCE_BREAK.split("It takes approx. 3 days to answer.")) == 1


@pytest.mark.parametrize(
    ("heading", "statement"),
    [
        ("Wspierane wersje", "Wspierana jest tylko najnowsza wersja."),
        ("Desteklenen S\u00fcr\u00fcmler", "Yaln\u0131zca en son s\u00fcr\u00fcm desteklenir."),
        ("Ondersteunde versies", "Alleen de nieuwste versie wordt ondersteund."),
        ("Versi yang didukung", "Hanya versi terbaru yang didukung."),
        (
            "\u041f\u0456\u0434\u0442\u0440\u0438\u043c\u0443\u0432\u0430\u043d\u0456 "
            "\u0432\u0435\u0440\u0441\u0456\u0457",
            "\u041f\u0456\u0434\u0442\u0440\u0438\u043c\u0443\u0454\u0442\u044c\u0441\u044f "
            "\u043b\u0438\u0448\u0435 "
            "\u043e\u0441\u0442\u0430\u043d\u043d\u044f \u0432\u0435\u0440\u0441\u0456\u044f.",
        ),
        (
            "Phi\u00ean b\u1ea3n \u0111\u01b0\u1ee3c h\u1ed7 tr\u1ee3",
            "Ch\u1ec9 phi\u00ean b\u1ea3n m\u1edbi nh\u1ea5t \u0111\u01b0\u1ee3c h\u1ed7 tr\u1ee3.",
        ),
    ],
)
def test_the_latest_version_supported_in_other_languages(heading: str, statement: str) -> None:
    # Polish, Turkish, Dutch, Indonesian, Ukrainian and Vietnamese support sections
    assert read_policy(f"## {heading}\n\n{statement}\n").supported_versions
    assert not read_policy(f"## {heading}\n\nSee the changelog.\n").supported_versions


@pytest.mark.parametrize(
    "text",
    [
        "Utiliza la función de reporte privado de vulnerabilidades de GitHub.",
        "Usa los Security Advisories de GitHub para reportarlo.",
        "Use o recurso de relatório privado de vulnerabilidades do GitHub.",
        "Utilisez le signalement privé de vulnérabilités de GitHub.",
        "Nutzen Sie die private Schwachstellenmeldung von GitHub.",
        "GitHubの非公開の脆弱性報告機能を使ってください。",
        "GitHub의 비공개 취약점 보고 기능을 사용하세요.",
        "Gunakan fitur pelaporan kerentanan privat GitHub.",
        "Skorzystaj z prywatnego zgłaszania podatności na GitHubie.",
        "Gebruik de privé kwetsbaarheidsmelding van GitHub.",
        "Usa la segnalazione privata delle vulnerabilità di GitHub.",
    ],
)
def test_githubs_private_form_named_in_other_languages(text: str) -> None:
    # the kind of wording the Chinese "GitHub 的 Security Advisories" and the French "Security Advisory
    # GitHub" were missed for
    assert read_policy(f"## Reporting\n\n{text}\n").pvr
    assert not read_policy("## Reporting\n\nPublicaremos un aviso privado de vulnerabilidad en GitHub.\n").pvr
