"""Which links in a security policy are somewhere to send a report, and which sentences send the reader
to GitHub's private vulnerability reporting.

A link counts as a reporting channel only where the policy offers it for reporting: its paragraph, list
item or heading speaks of reporting, contacting or disclosing. Links to chat servers, social networks,
search engines, API endpoints, team pages and general reading are never channels; a page of advice is
not an inbox, and a policy whose only "channel" is one of them gives reporters nowhere private to go.
"""

from __future__ import annotations

import re

from checks._policy_doc import MARKDOWN_LINK_TARGET, SENTENCE_BREAK, URLS, Block, only_links

# URLs that are not a private reporting channel: public trackers, badges, generic docs.
NOT_A_CHANNEL = re.compile(
    r"/(issues|discussions|pulls?|releases|tags|actions|commits?|compare|wiki)\b|img\.shields\.io|"
    r"(docs|help)\.github\.com|semver\.org|securityscorecards\.dev|scorecard\.dev|bestpractices\.|"
    # a GitHub repository's rendered policy tab; another site's "/security/policy" page is a policy
    # ("See https://go.dev/security/policy for how to report a vulnerability", BieHDC/go-backports)
    r"github\.com/[\w.-]{1,100}/[\w.-]{1,100}/security/(policy|code-scanning)\b|"
    # general advice and reference material, not somewhere to send a report
    r"owasp\.org|wikipedia\.org|first\.org/cvss|cve\.org|cve\.mitre\.org|cwe\.mitre\.org|nvd\.nist\.gov|"
    # a report already published, by its identifier ("https://talosintelligence.com/vulnerability_reports/
    # TALOS-2023-1889", tinyproxy/tinyproxy), or a blank one ("`https://security-tracker.debian.org/tracker/
    # CVE-XXXX-YYYYY`", GoogleContainerTools/distroless)
    r"/(talos|ghsa|cve|zdi|pysec|rustsec)-(\d{4}|x{4})-[\w-]{1,40}/?$|"
    # the GitHub Advisory Database, all projects' published advisories ("see also [GitHub Advisory Database]
    # (https://github.com/advisories?query=type%3Areviewed+ecosystem%3Apip)", Anselmoo/spectrafit)
    r"^https?://(www\.)?github\.com/advisories/?(?=[?#]|$)|"
    # ... or a published GitHub advisory ("[GHSA-vjp8-2wgg-p734](https://github.com/firecrawl/firecrawl/security/
    # advisories/GHSA-vjp8-2wgg-p734)", firecrawl/firecrawl)
    r"/advisories/ghsa(-[a-z0-9]{4}){3}\b|"
    # public advisory databases, where a fixed issue is published ("Once the issue is resolved, the
    # vulnerability should be [reported to RustSec](https://github.com/RustSec/advisory-db/...)", rand)
    r"github\.com/(rustsec/advisory-db|github/advisory-database|pypa/advisory-database|golang/vulndb)\b|"
    r"cisa\.gov|opensource\.guide|keepachangelog\.com|developer\.mozilla\.org|"
    # chat servers and social networks: public, or no inbox the project controls
    # (a vendor's own bounty page is no chat: "Refer to [Telegram Bug Bounty Program](https://core.telegram.org/
    # bug-bounty)", TGX-Android/Telegram-X)
    r"discord(app)?\.(com|gg)|gitter\.im|slack\.com|matrix\.to|(^|//)t\.me/|"
    r"telegram\.(me|org)(?!/[\w-]{0,20}(bounty|security|vulnerab))|"
    r"twitter\.com|//x\.com|facebook\.com(?!/(whitehat|security))|linkedin\.com|reddit\.com|stackoverflow\.com|stackexchange\.com|"
    # video sites: "在 [该视频](https://www.bilibili.com/video/...) 评论区 @UP主" (a comment under a video,
    # 1-Reality/ZTE)
    r"youtube\.com|youtu\.be|instagram\.com|bilibili\.com|b23\.tv|vimeo\.com|tiktok\.com|douyin\.com|twitch\.tv|"
    # a project's own short link to its chat ("https://sapphirejs.dev/discord", sapphiredev), not a bug
    # bounty programme named after its company ("https://hackerone.com/slack", slackhq/nebula)
    r"(?<!hackerone\.com)(?<!bugcrowd\.com)/(discord|slack|gitter|matrix|telegram|chat|community)/?$|"
    # a web page of a discussion group: "at the [mailing list](https://groups.google.com/g/cryptopp-users)"
    # (weidai11/cryptopp); a group for security reports is named so
    r"groups\.google\.com/(g|forum)/(?![^/\s]{0,60}(secur|privat|vuln|disclos))|"
    # a public key is no inbox ("The key is available from [keyserver.ubuntu.com](https://keyserver.ubuntu
    # .com/pks/lookup?search=0xA656...)", kelektiv/node-cron)
    r"keyserver\.|keys\.openpgp\.org|pgp\.mit\.edu|/pks/lookup\b|\.(asc|gpg|pub|key)(\?\S*)?$|"
    # search engines, API endpoints, clone URLs, code snippets, people listings
    r"//(www\.)?(google|bing|duckduckgo)\.com/?$|api\.github\.com|\.git/?$|gist\.github\.com|"
    r"raw\.githubusercontent\.com|github\.com/orgs/|"
    # lists of people ("https://marked.js.org/authors", markedjs/marked): nobody's private inbox
    # a project's structure or governance page ("One of the [Selenium TLC members](https://www.selenium.dev/
    # project/structure/#tlc) will send you a direct message", SeleniumHQ/selenium)
    r"/(teams?|people|authors|contributors|members|structure|governance)(\.html?)?/?(#[\w-]*)?$|"
    # the file that maps code to its owners' GitHub handles ("please email the [module maintainer](https://
    # github.com/biopython/biopython/blob/master/.github/CODEOWNERS)", biopython/biopython)
    r"/codeowners$|"
    # how the product is secured, not where to report ("See https://www.firezone.dev/kb/architecture/
    # security-controls", firezone/firezone)
    r"/(architecture|security[-_](model|controls|architecture|hardening)|threat[-_]model|hardening)(/|\.html?|#|$)|"
    # a team's contact page is one ("follow the instructions at https://access.redhat.com/security/team/contact",
    # operator-framework/operator-sdk)
    r"/(teams?|people)/(?![\w/-]{0,40}(contact|report))|"
    r"docs\.npmjs\.com|"
    # how to file an issue: "See [CONTRIBUTING.md](.../CONTRIBUTING.md#issue-contributions)" (SeleniumHQ)
    # not a section on security issues ("[report security issues](https://headlamp.dev/docs/latest/contributing/
    # #security-issues)", kubernetes-sigs/headlamp)
    r"#(?![\w-]*(secur|vulnerab))[\w-]*(issue|bug-report)|"
    # the contribution guide itself: "1. Open an [issue](...) 1. Follow the [contribution guidelines](https://
    # github.com/getgoji/goji-chrome-extension/blob/main/.github/CONTRIBUTING.md)" (getgoji)
    r"/(contributing|code_of_conduct|code-of-conduct)(\.(md|rst|adoc|txt))?/?$|"
    # data files and assets: nobody reads a report sent to a .json or an image
    r"\.(json|xml|ya?ml|js|css|png|jpe?g|gif|svg|ico|zip|tar\.gz|tgz|pdf|docx?|xlsx?|pptx?)$|"
    # downloads of the code itself ("Tidelift security contact" pointing at .../tarball/master,
    # leandro-benedet-garcia/generic_lexer)
    r"/(tarball|zipball|archive)/|"
    # GitHub's file editor ("github.com/phoenixframework/phoenix/new/master#supported-versions") and
    # articles ("bugcrowd.com/resource/what-is-responsible-disclosure/", RealOrangeOne)
    # a project's own process page under resources/ is none ("https://projectcontour.io/resources/security-process")
    r"github\.com/[\w.-]{1,100}/[\w.-]{1,100}/(new|edit)/|/(resources?/(?!security[-_](process|policy))|blog/|"
    r"articles?/|learn/|glossary/)|"
    r"(^|[./])(example|test|invalid|localhost)(\.(com|org|net))?(/|:|$)",
    re.I,
)
# An RFC 9116 security.txt names the project's security contacts wherever it is linked ("This information
# can also be found in our security.txt: https://wagtail.org/.well-known/security.txt", wagtail/wagtail).
SECURITY_TXT = re.compile(r"/security\.txt$", re.I)
# A tracker's form for security bugs, which hides them from the public: "Please submit the report as a
# [security bug on the Chromium tracker](https://bugs.chromium.org/p/chromium/issues/entry?template=Security%20Bug)"
# (emscripten-core/emscripten), or GitLab's confidential issue. A GitHub issue template is public, whatever
# its name.
_RESTRICTED_TRACKER = re.compile(
    r"^https?://(?!(www\.)?github\.com/)\S{0,300}[?&](template|component|product|groups?)=[^&#\s]{0,60}secur|"
    r"[?&]issue(\[|%5B)confidential(\]|%5D)=true\b",
    re.I,
)
# A site's front page with nothing of reporting in its name ("contact [David Peter](https://david-peter.de/)
# via email", sharkdp/bat) is somebody's homepage, no inbox.
_HOMEPAGE = re.compile(
    # "our [Vulnerability Disclosure Portal](https://vdp.gitguardian.com)" (GitGuardian) is an inbox
    r"^https?://(?![^/]*(secur|vuln|report|bount|disclos|\bvdp\b|hackerone|bugcrowd|huntr|intigriti|yeswehack|"
    r"tidelift|psirt|cert\.))[^/?#]{1,200}/?$",
    re.I,
)
# A bare profile page (https://github.com/someone) or a repository's front page ("reported on the github
# project, as issues: https://github.com/mhooreman/clalogger") has no private inbox.
_PROFILE = re.compile(r"^https?://(www\.)?(github|gitlab)\.com/[\w.-]{1,100}(/[\w.-]{1,100})?/?$", re.I)
# Words that offer something for reporting ("report", "contact", "disclose", "email", Japanese/Chinese
# "報告"/"报告"/"連絡"); REPORTING_CONTEXT also takes a sentence about vulnerabilities.
_REPORTING_ACT = (
    # mail handled, not offered: "Email is bounced if ..." (87percentrum/mailinabox)
    r"\breport|\bcontact|\bdisclos|\bsubmi(t|ssion)|\bsend\b|\be-?mail(?!\s+(is|are|was|were)\s+\w+ed\b)|\bnotify|\breach\s+(out|us)|"
    r"\bget\s+in\s+touch|\bsecurity\s+(issue|bug|problem|concern|team|contact|process)|"
    # Chinese "回報方式" (how to report), "举报"
    r"\bbug\s+bount|\bhackerone|\bbugcrowd|報告|报告|回報|回报|举报|舉報|連絡|联系|聯繫|신고|"
    # Spanish, Portuguese, French and German: "enviá un correo electrónico a:", "entre em contato"
    r"\bcorreo|\bcontact[oa]|\bkontakt|\bmelde|\bsignal[ea]|\benv[ií][aáe]|\benvoy|"
    # Russian words to report, contact, write, a letter, mail and send: "please report it by sending an e-mail
    # to the address" (EgorSborschikov/ComfortConfy)
    r"\b\u0441\u043e\u043e\u0431\u0449|\b\u0441\u0432\u044f\u0436|\b\u043d\u0430\u043f\u0438\u0448|"
    r"\b\u043f\u0438\u0441\u044c\u043c|\b\u043f\u043e\u0447\u0442|\b\u043e\u0442\u043f\u0440\u0430\u0432|"
    # to write in Spanish, Portuguese, French and Polish ("Escríbenos a", "Escreva para", "Écrivez-nous à",
    # "Napisz na adres"), to report in Polish and Turkish ("zgłoś", "bildirin"), e-mail in Turkish
    # ("e-posta"), and e-mail, contact and report in Korean and Chinese ("이메일", "연락", "제보", "邮件")
    r"\bescr[ií]b|\bescrev|(?<!\w)[ée]cri(?:vez|re)\b|\bnapisz|\bzg[łl]o[śs]|\bbildir|\be-?posta\b|"
    r"이메일|연락|제보|邮件|郵件|邮箱|发送|發送"
)
REPORTING_ACT = re.compile(_REPORTING_ACT, re.I)
REPORTING_CONTEXT = re.compile(
    # a vulnerability in other languages: "Vulnerabilidades", "vulnérabilité", "Sicherheitslücke",
    # "Kwetsbaarheden", "Luki bezpieczeństwa", the Turkish "Güvenlik aciklari", "취약점", "漏洞" and
    # Russian (not the Japanese "脆弱性" alone: "脆弱性の対応方針" heads how the project handles them,
    # ROhta/bingo)
    _REPORTING_ACT + r"|\bvulnerabilit|\bvulnerabilid|\bvuln[ée]rabilit|sicherheitsl[üu]cke|\bkwetsba|"
    r"\bluk[ai]?\s+bezpiecze|\bg[üu]venlik\s+a[çc]\u0131\w*|취약점|漏洞|\b\u0443\u044f\u0437\u0432\u0438\u043c",
    re.I,
)
# Relative links to another document of the repository ("[policy](docs/SECURITY.md)",
# "xref:docs/security.adoc[...]", "`policy <SECURITY.rst>`_").
_RELATIVE_LINK = re.compile(
    # an address in angle brackets is no relative link: "[full disclosure](<https://en.wikipedia.org/...>)"
    # (jxareas/PolyLab-REST)
    r"\]\(<?(?!<|https?:|mailto:|#)([^)\s]{1,300})\)|\b(?:xref|link):(?!https?:)([^\s\[]{1,300})\[|"
    r"<(?!https?:|mailto:)([^>\s]{1,300})>`_",
    re.I,
)
_SECURITY_DOC = re.compile(r"secur|vulnerab|disclos|セキュリティ", re.I)


