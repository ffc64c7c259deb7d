"""The OSV schema's evaluation rules, case by case, on small hand-written records."""

from __future__ import annotations

from typing import Any

import pytest

from checks.advisories.osv import (
    CompileStats,
    affects,
    compile_affected,
    evaluate,
    normaliser_for,
    version_key,
)


def record(
    *ranges: dict[str, Any],
    versions: list[str] | None = None,
    eco: str = "npm",
    name: str = "pkg",
    **extra: Any,
) -> dict[str, Any]:
    affected: dict[str, Any] = {"package": {"ecosystem": eco, "name": name}, "ranges": list(ranges)}
    if versions is not None:
        affected["versions"] = versions
    return {"id": "TEST-1", "affected": [affected], **extra}


def semver_range(*events: dict[str, str], kind: str = "SEMVER") -> dict[str, Any]:
    return {"type": kind, "events": list(events)}


def hit(rec: dict[str, Any], version: str, eco: str = "npm", name: str = "pkg") -> bool:
    return affects(rec, eco, name, version)


def test_introduced_fixed_window() -> None:
    rec = record(semver_range({"introduced": "1.0.0"}, {"fixed": "1.2.0"}))
    assert [hit(rec, v) for v in ("0.9.9", "1.0.0", "1.1.9", "1.2.0", "2.0.0")] == [
        False,
        True,
        True,
        False,
        False,
    ]
    assert hit(rec, "1.2.0-rc.1")  # a pre-release of the fix is still affected


def test_introduced_zero_includes_everything_below_the_fix_even_prereleases() -> None:
    rec = record(semver_range({"introduced": "0"}, {"fixed": "1.0.0"}))
    assert hit(rec, "0.0.0-alpha") and hit(rec, "0.0.0") and hit(rec, "0.9.0")
    assert not hit(rec, "1.0.0")


def test_last_affected_is_inclusive() -> None:
    rec = record(semver_range({"introduced": "1.0.0"}, {"last_affected": "1.4.2"}))
    assert hit(rec, "1.4.2") and hit(rec, "1.0.0")
    assert not hit(rec, "1.4.3") and not hit(rec, "0.9.0")


def test_open_ended_introduced_affects_every_later_version() -> None:
    rec = record(semver_range({"introduced": "2.0.0"}))
    assert hit(rec, "99.0.0") and not hit(rec, "1.9.9")


def test_several_windows_in_one_range_and_unsorted_events() -> None:
    rec = record(
        semver_range({"fixed": "2.5.0"}, {"introduced": "2.0.0"}, {"fixed": "1.5.0"}, {"introduced": "0"})
    )
    assert [hit(rec, v) for v in ("1.0.0", "1.5.0", "1.9.0", "2.0.0", "2.4.9", "2.5.0")] == [
        True,
        False,
        False,
        True,
        True,
        False,
    ]


def test_ranges_are_ored() -> None:
    rec = record(
        semver_range({"introduced": "1.0.0"}, {"fixed": "1.1.0"}),
        semver_range({"introduced": "3.0.0"}, {"fixed": "3.1.0"}),
    )
    assert hit(rec, "1.0.5") and hit(rec, "3.0.5") and not hit(rec, "2.0.0")


def test_limit_bounds_the_range() -> None:
    rec = record(semver_range({"introduced": "0"}, {"limit": "2.0.0"}))
    assert hit(rec, "1.9.9") and not hit(rec, "2.0.0") and not hit(rec, "3.0.0")
    star = record(semver_range({"introduced": "1.0.0"}, {"limit": "*"}))
    assert hit(star, "5.0.0")


def test_versions_list_alone_and_union_with_ranges() -> None:
    listed = record(versions=["1.0.0", "1.0.2"])
    assert hit(listed, "1.0.0") and hit(listed, "1.0.2") and not hit(listed, "1.0.1")
    # Django PYSEC-2023-61 shape: pre-releases listed but below the range's introduced
    union = record(
        semver_range({"introduced": "3.2"}, {"fixed": "3.2.18"}, kind="ECOSYSTEM"),
        versions=["3.2a1", "3.2rc1", "3.2"],
        eco="PyPI",
        name="django",
    )
    assert hit(union, "3.2a1", "PyPI", "Django") and hit(union, "3.2.5", "PyPI", "django")
    assert not hit(union, "3.2b1", "PyPI", "django")


def test_withdrawn_records_affect_nothing() -> None:
    rec = record(semver_range({"introduced": "0"}), withdrawn="2024-01-01T00:00:00Z")
    assert not hit(rec, "1.0.0")


def test_git_ranges_are_skipped_but_other_ranges_still_count() -> None:
    rec = record(
        {"type": "GIT", "repo": "https://x/y", "events": [{"introduced": "abc"}, {"fixed": "def"}]},
        semver_range({"introduced": "1.0.0"}, {"fixed": "2.0.0"}, kind="ECOSYSTEM"),
    )
    assert hit(rec, "1.5.0")
    stats = CompileStats()
    compile_affected(rec["affected"][0], "npm", stats=stats)
    assert stats.git_ranges_skipped == 1


