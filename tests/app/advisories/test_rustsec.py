"""RustSec's native Markdown/TOML advisories: converted to OSV, then matched exactly as RustSec's own
OSV export of the same advisories (../shared/advisories/rustsec-osv) on versions around every bound."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.importer import import_items
from app.advisories.osv import InvalidRecord
from app.advisories.sources import rustsec
from app.advisories.sources.files import iter_paths
from checks.advisories.index import AdvisoryIndex
from tests.conftest import shared_path


@pytest.mark.parametrize(
    ("covered", "events"),
    [
        (
            [">= 0.6.14, < 1.0.0", ">= 1.6.1", "< 0.6.3"],
            [[{"introduced": "0.6.3"}, {"fixed": "0.6.14"}], [{"introduced": "1.0.0"}, {"fixed": "1.6.1"}]],
        ),
        ([], [[{"introduced": "0"}]]),
        (["^0.3.1", ">=0.4"], [[{"introduced": "0"}, {"fixed": "0.3.1"}]]),
        ([">1.2.3"], [[{"introduced": "0"}, {"last_affected": "1.2.3"}]]),
        (["<= 1.2.3"], [[{"introduced": "1.2.4-0"}]]),
        (["~1.2"], [[{"introduced": "0"}, {"fixed": "1.2.0"}], [{"introduced": "1.3.0"}]]),
        (["*"], []),
    ],
)
def test_requirements_complemented(covered: list[str], events: list[list[dict[str, str]]]) -> None:
    assert [r["events"] for r in rustsec.affected_ranges(covered)] == events


def test_bad_front_matter() -> None:
    with pytest.raises(InvalidRecord, match="invalid TOML"):
        rustsec.convert("```toml\n[advisory\n```\n# x\n")
    with pytest.raises(InvalidRecord, match="without \\[advisory\\] id"):
        rustsec.convert('```toml\n[advisory]\nid = "RUSTSEC-1"\n```\n')
    with pytest.raises(InvalidRecord, match="unreadable Cargo requirement"):
        rustsec.convert('```toml\n[advisory]\nid = "R"\npackage = "p"\ndate = "2020-01-01"\n'
                        '[versions]\npatched = [">= banana"]\n```\n')  # fmt: skip


def _candidates(record: dict) -> set[str]:  # type: ignore[type-arg]
    found = {"0.0.0", "0.0.1", "0.1.0", "1.0.0", "50.0.0"}
    for affected in record["affected"]:
        for rng in affected.get("ranges", []):
            for event in rng["events"]:
                version = next(iter(event.values())).split("-")[0]
                if version == "0":
                    continue
                major, minor, patch = (int(p) for p in version.split("."))
                for m, n, p in ((major, minor, patch), (major, minor, patch + 1), (major, minor + 1, 0),
                                (major + 1, 0, 0), (major, minor, max(patch - 1, 0))):  # fmt: skip
                    found.add(f"{m}.{n}.{p}")
    return found


def test_native_form_matches_rustsec_own_osv_export(sessions: sessionmaker[Session]) -> None:
    native_dir = shared_path("advisories", "rustsec", "crates")
    osv_dir = shared_path("advisories", "rustsec-osv", "crates")
    report = import_items(sessions, iter_paths([native_dir]))
    assert report.rejected_count == 0, report.rejected[:5]
    assert report.stats.inserted == 1205
    compared = 0
    for path in sorted(native_dir.rglob("*.md")):
        mine = rustsec.convert(path.read_text())
        theirs_path = osv_dir / f"{mine['id']}.json"
        if not theirs_path.exists():
            continue
        theirs = json.loads(theirs_path.read_text())
        if theirs.get("withdrawn"):
            continue
        mine_index, theirs_index = AdvisoryIndex.from_records([mine]), AdvisoryIndex.from_records([theirs])
        name = mine["affected"][0]["package"]["name"]
        for version in _candidates(mine) | _candidates(theirs):
            got = bool(mine_index.affecting("crates.io", name, version))
            expected = bool(theirs_index.affecting("crates.io", name, version))
            assert got == expected, (path.name, version)
            compared += 1
    assert compared > 10_000
