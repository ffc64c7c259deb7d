"""Minimal edits of an existing security policy that a reporter cannot use as it stands. Pure.

Three problems are edited, each in place and nothing else of the file:

- a defunct channel (the closed Node.js ecosystem HackerOne program, security-ecosystem@nodejs.org, the
  deleted Security WG process): the paragraph or list item that sends reporters there is replaced by
  one sentence naming the repository's private vulnerability reporting link and/or the configured
  `security_policy.contact_email` (a second such paragraph is removed). A dead address alone in its
  sentence, with a contact email configured, is swapped for that address. Table rows, headings and
  link definitions keep their shape: only the dead link in them is replaced.
- a template placeholder: filled from the configuration when its meaning is clear (a contact, a link,
  an email address, the project's name); an instruction left in ("or replace this with your ...") is
  removed. Anything else (a PGP key, a version) cannot be filled honestly, and then no fix is offered.
- GitHub's unedited "Start setup" template: the sections that still hold its example text ("Use this
  section to tell people ...", the 5.1.x/5.0.x/4.0.x rows) get the matching section of the app's own
  policy (`templates/SECURITY.md.j2`), rendered with the repository's facts; other sections stay.

The edited text must pass the security-policy check (no blocking finding left); otherwise, or when no
private channel is known, a `FixUnavailable` says why. Example (validatorjs/validator.js SECURITY.md,
line 11): "Report the security issue to the Node.js Security Working Group through the [HackerOne
program](https://hackerone.com/nodejs-ecosystem) ..." becomes "Please report vulnerabilities privately
through GitHub private vulnerability reporting: [Report a vulnerability](https://github.com/validatorjs/
validator.js/security/advisories/new)."
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from checks._policy_doc import _FENCE, _RST_UNDERLINE
from checks._policy_files import FoundFile
from checks._policy_rules import evaluate
from checks._policy_support import GITHUB_TEMPLATE_PROSE
from checks._policy_text import DEAD_CHANNELS, GITHUB_TEMPLATE_ROWS, read_policy
from checks._security_md import TEMPLATE, PolicyFacts, PolicyNotRenderable, render_security_md, safe_name
from checks.config import SecurityPolicyConfig
from checks.model import Finding, Fix, FixUnavailable, Location, RepoFacts

FIXED_CODES = ("dead-channel", "placeholder", "github-template")
_TITLE_PARTS = {
    "dead-channel": "reporting channel",
    "placeholder": "placeholders",
    "github-template": "template text",
}
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_DEAD_EMAIL = re.compile(r"security-ecosystem@nodejs\.org", re.I)
_ITEM = re.compile(r"^(\s{0,8}(?:[-*+]|\d{1,3}[.)])\s+)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)|^={1,6}\s")
# Lines whose shape must survive: only the dead link inside them is swapped.
_KEEP_SHAPE = re.compile(r"^\s*(\||\.\. _|\[[^\]\n]{1,200}\]:\s)")
_MD_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_INSTRUCTION = re.compile(
    r"replace\s+(this\s+|it\s+)?with\s+your|replace\s+(this|the|these)\s+placeholders?", re.I
)
_MAILTO_LINK = re.compile(r"\[[^\]\n]{0,200}\]\(mailto:[^)\n]{0,300}\)", re.I)
_SUPPORT_SECTION = re.compile(r"support|version", re.I)
_REPORT_SECTION = re.compile(r"report|vulnerab|disclos|contact", re.I)
_EXPECT_SECTION = re.compile(r"expect|response|timeline|process|disclos", re.I)


@dataclass(frozen=True, slots=True)
class Channel:
    """Where reporters should go instead: the repository's private reporting form and/or an address."""

    pvr_url: str | None
    email: str | None
    pvr_unknown: bool = False

    @classmethod
    def from_facts(cls, facts: PolicyFacts) -> Channel | None:
        email = (facts.contact_email or "").strip() or None
        if email is not None and not _EMAIL.match(email):
            return None
        pvr_url = None
        if facts.pvr is not False:
            owner, repo = safe_name(facts.owner), safe_name(facts.repo)
            pvr_url = f"https://github.com/{owner}/{repo}/security/advisories/new"
        if pvr_url is None and email is None:
            return None
        return cls(pvr_url, email, facts.pvr is None)

    def inline(self, ext: str) -> str:
        """The channel as a link (and/or address) in the file's own markup."""
        parts = []
        if self.pvr_url:
            parts.append(_link(self.pvr_url, "Report a vulnerability", ext))
        if self.email:
            parts.append(_mail(self.email, ext))
        return " or ".join(parts)

    def sentence(self, ext: str) -> str:
        if self.pvr_url and self.email:
            pvr = _link(self.pvr_url, "Report a vulnerability", ext)
            return (
                "Please report vulnerabilities privately through GitHub private vulnerability reporting "
                f"({pvr}) or by email to {_mail(self.email, ext)}."
            )
        if self.pvr_url:
            pvr = _link(self.pvr_url, "Report a vulnerability", ext)
            lead = "Please report vulnerabilities privately through GitHub private vulnerability reporting"
            return f"{lead}: {pvr}."
        return f"Please report vulnerabilities privately by email to {_mail(str(self.email), ext)}."

    def describe(self) -> str:
        where = []
        if self.pvr_url:
            where.append("GitHub private vulnerability reporting")
        if self.email:
            where.append(self.email)
        return " or ".join(where)

    def bare_target(self) -> str:
        return self.pvr_url or f"mailto:{self.email}"


