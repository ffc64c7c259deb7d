"""Offset -> 1-based line number in O(log n) per lookup (one pass over the text to index it), and
forward searches that report the line of their match."""

from __future__ import annotations

import bisect
import re
from array import array


class LineIndex:
    """Lines of one text. A failed `find` scans to the end of the text, so after `MAX_MISSES` of them
    lines are given up (None) rather than letting a file whose keys are spelled unusually (JSON
    escapes) cost quadratic time."""

    MAX_MISSES = 8

    def __init__(self, text: str) -> None:
        self.text = text
        # a machine-integer array: a million-line lockfile costs 8 MB here, not a million int objects
        self._starts = array("q", (m.end() for m in re.finditer("\n", text)))
        self._misses = 0

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) + 1

    @property
    def exhausted(self) -> bool:
        return self._misses >= self.MAX_MISSES

    def miss(self) -> None:
        self._misses += 1

    def find(self, needle: str | re.Pattern[str], start: int = 0) -> tuple[int | None, int]:
        """(line, offset after the match) of the first match at or after `start`, or (None, start)."""
        if self.exhausted:
            return None, start
        if isinstance(needle, str):
            at = self.text.find(needle, start)
            end = at + len(needle)
        else:
            match = needle.search(self.text, start)
            at, end = (match.start(), match.end()) if match else (-1, start)
        if at < 0:
            self.miss()
            return None, start
        return self.line(at), end
