"""Every line of the ordering corpora holds for the matching comparator."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from checks.versions import golang, maven, nuget, packagist, pypi, rubygems, semver
from tests.checks.advisories.corpus import comparisons, failures
from tests.conftest import shared_path

DATA = Path(__file__).parent / "data"

SHARED_FILES = [
    ("semver-versions.txt", semver),
    ("semver-versions.txt", golang),
    ("pypi-versions.txt", pypi),
    ("pypi-versions-generated.txt", pypi),
    ("rubygems-versions.txt", rubygems),
    ("rubygems-versions-generated.txt", rubygems),
    ("packagist-versions.txt", packagist),
    ("packagist-versions-generated.txt", packagist),
    ("maven-versions.txt", maven),
    ("maven-versions-generated.txt", maven),
    ("nuget-versions.txt", nuget),
]
LOCAL_FILES = [
    ("handwritten-semver.txt", semver),
    ("handwritten-rubygems.txt", rubygems),
    ("handwritten-packagist.txt", packagist),
    ("handwritten-pypi.txt", pypi),
]


@pytest.mark.shared
@pytest.mark.parametrize(("name", "module"), SHARED_FILES, ids=lambda x: getattr(x, "__name__", x))
def test_shared_corpus_every_line_holds(name: str, module: ModuleType) -> None:
    path = shared_path("corpora", "version-order", name)
    assert sum(1 for _ in comparisons(path)) > 20
    assert failures(path, module.compare) == []


@pytest.mark.parametrize(("name", "module"), LOCAL_FILES, ids=lambda x: getattr(x, "__name__", x))
def test_handwritten_cases_hold(name: str, module: ModuleType) -> None:
    assert failures(DATA / name, module.compare) == []


@pytest.mark.parametrize(
    ("module", "garbage"),
    [
        (semver, "not-a-version"),
        (semver, "1.2.x"),
        (semver, ""),
        (semver, "1.2.3-"),
        (semver, "1.2.3-a..b"),
        (golang, "vX"),
        (pypi, ""),
        (pypi, "1.0 beta"),
        (pypi, "---"),
        (rubygems, "1.0 beta"),
        (rubygems, "!"),
        (packagist, "..."),
        (maven, "   "),
        (nuget, "1.2.3.4.5"),
        (nuget, "one"),
    ],
)
def test_parse_rejects_garbage_with_a_clear_error(module: ModuleType, garbage: str) -> None:
    with pytest.raises(ValueError, match="version"):
        module.parse(garbage)


def test_go_versions_with_v_pseudo_versions_and_incompatible() -> None:
    assert golang.compare("v1.2.3", "1.2.3") == 0
    assert golang.compare("v2.0.0+incompatible", "2.0.0") == 0
    # a pseudo-version sorts below the release it precedes and above the previous one
    assert golang.compare("v0.0.0-20191109021931-daa7c04131f5", "v0.0.0") < 0
    assert golang.compare("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3") > 0
    assert golang.compare("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4") < 0
    assert golang.compare("v0.0.0-20220906165146-f3363e06e74c", "0.0.0-20220101000000-aaaaaaaaaaaa") > 0
    # toolchain spellings used by stdlib advisories
    assert golang.compare("go1.21.3", "1.21.3") == 0
    assert golang.compare("go1.21rc2", "1.21.0") < 0
    assert golang.compare("go1.21rc2", "1.21.0-rc.2") == 0
    assert golang.normalise("v1.2.3") == "1.2.3"


def test_pypi_legacy_versions_sort_below_valid_and_deterministically() -> None:
    assert not pypi.is_valid("0.1-bulbasaur")
    assert pypi.compare("0.1-bulbasaur", "0.0.1") < 0
    assert pypi.parse("foo-bar") == pypi.parse("foo-bar")
    assert pypi.normalise("2.10.0") == pypi.normalise("2.10") == "2.10"


def test_packagist_branches_are_recognised() -> None:
    assert packagist.is_branch("dev-main") and not packagist.is_branch("1.0.x-dev")
