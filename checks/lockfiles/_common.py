"""Safe decoding and loading shared by the lockfile parsers.

Every parser raises only `LockfileError` on bad input; the message says why, in words a maintainer
can act on. Limits: files over `MAX_FILE_BYTES` are refused; JSON nested deeper than Python's
recursion limit is refused (the RecursionError is caught); YAML documents whose aliases expand them
beyond `MAX_YAML_ALIAS_GROWTH` nodes are refused (billion laughs); libyaml refuses nesting deeper
than 1,000 levels on its own.

Decoding: structured formats (JSON, TOML, YAML) must be UTF-8 (a BOM is dropped) and fail with the
offset of the first bad byte otherwise. Line formats (requirements.txt, yarn.lock v1, go.mod,
Gemfile.lock) are decoded with U+FFFD replacement and a warning, because one odd byte in a comment
should not cost every other line.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from typing import Any

from checks._lines import LineIndex

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_YAML_ALIAS_GROWTH = 10_000  # extra nodes aliases may add beyond the document's own


class LockfileError(ValueError):
    """The file cannot be read; the message says why."""


def check_size(content: bytes) -> None:
    if len(content) > MAX_FILE_BYTES:
        raise LockfileError(
            f"file is {len(content) / 1048576:.1f} MB, over the {MAX_FILE_BYTES // 1048576} MB limit"
        )


def decode_strict(content: bytes) -> str:
    check_size(content)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LockfileError(
            f"not valid UTF-8 (byte 0x{content[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text.removeprefix("\ufeff")


def decode_lenient(content: bytes, warnings: list[str] | None) -> str:
    check_size(content)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        if warnings is not None:
            warnings.append(f"invalid UTF-8 from offset {exc.start}: bad bytes read as U+FFFD")
        text = content.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")


def json_key(key: str) -> str:
    """The key as it appears in JSON text (`"key"`), for line lookups."""
    return json.dumps(key, ensure_ascii=False)


_JSON_COLON = re.compile(r"\s*:")
_JSON_COLON_OBJECT = re.compile(r"\s*:\s*\{")
_JSON_COLON_VALUE = re.compile(r"\s*:\s*")


def find_json_key(
    lines: LineIndex, key: str, cursor: int, *, opens_object: bool = False
) -> tuple[int | None, int]:
    """(line, offset after it) of the next `"key":` (followed by `{` if `opens_object`) from `cursor`.

    Plain substring search plus a check of what follows, so no regex is compiled per key.
    """
    needle = json_key(key)
    follow = _JSON_COLON_OBJECT if opens_object else _JSON_COLON
    position = cursor
    while True:
        line, end = lines.find(needle, position)
        if line is None:
            return None, cursor
        after = follow.match(lines.text, end)
        if after:
            return line, after.end()
        position = end


def find_json_member(lines: LineIndex, key: str, value: str, cursor: int) -> tuple[int | None, int]:
    """(line, offset after it) of the next `"key": "value"` from `cursor` (e.g. a composer `"name"`)."""
    needle = json_key(value)
    position = cursor
    while True:
        line, end = lines.find(needle, position)
        if line is None:
            return None, cursor
        start = end - len(needle)
        before = lines.text.rfind(json_key(key), max(0, start - 200), start)
        if before >= 0 and _JSON_COLON_VALUE.fullmatch(lines.text, before + len(json_key(key)), start):
            return line, end
        position = end


def load_json(content: bytes | str, warnings: list[str] | None) -> Any:
    """`content` as JSON; bytes must be UTF-8 (`decode_strict`), text is taken as decoded."""
    text = content if isinstance(content, str) else decode_strict(content)
    if not text.strip():
        raise LockfileError("file is empty")
    duplicates: list[str] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            duplicates.extend(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs_hook)
    except RecursionError:
        raise LockfileError("JSON nested too deeply to read") from None
    except json.JSONDecodeError as exc:
        raise LockfileError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if duplicates and warnings is not None:
        shown = ", ".join(repr(d) for d in sorted(set(duplicates))[:5])
        warnings.append(f"duplicate JSON keys (the last value wins, as in npm/composer): {shown}")
    return data


def load_toml(content: bytes) -> dict[str, Any]:
    text = decode_strict(content)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LockfileError(f"invalid TOML: {exc}") from None
    except RecursionError:
        raise LockfileError("TOML nested too deeply to read") from None


def expect_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LockfileError(f"{what} is {type(value).__name__}, expected a mapping")
    return value


def opt_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


_PACKAGE_HEADER = re.compile(r"(?m)^[ \t]*\[\[package\]\]")


def package_headers(lines: LineIndex) -> list[int]:
    """Offsets of the `[[package]]` headers, to start each name search in its own table."""
    return [m.end() for m in _PACKAGE_HEADER.finditer(lines.text)]


_TOML_NAME = re.compile(r"(?m)^[ \t]*name[ \t]*=[ \t]*[\"']([^\"'\n]*)[\"']")


def toml_name_line(lines: LineIndex, name: str, cursor: int) -> tuple[int | None, int]:
    """Line of the next `name = "<name>"` line (a [[package]] entry) at or after `cursor`."""
    position = cursor
    while not lines.exhausted:
        match = _TOML_NAME.search(lines.text, position)
        if match is None:
            lines.miss()
            return None, cursor
        if match.group(1) == name:
            return lines.line(match.start()), match.end()
        position = match.end()
    return None, cursor


def located_packages(
    content: bytes, packages: list[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], str, str | None, int | None]]:
    """Each named `[[package]]` table with its name, version and the line of its `name = ...`."""
    lines = LineIndex(content.decode("utf-8", errors="replace"))
    cursor = 0
    headers = package_headers(lines)
    for index, package in enumerate(packages):
        name, version = opt_str(package.get("name")), opt_str(package.get("version"))
        if name is None:
            continue
        if index < len(headers):
            cursor = max(cursor, headers[index])
        line, cursor = toml_name_line(lines, name, cursor)
        yield package, name, version, line


def toml_packages(data: dict[str, Any]) -> list[dict[str, Any]]:
    packages = data.get("package", [])
    if not isinstance(packages, list):
        raise LockfileError("`package` is not an array of tables")
    return [p for p in packages if isinstance(p, dict)]
