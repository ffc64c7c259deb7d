"""Validation of one `.github/repo-hygiene.yml` document against the schema in docs/configuration.md.

`validate_document(raw)` returns only the keys that are valid (so defaults stay in force for the rest)
and one error string per problem, naming the key, what was expected and what was found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from checks._yaml_safe import load_mapping

Validator = Callable[[Any], Any]  # returns the clean value or raises _Invalid(reason)

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")


class _Invalid(Exception):
    pass


def _described(schema: dict[str, Any]) -> Callable[[Validator], Validator]:
    """Attach the JSON Schema of what a validator accepts (published for editors; see
    `checks/_config_json_schema.py`), so the schema and the validation cannot drift apart."""

    def attach(validator: Validator) -> Validator:
        validator.json_schema = schema  # type: ignore[attr-defined]
        return validator

    return attach


def _show(value: Any) -> str:
    try:
        text = repr(value)
    except ValueError:  # an int past Python's digit limit for str()
        text = f"<{type(value).__name__} too long to show>"
    return text if len(text) <= 60 else text[:57] + "..."


@_described({"type": "boolean"})
def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {_show(value)}")
    return value


@_described({"type": ["boolean", "null"]})
def _optional_bool(value: Any) -> bool | None:
    return None if value is None else _bool(value)


def _int_range(low: int, high: int) -> Validator:
    @_described({"type": "integer", "minimum": low, "maximum": high})
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(f"expected a whole number from {low} to {high}, got {_show(value)}")
        if not low <= value <= high:
            raise _Invalid(f"must be from {low} to {high}, got {_show(value)}")
        return value

    return check


def _choice(*options: str) -> Validator:
    @_described({"enum": list(options)})
    def check(value: Any) -> str:
        if value not in options:
            raise _Invalid(f"expected one of {', '.join(options)}, got {_show(value)}")
        return str(value)

    return check


@_described({"type": ["string", "null"], "format": "email", "pattern": _EMAIL.pattern})
def _email(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _EMAIL.match(value.strip()):
        raise _Invalid(f"expected an email address or null, got {_show(value)}")
    return value.strip()


@_described({"type": "array", "items": {"type": "string", "pattern": "\\S"}})
def _globs(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Invalid(f"expected a list of glob strings, got {_show(value)}")
    return [v.strip() for v in value]


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for parse in (date.fromisoformat, lambda text: datetime.fromisoformat(text).date()):
            try:
                return parse(value.strip())
            except ValueError:
                pass
    raise _Invalid(f"expected a date like 2025-12-31, got {_show(value)}")


@_described(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "id": {"type": "string", "pattern": _ID.pattern},
                "until": {"type": ["string", "null"], "format": "date"},
                "reason": {"type": "string"},
            },
            "required": ["id"],
            "additionalProperties": False,
        },
    }
)
def _ignore_rules(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise _Invalid(f"expected a list of {{id, until, reason}}, got {_show(value)}")
    rules = []
    for n, item in enumerate(value):
        if not isinstance(item, dict):
            raise _Invalid(f"item {n + 1}: expected a mapping with id, until, reason, got {_show(item)}")
        unknown = set(item) - {"id", "until", "reason"}
        if unknown:
            raise _Invalid(f"item {n + 1}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        rule_id = item.get("id")
        if not isinstance(rule_id, str) or not _ID.match(rule_id.strip()):
            raise _Invalid(f"item {n + 1}: 'id' must be an advisory id such as GHSA-xxxx-xxxx-xxxx")
        reason = item.get("reason", "")
        if not isinstance(reason, str):
            raise _Invalid(f"item {n + 1}: 'reason' must be text, got {_show(reason)}")
        try:
            until = None if item.get("until") is None else _date(item["until"])
        except _Invalid as exc:
            raise _Invalid(f"item {n + 1}: 'until': {exc}") from None
        rules.append({"id": rule_id.strip(), "until": until, "reason": reason})
    return rules


SECTIONS: dict[str, dict[str, tuple[Validator, str]]] = {
    "pull_requests": {
        "enabled": (_bool, "true"),
        "security_md": (_bool, "true"),
        "badge": (_bool, "true"),
        "on_forks": (_bool, "false"),
    },
    "security_policy": {
        "contact_email": (_email, "null"),
        "response_days": (_int_range(1, 14), "3"),
        "disclosure_days": (_int_range(1, 365), "90"),
        "private_vulnerability_reporting": (_optional_bool, "null"),
    },
    "dependencies": {
        "fail_on": (_choice("critical", "high", "moderate", "low"), "low"),
        "unknown_severity": (_choice("fail", "ignore"), "fail"),
        "mode": (_choice("new", "all"), "new"),
        "ignore": (_ignore_rules, "[]"),
        "skip_paths": (_globs, "[]"),
        "include_fixtures": (_bool, "false"),
        "unreadable": (_choice("fail", "neutral"), "fail"),
    },
}
TOP_LEVEL = ("checks", "exclude", "dry_run", *SECTIONS)

# What each key means: the configuration reference (docs/configuration.md) and the JSON Schema's
# descriptions are generated from these, so a new key needs its sentence here (a test holds it).
DESCRIPTIONS: dict[str, str] = {
    "checks": "per check id, `enabled` (run it at all; default true) and `fix` (may the pull request "
    "carry its fix; default on, except for fixes a check marks opt-in)",
    "exclude": "globs of repository names (`name` or `owner/name`) never scanned or changed",
    "dry_run": "compute and show everything, write nothing to GitHub (no branch, commit, pull request, "
    "comment or check run); in the organisation's `.github` defaults it covers the whole organisation "
    "and a repository cannot undo it",
    "pull_requests.enabled": "open the pull request at all",
    "pull_requests.security_md": "older spelling of `checks.security-policy.fix` (used when that is unset)",
    "pull_requests.badge": "older spelling of `checks.security-badge.fix` (used when that is unset)",
    "pull_requests.on_forks": "forks get no pull request unless this is true",
    "security_policy.contact_email": "the security contact SECURITY.md names, e.g. security@example.org; "
    "null: no email",
    "security_policy.response_days": "acknowledgement promised within this many days",
    "security_policy.disclosure_days": "the coordinated disclosure timeline, in days",
    "security_policy.private_vulnerability_reporting": "true/false overrides what GitHub reports about "
    "private vulnerability reporting; null: ask GitHub",
    "dependencies.fail_on": "a rated advisory at or above this severity fails the check",
    "dependencies.unknown_severity": "whether an advisory nobody rated (severity unknown) fails",
    "dependencies.mode": "check runs: `new` fails only on advisories a change introduces, `all` on any",
    "dependencies.ignore": "advisories to ignore, matched against the id and its aliases; `until` (a "
    "date, inclusive) and `reason` are optional",
    "dependencies.skip_paths": "globs of manifest and lockfile paths to skip",
    "dependencies.include_fixtures": "read lockfiles under test fixture folders too",
    "dependencies.unreadable": "how a check run ends when its change added or changed a dependency file "
    "that cannot be read (docs/check-runs.md)",
}


def default_value(key: str) -> Any:
    """The built-in default of `section.key` as a value (SECTIONS holds it as the text errors show)."""
    section, name = key.split(".", 1)
    text = SECTIONS[section][name][1]
    raw, _ = load_mapping(f"value: {text}")
    return (raw or {}).get("value")


def validate_document(raw: dict[Any, Any]) -> tuple[dict[str, Any], list[str]]:
    clean: dict[str, Any] = {}
    errors: list[str] = []
    for key, value in raw.items():
        if key not in TOP_LEVEL:
            errors.append(f"unknown key {_show(key)} (known: {', '.join(TOP_LEVEL)}); ignored")
        elif key == "exclude":
            try:
                clean["exclude"] = _globs(value)
            except _Invalid as exc:
                errors.append(f"exclude: {exc}; ignored (default: [])")
        elif key == "dry_run":
            try:
                clean["dry_run"] = _bool(value)
            except _Invalid as exc:
                errors.append(f"dry_run: {exc}; ignored (default: false)")
        elif key == "checks":
            clean["checks"] = _validate_checks(value, errors)
        else:
            clean[key] = _validate_section(key, value, errors)
    return clean, errors


def _validate_section(section: str, value: Any, errors: list[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        errors.append(f"{section}: expected a mapping, got {_show(value)}; ignored (defaults apply)")
        return {}
    schema = SECTIONS[section]
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key not in schema:
            errors.append(f"{section}: unknown key {_show(key)} (known: {', '.join(schema)}); ignored")
            continue
        validator, default = schema[key]
        try:
            out[key] = validator(item)
        except _Invalid as exc:
            errors.append(f"{section}.{key}: {exc}; ignored (default: {default})")
    return out


def _validate_checks(value: Any, errors: list[str]) -> dict[str, dict[str, bool]]:
    if not isinstance(value, dict):
        errors.append(
            f"checks: expected a mapping of check id to {{enabled: bool, fix: bool}}, got {_show(value)}"
        )
        return {}
    from checks import REGISTRY  # late: checks/__init__ must finish discovery first

    out: dict[str, dict[str, bool]] = {}
    for check_id, item in value.items():
        if check_id not in REGISTRY:
            known = ", ".join(REGISTRY) or "none"
            errors.append(f"checks: unknown check {_show(check_id)} (known: {known}); ignored")
        elif not isinstance(item, dict) or set(item) - {"enabled", "fix"}:
            errors.append(
                f"checks.{check_id}: expected {{enabled: true|false, fix: true|false}}, got {_show(item)}; "
                "ignored"
            )
        else:
            clean: dict[str, bool] = {}
            for key, default in (("enabled", "true"), ("fix", "the check's default")):
                if key in item:
                    try:
                        clean[key] = _bool(item[key])
                    except _Invalid as exc:
                        errors.append(f"checks.{check_id}.{key}: {exc}; ignored (default: {default})")
            if clean:
                out[str(check_id)] = clean
    return out
