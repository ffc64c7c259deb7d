"""pnpm-lock.yaml 5.x, 6.x, 9.x."""

from __future__ import annotations

import pytest

from tests.checks.lockfiles.helpers import corpus, find, fixture, pairs, parse_failing, parse_ok

PNPM = "javascript/pnpmlock/testdata"


@pytest.mark.parametrize("version", ["v54", "v6", "v9"])
def test_generated_lockfiles(version: str) -> None:
    """Written by pnpm 7 (5.4), pnpm 8 (6.0) and pnpm 9 (9.0) for the npm fixtures' package.json."""
    deps = parse_ok("pnpm-lock.yaml", fixture(f"pnpm/generated-{version}/pnpm-lock.yaml"))
    yarn = parse_ok("yarn.lock", fixture("yarn/generated-v1/yarn.lock"))
    assert pairs(deps) == pairs(yarn)
    assert {d.name for d in deps if d.direct} == {"express", "lodash", "string-width", "minimist"}
    assert [d.name for d in deps if d.dev] == ["minimist"]
    assert find(deps, "qs").direct is False


def test_key_formats_of_every_version() -> None:
    for name in (
        "mixed-groups.v53.yaml",
        "mixed-groups.v54.yaml",
        "mixed-groups.v6.yaml",
        "mixed-groups.v9.yaml",
    ):
        deps = parse_ok("pnpm-lock.yaml", corpus(f"{PNPM}/{name}"))
        assert {d.name for d in deps} == {"ansi-regex", "is-number", "uuid"}, name
        assert [d.name for d in deps if d.dev] == ["is-number"], name
        assert all(d.direct for d in deps), name


def test_peer_suffixes_are_not_part_of_the_version() -> None:
    v5 = parse_ok("pnpm-lock.yaml", corpus(f"{PNPM}/peer-dependencies.yaml"))
    assert pairs(v5) == {("acorn-jsx", "5.3.2"), ("acorn", "8.7.0")}
    v9 = parse_ok("pnpm-lock.yaml", corpus(f"{PNPM}/peer-dependencies-advanced.v9.yaml"))
    plugin = find(v9, "@typescript-eslint/eslint-plugin")
    assert plugin.version == "5.62.0" and plugin.direct and plugin.line == 36
    assert find(v9, "debug").direct is False


def test_exotic_keys_and_tarballs() -> None:
    exotic = parse_ok("pnpm-lock.yaml", corpus(f"{PNPM}/exotic.yaml"))
    assert ("foo", "1.1.0") in pairs(exotic) and ("@foo/bar", "1.0.0") in pairs(exotic)
    assert not any("/" in d.version for d in exotic if d.version)
    tarball = parse_ok("pnpm-lock.yaml", corpus(f"{PNPM}/tarball.yaml"))
    assert [(d.name, d.version, d.dev) for d in tarball] == [("@my-org/my-package", "3.2.3", True)]


def test_git_and_file_entries_are_skipped() -> None:
    for name in ("commits.yaml", "commits.v9.yaml", "files.yaml"):
        assert parse_ok("pnpm-lock.yaml", corpus(f"{PNPM}/{name}")) == [], name


def test_invalid_paths_do_not_crash() -> None:
    deps = parse_ok("pnpm-lock.yaml", corpus(f"{PNPM}/invalid-paths.yaml"))
    assert pairs(deps) == {("acorn", "8.7.0")}


def test_not_a_pnpm_lockfile() -> None:
    assert "lockfileVersion" in (parse_failing("pnpm-lock.yaml", b"hello: world\n").error or "")
