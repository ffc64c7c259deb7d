"""Matching against the real advisory databases in ../shared/advisories (read at run time)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.advisories.index import AdvisoryIndex
from checks.advisories.osv import (
    FIXED,
    INTRODUCED,
    LAST_AFFECTED,
    affects,
    compile_affected,
    in_range,
    version_key,
)
from checks.model import Dependency
from tests.conftest import shared_path

pytestmark = pytest.mark.shared
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _load(folder: str, pattern: str) -> tuple[dict[str, Any], ...]:
    root = Path(folder)
    if pattern.endswith(".yaml"):
        return tuple(
            yaml.load(p.read_text(encoding="utf-8"), Loader=_LOADER) for p in sorted(root.glob(pattern))
        )
    return tuple(json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.glob(pattern)))


def pysec() -> tuple[dict[str, Any], ...]:
    return _load(str(shared_path("advisories", "pypa", "vulns")), "*/*.yaml")


def go() -> tuple[dict[str, Any], ...]:
    return _load(str(shared_path("advisories", "go", "data", "osv")), "*.json")


def rustsec() -> tuple[dict[str, Any], ...]:
    return _load(str(shared_path("advisories", "rustsec-osv", "crates")), "*.json")


KNOWN_ANSWERS = [
    ("jinja2", "2.10", {"PYSEC-2019-217", "PYSEC-2021-66"}),
    (
        "urllib3",
        "1.24.1",
        {
            "PYSEC-2019-132",
            "PYSEC-2019-133",
            "PYSEC-2020-148",
            "PYSEC-2021-108",
            "PYSEC-2023-192",
            "PYSEC-2023-207",
            "PYSEC-2023-212",
        },
    ),
    ("requests", "2.19.0", {"PYSEC-2018-28", "PYSEC-2023-74"}),
    ("PyYAML", "5.3", {"PYSEC-2020-96", "PYSEC-2021-142"}),
]


@pytest.mark.parametrize(("name", "version", "expected"), KNOWN_ANSWERS)
def test_pysec_known_answers(name: str, version: str, expected: set[str]) -> None:
    index = AdvisoryIndex.from_records(pysec())
    assert set(index.affecting("PyPI", name, version)) == expected
    assert index.stats.unparseable_ranges == 0 and index.stats.unsupported_ranges == 0


def test_pysec_findings_merge_aliases_into_one_per_vulnerability() -> None:
    index = AdvisoryIndex.from_records(pysec())
    findings = index.match([Dependency("PyPI", "Jinja2", "2.10", "requirements.txt", 4, True)])
    by_id = {f.advisory_id: f for f in findings}
    assert set(by_id) == {"GHSA-462w-v97r-4m45", "GHSA-g3rq-g295-4j3m"}
    assert set(by_id["GHSA-462w-v97r-4m45"].aliases) == {"PYSEC-2019-217", "CVE-2019-10906"}
    assert by_id["GHSA-462w-v97r-4m45"].fixed_versions == ("2.10.1",)
    assert by_id["GHSA-g3rq-g295-4j3m"].fixed_versions == ("2.11.3",)


# Listed versions that the ranges alone do not cover, each explained by the data itself:
# PYSEC-2023-61 lists Django pre-releases below `introduced: 3.2`/`4.2`; PYSEC-2023-177 lists 23.9.0
# (and its post release) although its range is fixed at 23.9.0; PYSEC-2021-114 overlaps
# `introduced 0, fixed 2.11.6` with `introduced 2.11, fixed 2.11.7`, and the spec's sorted walk lets
# 2.11.6 close both. `versions[]` is unioned with the ranges, so all of them still match.
EXPECTED_DISAGREEMENTS = {
    ("PYSEC-2023-61", v) for v in ("3.2a1", "3.2b1", "3.2rc1", "4.2a1", "4.2b1", "4.2rc1")
} | {("PYSEC-2023-177", "23.9.0"), ("PYSEC-2023-177", "23.9.0.post1"), ("PYSEC-2021-114", "2.11.6")}


def test_pysec_versions_list_oracle_agrees_with_range_evaluation() -> None:
    agree, disagreements = 0, set()
    for record in pysec():
        for affected in record.get("affected") or ():
            compiled = compile_affected(affected, "PyPI")
            if not affected.get("versions") or not compiled.ranges or record.get("withdrawn"):
                continue
            for version in affected["versions"]:
                key = version_key("PyPI", version)
                if key is not None and any(in_range(r, key) for r in compiled.ranges):
                    agree += 1
                else:
                    disagreements.add((record["id"], version))
    print(f"PYSEC versions[] oracle: {agree} agree, {len(disagreements)} differ")
    assert agree > 139_000
    assert disagreements == EXPECTED_DISAGREEMENTS


def _boundary_oracle(records: tuple[dict[str, Any], ...]) -> tuple[int, list[str]]:
    """Each range's own events: introduced/last_affected versions are in it, fixed ones are not."""
    checked, wrong = 0, []
    for record in records:
        for affected in record["affected"]:
            compiled = compile_affected(affected, affected["package"]["ecosystem"])
            for range_ in compiled.ranges:
                starts = {e.version for e in range_ if e.kind == INTRODUCED}
                empty = starts & {e.version for e in range_ if e.kind == FIXED}
                for event in range_:
                    if event.key is None or event.version in empty:
                        continue  # "0", or an empty window (introduced X, fixed X)
                    checked += 1
                    if in_range(range_, event.key) != (event.kind in (INTRODUCED, LAST_AFFECTED)):
                        wrong.append(f"{record['id']} {event}")
    return checked, wrong


