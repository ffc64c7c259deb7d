"""One upgrade that fixes them all: hand-written cases, then real Django and lodash advisories from
../shared/advisories against answers computed by hand (how is written beside each)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.advisories.index import AdvisoryIndex
from checks.advisories.osv import (
    FIXED,
    compile_affected,
    evaluate,
    in_range,
    listed_in,
    normaliser_for,
    version_key,
)
from checks.advisories.remediation import FindingRef, is_prerelease, line_of, plan_upgrade, plan_upgrades
from checks.model import Dependency
from tests.conftest import shared_path


def ranges(*windows: tuple[str, str | None], eco: str = "npm") -> dict[str, Any]:
    """One `affected[]` entry with one range per (introduced, fixed) window (fixed None: open)."""
    return {
        "package": {"ecosystem": eco, "name": "p"},
        "ranges": [
            {
                "type": "ECOSYSTEM",
                "events": [{"introduced": start}, *([{"fixed": end}] if end else [])],
            }
            for start, end in windows
        ],
    }


def plan(version: str, eco: str = "npm", **advisories: dict[str, Any]) -> Any:
    compiled = {name: [compile_affected(entry, eco)] for name, entry in advisories.items()}
    return plan_upgrade(eco, "p", version, compiled)


def test_the_latest_closing_fix_when_every_window_closes_in_the_line() -> None:
    result = plan("1.0.0", A=ranges(("0", "1.0.2")), B=ranges(("0", "1.0.5")), C=ranges(("0.5.0", "1.0.1")))
    assert (result.target, result.line, result.unfixed) == ("1.0.5", "1.x", ())
    assert result.message == "upgrade p 1.0.0 -> 1.0.5: fixes 3 advisories"
    assert result.as_dict()["advisories"] == ["A", "B", "C"]


def test_a_fix_inside_another_advisorys_window_is_skipped() -> None:
    # B's fix 1.1.5 is still inside A; A's fix 1.2.0 re-enters B's second window [1.2.0, 1.2.5):
    # the first candidate outside both is 1.2.5
    result = plan("1.1.0", A=ranges(("0", "1.2.0")), B=ranges(("0", "1.1.5"), ("1.2.0", "1.2.5")))
    assert result.target == "1.2.5"


def test_the_next_major_when_the_line_has_no_fix_for_everything() -> None:
    # 1.4.3 fixes A but not B (fixed only in 2.0.0); 2.0.0 re-enters A's 2.x window; 2.0.1 fixes both
    result = plan("1.4.0", A=ranges(("0", "1.4.3"), ("2.0.0", "2.0.1")), B=ranges(("0", "2.0.0")))
    assert (result.target, result.other_line) == (None, "2.0.1")
    assert result.fixes_all == "2.0.1"
    assert result.message == (
        "no 1.x release of p fixes all 2 advisories; upgrade p 1.4.0 -> 2.0.1 (a major upgrade) fixes all"
    )


def test_the_same_line_wins_over_a_smaller_fix_count_elsewhere() -> None:
    result = plan("1.4.0", A=ranges(("0", "1.4.3"), ("2.0.0", "2.0.1")))
    assert result.target == "1.4.3"


def test_zero_major_lines_break_at_the_minor() -> None:
    result = plan("0.4.1", A=ranges(("0", "0.4.3")), B=ranges(("0", "0.5.0")))
    assert (result.line, result.target, result.other_line) == ("0.4.x", None, "0.5.0")
    assert line_of("PyPI", "0.4.1") == (0, 0, 4) and line_of("PyPI", "1!2.0") == (1, 2)
    assert line_of("npm", "v3.2.1") == (3,) and line_of("npm", "latest") is None


def test_advisories_without_a_fix_are_named_with_the_upgrade_for_the_others() -> None:
    result = plan("1.0.0", A=ranges(("0", None)), B=ranges(("0", "1.0.1")), C=ranges(("0", "3.0.0")))
    assert (result.target, result.other_line, result.unfixed, result.partial) == (None, None, ("A",), "3.0.0")
    # 1.0.1 fixes B only; C needs 3.0.0, so the smallest fixing both B and C is 3.0.0
    assert (
        result.message
        == "p 1.0.0: no fix for A; upgrade p 1.0.0 -> 3.0.0 (a major upgrade) fixes the other 2"
    )
    nothing = plan("1.0.0", A=ranges(("0", None)), B={"package": {"name": "p"}, "versions": ["1.0.0"]})
    assert nothing.unfixed == ("A", "B") and nothing.message == "p 1.0.0: no fix for A, B"


def test_a_last_affected_bound_is_named_not_hidden() -> None:
    entry = {
        "package": {"name": "p"},
        "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"last_affected": "1.4.0"}]}],
    }
    result = plan("1.2.0", A=entry)
    assert (result.unfixed, result.last_affected) == (("A",), (("A", "1.4.0"),))
    assert result.message == "p 1.2.0: no fix for A (affected up to 1.4.0)"


def test_a_stable_release_is_preferred_to_a_prerelease() -> None:
    # 2.0.0-rc.1 and 2.1.1 both fix A and B; the plan names the stable one
    result = plan("1.0.0", A=ranges(("0", "2.0.0-rc.1")), B=ranges(("0", "1.0.1"), ("2.1.0", "2.1.1")))
    assert result.other_line == "2.1.1"
    only_rc = plan("1.0.0", A=ranges(("0", "2.0.0-rc.1")))
    assert only_rc.other_line == "2.0.0-rc.1"


def test_ecosystem_ordering_is_used() -> None:
    # PEP 440: 1.0.10 > 1.0.9 and 1.0.1 == 1.0.1.0; a string order would pick 1.0.9
    result = plan(
        "1.0.0", "PyPI", A=ranges(("0", "1.0.9"), eco="PyPI"), B=ranges(("0", "1.0.10"), eco="PyPI")
    )
    assert result.target == "1.0.10"
    assert plan("not a version", "PyPI", A=ranges(("0", "1.0"), eco="PyPI")).reason


def test_merged_findings_need_every_record_of_the_group_fixed() -> None:
    records = [
        {
            "id": "GHSA-aaaa-bbbb-cccc",
            "aliases": ["CVE-2024-1"],
            "affected": [ranges(("0", "1.0.2"))],
        },
        {"id": "OSV-2024-1", "aliases": ["CVE-2024-1"], "affected": [ranges(("0", "1.0.3"))]},
    ]
    index = AdvisoryIndex.from_records(records)
    (finding,) = index.match([Dependency("npm", "p", "1.0.0", "package-lock.json")])
    (result,) = plan_upgrades(
        [
            FindingRef(
                finding.ecosystem, finding.package, finding.version, finding.advisory_id, finding.aliases
            )
        ],
        index,
    )
    assert (result.advisories, result.target) == (("GHSA-aaaa-bbbb-cccc",), "1.0.3")


def _refs(index: AdvisoryIndex, ecosystem: str, name: str, version: str) -> list[FindingRef]:
    found = index.match([Dependency(ecosystem, name, version, "lockfile")])
    return [FindingRef(f.ecosystem, f.package, f.version, f.advisory_id, f.aliases) for f in found]


@pytest.mark.shared
def test_real_django_advisories() -> None:
    folder = shared_path("advisories", "pypa", "vulns", "django")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    records = [yaml.load(p.read_text(encoding="utf-8"), Loader=loader) for p in sorted(folder.glob("*.yaml"))]
    index = AdvisoryIndex.from_records(records)
    # By hand, with `packaging` and the spec's event walk over each PYSEC record's ECOSYSTEM ranges
    # (GIT ranges skipped): 25 records affect 3.2.0, each through one window closed by a 3.2.x `fixed`
    # event: 3.2.1 (PYSEC-2021-7), 3.2.2, 3.2.4 (two), 3.2.5, 3.2.10, 3.2.11 (three), 3.2.12 (two),
    # 3.2.13 (two), 3.2.14 ... 3.2.24 (PYSEC-2024-28), 3.2.25 (PYSEC-2024-47). No record's window
    # reopens after its fix within 3.2, so the smallest version fixing all is the latest fix, 3.2.25.
    (django,) = plan_upgrades(_refs(index, "PyPI", "django", "3.2.0"), index)
    assert len(django.advisories) == 25
    assert "PYSEC-2024-47" in django.advisories  # most are named by their GHSA alias
    assert django.message == "upgrade django 3.2.0 -> 3.2.25: fixes 25 advisories"
    assert _refs(index, "PyPI", "django", "3.2.25") == []


@pytest.mark.shared
def test_real_lodash_advisories() -> None:
    from app.advisories.sources.files import iter_paths

    folder = shared_path("advisories", "nodejs-security-wg", "vuln", "npm")
    records = [
        item.record
        for name in ("368.json", "493.json", "516.json")
        for item in iter_paths([Path(folder, name)])
        if item.record is not None
    ]
    index = AdvisoryIndex.from_records(records)
    # By hand, from the three WG entries for lodash: 368 `<4.17.5`, 493 `<4.17.11`,
    # 516 `>=4.17.15 <4.17.19`.
    # 4.17.4: 368 and 493 apply; 4.17.5 is still < 4.17.11; 4.17.11 is outside all three (below 516's
    #   window) -> 4.17.11.
    (old,) = plan_upgrades(_refs(index, "npm", "lodash", "4.17.4"), index)
    assert (len(old.advisories), old.target) == (2, "4.17.11")
    # 4.17.15: only 516 applies; its fix 4.17.19 -> 4.17.19.
    (mid,) = plan_upgrades(_refs(index, "npm", "lodash", "4.17.15"), index)
    assert (mid.advisories, mid.target) == (("NSWG-ECO-516",), "4.17.19")
    # 3.10.1: 368 and 493 apply; their only fixes, 4.17.5 and 4.17.11, are in 4.x, and 4.17.5 is
    #   still affected by 493 -> no 3.x fix, 4.17.11 as a major upgrade.
    (v3,) = plan_upgrades(_refs(index, "npm", "lodash", "3.10.1"), index)
    assert (v3.target, v3.other_line) == (None, "4.17.11")
    assert v3.message.startswith("no 3.x release of lodash fixes all 2 advisories; upgrade lodash 3.10.1")


def _reference_plan(ecosystem: str, version: str, advisories: dict[str, list[Any]]) -> tuple[Any, ...]:
    """The plan computed the plain way: every candidate's remaining advisories, then the searches."""
    current, current_line = version_key(ecosystem, version), line_of(ecosystem, version)
    names = sorted(advisories)
    candidates = {
        e.version: e.key
        for entries in advisories.values()
        for entry in entries
        for compiled in entry.ranges
        for e in compiled
        if e.kind == FIXED and current < e.key
    }

    def affects(entries: list[Any], exact: str, key: Any) -> bool:
        return any(
            (entry.versions is not None and listed_in(entry.versions, exact))
            or any(in_range(r, key) for r in entry.ranges)
            for entry in entries
        )

    normalise = normaliser_for(ecosystem)
    still = [
        (c, {n for n in names if not advisories[n] or affects(advisories[n], normalise(c), key)})
        for c, key in sorted(candidates.items(), key=lambda item: item[1])
    ]
    unfixed = set(names).intersection(*(left for _, left in still)) if still else set(names)

    def first(allowed: set[str], same_line: bool) -> str | None:
        fitting = [
            c
            for c, left in still
            if left <= allowed and (not same_line or line_of(ecosystem, c) == current_line)
        ]
        return ([c for c in fitting if not is_prerelease(ecosystem, c)] or fitting or [None])[0]

    target = first(set(), True) if current_line is not None else None
    other = None if target else first(set(), False)
    partial = (
        (first(unfixed, True) or first(unfixed, False)) if unfixed and len(unfixed) < len(names) else None
    )
    return target, other, tuple(sorted(unfixed)), partial


