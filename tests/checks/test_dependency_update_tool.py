"""dependency-update-tool: every Renovate location, the proposed dependabot.yml, and that the pull
request carries it only when the repository opts in (the fixture cases are in
tests/fixtures/dependency-update-tool/)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import checks
from app.actions.plan import OpenOrUpdatePR, plan_security_pr
from app.actions.pull_request import render_pr_text
from checks import dependency_update_tool as check
from checks.config import DEFAULT_CONFIG, parse_config
from checks.model import Fix, Status
from tests.checks.snapshots import context, make_snapshot


def _run(files: dict[str, str | bytes], **repo: Any) -> Any:
    return checks.run_check(check.ID, make_snapshot(files, **repo), context())


@pytest.mark.parametrize("path", check.RENOVATE_PATHS + check.DEPENDABOT_PATHS)
def test_every_configuration_location_passes(path: str) -> None:
    result = _run({path: "{}", "package.json": "{}"})
    assert result.status is Status.PASS and result.data["path"] == path
    assert [f.fix for f in result.findings] == [None]


def test_proposed_file_is_valid_dependabot_yaml_even_for_odd_directory_names() -> None:
    result = _run({'we"ird dir/package.json': "{}", "go.mod": "module x\n", "a/b/Cargo.toml": ""})
    [finding] = result.findings
    assert isinstance(finding.fix, Fix) and finding.fix.opt_in
    config = yaml.safe_load(finding.fix.content)
    assert config["version"] == 2
    assert [(u["package-ecosystem"], u["directory"]) for u in config["updates"]] == [
        ("cargo", "/a/b"),
        ("gomod", "/"),
        ("npm", '/we"ird dir'),
    ]
    assert all(u["schedule"] == {"interval": "weekly"} for u in config["updates"])
    assert "cargo, gomod, npm" in finding.fix.description and "cargo, gomod, npm" in finding.message


def test_a_monorepo_gets_a_bounded_number_of_directories_root_first() -> None:
    files = {f"packages/p{n}/package.json": "{}" for n in range(9)} | {"package.json": "{}"}
    directories = _run(files).data["ecosystems"]["npm"]
    assert directories[0] == "/" and len(directories) == check.MAX_DIRECTORIES


def test_the_pull_request_carries_dependabot_yml_only_when_the_repository_opts_in() -> None:
    snapshot = make_snapshot({"package.json": "{}"}, private_vulnerability_reporting=True)
    opted_in, errors = parse_config(b"checks: {dependency-update-tool: {fix: true}}\n")
    assert errors == []
    by_default = plan_security_pr(snapshot, checks.run_all(snapshot, context()), DEFAULT_CONFIG, None)
    assert isinstance(by_default, OpenOrUpdatePR) and set(by_default.files) == {"SECURITY.md"}
    plan = plan_security_pr(snapshot, checks.run_all(snapshot, context(opted_in)), opted_in, None)
    assert isinstance(plan, OpenOrUpdatePR) and set(plan.files) == {"SECURITY.md", ".github/dependabot.yml"}
    title, body = render_pr_text(plan)
    assert title == (  # fixes applied by default first: the opt-in one follows
        "Add a security policy (SECURITY.md) and add a Dependabot configuration (.github/dependabot.yml)"
    )
    assert "**`.github/dependabot.yml`**: no Dependabot or Renovate configuration" in body
    assert "dependency-update-tool=.github/dependabot.yml" in body
