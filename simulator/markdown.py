"""Markdown for the simulator's pages, rendered as GitHub renders it: CommonMark with GFM tables and
strikethrough, raw HTML shown as text (GitHub strips it; escaping is the safe reading of that), and
markdown-it's link check (no `javascript:`, `vbscript:`, `file:` or non-image `data:` URLs)."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def render_markdown(text: str | None) -> Markup:
    """HTML for `text`, safe to insert: with `html=False` markdown-it escapes every piece of input."""
    return Markup(_md.render(text or ""))  # noqa: S704
