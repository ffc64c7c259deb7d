"""A small block model of a policy document: headings, paragraphs, list items and table rows, each with
the line it starts on and the heading it sits under. Markdown, reStructuredText and AsciiDoc headings
are recognised, so rules can ask "is this sentence under a 'Disclosure' heading?" instead of stretching a
regular expression across the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A space after the marks, as GitHub renders it: "#2148 or Taloth#7357 or via email" (a Discord tag wrapped to
# the start of a line, Sonarr/Sonarr) goes on with the paragraph.
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?=\s|$)\s*(.*?)\s*#*\s*$")
_ADOC_HEADING = re.compile(r"^={1,6}\s+(\S.*?)\s*$")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+<>:_.])\1{2,}\s*$")
_LIST_ITEM = re.compile(r"^\s{0,8}(?:[-*+]|\d{1,3}[.)])\s+")
_TABLE_ROW = re.compile(r"^\s*\|")
# A table written without the outer pipes, known by the delimiter row under its header: "Version|Support
# status" / "-----:|:----:" / "`0.x`    |:white_check_mark:" (vapor/vapor-vscode).
_DELIMITER_ROW = re.compile(r"^\s{0,3}:?-{1,100}:?\s{0,10}(\|\s{0,10}:?-{1,100}:?\s{0,10}){1,30}\|?\s*$")


def _pipeless_rows(lines: list[str]) -> set[int]:
    rows: set[int] = set()
    for i in range(1, len(lines)):
        if i - 1 in rows or not _DELIMITER_ROW.match(lines[i]) or "|" not in lines[i - 1]:
            continue
        j = i - 1
        while j < len(lines) and "|" in lines[j] and lines[j].strip():
            rows.add(j)
            j += 1
    return rows


# A line in bold is a heading, unless it is a link: "Please report security issues responsibly via:" /
# "**<https://security.owncloud.com>**" (owncloud/core) goes on with the paragraph; so does a sentence in
# bold: "**Ожидайте ответ в течение 72 часов.**" (expect an answer within 72 hours;
# AcronixOS-Inc/codename-speedster)
_BOLD_LINE = re.compile(
    r"^\s*(?:\*\*|__)(?!\s*<?https?://|\s*\[)([^*_\n]{1,80}(?<![.!?\u3002\uff01\uff1f]))(?:\*\*|__):?\s*$"
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MARKDOWN_FENCE = re.compile(r"^\s{0,3}(```|~~~)\s*(md|markdown)\s*$", re.I)
# AsciiDoc listing/literal delimiters ("----", "...."), whole line, four or more
_ADOC_LISTING = re.compile(r"^(-{4,}|\.{4,})\s*$")
# reStructuredText code directives, whose indented body is code, not prose
_RST_CODE = re.compile(r"^\s*\.\.\s+(code-block|sourcecode|code|highlight|literalinclude)::", re.I)
# A line of code pasted without a fence: a shell command, an import, a JSON member, an assignment, a
# lone bracket. Policies are prose; such lines are never a contact, a placeholder or a promise.
_BARE_CODE = re.compile(
    r"^\s*(\$\s|(curl|wget)\s+[-\"'h]|(npm|yarn|pnpm)\s+(install|i|run|add)\b|pip\s+install\b|sudo\s|"
    r"git\s+(clone|add|commit|push|pull|init|remote|checkout)\b|import\s+[\w.{*]|from\s+[\w.]+\s+import\b|"
    r"\"[\w .-]{1,40}\"\s*:\s|[\w.-]{1,40}\s*=\s*\S|[{}\[\]]+,?\s*$)"
)
_ADOC_COMMENT_DELIMITER = re.compile(r"^/{4,}\s*$")
_ADOC_COMMENT_LINE = re.compile(r"^//(?!/).*$", re.M)
# An RST comment: ".." followed by text that is not a directive ("name::"), a link target ("_name:"),
# a substitution ("|name|") or a footnote ("[1]"), plus its indented continuation lines.
_RST_COMMENT = re.compile(r"^\.\.(?![ \t]+(?:[\w-]+::|_|\||\[))(?:[ \t].*)?$(?:\n(?:[ \t]+.*)?$)*", re.M)


# Inline code (`...`) that is itself a line of source code: a comment, or what `_BARE_CODE` recognises.
_CODE_SPAN = re.compile(r"`([^`\n]{1,300})`")
_CODE_COMMENT = re.compile(r"^\s*(//|/\*|#!|--\s)")


def without_code_samples(text: str) -> str:
    """The text with inline code spans that are lines of source code blanked, line numbers kept.
    Example (OpenZeppelin/openzeppelin-contracts SECURITY.md): "We recommend including it in the NatSpec
    for the contract as `/// @custom:security-contact security@example.com`" shows other projects a line
    to copy; its example address is not this policy's unfilled contact. A span that is only an address
    (`security@example.com`) stays: that is how a policy writes its contact."""

    def blank(m: re.Match[str]) -> str:
        sample = _CODE_COMMENT.match(m[1]) or _BARE_CODE.match(m[1])
        return " " * len(m[0]) if sample else m[0]

    return _CODE_SPAN.sub(blank, text)


# Where one sentence ends and the next begins: after ".", "!", "?" or ";", before a capital, emphasis,
# a bracket, a quote, a letter of a script without capitals or a number with a unit in one ("... to address
# the issue. 48시간 이내에 응답하고 ...", a Korean translation after each English line, MOSW626/mecha_ws);
# or right after a Chinese or Japanese full stop, "!", "?" or ";".
# Not after "e.g." or "i.e.": "we can discuss options there (e.g. On a Security Advisory or per e-mail)"
# (0xBridge/ecc) is one sentence.
SENTENCE_BREAK = re.compile(
    r"(?<=[.!?;])(?<![eE]\.g\.)(?<![iI]\.e\.)\s+"
    r"(?=[A-Z*_(\"'\u0400-\u042f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]|\d+[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3])|"
    r"(?<=[\u3002\uff01\uff1f\uff1b])"
)
# Markdown emphasis around words ("**latest**"), dropped where only the words count.
EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")
# A web address or a Markdown link target, blanked where only a sentence's own words should count.
MARKDOWN_LINK_TARGET = r"\]\([^)\n]{0,2000}\)"
URLS = re.compile(r"https?://\S{1,2000}|" + MARKDOWN_LINK_TARGET, re.I)
# What follows a reference link's text: "[label]", "[]" (collapsed), or nothing that would make it an inline
# link, a definition or another bracket (a shortcut reference, "[Istio Security Vulnerabilities]").
REFERENCE_USE_LABEL = r"\](?:\[([^\[\]\n]{0,100})\]|(?![(:\[]))"
# A web address alone, up to the bracket, quote or space that closes it.
URL = re.compile(r"https?://[^\s<>()\[\]\"'`]{1,2000}", re.I)


def only_links(text: str) -> bool:
    """Is the text nothing but links and punctuation ("https://github.com/zeromicro/go-zero/security/advisories")?"""
    return not re.sub(r"[\W_]", "", URLS.sub(" ", text))


# A Markdown link reference definition, label and target: "[security email]: mailto:security@example.org"
# or "[1]: <https://example.org/report>"; the target is missing from a definition still being written.
REFERENCE_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[([^\]\n]{1,100})\]:[ \t]{0,10}(?:<?([^\s<>]{1,2000})>?)?", re.M
)


def reference_targets(text: str) -> dict[str, str]:
    """Each reference label (lower-cased) mapped to its target."""
    return {m[1].strip().lower(): m[2] for m in REFERENCE_DEFINITION.finditer(text) if m[2]}


# A reStructuredText hyperlink target whose address goes on over indented lines, which RST joins without
# spaces: ".. _Ansible policies for reporting bugs:" / "   https://docs.ansible.com/ansible/devel/community"
# / "   /reporting_bugs_and_features.html#reporting-a-bug" (ansible/pylibssh).
_RST_TARGET_URL = re.compile(
    r"^[ \t]*\.\.[ \t]+_[^:\n]{1,200}:[ \t]*(?:\n[ \t]+)?(https?://\S{1,2000})"
    r"((?:\n[ \t]+\S{1,2000}(?=[ \t]*$))*)",
    re.M,
)


def rst_wrapped_urls(text: str) -> dict[str, str]:
    """The first line of each reStructuredText target address written over several lines, mapped to the
    whole address."""
    return {m[1]: m[1] + "".join(m[2].split()) for m in _RST_TARGET_URL.finditer(text) if m[2]}


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "heading" | "paragraph" | "item" | "row"
    text: str  # the block's text, lines joined with single spaces
    line: int  # 1-based line of its first line
    heading: str  # the nearest heading above it ("" before the first heading)
    # for a nested list item, the text of the item it is nested under; for a row, the header; for a list
    # item or paragraph right under a paragraph ending with a colon, that paragraph
    lead: str = ""


def row_cells(row: str) -> list[str]:
    """The cells of a table row ("| 5.1.x | :x: |" -> ["5.1.x", ":x:"])."""
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def column_cells(row: Block) -> list[tuple[str, str]]:
    """(header, cell) for each cell of a table row, or [] when the row and its header do not line up."""
    heads, cells = row_cells(row.lead), row_cells(row.text)
    return list(zip(heads, cells, strict=True)) if len(heads) == len(cells) else []


def _heading_of(lines: list[str], i: int) -> str | None:
    line = lines[i]
    if m := _MD_HEADING.match(line):
        return m[1]
    if (m := _ADOC_HEADING.match(line)) and not line.startswith("===="):
        return m[1]
    if m := _BOLD_LINE.match(line):
        return m[1]
    underlined = i + 1 < len(lines) and bool(_RST_UNDERLINE.match(lines[i + 1]))
    if underlined and line.strip() and not _RST_UNDERLINE.match(line):
        return line.strip()
    return None


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def without_html_comments(text: str) -> str:
    """`<!-- ... -->` blanked in one forward scan; an unclosed comment hides the rest, as it does when
    rendered."""
    out: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) >= 0:
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        out.append(text[at:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        at = end
    out.append(text[at:])
    return "".join(out)


def visible_text(text: str) -> str:
    """The text with comments a reader never sees blanked out, line numbers kept: HTML comments
    (`<!-- | 5.1.x | ... -->`), AsciiDoc `//` lines and `////` blocks, reStructuredText `..` comments.
    Example (JonasPammer/ansible-role-goaccess SECURITY.adoc): GitHub's template prose kept as
    `// Use this section to tell people ...` above the maintainer's own text is not shown, so it is not
    an unedited template."""
    text = without_html_comments(text)
    lines = text.split("\n")
    inside = False
    for i, line in enumerate(lines):  # AsciiDoc `////` comment blocks, line by line (no backtracking)
        delimiter = bool(_ADOC_COMMENT_DELIMITER.match(line))
        if inside or delimiter:
            lines[i] = " " * len(line)
        if delimiter:
            inside = not inside
    text = _ADOC_COMMENT_LINE.sub(_blank, "\n".join(lines))
    return _RST_COMMENT.sub(_blank, text)


def _listing_delimiter(lines: list[str], i: int) -> bool:
    """An AsciiDoc `----`/`....` block delimiter, not a reStructuredText title underline or overline
    (which sit directly under a title, or repeat two lines below it)."""
    if not _ADOC_LISTING.match(lines[i]):
        return False
    before = lines[i - 1].strip() if i else ""
    if before and not before.startswith(("[", ".")):
        return False  # directly under text: an RST underline
    overline = i + 2 < len(lines) and lines[i + 2].strip() == lines[i].strip() and lines[i + 1].strip()
    return not overline


def code_lines(text: str, markdown: bool = False) -> set[int]:
    """0-based indices of lines that are code, not prose: Markdown fences, AsciiDoc `----` listings, the
    indented body of a reStructuredText code directive or `::` literal block, and lines of code pasted
    without a fence (`git remote add origin https://...`, `"url": "https://..."`).
    Example (pallets/flask docs/security.rst): `<input value="{{ value }}">` under `.. sourcecode::`
    is sample code, not a template placeholder. In Markdown a line of dashes is a thematic break, not an
    AsciiDoc listing: the 80 dashes under protocolbuffers/protobuf's introduction hide nothing."""
    lines = text.splitlines()
    code: set[int] = set()
    fence: str | None = None
    fence_start = 0
    literal_indent: int | None = None  # RST: inside an indented block after `::`
    pending_literal = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence is not None:
            code.add(i)
            if stripped.startswith(fence):
                fence = None
            continue
        if _FENCE.match(line) or (not markdown and _listing_delimiter(lines, i)):
            fence = stripped[:3] if _FENCE.match(line) else stripped
            fence_start = i
            code.add(i)
            continue
        indent = len(line) - len(line.lstrip())
        if literal_indent is not None:
            if not stripped or indent > literal_indent:
                code.add(i)
                continue
            literal_indent = None
        if pending_literal and stripped:
            pending_literal = False
            if indent > 0:
                literal_indent = 0
                code.add(i)
                continue
        if _RST_CODE.match(line) or (stripped.endswith("::") and not stripped.startswith("..")):
            pending_literal = True
        elif _BARE_CODE.match(line) and not _RST_UNDERLINE.match(line):
            code.add(i)
    if fence is not None and _MARKDOWN_FENCE.match(lines[fence_start]):
        # a Markdown fence left open to the end holds the document itself: "## SECURITY.md" / "```md" / the
        # policy (datout/O365)
        code -= set(range(fence_start, len(lines)))
    return code