@pytest.mark.shared
def test_plans_agree_with_the_plain_computation_on_every_real_pypi_package() -> None:
    folder = shared_path("advisories", "pypa", "vulns")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    compared = 0
    for package in sorted(p for p in folder.iterdir() if p.is_dir()):
        records = [
            yaml.load(p.read_text(encoding="utf-8"), Loader=loader) for p in sorted(package.glob("*.yaml"))
        ]
        index = AdvisoryIndex.from_records(records)
        names = {(a.get("package") or {}).get("name", "") for r in records for a in r.get("affected") or ()}
        for name in sorted(names):
            entries = index.affected_entries("PyPI", name)
            versions = {
                e.version for group in entries.values() for entry in group for r in entry.ranges for e in r
            }
            # every event's version: each sits on a window's edge, where an off-by-one would show
            for version in sorted(versions):
                affecting = {
                    advisory: list(group)
                    for advisory, group in entries.items()
                    if any(_affected(entry, version) for entry in group)
                }
                if not affecting:
                    continue
                got = plan_upgrade("PyPI", name, version, affecting)
                if got.reason:
                    continue
                assert (got.target, got.other_line, got.unfixed, got.partial) == _reference_plan(
                    "PyPI", version, affecting
                ), (name, version)
                compared += 1
    assert compared > 1_000


def _affected(entry: Any, version: str) -> bool:
    return evaluate(entry, normaliser_for("PyPI")(version), version_key("PyPI", version))[0]
