"""Fuzzing: arbitrary bytes and mutated valid files never raise anything but LockfileError."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.lockfiles import FORMATS, LockfileError, parse_file, requirements
from tests.checks.lockfiles.helpers import FIXTURES

# Small valid files of every format (tests/fixtures/lockfiles/<format>/seed/<file name>), keyed by
# the lower-case file name the registry uses.
SEEDS: dict[str, bytes] = {path.name.lower(): path.read_bytes() for path in FIXTURES.glob("*/seed/*")}
FILE_NAMES = sorted(SEEDS)
# LOCKFILE_FUZZ_EXAMPLES raises the budget for a longer local run; the suite keeps it modest.
FUZZ = settings(
    max_examples=int(os.environ.get("LOCKFILE_FUZZ_EXAMPLES", "40")),
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


def _file_name(key: str) -> str:
    return {"pipfile.lock": "Pipfile.lock", "cargo.lock": "Cargo.lock", "gemfile.lock": "Gemfile.lock"}.get(
        key, key
    )


def _call_parser(key: str, content: bytes) -> None:
    """The parser itself: only LockfileError may escape."""
    try:
        if key == "requirements.txt":
            requirements.parse("requirements.txt", content, warnings=[], read={"other.txt": content}.get)
        else:
            FORMATS[key][1](_file_name(key), content, warnings=[])
    except LockfileError:
        pass


def _check(key: str, content: bytes) -> None:
    _call_parser(key, content)
    parsed, deps = parse_file(_file_name(key), content, {"other.txt": content}.get)
    assert parsed.count == len(deps)
    assert parsed.error is None or "internal parser error" not in parsed.error, parsed.error


def test_seeds_are_valid() -> None:
    assert len(FILE_NAMES) == 13
    for key in FILE_NAMES:
        parsed, deps = parse_file(_file_name(key), SEEDS[key])
        assert parsed.error is None and deps, (key, parsed)


@FUZZ
@given(key=st.sampled_from(FILE_NAMES), content=st.binary(max_size=2000))
def test_arbitrary_bytes(key: str, content: bytes) -> None:
    _check(key, content)


@st.composite
def byte_mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    key = draw(st.sampled_from(FILE_NAMES))
    data = bytearray(SEEDS[key])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        chunk = draw(
            st.binary(min_size=1, max_size=8)
            | st.sampled_from([b"\n", b" ", b'"', b"@", b"[", b"{", b"#", b"\\"])
        )
        if action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at : at + len(chunk)]
        elif action == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            data[at:at] = data[max(0, at - 40) : at]
    return key, bytes(data)


@FUZZ
@given(byte_mutations())
def test_byte_mutations_of_valid_files(case: tuple[str, bytes]) -> None:
    _check(*case)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _replace_somewhere(tree: Any, path: list[int], value: Any) -> Any:
    """Replace the node that `path` (child indexes, modulo the child count) leads to."""
    if not path or not isinstance(tree, (dict, list)) or not tree:
        return value
    if isinstance(tree, dict):
        keys = list(tree)
        key = keys[path[0] % len(keys)]
        return {**tree, key: _replace_somewhere(tree[key], path[1:], value)}
    index = path[0] % len(tree)
    return [*tree[:index], _replace_somewhere(tree[index], path[1:], value), *tree[index + 1 :]]


STRUCTURED = ["package-lock.json", "npm-shrinkwrap.json", "pipfile.lock", "composer.lock", "pnpm-lock.yaml"]


@FUZZ
@given(
    key=st.sampled_from(STRUCTURED),
    path=st.lists(st.integers(0, 20), min_size=1, max_size=6),
    value=JSON_VALUES,
)
def test_structured_mutations(key: str, path: list[int], value: Any) -> None:
    if key == "pnpm-lock.yaml":
        tree = yaml.safe_load(SEEDS[key])
        content = yaml.safe_dump(_replace_somewhere(tree, path, value)).encode()
    else:
        tree = json.loads(SEEDS[key])
        content = json.dumps(_replace_somewhere(tree, path, value)).encode()
    _check(key, content)