def _ext(path: str) -> str:
    return posixpath.splitext(path.lower())[1]


def _link(url: str, label: str, ext: str) -> str:
    if ext == ".rst":
        return f"`{label} <{url}>`_"
    if ext == ".adoc":
        return f"{url}[{label}]"
    return f"[{label}]({url})"


def _mail(email: str, ext: str) -> str:
    if ext == ".rst":
        return email  # reStructuredText links a bare address itself
    if ext == ".adoc":
        return f"mailto:{email}[{email}]"
    return f"[{email}](mailto:{email})"


class _NotFixable(Exception):
    """This file cannot be edited honestly; the message says why."""


@dataclass(slots=True)
class _Edit:
    start: int  # 0-based first line replaced
    end: int  # 0-based line after the last one replaced
    new: list[str]


@dataclass(slots=True)
class _Draft:
    """The file's lines with token edits applied in place, block edits kept aside until the end."""

    lines: list[str]
    ext: str
    channel: Channel
    blocks: list[_Edit] = field(default_factory=list)
    changes: list[tuple[int, str]] = field(default_factory=list)
    problems: set[str] = field(default_factory=set)
    channel_placed: bool = False  # a sentence naming the channel is in the file now

    def taken(self, index: int) -> bool:
        return any(e.start <= index < e.end for e in self.blocks)

    def result(self) -> list[str]:
        out = list(self.lines)
        for edit in sorted(self.blocks, key=lambda e: e.start, reverse=True):
            out[edit.start : edit.end] = edit.new
        return out


def policy_edit_fix(
    findings: Sequence[Finding],
    found: FoundFile,
    text: str,
    repo: RepoFacts,
    config: SecurityPolicyConfig,
    templates: Mapping[str, str],
) -> Fix | FixUnavailable | None:
    """The edited policy for the dead-channel, placeholder and template findings, or why not (None
    when no finding is of those kinds)."""
    fixable = [f for f in findings if f.code in FIXED_CODES and f.data.get("blocking")]
    if not fixable:
        return None
    if found.org_level:
        return FixUnavailable(
            found.path,
            "the policy is the organisation default (the owner's .github repository); fix it there",
        )
    facts = PolicyFacts.from_repo(repo, config)
    channel = Channel.from_facts(facts)
    if channel is None:
        return FixUnavailable(
            found.path,
            "no private channel to put in the policy: private vulnerability reporting is disabled and no "
            "valid security_policy.contact_email is configured",
        )
    try:
        content, changes, problems = edit_policy(text, found.path, fixable, channel, facts, templates)
    except _NotFixable as exc:
        return FixUnavailable(found.path, str(exc))
    left = [
        f
        for f in evaluate("security-policy", content, Location(found.path), facts.pvr)[0]
        if f.data.get("blocking")
    ]
    if left:
        still = ", ".join(sorted({f.code for f in left}))
        return FixUnavailable(found.path, f"the edited policy would still fail the check ({still})")
    bom = "\ufeff" if found.content is not None and found.content.startswith(b"\xef\xbb\xbf") else ""
    codes = [c for c in FIXED_CODES if any(f.code == c for f in fixable)]
    return Fix(
        found.path,
        bom + content,
        False,
        "Fix the security policy's " + _join([_TITLE_PARTS[c] for c in codes]),
        _description(channel),
        problems=tuple(sorted(problems)),
        changes=tuple(f"line {line}: {what}" for line, what in sorted(changes)),
    )


