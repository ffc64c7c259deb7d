"""`repo-hygiene config validate|schema`: the scan's own validation, from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from checks._config_json_schema import json_schema


def _write(folder: Path, text: str) -> Path:
    path = folder / ".github" / "repo-hygiene.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "dependencies:\n  fail_on: moderate\n  mode: all\n")
    assert main(["config", "validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid\n"


def test_each_problem_is_one_line_naming_the_key_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        tmp_path,
        "dependencies:\n  fail_on: severe\n  ignore:\n    - id: GHSA-1\n      until: 2025-02-30\n"
        "security_policy:\n  response_days: 99999999999999999999999\nfoo: 1\n",
    )
    assert main(["config", "validate", str(tmp_path)]) == 1  # a folder: its .github/repo-hygiene.yml
    lines = capsys.readouterr().out.splitlines()
    assert any("dependencies.fail_on: expected one of" in line and "'severe'" in line for line in lines)
    assert any("dependencies.ignore: item 1: 'until'" in line for line in lines)
    assert any("security_policy.response_days: must be from 1 to 14" in line for line in lines)
    assert any("unknown key 'foo'" in line for line in lines)
    assert lines[-1] == "4 problems; the defaults apply to those keys"


def test_a_yaml_bomb_is_a_problem_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    assert main(["config", "validate", str(_write(tmp_path, bomb))]) == 1
    assert "Traceback" not in capsys.readouterr().out


def test_a_missing_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "validate", str(tmp_path / "absent.yml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()
