"""The checks on real SECURITY files and READMEs (tests/fixtures/corpus/), judged by hand.

The floors are the figures measured on the corpus (see tests/fixtures/corpus/README.md); never lower
them to make a change pass.
"""

from __future__ import annotations

import pytest
import yaml

from tests.checks.corpus import CASES_MINIMUM, CORPUS, SPLITS, Score, check_result, load_corpus, score

# The corpus measures accuracy, not coverage: the rule tests must reach every line of checks/ by
# themselves, and tracing the checks over every corpus file would add about 35 s to a covered run.
pytestmark = pytest.mark.no_cover

# (check, split) -> (verdict accuracy, precision and recall floor for every finding type). dev and heldout
# were used to shape the rules; the floors hold them at their measured figures (1.00 per finding type, no
# wrong verdict), above the goal of 0.98.
FLOORS = {
    ("security-policy", "dev"): (1.0, 1.0),
    ("security-policy", "heldout"): (1.0, 1.0),
    ("security-badge", "dev"): (1.0, 1.0),
    ("security-badge", "heldout"): (1.0, 1.0),
}
# Finding types still below the goal, at their measured level: (check, split, code) -> floor.
BELOW_GOAL: dict[tuple[str, str, str], float] = {
    # nodejs/undici: "This delay is typically a few days but can take up to a week" is the wait for a CVE
    # after the fixed release, judged as no disclosure timeline; the rules read it as one.
    ("security-policy", "heldout3", "no-disclosure-timeline"): 0.97,
    # DA0-DA0/dao-contracts: a "couple of days" escalation for ordinary bugs, judged no response time.
    ("security-policy", "heldout6", "no-response-time"): 0.98,
    # heldout9: kysely's "usually takes up to 24 hours" about supply-chain incidents in general (judged no
    # fix time).
    ("security-policy", "heldout9", "no-disclosure-timeline"): 0.98,
    # heldout11: backstage's "this can take up to 72h" is the wait for the CVE number (judged no fix time).
    ("security-policy", "heldout11", "no-disclosure-timeline"): 0.98,
    # heldout14: 0Bu/daikin-altherma-esp32's 40 KB threat model, whose "2 days" of an OTA gate the rules read
    # as a fix time.
    ("security-policy", "heldout14", "no-disclosure-timeline"): 0.98,
    # heldout15: the Db2 versions a sample project runs on (judged another product's versions).
    ("security-policy", "heldout15", "no-supported-versions"): 0.97,
    # heldout21: fauna-labs/todo-vanillajs's table ticks one "none" row and crosses another, judged to name no
    # version; the rules read a "none" version cell as a statement that none is supported.
    ("security-policy", "heldout21", "no-supported-versions"): 0.97,
    # heldout26 (earlier versions): LetsChat's edited copy of the template's version labels (judged its own
    # table), a "plan to communicate ... within 1-7 days" (harbor) judged no fix time.
    ("security-policy", "heldout26", "github-template"): 0.85,
    ("security-policy", "heldout26", "no-disclosure-timeline"): 0.98,
    # heldout27 (more earlier versions): podsalsa's first table judged to name no supported version.
    ("security-policy", "heldout27", "no-supported-versions"): 0.97,
    # heldout33: solana's "For the affected branches, typically all three (edge, beta and stable), prepare a
    # fix" judged to say which lines get fixes.
    ("security-policy", "heldout33", "no-supported-versions"): 0.95,
    # heldout37 (earlier versions): the same call as in heldout26, harbor's "plan ... within 1-7 days of the
    # report" judged news.
    ("security-policy", "heldout37", "no-disclosure-timeline"): 0.96,
    # heldout43: victorjimenezdev's "Fix timeline: Varies by severity (critical: days, high: weeks ...)"
    # judged a fix time (as "within days" was judged in heldout5); the rules want a number.
    ("security-policy", "heldout43", "no-disclosure-timeline"): 0.93,
    # heldout45: gocd's times are only in a mermaid flowchart in a code block ("RECEIVED -- "0-7 days" -->
    # TRIAGED"), judged stated; the rules read no code.
    ("security-policy", "heldout45", "no-response-time"): 0.9,
    # heldout47: tekorakle's severity table headed "Response Time" ("Critical | 24-48 hours", "Low | Next
    # release") judged a time to the fix; the rules read the heading's words.
    ("security-policy", "heldout47", "no-disclosure-timeline"): 0.87,
    # heldout52: psalm-plugin-laravel's README links "[docs/security.md](docs/security.md)" for its taint
    # analysis, judged no link to the policy; a link to a SECURITY file counts whatever its label says.
    ("security-badge", "heldout52", "link-not-badge"): 0.8,
    ("security-badge", "heldout52", "missing"): 0.96,
    # heldout59: AoiChan-VN/Onee-Chan's "| Server | Version | Support |" table (Spigot v1.0.x, Paper Latest),
    # judged the server platforms the plugin runs on, like runtime versions; the rules read it as its own.
    ("security-policy", "heldout59", "no-supported-versions"): 0.92,
    # heldout61: jetty's handling checklist, "Advise the security advisory will be published in 2 days unless
    # they indicate they need more time", counted from the staged release (judged no disclosure timeline).
    ("security-policy", "heldout61", "no-disclosure-timeline"): 0.93,
    # heldout64: tpm2-tss's "strive to adhere to a sub 60 say turn around from report to release", a typo for
    # days, judged a fix time.
    ("security-policy", "heldout64", "no-disclosure-timeline"): 0.95,
    # heldout66: ItaliaDevHub/WinHubX's README, whose unlinked "security policy" shields badge was judged the
    # finding beside a text link to SECURITY.md.
    ("security-badge", "heldout66", "link-not-badge"): 0.66,
    # heldout91: pypa/packaging's README cites "`security`_", an RST target at the project's security page,
    # judged a text link to the policy; nothing in the sentence says it is about reporting.
    ("security-badge", "heldout91", "link-not-badge"): 0.0,
    ("security-badge", "heldout91", "missing"): 0.79,
    # heldout92: minimost's "[rate limits](docs/security.rst)" judged a documentation page, not the policy;
    # a link to a SECURITY file counts whatever its label says (as psalm-plugin-laravel, heldout52).
    ("security-badge", "heldout92", "link-not-badge"): 0.74,
    ("security-badge", "heldout92", "missing"): 0.49,
    # heldout95: ai-orchestrator-hub's "### For Public Issues" / "### For Private/Sensitive Issues - Use
    # GitHub's private vulnerability reporting feature", judged the form offered beside public issues (no
    # request); the rules read the split by sensitivity as one.
    ("security-policy", "heldout95", "not-private"): 0.66,
    # heldout101: STIGQter's "An option for a private encryption key to continue security discussions will be
    # provided within 72 hours", judged the response time; the rules find no answer to the reporter in it.
    ("security-policy", "heldout101", "no-response-time"): 0.83,
    # heldout104: two versions of GNOME/librsvg's policy, a list headed "Librsvg releases with security fixes"
    # with "The following list is only for stable release streams, where the minor number is even", judged
    # a history of fixed releases, not which versions get fixes; the rules read the stable streams as named.
    ("security-policy", "heldout104", "no-supported-versions"): 0.74,
    # heldout112: kmuchla/homelab's Polish routes (the Security tab's form "or an issue marked private if you
    # need discretion", and "keep keys and passwords out of a public report"), judged privacy offered; the
    # rules read the form named with no public issue offered in words they know as a request.
    ("security-policy", "heldout112", "not-private"): 0.49,
    # heldout120: canonical/identity-platform-login-ui's runbook, whose "#### previous release" step says
    # "apply git patch below ... to avoid pushing to latest stable", judged no statement of support; the rules
    # read a heading naming a release as a support section.
    ("security-policy", "heldout120", "no-supported-versions"): 0.66,
    # heldout137: galaxyproject/galaxy's "The issue will then be embargoed for three (3) days", after a notice
    # to public server owners that already carries the steps to patch, was judged a time counted from the
    # fix; the rules read an embargo's length as a time to disclosure.
    ("security-policy", "heldout137", "no-disclosure-timeline"): 0.92,
    # heldout147: omnibor/omnibor-rs's "Please give us 90 days to respond to a vulnerability disclosure. In
    # general, we will try to be faster than that to produce fixes and respond publicly." was judged a window
    # for the fix and its publication (no response time); the rules read "90 days to respond" as a slow first
    # response, the reading "Please allow us 48 hours to respond" needs.
    ("security-policy", "heldout147", "no-disclosure-timeline"): 0.88,
    ("security-policy", "heldout147", "no-response-time"): 0.85,
    ("security-policy", "heldout147", "slow-response"): 0.0,
    # heldout156: pkp/ojs's "We aim to have a fix available within a week of notification" was judged a fix
    # time counted from the report; the rules count a time "of notification" from a later notice, the reading
    # redwoodjs/redwood's "resolved within 24 hours of notification" (of its scanners' alerts) needs.
    ("security-policy", "heldout156", "no-disclosure-timeline"): 0.91,
    # heldout162: OISF/suricata's "These will in general be fixed as soon as possible in latest development
    # versions, and may be backported to older versions that are still getting updates" (low-severity issues)
    # was judged no statement of support; the rules read the latest development versions as the ones fixed.
    ("security-policy", "heldout162", "no-supported-versions"): 0.66,
}
# heldout2 to heldout5 were judged after the rules were written and are only measured: these
# floors are their figures after the rules were reworked (see tests/fixtures/corpus/README.md), kept so
# a change cannot silently make them worse.
MEASURED_FLOORS = {
    ("security-policy", "heldout2"): (1.0, 1.0),
    ("security-badge", "heldout2"): (1.0, 1.0),
    ("security-policy", "heldout3"): (1.0, 1.0),
    ("security-badge", "heldout3"): (1.0, 1.0),
    ("security-policy", "heldout4"): (1.0, 1.0),
    ("security-badge", "heldout4"): (1.0, 1.0),
    ("security-policy", "heldout5"): (1.0, 1.0),
    ("security-badge", "heldout5"): (1.0, 1.0),
    ("security-policy", "heldout6"): (1.0, 1.0),
    ("security-badge", "heldout6"): (1.0, 1.0),
    ("security-policy", "heldout7"): (1.0, 1.0),
    ("security-policy", "heldout8"): (1.0, 1.0),
    ("security-policy", "heldout9"): (1.0, 1.0),
    ("security-badge", "heldout9"): (1.0, 1.0),
    ("security-policy", "heldout10"): (1.0, 1.0),
    ("security-badge", "heldout10"): (1.0, 1.0),
    ("security-policy", "heldout11"): (1.0, 1.0),
    ("security-badge", "heldout11"): (1.0, 1.0),
    ("security-policy", "heldout12"): (1.0, 1.0),
    ("security-badge", "heldout12"): (1.0, 1.0),
    ("security-policy", "heldout13"): (1.0, 1.0),
    ("security-badge", "heldout13"): (1.0, 1.0),
    ("security-policy", "heldout14"): (1.0, 1.0),
    ("security-badge", "heldout14"): (1.0, 1.0),
    ("security-policy", "heldout15"): (1.0, 1.0),
    ("security-badge", "heldout15"): (1.0, 1.0),
    ("security-policy", "heldout16"): (1.0, 1.0),
    ("security-badge", "heldout16"): (1.0, 1.0),
    ("security-policy", "heldout17"): (1.0, 1.0),
    ("security-badge", "heldout17"): (1.0, 1.0),
    ("security-badge", "heldout18"): (1.0, 1.0),
    ("security-policy", "heldout19"): (1.0, 1.0),
    ("security-badge", "heldout19"): (1.0, 1.0),
    ("security-policy", "heldout20"): (1.0, 1.0),
    ("security-badge", "heldout20"): (1.0, 1.0),
    ("security-policy", "heldout21"): (1.0, 1.0),
    ("security-badge", "heldout21"): (1.0, 1.0),
    ("security-policy", "heldout22"): (1.0, 1.0),
    ("security-badge", "heldout22"): (1.0, 1.0),
    ("security-policy", "heldout23"): (1.0, 1.0),
    ("security-badge", "heldout23"): (1.0, 1.0),
    ("security-policy", "heldout24"): (1.0, 1.0),
    ("security-badge", "heldout24"): (1.0, 1.0),
    ("security-policy", "heldout25"): (1.0, 1.0),
    ("security-policy", "heldout26"): (1.0, 1.0),
    ("security-policy", "heldout27"): (1.0, 1.0),
    ("security-policy", "heldout28"): (1.0, 1.0),
    ("security-badge", "heldout28"): (1.0, 1.0),
    ("security-policy", "heldout29"): (1.0, 1.0),
    ("security-badge", "heldout29"): (1.0, 1.0),
    ("security-policy", "heldout30"): (1.0, 1.0),
    ("security-badge", "heldout30"): (1.0, 1.0),
    ("security-policy", "heldout31"): (1.0, 1.0),
    ("security-badge", "heldout31"): (1.0, 1.0),
    ("security-policy", "heldout32"): (1.0, 1.0),
    ("security-badge", "heldout32"): (1.0, 1.0),
    ("security-policy", "heldout33"): (1.0, 1.0),
    ("security-badge", "heldout33"): (1.0, 1.0),
    ("security-policy", "heldout34"): (1.0, 1.0),
    ("security-policy", "heldout35"): (1.0, 1.0),
    ("security-policy", "heldout36"): (1.0, 1.0),
    ("security-badge", "heldout36"): (1.0, 1.0),
    ("security-policy", "heldout37"): (1.0, 1.0),
    ("security-policy", "heldout38"): (1.0, 1.0),
    ("security-badge", "heldout38"): (1.0, 1.0),
    ("security-policy", "heldout39"): (1.0, 1.0),
    ("security-badge", "heldout39"): (1.0, 1.0),
    ("security-policy", "heldout40"): (1.0, 1.0),
    ("security-badge", "heldout40"): (1.0, 1.0),
    ("security-policy", "heldout41"): (1.0, 1.0),
    ("security-badge", "heldout41"): (1.0, 1.0),
    ("security-policy", "heldout42"): (1.0, 1.0),
    ("security-badge", "heldout42"): (1.0, 1.0),
    ("security-policy", "heldout43"): (1.0, 1.0),
    ("security-badge", "heldout43"): (1.0, 1.0),
    ("security-policy", "heldout44"): (1.0, 1.0),
    ("security-badge", "heldout44"): (1.0, 1.0),
    ("security-policy", "heldout45"): (1.0, 1.0),
    ("security-badge", "heldout45"): (1.0, 1.0),
    ("security-policy", "heldout46"): (1.0, 1.0),
    ("security-badge", "heldout46"): (1.0, 1.0),
    ("security-policy", "heldout47"): (1.0, 1.0),
    ("security-badge", "heldout47"): (1.0, 1.0),
    ("security-policy", "heldout48"): (1.0, 1.0),
    ("security-badge", "heldout48"): (1.0, 1.0),
    ("security-policy", "heldout49"): (1.0, 1.0),
    ("security-badge", "heldout49"): (1.0, 1.0),
    ("security-policy", "heldout50"): (1.0, 1.0),
    ("security-badge", "heldout51"): (1.0, 1.0),
    ("security-badge", "heldout52"): (1.0, 1.0),
    ("security-policy", "heldout53"): (1.0, 1.0),
    ("security-badge", "heldout53"): (1.0, 1.0),
    ("security-policy", "heldout54"): (1.0, 1.0),
    ("security-badge", "heldout54"): (1.0, 1.0),
    ("security-policy", "heldout55"): (1.0, 1.0),
    ("security-badge", "heldout55"): (1.0, 1.0),
    ("security-policy", "heldout56"): (1.0, 1.0),
    ("security-badge", "heldout56"): (1.0, 1.0),
    ("security-policy", "heldout57"): (1.0, 1.0),
    ("security-badge", "heldout57"): (1.0, 1.0),
    ("security-policy", "heldout58"): (1.0, 1.0),
    ("security-badge", "heldout58"): (1.0, 1.0),
    ("security-policy", "heldout59"): (1.0, 1.0),
    ("security-badge", "heldout59"): (1.0, 1.0),
    ("security-policy", "heldout60"): (1.0, 1.0),
    ("security-badge", "heldout60"): (1.0, 1.0),
    ("security-policy", "heldout61"): (1.0, 1.0),
    ("security-badge", "heldout61"): (1.0, 1.0),
    ("security-policy", "heldout62"): (1.0, 1.0),
    ("security-badge", "heldout62"): (1.0, 1.0),
    ("security-policy", "heldout63"): (1.0, 1.0),
    ("security-badge", "heldout63"): (1.0, 1.0),
    ("security-policy", "heldout64"): (1.0, 1.0),
    ("security-badge", "heldout64"): (1.0, 1.0),
    ("security-policy", "heldout65"): (1.0, 1.0),
    ("security-badge", "heldout65"): (1.0, 1.0),
    ("security-policy", "heldout66"): (1.0, 1.0),
    ("security-badge", "heldout66"): (1.0, 1.0),
    ("security-policy", "heldout67"): (1.0, 1.0),
    ("security-badge", "heldout67"): (1.0, 1.0),
    ("security-policy", "heldout68"): (1.0, 1.0),
    ("security-badge", "heldout68"): (1.0, 1.0),
    ("security-policy", "heldout69"): (1.0, 1.0),
    ("security-badge", "heldout69"): (1.0, 1.0),
    ("security-policy", "heldout70"): (1.0, 1.0),
    ("security-badge", "heldout70"): (1.0, 1.0),
    ("security-policy", "heldout71"): (1.0, 1.0),
    ("security-badge", "heldout71"): (1.0, 1.0),
    ("security-policy", "heldout72"): (1.0, 1.0),
    ("security-badge", "heldout72"): (1.0, 1.0),
    ("security-policy", "heldout73"): (1.0, 1.0),
    ("security-badge", "heldout73"): (1.0, 1.0),
    ("security-policy", "heldout74"): (1.0, 1.0),
    ("security-badge", "heldout74"): (1.0, 1.0),
    ("security-policy", "heldout75"): (1.0, 1.0),
    ("security-badge", "heldout75"): (1.0, 1.0),
    ("security-policy", "heldout76"): (1.0, 1.0),
    ("security-badge", "heldout76"): (1.0, 1.0),
    ("security-policy", "heldout77"): (1.0, 1.0),
    ("security-badge", "heldout77"): (1.0, 1.0),
    ("security-policy", "heldout78"): (1.0, 1.0),
    ("security-badge", "heldout78"): (1.0, 1.0),
    ("security-policy", "heldout79"): (1.0, 1.0),
    ("security-badge", "heldout79"): (1.0, 1.0),
    ("security-policy", "heldout80"): (1.0, 1.0),
    ("security-badge", "heldout80"): (1.0, 1.0),
    ("security-policy", "heldout81"): (1.0, 1.0),
    ("security-badge", "heldout81"): (1.0, 1.0),
    ("security-policy", "heldout82"): (1.0, 1.0),
    ("security-badge", "heldout82"): (1.0, 1.0),
    ("security-policy", "heldout83"): (1.0, 1.0),
    ("security-badge", "heldout83"): (1.0, 1.0),
    ("security-policy", "heldout84"): (1.0, 1.0),
    ("security-badge", "heldout84"): (1.0, 1.0),
    ("security-policy", "heldout85"): (1.0, 1.0),
    ("security-badge", "heldout85"): (1.0, 1.0),
    ("security-policy", "heldout86"): (1.0, 1.0),
    ("security-badge", "heldout86"): (1.0, 1.0),
    ("security-policy", "heldout87"): (1.0, 1.0),
    ("security-badge", "heldout87"): (1.0, 1.0),
    ("security-policy", "heldout88"): (1.0, 1.0),
    ("security-badge", "heldout88"): (1.0, 1.0),
    ("security-policy", "heldout89"): (1.0, 1.0),
    ("security-badge", "heldout89"): (1.0, 1.0),
    ("security-policy", "heldout90"): (1.0, 1.0),
    ("security-badge", "heldout90"): (1.0, 1.0),
    ("security-policy", "heldout91"): (1.0, 1.0),
    ("security-badge", "heldout91"): (1.0, 1.0),
    ("security-policy", "heldout92"): (1.0, 1.0),
    ("security-badge", "heldout92"): (1.0, 1.0),
    ("security-policy", "heldout93"): (1.0, 1.0),
    ("security-badge", "heldout93"): (1.0, 1.0),
    ("security-policy", "heldout94"): (1.0, 1.0),
    ("security-badge", "heldout94"): (1.0, 1.0),
    ("security-policy", "heldout95"): (1.0, 1.0),
    ("security-badge", "heldout95"): (1.0, 1.0),
    ("security-policy", "heldout96"): (1.0, 1.0),
    ("security-badge", "heldout96"): (1.0, 1.0),
    ("security-policy", "heldout97"): (1.0, 1.0),
    ("security-badge", "heldout97"): (1.0, 1.0),
    ("security-policy", "heldout98"): (1.0, 1.0),
    ("security-badge", "heldout98"): (1.0, 1.0),
    ("security-policy", "heldout99"): (1.0, 1.0),
    ("security-badge", "heldout99"): (1.0, 1.0),
    ("security-policy", "heldout100"): (1.0, 1.0),
    ("security-badge", "heldout100"): (1.0, 1.0),
    ("security-policy", "heldout101"): (1.0, 1.0),
    ("security-badge", "heldout101"): (1.0, 1.0),
    ("security-policy", "heldout102"): (1.0, 1.0),
    ("security-badge", "heldout102"): (1.0, 1.0),
    ("security-policy", "heldout103"): (1.0, 1.0),
    ("security-badge", "heldout103"): (1.0, 1.0),
    ("security-policy", "heldout104"): (1.0, 1.0),
    ("security-badge", "heldout104"): (1.0, 1.0),
    ("security-policy", "heldout105"): (1.0, 1.0),
    ("security-badge", "heldout105"): (1.0, 1.0),
    ("security-policy", "heldout106"): (1.0, 1.0),
    ("security-badge", "heldout106"): (1.0, 1.0),
    ("security-policy", "heldout107"): (1.0, 1.0),
    ("security-badge", "heldout107"): (1.0, 1.0),
    ("security-policy", "heldout108"): (1.0, 1.0),
    ("security-badge", "heldout108"): (1.0, 1.0),
    ("security-policy", "heldout109"): (1.0, 1.0),
    ("security-badge", "heldout109"): (1.0, 1.0),
    ("security-policy", "heldout110"): (1.0, 1.0),
    ("security-badge", "heldout110"): (1.0, 1.0),
    ("security-policy", "heldout111"): (1.0, 1.0),
    ("security-badge", "heldout111"): (1.0, 1.0),
    ("security-policy", "heldout112"): (1.0, 1.0),
    ("security-badge", "heldout112"): (1.0, 1.0),
    ("security-policy", "heldout113"): (1.0, 1.0),
    ("security-badge", "heldout113"): (1.0, 1.0),
    ("security-policy", "heldout114"): (1.0, 1.0),
    ("security-badge", "heldout114"): (1.0, 1.0),
    ("security-policy", "heldout115"): (1.0, 1.0),
    ("security-badge", "heldout115"): (1.0, 1.0),
    ("security-policy", "heldout116"): (1.0, 1.0),
    ("security-badge", "heldout116"): (1.0, 1.0),
    ("security-policy", "heldout117"): (1.0, 1.0),
    ("security-badge", "heldout117"): (1.0, 1.0),
    ("security-policy", "heldout118"): (1.0, 1.0),
    ("security-badge", "heldout118"): (1.0, 1.0),
    ("security-policy", "heldout119"): (1.0, 1.0),
    ("security-badge", "heldout119"): (1.0, 1.0),
    ("security-policy", "heldout120"): (1.0, 1.0),
    ("security-badge", "heldout120"): (1.0, 1.0),
    ("security-policy", "heldout121"): (1.0, 1.0),
    ("security-badge", "heldout121"): (1.0, 1.0),
    ("security-policy", "heldout122"): (1.0, 1.0),
    ("security-badge", "heldout122"): (1.0, 1.0),
    ("security-policy", "heldout123"): (1.0, 1.0),
    ("security-badge", "heldout123"): (1.0, 1.0),
    ("security-policy", "heldout124"): (1.0, 1.0),
    ("security-badge", "heldout124"): (1.0, 1.0),
    ("security-policy", "heldout125"): (1.0, 1.0),
    ("security-badge", "heldout125"): (1.0, 1.0),
    ("security-policy", "heldout126"): (1.0, 1.0),
    ("security-badge", "heldout126"): (1.0, 1.0),
    ("security-policy", "heldout127"): (1.0, 1.0),
    ("security-badge", "heldout127"): (1.0, 1.0),
    ("security-policy", "heldout128"): (1.0, 1.0),
    ("security-badge", "heldout128"): (1.0, 1.0),
    ("security-policy", "heldout129"): (1.0, 1.0),
    ("security-badge", "heldout129"): (1.0, 1.0),
    ("security-policy", "heldout130"): (1.0, 1.0),
    ("security-badge", "heldout130"): (1.0, 1.0),
    ("security-policy", "heldout131"): (1.0, 1.0),
    ("security-badge", "heldout131"): (1.0, 1.0),
    ("security-policy", "heldout132"): (1.0, 1.0),
    ("security-badge", "heldout132"): (1.0, 1.0),
    ("security-policy", "heldout133"): (1.0, 1.0),
    ("security-badge", "heldout133"): (1.0, 1.0),
    ("security-badge", "heldout134"): (1.0, 1.0),
    ("security-policy", "heldout135"): (1.0, 1.0),
    ("security-badge", "heldout135"): (1.0, 1.0),
    ("security-policy", "heldout136"): (1.0, 1.0),
    ("security-badge", "heldout136"): (1.0, 1.0),
    ("security-policy", "heldout137"): (1.0, 1.0),
    ("security-badge", "heldout137"): (1.0, 1.0),
    ("security-policy", "heldout138"): (1.0, 1.0),
    ("security-badge", "heldout138"): (1.0, 1.0),
    ("security-policy", "heldout139"): (1.0, 1.0),
    ("security-badge", "heldout139"): (1.0, 1.0),
    ("security-policy", "heldout140"): (1.0, 1.0),
    ("security-badge", "heldout140"): (1.0, 1.0),
    ("security-policy", "heldout141"): (1.0, 1.0),
    ("security-badge", "heldout141"): (1.0, 1.0),
    ("security-policy", "heldout142"): (1.0, 1.0),
    ("security-badge", "heldout142"): (1.0, 1.0),
    ("security-policy", "heldout143"): (1.0, 1.0),
    ("security-badge", "heldout143"): (1.0, 1.0),
    ("security-policy", "heldout144"): (1.0, 1.0),
    ("security-badge", "heldout144"): (1.0, 1.0),
    ("security-policy", "heldout145"): (1.0, 1.0),
    ("security-badge", "heldout145"): (1.0, 1.0),
    ("security-policy", "heldout146"): (1.0, 1.0),
    ("security-badge", "heldout146"): (1.0, 1.0),
    ("security-policy", "heldout147"): (1.0, 1.0),
    ("security-badge", "heldout147"): (1.0, 1.0),
    ("security-policy", "heldout148"): (1.0, 1.0),
    ("security-badge", "heldout148"): (1.0, 1.0),
    ("security-policy", "heldout149"): (1.0, 1.0),
    ("security-badge", "heldout149"): (1.0, 1.0),
    ("security-policy", "heldout150"): (1.0, 1.0),
    ("security-badge", "heldout150"): (1.0, 1.0),
    ("security-policy", "heldout151"): (1.0, 1.0),
    ("security-badge", "heldout151"): (1.0, 1.0),
    ("security-policy", "heldout152"): (1.0, 1.0),
    ("security-badge", "heldout152"): (1.0, 1.0),
    ("security-policy", "heldout153"): (1.0, 1.0),
    ("security-badge", "heldout153"): (1.0, 1.0),
    ("security-policy", "heldout154"): (1.0, 1.0),
    ("security-badge", "heldout154"): (1.0, 1.0),
    ("security-policy", "heldout155"): (1.0, 1.0),
    ("security-badge", "heldout155"): (1.0, 1.0),
    ("security-policy", "heldout156"): (1.0, 1.0),
    ("security-badge", "heldout156"): (1.0, 1.0),
    ("security-policy", "heldout157"): (1.0, 1.0),
    ("security-badge", "heldout157"): (1.0, 1.0),
    ("security-policy", "heldout158"): (1.0, 1.0),
    ("security-badge", "heldout158"): (1.0, 1.0),
    ("security-policy", "heldout159"): (1.0, 1.0),
    ("security-badge", "heldout159"): (1.0, 1.0),
    ("security-policy", "heldout160"): (1.0, 1.0),
    ("security-badge", "heldout160"): (1.0, 1.0),
    ("security-policy", "heldout161"): (1.0, 1.0),
    ("security-badge", "heldout161"): (1.0, 1.0),
    ("security-policy", "heldout162"): (1.0, 1.0),
    ("security-badge", "heldout162"): (1.0, 1.0),
    ("security-policy", "heldout163"): (1.0, 1.0),
    ("security-badge", "heldout163"): (1.0, 1.0),
    ("security-policy", "heldout164"): (1.0, 1.0),
    ("security-badge", "heldout164"): (1.0, 1.0),
    ("security-policy", "heldout165"): (1.0, 1.0),
    ("security-badge", "heldout165"): (1.0, 1.0),
}