# A security policy file in someone's GitHub repository, where GitHub looks for one (the root, .github/ or
# docs/): group 2 is the owner. A security chapter deeper in the documentation
# ("docs/en/reference/security.rst", doctrine/dbal) is advice on using the code, not where reports go.
# Its rendered policy tab counts too ("[PHPUnit's Security Policy](https://github.com/sebastianbergmann/
# phpunit/security/policy) applies to this library as well", sebastianbergmann/diff).
_GITHUB_POLICY = re.compile(
    r"^https?://(www\.)?github\.com/([\w.-]{1,100})/([\w.-]{1,100})/((blob|tree)/[^/\s]{1,200}"
    r"/((\.github|docs)/)?security\.(md|markdown|rst|adoc|txt)|security/policy/?)$",
    re.I,
)


def _whose_policy(url: str, repo: str | None) -> str | None:
    """Whose SECURITY file (or policy tab) this URL links, seen from `repo`: "this" repository's,
    another repository of the same "owner", or an "other" owner's; None when it links no policy or the
    repository is unknown."""
    policy = _GITHUB_POLICY.match(url.split("?")[0].split("#")[0])
    return None if policy is None else _seen_from(repo, policy[2], policy[3])


def _seen_from(repo: str | None, owner: str, name: str) -> str | None:
    """Whose repository owner/name is, seen from `repo`: "this", the same "owner"'s or an "other" owner's."""
    if repo is None:
        return None
    own_owner, own_name = repo.lower().split("/", 1)
    if owner.lower() != own_owner:
        return "other"
    return "this" if name.lower() == own_name else "owner"


