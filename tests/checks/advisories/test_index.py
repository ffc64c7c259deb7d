"""AdvisoryIndex: matching, alias merging, findings content, updates."""

from __future__ import annotations

from typing import Any

from checks.advisories.index import AdvisoryIndex
from checks.model import AdvisoryMatcher, Dependency


def osv(
    advisory_id: str, name: str, *events: dict[str, str], eco: str = "npm", **extra: Any
) -> dict[str, Any]:
    return {
        "id": advisory_id,
        "summary": f"summary of {advisory_id}",
        "affected": [
            {
                "package": {"ecosystem": eco, "name": name},
                "ranges": [{"type": "SEMVER", "events": list(events)}],
            }
        ],
        **extra,
    }


def dep(name: str, version: str | None, eco: str = "npm", **kw: Any) -> Dependency:
    return Dependency(eco, name, version, kw.pop("file", "package-lock.json"), kw.pop("line", 7), **kw)


LODASH = [
    osv(
        "GHSA-aaaa-bbbb-cccc",
        "lodash",
        {"introduced": "0"},
        {"fixed": "4.17.21"},
        aliases=["CVE-2021-23337"],
        database_specific={"severity": "HIGH"},
        severity=[{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}],
    ),
    osv("OSV-2021-1", "lodash", {"introduced": "4.0.0"}, {"fixed": "4.17.20"}, aliases=["CVE-2021-23337"]),
    osv("GHSA-zzzz-yyyy-xxxx", "lodash", {"introduced": "0"}, {"last_affected": "4.17.15"}),
]


def test_index_satisfies_the_matcher_protocol() -> None:
    index: AdvisoryMatcher = AdvisoryIndex.from_records(LODASH)
    assert index.match([]) == []


def test_aliases_merge_into_one_finding_with_a_ghsa_primary() -> None:
    index = AdvisoryIndex.from_records(LODASH)
    findings = index.match([dep("lodash", "4.17.19", direct=True)])
    assert [f.advisory_id for f in findings] == ["GHSA-aaaa-bbbb-cccc"]
    (finding,) = findings
    assert finding.aliases == ("OSV-2021-1", "CVE-2021-23337")
    assert finding.fixed_versions == ("4.17.20", "4.17.21")
    assert finding.severity == "high"
    assert finding.cvss_score == 7.2
    assert finding.summary == "summary of GHSA-aaaa-bbbb-cccc"
    assert finding.url == "https://github.com/advisories/GHSA-aaaa-bbbb-cccc"
    assert (finding.file, finding.line, finding.direct) == ("package-lock.json", 7, True)
    assert (finding.ecosystem, finding.package, finding.version) == ("npm", "lodash", "4.17.19")


def test_unrelated_advisories_stay_separate_and_no_fix_is_empty() -> None:
    index = AdvisoryIndex.from_records(LODASH)
    findings = index.match([dep("lodash", "4.17.10")])
    assert sorted(f.advisory_id for f in findings) == ["GHSA-aaaa-bbbb-cccc", "GHSA-zzzz-yyyy-xxxx"]
    no_fix = next(f for f in findings if f.advisory_id == "GHSA-zzzz-yyyy-xxxx")
    assert no_fix.fixed_versions == () and no_fix.severity == "unknown" and no_fix.cvss_score is None


def test_unpinned_empty_unknown_and_safe_dependencies_give_nothing() -> None:
    index = AdvisoryIndex.from_records(LODASH)
    assert index.match([dep("lodash", None), dep("lodash", ""), dep("left-pad", "1.0.0")]) == []
    assert index.match([dep("lodash", "4.17.21")]) == []
    assert index.match([dep("lodash", "4.17.19", eco="PyPI")]) == []


def test_each_occurrence_gets_its_own_finding() -> None:
    index = AdvisoryIndex.from_records(LODASH)
    findings = index.match(
        [dep("lodash", "4.17.19", line=3), dep("lodash", "4.17.19", file="a/package-lock.json")]
    )
    assert [(f.file, f.line) for f in findings] == [("package-lock.json", 3), ("a/package-lock.json", 7)]


