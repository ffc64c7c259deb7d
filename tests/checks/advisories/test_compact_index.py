"""The index's compact `versions[]`: sorted tuples shared between records, binary-searched when long."""

from __future__ import annotations

from typing import Any

from checks.advisories.index import AdvisoryIndex
from checks.advisories.osv import compile_affected, evaluate, listed_in
from checks.model import Dependency


def _record(osv_id: str, versions: list[str], ecosystem: str = "PyPI") -> dict[str, Any]:
    return {
        "id": osv_id,
        "affected": [{"package": {"ecosystem": ecosystem, "name": "Demo_Pkg"}, "versions": versions}],
    }


def test_listed_in_short_and_long_lists() -> None:
    short = ("1.0", "1.1", "2.0")
    long = tuple(sorted(f"{major}.{minor}" for major in range(5) for minor in range(10)))
    assert listed_in(short, "1.1") and not listed_in(short, "1.2")
    assert all(listed_in(long, v) for v in long)
    assert not any(listed_in(long, v) for v in ("0", "4.10", "5.0", "", "zzz", "0.0a"))


def test_versions_are_normalised_sorted_and_deduplicated() -> None:
    compiled = compile_affected(_record("A", ["2.10.0", "1.0", "2.10", "1.0"])["affected"][0], "PyPI")
    assert compiled.versions == ("1", "2.10")  # PyPI canonical spellings
    assert evaluate(compiled, "2.10", None) == (True, ())


def test_records_listing_the_same_versions_share_one_tuple() -> None:
    listed = [f"1.{minor}" for minor in range(40)]
    index = AdvisoryIndex.from_records(
        [_record("A", listed), _record("B", list(reversed(listed))), _record("C", listed[:5])]
    )
    entries = index._packages[("PyPI", "demo-pkg")]
    assert entries[0].versions is entries[1].versions
    assert entries[2].versions is not entries[0].versions
    found = index.match([Dependency("PyPI", "demo.pkg", "1.39", "requirements.txt", 1, True)])
    assert {f.advisory_id for f in found} == {"A", "B"}
    found = index.match([Dependency("PyPI", "demo-pkg", "1.3", "requirements.txt", 1, True)])
    assert {f.advisory_id for f in found} == {"A", "B", "C"}
    assert index.match([Dependency("PyPI", "demo-pkg", "1.40", "requirements.txt", 1, True)]) == []


def test_records_of_one_package_share_its_key_and_survive_removals() -> None:
    index = AdvisoryIndex.from_records([_record(osv_id, ["1.0"]) for osv_id in ("A", "B", "C")])
    keys = [index.get(osv_id).packages[0] for osv_id in "ABC"]  # type: ignore[union-attr]
    assert keys[0] is keys[1] is keys[2]
    index.remove("A")
    index.add(_record("A", ["2.0"]))
    assert index.get("A").packages[0] is keys[1]  # type: ignore[union-attr]
    dependency = Dependency("PyPI", "demo-pkg", "1.0", "requirements.txt", 1, True)
    assert sorted(f.advisory_id for f in index.match([dependency])) == ["B", "C"]
    for osv_id in "ABC":
        index.remove(osv_id)
    assert index.match([dependency]) == [] and not index._packages
