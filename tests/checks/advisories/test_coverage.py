"""Coverage of the advisory data: an ecosystem read with no advisories, or with a sync older than the
allowed age, is a gap, and the dependency check never passes on a gap (but still reports findings)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from checks import dependency_advisories
from checks.advisories.coverage import coverage_gap, gap_summary
from checks.model import (
    AdvisoryCoverage,
    AdvisoryFinding,
    AdvisoryMatcher,
    CheckContext,
    CheckResult,
    Dependency,
    RepoFacts,
    Severity,
    Snapshot,
    Status,
)

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
LOCK = (
    b'{"lockfileVersion": 3, "packages": {"": {"name": "w"}, "node_modules/lodash": {"version": "4.17.15"}}}'
)


def coverage(synced: dict[str, datetime], held: set[str] | None = None) -> AdvisoryCoverage:
    return AdvisoryCoverage(
        ecosystems=frozenset(held if held is not None else synced),
        synced_at=synced,
        max_age=24 * HOUR,
        sources=1 if synced else 0,
    )


def test_no_coverage_facts_is_no_judgement() -> None:
    assert coverage_gap(None, ["npm"], NOW) is None


def test_fresh_data_for_every_ecosystem_read_is_no_gap() -> None:
    assert coverage_gap(coverage({"npm": NOW - HOUR, "PyPI": NOW - 23 * HOUR}), ["npm", "PyPI"], NOW) is None
    assert coverage_gap(coverage({}), [], NOW) is None  # nothing read, nothing to cover


def test_an_ecosystem_without_advisories_is_missing() -> None:
    gap = coverage_gap(coverage({"npm": NOW}), ["npm", "PyPI", "Go"], NOW)
    assert gap is not None and gap.missing == ("Go", "PyPI")
    assert gap.summary() == "advisory data missing for Go, PyPI"


def test_no_source_at_all_says_so() -> None:
    gap = coverage_gap(coverage({}), ["npm"], NOW)
    assert gap is not None and gap.no_source
    assert gap.summary() == "no advisory source has run: advisory data missing for npm"


def test_a_sync_older_than_the_max_age_is_stale_since_the_oldest() -> None:
    old, older = NOW - 25 * HOUR, NOW - 72 * HOUR
    gap = coverage_gap(coverage({"npm": old, "PyPI": older, "Go": NOW}), ["npm", "PyPI", "Go"], NOW)
    assert gap is not None and gap.missing == ()
    assert gap.summary() == "advisory data stale since 2026-12-02 12:00 UTC (PyPI, npm)"
    assert gap.data()["stale"] == {"PyPI": older.isoformat(), "npm": old.isoformat()}


def test_data_never_synced_is_stale_and_versioned_ecosystems_count_as_their_base() -> None:
    gap = coverage_gap(coverage({}, held={"Maven"}), ["Maven:https://repo.maven.apache.org/maven2"], NOW)
    assert gap is not None and gap.stale == (("Maven", None),)
    assert gap.summary() == "no advisory source has run: advisory data stale since never synced (Maven)"


def test_gap_summary_reads_what_a_result_recorded() -> None:
    assert gap_summary({}) is None
    assert gap_summary({"advisory_data": "nonsense"}) is None
    assert gap_summary({"advisory_data": {"summary": ""}}) is None
    assert gap_summary({"advisory_data": {"summary": "advisory data missing for npm"}}) == (
        "advisory data missing for npm"
    )


class OneFinding:
    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]:
        dep = dependencies[0]
        return [
            AdvisoryFinding(
                "GHSA-1",
                (),
                "bad",
                Severity.LOW,
                None,
                dep.ecosystem,
                dep.name,
                dep.version or "",
                (),
                dep.file,
                dep.line,
                True,
            )
        ]


class NoFindings:
    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]:
        return []


def run(matcher: AdvisoryMatcher, data: AdvisoryCoverage | None, fail_on: str = "high") -> CheckResult:
    files = {"package-lock.json": LOCK}
    snapshot = Snapshot(RepoFacts("acme", "w"), paths=tuple(files), files=files)
    config = CheckContext().config
    config = dataclasses.replace(
        config, dependencies=dataclasses.replace(config.dependencies, fail_on=fail_on)
    )
    context = CheckContext(config=config, advisories=matcher, now=NOW, advisory_data=data)
    return dependency_advisories.run(snapshot, context)


def test_the_check_never_passes_on_missing_data_and_still_reports_findings() -> None:
    result = run(OneFinding(), coverage({}))
    assert result.status is Status.ERROR
    assert result.summary.startswith("no advisory source has run: advisory data missing for npm; 1 advis")
    assert [f.code for f in result.findings] == ["GHSA-1"]
    assert result.data["advisory_data"]["missing"] == ["npm"]


def test_stale_data_turns_a_pass_into_an_error_and_fresh_data_passes() -> None:
    stale = run(NoFindings(), coverage({"npm": NOW - 30 * HOUR}))
    assert stale.status is Status.ERROR
    assert stale.summary.startswith("advisory data stale since 2026-12-04 06:00 UTC (npm); no known advis")
    fresh = run(NoFindings(), coverage({"npm": NOW - HOUR}))
    assert fresh.status is Status.PASS and "advisory_data" not in fresh.data


def test_a_failing_finding_stays_a_failure_when_the_data_is_stale() -> None:
    result = run(OneFinding(), coverage({"npm": NOW - 30 * HOUR}), fail_on="low")
    assert result.status is Status.FAIL
    assert result.summary.startswith(
        "advisory data stale since 2026-12-04 06:00 UTC (npm); 1 advisory fails at fail_on=low"
    )
