from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.checkruns.escape import (
    escape_markdown_cell,
    escape_markdown_text,
    markdown_link,
    plain_text,
    safe_url,
)

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "`code` ``double`` ```fence```",
    "a | b || c \\| d",
    "line1\nline2\r\n| --- |\n",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1)) ![img](https://evil.example/x.png)",
    "**bold** _em_ ~~strike~~ # heading > quote",
    "@octocat #123 :smile: &amp; &#x3c;",
    "\u202eevil\u202c \u200bzero-width",
]


def split_cells(row: str) -> list[str]:
    """Split a GFM table row on unescaped pipes, as GitHub does (a backslash escapes the next char)."""
    cells, current, escaped = [], "", False
    for char in row:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            current += char
            escaped = True
        elif char == "|":
            cells.append(current)
            current = ""
        else:
            current += char
    cells.append(current)
    return cells[1:-1]  # drop the outside of the leading and trailing pipes


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", html.unescape(text))


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_is_inert(value: str) -> None:
    out = escape_markdown_text(value)
    assert "<" not in out and ">" not in out
    assert "\n" not in out and "\r" not in out
    assert re.search(r"(?<!\\)`", out) is None  # every backtick escaped
    assert re.search(r"(?<!\\)\|", out) is None
    assert re.search(r"(?<!\\)\[", out) is None
    assert "\u202e" not in out and "\u200b" not in out
    assert unescape(out) == plain_text(value)


def test_img_onerror_renders_as_text() -> None:
    expected = "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;"
    assert escape_markdown_text("<img src=x onerror=alert(1)>") == expected


def test_entities_in_input_stay_literal() -> None:
    out = escape_markdown_text("&lt;b&gt;")
    assert html.unescape(out) == "&lt;b&gt;"


def test_limit_cuts_before_escaping() -> None:
    out = escape_markdown_text("<" * 50, limit=10)
    assert out == "&lt;" * 9 + "…"


def test_empty_cell_is_a_dash() -> None:
    assert escape_markdown_cell("") == "-"
    assert escape_markdown_cell("\n\t") == "-"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=6))
def test_table_row_keeps_its_column_count(values: list[str]) -> None:
    row = "| " + " | ".join(escape_markdown_cell(v) for v in values) + " |"
    assert "\n" not in row and "\r" not in row
    cells = split_cells(row)
    assert len(cells) == len(values)
    assert [unescape(c.strip()) for c in cells] == [plain_text(v, 300) or "-" for v in values]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escaped_text_round_trips_and_has_no_markup(value: str) -> None:
    out = escape_markdown_text(value)
    assert not set(out) & {"<", ">", "\n", "\r", '"'}
    assert unescape(out) == plain_text(value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/advisories/GHSA-1", "https://github.com/advisories/GHSA-1"),
        ("https://x.example/a b)(<>", "https://x.example/a%20b%29%28%3C%3E"),
        ("javascript:alert(1)", None),
        ("http://insecure.example/", None),
        ("/relative", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_markdown_link_escapes_label_and_drops_unsafe_target() -> None:
    assert markdown_link("GHSA-[x]", "https://a.example/x") == "[GHSA\\-\\[x\\]](https://a.example/x)"
    assert markdown_link("X", "javascript:alert(1)") == "X"
