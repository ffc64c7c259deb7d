"""The settings reference (the table in docs/operations.md), generated from the `Settings` model.

Each field's description and default are the single source: `repo-hygiene settings reference` prints
the table and `scripts/gen_docs` writes it into the document.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic.fields import FieldInfo

from app.settings import ENV_NAMES, SHOWN_DEFAULT, Settings


def _duration(value: timedelta) -> str:
    """As the setting is written: `24h` rather than `1d`, days only past two of them."""
    seconds = int(value.total_seconds())
    units = (("d", 86400),) if seconds > 2 * 86400 else ()
    for unit, size in (*units, ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def shown_default(field: FieldInfo) -> str:
    """The default as the reference shows it: an override, "unset", or the literal value in code."""
    extra = field.json_schema_extra
    if isinstance(extra, dict) and isinstance(extra.get(SHOWN_DEFAULT), str):
        return str(extra[SHOWN_DEFAULT])
    value: Any = field.get_default(call_default_factory=False)
    if value is None:
        return "unset"
    if isinstance(value, timedelta):
        return f"`{_duration(value)}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def settings_reference() -> str:
    """The Markdown table: one row per environment variable, in the model's order."""
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for field_name, field in Settings.model_fields.items():
        if not field.description:
            raise ValueError(f"setting {ENV_NAMES[field_name]} has no description in app/settings.py")
        rows.append(
            f"| `{ENV_NAMES[field_name]}` | {_cell(shown_default(field))} | {_cell(field.description)} |"
        )
    return "\n".join(rows) + "\n"
