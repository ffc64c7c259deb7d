"""poetry.lock, Pipfile.lock, uv.lock, pdm.lock."""

from __future__ import annotations

from tests.checks.lockfiles.helpers import corpus, find, fixture, pairs, parse_failing, parse_ok

PY = "python"


def test_uv_generated_lockfile() -> None:
    """Written by `uv lock` for requests==2.31.0, Jinja2==3.1.2 and a dev group with pytest==7.4.0."""
    deps = parse_ok("uv.lock", fixture("uv/generated/uv.lock"))
    assert not any(d.name == "fixture-app" for d in deps)  # the project itself
    assert find(deps, "requests").version == "2.31.0" and find(deps, "requests").direct
    assert find(deps, "jinja2").version == "3.1.2"  # normalised name
    pytest_dep = find(deps, "pytest")
    assert pytest_dep.dev and pytest_dep.direct and pytest_dep.version == "7.4.0"
    assert find(deps, "pluggy").dev and not find(deps, "pluggy").direct  # only pytest needs it
    assert not find(deps, "idna").dev and find(deps, "idna").direct is False
    assert find(deps, "markupsafe").line is not None


def test_poetry_generated_lockfile_agrees_with_uv() -> None:
    """Written by poetry 2.5 (through PyPI's simple API, a `legacy` source) for the same pins as uv."""
    poetry = parse_ok("poetry.lock", fixture("poetry/generated/poetry.lock"))
    uv = parse_ok("uv.lock", fixture("uv/generated/uv.lock"))
    assert len(poetry) == 12
    assert {(d.name, d.version, d.dev) for d in poetry} == {(d.name, d.version, d.dev) for d in uv}
    jinja = find(poetry, "jinja2")
    assert (jinja.version, jinja.line, jinja.direct) == ("3.1.2", 262, None)


def test_uv_corpus() -> None:
    grouped = parse_ok("uv.lock", corpus(f"{PY}/uvlock/testdata/grouped-packages.lock"))
    assert len(grouped) == 14 and find(grouped, "black").line == 5
    assert parse_ok("uv.lock", corpus(f"{PY}/uvlock/testdata/source-git.lock")) == []
    outside = parse_ok("uv.lock", corpus(f"{PY}/uvlock/testdata/names-outside-package-block.lock"))
    assert [(d.name, d.version, d.line) for d in outside] == [
        ("first-pkg", "1.0.0", 5),
        ("second-pkg", "2.0.0", 18),
    ]


def test_poetry() -> None:
    deps = parse_ok("poetry.lock", corpus(f"{PY}/poetrylock/testdata/multiple-packages.v2.lock"))
    assert len(deps) == 11
    assert find(deps, "proto-plus", "1.23.0").line == 71
    assert find(deps, "faker").dev and not find(deps, "redis").dev
    assert parse_ok("poetry.lock", corpus(f"{PY}/poetrylock/testdata/source-git.lock")) == []
    legacy = parse_ok("poetry.lock", corpus(f"{PY}/poetrylock/testdata/source-legacy.lock"))
    assert len(legacy) == 1


def test_pipfile() -> None:
    deps = parse_ok("Pipfile.lock", corpus(f"{PY}/pipfilelock/testdata/multiple-packages.json"))
    assert [(d.name, d.version, d.dev, d.line) for d in deps] == [
        ("itsdangerous", "2.1.2", False, 19),
        ("pluggy", "1.0.1", False, 27),
        ("markupsafe", "2.1.1", False, 32),
        ("itsdangerous", "2.1.2", True, 80),
        ("pluggy", "1.0.0", True, 88),
    ]
    assert parse_ok("Pipfile.lock", corpus(f"{PY}/pipfilelock/testdata/no-version.json")) == []
    assert len(parse_ok("Pipfile.lock", corpus(f"{PY}/pipfilelock/testdata/minified.json"))) == 1
    assert "empty" in (parse_failing("Pipfile.lock", b"").error or "")


def test_pdm() -> None:
    deps = parse_ok("pdm.lock", corpus(f"{PY}/pdmlock/testdata/dev-dependency.toml"))
    assert [(d.name, d.dev) for d in deps] == [("pyroute2", True), ("toml", False), ("win-inet-pton", True)]
    assert parse_ok("pdm.lock", corpus(f"{PY}/pdmlock/testdata/git-dependency.toml")) == []


def test_small_handwritten_locks() -> None:
    poetry = b"""[[package]]
name = "Django"
version = "4.2.0"
groups = ["main"]

[[package]]
name = "pytest"
version = "8.0.0"
groups = ["dev"]
"""
    assert [(d.name, d.version, d.dev, d.line) for d in parse_ok("poetry.lock", poetry)] == [
        ("django", "4.2.0", False, 2),
        ("pytest", "8.0.0", True, 7),
    ]
    pipfile = (
        b'{"_meta": {}, "default": {"Requests": {"version": "==2.0.0"}, "x": {"version": "*"}},'
        b' "develop": {}}'
    )
    assert pairs(parse_ok("Pipfile.lock", pipfile)) == {("requests", "2.0.0")}
    uv = b"""version = 1
[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "six" }]
[[package]]
name = "six"
version = "1.16.0"
source = { registry = "https://pypi.org/simple" }
"""
    assert [(d.name, d.direct, d.line) for d in parse_ok("uv.lock", uv)] == [("six", True, 8)]
