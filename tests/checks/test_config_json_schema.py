"""The published JSON Schema of `.github/repo-hygiene.yml` agrees with the validation scans apply."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import REGISTRY
from checks._config_json_schema import json_schema
from checks._config_schema import SECTIONS, validate_document

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "docs" / "repo-hygiene.schema.json"

GOOD: dict[str, list[Any]] = {
    "pull_requests": [True, False],
    "security_policy.contact_email": ["security@example.org", None],
    "security_policy.response_days": [1, 3, 14],
    "security_policy.disclosure_days": [30, 365],
    "security_policy.private_vulnerability_reporting": [True, None],
    "dependencies.fail_on": ["low", "critical"],
    "dependencies.mode": ["new", "all"],
    "dependencies.ignore": [[], [{"id": "GHSA-jf85-cpcp-j695", "until": "2027-01-31", "reason": "no fix"}]],
    "dependencies.skip_paths": [[], ["vendor/**"]],
    "dependencies.include_fixtures": [False],
    "dependencies.unreadable": ["fail", "neutral"],
}
BAD: list[Any] = ["yes", 0, 15, -1, "severe", [1], {"id": 3}, [{"id": "GHSA-1", "colour": "red"}], "x@", None]


def _section_keys() -> list[tuple[str, str]]:
    return [(section, key) for section, keys in SECTIONS.items() for key in keys]


def test_every_key_of_the_schema_is_described() -> None:
    schema = json_schema()
    for section, key in _section_keys():
        described = schema["properties"][section]["properties"][key]
        assert set(described) - {"default", "description"}, f"{section}.{key} has no JSON Schema"
        assert described["description"], f"{section}.{key} has no description"
    assert set(schema["properties"]["checks"]["properties"]) == set(REGISTRY)


def test_the_published_schema_is_current() -> None:
    """Regenerate with `repo-hygiene config schema > docs/repo-hygiene.schema.json`."""
    assert json.loads(PUBLISHED.read_text(encoding="utf-8")) == json_schema()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def _as_editor_sees(value: Any) -> Any:
    """YAML reads an unquoted 2027-01-31 as a date; an editor's schema check sees the text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    return value


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for section, key in draw(st.lists(st.sampled_from(_section_keys()), max_size=6, unique=True)):
        good = GOOD.get(f"{section}.{key}") or GOOD.get(section) or [True]
        value = draw(st.one_of(st.sampled_from(good), st.sampled_from(BAD)))
        doc.setdefault(section, {})[key] = value
    if draw(st.booleans()):
        doc[draw(st.sampled_from(["exclude", "unknown_key"]))] = draw(st.sampled_from([["docs/**"], 7]))
    return doc


@settings(max_examples=300, deadline=None)
@given(documents())
def test_schema_and_validation_agree(doc: dict[str, Any]) -> None:
    _, errors = validate_document(doc)
    schema_errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(_as_editor_sees(doc)))
    assert bool(errors) == bool(schema_errors), (errors, [e.message for e in schema_errors])
