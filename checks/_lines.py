"""Offset -> 1-based line number in O(log n) per lookup (one pass over the text to index it)."""

from __future__ import annotations

import bisect
import re


class LineIndex:
    def __init__(self, text: str) -> None:
        self._starts = [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) + 1
