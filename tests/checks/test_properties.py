"""Property tests: arbitrary bytes never crash the checks; badge insertion only adds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

import checks
from checks._badge_insert import insert_badge
from checks.config import parse_config
from checks.model import CheckContext, Status
from tests.checks.snapshots import make_snapshot

MD = "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)"
TEXTY = st.text(alphabet=st.sampled_from(list("# =-*[]()!<>/:@.\n\r\tabcxyz019`\"'|")), max_size=300)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), TEXTY.map(str.encode)))
def test_checks_never_raise_and_always_explain(data: bytes) -> None:
    snap = make_snapshot({"SECURITY.md": data, "README.md": data})
    for result in checks.run_all(snap, CheckContext(), ["security-policy", "security-badge"]).values():
        assert result.status is not Status.ERROR, result.summary
        assert result.summary


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=200), TEXTY.map(str.encode)))
def test_config_never_raises(data: bytes) -> None:
    config, errors = parse_config(data, data)
    assert config is not None and all(isinstance(e, str) for e in errors)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(TEXTY, TEXTY.map(lambda t: "# T\n\n[![a](b)](c)\n" + t)),
    st.sampled_from(["README.md", "README.rst", "readme.adoc"]),
)
@example("0\n=\r", "README.md")
def test_badge_insertion_only_adds(text: str, path: str) -> None:
    result = insert_badge(text, path, "SECURITY.md")
    assert result is not None
    assert "Security-Policy-yellow" in result
    # a lone carriage return that ended the text may become half of the line break written after it
    original = [line.rstrip("\r") for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    ours = {
        MD,
        ".. image:: https://img.shields.io/badge/Security-Policy-yellow",
        ":alt: Security Policy",
        ":target: SECURITY.md",
        "image:https://img.shields.io/badge/Security-Policy-yellow[Security Policy,link=SECURITY.md]",
    }
    kept = []
    for line in result.replace("\r\n", "\n").split("\n"):
        line = line.replace(" " + MD, "")  # appended to an existing badges line
        if line.strip() and line.strip() not in ours:
            kept.append(line.rstrip("\r"))
    assert kept == original
