from __future__ import annotations

from datetime import UTC, datetime

import pytest
from jinja2 import UndefinedError

from app.templating import templates

HOSTILE = "<script>alert(1)</script>"


def test_html_is_escaped_and_markdown_is_not() -> None:
    env = templates()
    assert env is templates()  # one environment for the whole process
    assert env.from_string("{{ v }}").render(v=HOSTILE) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    page = env.get_template("dashboard/error.html")
    assert page.environment.autoescape(page.name) is True  # type: ignore[operator]
    body = env.get_template("pull_request_body.md.j2")
    assert body.environment.autoescape(body.name) is False  # type: ignore[operator]
    assert env.autoescape("dashboard/base.html") and env.autoescape("new.txt")  # type: ignore[operator]


def test_undefined_names_fail_and_the_filters_are_there() -> None:
    env = templates()
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()
    when = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    text = "{{ d | when }} {{ None | when }} {{ u | safe_url }}|{{ b | safe_url }} {{ 1 | pct(4) }}"
    rendered = env.from_string(text).render(d=when, u="https://x.example", b="javascript:x")
    assert rendered == "2026-01-02 03:04 UTC never https://x.example| 25%"
    assert env.from_string("{{ 1 | pct(0) }}").render() == "-"
