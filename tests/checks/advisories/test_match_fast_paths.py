"""The match fast paths give what the general merge gives: cached single-record findings (kept exact
across updates and when the cache is cleared) and skipping the alias merge when no names are shared."""

from __future__ import annotations

from typing import Any

import pytest

from checks.advisories import index as index_module
from checks.advisories.index import AdvisoryIndex
from checks.model import Dependency

LODASH = Dependency("npm", "lodash", "4.17.10", "package-lock.json", 7, True)


def _record(
    osv_id: str, *, aliases: tuple[str, ...] = (), summary: str = "", **ranges: str
) -> dict[str, Any]:
    events = [{"introduced": ranges.get("introduced", "0")}, {"fixed": ranges.get("fixed", "4.17.21")}]
    return {
        "id": osv_id,
        "aliases": list(aliases),
        "summary": summary or f"{osv_id} summary",
        "affected": [
            {
                "package": {"ecosystem": "npm", "name": "lodash"},
                "ranges": [{"type": "SEMVER", "events": events}],
            }
        ],
    }


def test_an_updated_record_is_never_served_from_the_cache() -> None:
    index = AdvisoryIndex.from_records([_record("GHSA-1111-2222-3333", aliases=("CVE-2020-1",))])
    (first,) = index.match([LODASH])
    assert first.summary == "GHSA-1111-2222-3333 summary" and first.aliases == ("CVE-2020-1",)
    index.add(_record("GHSA-1111-2222-3333", aliases=("CVE-2020-9",), summary="rewritten", fixed="4.17.12"))
    (second,) = index.match([LODASH])
    assert (second.summary, second.aliases, second.fixed_versions) == (
        "rewritten",
        ("CVE-2020-9",),
        ("4.17.12",),
    )
    index.remove("GHSA-1111-2222-3333")
    assert index.match([LODASH]) == []


def test_fixed_versions_come_from_each_match_not_the_cache() -> None:
    index = AdvisoryIndex.from_records(
        [
            {
                **_record("GHSA-aaaa-bbbb-cccc"),
                "affected": [
                    {
                        "package": {"ecosystem": "npm", "name": "lodash"},
                        "ranges": [
                            {"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "3.0.0"}]},
                            {"type": "SEMVER", "events": [{"introduced": "4.0.0"}, {"fixed": "4.17.21"}]},
                        ],
                    }
                ],
            }
        ]
    )
    old = Dependency("npm", "lodash", "2.4.0", "package-lock.json", 3, False)
    assert [f.fixed_versions for f in index.match([old, LODASH, old])] == [
        ("3.0.0",),
        ("4.17.21",),
        ("3.0.0",),
    ]


def test_a_full_cache_is_cleared_and_results_stay_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [_record(f"GHSA-{n:04d}-0000-0000", aliases=(f"CVE-2021-{n}",)) for n in range(6)]
    index = AdvisoryIndex.from_records(records)
    expected = index.match([LODASH])
    monkeypatch.setattr(index_module, "IDENTITY_CACHE_MAX", 2)
    fresh = AdvisoryIndex.from_records(records)
    assert fresh.match([LODASH]) == expected == index.match([LODASH])
    assert len(fresh._identities) <= 2
    assert len(expected) == 6


def test_shared_names_still_merge_and_distinct_ones_do_not() -> None:
    index = AdvisoryIndex.from_records(
        [
            _record("PYSEC-2020-1", aliases=("CVE-2020-5",), fixed="4.17.19"),
            _record("GHSA-xxxx-yyyy-zzzz", aliases=("CVE-2020-5",), fixed="4.17.20"),
            _record("OTHER-1", aliases=("CVE-2020-6",)),
        ]
    )
    merged, other = sorted(index.match([LODASH]), key=lambda f: f.advisory_id)
    assert merged.advisory_id == "GHSA-xxxx-yyyy-zzzz"
    assert merged.aliases == ("PYSEC-2020-1", "CVE-2020-5")
    assert merged.fixed_versions == ("4.17.19", "4.17.20")
    assert (other.advisory_id, other.aliases) == ("OTHER-1", ("CVE-2020-6",))
    assert other.url == "https://osv.dev/vulnerability/OTHER-1"
    assert merged.url == "https://github.com/advisories/GHSA-xxxx-yyyy-zzzz"


def test_an_identity_cached_for_an_older_meta_is_recomputed() -> None:
    """A match racing an update may store the old record's identity after `remove` dropped it."""
    index = AdvisoryIndex.from_records([_record("GHSA-1111-2222-3333", summary="old")])
    index.match([LODASH])
    stale = index._identities["GHSA-1111-2222-3333"]
    index.add(_record("GHSA-1111-2222-3333", summary="new"))
    index._identities["GHSA-1111-2222-3333"] = stale
    (found,) = index.match([LODASH])
    assert found.summary == "new"