def is_channel_url(url: str, own_path: str | None, repo: str | None) -> bool:
    """Could this URL take a report? Not a tracker, chat, profile, reference page, this very file, or
    another owner's security policy, an example to follow rather than where this project takes reports
    ("SECURITY file examples: https://github.com/nodejs/node/blob/main/SECURITY.md",
    therzka/OSS-Example-Repo)."""
    whose = _whose_policy(url, repo)
    if whose == "other":
        return False
    if whose == "owner":
        return True  # the owner's fuller policy in another repository (links_own_policy)
    if _RESTRICTED_TRACKER.search(url):
        return True
    if NOT_A_CHANNEL.search(url) or _PROFILE.match(url) or _HOMEPAGE.match(url):
        return False
    if own_path and repo and repo.lower() in url.lower():
        tail = url.split("?")[0].split("#")[0].lower()
        if tail.endswith("/" + own_path.lower()):
            return False  # a link to this very file
    return True


# A link labelled with a chat service is the chat, wherever it points: "please come speak to us on
# [Slack](https://selenium.dev/support)" (SeleniumHQ/selenium).
# Not the vendor's own programme: "[Telegram Bug Bounty Program](https://core.telegram.org/bug-bounty)"
# (TGX-Android/Telegram-X).
_CHAT_LINK = re.compile(
    r"\[\s{0,3}(slack|discord|gitter|matrix|telegram|zulip|irc|mattermost)\b(?![^\]\n]{0,30}(?:bount|secur|vulnerab))"
    r"[^\]\n]{0,30}\]\(\s{0,5}<?"
    r"([^)\s>]{1,2000})",
    re.I,
)


def chat_link_targets(text: str) -> set[str]:
    """The targets of links whose label names a chat service, found in one pass over the policy."""
    return {m[2].rstrip(".,;:!?*_") for m in _CHAT_LINK.finditer(text)}


def links_own_policy(url: str, repo: str | None) -> bool:
    """Is this a link to the owner's security policy in another of its repositories? That is the
    project's fuller policy, whatever the sentence around it says: "Go to the [centralized SECURITY.md]
    (https://github.com/kubescape/project-governance/blob/main/SECURITY.md)" (kubescape/node-agent)."""
    return _whose_policy(url, repo) == "owner"