def with_policy_fix(
    findings: Sequence[Finding],
    found: FoundFile,
    text: str,
    repo: RepoFacts,
    config: SecurityPolicyConfig,
    templates: Mapping[str, str],
) -> list[Finding]:
    """`findings` with the policy's edit attached to the first finding it resolves, and `line` in the
    data of every finding it resolves (the pull request and the dashboard link to it)."""
    fix = policy_edit_fix(findings, found, text, repo, config, templates)
    out: list[Finding] = []
    for finding in findings:
        if finding.code in FIXED_CODES and finding.location is not None:
            finding = dataclasses.replace(finding, data={**finding.data, "line": finding.location.line})
        if fix is not None and finding.code in FIXED_CODES and finding.data.get("blocking"):
            finding, fix = dataclasses.replace(finding, fix=fix), None
        out.append(finding)
    return out


def edit_policy(
    text: str,
    path: str,
    findings: Sequence[Finding],
    channel: Channel,
    facts: PolicyFacts,
    templates: Mapping[str, str],
) -> tuple[str, list[tuple[int, str]], set[str]]:
    """(new text, [(line, what changed)], problem keys) for the findings' problems. Raises `_NotFixable`."""
    newline = "\r\n" if "\r\n" in text else "\n"
    normal = text.replace("\r\n", "\n")
    draft = _Draft(normal.split("\n"), _ext(path), channel)
    codes = {f.code for f in findings}
    reading = read_policy(normal, path)
    if "github-template" in codes:
        _replace_template_sections(draft, [h.line for h in reading.github_template], facts, templates)
    if "dead-channel" in codes:
        for hit, why in sorted(reading.dead, key=lambda d: d[0].line):
            _replace_dead_channel(draft, hit.line, hit.text, why)
    if "placeholder" in codes:
        for hit in reading.placeholders:
            _fill_placeholder(draft, hit.line, hit.text, facts)
    return newline.join(draft.result()), draft.changes, draft.problems


def _span(lines: list[str], i: int) -> tuple[int, int]:
    """The paragraph or list item holding line `i` (0-based): [start, end)."""

    def boundary(line: str) -> bool:
        stripped = line.strip()
        return not stripped or bool(_HEADING.match(line) or _RST_UNDERLINE.match(line) or _FENCE.match(line))

    start = i
    while start > 0 and not _ITEM.match(lines[start]) and not boundary(lines[start - 1]):
        start -= 1
    end = i + 1
    while end < len(lines) and not boundary(lines[end]) and not _ITEM.match(lines[end]):
        if end + 1 < len(lines) and _RST_UNDERLINE.match(lines[end + 1]):
            break  # a reStructuredText title begins here
        end += 1
    return start, end


def _replace_dead_channel(draft: _Draft, line: int, hit: str, why: str) -> None:
    lines, i = draft.lines, line - 1
    if not hit or i >= len(lines):
        raise _NotFixable(f"line {line}: the defunct channel could not be located")
    draft.problems.add(f"dead-channel:{hit.lower()}")
    if draft.taken(i):
        if all(n != line for n, _ in draft.changes):
            draft.changes.append((line, f"names {why} ({_code(hit)}); removed with its paragraph"))
        return
    target = draft.channel
    if _KEEP_SHAPE.match(lines[i]) or _HEADING.match(lines[i]):
        if _DEAD_EMAIL.fullmatch(hit):
            swap = target.email or str(target.pvr_url)
            lines[i] = re.sub(
                r"(mailto:)?" + re.escape(hit),
                lambda m: (m[1] or "") + swap if target.email else swap,
                lines[i],
                flags=re.I,
            )
        else:
            whole_url = r"(https?://)?(www\.)?" + re.escape(hit) + r"[^\s|)\]>\"'`]*"
            lines[i] = re.sub(whole_url, lambda _: target.bare_target(), lines[i], flags=re.I)
        draft.changes.append((line, f"names {why} ({_code(hit)}); the link now goes to {target.describe()}"))
        return
    start, end = _span(lines, i)
    block = "\n".join(lines[start:end])
    if _DEAD_EMAIL.fullmatch(hit) and target.email and _only_dead_emails(block):
        for k in range(start, end):
            lines[k] = _DEAD_EMAIL.sub(target.email, lines[k])
        draft.changes.append((line, f"names {why}; the address is now {target.email}"))
        return
    if draft.channel_placed:
        before_blank = start == 0 or not lines[start - 1].strip()
        if end < len(lines) and not lines[end].strip() and before_blank:
            end += 1  # no double blank line where the paragraph was
        draft.blocks.append(_Edit(start, end, []))
        draft.changes.append(
            (line, f"names {why} ({_code(hit)}); removed, the channel named in the policy replaces it")
        )
        return
    item = _ITEM.match(lines[start])
    prefix = item[1] if item else lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    draft.blocks.append(_Edit(start, end, [prefix + target.sentence(draft.ext)]))
    draft.channel_placed = True
    what = "paragraph" if not item else "list item"
    lines_of = f" (lines {start + 1}-{end})" if end - start > 1 else ""
    draft.changes.append(
        (line, f"names {why} ({_code(hit)}); the {what}{lines_of} now sends reporters to {target.describe()}")
    )


