"""Node.js Security WG ranges -> OSV SEMVER events: exact on hand-picked cases, and identical to
node-semver's own `satisfies` on every release version around every bound of all 467 real entries."""

from __future__ import annotations

import json

import nodesemver
import pytest

from app.advisories.osv import InvalidRecord
from app.advisories.sources import nswg
from checks.advisories.index import AdvisoryIndex
from tests.conftest import shared_path


@pytest.mark.parametrize(
    ("range_text", "events"),
    [
        ("<=99.999.99999", [[{"introduced": "0"}]]),
        ("*", [[{"introduced": "0"}]]),
        (
            "<1.6.5 || >=1.7.0 <1.7.2",
            [[{"introduced": "0"}, {"fixed": "1.6.5"}], [{"introduced": "1.7.0"}, {"fixed": "1.7.2"}]],
        ),
        ("< 2.1.7 > 2.0.0", [[{"introduced": "2.0.1-0"}, {"fixed": "2.1.7"}]]),
        (">1.0.0-rc.1", [[{"introduced": "1.0.0-rc.1.0"}]]),
        ("=1.2.3", [[{"introduced": "1.2.3"}, {"last_affected": "1.2.3"}]]),
        # node (includePrerelease, as npm audit) lets 2.0.x admit 2.0.0 prereleases
        ("2.0.x", [[{"introduced": "2.0.0-0"}, {"fixed": "2.1.0-0"}]]),
        ("^0.0.3", [[{"introduced": "0.0.3"}, {"fixed": "0.0.4-0"}]]),
        (">=2.0.0-alpha8 <=2.0.0-rc2", [[{"introduced": "2.0.0-alpha8"}, {"last_affected": "2.0.0-rc2"}]]),
        (">2.0.0 <1.0.0", []),
        (">=2.0.0 <1.0.0", []),
    ],
)  # fmt: skip
def test_hand_picked_ranges(range_text: str, events: list[list[dict[str, str]]]) -> None:
    assert [r["events"] for r in nswg.ranges_for(range_text)] == events


def test_unconvertible_entries_say_why() -> None:
    with pytest.raises(InvalidRecord, match="matches no version"):
        nswg.convert(
            {"id": 9, "module_name": "m", "vulnerable_versions": ">2.0.0 <1.0.0", "updated_at": "2020-01-01"}
        )
    with pytest.raises(InvalidRecord, match="cannot read range"):
        nswg.convert(
            {"id": 9, "module_name": "m", "vulnerable_versions": ">=banana", "updated_at": "2020-01-01"}
        )
    with pytest.raises(InvalidRecord, match="no usable 'updated_at'"):
        nswg.convert(
            {"id": 9, "module_name": "m", "vulnerable_versions": "<1.0.0", "updated_at": "1970-01-01"}
        )


def _candidates(range_text: str) -> set[str]:
    found = set()
    for branch in nodesemver.make_range(range_text, loose=True).set:
        for comparator in branch:
            if comparator.semver is nodesemver.ANY:
                continue
            v = comparator.semver
            for major, minor, patch in (
                (v.major, v.minor, v.patch),
                (v.major, v.minor, v.patch + 1),
                (v.major, v.minor + 1, 0),
                (v.major + 1, 0, 0),
                (v.major, v.minor, max(v.patch - 1, 0)),
                (v.major, max(v.minor - 1, 0), 99),
            ):
                found.add(f"{major}.{minor}.{patch}")
    return found | {"0.0.1", "0.1.0", "1.0.0", "50.0.0"}


def test_every_real_entry_agrees_with_node_semver_on_release_versions() -> None:
    folder = shared_path("advisories", "nodejs-security-wg", "vuln", "npm")
    compared = 0
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text())
        if not nswg.is_wg_npm_entry(doc):
            continue
        record = nswg.convert(doc)
        index = AdvisoryIndex.from_records([record])
        vulnerable = doc["vulnerable_versions"]
        for version in _candidates(vulnerable):
            # the WG's "all versions" sentinel means all, even above 99.999.99999
            expected = vulnerable in nswg.ALL_VERSIONS or nodesemver.satisfies(
                version, vulnerable, loose=True
            )
            got = bool(index.affecting("npm", doc["module_name"], version))
            assert got == expected, (path.name, vulnerable, version)
            compared += 1
    assert compared > 4000
