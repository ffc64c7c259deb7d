"""Security badges: the one we add (defined here, once), and recognising badges already in a README
in Markdown, reStructuredText and HTML forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks._lines import LineIndex
from checks._policy_doc import (
    MARKDOWN_LINK_TARGET,
    REFERENCE_USE_LABEL,
    reference_targets,
    without_html_comments,
)

BADGE_LABEL = "Security Policy"
BADGE_IMAGE = "https://img.shields.io/badge/Security-Policy-yellow"

# A project's page on the OpenSSF Best Practices site, which its badge shows and links to.
_BEST_PRACTICES_PROJECT = r"(bestpractices\.dev|bestpractices\.coreinfrastructure\.org)/(\w+/)?projects/\d+"
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nodejs-wg", re.compile(r"img\.shields\.io/badge/Security-Responsible(%20|_| )Disclosure", re.I)),
    (
        "shields-security",
        # not a scanner's own badge, "security: bandit" (PyCQA/bandit): that names the linter, not a policy
        re.compile(
            # nor an event named after security, "Security MiniCamp Tokyo" (Yamato-Security/hayabusa)
            r"img\.shields\.io/(badge/security([-_](?!(bandit|snyk|codeql|semgrep|sonar\w*|safety|trivy|gosec|"
            r"brakeman|checked|scanned)\b)|%20(policy|disclosure|reporting|report|contact|advisor\w*|"
            r"vulnerabilit\w*|txt|md)\b)|static/v1\?[^\s)]*label=security)",
            re.I,
        ),
    ),
    (
        "openssf-scorecard",
        re.compile(
            r"api\.(scorecard\.dev|securityscorecards\.dev)/projects/|img\.shields\.io/ossf-scorecard/", re.I
        ),
    ),
    (
        "openssf-best-practices",
        # the project's own badge, or shields.io's rendering of it (img.shields.io/cii/level/12031)
        re.compile(_BEST_PRACTICES_PROJECT + r"|img\.shields\.io/cii/(level|percentage|summary)/\d+", re.I),
    ),
)
DEAD_TARGET = re.compile(
    r"nodejs/security-wg/blob/[^/\s]+/processes/responsible_disclosure_template\.md", re.I
)
# The policy file, GitHub's policy tab, or a project site's security page ("[and security](https://emberjs.com/
# security/)", emberjs/ember.js; "a [special page at the website](https://www.yiiframework.com/security/)
# describing proper workflow for security issue reports", yiisoft/yii2).
POLICY_LINK = re.compile(
    # not a documentation page about one: "matching Go's [security policy](https://go.dev/doc/security/policy)"
    # (cue-lang/cue, on which Go versions it supports)
    # the file itself, not another document named after it ("ojs-security.md (Security Considerations)",
    # openjobspec/spec)
    r"(?<![\w-])security\.(md|markdown|rst|adoc)\b|(?<!/doc)(?<!/docs)/security/policy\b|"
    # the policy tab of a repository's front page ("[SECURITY.md](https://github.com/grafana/k6?tab=security-ov-file)")
    r"[?&]tab=security-ov-file\b|"
    # the repository's security page, which shows the policy: "privately disclose it through the [GitHub
    # security page](https://github.com/Masterminds/semver/security)" (Masterminds/semver)
    r"^https?://github\.com/[\w.-]{1,100}/[\w.-]{1,100}/security/?$|"
    # but not a guide in its documentation ("our [security](https://qdrant.tech/documentation/security/)
    # guides", qdrant/qdrant)
    r"^https?://(?!(www\.)?(github|tidelift)\.com)[^/\s]{1,200}/(?!(docs?|documentation|guides?|manual)/)([\w-]{1,60}/)?"
    r"security(\.html?)?/?$|"
    # a vendor's own page for reports: "report it according to the [instructions here](https://www.mongodb.com/
    # docs/manual/tutorial/create-a-vulnerability-report/)" (mongodb/mongo-python-driver), "The [Responsible
    # Disclosure Program](https://auth0.com/whitehat)" (auth0/express-jwt); not reading on the subject
    r"^https?://(?![^/\s]{0,200}(owasp|wikipedia|cheatsheetseries|github)\.)\S{0,400}?"
    # nor the Content-Security-Policy header ("[HTTP Content-Security-Policy header](https://developer.mozilla.org/
    # .../Content-Security-Policy)", mermaid-js/mermaid-cli)
    r"(vulnerability[-_](report|disclosure)|responsible[-_]disclosure|(?<!content[-_])security[-_]policy|"
    r"/whitehat/?$)|"
    # a vulnerability disclosure programme on its own host: "**Security Reports**: Use our [Vulnerability
    # Disclosure Portal](https://vdp.gitguardian.com)" (GitGuardian/gitguardian-vscode)
    r"^https?://(vdp|psirt)\.[^/\s]{1,200}|"
    # a vendor's programme on a bug bounty platform: "[please submit a report via HackerOne here](https://
    # hackerone.com/automattic/)" (Automattic/newspack-plugin)
    # also with the page's query: "(https://hackerone.com/cloudflare?type=team)" (cloudflare/workerd)
    r"^https?://(www\.)?(hackerone|bugcrowd|intigriti|yeswehack|immunefi)\.com/[\w.-]{1,100}/?(\?[^\s#]{0,100})?$|"
    # the security part of a project site's contact page ("https://vikunja.io/contact/#security", go-vikunja)
    r"^https?://[^/\s]{1,200}/contact(-us)?/?#(security|vulnerab)",
    re.I,
)

# Bounded quantifiers: a README is untrusted text and must not cause quadratic scans.
# An image is `![alt](url "title")` or `![alt][ref]`; a link target is `(url)` or `[ref]`.
# Alt text may wrap onto a second line ("[![Security Responsible\nDisclosure](...)](...)").
_MD_IMAGE_PART = (
    r"!\[(?:[^\]\n]|\n(?!\s*\n)){0,200}\]"
    # the address on a line of its own: "[![OpenSSF Best Practices](\nhttps://...\n)](...)" (IBM/tnz)
    r"(?:\(\s{0,5}<?([^)\s>]{1,2000})>?[^)\n]{0,200}(?:\n[ \t]{0,5})?\)|\[([^\]\n]{1,100})\])"
)
# The link text around the image may break onto the next line ("[![OpenSSF Scorecard](...)\n](https://
# securityscorecards.dev/...)", sheerlox/import-from-esm): CommonMark reads that as one link.
_LINK_TEXT_SPACE = r"[ \t]{0,5}\n?[ \t]{0,5}"
_MD_LINKED = re.compile(
    r"\["
    + _LINK_TEXT_SPACE
    + _MD_IMAGE_PART
    + _LINK_TEXT_SPACE
    + r"\](?:\(\s{0,5}<?([^)\s>]{1,2000})>?\s{0,5}\)|\[([^\]\n]{1,100})\])"
)
_MD_IMAGE = re.compile(_MD_IMAGE_PART)
# A shortcut reference image, its label the name of its address: "[![shield_ossf-best-practices]]
# [link_ossf-best-practices]" with both names defined below (CycloneDX/cyclonedx-node-npm).
_MD_SHORTCUT_LINKED = re.compile(
    r"\[[ \t]{0,5}!\[([^\]\n]{1,100})\][ \t]{0,5}\]"
    r"(?:\[([^\]\n]{1,100})\]|\(\s{0,5}<?([^)\s>]{1,2000})>?\s{0,5}\))"
)
_MD_SHORTCUT_IMAGE = re.compile(r"!\[([^\]\n]{1,100})\](?![\[(])")
_RST_IMAGE = re.compile(
    r"^\.\.[ \t]{1,5}(?:\|[^|\n]{1,100}\|[ \t]{1,5})?image::[ \t]{0,5}(\S{1,2000})"
    r"((?:\n[ \t]{1,20}:[a-z-]{1,20}:.*){0,10})",
    re.I | re.M,
)
_RST_TARGET = re.compile(r":target:\s*(\S+)", re.I)
_HTML_LINKED = re.compile(
    r"<a\s[^>]{0,500}?href\s{0,5}=\s{0,5}[\"']([^\"'>]{1,2000})[\"'][^>]{0,500}>\s{0,100}"
    r"(?:<(?!/a\b)[^>]{1,500}>\s{0,100}){0,5}?<img\s[^>]{0,500}?src\s{0,5}=\s{0,5}[\"']([^\"'>]{1,2000})[\"']",
    re.I,
)
# AsciiDoc: image:URL[alt,link=URL] (also `link="URL"`), and URL[image:URL[alt]] / link:URL[image:...].
_ADOC_IMAGE = re.compile(r"image::?([^\s\[]{1,2000})\[([^\]\n]{0,500})\]", re.I)
_ADOC_LINK_ATTR = re.compile(r"\blink=\"?([^\",\]\s]{1,2000})", re.I)
_ADOC_LINKED = re.compile(
    r"(?:link:)?(https?://[^\s\[]{1,2000}|[\w./-]{1,300})\[image::?([^\s\[]{1,2000})\[", re.I
)
# An HTML link around a Markdown image, which GitHub renders inside a paragraph: '<a href="https://
# scorecard.dev/viewer/?uri=...">![OSSF-Scorecard Score](https://img.shields.io/ossf-scorecard/...)' / '</a>'
# (open-nudge/pynudger)
_HTML_LINKED_MD_IMAGE = re.compile(
    r"<a\s[^>]{0,500}?href\s{0,5}=\s{0,5}[\"']([^\"'>]{1,2000})[\"'][^>]{0,500}>[ \t]{0,10}\n?[ \t]{0,10}"
    r"(!\[[^\]\n]{0,200}\]\(\s{0,5}<?([^)\s>]{1,2000}))",
    re.I,
)
_HTML_IMAGE = re.compile(r"<img\s[^>]{0,500}?src\s{0,5}=\s{0,5}[\"']([^\"'>]{1,2000})[\"']", re.I)


@dataclass(frozen=True, slots=True)
class Badge:
    kind: str
    image: str
    target: str | None
    line: int
    # "[![OpenSSF Best Practices][openssf-badge]](openssf-url)" with "[openssf-url]: https://..." defined
    # (xline-kv/Xline): the reference's name written as a path, a link into the repository that is not there
    label_as_path: bool = False

    @property
    def dead_target(self) -> bool:
        return self.label_as_path or (self.target is not None and bool(DEAD_TARGET.search(self.target)))

    @property
    def linked(self) -> bool:
        """A badge that leads somewhere when clicked; an unlinked image leads nowhere."""
        return bool(self.target and self.target.strip())

    @property
    def links_policy(self) -> bool:
        return self.target is not None and bool(POLICY_LINK.search(self.target))


def badge_markdown(target: str) -> str:
    return f"[![{BADGE_LABEL}]({BADGE_IMAGE})]({target})"


def badge_rst(target: str) -> str:
    return f".. image:: {BADGE_IMAGE}\n   :alt: {BADGE_LABEL}\n   :target: {target}"


def _kind(image: str, target: str | None = None) -> str | None:
    """The kind of badge an image is, by its address; a plain shields.io badge takes the kind of the
    page it links to: "[![Best Practices](https://img.shields.io/badge/Best%20Practices-purple)]
    (https://www.bestpractices.dev/projects/8045)" (openimsdk/open-im-server)."""
    kind = next((kind for kind, pattern in _KINDS if pattern.search(image)), None)
    if kind is None and target is not None and _PLAIN_SHIELD.search(image):
        kind = next((kind for kind, pattern in _KIND_PAGES if pattern.search(target)), None)
    return kind


_PLAIN_SHIELD = re.compile(r"img\.shields\.io/(badge|static)/", re.I)
# The pages a Scorecard or Best Practices badge links to.
_KIND_PAGES = (
    ("openssf-scorecard", re.compile(r"(scorecard\.dev|securityscorecards\.dev)/viewer/", re.I)),
    ("openssf-best-practices", re.compile(_BEST_PRACTICES_PROJECT, re.I)),
)


def find_badges(text: str) -> list[Badge]:
    """Every recognised security badge, with the link it points to (None when not linked). A badge in an
    HTML comment is not shown ("<!-- TODO: enable ... OpenSSF Scorecard" / "[![OpenSSF Scorecard](...)](...)"
    / "-->", hopbit/live-odds-services)."""
    text = without_html_comments(text)
    lines = LineIndex(text)
    found: dict[int, Badge] = {}  # keyed by image offset so a linked image is not counted twice

    def add(image: str, target: str | None, offset: int, label_as_path: bool = False) -> None:
        if _INVISIBLE.search(image):
            return  # "ht\u200ctps://api.securityscorecards.dev/..." (paazmaya/tozan) loads no image
        kind = _kind(image, target)
        if kind is not None and (offset not in found or found[offset].target is None):
            found[offset] = Badge(kind, image, target, lines.line(offset), label_as_path)

    refs = reference_targets(text)

    def names_a_reference(url: str | None) -> bool:
        return url is not None and not re.search(r"[/.:#?]", url) and url.strip().lower() in refs

    def resolve(url: str | None, ref: str | None) -> str | None:
        return url if url is not None else refs.get((ref or "").strip().lower())

    for m in _MD_LINKED.finditer(text):
        image = resolve(m[1], m[2])
        if image is not None:
            add(image, resolve(m[3], m[4]), m.start() + 1, names_a_reference(m[3]))
    for m in _MD_SHORTCUT_LINKED.finditer(text):
        if (image := refs.get(m[1].strip().lower())) is not None:
            add(image, resolve(m[3], m[2]), m.start(1) - 2)
    for m in _MD_SHORTCUT_IMAGE.finditer(text):
        if (image := refs.get(m[1].strip().lower())) is not None:
            add(image, None, m.start(1) - 2)
    for m in _HTML_LINKED.finditer(text):
        add(m[2], m[1], m.start(2))
    for m in _HTML_LINKED_MD_IMAGE.finditer(text):
        add(m[3], m[1], m.start(2))
    for m in _ADOC_LINKED.finditer(text):
        add(m[2], m[1], m.start(2))
    for m in _ADOC_IMAGE.finditer(text):
        link = _ADOC_LINK_ATTR.search(m[2])
        add(m[1], link[1] if link else None, m.start(1))
    for m in _RST_IMAGE.finditer(text):
        target = _RST_TARGET.search(m[2] or "")
        add(m[1], target[1] if target else None, m.start(1))
    for m in _MD_IMAGE.finditer(text):
        image = resolve(m[1], m[2])
        if image is not None:
            add(image, None, m.start())
    for m in _HTML_IMAGE.finditer(text):
        add(m[1], None, m.start(1))
    return [found[k] for k in sorted(found)]


# A link whose label names another kind of document: "Read the full [security checklist](./docs/security.md)
# before deploying" (0-auth/zero-auth) sends readers to hardening advice, not to where reports go.
# Invisible characters inside an address break it: the image never loads.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
# A link labelled as the security policy points at it wherever it lives: "Please see our [security policies
# and procedures](https://github.com/feross/security) document to learn how to report issues" (feross/buffer).
# A label that names some other policies ("[Example Security Policies?](https://github.com/todogroup/policies)")
# does not.
_POLICY_LABEL_TEXT = (
    r"\[\s{0,3}(((our|the|this\s+project['\u2019]s)\s+)?security\s+polic(y|ies)\b|"
    # a vendor's reporting page by its label: "see [Report a Computer Security Vulnerability](https://technet.
    # microsoft.com/en-us/security/ff852094.aspx)" (microsoft/hcsshim)
    r"report(ing)?\s+(a\s+)?(\w+\s+)?(security\s+)?vulnerabilit(y|ies)\b|"
    # a tracker's security form: "or [file a security issue][sec issue]" (mozilla-mobile/fenix)
    r"(file|report|submit|open)\s+(a\s+)?security\s+(issue|bug|vulnerabilit(y|ies))\b)[^\]\n]{0,60}\]"
)
# A web address; Tidelift's page is its contact, not the project's policy (phpseclib/phpseclib).
_ADDRESS_NOT_TIDELIFT = r"https?://(?!(www\.)?tidelift\.com/)"
_WEB_ADDRESS = re.compile(_ADDRESS_NOT_TIDELIFT, re.I)
_POLICY_LABEL = re.compile(_POLICY_LABEL_TEXT + r"\(\s{0,5}<?https?://", re.I)
# ... as a reference link to a web address.
_POLICY_LABEL_REFERENCE = re.compile(_POLICY_LABEL_TEXT + r"\[(?P<ref>[^\]\n]{1,100})\]", re.I)
# A policy acted on is a setting, not the project's: "disable the [security policy](https://www.w3.org/Daemon/User/
# Installation/PrivilegedPorts.html) which prevents the use of 80 and 443" (9001/copyparty).
_A_SETTING = re.compile(
    r"\b(disable|enable|bypass|override|change|modify|relax|adjust|configure|turn\s+off)\s+(the\s+|this\s+|a\s+|your\s+)?$",
    re.I,
)
# A label owned by another product: "matching Go's [security policy](https://go.dev/doc/security/policy)"
# (cue-lang/cue, on the Go versions it supports); "our" or "this project's" policy is the project's own.
_ANOTHER_PRODUCTS = re.compile(
    r"\b(?!(project|repository|repo|library|package|module|team|organi[sz]ation)['\u2019])[A-Z][\w.-]{0,40}"
    r"['\u2019]s\s{1,3}$"
)
# ... or named after another policy of that product: "This corresponds to the Go [Release Maintenance Policy]
# (...) and [Security Policy](https://golang.org/security)" (apptainer/apptainer, sylabs/singularity). A
# document of the project's own kind ("the Privacy Policy and") is not another product.
_AFTER_ANOTHER_PRODUCTS_POLICY = re.compile(
    r"\bthe\s+(?!(?i:privacy|cookie|code|contribut|governance|release|support|security|project|terms)\b)"
    r"[A-Z][\w.-]{0,40}\s+(\w+\s+){0,3}(?i:polic(y|ies))\s+(?i:and|&)\s*$"
)
_LINK_TARGET = re.compile(MARKDOWN_LINK_TARGET)


def _owned_by_another_product(text: str, label_at: int) -> bool:
    """Does the text before the link label at `label_at` name another product as the policy's owner?"""
    return bool(
        _ANOTHER_PRODUCTS.search(text, max(0, label_at - 60), label_at)
        or _AFTER_ANOTHER_PRODUCTS_POLICY.search(_words_before(text, label_at))
    )


def _words_before(text: str, at: int) -> str:
    """The words of the 300 characters before `at`, link targets and brackets dropped, spaces collapsed."""
    words = _LINK_TARGET.sub(" ", text[max(0, at - 300) : at]).replace("[", " ").replace("]", " ")
    return " ".join(words.split()) + " "


_OTHER_DOCUMENT_LINK = re.compile(
    # a docs site's "[Security overview](https://pambrose.github.io/prometheus-proxy/security/)" too, not a
    # guide to reporting ("See [our vulnerability reporting guide](SECURITY.md)", ElementsProject/elements)
    r"\[(?![^\]\n]{0,80}\b(?:report|disclos))"
    r"[^\]\n]{0,80}\b(checklist|best\s+practices|considerations|hardening|recommendations|threat\s+model|"
    # "see our [security documentation](https://docs.videocall.rs/security)" (security-union/videocall-rs)
    r"overview|guides?|setup|configuration|documentation)"
    r"[^\]\n]{0,40}\]\(\s{0,5}<?[^)\s>]{0,300}$|"
    # a page of advice by what the sentence calls it: "See important security warnings on the [Security
    # Information page](https://z.cash/support/security/)" (zcash/zcash)
    r"\b(warnings|advice|tips|advisories\s+for\s+users)\b[^.\[\n]{0,40}\n?[^.\[\n]{0,40}\[[^\]\n]{0,80}\]\(\s{0,5}<?"
    r"[^)\s>]{0,300}$",
    re.I,
)


# ... unless the sentence goes on to say it is how to report: "Please consult the [security
# guide](./SECURITY.md) for our responsible security vulnerability disclosure process" (oracle).
_FOR_REPORTING = re.compile(
    r"([^.\n]|\n(?![ \t]*\n)){0,80}\b(disclos\w*\s+process|report(ing)?\s+(a\s+)?(security|vulnerab))", re.I
)


# Where a README links somewhere: a Markdown target `](url)` or reference definition `[ref]: url`, a
# reStructuredText `<url>`_, an HTML href, an AsciiDoc `link:url[` / `url[`, or a bare web address.
_LINK_TARGETS = re.compile(
    r"\]\(\s{0,5}<?([^)\s>]{1,2000})|^ {0,3}\[[^\]\n]{1,100}\]:[ \t]{0,5}<?([^\s>]{1,2000})|"
    r"<([^<>\s]{1,2000})>`_|\bhref\s{0,5}=\s{0,5}[\"']([^\"'>]{1,2000})|"
    r"\blink:([^\s\[]{1,2000})\[|(https?://[^\s<>()\[\]\"'`]{1,2000})",
    re.I | re.M,
)


# A site's security page, even in its documentation, where the sentence says it is how to report: "For details
# on how to report vulnerabilities and security release process, please refer to [Gatekeeper Security](https://
# open-policy-agent.github.io/gatekeeper/website/docs/security)" (open-policy-agent/gatekeeper).
# Tidelift's page is its contact, not the project's policy (phpseclib/phpseclib).
_SECURITY_PAGE = re.compile(
    "^" + _ADDRESS_NOT_TIDELIFT + r"[^/\s]{1,200}/(\S{0,300}/)?security(\.html?)?/?$", re.I
)
# ... across the lines of its paragraph: "instructions on reporting security-related\nbugs, ..., see the
# [Security\nchapter][security]" (GNOME/librsvg)
_REPORTING_AHEAD = re.compile(
    r"\b(how\s+to|where\s+to|to|on|for)\s+report(ing)?\s+(a\s+|any\s+)?(security[\w-]*\s+)?(vulnerabilit|issue|bug|"
    r"problem)(?:[^.\n]|\n(?![ \t]*\n)){0,160}$",
    re.I,
)


# A reference link's use: "[text][label]", "[label][]" or "[label]" (its text may wrap onto the next line).
_REFERENCE_USE = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*\n)){1,200})" + REFERENCE_USE_LABEL)


