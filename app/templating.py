"""The one Jinja environment over `templates/`: the dashboard's pages, the pull-request body,
SECURITY.md and the simulator's browser.

Output is HTML-escaped unless the template is Markdown (`*.md.j2`), whose values the callers sanitise
themselves; a new template is escaped unless it says otherwise by its name. Undefined names fail.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from app.paths import TEMPLATES_DIR
from checks.model import plural

MARKDOWN_SUFFIX = ".md.j2"


def _escaped(template_name: str | None) -> bool:
    return not (template_name or "").endswith(MARKDOWN_SUFFIX)


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def _safe_url(url: object) -> object:
    return url if str(url or "").startswith(("https://", "http://")) else ""


def _pct(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


@cache
def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=_escaped,  # noqa: S701  (escapes every template but Markdown)
        undefined=StrictUndefined,
        keep_trailing_newline=True,  # SECURITY.md ends with a newline, as text files do
    )
    env.filters.update(when=_when, safe_url=_safe_url, pct=_pct, plural=plural)
    return env