def _at_one(*codes: str) -> dict[str, tuple[float, float]]:
    """Finding types measured at 1.00 precision and 1.00 recall."""
    return dict.fromkeys(codes, (1.0, 1.0))


# Finding types on the measured splits whose (precision, recall) must not drop below these.
MEASURED_TYPE_FLOORS = {
    ("security-policy", "heldout2"): _at_one(
        "github-template",
        "no-private-contact",
        "not-private",
        "no-supported-versions",
        "no-response-time",
        "no-disclosure-timeline",
    ),
    ("security-badge", "heldout2"): _at_one("missing", "link-not-badge"),
    ("security-policy", "heldout3"): {
        **_at_one(
            "github-template",
            "no-private-contact",
            "not-private",
            "no-supported-versions",
            "no-response-time",
            "placeholder",
        ),
        "no-disclosure-timeline": (1.0, 0.97),
    },
    ("security-badge", "heldout3"): _at_one("missing", "link-not-badge"),
    ("security-policy", "heldout4"): _at_one(
        "github-template",
        "no-private-contact",
        "not-private",
        "no-supported-versions",
        "no-response-time",
        "no-disclosure-timeline",
        "placeholder",
        "unreadable",
    ),
    ("security-badge", "heldout4"): _at_one("missing", "link-not-badge", "unlinked-badge"),
    ("security-policy", "heldout5"): _at_one(
        "dead-channel",
        "github-template",
        "missing",
        "no-private-contact",
        "not-private",
        "no-supported-versions",
        "no-response-time",
        "slow-response",
        "no-disclosure-timeline",
        "placeholder",
    ),
    ("security-badge", "heldout5"): _at_one("missing", "link-not-badge", "unlinked-badge", "dead-badge-link"),
    ("security-policy", "heldout6"): {
        **_at_one(
            "github-template",
            "no-disclosure-timeline",
            "no-private-contact",
            "no-supported-versions",
            "not-private",
            "placeholder",
        ),
        "no-response-time": (1.0, 0.98),
    },
    ("security-badge", "heldout6"): _at_one("dead-badge-link", "link-not-badge", "missing", "unlinked-badge"),
    ("security-policy", "heldout7"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
        "slow-response",
    ),
    ("security-policy", "heldout8"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-policy", "heldout9"): {
        **_at_one(
            "github-template",
            "no-private-contact",
            "no-supported-versions",
            "not-private",
            "placeholder",
            "slow-response",
        ),
        "no-disclosure-timeline": (1.0, 0.98),
        "no-response-time": (1.0, 1.0),
    },
    ("security-badge", "heldout9"): _at_one("link-not-badge", "missing", "unlinked-badge"),
    ("security-policy", "heldout10"): {
        **_at_one(
            "github-template",
            "no-private-contact",
            "no-response-time",
            "no-supported-versions",
            "not-private",
            "slow-response",
            "no-disclosure-timeline",
        ),
    },
    ("security-badge", "heldout10"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout11"): {
        **_at_one(
            "github-template", "no-private-contact", "no-supported-versions", "not-private", "slow-response"
        ),
        "no-response-time": (1.0, 1.0),
        "no-disclosure-timeline": (1.0, 0.98),
    },
    ("security-badge", "heldout11"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout12"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout12"): _at_one("missing"),
    ("security-policy", "heldout13"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout13"): _at_one("link-not-badge", "missing", "unlinked-badge"),
    ("security-policy", "heldout14"): {
        **_at_one("github-template", "no-private-contact", "no-response-time", "not-private", "placeholder"),
        "no-disclosure-timeline": (1.0, 0.98),
        "no-supported-versions": (1.0, 1.0),
    },
    ("security-badge", "heldout14"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout15"): {
        **_at_one(
            "github-template",
            "no-disclosure-timeline",
            "no-private-contact",
            "not-private",
            "no-response-time",
            "placeholder",
            "slow-response",
        ),
        "no-supported-versions": (1.0, 0.97),
    },
    ("security-badge", "heldout15"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout16"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout16"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout17"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout17"): _at_one("link-not-badge", "missing"),
    ("security-badge", "heldout18"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout19"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout19"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout20"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout20"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout21"): {
        **_at_one(
            "github-template",
            "no-disclosure-timeline",
            "no-private-contact",
            "no-response-time",
            "not-private",
            "placeholder",
        ),
        "no-supported-versions": (1.0, 0.97),
    },
    ("security-badge", "heldout21"): _at_one("link-not-badge", "missing", "unlinked-badge"),
    ("security-policy", "heldout22"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout22"): _at_one("dead-badge-link", "link-not-badge", "missing"),
    ("security-policy", "heldout23"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout23"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout24"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout24"): _at_one("missing"),
    ("security-policy", "heldout25"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-policy", "heldout26"): {
        **_at_one("no-private-contact", "placeholder", "unreadable"),
        "github-template": (0.85, 1.0),
        "no-disclosure-timeline": (1.0, 0.98),
        "no-response-time": (1.0, 1.0),
        "no-supported-versions": (1.0, 1.0),
        "not-private": (1.0, 1.0),
    },
    ("security-policy", "heldout27"): {
        **_at_one(
            "no-disclosure-timeline", "no-private-contact", "no-response-time", "not-private", "placeholder"
        ),
        "no-supported-versions": (1.0, 0.97),
    },
    ("security-policy", "heldout28"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout28"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout29"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "slow-response",
    ),
    ("security-badge", "heldout29"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout30"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout30"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout31"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout31"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout32"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout32"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout33"): {
        **_at_one(
            "github-template",
            "no-disclosure-timeline",
            "no-private-contact",
            "no-response-time",
            "not-private",
            "placeholder",
        ),
        "no-supported-versions": (0.95, 1.0),
    },
    ("security-badge", "heldout33"): _at_one("missing"),
    ("security-policy", "heldout34"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "slow-response",
    ),
    ("security-policy", "heldout35"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
        "slow-response",
    ),
    ("security-policy", "heldout36"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout36"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout37"): {
        **_at_one(
            "github-template", "no-private-contact", "no-supported-versions", "not-private", "placeholder"
        ),
        "no-disclosure-timeline": (1.0, 0.96),
        "no-response-time": (1.0, 1.0),
    },
    ("security-policy", "heldout38"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout38"): _at_one("link-not-badge", "missing", "unlinked-badge"),
    ("security-policy", "heldout39"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout39"): _at_one("missing"),
    ("security-policy", "heldout40"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout40"): _at_one("missing"),
    ("security-policy", "heldout41"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private", "slow-response"
    ),
    ("security-badge", "heldout41"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout42"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout42"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout43"): {
        **_at_one(
            "no-private-contact", "no-response-time", "no-supported-versions", "not-private", "placeholder"
        ),
        "no-disclosure-timeline": (0.93, 1.0),
    },
    ("security-badge", "heldout43"): _at_one("missing"),
    ("security-policy", "heldout44"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout44"): _at_one("missing"),
    ("security-policy", "heldout45"): {
        **_at_one(
            "no-disclosure-timeline",
            "no-private-contact",
            "no-supported-versions",
            "not-private",
            "placeholder",
        ),
        "no-response-time": (0.9, 1.0),
    },
    ("security-badge", "heldout45"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout46"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout46"): _at_one("missing"),
    ("security-policy", "heldout47"): {
        **_at_one("no-response-time", "no-supported-versions", "not-private"),
        "no-disclosure-timeline": (0.87, 1.0),
    },
    ("security-badge", "heldout47"): _at_one("missing"),
    ("security-policy", "heldout48"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "placeholder",
    ),
    ("security-badge", "heldout48"): _at_one("missing"),
    ("security-policy", "heldout49"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout49"): _at_one("missing"),
    ("security-policy", "heldout50"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout51"): _at_one("link-not-badge", "missing"),
    ("security-badge", "heldout52"): {"link-not-badge": (0.8, 1.0), "missing": (1.0, 0.96)},
    ("security-policy", "heldout53"): _at_one(
        "missing",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout53"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout54"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout54"): _at_one("missing"),
    ("security-policy", "heldout55"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout55"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout56"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout56"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout57"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout57"): _at_one("missing"),
    ("security-policy", "heldout58"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout58"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout59"): {
        **_at_one(
            "github-template",
            "no-disclosure-timeline",
            "no-private-contact",
            "no-response-time",
            "not-private",
            "placeholder",
        ),
        "no-supported-versions": (1.0, 0.92),
    },
    ("security-badge", "heldout59"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout60"): {
        **_at_one(
            "no-disclosure-timeline",
            "no-private-contact",
            "no-supported-versions",
            "not-private",
            "placeholder",
        ),
        "no-response-time": (1.0, 1.0),
    },
    ("security-badge", "heldout60"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout61"): {
        **_at_one(
            "github-template",
            "no-private-contact",
            "no-response-time",
            "no-supported-versions",
            "not-private",
        ),
        "no-disclosure-timeline": (1.0, 0.93),
    },
    ("security-badge", "heldout61"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout62"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout62"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout63"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout63"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout64"): {
        **_at_one(
            "github-template",
            "no-private-contact",
            "no-response-time",
            "no-supported-versions",
            "not-private",
        ),
        "no-disclosure-timeline": (0.95, 1.0),
    },
    ("security-badge", "heldout64"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout65"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout65"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout66"): {
        **_at_one(
            "github-template",
            "no-disclosure-timeline",
            "no-private-contact",
            "no-supported-versions",
            "not-private",
            "placeholder",
        ),
        "no-response-time": (1.0, 1.0),
    },
    ("security-badge", "heldout66"): {**_at_one("missing", "unlinked-badge"), "link-not-badge": (0.66, 1.0)},
    ("security-policy", "heldout67"): _at_one(
        "no-disclosure-timeline", "no-private-contact", "no-response-time", "no-supported-versions"
    ),
    ("security-badge", "heldout67"): _at_one("missing"),
    ("security-policy", "heldout68"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout68"): _at_one("dead-badge-link", "link-not-badge", "missing"),
    ("security-policy", "heldout69"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
    ),
    ("security-badge", "heldout69"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout70"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
    ),
    ("security-badge", "heldout70"): _at_one("missing"),
    ("security-policy", "heldout71"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout71"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout72"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private", "placeholder"
    ),
    ("security-badge", "heldout72"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout73"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "slow-response",
    ),
    ("security-badge", "heldout73"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout74"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout74"): _at_one("missing"),
    ("security-policy", "heldout75"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout75"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout76"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout76"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout77"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout77"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout78"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout78"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout79"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout79"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout80"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout80"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout81"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout81"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout82"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout82"): _at_one("missing"),
    ("security-policy", "heldout83"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout83"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout84"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout84"): _at_one("missing"),
    ("security-policy", "heldout85"): _at_one("no-disclosure-timeline", "no-response-time", "not-private"),
    ("security-badge", "heldout85"): _at_one("missing"),
    ("security-policy", "heldout86"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout86"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout87"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout87"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout88"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout88"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout89"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout89"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout90"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout90"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout91"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout91"): {"link-not-badge": (0.0, 0.0), "missing": (0.79, 1.0)},
    ("security-policy", "heldout92"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout92"): {"link-not-badge": (0.74, 1.0), "missing": (1.0, 0.49)},
    ("security-policy", "heldout93"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout93"): _at_one("missing"),
    ("security-policy", "heldout94"): _at_one(
        "no-disclosure-timeline", "no-private-contact", "no-response-time", "no-supported-versions"
    ),
    ("security-badge", "heldout94"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout95"): {
        **_at_one(
            "github-template",
            "no-disclosure-timeline",
            "no-private-contact",
            "no-response-time",
            "no-supported-versions",
        ),
        "not-private": (1.0, 0.66),
    },
    ("security-badge", "heldout95"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout96"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout96"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout97"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout97"): _at_one("missing"),
    ("security-policy", "heldout98"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout98"): _at_one("missing"),
    ("security-policy", "heldout99"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout99"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout100"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout100"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout101"): {
        **_at_one("github-template", "no-disclosure-timeline", "no-supported-versions"),
        "no-response-time": (0.82, 1.0),
    },
    ("security-badge", "heldout101"): _at_one("missing"),
    ("security-policy", "heldout102"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout102"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout103"): _at_one(
        "no-disclosure-timeline",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
        "slow-response",
    ),
    ("security-badge", "heldout103"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout104"): {
        **_at_one("no-disclosure-timeline", "no-private-contact", "no-response-time", "not-private"),
        "no-supported-versions": (1.0, 0.74),
    },
    ("security-badge", "heldout104"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout105"): _at_one(
        "no-disclosure-timeline", "no-private-contact", "no-response-time", "no-supported-versions"
    ),
    ("security-badge", "heldout105"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout106"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout106"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout107"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout107"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout108"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout108"): _at_one("link-not-badge", "missing", "unlinked-badge"),
    ("security-policy", "heldout109"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout109"): _at_one("missing"),
    ("security-policy", "heldout110"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout110"): _at_one("missing"),
    ("security-policy", "heldout111"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout111"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout112"): {
        **_at_one(
            "github-template",
            "no-disclosure-timeline",
            "no-private-contact",
            "no-response-time",
            "no-supported-versions",
            "placeholder",
        ),
        "not-private": (1.0, 0.49),
    },
    ("security-badge", "heldout112"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout113"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout113"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout114"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout114"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout115"): _at_one(
        "no-disclosure-timeline", "no-private-contact", "no-response-time", "no-supported-versions"
    ),
    ("security-badge", "heldout115"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout116"): _at_one(
        "no-disclosure-timeline", "no-private-contact", "no-response-time", "placeholder"
    ),
    ("security-badge", "heldout116"): _at_one("missing"),
    ("security-policy", "heldout117"): _at_one(
        "no-disclosure-timeline", "no-private-contact", "no-response-time", "no-supported-versions"
    ),
    ("security-badge", "heldout117"): _at_one("missing"),
    ("security-policy", "heldout118"): _at_one("no-disclosure-timeline", "no-response-time", "not-private"),
    ("security-badge", "heldout118"): _at_one("missing"),
    ("security-policy", "heldout119"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout119"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout120"): {
        **_at_one("github-template", "no-disclosure-timeline", "no-response-time"),
        **_at_one("not-private"),
        "no-supported-versions": (1.0, 0.66),
    },
    ("security-badge", "heldout120"): _at_one("missing"),
    ("security-policy", "heldout121"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout121"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout122"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout122"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout123"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout123"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout124"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout124"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout125"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout125"): _at_one("missing"),
    ("security-policy", "heldout126"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout126"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout127"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout127"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout128"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout128"): _at_one("missing", "unlinked-badge"),
    ("security-policy", "heldout129"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private", "placeholder"
    ),
    ("security-badge", "heldout129"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout130"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout130"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout131"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions"
    ),
    ("security-badge", "heldout131"): _at_one("missing"),
    ("security-policy", "heldout132"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout132"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout133"): _at_one("no-disclosure-timeline", "no-response-time"),
    ("security-badge", "heldout133"): _at_one("missing"),
    ("security-badge", "heldout134"): _at_one("missing"),
    ("security-policy", "heldout135"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout135"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout136"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout136"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout137"): {
        **_at_one("no-private-contact", "no-response-time", "no-supported-versions", "not-private"),
        "no-disclosure-timeline": (1.0, 0.92),
    },
    ("security-badge", "heldout137"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout138"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout138"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout139"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout139"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout140"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout140"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout141"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions"
    ),
    ("security-badge", "heldout141"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout142"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout142"): _at_one("missing"),
    ("security-policy", "heldout143"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout143"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout144"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "placeholder"
    ),
    ("security-badge", "heldout144"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout145"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout145"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout146"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "placeholder",
    ),
    ("security-badge", "heldout146"): _at_one("missing"),
    ("security-policy", "heldout147"): {
        **_at_one("no-private-contact", "no-supported-versions", "not-private"),
        "no-disclosure-timeline": (0.88, 1.0),
        "no-response-time": (1.0, 0.85),
        "slow-response": (0.0, 0.0),
    },
    ("security-badge", "heldout147"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout148"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout148"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout149"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout149"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout150"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout150"): _at_one("missing"),
    ("security-policy", "heldout151"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout151"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout152"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
        "placeholder",
    ),
    ("security-badge", "heldout152"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout153"): _at_one(
        "no-disclosure-timeline", "no-private-contact", "no-response-time", "no-supported-versions"
    ),
    ("security-badge", "heldout153"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout154"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout154"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout155"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private", "placeholder"
    ),
    ("security-badge", "heldout155"): _at_one("missing"),
    ("security-policy", "heldout156"): {
        **_at_one("no-response-time", "no-supported-versions", "not-private"),
        "no-disclosure-timeline": (0.91, 1.0),
    },
    ("security-badge", "heldout156"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout157"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout157"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout158"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout158"): _at_one("missing"),
    ("security-policy", "heldout159"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout159"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout160"): _at_one(
        "no-disclosure-timeline", "no-response-time", "no-supported-versions", "not-private"
    ),
    ("security-badge", "heldout160"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout161"): _at_one(
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "placeholder",
    ),
    ("security-badge", "heldout161"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout162"): {
        **_at_one("no-disclosure-timeline", "no-response-time", "not-private"),
        "no-supported-versions": (1.0, 0.66),
    },
    ("security-badge", "heldout162"): _at_one("missing"),
    ("security-policy", "heldout163"): _at_one(
        "github-template",
        "no-disclosure-timeline",
        "no-private-contact",
        "no-response-time",
        "no-supported-versions",
        "not-private",
    ),
    ("security-badge", "heldout163"): _at_one("link-not-badge", "missing"),
    ("security-policy", "heldout164"): _at_one(
        "github-template", "no-disclosure-timeline", "no-private-contact", "no-response-time"
    ),
    ("security-badge", "heldout164"): _at_one("missing"),
    ("security-policy", "heldout165"): _at_one("no-response-time", "no-supported-versions"),
    ("security-badge", "heldout165"): _at_one("missing"),
}


def _assert_floors(check_id: str, split: str, accuracy_floor: float, floor: float) -> Score:
    cases = load_corpus(check_id, split)
    assert len(cases) >= CASES_MINIMUM[check_id, split]
    result = score(cases)
    assert result.verdict_accuracy >= accuracy_floor, result.disagreements
    for code in result.codes:
        type_floor = BELOW_GOAL.get((check_id, split, code), floor)
        for value in (result.precision(code), result.recall(code)):
            if value is not None:
                assert value >= type_floor, (code, result.disagreements)
    return result


@pytest.mark.parametrize(("check_id", "split"), sorted(FLOORS))
def test_corpus_figures_hold(check_id: str, split: str) -> None:
    _assert_floors(check_id, split, *FLOORS[check_id, split])


@pytest.mark.parametrize(("check_id", "split"), sorted(MEASURED_FLOORS))
def test_measured_split_does_not_get_worse(check_id: str, split: str) -> None:
    result = _assert_floors(check_id, split, *MEASURED_FLOORS[check_id, split])
    for code, (precision, recall) in MEASURED_TYPE_FLOORS[check_id, split].items():
        assert (result.precision(code) or 0) >= precision, code
        assert (result.recall(code) or 0) >= recall, code


def test_every_corpus_file_names_its_source_and_licence() -> None:
    sidecars = sorted(CORPUS.glob("*/*/*.yml"))
    assert len(sidecars) >= 250
    for sidecar in sidecars:
        meta = yaml.safe_load(sidecar.read_text())
        source = meta["source"]
        assert source["repository"].count("/") == 1 and len(source["commit"]) == 40
        assert source["license"] and source["path"]
        assert (sidecar.parent / meta["file"]).is_file()


@pytest.mark.parametrize("check_id", ["security-policy", "security-badge"])
def test_every_finding_names_its_line(check_id: str) -> None:
    """The dashboard and the pull request link each result to the line it is about; a missing policy
    (an extensionless SECURITY file GitHub does not show) has no file and no line."""
    for split in SPLITS:
        for case in load_corpus(check_id, split):
            for finding in check_result(case).findings:
                if check_id == "security-policy" and finding.code == "missing":
                    assert finding.location is None
                    continue
                line = finding.data.get("line")
                assert isinstance(line, int) and line >= 1, (case.name, finding.code)
                assert finding.location is not None and finding.location.line == line, (
                    case.name,
                    finding.code,
                )
