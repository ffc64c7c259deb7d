"""The README's links to local files resolve, its screenshots are the ones the browser test writes,
and its commands are the ones CI and the tests run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from app.cli import SUBCOMMANDS
from tests.app.demo.test_screenshots import SHOTS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _local_links(text: str) -> list[str]:
    return [
        target
        for target in LINK.findall(text)
        if not re.match(r"[a-z][a-z0-9+.-]*:", target) and not target.startswith("#")
    ]


def _anchor(heading: str) -> str:
    """GitHub's id of a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {
        _anchor(line.lstrip("#"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def _shell_blocks(text: str) -> list[list[str]]:
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    return [[line for line in block.splitlines() if line.strip()] for block in blocks]


@pytest.mark.parametrize("target", sorted(set(_local_links(README))))
def test_every_local_link_resolves(target: str) -> None:
    path_part, _, anchor = target.partition("#")
    path = ROOT / path_part
    assert path.exists(), f"README links to {path_part}, which does not exist"
    if anchor:
        assert anchor in _anchors(path), f"{path_part} has no heading with the anchor #{anchor}"


def test_the_screenshots_are_the_ones_the_browser_test_writes() -> None:
    shown = {Path(t).name for t in _local_links(README) if t.startswith("docs/screenshots/")}
    assert shown == set(SHOTS)
    for name in SHOTS:
        assert (ROOT / "docs/screenshots" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_quick_start_is_the_two_commands_ci_and_the_tests_run() -> None:
    assert _shell_blocks(_section("Quick start")) == [["scripts/run"], ["scripts/test"]]
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == "exec scripts/test"  # CI runs the README's test command
    run = (ROOT / "scripts/run").read_text(encoding="utf-8")
    # scripts/run starts the demo (tests/app/demo/test_demo_e2e.py runs `repo-hygiene demo`) or serves
    # (tests/deploy/test_systemd_units.py runs `repo-hygiene serve`)
    assert "exec .venv/bin/repo-hygiene demo" in run and "exec .venv/bin/repo-hygiene serve" in run


def test_every_repo_hygiene_command_exists() -> None:
    named = re.findall(r"(?<![\w/-])repo-hygiene ([a-z]+)", README)
    assert named, "the README names no command"
    unknown = sorted({word for word in named if word not in SUBCOMMANDS})
    assert unknown == [], f"the README names commands the CLI does not have: {unknown}"


def test_the_deployment_commands_name_files_and_units_that_exist() -> None:
    lines = [line for block in _shell_blocks(_section("Deployment")) for line in block]
    units = {path.name for path in (ROOT / "deploy/systemd").glob("*.service")}
    for line in lines:
        words = shlex.split(line)
        for word in words:
            if word.startswith("deploy/"):
                assert list(ROOT.glob(word)), f"{line!r}: {word} matches no file"
            if word.endswith(".service") and "systemctl" in words:
                template = re.sub(r"@[^.]+\.service$", "@.service", word)
                assert template in units, f"{line!r}: no unit {word} in deploy/systemd"
    assert any("systemctl enable --now repo-hygiene.service" in line for line in lines)
