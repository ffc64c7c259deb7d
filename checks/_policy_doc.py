"""A small block model of a policy document: headings, paragraphs, list items and table rows, each with
the line it starts on and the heading it sits under. Markdown, reStructuredText and AsciiDoc headings
are recognised, so rules can ask "is this sentence under a 'Disclosure' heading?" instead of stretching a
regular expression across the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_ADOC_HEADING = re.compile(r"^={1,6}\s+(\S.*?)\s*$")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+<>:_.])\1{2,}\s*$")
_LIST_ITEM = re.compile(r"^\s{0,8}(?:[-*+]|\d{1,3}[.)])\s+")
_TABLE_ROW = re.compile(r"^\s*\|")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_\n]{1,80})(?:\*\*|__):?\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "heading" | "paragraph" | "item" | "row"
    text: str  # the block's text, lines joined with single spaces
    line: int  # 1-based line of its first line
    heading: str  # the nearest heading above it ("" before the first heading)


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


def blocks(text: str) -> list[Block]:
    """The document as blocks in reading order. Fenced code is skipped (it is not prose)."""
    lines = text.splitlines()
    out: list[Block] = []
    heading = ""
    current: list[str] = []
    start = 0
    kind = "paragraph"
    in_fence = False

    def flush() -> None:
        nonlocal current
        if current:
            out.append(Block(kind, " ".join(s.strip() for s in current), start + 1, heading))
        current = []

    for i, line in enumerate(lines):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if _RST_UNDERLINE.match(line):
            flush()
            continue
        title = _heading_of(lines, i)
        if title is not None:
            flush()
            heading = title
            out.append(Block("heading", title, i + 1, heading))
            continue
        if not line.strip():
            flush()
            continue
        if _LIST_ITEM.match(line) or _TABLE_ROW.match(line):
            flush()
            kind, start = ("row" if _TABLE_ROW.match(line) else "item"), i
            current = [line]
            if kind == "row":
                flush()
            continue
        if not current:
            kind, start = "paragraph", i
        current.append(line)
    flush()
    return out