def _only_dead_emails(block: str) -> bool:
    """No other defunct channel in the block (then the block goes as a whole)."""
    return not any(p.search(_DEAD_EMAIL.sub(" ", block)) for p, _ in DEAD_CHANNELS)


def _replace_ci(line: str, old: str, new: str) -> str:
    return re.sub(re.escape(old), lambda _: new, line, flags=re.I)


def _fill_placeholder(draft: _Draft, line: int, hit: str, facts: PolicyFacts) -> None:
    lines, i = draft.lines, line - 1
    if not hit or i >= len(lines):
        raise _NotFixable(f"line {line}: the placeholder could not be located")
    key = f"placeholder:{hit.lower()}"
    seen = key in draft.problems
    draft.problems.add(key)
    if draft.taken(i):
        return  # the paragraph is replaced as a whole
    if hit.lower() not in lines[i].lower():
        if seen:
            return  # filled with an earlier occurrence on the same line
        raise _NotFixable(f"line {line}: the placeholder {hit!r} could not be located")
    channel, ext, word = draft.channel, draft.ext, hit.lower()
    if _INSTRUCTION.search(hit):
        lines[i] = re.sub(r"\s?" + re.escape(hit), "", lines[i], flags=re.I)
        draft.changes.append((line, f"template instruction {_code(hit)}; removed"))
        return
    if "@" in word or "mail" in word:
        if channel.email is None:
            raise _NotFixable(
                f"line {line}: the placeholder {hit!r} asks for an email address; "
                "set security_policy.contact_email"
            )
        lines[i] = _replace_ci(lines[i], hit, channel.email)
        draft.changes.append((line, f"unfilled placeholder {_code(hit)}; filled with {channel.email}"))
        return
    if re.search(r"contact|link|url|method|channel|direction|vmtalias|report|address", word):
        replacement = channel.inline(ext)
        # a mailto link around a contact placeholder would break: replace the whole link
        lines[i] = _MAILTO_LINK.sub(lambda m: replacement if hit.lower() in m[0].lower() else m[0], lines[i])
        lines[i] = _replace_ci(lines[i], hit, replacement)
        draft.changes.append((line, f"unfilled placeholder {_code(hit)}; filled with {channel.describe()}"))
        return
    if re.search(r"name|project|repo|module|package", word) and "version" not in word:
        name = safe_name(facts.repo)
        lines[i] = _replace_ci(lines[i], hit, name)
        draft.changes.append(
            (line, f"unfilled placeholder {_code(hit)}; filled with the project's name ({name})")
        )
        return
    raise _NotFixable(f"line {line}: the placeholder {hit!r} cannot be filled from the configuration")


def _sections(lines: list[str]) -> list[tuple[int, int, int, str]]:
    """Markdown sections as (heading line, next heading line or the end, level, title), 0-based; fenced code
    is skipped."""
    heads: list[tuple[int, int, str]] = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := _MD_ATX.match(line)):
            heads.append((i, len(m[1]), m[2]))
    ends = [j for j, _, _ in heads[1:]] + [len(lines)]
    return [(i, end, level, title) for (i, level, title), end in zip(heads, ends, strict=True)]