def test_go_vulndb_every_range_parses_and_holds_its_boundaries() -> None:
    records = go()
    index = AdvisoryIndex.from_records(records)
    assert len(records) > 4000 and index.stats.unparseable_ranges == 0
    checked, wrong = _boundary_oracle(records)
    assert checked > 7000 and wrong == []


def test_go_known_answers_stdlib_and_pseudo_versions() -> None:
    index = AdvisoryIndex.from_records(go())
    assert "GO-2022-0969" in index.affecting("Go", "stdlib", "1.18.5")
    assert "GO-2022-0969" not in index.affecting("Go", "stdlib", "1.18.6")
    assert "GO-2022-0969" in index.affecting("Go", "stdlib", "go1.19")  # introduced 1.19.0-0
    assert "GO-2022-0969" not in index.affecting("Go", "stdlib", "v1.19.1")
    x_net = index.affecting("Go", "golang.org/x/net", "v0.0.0-20220826154423-83b083e8dc8b")
    assert x_net["GO-2022-0969"] == ("0.0.0-20220906165146-f3363e06e74c",)
    assert "GO-2022-0969" not in index.affecting("Go", "golang.org/x/net", "v0.1.0")


def test_rustsec_every_range_parses_and_holds_its_boundaries() -> None:
    records = rustsec()
    index = AdvisoryIndex.from_records(records)
    assert len(records) > 1200 and index.stats.unparseable_ranges == 0
    checked, wrong = _boundary_oracle(records)
    assert checked > 2000 and wrong == []


def test_rustsec_known_answer_with_prerelease_introduced() -> None:
    index = AdvisoryIndex.from_records(rustsec())
    (finding,) = [
        f
        for f in index.match([Dependency("crates.io", "openssl", "0.8.3", "Cargo.lock", 10, False)])
        if f.advisory_id == "GHSA-34p9-f4q3-c4r7"
    ]
    assert "RUSTSEC-2016-0001" in finding.aliases and finding.fixed_versions == ("0.9.0",)
    assert finding.cvss_score == 8.1 and finding.severity == "high"
    assert "RUSTSEC-2016-0001" in index.affecting("crates.io", "openssl", "0.1.0-alpha")
    assert "RUSTSEC-2016-0001" not in index.affecting("crates.io", "openssl", "0.9.0")


def test_rustsec_toml_requirements_agree_with_the_osv_export() -> None:
    """The RustSec TOML `[versions]` (Cargo requirements) and its OSV export give the same answers."""
    import re
    import tomllib

    from tests.checks.advisories.cargo_req import matches

    osv_by_id = {r["id"]: r for r in rustsec()}
    agree, differ, skipped, advisories = 0, [], 0, 0
    for path in sorted(shared_path("advisories", "rustsec", "crates").glob("*/*.md")):
        front = re.search(r"```toml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
        assert front is not None, path
        doc = tomllib.loads(front.group(1))
        advisory, ranges = doc["advisory"], doc.get("versions", {})
        requirements = ranges.get("patched", []) + ranges.get("unaffected", [])
        record = osv_by_id.get(advisory["id"])
        if record is None or advisory.get("withdrawn") or any("-" in r for r in requirements):
            skipped += 1  # pre-release requirements are outside this release-only oracle
            continue
        advisories += 1
        candidates = {(0, 0, 0), (0, 0, 1), (99, 0, 0)}
        for text in [
            *requirements,
            *(v for a in record["affected"] for r in a["ranges"] for e in r["events"] for v in e.values()),
        ]:
            for found in re.findall(r"\d+(?:\.\d+){0,2}", text):
                major, minor, patch = ([int(x) for x in found.split(".")] + [0, 0])[:3]
                candidates |= {
                    (major, minor, patch),
                    (major, minor, patch + 1),
                    (major, minor + 1, 0),
                    (major + 1, 0, 0),
                    (major, minor, max(patch - 1, 0)),
                }
        for version in sorted(candidates):
            expected = not any(matches(r, version) for r in requirements)
            got = affects(record, "crates.io", advisory["package"], ".".join(map(str, version)))
            if got == expected:
                agree += 1
            else:
                differ.append(f"{advisory['id']} {version}: TOML says {expected}")
    print(f"RustSec TOML vs OSV: {advisories} advisories, {agree} versions agree, {len(differ)} differ")
    assert advisories > 1100 and skipped < 60 and agree > 8000
    assert differ == []


def test_index_agrees_with_the_reference_evaluator_on_real_records() -> None:
    """The compiled, shared index forms give the same answers as evaluating each record afresh."""
    import random

    rng = random.Random(3)
    for ecosystem, records in (("PyPI", pysec()), ("Go", go())):
        index = AdvisoryIndex.from_records(records)
        by_package: dict[str, list[dict[str, Any]]] = {}
        versions: dict[str, set[str]] = {}
        for record in records:
            for affected in record["affected"]:
                name = affected["package"]["name"]
                by_package.setdefault(name, []).append(record)
                found = versions.setdefault(name, set(affected.get("versions") or ()))
                found.update(v for r in affected.get("ranges") or () for e in r["events"] for v in e.values())
        for name in rng.sample(sorted(by_package), 150):
            for version in sorted(v for v in versions[name] if v != "0" and len(v) < 40)[:12]:
                expected = {r["id"] for r in by_package[name] if affects(r, ecosystem, name, version)}
                assert set(index.affecting(ecosystem, name, version)) == expected, (name, version)