# The front page of a GitHub repository: owner and name in groups 2 and 3.
_REPOSITORY_PAGE = re.compile(r"^https?://(www\.)?github\.com/([\w.-]{1,100})/([\w.-]{1,100})/?$", re.I)


def is_sibling_repository(url: str, repo: str | None) -> bool:
    """Is this the front page of another repository of the same owner? A pointer to the fuller policy may
    lead there: "For security vulnerability reporting and our complete security policy, please see:
    https://github.com/rust-nostr/guidelines" (rust-nostr/nostr)."""
    page = _REPOSITORY_PAGE.match(url)
    return page is not None and _seen_from(repo, page[2], page[3]) == "owner"


def offered_for_reporting(
    block: Block, without_links: str, words: re.Pattern[str] = REPORTING_CONTEXT
) -> bool:
    """Is a link in this block offered as a way to report? Its own `words` (or its lead's) or its heading
    say so. Example: the bare "https://tidelift.com/docs/security" line under "Reporting a Vulnerability"
    (sqlalchemy/sqlalchemy). A link to caniuse.com in a paragraph about cookies (pallets/flask) is not,
    nor is a page of security advice under "Usage risks" ("Read more in the docs:
    https://mathjs.org/docs/expressions/security.html", josdejong/mathjs): a page about security is
    not an inbox. A policy that is only a pointer to its fuller text is `is_pointer_stub`."""
    return bool(
        words.search(without_links) or REPORTING_CONTEXT.search(block.heading) or words.search(block.lead)
    )


# Words that send the reader elsewhere for the whole policy: "See https://...", "Please refer to ...",
# "The policy is maintained at ...".
_SENDS_ELSEWHERE = re.compile(
    # "Check the [XWiki Security Policy](https://dev.xwiki.org/...)" (xwiki/xwiki-platform)
    r"^\W{0,3}(please,?\s+)?(see|refer\s+to|visit|read|go\s+to|consult|follow|check(\s+out)?)\b|"
    # after what the reader will find there: "> **Note**: For the full security policy, see
    # [SECURITY.adoc](./SECURITY.adoc)" (cshein45/polyglot-db-mcp)
    # or what it is for: "For security vulnerability reporting and our complete security policy, please see:
    # https://github.com/rust-nostr/guidelines" (rust-nostr/nostr)
    r"\bfor\s+[^.;,\n]{0,80},\s*(please\s+)?(see|refer\s+to|visit|read|consult|check\s+out)\b|"
    # "Zeek's Security Policy is defined on our website at https://zeek.org/security-reporting/", "is further
    # clarified at" (zeek/zeek)
    # "The security policy and supported versions are outlined on the Pulsar website here: https://..."
    # (apache/pulsar)
    r"\b(moved|lives|(is|are)\s+(further\s+)?(kept|maintained|published|hosted|available|described|documented|"
    r"defined|clarified|explained|outlined))\s+(to|at|on|in)\b|"
    # "You can find the Solidus security policy at https://solidus.io/security." (solidusio/solidus)
    # "You will found the security policy [here](./docs/SECURITY.rst)." (a5k-testing/github-action-test)
    r"\b(you\s+(can|will|may)\s+(find|found)|can\s+be\s+found)\b|"
    # "Our security policy is at [docs/SECURITY.md](...)", "Details are in [SECURITY.adoc](...)"
    r"\b(polic(y|ies)|process|guidelines?|instructions?|details|information)\s+(is|are)\s+(at|in|on)\b",
    re.I,
)
# "See", or nothing at all: a policy that is only a link (dapr/dapr: "## Security Policy" over
# "https://docs.dapr.io/operations/support/support-security-issues/").
# Or the policy named before its address: "Our security policy: https://..."
_BARE_POINTER = re.compile(
    r"^\W{0,3}((please\s+)?(see|refer\s+to|visit|read|go\s+to|consult|moved\s+to)\W{0,3})?$|"
    r"^\W{0,3}((our|the)\s+)?(full\s+)?security\s+polic(y|ies)\s*:\W{0,3}$",
    re.I,
)
# "You can find our VDP here: https://free.law/vulnerability-disclosure-policy/" (courtlistener)
_ABOUT_THE_POLICY = re.compile(r"polic|secur|vulnerab|disclos|\breport|\bvdp\b", re.I)
_NAMES_THE_POLICY = re.compile(r"polic|vulnerab|disclos|\breport|security\s+practices|\bvdp\b", re.I)
_LINKS = re.compile(r"https?://\S{1,2000}|" + MARKDOWN_LINK_TARGET + r"|<https?://[^>\s]{1,2000}>", re.I)
# A paragraph that is one labelled link: "[Security Policy](docs/security/security.md)"
# (argoproj/argo-rollouts).
_LABELLED_LINK = re.compile(r"^\W{0,3}\[([^\]\n]{1,200})\]\([^)\s]{1,2000}\)\W{0,3}$")


_STUB_PARAGRAPHS = 3


def is_pointer_stub(doc: list[Block]) -> bool:
    """Is the whole policy a sentence or a few, each sending the reader elsewhere for it? Then the links
    they give are the project's fuller policy, whatever the linked page is called. Each is a bare pointer or
    speaks of the policy; "See https://caniuse.com/#feat=same-site for cookies" (pallets/flask) is advice.
    Examples (sanic-org/sanic SECURITY.md): "# Security Policy" / "See
    https://sanic.dev/en/organization/policies.html"; (zeek/zeek) "Zeek's Security Policy is defined on our
    website at https://zeek.org/security-reporting/" / "Our Security Release Process is further clarified
    at https://github.com/zeek/zeek/wiki/Security-Release-Process"."""
    prose = [b for b in doc if b.kind != "heading"]
    if not 0 < len(prose) <= _STUB_PARAGRAPHS or not all(_is_pointer(block) for block in prose):
        return False
    # several pointers must name the policy itself, not a documentation chapter on security ("Please read the
    # documentation chapter on Security." / "- [Latest security.rst page](...)", doctrine/dbal)
    return len(prose) == 1 or any(_NAMES_THE_POLICY.search(block.text) for block in prose)


