"""Severities with a source: CVSS vectors scored by the `cvss` package, the database's own rating, and
the best-sourced rating of an alias group."""

from __future__ import annotations

from typing import Any

import pytest

from checks.advisories.cvss import base_score
from checks.advisories.index import AdvisoryIndex
from checks.advisories.severity import record_severity, source_rank
from checks.dependency_advisories import finding_data, reaches
from checks.model import Dependency, Severity

V31_CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"  # 9.8, FIRST's calculator
V31_MEDIUM = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N"  # 4.2
V30_SCOPE = "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N"  # 6.4
V40_HIGH = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N"  # 8.7


def record(advisory_id: str, *, versions: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    affected: dict[str, Any] = {"package": {"ecosystem": "PyPI", "name": "pkg"}}
    if versions is not None:
        affected["versions"] = versions
    else:
        affected["ranges"] = [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]
    return {"id": advisory_id, "affected": [affected], **extra}


def test_vectors_are_scored_by_the_cvss_package() -> None:
    assert base_score(V31_CRITICAL) == ("3.1", 9.8)
    assert base_score(V31_MEDIUM) == ("3.1", 4.2)
    assert base_score(V30_SCOPE) == ("3.0", 6.4)
    assert base_score(V40_HIGH) == ("4.0", 8.7)
    for bad in ("AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:3.1/AV:X", "CVSS:4.0/AV:N", ""):
        with pytest.raises(ValueError):
            base_score(bad)


def test_severity_enum_order_and_words() -> None:
    assert [s.value for s in sorted(Severity, key=lambda s: -s.rank)] == [
        "critical",
        "high",
        "moderate",
        "low",
        "unknown",
    ]
    assert Severity.parse("MODERATE") is Severity.MODERATE is Severity.parse(" Medium ")
    assert Severity.parse("severe") is Severity.UNKNOWN and Severity.parse(None) is Severity.UNKNOWN
    assert Severity.HIGH.reaches(Severity.MODERATE) and not Severity.LOW.reaches(Severity.MODERATE)
    assert not Severity.UNKNOWN.reaches(Severity.LOW) and not Severity.HIGH.reaches(Severity.UNKNOWN)
    assert reaches("critical", "high") and not reaches("unknown", "low")


def test_precedence_and_sources() -> None:
    both = record(
        "GHSA-aaaa-aaaa-aaaa",
        severity=[{"type": "CVSS_V3", "score": V31_MEDIUM}, {"type": "CVSS_V4", "score": V40_HIGH}],
        database_specific={"severity": "CRITICAL"},
    )
    assert record_severity(both) == (Severity.HIGH, 8.7, "CVSS:4.0 vector")  # v4 over v3 and the word
    v3s = record(
        "X-1", severity=[{"type": "CVSS_V3", "score": V31_MEDIUM}, {"type": "CVSS_V3", "score": V30_SCOPE}]
    )
    assert record_severity(v3s) == (Severity.MODERATE, 4.2, "CVSS:3.1 vector")  # newest version first
    ghsa = record("GHSA-bbbb-bbbb-bbbb", database_specific={"severity": "MODERATE"})
    assert record_severity(ghsa) == (Severity.MODERATE, None, "GHSA database_specific")
    medium = record("GHSA-cccc-cccc-cccc", database_specific={"severity": "MEDIUM"})
    assert record_severity(medium).severity is Severity.MODERATE
    broken = record("GHSA-dddd-dddd-dddd", severity=[{"type": "CVSS_V3", "score": "CVSS:3.1/AV:Q"}])
    assert record_severity(broken) == (Severity.UNKNOWN, None, "none")
    per_package = record("RUSTSEC-2020-1")
    per_package["affected"][0]["ecosystem_specific"] = {"severity": "low"}
    assert record_severity(per_package) == (Severity.LOW, None, "RUSTSEC affected[].ecosystem_specific")
    assert source_rank("CVSS:3.1 vector") > source_rank("GHSA database_specific") > source_rank("none")
    assert source_rank("alias GHSA-x (CVSS:4.0 vector)") == source_rank("CVSS:4.0 vector")


def _finding(index: AdvisoryIndex, version: str) -> Any:
    (found,) = index.match([Dependency("PyPI", "pkg", version, "requirements.txt")])
    return found


def test_a_pysec_finding_takes_the_rating_of_its_ghsa_alias() -> None:
    pysec = record("PYSEC-2024-1", aliases=["GHSA-eeee-eeee-eeee"])
    ghsa = record(
        "GHSA-eeee-eeee-eeee", aliases=["PYSEC-2024-1"], severity=[{"type": "CVSS_V3", "score": V31_CRITICAL}]
    )
    index = AdvisoryIndex.from_records([pysec, ghsa])
    found = _finding(index, "1.0")
    assert (found.advisory_id, found.severity, found.cvss_score) == ("GHSA-eeee-eeee-eeee", "critical", 9.8)
    assert found.severity_source == "CVSS:3.1 vector"
    assert finding_data(found)["severity_source"] == "CVSS:3.1 vector"


def test_the_ghsa_rating_counts_even_when_only_the_pysec_record_lists_the_version() -> None:
    # the Django pre-release case: only PYSEC's versions[] lists 2.0rc1; GHSA's range starts at 2.0
    pysec = record("PYSEC-2024-2", aliases=["CVE-2024-2", "GHSA-ffff-ffff-ffff"], versions=["2.0rc1"])
    ghsa = record("GHSA-ffff-ffff-ffff", aliases=["CVE-2024-2"], database_specific={"severity": "HIGH"})
    ghsa["affected"][0]["ranges"][0]["events"] = [{"introduced": "2.0"}, {"fixed": "2.1"}]
    index = AdvisoryIndex.from_records([pysec])
    assert _finding(index, "2.0rc1").severity_source == "none"  # GHSA record not held yet
    index.add(ghsa)
    found = _finding(index, "2.0rc1")
    assert (found.advisory_id, found.severity) == ("GHSA-ffff-ffff-ffff", "high")
    assert found.severity_source == "GHSA database_specific"
    # a vector beats a word, whichever record carries it; the source names the record
    index.add({**pysec, "severity": [{"type": "CVSS_V3", "score": V31_MEDIUM}]})
    found = _finding(index, "2.0rc1")
    assert (found.severity, found.severity_source) == ("moderate", "alias PYSEC-2024-2 (CVSS:3.1 vector)")


@pytest.mark.shared
def test_rustsec_cvss_v4_vectors_survive_the_native_import() -> None:
    from app.advisories.sources.files import iter_paths
    from tests.conftest import shared_path

    native = shared_path("advisories", "rustsec", "crates", "anchor-lang", "RUSTSEC-2026-0146.md")
    exported = shared_path("advisories", "rustsec-osv", "crates", "RUSTSEC-2026-0146.json")
    ((converted,), (osv_export,)) = (
        [item.record for item in iter_paths([path]) if item.record is not None] for path in (native, exported)
    )
    assert converted["severity"] == osv_export["severity"]  # as RustSec's own OSV export has it
    rated = record_severity(converted)
    assert (rated.severity, rated.source) == (Severity.HIGH, "CVSS:4.0 vector")
    assert rated.cvss_score == base_score(converted["severity"][0]["score"]).score


def test_scores_are_the_cvss_packages_own() -> None:
    from cvss import CVSS3, CVSS4

    for vector in (V31_CRITICAL, V31_MEDIUM, V30_SCOPE):
        assert base_score(vector).score == float(CVSS3(vector).base_score)
    assert base_score(V40_HIGH).score == float(CVSS4(V40_HIGH).base_score)
    v40_only = record("GHSA-gggg-gggg-gggg", severity=[{"type": "CVSS_V4", "score": V40_HIGH}])
    assert record_severity(v40_only) == (Severity.HIGH, 8.7, "CVSS:4.0 vector")  # v4 is scored, not unknown


def test_every_finding_of_the_check_says_where_its_severity_came_from() -> None:
    from checks import dependency_advisories
    from checks.model import CheckContext, RepoFacts, Snapshot

    rated = {
        "vector": record("GHSA-hhhh-hhhh-hhhh", severity=[{"type": "CVSS_V3", "score": V31_MEDIUM}]),
        "word": record("GHSA-iiii-iiii-iiii", database_specific={"severity": "LOW"}),
        "none": record("PYSEC-2024-9"),
        "alias": record("PYSEC-2024-10", aliases=["GHSA-jjjj-jjjj-jjjj"]),
        "ghsa": record("GHSA-jjjj-jjjj-jjjj", database_specific={"severity": "CRITICAL"}),
    }
    files = {"requirements.txt": b"pkg==1.0\n"}
    snapshot = Snapshot(RepoFacts("o", "r"), paths=tuple(files), files=files)
    index = AdvisoryIndex.from_records(rated.values())
    result = dependency_advisories.run(snapshot, CheckContext(advisories=index))
    sources = {
        f.code: (f.data["severity"], f.data["severity_source"], f.status.value) for f in result.findings
    }
    assert sources == {
        "GHSA-hhhh-hhhh-hhhh": ("moderate", "CVSS:3.1 vector", "fail"),
        "GHSA-iiii-iiii-iiii": ("low", "GHSA database_specific", "fail"),
        "PYSEC-2024-9": ("unknown", "none", "fail"),  # unknown fails by default
        "GHSA-jjjj-jjjj-jjjj": ("critical", "GHSA database_specific", "fail"),  # the PYSEC record merged
    }
    assert result.summary.startswith("4 advisories (1 unknown severity) fail at fail_on=low")