_PLAIN_FENCE = re.compile(r"^\s{0,3}(```|~~~)\s*$")
_CODE_SIGNS = re.compile(r"[{}();=<>$\\|]|^\s*[#/-]")


def quoted_prose(text: str) -> list[str]:
    """The text of fences with no language that quote sentences under a lead ending in a colon: "In short:"
    over a fence holding "For all security related bugs, email security@ansible.com / instead of using this
    issue tracker" (ansible-collections/vmware.vmware_rest). Code, or a fence under no lead, is not quoted."""
    lines = text.splitlines()
    out: list[str] = []
    lead = ""  # the last line with text before the fence
    i = 0
    while i < len(lines):
        if not _PLAIN_FENCE.match(lines[i]):
            lead = lines[i] if lines[i].strip() else lead
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if _FENCE.match(lines[j])), len(lines))
        body = [line for line in lines[i + 1 : end] if line.strip()]
        if (
            body
            and lead.rstrip().endswith(":")
            and all(len(line.split()) >= 3 and not _CODE_SIGNS.search(line) for line in body)
        ):
            out.append(" ".join(line.strip() for line in body))
        lead = lines[end] if end < len(lines) else lead
        i = end + 1
    return out


def indented_code_lines(text: str) -> set[int]:
    """0-based indices of the lines of Markdown indented code blocks: four spaces in, after a blank line,
    outside a list. "Reporter Information" / "" / "    Name: [Your Name]" (mickael-kerjean/filestash) shows a
    form's field as code; under "- Repository Information" the same indent continues the list item."""
    lines = text.splitlines()
    code: set[int] = set()
    in_list = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        indented = line.startswith(("    ", "\t"))
        if not indented:
            in_list = bool(_LIST_ITEM.match(line))  # not indented: three spaces at most
            continue
        if not in_list and i > 0 and (not lines[i - 1].strip() or i - 1 in code):
            code.add(i)
    return code


