from __future__ import annotations

import re

from checks._lines import LineIndex


def test_offsets_map_to_one_based_lines() -> None:
    lines = LineIndex("a\nbc\n\nd")
    assert [lines.line(offset) for offset in range(7)] == [1, 1, 2, 2, 2, 3, 4]


def test_find_reports_the_line_of_the_match_and_where_to_go_on() -> None:
    lines = LineIndex('{\n  "name": "x",\n  "version": "1"\n}\n')
    assert lines.find('"version"') == (3, 28)
    assert lines.find(re.compile(r'"name"\s*:')) == (2, 11)
    assert lines.find('"name"', start=10) == (None, 10)


def test_find_gives_up_after_too_many_misses() -> None:
    lines = LineIndex("x\ny\n")
    for _ in range(LineIndex.MAX_MISSES):
        assert lines.find("absent") == (None, 0)
    assert lines.exhausted
    assert lines.find("y") == (None, 0)  # present, but lines are given up
