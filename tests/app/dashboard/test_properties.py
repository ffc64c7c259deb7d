"""Properties of the small pure helpers that guard exports, redirects and SVG output."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from app.dashboard.badge import badge_svg
from app.dashboard.context import safe_next
from app.dashboard.exports import FORMULA_STARTS, spreadsheet_safe


@given(st.text())
def test_no_exported_cell_can_start_a_formula(value: str) -> None:
    safe = spreadsheet_safe(value)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (value, f"'{value}")
    out = io.StringIO()
    csv.writer(out).writerow([safe])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [safe]


@given(st.text())
def test_next_is_always_a_local_path(target: str) -> None:
    result = safe_next(target)
    parts = urlsplit(result)
    assert result.startswith("/") and not result.startswith("//")
    assert not parts.scheme and not parts.netloc
    assert "\\" not in result and "\n" not in result and "\r" not in result


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_badge_svg_is_well_formed_for_any_message(message: str) -> None:
    root = ElementTree.fromstring(badge_svg(message))
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[1] == message
