"""Every file of osv-scalibr's lockfile corpus is read or rejected with a clear reason."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.lockfiles import is_dependency_file, parse_file
from tests.conftest import SHARED

CORPUS = SHARED / "corpora" / "lockfiles"
# parser folder -> the file name the corpus file stands for
FILE_NAMES = {
    "packagelockjson": "package-lock.json",
    "yarnlock": "yarn.lock",
    "pnpmlock": "pnpm-lock.yaml",
    "requirements": "requirements.txt",
    "pipfilelock": "Pipfile.lock",
    "poetrylock": "poetry.lock",
    "pdmlock": "pdm.lock",
    "uvlock": "uv.lock",
    "gomod": "go.mod",
    "cargolock": "Cargo.lock",
    "gemfilelock": "Gemfile.lock",
    "composerlock": "composer.lock",
}
# The corpus files that are not lockfiles at all, and why we refuse each.
REJECTED = {
    "golang/gomod/testdata/not-go-mod.mod": "unknown directive",
    "javascript/packagelockjson/testdata/not-json.txt": "invalid JSON",
    "javascript/packagelockjson/testdata/null.v2.jsontest": "expected a JSON object",
    "javascript/pnpmlock/testdata/not-yaml.txt": "not a pnpm lockfile",
    "php/composerlock/testdata/not-json.txt": "invalid JSON",
    "php/composerlock/testdata/null.jsontest": "expected a JSON object",
    "python/pdmlock/testdata/not-toml.txt": "invalid TOML",
    "python/pipfilelock/testdata/empty-file": "file is empty",
    "python/pipfilelock/testdata/not-json.txt": "invalid JSON",
    "python/poetrylock/testdata/not-toml.txt": "invalid TOML",
    "python/uvlock/testdata/not-toml.txt": "invalid TOML",
    "rust/cargolock/testdata/not-toml.txt": "invalid TOML",
}


def _corpus_files() -> list[str]:
    if not CORPUS.exists():
        return ["<corpus absent>"]
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file())


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """Turns a parser that never returns into a failure instead of a stuck suite."""

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("parser did not return within 20 s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.shared
@pytest.mark.parametrize("relative", _corpus_files())
def test_corpus_file_is_read_or_rejected_clearly(relative: str, hang_guard: None) -> None:
    if relative == "<corpus absent>":
        pytest.skip(f"needs {CORPUS} (../shared beside the project root is absent)")
    path = Path(relative)
    if path.suffix == ".sum":
        assert not is_dependency_file("go.sum")  # read only through its go.mod (test_other_ecosystems)
        return
    repo_path = f"{path.parent}/{FILE_NAMES[path.parts[1]]}"
    parsed, deps = parse_file(repo_path, (CORPUS / path).read_bytes())
    if relative in REJECTED:
        assert parsed.error is not None and parsed.error.startswith(f"could not read {repo_path}: ")
        assert REJECTED[relative] in parsed.error
        assert deps == []
    else:
        assert parsed.error is None, parsed.error
        assert parsed.count == len(deps)
        for dep in deps:
            assert dep.name and dep.file == repo_path
            assert dep.version is None or dep.version.strip() == dep.version != ""
            assert dep.line is None or dep.line >= 1


@pytest.mark.shared
def test_corpus_reads_most_packages() -> None:
    """A guard against a parser that 'succeeds' by reading nothing."""
    if not CORPUS.exists():
        pytest.skip(f"needs {CORPUS}")
    total = 0
    for relative in _corpus_files():
        path = Path(relative)
        if path.suffix != ".sum":
            total += parse_file(f"x/{FILE_NAMES[path.parts[1]]}", (CORPUS / path).read_bytes())[0].count
    assert total > 500
