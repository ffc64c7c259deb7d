"""Write settings into `.env`: owner-only (0600) from the first byte, atomically, keeping every other
line (comments, other settings) as it was. Values are never logged."""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from dotenv.parser import parse_stream

FILE_MODE = 0o600


def quote_value(value: str) -> str:
    """A double-quoted `.env` value that python-dotenv reads back unchanged (a PEM's newlines as \\n)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def merged_env_text(existing: str, values: Mapping[str, str]) -> str:
    """`existing` with each of `values` set: a line that already sets the key is replaced in place (a
    repeated one is dropped), the others are appended."""
    out: list[str] = []
    written: set[str] = set()
    for binding in parse_stream(io.StringIO(existing)):
        original = binding.original.string
        if binding.key is None or binding.key not in values:
            out.append(original)
            continue
        leading = original[: len(original) - len(original.lstrip("\n"))]  # blank lines above it
        if binding.key not in written:
            out.append(f"{leading}{binding.key}={quote_value(values[binding.key])}\n")
            written.add(binding.key)
        else:
            out.append(leading)
    text = "".join(out)
    if text and not text.endswith("\n"):
        text += "\n"
    for key, value in values.items():
        if key not in written:
            text += f"{key}={quote_value(value)}\n"
    return text


def update_env_file(path: Path, values: Mapping[str, str]) -> None:
    """Set `values` in the `.env` at `path` (created if missing), mode 0600, replaced atomically."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    text = merged_env_text(existing, values)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    path.chmod(FILE_MODE)
