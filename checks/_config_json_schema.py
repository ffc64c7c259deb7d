"""The JSON Schema of `.github/repo-hygiene.yml`, built from the validators in `_config_schema`.

Published as `docs/repo-hygiene.schema.json` (editors validate the file with it, e.g. the YAML
language server's `# yaml-language-server: $schema=...`); `repo-hygiene config schema` prints it.
"""

from __future__ import annotations

from typing import Any

from checks._config_schema import DESCRIPTIONS, SECTIONS, _globs, default_value

SCHEMA_ID = "https://github.com/repo-hygiene/repo-hygiene/blob/main/docs/repo-hygiene.schema.json"


def _section(name: str) -> dict[str, Any]:
    properties = {}
    for key, (validator, _) in SECTIONS[name].items():
        schema = dict(getattr(validator, "json_schema", {}))
        schema["description"] = DESCRIPTIONS[f"{name}.{key}"]
        schema["default"] = default_value(f"{name}.{key}")
        properties[key] = schema
    return {"type": "object", "properties": properties, "additionalProperties": False}


def json_schema() -> dict[str, Any]:
    from checks import REGISTRY  # late: checks/__init__ must finish discovery first

    check_toggle = {
        "type": "object",
        "properties": {"enabled": {"type": "boolean"}, "fix": {"type": "boolean"}},
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "repo-hygiene repository configuration (.github/repo-hygiene.yml)",
        "type": "object",
        "properties": {
            "checks": {
                "description": DESCRIPTIONS["checks"],
                "type": "object",
                "properties": {check_id: check_toggle for check_id in sorted(REGISTRY)},
                "additionalProperties": False,
            },
            "exclude": {
                **getattr(_globs, "json_schema", {}),
                "description": DESCRIPTIONS["exclude"],
                "default": [],
            },
            "dry_run": {
                "type": "boolean",
                "default": False,
                "description": DESCRIPTIONS["dry_run"],
            },
            **{name: _section(name) for name in SECTIONS},
        },
        "additionalProperties": False,
    }
