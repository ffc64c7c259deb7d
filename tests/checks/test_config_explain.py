"""The explanation of each setting agrees with the configuration the scan applied."""

from __future__ import annotations

from typing import Any

import pytest

from checks import REGISTRY
from checks._config_explain import DEFAULT, ORGANISATION, REPOSITORY, Explainer
from checks._config_schema import SECTIONS
from checks.config import RepoConfig, parse_config

ORG = "dependencies:\n  fail_on: critical\n  mode: all\npull_requests:\n  badge: false\n"
REPO = "dependencies:\n  mode: new\n  fail_on: severe\nsecurity_policy:\n  response_days: 5\n"


def _decided(explainer: Explainer, check_id: str) -> dict[str, tuple[Any, str]]:
    return {d.key: (d.value, d.source) for d in explainer.for_check(check_id)}


def test_repository_over_organisation_over_default() -> None:
    deps = _decided(Explainer(REPO, ORG), "dependency-advisories")
    assert deps["dependencies.mode"] == ("new", REPOSITORY)
    assert deps["dependencies.fail_on"] == ("critical", ORGANISATION)  # an invalid repo value is not set
    assert deps["dependencies.skip_paths"] == ([], DEFAULT)
    assert deps["checks.dependency-advisories.enabled"] == (True, DEFAULT)


def test_a_fix_switch_falls_back_on_the_older_pull_request_key() -> None:
    badge = _decided(Explainer(None, ORG), "security-badge")
    assert badge == {
        "checks.security-badge.enabled": (True, DEFAULT),
        "pull_requests.badge": (False, ORGANISATION),
    }
    overridden = _decided(Explainer("checks:\n  security-badge: {fix: true}\n", ORG), "security-badge")
    assert overridden["checks.security-badge.fix"] == (True, REPOSITORY)


def test_an_unreadable_file_decides_nothing() -> None:
    decided = _decided(Explainer(b"\xff\xfe not yaml", None), "security-policy")
    assert {source for _, source in decided.values()} == {DEFAULT}


def _applied(config: RepoConfig, key: str) -> Any:
    section, name = key.split(".", 1)
    value = getattr(getattr(config, section), name)
    if name == "ignore":
        return [{"id": r.id, "until": r.until, "reason": r.reason} for r in value]
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize(
    ("repo", "org"),
    [(None, None), (REPO, ORG), (ORG, REPO), ("security_policy: 3\n", ORG), (REPO, "{{{")],
)
def test_every_explained_value_is_the_value_the_scan_applied(repo: str | None, org: str | None) -> None:
    config, _ = parse_config(repo, org)
    explainer = Explainer(repo, org)
    for check_id in REGISTRY:
        for decided in explainer.for_check(check_id):
            if decided.key.startswith("checks."):
                continue
            assert decided.value == _applied(config, decided.key), decided
        assert any(d.key == f"checks.{check_id}.enabled" for d in explainer.for_check(check_id))
    for decided in explainer.for_pull_requests():
        assert decided.value == _applied(config, decided.key), decided
    assert {d.key for d in explainer.for_pull_requests()} == {
        f"pull_requests.{k}" for k in SECTIONS["pull_requests"]
    }
