"""Badge insertion under the README's title, in each format, preserving line endings."""

from __future__ import annotations

import pytest

from checks._badge_insert import badge_target, insert_badge
from checks._badges import find_badges

CI = "[![CI](https://ci/badge.svg)](https://ci) [![npm](https://npm/b.svg)](https://npm)"
MD = "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("# Widget\n\nText.\n", f"# Widget\n\n{MD}\n\nText.\n"),
        ("# Widget\nText.\n", f"# Widget\n\n{MD}\n\nText.\n"),
        ("Widget\n======\n\nText.\n", f"Widget\n======\n\n{MD}\n\nText.\n"),
        ("Widget\n---\nText.\n", f"Widget\n---\n\n{MD}\n\nText.\n"),
        ("Just text.\n", f"{MD}\n\nJust text.\n"),
        ("", f"{MD}\n\n"),
        ("```\n# not a title\n```\n## Real\n", f"```\n# not a title\n```\n## Real\n\n{MD}\n"),
        (
            '<h1 align="center">\n  Widget\n</h1>\n<p>Intro</p>\n',
            f'<h1 align="center">\n  Widget\n</h1>\n\n{MD}\n\n<p>Intro</p>\n',
        ),
        (
            f"# Widget\n\n{CI}\n\nText\n",
            f"# Widget\n\n{CI} {MD}\n\nText\n",
        ),
        ("# Widget\r\n\r\nText.\r\n", f"# Widget\r\n\r\n{MD}\r\n\r\nText.\r\n"),
    ],
    ids=[
        "atx",
        "atx-no-blank",
        "setext",
        "setext-h2",
        "no-title",
        "empty",
        "fenced",
        "html",
        "badges-line",
        "crlf",
    ],
)
def test_markdown(before: str, after: str) -> None:
    result = insert_badge(before, "README.md", "SECURITY.md")
    assert result == after
    assert [b.kind for b in find_badges(result)][-1] == "shields-security"


def test_crlf_is_kept_everywhere() -> None:
    result = insert_badge("# T\r\n\r\nA\r\nB\r\n", "readme.markdown", "SECURITY.md")
    assert result is not None and "\n" not in result.replace("\r\n", "")


def test_rst_with_overline_and_plain() -> None:
    badge = (
        ".. image:: https://img.shields.io/badge/Security-Policy-yellow\n   :alt: Security Policy\n"
        "   :target: SECURITY.md"
    )
    assert insert_badge("======\nWidget\n======\n\nText\n", "README.rst", "SECURITY.md") == (
        f"======\nWidget\n======\n\n{badge}\n\nText\n"
    )
    assert (
        insert_badge("Widget\n######\nText\n", "README.rst", "SECURITY.md")
        == f"Widget\n######\n\n{badge}\n\nText\n"
    )
    assert insert_badge("No title here\n", "README.rst", "SECURITY.md") == f"{badge}\n\nNo title here\n"
    rst = insert_badge("Widget\n======\n", "README.rst", "SECURITY.md")
    assert rst is not None and [b.target for b in find_badges(rst)] == ["SECURITY.md"]


def test_asciidoc_after_header() -> None:
    result = insert_badge("= Widget\nJane Doe\n:toc:\n\nText\n", "README.adoc", "SECURITY.md")
    assert result == (
        "= Widget\nJane Doe\n:toc:\n\n"
        "image:https://img.shields.io/badge/Security-Policy-yellow"
        "[Security Policy,link=SECURITY.md]\n\nText\n"
    )


def test_plain_text_readmes_are_left_alone() -> None:
    assert insert_badge("Widget\n", "README", "SECURITY.md") is None
    assert insert_badge("Widget\n", "README.txt", "SECURITY.md") is None


def test_badge_target_is_relative_to_the_readme() -> None:
    url = "https://github.com/acme/w/security/policy"
    assert badge_target("README.md", "SECURITY.md", url) == "SECURITY.md"
    assert badge_target("docs/README.md", "SECURITY.md", url) == "../SECURITY.md"
    assert badge_target("README.md", ".github/SECURITY.md", url) == ".github/SECURITY.md"
    assert badge_target("README.md", None, url) == url


def test_joins_a_reference_style_badges_line() -> None:
    before = "# Widget\n\n[![CI][ci-img]][ci]\n\n[ci-img]: https://ci/b.svg\n[ci]: https://ci\n"
    after = f"# Widget\n\n[![CI][ci-img]][ci] {MD}\n\n[ci-img]: https://ci/b.svg\n[ci]: https://ci\n"
    assert insert_badge(before, "README.md", "SECURITY.md") == after
