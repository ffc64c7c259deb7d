"""A pull request's patch as rows for the page, with each check-run annotation placed under the line
of the new file it names (as GitHub's "Files changed" tab shows them)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")


@dataclass
class DiffRow:
    kind: str  # add | del | ctx | hunk
    text: str
    new_line: int | None
    annotations: list[Mapping[str, Any]] = field(default_factory=list)


def diff_rows(path: str, patch: str, annotations: Iterable[Mapping[str, Any]]) -> list[DiffRow]:
    by_line: dict[int, list[Mapping[str, Any]]] = {}
    for note in annotations:
        if note.get("path") == path and isinstance(note.get("start_line"), int):
            by_line.setdefault(int(note["start_line"]), []).append(note)
    rows: list[DiffRow] = []
    line = 0
    for text in patch.splitlines():
        hunk = _HUNK.match(text)
        if hunk:
            line = int(hunk.group(1))
            rows.append(DiffRow("hunk", text, None))
        elif text.startswith("-"):
            rows.append(DiffRow("del", text, None))
        else:
            kind = "add" if text.startswith("+") else "ctx"
            rows.append(DiffRow(kind, text, line, by_line.get(line, [])))
            line += 1
    return rows
