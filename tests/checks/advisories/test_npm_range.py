"""npm ranges: node-semver default-mode satisfaction and conversion to OSV SEMVER ranges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.advisories.osv import affects
from checks.versions.npm_range import (
    npm_range_intervals,
    npm_range_satisfies,
    npm_range_to_osv_ranges,
    successor,
    wg_ranges,
)
from tests.conftest import shared_path

ORACLE = Path(__file__).parent / "data" / "npm-range-oracle.txt"


def oracle_rows() -> list[tuple[str, str, bool, bool]]:
    rows = []
    for line in ORACLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        spec, version, inc_pre, default = line.split("\t")
        rows.append((spec, version, inc_pre == "true", default == "true"))
    return rows


def test_oracle_fixture_is_substantial() -> None:
    rows = oracle_rows()
    assert len(rows) > 2500 and len({r[0] for r in rows}) > 60


def test_osv_conversion_agrees_with_node_include_prerelease() -> None:
    """range -> OSV events -> the OSV evaluator gives node's includePrerelease answer (npm audit)."""
    records: dict[str, dict[str, object]] = {}
    wrong = []
    for spec, version, expected, _ in oracle_rows():
        record = records.setdefault(
            spec,
            {
                "id": "T",
                "affected": [
                    {"package": {"ecosystem": "npm", "name": "p"}, "ranges": npm_range_to_osv_ranges(spec)}
                ],
            },
        )
        if affects(record, "npm", "p", version) != expected:
            wrong.append(f"{spec!r} {version}: node says {expected}")
    assert wrong == []


def test_default_mode_satisfaction_agrees_with_node() -> None:
    wrong = [
        f"{spec!r} {version}: node says {expected}"
        for spec, version, _, expected in oracle_rows()
        if npm_range_satisfies(version, spec) != expected
    ]
    assert wrong == []


def test_default_mode_prerelease_rule() -> None:
    assert not npm_range_satisfies("1.3.0-alpha", ">=1.2.7 <1.3.0")
    assert npm_range_satisfies("1.2.3-beta.4", ">=1.2.3-beta.2 <1.3.0")
    assert not npm_range_satisfies("1.2.3-alpha.3", "1.2.3")
    assert not npm_range_satisfies("not-a-version", "*")
    with pytest.raises(ValueError, match="npm version range"):
        npm_range_satisfies("1.0.0", ">=>= nonsense")


def test_conversion_shapes() -> None:
    assert npm_range_to_osv_ranges("<1.6.5 || >=1.7.0 <1.7.2") == [
        {"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.6.5"}]},
        {"type": "SEMVER", "events": [{"introduced": "1.7.0"}, {"fixed": "1.7.2"}]},
    ]
    assert npm_range_to_osv_ranges("< 2.1.7 > 2.0.0") == [
        {"type": "SEMVER", "events": [{"introduced": "2.0.1-0"}, {"fixed": "2.1.7"}]}
    ]
    assert npm_range_to_osv_ranges("<=1.4.2") == [
        {"type": "SEMVER", "events": [{"introduced": "0"}, {"last_affected": "1.4.2"}]}
    ]
    assert npm_range_to_osv_ranges(">=2 <1") == []
    assert npm_range_intervals("*") == [(None, None)]
    assert successor("1.2.3") == "1.2.4-0" and successor("1.2.3-beta") == "1.2.3-beta.0"
    with pytest.raises(ValueError, match="comparator"):
        npm_range_to_osv_ranges(">=1.2.3 <banana")


def test_wg_sentinels() -> None:
    assert wg_ranges("<=99.999.99999", "<0.0.0") == [{"type": "SEMVER", "events": [{"introduced": "0"}]}]
    assert wg_ranges("*", None) == [{"type": "SEMVER", "events": [{"introduced": "0"}]}]
    assert wg_ranges("<1.2.0", ">=1.2.0") == [
        {"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.0"}]}
    ]


@pytest.mark.shared
def test_every_wg_range_converts() -> None:
    folder = shared_path("advisories", "nodejs-security-wg", "vuln", "npm")
    converted = 0
    for path in sorted(folder.glob("*.json")):
        if path.name == "index.json":
            continue
        entry = json.loads(path.read_text(encoding="utf-8"))
        ranges = wg_ranges(entry["vulnerable_versions"], entry["patched_versions"])
        assert ranges, f"{path.name}: {entry['vulnerable_versions']!r} converted to nothing"
        for spec in (entry["vulnerable_versions"], entry["patched_versions"]):
            if spec:
                npm_range_intervals(spec)  # raises on a range we cannot read
        converted += 1
    assert converted == 467
