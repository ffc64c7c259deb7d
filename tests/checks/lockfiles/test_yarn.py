"""yarn.lock v1 and Berry."""

from __future__ import annotations

from tests.checks.lockfiles.helpers import corpus, find, fixture, pairs, parse_failing, parse_ok

YARN = "javascript/yarnlock/testdata"


def test_generated_v1_and_berry_agree() -> None:
    """Written by yarn 1.22 and yarn 4 for the same package.json as the npm fixtures."""
    classic = parse_ok("yarn.lock", fixture("yarn/generated-v1/yarn.lock"))
    berry = parse_ok("yarn.lock", fixture("yarn/generated-berry/yarn.lock"))
    assert len(classic) == len(berry) == 59
    assert pairs(classic) == pairs(berry)
    assert find(classic, "lodash").version == "4.17.15"
    assert find(classic, "string-width").version == "4.2.3"  # alias string-width-cjs
    assert {d.direct for d in classic} == {None}
    assert {d.name for d in berry if d.direct} == {"express", "lodash", "string-width", "minimist"}


def test_v1_lines_point_at_the_entry_header() -> None:
    content = fixture("yarn/generated-v1/yarn.lock")
    express = find(parse_ok("yarn.lock", content), "express")
    assert content.decode().splitlines()[express.line - 1].startswith("express@")  # type: ignore[operator]


def test_aliases_use_the_real_name() -> None:
    for name in ("with-aliases.v1.lock", "with-aliases.v2.lock"):
        deps = parse_ok("yarn.lock", corpus(f"{YARN}/{name}"))
        assert pairs(deps) == {
            ("ansi-regex", "5.0.1"),
            ("ansi-regex", "6.0.1"),
            ("@babel/helper-validator-identifier", "7.22.20"),
        }


def test_quoted_fields_and_scoped_names() -> None:
    deps = parse_ok("yarn.lock", corpus(f"{YARN}/with-quotes.v1.lock"))
    assert pairs(deps) == {("concat-map", "0.0.1"), ("concat-stream", "1.6.2")}
    scoped = parse_ok("yarn.lock", corpus(f"{YARN}/scoped-packages.v1.lock"))
    assert all(d.name.startswith("@") for d in scoped)


def test_git_file_link_and_workspace_entries_are_skipped() -> None:
    assert parse_ok("yarn.lock", corpus(f"{YARN}/commits.v1.lock")) == []
    assert parse_ok("yarn.lock", corpus(f"{YARN}/commits.v2.lock")) == []
    assert parse_ok("yarn.lock", corpus(f"{YARN}/files.v2.lock")) == []
    assert pairs(parse_ok("yarn.lock", corpus(f"{YARN}/files.v1.lock"))) == {
        ("etag", "1.8.1"),
        ("lodash", "1.3.1"),
    }
    root = parse_ok("yarn.lock", corpus(f"{YARN}/exclude-root.v2.lock"))
    assert [(d.name, d.version, d.direct) for d in root] == [("ansi-regex", "6.1.0", True)]


def test_prerelease_and_build_versions() -> None:
    deps = parse_ok("yarn.lock", corpus(f"{YARN}/with-prerelease.v2.lock"))
    assert ("gensync", "1.0.0-beta.2") in pairs(deps)
    build = parse_ok("yarn.lock", corpus(f"{YARN}/with-build-string.v1.lock"))
    assert pairs(build) == {("tslib", "2.6.2")}  # the git-hosted domino is skipped


def test_v1_without_range_and_broken_header() -> None:
    deps = parse_ok("yarn.lock", corpus(f"{YARN}/no-version.v1.lock"))
    assert pairs(deps) == {("balanced-match", "1.0.2")}
    broken = parse_failing("yarn.lock", b"# yarn lockfile v1\n\nnot a header\n  version 1\n")
    assert "line 3" in (broken.error or "")
