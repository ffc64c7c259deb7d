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


_num = st.integers(0, 3)
_version = st.builds(lambda a, b, c: f"{a}.{b}.{c}", _num, _num, _num)
_comparator = st.one_of(
    st.builds(lambda op, v: f"{op}{v}", st.sampled_from(["<", "<=", ">", ">=", "=", "", "^", "~"]), _version),
    st.builds(lambda a, b: f"{a}.{b}.x", _num, _num),
    st.builds(lambda a: f"{a}.x", _num),
)
# node's grammar takes a hyphen range only as a whole `||` branch
_hyphen = st.builds(lambda v, w: f"{v} - {w}", _version, _version)
_branch = st.one_of(st.lists(_comparator, min_size=1, max_size=2).map(" ".join), _hyphen)
_node_range = st.lists(_branch, min_size=1, max_size=3).map(" || ".join)
_ALL_RELEASES = [f"{a}.{b}.{c}" for a in range(5) for b in range(5) for c in range(5)]


@settings(max_examples=400, deadline=None)
@given(_node_range)
def test_wg_conversion_agrees_with_node_semver(vulnerable: str) -> None:
    import nodesemver

    from checks.advisories.index import AdvisoryIndex

    doc = {"id": 1, "module_name": "m", "vulnerable_versions": vulnerable, "updated_at": "2020-01-01"}
    try:
        index = AdvisoryIndex.from_records([nswg.convert(doc)])
    except InvalidRecord as exc:  # only a range that matches nothing may be refused
        assert "matches no version" in str(exc)
        assert not any(nodesemver.satisfies(v, vulnerable, loose=True) for v in _ALL_RELEASES)
        return
    for version in _ALL_RELEASES:
        expected = nodesemver.satisfies(version, vulnerable, loose=True)
        assert bool(index.affecting("npm", "m", version)) == expected, version
