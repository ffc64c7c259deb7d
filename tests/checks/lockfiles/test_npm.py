"""npm package-lock.json v1/v2/v3 and npm-shrinkwrap.json."""

from __future__ import annotations

import json

import pytest

from tests.checks.lockfiles.helpers import corpus, find, fixture, pairs, parse_ok

NPM = "javascript/packagelockjson/testdata"


@pytest.mark.parametrize("version", ["v1", "v2", "v3"])
def test_generated_lockfiles_read_every_registry_package(version: str) -> None:
    """Written by npm 6 (v1) and npm 11 (v2, v3) for lodash@4.17.15, express@4.17.1, an alias, a dev dep."""
    content = fixture(f"npm/generated-{version}/package-lock.json")
    deps = parse_ok("package-lock.json", content)
    assert len(deps) == 57
    assert {d.ecosystem for d in deps} == {"npm"}
    lodash = find(deps, "lodash")
    assert lodash.version == "4.17.15" and not lodash.dev
    assert find(deps, "minimist").dev  # devDependencies
    # the alias string-width-cjs -> string-width@4.2.3 is reported under its real name
    assert find(deps, "string-width").version == "4.2.3"
    assert not any(d.name == "string-width-cjs" for d in deps)
    # line of the entry
    line = content.decode().splitlines()[lodash.line - 1]  # type: ignore[operator]
    assert "lodash" in line
    if version == "v1":
        assert {d.direct for d in deps} == {None}
    else:
        assert {d.name for d in deps if d.direct} == {"express", "lodash", "string-width", "minimist"}
        assert find(deps, "qs").direct is False


def test_v2_and_v3_agree_with_the_nested_tree() -> None:
    v1 = parse_ok("package-lock.json", fixture("npm/generated-v1/package-lock.json"))
    v3 = parse_ok("package-lock.json", fixture("npm/generated-v3/package-lock.json"))
    assert pairs(v1) == pairs(v3)


def test_alias_v1_and_v2_report_the_real_package() -> None:
    for name in ("alias.v1.json", "alias.v2.json"):
        deps = parse_ok("package-lock.json", corpus(f"{NPM}/{name}"))
        assert pairs(deps) == {
            ("@babel/code-frame", "7.0.0"),
            ("string-width", "5.1.2"),
            ("string-width", "4.2.0"),
        }
    deps = parse_ok("package-lock.json", corpus(f"{NPM}/alias.v2.json"))
    assert find(deps, "string-width", "4.2.0").line == 32  # "node_modules/string-width-cjs": {


def test_git_dependencies_are_not_registry_packages() -> None:
    for name in ("commits.v1.json", "commits.v2.json"):
        deps = parse_ok("package-lock.json", corpus(f"{NPM}/{name}"))
        assert pairs(deps) == {("ansi-styles", "1.0.0"), ("postcss-calc", "7.0.1")}


def test_local_file_and_workspace_entries_are_skipped() -> None:
    deps = parse_ok("package-lock.json", corpus(f"{NPM}/files.v2.json"))
    # deps/etag (a local folder) is skipped; its nested abbrev and the hoisted one are real packages
    assert pairs(deps) == {("abbrev", "1.0.9"), ("abbrev", "2.3.4")}
    assert all(d.dev for d in deps)
    v1 = parse_ok("package-lock.json", corpus(f"{NPM}/files.v1.json"))
    assert not any(d.name == "etag" for d in v1)


def test_bundled_dev_and_direct_flags() -> None:
    deps = parse_ok("package-lock.json", corpus(f"{NPM}/bundled-dependencies.v3.json"))
    assert find(deps, "semver").dev and find(deps, "semver").direct
    assert find(deps, "strip-ansi").direct and not find(deps, "strip-ansi").dev
    assert find(deps, "ansi-regex").direct is False
    assert find(deps, "ansi-regex").line == 22


def test_nested_node_modules_duplicates_are_all_reported() -> None:
    deps = parse_ok("package-lock.json", corpus(f"{NPM}/nested-dependencies-dup.v2.json"))
    assert len([d for d in deps if d.name == "supports-color" and d.version == "6.1.0"]) == 34
    assert len({d.line for d in deps}) == len(deps)  # each entry has its own line


def test_v1_dev_flag() -> None:
    deps = parse_ok("package-lock.json", corpus(f"{NPM}/one-package-dev.v1.json"))
    assert [(d.name, d.version, d.dev) for d in deps] == [("wrappy", "1.0.2", True)]


def test_workspaces_link_entries_and_direct_per_workspace() -> None:
    lock = {
        "lockfileVersion": 3,
        "packages": {
            "": {"workspaces": ["packages/a"], "dependencies": {"left-pad": "1.3.0"}},
            "packages/a": {"name": "a", "version": "1.0.0", "dependencies": {"chalk": "^2"}},
            "node_modules/a": {"resolved": "packages/a", "link": True},
            "node_modules/left-pad": {"version": "1.3.0"},
            "packages/a/node_modules/chalk": {"version": "2.4.2"},
            "node_modules/chalk": {"version": "4.1.2"},
            "node_modules/chalk/node_modules/ansi-styles": {"version": "4.3.0"},
        },
    }
    text = json.dumps(lock, indent=2)
    deps = parse_ok("package-lock.json", text.encode())
    assert pairs(deps) == {
        ("left-pad", "1.3.0"),
        ("chalk", "2.4.2"),
        ("chalk", "4.1.2"),
        ("ansi-styles", "4.3.0"),
    }
    assert find(deps, "chalk", "2.4.2").direct is True
    assert find(deps, "ansi-styles").direct is False
    assert text.splitlines()[find(deps, "left-pad").line - 1].strip() == '"node_modules/left-pad": {'  # type: ignore[operator]


def test_minified_lockfile_still_has_lines() -> None:
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/x": {"version": "1.0.0"}}}
    deps = parse_ok("package-lock.json", json.dumps(lock).encode())
    assert deps[0].line == 1