def _body(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _rendered_sections(facts: PolicyFacts, templates: Mapping[str, str]) -> dict[str, list[str]]:
    template = templates.get(TEMPLATE)
    if template is None:
        raise _NotFixable(f"the template {TEMPLATE} was not provided")
    try:
        rendered = render_security_md(facts, template).split("\n")
    except PolicyNotRenderable as exc:
        raise _NotFixable(str(exc)) from exc
    return {title.lower(): _body(rendered[i + 1 : end]) for i, end, _, title in _sections(rendered)}


def _template_spans(lines: list[str], start: int, end: int) -> set[int]:
    """Indexes of GitHub's example prose and example table inside lines[start:end]."""
    out: set[int] = set()
    for i in range(start, end):
        if i in out:
            continue
        if GITHUB_TEMPLATE_PROSE.search(lines[i]):
            first, last = _span(lines, i)
            out.update(range(first, last))
        elif lines[i].lstrip().startswith("|") and any(row in lines[i] for row in GITHUB_TEMPLATE_ROWS):
            first = i
            while first > start and lines[first - 1].lstrip().startswith("|"):
                first -= 1
            last = i + 1
            while last < end and lines[last].lstrip().startswith("|"):
                last += 1
            table = "\n".join(lines[first:last])
            if all(row in table for row in GITHUB_TEMPLATE_ROWS):  # the example, not a real table
                out.update(range(first, last))
    return out


def _without(lines: list[str], indexes: range, removed: set[int]) -> list[str]:
    """lines[indexes] less the `removed` ones, with one blank line, not two, where they were."""
    out: list[str] = []
    gap = False
    for i in indexes:
        if i in removed:
            gap = True
        elif lines[i].strip() or not (gap and out and not out[-1].strip()):
            out.append(lines[i])
            gap = gap and not lines[i].strip()
    return out


def _replace_template_sections(
    draft: _Draft, hit_lines: list[int], facts: PolicyFacts, templates: Mapping[str, str]
) -> None:
    """A section holding only GitHub's example text gets the app's matching section instead (a "What
    to Expect" section follows the reporting one unless the policy has one); in a section that also
    holds the maintainer's own text, only the example text is removed."""
    if draft.ext not in (".md", ".markdown"):
        raise _NotFixable("GitHub's template text is only replaced in Markdown policies")
    lines = draft.lines
    own = _sections(lines)
    rendered = _rendered_sections(facts, templates)
    for line in hit_lines:
        if not any(s[0] < line - 1 < s[1] for s in own):
            raise _NotFixable(f"line {line}: GitHub's template text is not under a heading")
    draft.problems.add("github-template")
    has_expect = any(_EXPECT_SECTION.search(t) and not _REPORT_SECTION.search(t) for *_, t in own)
    for start, end, level, title in own:
        spans = _template_spans(lines, start + 1, end)
        if not spans:
            continue
        template_lines = [n + 1 for n in sorted(spans) if lines[n].strip()]
        hits = sorted({n for n in hit_lines if start < n - 1 < end}) or template_lines[:1]
        where = ("line " if len(hits) == 1 else "lines ") + ", ".join(str(n) for n in hits)
        kept = _body(_without(lines, range(start + 1, end), spans))
        if kept:  # the maintainer wrote something here: only the template's own text goes
            draft.blocks.append(_Edit(start + 1, end, ["", *kept, *([""] if end < len(lines) else [])]))
            draft.changes.append(
                (hits[0], f"GitHub's unedited template text under {_code(title)} ({where}); removed")
            )
            continue
        if _SUPPORT_SECTION.search(title):
            new = rendered["supported versions"]
            what = "a statement of the supported versions"
        elif _REPORT_SECTION.search(title):
            new = rendered["reporting a vulnerability"]
            what = f"how to report privately ({draft.channel.describe()})"
            draft.channel_placed = True
        else:
            raise _NotFixable(f"{where}: GitHub's template text under {title!r} has no replacement")
        section = ["", *new, ""]
        if _REPORT_SECTION.search(title) and not has_expect:
            section += ["#" * level + " What to Expect", "", *rendered["what to expect"], ""]
            what += (
                f" and what to expect (acknowledgement within {facts.response_days} days, "
                f"a {facts.disclosure_days}-day disclosure timeline)"
            )
        if end == len(lines):
            section = section[:-1] + ([""] if lines[-1] == "" else [])
        draft.blocks.append(_Edit(start + 1, end, section))
        draft.changes.append(
            (hits[0], f"GitHub's unedited template text under {_code(title)} ({where}); replaced by {what}")
        )


def _description(channel: Channel) -> str:
    pvr_note = (
        " Private vulnerability reporting may not be enabled: please check Settings > Code security."
        if channel.pvr_unknown and channel.pvr_url
        else ""
    )
    return (
        f"the policy cannot be used as it stands, so a reporter may give up or open a public issue. "
        f"This edit changes only the lines listed below; reports go to {channel.describe()}.{pvr_note} "
        "Please check the new text before merging: it is a promise to reporters. The contact comes from "
        "`security_policy` in `.github/repo-hygiene.yml`."
    )


def _code(text: str) -> str:
    """File text quoted for the pull request body: one line, no backticks, so it renders as code."""
    flat = " ".join(text.replace("`", "'").split())
    return f"`{flat[:120]}`"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