def _security_page_references(text: str, references: dict[str, str]) -> Iterator[int]:
    """Where a reference link to a site's security page is used (one pass over the text, whatever the
    number of definitions); `references` are the text's reference definitions."""
    labels = {label for label, target in references.items() if _SECURITY_PAGE.search(target)}
    if labels:
        for m in _REFERENCE_USE.finditer(text):
            if (m[2] or m[1]).strip().lower() in labels:
                yield m.start()


def _badge_to_a_site_page(text: str, at: int, target: str) -> bool:
    """Is the Markdown link at `at` a badge image's link to a web site's security page? The link is the
    badge's: "[![SLSA 3](https://slsa.dev/images/gh-badge-level3.svg)](https://fluxcd.control-plane.io/
    distribution/security/)" (controlplaneio-fluxcd/flux-operator) leads to supply-chain documentation, and
    a policy badge is read by `find_badges`. A link to the repository's own policy still counts."""
    return (
        text.startswith(")](", at - 1)
        and "![" in text[max(0, at - 300) : at]
        and bool(_SECURITY_PAGE.search(target))
        and not _REPOSITORY_POLICY.search(target)
    )


_REPOSITORY_POLICY = re.compile(
    r"(?<![\w-])security\.(md|markdown|rst|adoc)\b|/security/policy\b|^https?://github\.com/", re.I
)