def opening_pointer(doc: list[Block]) -> Block | None:
    """The policy's first paragraph when it sends the reader to the fuller policy elsewhere, as a stub does,
    before the file goes on: "Please refer to https://oxc.rs/docs/contribute/security.html for our
    established security practices." (oxc-project/oxc). A pointer further down, under a section of its own
    ("Read more in the docs: ..." under "Usage risks", josdejong/mathjs), is advice."""
    first = next((b for b in doc if b.kind != "heading"), None)
    if first is None or first.heading != next((b.text for b in doc if b.kind == "heading"), first.heading):
        return None
    return first if _is_pointer(first) and _NAMES_THE_POLICY.search(first.text) else None


def _is_pointer(block: Block) -> bool:
    if (label := _LABELLED_LINK.match(block.text)) is not None:
        return bool(_ABOUT_THE_POLICY.search(label[1]))
    words = _LINKS.sub(" ", block.text).strip()
    # or the link's target says it: "*Check out our [main page](README.md#security).*" (clearflask)
    about = _ABOUT_THE_POLICY.search(words) or any(
        _SECURITY_DOC.search(next(g for g in m.groups() if g)) for m in _RELATIVE_LINK.finditer(block.text)
    )
    return bool(_BARE_POINTER.match(words)) or bool(_SENDS_ELSEWHERE.search(words) and about)


def pointers_to_policy(
    doc: list[Block], own_path: str | None, stub: bool, opening: Block | None = None
) -> list[tuple[str, int]]:
    """(target, line) of relative links to another security document of the repository, offered for
    reporting: the project's fuller policy, which counts as a contact.
    Example (KeishiS/marginalis SECURITY.adoc): "xref:docs/developer-guide/security.adoc#問題の報告[...]
    に記載した非公開経路から報告してください" (report through the private route described there)."""
    found = []
    own = (own_path or "").lower()
    for block in doc:
        if block.kind == "heading":
            continue
        for m in _RELATIVE_LINK.finditer(block.text):
            target = next(g for g in m.groups() if g)
            path = target.split("#")[0].lstrip("./").lower()
            if (
                path
                and path != own
                and _SECURITY_DOC.search(target)
                # a relative link's sentence must speak of reporting, not only of vulnerabilities: "Please
                # also have a look at the [list of fixed vulnerabilities](VULNERABILITIES.md)" (blueimp)
                and (stub or block is opening or offered_for_reporting(block, block.text, REPORTING_ACT))
            ):
                found.append((target, block.line))
    return found