def test_empty_and_unparseable_versions_never_fall_in_a_range() -> None:
    rec = record(semver_range({"introduced": "0"}), versions=["weird"])
    assert not hit(rec, "") and not hit(rec, "   ")
    assert not hit(rec, "not-a-version")
    assert hit(rec, "weird")  # exact versions[] membership still applies


def test_unparseable_event_skips_that_range_only() -> None:
    rec = record(
        semver_range({"introduced": "garbage!"}, {"fixed": "2.0.0"}),
        semver_range({"introduced": "3.0.0"}),
    )
    stats = CompileStats()
    compiled = compile_affected(rec["affected"][0], "npm", stats=stats)
    assert stats.unparseable_ranges == 1 and len(compiled.ranges) == 1
    assert hit(rec, "3.1.0") and not hit(rec, "1.0.0")


@pytest.mark.parametrize("bad_event", [{}, {"introduced": "1.0.0", "fixed": "2.0.0"}, {"nope": "1"}])
def test_malformed_events_are_rejected(bad_event: dict[str, str]) -> None:
    stats = CompileStats()
    rec = record({"type": "SEMVER", "events": [{"introduced": "0"}, bad_event]})
    assert compile_affected(rec["affected"][0], "npm", stats=stats).ranges == ()
    assert stats.unparseable_ranges == 1


def test_names_and_ecosystems_are_matched_per_ecosystem_rules() -> None:
    py = record(semver_range({"introduced": "0"}, kind="ECOSYSTEM"), eco="PyPI", name="Foo_Bar.baz")
    assert hit(py, "1.0", "PyPI", "foo-bar-baz") and hit(py, "1.0", "PyPI", "FOO.BAR_BAZ")
    npm = record(semver_range({"introduced": "0"}), name="@scope/Pkg")
    assert hit(npm, "1.0.0", "npm", "@scope/Pkg") and not hit(npm, "1.0.0", "npm", "@scope/pkg")
    assert not hit(npm, "1.0.0", "PyPI", "@scope/Pkg")
    maven = record(
        semver_range({"introduced": "0"}, {"fixed": "2.0"}, kind="ECOSYSTEM"),
        eco="Maven:https://maven.google.com",
        name="androidx.core:core",
    )
    assert hit(maven, "1.0", "Maven", "androidx.core:core")


def test_composer_branches_match_only_listed_versions() -> None:
    rec = record(semver_range({"introduced": "0"}, kind="ECOSYSTEM"), eco="Packagist", name="a/b")
    assert hit(rec, "1.0.0", "Packagist", "a/b") and not hit(rec, "dev-main", "Packagist", "A/B")


def test_fixed_versions_are_the_fixes_closing_the_window() -> None:
    rec = record(
        semver_range({"introduced": "0"}, {"fixed": "1.5.0"}, {"introduced": "2.0.0"}, {"fixed": "2.5.0"}),
        semver_range({"introduced": "2.0.0"}, {"fixed": "2.4.0"}),
        semver_range({"introduced": "2.1.0"}, {"last_affected": "2.6.0"}),
    )
    compiled = compile_affected(rec["affected"][0], "npm")
    assert evaluate(compiled, "1.0.0", version_key("npm", "1.0.0")) == (True, ("1.5.0",))
    assert evaluate(compiled, "2.3.0", version_key("npm", "2.3.0")) == (True, ("2.4.0", "2.5.0"))
    assert evaluate(compiled, "2.6.0", version_key("npm", "2.6.0")) == (True, ())  # no fix known


def test_pypi_versions_membership_uses_pep440_spelling() -> None:
    rec = record(versions=["2.10"], eco="PyPI", name="jinja2")
    assert hit(rec, "2.10.0", "PyPI", "jinja2") and hit(rec, "2.10", "PyPI", "Jinja2")
    assert normaliser_for("Go")("v1.2.3") == "1.2.3"


def test_ecosystem_spellings_and_suffixes() -> None:
    from checks.versions import base_ecosystem, comparator_for

    assert base_ecosystem("Maven:https://maven.google.com") == "Maven"
    assert base_ecosystem("Packagist:https://packages.drupal.org/8") == "Packagist"
    assert base_ecosystem("pypi") == base_ecosystem("pip") == "PyPI"
    assert base_ecosystem("Debian:12") == "Debian:12" and comparator_for("Debian:12") is None
    rec = record(semver_range({"introduced": "0"}, kind="ECOSYSTEM"), eco="PyPI", name="x")
    assert hit(rec, "1.0", "pip", "X")


def test_ghsa_open_ended_hint_does_not_bound_the_range() -> None:
    """`database_specific` has no effect on evaluation: the `<= X` hint of an open range is no bound."""
    rec = record(semver_range({"introduced": "0"}), name="next")
    rec["affected"][0]["database_specific"] = {"last_known_affected_version_range": "<= 13.5.0"}
    assert hit(rec, "13.5.0", name="next") and hit(rec, "14.0.0", name="next")