def blocks(text: str, markdown: bool = False, code: set[int] | None = None) -> list[Block]:
    """The document as blocks in reading order. Comments and code (fenced, AsciiDoc listings,
    reStructuredText literal blocks) are skipped: they are not prose a reporter reads. A nested list item
    carries the text of the item it is nested under (`lead`): in "- **Fix Timeline:** Depends on
    severity" / "  - Critical: 1-3 days" (1ay1/neowall) the three days are a fix time. A top-level item
    carries the paragraph that introduces its list with a colon ("If you have anything to report to us
    please use any of the following channels:" / "- use our [security form](...)", zalando/logbook). A table
    row carries the table's header row: "| Severity | Description | Target Fix Time |" over "| Critical |
    Remote code execution | 24-72 hours |" (hyperpolymath/Axiom.jl)."""
    if code is None:  # a caller that has `code_lines(text, markdown)` already passes it
        code = code_lines(text, markdown)
    lines = visible_text(text).splitlines()
    out: list[Block] = []
    heading = ""
    current: list[str] = []
    start = 0
    kind = "paragraph"
    lead = ""
    intro = ""  # the paragraph ending with a colon that the list below it continues
    header = ""  # the first row of the table being read
    open_items: list[tuple[int, int]] = []  # (indent, index in `out`) of the list items still open
    pipeless = _pipeless_rows(lines)

    def flush() -> None:
        nonlocal current, intro
        if current:
            block = Block(kind, " ".join(s.strip() for s in current), start + 1, heading, lead)
            out.append(block)
            if kind == "paragraph":
                intro = block.text if block.text.rstrip().endswith(":") else ""
        current = []

    for i, line in enumerate(lines):
        if i in code:
            flush()
            continue
        if _RST_UNDERLINE.match(line):
            flush()
            continue
        title = _heading_of(lines, i)
        if title is not None:
            flush()
            heading = title
            intro = ""
            open_items.clear()
            out.append(Block("heading", title, i + 1, heading))
            continue
        if not line.strip():
            flush()
            continue
        indent = len(line) - len(line.lstrip())
        row = bool(_TABLE_ROW.match(line)) or i in pipeless
        if row or _LIST_ITEM.match(line):
            flush()
            kind, start = ("row" if row else "item"), i
            lead = ""
            if kind == "item":
                while open_items and open_items[-1][0] >= indent:
                    open_items.pop()
                lead = out[open_items[-1][1]].text if open_items else intro
                open_items.append((indent, len(out)))
            elif out and out[-1].kind == "row" and out[-1].line == i:
                lead = header  # a table's rows read under its header row
            else:
                header = line.strip()
            current = [line]
            if kind == "row":
                flush()
            continue
        if not current:
            # a paragraph right under one ending with a colon continues it, as a list would: "please ask to
            # join our program by filling this form:" over the form's address alone (zalando/skipper)
            follows = bool(intro) and bool(out) and out[-1].kind == "paragraph" and out[-1].text == intro
            kind, start, lead = "paragraph", i, intro if follows else ""
            if indent == 0:
                open_items.clear()
        current.append(line)
    flush()
    return out
