"""Attacks through `.github/repo-hygiene.yml`, which anyone who can push to a repository controls:
no file, however hostile, makes config parsing raise. Every problem becomes a reported config error
and the defaults stay in force, so a scan or a check run always completes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import checks.config
from checks._config_schema import SECTIONS, TOP_LEVEL, validate_document
from checks.config import DEFAULT_CONFIG, RepoConfig, parse_config

FUZZ = settings(max_examples=400, deadline=None)


def parsed(text: str, org: str | None = None) -> tuple[RepoConfig, list[str]]:
    config, errors = parse_config(text, org)
    assert isinstance(config, RepoConfig)
    assert all(isinstance(e, str) for e in errors)
    return config, errors


def test_an_impossible_date_is_a_config_error_not_a_crash() -> None:
    text = "dependencies:\n  ignore:\n    - id: GHSA-aaaa-bbbb-cccc\n      until: 2025-02-30\n"
    config, errors = parsed(text)
    assert config.dependencies.ignore == ()
    assert len(errors) == 1 and "until" in errors[0] and "2025-02-30" in errors[0]


def test_real_dates_and_timestamps_still_work() -> None:
    text = (
        "dependencies:\n  ignore:\n"
        "    - {id: GHSA-1, until: 2025-02-28}\n"
        "    - {id: GHSA-2, until: '2025-03-01'}\n"
        "    - {id: GHSA-3, until: 2025-03-02T10:00:00Z}\n"
    )
    config, errors = parsed(text)
    assert errors == []
    assert [r.until for r in config.dependencies.ignore] == [
        date(2025, 2, 28),
        date(2025, 3, 1),
        date(2025, 3, 2),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "security_policy:\n  response_days: " + "9" * 5000 + "\n",
        "security_policy:\n  disclosure_days: -" + "1" * 5000 + "\n",
        "exclude: " + "9" * 5000 + "\n",
        "checks: " + "7" * 5000 + "\n",
        "dependencies:\n  ignore:\n    - {id: GHSA-1, until: " + "2" * 5000 + "}\n",
    ],
)
def test_a_5000_digit_integer_is_a_config_error_not_a_crash(text: str) -> None:
    config, errors = parsed(text)
    assert config == DEFAULT_CONFIG
    assert len(errors) == 1 and len(errors[0]) < 400


def test_an_int_too_long_to_print_is_reported_without_printing_it() -> None:
    clean, errors = validate_document({"security_policy": {"response_days": 10**5000}})
    assert clean == {"security_policy": {}}
    assert errors and "too long to show" in errors[0]


def test_any_other_failure_while_reading_a_file_reports_it_and_keeps_the_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode(raw: dict[Any, Any]) -> tuple[dict[str, Any], list[str]]:
        if "security_policy" in raw:
            raise RuntimeError("unforeseen")
        return {"exclude": ["tmp-*"]}, []

    monkeypatch.setattr(checks.config, "validate_document", explode)
    config, errors = parse_config("security_policy: {response_days: 5}\n", org_defaults="exclude: [tmp-*]\n")
    assert config.exclude == ("tmp-*",)  # the org file still applies
    assert config.security_policy == DEFAULT_CONFIG.security_policy
    assert errors == [".github/repo-hygiene.yml: could not be read (RuntimeError); ignored, defaults apply"]


# -- property-based: arbitrary documents over the schema's own keys ----------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.dates()
    | st.datetimes()
    | st.text(max_size=30)
    | st.sampled_from(["2025-02-30", "critical", "new", "all", "a@b.co", "GHSA-aaaa-bbbb-cccc", "*"])
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["id", "until", "reason", "enabled"]), children, max_size=4
        )
    ),
    max_leaves=25,
)
section_bodies = st.fixed_dictionaries(
    {},
    optional={
        section: st.dictionaries(st.sampled_from([*keys, "bogus"]), values, max_size=5)
        for section, keys in SECTIONS.items()
    },
)
documents = st.one_of(
    st.dictionaries(st.sampled_from([*TOP_LEVEL, "unknown"]), values, max_size=6),
    section_bodies,
    st.builds(
        lambda body, extra: {**body, **extra},
        section_bodies,
        st.dictionaries(st.sampled_from(["checks", "exclude"]), values, max_size=2),
    ),
)


def _dump(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, allow_unicode=True, default_flow_style=False)


@FUZZ
@given(documents, st.one_of(st.none(), documents))
def test_any_document_over_the_schema_parses_without_raising(
    repo: dict[str, Any], org: dict[str, Any] | None
) -> None:
    config, _errors = parsed(_dump(repo), None if org is None else _dump(org))
    # whatever survived validation is usable
    config.check_enabled("security-policy")
    config.is_excluded("acme/widget")
    config.dependencies.ignored(["GHSA-aaaa-bbbb-cccc"], date(2026, 1, 1))
    config.dependencies.at_or_above_threshold("high")
    for rule in config.dependencies.ignore:
        assert rule.until is None or (isinstance(rule.until, date) and not isinstance(rule.until, datetime))


@FUZZ
@given(st.text(max_size=400))
def test_any_text_parses_without_raising(text: str) -> None:
    parsed(text)


yaml_fragments = st.lists(
    st.sampled_from(
        [
            "dependencies:",
            "security_policy:",
            "ignore:",
            "- id: GHSA-1",
            "until: ",
            "2025-02-30",
            "2025-13-45",
            "9" * 4500,
            "0x" + "f" * 4000,
            "0o777",
            "1_000",
            ".inf",
            "-.nan",
            "!!binary aGk=",
            "!!timestamp x",
            "!!int abc",
            "!!float x",
            "&a [*a]",
            "*a",
            "{",
            "}",
            "[",
            "]",
            ": ",
            "\n",
            "\n  ",
            "  - ",
            "? ",
            "|",
            ">-",
            "'",
            '"',
            "~",
            "null",
            "yes",
            "on",
            "1e999",
            "2001-12-14t21:59:43.10-05:00",
        ]
    ),
    max_size=30,
)


@FUZZ
@given(yaml_fragments)
def test_hostile_yaml_fragments_parse_without_raising(parts: list[str]) -> None:
    parsed("".join(parts))
