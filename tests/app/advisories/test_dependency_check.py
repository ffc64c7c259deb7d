"""The pure `dependency-advisories` check with hand-written advisories and configs."""

from __future__ import annotations

from checks import dependency_advisories as check
from checks.advisories.index import AdvisoryIndex
from checks.config import DependencyConfig, IgnoreRule, RepoConfig
from checks.model import CheckContext, RepoFacts, Snapshot, Status
from tests.app.advisories.conftest import osv

REQUIREMENTS = b"Jinja2==2.10\nrequests==2.0.0\nflask\n"


def _snapshot(files: dict[str, bytes]) -> Snapshot:
    return Snapshot(repo=RepoFacts("o", "r"), paths=tuple(files), files=files)


def _index() -> AdvisoryIndex:
    jinja = osv("PYSEC-1", "PyPI", "Jinja2", [{"introduced": "0"}, {"fixed": "2.10.1"}], aliases=["CVE-1"])
    requests = osv("PYSEC-2", "PyPI", "requests", [{"introduced": "0"}, {"fixed": "2.3.0"}])
    for record, severity in ((jinja, "HIGH"), (requests, "LOW")):
        record["affected"][0]["ranges"][0]["type"] = "ECOSYSTEM"
        record["database_specific"] = {"severity": severity}
    return AdvisoryIndex.from_records([jinja, requests])


def test_fails_on_high_and_lists_everything() -> None:
    config = RepoConfig(dependencies=DependencyConfig(fail_on="high"))
    result = check.run(
        _snapshot({"requirements.txt": REQUIREMENTS}), CheckContext(config=config, advisories=_index())
    )
    assert result.status is Status.FAIL
    assert result.summary == (
        "1 advisory fails at fail_on=high in 2 dependencies in 1 file, 1 unpinned and not checked"
    )
    high, low = result.findings
    assert (high.code, high.status, high.location) == ("PYSEC-1", Status.FAIL, high.location)
    assert high.location is not None and (high.location.path, high.location.line) == ("requirements.txt", 1)
    assert high.data["aliases"] == ["CVE-1"] and high.data["fixed_versions"] == ["2.10.1"]
    # the index gives the advisories' ranges: the remediation is the package's upgrade plan
    assert high.remediation == high.data["upgrade"] == "upgrade jinja2 2.10 -> 2.10.1: fixes 1 advisory"
    assert low.status is Status.PASS
    assert result.data["counts"] == {"high": 1, "low": 1}
    assert result.data["packages"] == [["PyPI", "jinja2", "2.10"], ["PyPI", "requests", "2.0.0"]]


def test_by_default_any_rated_advisory_fails() -> None:
    result = check.run(_snapshot({"requirements.txt": REQUIREMENTS}), CheckContext(advisories=_index()))
    assert (result.data["fail_on"], result.data["unknown_severity"]) == ("low", "fail")
    assert [(f.code, f.status) for f in result.findings] == [
        ("PYSEC-1", Status.FAIL),
        ("PYSEC-2", Status.FAIL),
    ]
    assert result.status is Status.FAIL
    assert result.summary.startswith("2 advisories fail at fail_on=low in 2 dependencies in 1 file")


def test_config_threshold_ignore_and_skip_paths() -> None:
    files = {"requirements.txt": REQUIREMENTS, "tools/requirements.txt": b"jinja2==2.9\n"}
    config = RepoConfig(dependencies=DependencyConfig(fail_on="critical", skip_paths=("tools/",)))
    result = check.run(_snapshot(files), CheckContext(config=config, advisories=_index()))
    assert result.status is Status.PASS
    assert result.summary.startswith("2 advisories, none failing (fail_on=critical) in 2 dependencies")
    assert "tools/requirements.txt" in result.data["skipped"]

    # the low requests advisory would fail at the default threshold: this is about the ignore rule
    ignore = (IgnoreRule("CVE-1", reason="accepted"),)
    config = RepoConfig(dependencies=DependencyConfig(fail_on="high", ignore=ignore))
    result = check.run(_snapshot(files), CheckContext(config=config, advisories=_index()))
    assert result.status is Status.PASS
    assert [i["advisory_id"] for i in result.data["ignored"]] == ["PYSEC-1", "PYSEC-1"]


def test_not_applicable_error_and_unreadable() -> None:
    assert check.run(_snapshot({"README.md": b"x"}), CheckContext()).status is Status.NOT_APPLICABLE
    fixture_only = check.run(_snapshot({"tests/requirements.txt": b"a==1\n"}), CheckContext())
    assert fixture_only.status is Status.NOT_APPLICABLE and "1 skipped" in fixture_only.summary

    no_db = check.run(_snapshot({"requirements.txt": REQUIREMENTS}), CheckContext())
    assert no_db.status is Status.ERROR and no_db.summary.startswith("advisory database not loaded")
    assert no_db.data["packages"]  # the inventory is still recorded

    broken = check.run(_snapshot({"Cargo.lock": b"[[package\n"}), CheckContext(advisories=_index()))
    assert broken.status is Status.ERROR and "could not read any" in broken.summary
    assert broken.data["unreadable"]["Cargo.lock"].startswith("could not read Cargo.lock")


def test_severity_threshold_order() -> None:
    assert check.reaches("critical", "high") and check.reaches("high", "high")
    assert not check.reaches("moderate", "high") and not check.reaches("unknown", "low")
