"""Finding dependency files, skip rules and parse_all."""

from __future__ import annotations

import json

import pytest

from checks.lockfiles import default_skip, detect_format, is_dependency_file, needs, parse_all
from tests.checks.lockfiles.helpers import fixture

PACKAGE_LOCK = json.dumps(
    {
        "lockfileVersion": 3,
        "packages": {"": {"dependencies": {"a": "1"}}, "node_modules/a": {"version": "1.0.0"}},
    }
).encode()
SHRINKWRAP = json.dumps(
    {
        "lockfileVersion": 3,
        "packages": {"": {"dependencies": {"a": "1"}}, "node_modules/a": {"version": "2.0.0"}},
    }
).encode()


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("package-lock.json", "npm-package-lock"),
        ("web/npm-shrinkwrap.json", "npm-shrinkwrap"),
        ("yarn.lock", "yarn"),
        ("apps/x/pnpm-lock.yaml", "pnpm"),
        ("requirements.txt", "requirements"),
        ("requirements-dev.txt", "requirements"),
        ("dev-requirements.txt", "requirements"),
        ("requirements/base.txt", "requirements"),
        ("poetry.lock", "poetry"),
        ("Pipfile.lock", "pipfile"),
        ("uv.lock", "uv"),
        ("pdm.lock", "pdm"),
        ("go.mod", "go.mod"),
        ("Cargo.lock", "cargo"),
        ("Gemfile.lock", "gemfile"),
        ("composer.lock", "composer"),
    ],
)
def test_known_files_and_their_needs(path: str, fmt: str) -> None:
    assert detect_format(path) == fmt
    assert any(need.matches(path) for need in needs())


@pytest.mark.parametrize(
    "path", ["mypackage-lock.json", "package.json", "README.txt", "go.sum", "yarn.lock.bak"]
)
def test_other_files_are_not_dependency_files(path: str) -> None:
    assert not is_dependency_file(path)


def test_files_fetched_only_to_complete_others() -> None:
    for path in ("svc/go.sum", "constraints.txt", "reqs/constraints-prod.txt"):
        assert any(need.matches(path) for need in needs()) and not is_dependency_file(path)


def test_needs_allow_large_lockfiles() -> None:
    assert all(need.max_bytes >= 50 * 1024 * 1024 for need in needs())


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("node_modules/x/package-lock.json", "node_modules"),
        ("vendor/github.com/x/go.mod", "vendored"),
        ("third_party/lib/Cargo.lock", "vendored"),
        ("tests/fixtures/yarn.lock", "fixtures"),
        ("pkg/testdata/go.mod", "fixtures"),
        ("src/__fixtures__/package-lock.json", "fixtures"),
        ("examples/demo/requirements.txt", "fixtures"),
        ("test/package-lock.json", "fixtures"),
    ],
)
def test_default_skips(path: str, reason: str) -> None:
    assert reason in (default_skip(path) or "")


def test_fixture_folders_can_be_included_but_node_modules_cannot() -> None:
    assert default_skip("tests/yarn.lock", include_fixtures=True) is None
    assert default_skip("node_modules/a/yarn.lock", include_fixtures=True) is not None


def test_skip_paths_globs_and_prefixes() -> None:
    assert "legacy/" in (default_skip("legacy/app/yarn.lock", skip_paths=["legacy/"]) or "")
    assert default_skip("apps/old/yarn.lock", skip_paths=["apps/old"]) is not None
    assert default_skip("apps/x/docs/requirements.txt", skip_paths=["*/docs/*"]) is not None
    assert default_skip("apps/new/yarn.lock", skip_paths=["apps/old", "legacy/"]) is None
    assert default_skip("src/testing/go.mod") is None  # only whole folder names count


def test_parse_all_monorepo_skips_and_errors() -> None:
    files = {
        "package-lock.json": PACKAGE_LOCK,
        "services/api/requirements.txt": b"flask==2.0.1\nrequests\n",
        "services/web/yarn.lock": fixture("yarn/generated-v1/yarn.lock"),
        "services/broken/Cargo.lock": b"[[package]\nname=",
        "node_modules/a/package-lock.json": PACKAGE_LOCK,
        "tests/fixtures/go.mod": b"module x\nrequire a.b/c v1.0.0\n",
        "README.md": b"# hi",
    }
    inventory = parse_all(files)
    assert [f.path for f in inventory.files] == [
        "package-lock.json",
        "services/api/requirements.txt",
        "services/broken/Cargo.lock",
        "services/web/yarn.lock",
    ]
    assert set(inventory.skipped) == {"node_modules/a/package-lock.json", "tests/fixtures/go.mod"}
    broken = inventory.files[2]
    assert broken.count == 0 and (broken.error or "").startswith(
        "could not read services/broken/Cargo.lock: "
    )
    assert inventory.errors == {"services/broken/Cargo.lock": broken.error}
    by_file = {f.path: f.count for f in inventory.files}
    assert by_file["services/web/yarn.lock"] == 59 and by_file["services/api/requirements.txt"] == 2
    assert len(inventory.dependencies) == 1 + 2 + 59
    assert ("requests", None) in {(d.name, d.version) for d in inventory.dependencies}

    with_fixtures = parse_all(files, include_fixtures=True, skip_paths=["services/web/"])
    assert "tests/fixtures/go.mod" in {f.path for f in with_fixtures.files}
    assert "services/web/yarn.lock" in with_fixtures.skipped


def test_shrinkwrap_wins_over_package_lock_in_the_same_folder() -> None:
    inventory = parse_all(
        {
            "app/package-lock.json": PACKAGE_LOCK,
            "app/npm-shrinkwrap.json": SHRINKWRAP,
            "lib/package-lock.json": PACKAGE_LOCK,
        }
    )
    assert "shrinkwrap" in inventory.skipped["app/package-lock.json"]
    assert {(d.file, d.version) for d in inventory.dependencies} == {
        ("app/npm-shrinkwrap.json", "2.0.0"),
        ("lib/package-lock.json", "1.0.0"),
    }


def test_included_requirements_are_reported_once() -> None:
    files = {
        "requirements.txt": b"-r requirements-base.txt\ndjango==4.2.0\n",
        "requirements-base.txt": b"six==1.16.0\n",
    }
    inventory = parse_all(files)
    assert sorted((d.name, d.file, d.line) for d in inventory.dependencies) == [
        ("django", "requirements.txt", 2),
        ("six", "requirements-base.txt", 1),
    ]


def test_credentials_in_quoted_lines_never_reach_messages() -> None:
    content = b"git+https://ghp_SECRET123@github.com/org/private.git@v1#egg=private\nok==1.0\n-r https://u:pw@x.org/r.txt\n"
    inventory = parse_all({"requirements.txt": content})
    messages = " ".join(inventory.files[0].warnings)
    assert "SECRET" not in messages and ":pw@" not in messages
    assert "***@github.com" in messages
    assert [(d.name, d.version) for d in inventory.dependencies] == [("ok", "1.0")]