# Private and reporting in other languages, for GitHub's form named in them.
_PRIVATE_ABROAD = (
    r"(privad[oa]|privé|priv[ée]e|privat\w*|prywatn\w*|\u043f\u0440\u0438\u0432\u0430\u0442\w*|\u00f6zel|privata|"
    r"非公開|非公开|私密|비공개)"
)
_REPORT_ABROAD = (
    # (not English words: "private" and "vulnerability" beside "GitHub" in English are read above)
    r"(vulnerabilid|vulnerabilit\u00e0|vuln\u00e9rab|schwachstell|kwetsba|kerentanan|podatno|\u0443\u044f\u0437\u0432\u0438\u043c|"
    r"g\u00fcvenlik|\breporte\b|relat\u00f3rio|signalement|segnalazion|meldung|melding|pelaporan|zg\u0142asz|"
    r"脆弱性|漏洞|취약점|報告|报告|보고)"
)
# GitHub's private advisory form named in words.
PVR_WORDS = re.compile(
    # "GitHub's private vulnerability-reporting or Security Advisory surface" (PauseBeforeHarmProtocol)
    r"private(ly)?\s+vulnerabilit(y|ies)[\s-]report|private\s+vulnerability\s+disclosure|"
    # "please do so via the GitHub Private Security Reports" (ass45sin/whisper_diarize)
    r"github(['\u2019]s)?\s+private\s+(security\s+|vulnerability\s+)?reports?\b|"
    # "report your vulnerability via Github Security Disclosure" (Kareadita/Kavita); "GitHub's vulnerability
    # reporting", "GitHub's private reporting", "private reporting on GitHub"
    r"github(['\u2019]s)?\s+(private\s+)?(security|vulnerability)\s+(disclosure|reporting)\b|"
    # "use GitHub's built-in private reporting" (liqiongyu/lenny_skills_plus)
    r"github(['\u2019]s)?\s+((built[\s-]in|native|own)\s+)?private\s+reporting\b|"
    r"\bprivate\s+reporting\s+(on|via|through|in)\s+github\b|"
    # the form's place by name: "via GitHub Security.", "at Security > Advisories"
    # "you can report it using the GitHub Security interface" (cryptpad/cryptpad)
    r"\b(via|through|using)\s+(the\s+)?github\s+security(?=\s*[.,;)]|\s*$|\s+(interface|page|section|portal)\b)|"
    r"\bsecurity\s*(\u2192|->|>|\u203a|\u00bb)\s*advisories\b|"
    r"\b(create|open|submit|file)\s+a\s+(draft|private)\s+advisory\b|"
    # the button: "Click **New draft advisory** and enter the information." (contentful/contentful.js)
    r"\bnew\s+draft\s+(security\s+)?advisory\b|"
    # "Abre un reporte privado mediante los mecanismos de seguridad de GitHub (Security Advisories)"
    # (mario-asenjo/AsociacionMayoresVillanueva)
    r"\bgithub\s*\(\s*security\s+advisor(y|ies)\s*\)|"
    # not what another page holds: "for information on privately reporting vulnerabilities" (DSpace/DSpace)
    r"(?<!\bon\s)(?<!\babout\s)privately\s+report(ing)?\s+(a\s+)?(security\s+)?vulnerabilit|"
    # "Security vulnerabilities should be reported privately through GitHub" (tweepy/tweepy): the only
    # private route GitHub itself offers
    # "Please report vulnerabilities privately via GitHub." (express-rate-limit/express-rate-limit)
    r"\breport\w*\s+(it\s+|them\s+|this\s+|(any\s+|all\s+)?(security\s+)?(vulnerabilit(y|ies)|issues?|bugs?)\s+)?"
    r"privately\s+(through|via|on|using|with)\s+github\b"
    r"(?!\s+(issues?|discussions?)\b)|"
    # "click on `Report a vulnerability` button" (PebbleTemplates/pebble)
    # "Use GitHub's private **Security → Report a vulnerability** flow" (0xagata-prog/codex-theme-hub)
    r"report\s+(a\s+)?(security\s+)?vulnerabilit(y|ies)[\"'\u201d*_`]{0,3}\s+(button|tab|link|form|function|feature|"
    r"flow|option|dialog|page|workflow)|"
    # the menu path to the form: "Security > Advisories > Report a vulnerability"
    r"\bsecurity\s*(\u2192|->|>|\u203a|\u00bb)\s*((\w+\s*){1,2}(\u2192|->|>|\u203a|\u00bb)\s*)?report\b|"
    r"[\"'\u201c*_`]report\s+a\s+(security\s+)?vulnerability[\"'\u201d*_`]|"
    # the button named in brackets, in French word order: "Ouvre une **Security Advisory** GitHub (“Report a
    # vulnerability”) sur le dépôt." (Jackstonebreaker/mangapark-image-fix)
    r"\(\s*report\s+a\s+(security\s+)?vulnerability\s*\)|\bsecurity\s+advisor(y|ies)\s+github\b|"
    # the form picked from the issue chooser: 'go to the [issue tracker](.../issues/new/choose) and choose
    # "Report a vulnerability"' (evennia/evennia)
    # "please add a new issue (selecting Report a Vulnerability)" (Meaningful-Data/vtlengine)
    r"\b(choos(e|ing)|select(ing)?|click(ing)?(\s+on)?|pick(ing)?|press(ing)?)\s+(the\s+)?report\s+a\s+"
    r"(security\s+)?vulnerability\b|"
    r"security\s+tab|security\s+advisories\s+(tab|page)|"
    # "You can report security vulnerabilities in this GitHub repository in a confidential manner" (xpipe)
    r"\breport\w*\s+(\w+\s+){0,3}?(in|on|via|through)\s+(this|the)\s+github\s+(repository|repo|project)\s+"
    r"(privately|confidentially|in\s+a\s+(private|confidential)\s+(manner|way))|"
    # "提交一个github security" (submit a GitHub security report; xystudio889/pyClickMouse)
    r"(提交|创建|新建|发起|提交一份)(一个|一份|個)?\s?github\s?security\b|"
    # Chinese: "请通过 GitHub 仓库的私密安全渠道联系维护者" (through the repository's private security
    # channel, 11suixing11/dfacm-oj)
    r"github\s?(仓库|倉庫|项目|專案)?的?(私密|私有|非公开|非公開|私下)(的)?(安全|漏洞)(报告)?(渠道|通道|功能|报告)|"
    # "在 GitHub 创建私密安全报告" (create a private security report on GitHub; Lopution/onebot-llm-chat)
    r"github\s?[^。\n]{0,12}?(私密|私有|非公开|非公開)(的)?(安全|漏洞)(报告|報告)|"
    # Japanese: "GitHub の [Security Advisories](...) を利用して、非公開で報告してください"
    # (kazushikakihara/poker); Chinese: "优先使用 GitHub 的 Security Advisories ... 进行私密报告" (use
    # GitHub's Security Advisories for a private report; nlimpid/OneApp)
    r"github\s?[の的]\s?(private\s+vulnerability\s+reporting|security\s+advisor(y|ies)|セキュリティ(アドバイザリ|タブ))|"
    # "please contact me urgently at nice@aesth.dev or via security advisories in the repository" (aiosu)
    r"security\s+advisor(y|ies)\s+(in|on|of)\s+(the|this)\s+(github\s+)?(repository|repo)\b|"
    # "Please report security issues to the Issue Tracker or Security Advisories." (APPFL/APPFL)
    r"\breport\w*\s+(\w+\s+){0,3}?(to|via|through|using|in)\s+(the\s+)?(issue\s+tracker\s+or\s+)?(github\s+)?"
    r"security\s+advisories\b|"
    r"security\s+advisor(y|ies)\]?\s+(system|feature|form|function|tool)|"
    r"(draft|new|private)\s+(github\s+)?security\s+advisor(y|ies)|"
    # a discussion moved into one: "we can discuss options there (e.g. On a Security Advisory or per e-mail)"
    # (0xBridge/ecc)
    r"\b(discuss\w*|talk|coordinat\w*)\b[^;]{0,60}\b(on|in|via)\s+an?\s+(private\s+)?(github\s+)?"
    r"security\s+advisory\b|"
    # not the public database: "we rely on GitHub's security advisory database" (kubestellar/kubestellar)
    r"github(['\u2019]s)?\s+(private\s+)?(security\s+)?advisor(y|ies)(\s+(feature|form|tab|page))?"
    r"(?!\s+(database|db)\b)|"
    # "privately report a potential security issue via the GitHub security vulnerabilities feature" (dmf-mxl),
    # "please report it to us using the GitHub private vulnerability feature" (apple/swift-nio)
    r"github\s+(private\s+(security\s+)?|security\s+)(vulnerabilit(y|ies)\s+)?(feature|form|function|tool)|"
    r"github\s+vulnerabilit(y|ies)\s+(reporting\s+)?(feature|form|function|tool)|"
    # "use github's report function" (luxtorpeda-dev/luxtorpeda), "using the github security and quality
    # reporting area" (libgd/libgd: the repository's "Security and quality" tab)
    r"github(['\u2019]s)?\s+(private\s+)?((security|vulnerability)\s+)?(and\s+\w+\s+)?report(ing)?\s+"
    r"(function|feature|form|button|tool|area|section)|"
    # the form in other languages, GitHub's feature named with a word for private and one for reporting or
    # vulnerabilities, in any order: "Utiliza la función de reporte privado de vulnerabilidades de GitHub",
    # "Nutzen Sie die private Schwachstellenmeldung von GitHub", "GitHubの非公開の脆弱性報告機能", "GitHub의
    # 비공개 취약점 보고 기능", "Gunakan fitur pelaporan kerentanan privat GitHub"; or its advisories by
    # name: "Usa los Security Advisories de GitHub", "Bitte nutzen Sie GitHubs Security Advisories"
    r"\bgithub(?=[^.\n\u3002]{0,80}?" + _PRIVATE_ABROAD + r")(?=[^.\n\u3002]{0,80}?" + _REPORT_ABROAD + r")|"
    r"(?<![\w-])"
    + _PRIVATE_ABROAD
    + r"(?=[^.\n\u3002]{0,80}?\bgithub)(?=[^.\n\u3002]{0,80}?"
    + _REPORT_ABROAD
    + r")|"
    + _REPORT_ABROAD
    + r"(?=[^.\n\u3002]{0,80}?"
    + _PRIVATE_ABROAD
    + r")(?=[^.\n\u3002]{0,80}?\bgithub)|"
    r"\bsecurity\s+advisor(y|ies)\s+(de|do|da|du|von|di|van|del)\s+github\b|\bgithubs\s+security\s+advisor",
    re.I,
)
# The reader is told to do something with it ...
_DIRECTS = re.compile(
    r"\b(report|submit|disclos|open|creat|use|using|file|send|click|draft|contact|privately)|"
    r"通过|通過|联系|聯繫|报告|報告|提交|使用|"
    # the imperative in other languages: "Utiliza", "Use o", "Utilisez", "Nutzen Sie", "使ってください",
    # "사용하세요", "Gunakan", "Skorzystaj", "Gebruik", "Usa", the Turkish "kullanin", Russian "use"
    r"\b(usa|utiliza|utilize|utilisez|nutzen|verwenden|gunakan|skorzystaj|u\u017cyj|gebruik|utilizza|"
    r"kullan\u0131n|abre|abra|ouvrez|\u00f6ffnen|buka|otw\u00f3rz|apri)\b|\b\u0438\u0441\u043f\u043e\u043b\u044c\u0437\u0443\u0439|"
    r"使って|利用|사용|이용",
    re.I,
)
# ... as opposed to the maintainers saying what they publish afterwards.
_PUBLISHES = re.compile(
    # "a member of our team will create a GitHub "security advisory"" (DefectDojo/django-DefectDojo)
    # "When a maintainer is notified ..., they *must* create a GitHub security advisory" (tpm2-tss)
    r"\b(we|i|they|maintainers?|(the|our)\s+(security\s+)?team|(a|one)\s+(member|maintainer)\s+of\s+(our|the)\s+"
    r"(\w+\s+)?team)"
    r"\s+(will|['\u2019]ll|may|can|would|then|must|should|shall)\s+(then\s+)?"
    r"(create|open|publish|issue|draft|file|request)|"
    # "Critical vulnerabilities will be disclosed via GitHub's [security advisory](...) system."
    # (flare-foundation/connected-chains-docker)
    r"\b(will|shall|are|is)\s+(then\s+)?(be\s+)?(publicly\s+)?(disclosed|published|announced)\s+(publicly\s+)?(via|through|"
    r"in|on|using|as)\b|"
    # "All security vulnerabilities affecting the Parsec service ... will receive [security advisories](...)"
    # (parallaxsecond/parsec)
    r"\b(will|shall|should|must|to)\s+(receive|get|be\s+given)\s+(an?\s+|their\s+own\s+)?\[?(github\s+)?"
    r"(security\s+)?advisor(y|ies)\b|"
    # "A GitHub Security Advisory may be created, if appropriate" (shaka-project/shaka-player)
    r"\badvisor(y|ies)\s+(will\s+be|(may|might|can|could|should)\s+be|is|are|was|were|gets?)\s+(\w+\s+)?"
    r"(published|sent|issued|created|opened)|"
    # the team's handling: "we will do coordination and disclosure here on GitHub (including using a GitHub
    # Security Advisory when necessary)" (shaka-project/shaka-player), "Begin a draft security advisory."
    # (pixie-io/pixie's incident-response steps)
    r"\b(we|the\s+team|maintainers)\s+(will|['\u2019]ll)\s+(do|handle|run|manage)\s+(the\s+)?(coordination|"
    r"disclosure)\b|"
    r"^\W{0,3}(begin|prepare)\s+(a\s+|the\s+)?(draft\s+)?(github\s+)?security\s+advisor|"
    # "While many are available as [GitHub Security Advisories](...)" (gocd/gocd): the published ones
    r"\b(are|is)\s+available\s+as\s+(\w+\s+){0,2}?advisor|"
    # the team reading the published ones: "check GitHub's security advisories and the web for any reported
    # vulnerabilities in the new version" (kubestellar/kubestellar)
    r"\b(check|review|monitor|watch|consult)\w*\s+(the\s+)?github(['\u2019]s)?\s+(security\s+)?advisor|"
    # "the vulnerability will be publicly posted in the GitHub Advisory Database" (chaos-mesh/chaos-mesh)
    # not the reporter's condition: "or open an [issue] if it can be published to public" (risingwave)
    r"(?<!\bcan\s)(?<!\bcould\s)\b(are|is|were|be)\s+(publicly\s+)?(published|posted|announced)\b|"
    # the team's own use: "do coordination and disclosure here using GitHub Security Advisory to privately
    # discuss and fix the issue" (googleapis/google-auth-library-nodejs)
    r"\b(to|and)\s+privately\s+(discuss|fix|coordinate|collaborate|work)\b|"
    # "leverage the GitHub "Security" functionality to create a private development fork that can be shared
    # among the maintainers" (SELinuxProject/selinux)
    r"\bto\s+create\s+(a\s+)?(temporary\s+)?(private\s+)?(\w+\s+)?fork\b|"
    # how advisories are published: "we might sunset this list and only use GitHub's Security Advisory
    # format" (tensorflow/tensorflow)
    r"\badvisor(y|ies)\s+format\b|"
    # a step of the team's process: "Inform reporter and document in GitHub Security Advisories" (01bkgift)
    r"\b(document|record|announce|list)\w*\s+(it\s+|this\s+|them\s+)?(in|on|via|through)\s+(a\s+|the\s+)?"
    r"(github['\u2019]?s?\s+)?(security\s+)?advisor",
    re.I,
)
# The feature said to be off: "Private vulnerability reporting on GitHub has been **disabled** due to a high
# volume of low-quality, AI-generated reports" (kanboard/kanboard).
_SWITCHED_OFF = re.compile(
    r"\b(has\s+been|have\s+been|is|are|was|were)\s+(now\s+)?(disabled|turned\s+off|switched\s+off|deactivated|"
    r"closed|no\s+longer\s+(available|enabled|accepted|used|monitored))\b|"
    r"\bno\s+longer\s+(use|accept|monitor|offer)\b|"
    # "We do not use Github's Security Advisories, the issue tracker provides a public reference" (gpac/gpac)
    r"\b(we|i)\s+(do\s+not|don['\u2019]?t|never)\s+use\b|"
    # what the file is for: "This file exists in `.github/` to enable GitHub's "Security" tab."
    # (TanguyBaudrin/TidyQuest)
    r"\b(file|policy|document)\s+(exists|is\s+here|lives\s+here|is\s+kept)\b[^\n]{0,40}?\bto\s+(enable|populate|fill|show)\b",
    re.I,
)
# GitHub's documentation of private reporting, linked where the reader is sent to report ("use the
# [Security Advisory](https://docs.github.com/.../privately-reporting-a-security-vulnerability) system in
# Github to report it", Garbee/tree).
_PVR_DOCS = re.compile(r"docs\.github\.com/\S{0,200}privately-reporting-a-security-vulnerability", re.I)
# A link to a repository's Security tab or advisories list (the form itself, /advisories/new, always counts).
_SECURITY_TAB = re.compile(
    r"github\.com/[\w.-]{1,100}/[\w.-]{1,100}/security(/advisories)?/?(?=[\s)>\]`\"'*_.,]|$)", re.I
)


