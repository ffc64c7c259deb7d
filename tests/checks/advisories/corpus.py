"""Reads the version-order corpus format: `A < B`, `A = B`, `A > B`; blank and comment lines skipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

EXPECTED = {"<": -1, "=": 0, ">": 1}


def comparisons(path: Path) -> Iterator[tuple[int, str, str, str]]:
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", "//")):
            continue
        left, op, right = line.split(" ")
        yield number, left, op, right


def failures(path: Path, compare) -> list[str]:  # type: ignore[no-untyped-def]
    bad = []
    for number, left, op, right in comparisons(path):
        try:
            got = compare(left, right)
        except ValueError as exc:
            bad.append(f"{path.name}:{number}: {left} {op} {right}: {exc}")
            continue
        if got != EXPECTED[op]:
            bad.append(f"{path.name}:{number}: {left} {op} {right}: got {got}")
    return bad