def policy_link_line(text: str) -> int | None:
    """Line of the first link to SECURITY.md (any case and extension) or the repository's
    /security/policy page, or None. A link to the file counts whatever its label says of the policy
    ("`Security <SECURITY.rst>`_", django-cms, is as much a pointer as "[security policy](SECURITY.md)"),
    but not when the label names another kind of document (a checklist). A file name that is not a link
    ("`security.md`, `dependencies.md` - secrets and IAM", a list of an agent's rule files in
    ran-isenberg/aws-lambda-handler-cookbook) leads nowhere."""
    text = without_html_comments(text)
    for m in _LINK_TARGETS.finditer(text):
        group = next(i for i, g in enumerate(m.groups(), 1) if g)
        if _badge_to_a_site_page(text, m.start(), m[group]):
            continue
        label_at = text.rfind("[", max(0, m.start() - 200), m.start()) if group == 1 else -1
        if label_at >= 0 and _owned_by_another_product(text, label_at):
            continue
        other_document = _OTHER_DOCUMENT_LINK.search(text, max(0, m.start(group) - 400), m.start(group))
        if POLICY_LINK.search(m[group]) and (
            other_document is None
            or _FOR_REPORTING.match(text, m.end())
            # "To report security issues, please refer to our [security documentation](docs/SECURITY.md)"
            # (QUBIP/qryptotoken)
            or _REPORTING_AHEAD.search(text, max(0, m.start(group) - 300), m.start(group))
        ):
            return LineIndex(text).line(m.start(group))
        if _SECURITY_PAGE.search(m[group]) and _REPORTING_AHEAD.search(
            text, max(0, m.start(group) - 300), m.start(group)
        ):
            return LineIndex(text).line(m.start(group))
    references = reference_targets(text)
    for at in _security_page_references(text, references):
        if _REPORTING_AHEAD.search(text, max(0, at - 300), at):
            return LineIndex(text).line(at)
    web_targets = {m[1].strip().lower() for m in _RST_WEB_TARGET.finditer(text)}
    rst_labels = (m for m in _RST_POLICY_LABEL.finditer(text) if m[8] or m[1].strip().lower() in web_targets)
    by_reference = (
        m
        for m in _POLICY_LABEL_REFERENCE.finditer(text)
        if _WEB_ADDRESS.match(references.get(m["ref"].strip().lower(), ""))
    )
    labels = [*_POLICY_LABEL.finditer(text), *by_reference, *rst_labels]
    for labelled in sorted(labels, key=lambda m: m.start()):
        ahead = (max(0, labelled.start() - 60), labelled.start())
        if not (_owned_by_another_product(text, labelled.start()) or _A_SETTING.search(text, *ahead)):
            return LineIndex(text).line(labelled.start())
    return None


# The same in reStructuredText: "``bcrypt`` follows the `same security policy as cryptography`_" with
# ".. _`same security policy as cryptography`: https://cryptography.io/en/latest/security.html" (pyca/bcrypt),
# the sibling project's policy adopted as the project's own.
_RST_POLICY_LABEL = re.compile(
    r"`\s{0,3}((((our|the|this\s+project['\u2019]s)\s+)?(same\s+)?security\s+polic(y|ies)\b)[^`<\n]{0,60}?)"
    r"\s{0,3}(<(https?://[^>\s]{1,2000})>)?`__?",
    re.I,
)

# A named target that leads to a web page (the label's link when it has no address inline).
_RST_WEB_TARGET = re.compile(r"^\.\.\s+_`?([^`:\n]{1,200})`?:\s+https?://", re.I | re.M)