def test_withdrawn_update_and_remove() -> None:
    index = AdvisoryIndex.from_records(LODASH)
    assert len(index) == 3
    assert not index.add({**LODASH[0], "withdrawn": "2024-01-01T00:00:00Z"})
    assert "GHSA-aaaa-bbbb-cccc" not in index
    assert [f.advisory_id for f in index.match([dep("lodash", "4.17.19")])] == ["OSV-2021-1"]
    index.add(osv("OSV-2021-1", "lodash", {"introduced": "4.17.19"}, {"fixed": "4.17.20"}))  # re-add
    assert [f.fixed_versions for f in index.match([dep("lodash", "4.17.19")])] == [("4.17.20",)]
    assert index.remove("OSV-2021-1") and not index.remove("OSV-2021-1")
    assert index.match([dep("lodash", "4.17.19")]) == []


def test_bad_records_are_rejected_not_raised() -> None:
    index = AdvisoryIndex.from_records([{}, {"id": 5}, {"id": "X-1"}, {"id": "X-2", "affected": [None, {}]}])
    assert index.rejected == 3 and "X-2" in index
    assert index.match([dep("anything", "1.0.0")]) == []


def test_severity_from_cvss_v3_and_v4_vectors() -> None:
    critical = osv(
        "RUSTSEC-2099-0001",
        "openssl",
        {"introduced": "0.0.0-0"},
        {"fixed": "0.9.0"},
        eco="crates.io",
        severity=[{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
    )
    v4_only = osv(
        "GHSA-v4v4-v4v4-v4v4",
        "openssl",
        {"introduced": "0"},
        eco="crates.io",
        severity=[
            {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}
        ],
    )
    index = AdvisoryIndex.from_records([critical, v4_only])
    findings = {f.advisory_id: f for f in index.match([dep("openssl", "0.8.0", eco="crates.io")])}
    assert (findings["RUSTSEC-2099-0001"].severity, findings["RUSTSEC-2099-0001"].cvss_score) == (
        "critical",
        9.8,
    )
    assert findings["RUSTSEC-2099-0001"].severity_source == "CVSS:3.1 vector"
    # CVSS v4.0 vectors are scored too (by the `cvss` package): 9.3 for this one
    assert (findings["GHSA-v4v4-v4v4-v4v4"].severity, findings["GHSA-v4v4-v4v4-v4v4"].cvss_score) == (
        "critical",
        9.3,
    )
    assert findings["GHSA-v4v4-v4v4-v4v4"].severity_source == "CVSS:4.0 vector"
    assert list(findings) == ["GHSA-v4v4-v4v4-v4v4", "RUSTSEC-2099-0001"]  # worst first, GHSA first
    assert index.get("RUSTSEC-2099-0001").kind == "vulnerability"  # type: ignore[union-attr]


def test_kinds_are_labelled() -> None:
    malware = osv("MAL-2024-1", "evil", {"introduced": "0"})
    info = osv("RUSTSEC-2020-0001", "old", {"introduced": "0"}, eco="crates.io")
    info["affected"][0]["database_specific"] = {"informational": "unmaintained"}
    index = AdvisoryIndex.from_records([malware, info])
    assert index.get("MAL-2024-1").kind == "malware"  # type: ignore[union-attr]
    assert index.get("RUSTSEC-2020-0001").kind == "informational"  # type: ignore[union-attr]


def test_summary_falls_back_to_details_and_is_bounded() -> None:
    record = osv("GHSA-long-long-long", "x", {"introduced": "0"})
    record["summary"] = ""
    record["details"] = "first line " + "y" * 1000 + "\nsecond line"
    index = AdvisoryIndex.from_records([record])
    (finding,) = index.match([dep("x", "1.0.0")])
    assert finding.summary.startswith("first line") and len(finding.summary) <= 240


def test_malformed_fields_lose_nothing_else() -> None:
    record = osv("GHSA-odd1-odd1-odd1", "x", {"introduced": "1.0.0"}, aliases="CVE-2020-1", severity=5)
    record["affected"][0]["versions"] = "1.0.0"
    record["affected"][0]["severity"] = "HIGH"
    record["affected"].append({"package": {"ecosystem": "npm", "name": "y"}, "ranges": "nope"})
    index = AdvisoryIndex.from_records([record])
    (finding,) = index.match([dep("x", "1.2.0")])
    assert finding.aliases == () and finding.severity == "unknown"
    assert index.match([dep("y", "1.0.0")]) == [] and index.stats.unparseable_ranges == 1
