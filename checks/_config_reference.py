"""The configuration reference (docs/configuration.md), generated from the JSON Schema of
`.github/repo-hygiene.yml`, which is itself built from the validators, defaults and descriptions in
`_config_schema`. `repo-hygiene config reference` prints it; `scripts/gen_docs` writes it into the
document.
"""

from __future__ import annotations

import json
from typing import Any

from checks._config_json_schema import json_schema


def _yaml(value: Any) -> str:
    """A default as YAML writes it (the defaults are plain words, numbers, booleans, null or [])."""
    return value if isinstance(value, str) else json.dumps(value)


def accepted(schema: dict[str, Any]) -> str:
    """What a key accepts, in words, from its JSON Schema."""
    if "enum" in schema:
        return " \\| ".join(f"`{option}`" for option in schema["enum"])
    kinds = schema.get("type")
    types = [kinds] if isinstance(kinds, str) else list(kinds or [])
    nullable = " or `null`" if "null" in types else ""
    if "boolean" in types:
        return "`true` \\| `false`" + (" \\| `null`" if nullable else "")
    if "integer" in types:
        return f"a whole number from {schema['minimum']} to {schema['maximum']}"
    if schema.get("format") == "email":
        return "an email address" + nullable
    if "array" in types:
        items = schema.get("items", {})
        if items.get("type") == "object":
            keys = ", ".join(items.get("properties", {}))
            return f"a list of `{{{keys}}}`"
        return "a list of globs"
    return ", ".join(types)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _defaults_yaml(schema: dict[str, Any]) -> list[str]:
    lines = []
    for name, prop in schema["properties"].items():
        if name == "checks":
            lines.append("checks:")
            for check_id in prop["properties"]:
                lines.append(f"  {check_id}: {{enabled: true}}")
        elif "properties" in prop:
            lines.append(f"{name}:")
            for key, sub in prop["properties"].items():
                lines.append(f"  {key}: {_yaml(sub['default'])}")
        else:
            lines.append(f"{name}: {_yaml(prop['default'])}")
    return lines


def config_reference() -> str:
    """Every key with what it accepts, its default and its meaning, then the whole file at its defaults."""
    schema = json_schema()
    rows = ["| Key | Accepts | Default | Meaning |", "|---|---|---|---|"]
    for name, prop in schema["properties"].items():
        if name == "checks":
            ids = ", ".join(f"`{check_id}`" for check_id in prop["properties"])
            rows.append(
                f"| `checks.<id>` (ids: {ids}) | `{{enabled: true\\|false, fix: true\\|false}}` | "
                f"every check on | {_cell(prop['description'])} |"
            )
        elif "properties" in prop:
            for key, sub in prop["properties"].items():
                rows.append(
                    f"| `{name}.{key}` | {accepted(sub)} | `{_yaml(sub['default'])}` | "
                    f"{_cell(sub['description'])} |"
                )
        else:
            rows.append(
                f"| `{name}` | {accepted(prop)} | `{_yaml(prop['default'])}` | {_cell(prop['description'])} |"
            )
    defaults = ["```yaml", "# every key at its default", *_defaults_yaml(schema), "```"]
    return "\n".join([*rows, "", *defaults]) + "\n"
