"""Hostile or random advisory documents never crash an importer: each one is converted or rejected
with a reason (InvalidRecord), so an import never aborts."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.advisories.osv import InvalidRecord
from app.advisories.sources import github_rest, nswg, rustsec
from app.advisories.sources.files import classify
from app.advisories.store import to_row

FUZZ = settings(max_examples=300, deadline=None)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
range_text = st.text(alphabet="<>=^~*|xX .-0123456789abv,", max_size=30)


@FUZZ
@given(st.sampled_from(["a.json", "a.yaml", "b/index.json", "c.md", "z.zip!d.yml"]), st.binary(max_size=300))
def test_classify_random_bytes(name: str, data: bytes) -> None:
    item = classify(name, data)
    assert (item.record is not None) + (item.error is not None) + (item.skipped is not None) == 1


@FUZZ
@given(json_values)
def test_classify_random_json_then_store(value: Any) -> None:
    item = classify("x.json", json.dumps(value).encode())
    if item.record is not None:
        with contextlib.suppress(InvalidRecord):
            to_row(item.record, "fuzz")


@FUZZ
@given(range_text, st.one_of(st.none(), range_text), st.integers(-5, 600))
def test_wg_entries(vulnerable: str, patched: str | None, wg_id: int) -> None:
    doc = {"id": wg_id, "module_name": "m", "vulnerable_versions": vulnerable, "patched_versions": patched,
           "updated_at": "2020-01-01", "cves": ["CVE-1"]}  # fmt: skip
    try:
        record = nswg.convert(doc)
    except InvalidRecord:
        return
    assert record["affected"][0]["ranges"]


@FUZZ
@given(json_values, range_text)
def test_rest_advisories(noise: Any, vulnerable: str) -> None:
    advisory = {"ghsa_id": "GHSA-x", "updated_at": "2024-01-01T00:00:00Z", "summary": noise,
                "vulnerabilities": [{"package": {"ecosystem": "npm", "name": "p"},
                                     "vulnerable_version_range": vulnerable, "first_patched_version": None}],
                "cvss_severities": noise if isinstance(noise, dict) else None}  # fmt: skip
    with contextlib.suppress(InvalidRecord):
        github_rest.to_osv(advisory)


@FUZZ
@given(st.lists(range_text, max_size=3), st.text(max_size=40))
def test_rustsec_front_matter(patched: list[str], title: str) -> None:
    text = (
        '```toml\n[advisory]\nid = "RUSTSEC-0"\npackage = "p"\ndate = "2020-01-01"\n'
        f"[versions]\npatched = {json.dumps(patched)}\n```\n# {title}\n"
    )
    with contextlib.suppress(InvalidRecord):
        rustsec.convert(text)
