"""Hostile and broken input: size, depth, encoding, YAML bombs, duplicate keys."""

from __future__ import annotations

import pytest

from checks.lockfiles import FORMATS, MAX_FILE_BYTES, parse_all, parse_file
from tests.checks.lockfiles.helpers import fixture, parse_failing

ALL_FILE_NAMES = [*sorted({name for name in FORMATS if name != "gems.locked"}), "requirements.txt"]


@pytest.fixture(scope="module")
def sixty_megabytes() -> bytes:
    return b"a" * (60 * 1024 * 1024)


@pytest.mark.parametrize("name", ALL_FILE_NAMES)
def test_files_over_the_size_limit_are_refused(name: str, sixty_megabytes: bytes) -> None:
    error = parse_failing(name, sixty_megabytes).error or ""
    assert "60.0 MB, over the 50 MB limit" in error
    assert MAX_FILE_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize(
    "name", ["package-lock.json", "npm-shrinkwrap.json", "Pipfile.lock", "composer.lock"]
)
def test_json_nested_100000_deep(name: str) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    assert "nested too deeply" in (parse_failing(name, deep).error or "")
    objects = b'{"packages":' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001
    assert "nested too deeply" in (parse_failing(name, objects).error or "")


@pytest.mark.parametrize("name", ["poetry.lock", "uv.lock", "pdm.lock", "Cargo.lock"])
def test_toml_nested_100000_deep(name: str) -> None:
    assert "nested too deeply" in (parse_failing(name, b"a = " + b"[" * 100_000 + b"]" * 100_000).error or "")


@pytest.mark.parametrize("name", ["pnpm-lock.yaml", "yarn.lock"])
def test_yaml_nested_deep(name: str) -> None:
    header = b"__metadata:\n  version: 8\n" if name == "yarn.lock" else b"lockfileVersion: '9.0'\n"
    flow = header + b"x: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    assert "nesting depth" in (parse_failing(name, flow).error or "")
    block = header + b"".join(b" " * i + b"k%d:\n" % i for i in range(3000))
    assert "invalid YAML" in (parse_failing(name, block).error or "")


BILLION_LAUGHS = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + b"".join(
    b"%s: &%s [%s]\n" % (bytes([98 + i]), bytes([98 + i]), b",".join([b"*" + bytes([97 + i])] * 9))
    for i in range(9)
)


def test_billion_laughs_is_refused_without_expanding() -> None:
    pnpm = b"lockfileVersion: 5.4\n" + BILLION_LAUGHS + b"packages:\n  /x/1.0.0: {}\n"
    assert "YAML aliases expand" in (parse_failing("pnpm-lock.yaml", pnpm).error or "")
    berry = b"__metadata:\n  version: 8\n" + BILLION_LAUGHS
    assert "YAML aliases expand" in (parse_failing("yarn.lock", berry).error or "")


def test_recursive_alias_is_refused() -> None:
    recursive = b"lockfileVersion: 5.4\npackages: &p\n  /x/1.0.0: *p\n"
    assert "refers to itself" in (parse_failing("pnpm-lock.yaml", recursive).error or "")


def test_a_few_aliases_are_fine() -> None:
    content = b"lockfileVersion: 5.4\nsettings: &s {a: 1}\nother: *s\npackages:\n  /x/1.0.0: {dev: false}\n"
    parsed, deps = parse_file("pnpm-lock.yaml", content)
    assert parsed.error is None and [(d.name, d.version) for d in deps] == [("x", "1.0.0")]


@pytest.mark.parametrize(
    "name", ["package-lock.json", "Pipfile.lock", "composer.lock", "pnpm-lock.yaml", "Cargo.lock"]
)
def test_invalid_utf8_in_structured_formats_is_an_error_with_the_offset(name: str) -> None:
    error = parse_failing(name, b'{"a": "caf\xe9"}').error or ""
    assert "not valid UTF-8 (byte 0xe9 at offset 10)" in error


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("requirements.txt", b"# caf\xe9\nflask==2.0.0\n", ("flask", "2.0.0")),
        ("go.mod", b"module caf\xe9\nrequire a.b/c v1.0.0\n", ("a.b/c", "v1.0.0")),
        ("Gemfile.lock", b"GEM\n  remote: x\xff\n  specs:\n    rack (2.0.0)\n", ("rack", "2.0.0")),
        ("yarn.lock", b'# \xff\nleft-pad@^1:\n  version "1.3.0"\n', ("left-pad", "1.3.0")),
    ],
)
def test_invalid_utf8_in_line_formats_keeps_the_other_lines(
    name: str, content: bytes, expected: tuple
) -> None:
    parsed, deps = parse_file(name, content)
    assert parsed.error is None
    assert any("invalid UTF-8" in w for w in parsed.warnings)
    assert [(d.name, d.version) for d in deps] == [expected]


def test_duplicate_keys_are_reported_and_the_last_wins() -> None:
    lock = (
        b'{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0"},'
        b' "node_modules/a": {"version": "2.0.0"}}}'
    )
    parsed, deps = parse_file("package-lock.json", lock)
    assert (
        parsed.error is None
        and "duplicate JSON keys" in parsed.warnings[0]
        and "node_modules/a" in parsed.warnings[0]
    )
    assert [(d.name, d.version) for d in deps] == [("a", "2.0.0")]
    yaml_lock = b"lockfileVersion: 5.4\npackages:\n  /x/1.0.0: {}\n  /x/1.0.0: {dev: true}\n"
    parsed, deps = parse_file("pnpm-lock.yaml", yaml_lock)
    assert parsed.error is None and "duplicate YAML key '/x/1.0.0' at line 4" in parsed.warnings[0]
    assert "Cannot overwrite" in (
        parse_failing("Cargo.lock", b'[[package]]\nname = "a"\nname = "b"\n').error or ""
    )


def test_one_hostile_file_does_not_cost_the_others() -> None:
    inventory = parse_all(
        {
            "a/package-lock.json": b"[" * 100_000,
            "b/pnpm-lock.yaml": b"lockfileVersion: 5.4\n" + BILLION_LAUGHS,
            "c/Cargo.lock": b"\xff\xfe",
            "d/yarn.lock": fixture("yarn/generated-v1/yarn.lock"),
        }
    )
    assert set(inventory.errors) == {"a/package-lock.json", "b/pnpm-lock.yaml", "c/Cargo.lock"}
    assert len(inventory.dependencies) == 59


def test_wrong_shapes_are_errors_not_crashes() -> None:
    for name, content in [
        ("package-lock.json", b"[1, 2]"),
        ("package-lock.json", b'{"name": "x"}'),
        ("composer.lock", b'{"packages": 5}'),
        ("poetry.lock", b"package = 5"),
        ("pnpm-lock.yaml", b"- a\n- b\n"),
        ("yarn.lock", b"__metadata:\n- x\n"),
    ]:
        parsed, _ = parse_file(name, content)
        assert parsed.error is None or parsed.error.startswith(f"could not read {name}: "), (name, parsed)
        assert "internal parser error" not in (parsed.error or ""), (name, parsed)


def test_keys_that_cannot_be_found_in_the_text_do_not_cost_quadratic_time() -> None:
    """JSON escapes make every line lookup miss; lines are given up after a few misses."""
    packages = "".join(f'"node_modules/\\u0061{i}": {{"version": "1.0.0"}},' for i in range(20_000))
    content = ('{"lockfileVersion": 3, "packages": {' + packages + '"": {}}}').encode()
    parsed, deps = parse_file("package-lock.json", content)
    assert parsed.error is None and len(deps) == 20_000
    assert deps[0].name == "a0" and all(d.line is None for d in deps)