_LINK_ELSEWHERE = re.compile(
    r"\[[^\]\n]{1,200}\]\(\s{0,5}<?https?://(?!((www|docs)\.)?github\.com[/)>])[^)\n]{1,2000}\)", re.I
)


# A sentence that goes on from the one before: "Do not report potential vulnerabilities as public issues.
# Instead, do it through https://github.com/shlinkio/shlink/security" (shlinkio/shlink).
_REFERS_BACK = re.compile(r"^\W{0,3}instead\b|\bdo\s+(it|so|this)\b", re.I)
# A list of the team's own steps: "the maintainers use the following process:" / "1. Create a new draft
# advisory via GitHub Security Advisories" (artifacthub/hub).
_TEAMS_STEPS = re.compile(
    r"\b(maintainers?|team|we)\b[^.\n]{0,40}?\b(use|follow|take|perform)s?\s+the\s+following\s+(process|steps|procedure)",
    re.I,
)
_OTHER_ROUTE = re.compile(r"\bby\s+(sending|e-?mailing|writing)\b|\bmailing\s+list\b", re.I)
_GITHUB = re.compile(r"\bgithub\b", re.I)


def pvr_in_words(block: Block) -> str | None:
    """The words or link by which a sentence of this block sends the reader to GitHub's private advisory
    form, or None. Publishing an advisory afterwards is not a reporting channel.
    Examples: 'Please use the "Private vulnerability reporting" feature ... (under the "Security" tab)'
    (gin-gonic/gin) counts; 'an advisory will be sent out via GitHub's security advisory functionality'
    (python-jsonschema/jsonschema) and 'We will create a security advisory' (inexorgame/vulkan-renderer)
    do not."""
    if block.kind == "item" and _TEAMS_STEPS.search(block.lead):
        return None
    previous = ""
    for sentence in SENTENCE_BREAK.split(block.text):
        before, previous = previous, sentence
        # link syntax dropped: "A [GitHub security advisory](...) is [created](...) (but not published)"
        # (xmldom/xmldom) is the team publishing afterwards
        # and quotes: 'as security advisories under the "Security" tab' (wazuh/wazuh)
        # and a link elsewhere, whatever its label: "[Report a vulnerability](https://security.apple.com/submit)
        # form" (apple/pkl-swift) is Apple's form
        words = re.sub(r"[*`\[\]\"\u201c\u201d]", "", URLS.sub(" ", _LINK_ELSEWHERE.sub(" ", sentence)))
        named = PVR_WORDS.search(words) or _SECURITY_TAB.search(sentence) or _PVR_DOCS.search(sentence)
        if named is None or _PUBLISHES.search(words) or _SWITCHED_OFF.search(words):
            continue
        if named.re is PVR_WORDS and _OTHER_ROUTE.search(words) and not _GITHUB.search(words):
            continue  # the words describe another route: "privately report a vulnerability to us by
            # sending a report to this private mailing list" (OpenRefine/OpenRefine)
        offered = block.kind == "item" or only_links(block.text)
        directs = _DIRECTS.search(URLS.sub(" ", sentence)) or (
            _REFERS_BACK.search(sentence) and _DIRECTS.search(URLS.sub(" ", before))
        )
        if directs or (offered and _about_reporting(block)):
            return named.group(0)
    return None


def _about_reporting(block: Block) -> bool:
    """A list item or bare link offered for reporting by the item or heading it sits under; a reading
    list ("Security Resources" / "- GitHub Security Advisories: https://docs.github.com/...",
    wikimedia/pywikibot) is not."""
    return bool(REPORTING_CONTEXT.search(block.heading) or REPORTING_CONTEXT.search(block.lead))
