"""Make third-party text (advisory summaries, package names, versions, paths, ids) inert in output.

GitHub renders check-run summaries and text as GitHub-flavoured Markdown with some inline HTML.
Every character that could start markup is neutralised: HTML specials become entities, Markdown
punctuation is backslash-escaped, line breaks and control characters become spaces (so a table row
stays one row), and bidirectional-override characters are dropped (they can disguise text).
Annotation titles and messages are shown by GitHub as plain text, so `plain_text` only cleans them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

# Every ASCII punctuation character that GFM gives a meaning to somewhere (incl. `@` mentions,
# `#` references, `:` emoji shortcodes, `~` strikethrough, `|` table cells).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:@$=^])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain_text(value: object, limit: int | None = None) -> str:
    """One line of text without control or direction-override characters, cut to `limit` chars."""
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", str(value))).strip()
    text = re.sub(r" {2,}", " ", text)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)].rstrip() + "…"
    return text


def escape_markdown_text(value: object, limit: int | None = None) -> str:
    """Inline Markdown/HTML-safe text: renders exactly as the characters given, on one line."""
    text = plain_text(value, limit)  # cut before escaping so no entity or escape is split
    # Markdown first: escaping after would break the `#` of the entities html.escape writes.
    return html.escape(_MARKDOWN_SPECIALS.sub(r"\\\1", text), quote=True)


def escape_markdown_cell(value: object, limit: int | None = 300) -> str:
    """Text for one GFM table cell: escaped like `escape_markdown_text` (which escapes `|` too);
    an empty value becomes `-` so the cell is visibly empty."""
    text = escape_markdown_text(value, limit)
    return text if text else "-"


def escape_code_span(value: object, limit: int | None = 100) -> str:
    """A short value (version, sha) shown as text; kept out of code spans on purpose, because a
    backtick in the value could close one."""
    return escape_markdown_cell(value, limit)


def safe_url(url: str) -> str | None:
    """An https URL with every character that could end a Markdown link destination percent-encoded;
    None for anything else (javascript:, data:, relative...)."""
    url = plain_text(url)
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


def markdown_link(label: object, url: str) -> str:
    """`[label](url)` with the label escaped, or just the escaped label when the URL is not safe."""
    text = escape_markdown_cell(label)
    target = safe_url(url)
    return f"[{text}]({target})" if target else text
