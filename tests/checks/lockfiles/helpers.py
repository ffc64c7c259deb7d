"""Shared helpers for the lockfile tests: corpus and fixture access, dependency lookups."""

from __future__ import annotations

from pathlib import Path

from checks.lockfiles import ParsedFile, parse_file
from checks.model import Dependency
from tests.conftest import shared_path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lockfiles"
CORPUS = ("corpora", "lockfiles")


def corpus(relative: str) -> bytes:
    """A file of ../shared/corpora/lockfiles (skips the test when ../shared is absent)."""
    return shared_path(*CORPUS, *relative.split("/")).read_bytes()


def fixture(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


def parse_ok(path: str, content: bytes) -> list[Dependency]:
    parsed, deps = parse_file(path, content)
    assert parsed.error is None, parsed.error
    return deps


def parse_failing(path: str, content: bytes) -> ParsedFile:
    parsed, deps = parse_file(path, content)
    assert parsed.error is not None and deps == []
    return parsed


def find(deps: list[Dependency], name: str, version: str | None = None) -> Dependency:
    matches = [d for d in deps if d.name == name and (version is None or d.version == version)]
    assert len(matches) == 1, f"{name} {version}: {matches}"
    return matches[0]


def pairs(deps: list[Dependency]) -> set[tuple[str, str | None]]:
    return {(d.name, d.version) for d in deps}
