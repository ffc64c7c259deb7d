"""The settings and configuration references in docs/ are generated from the code, and kept current."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.cli import main as cli
from app.generated_docs import BLOCKS, FIX_COMMAND, MarkersMissing, main, spliced, stale_blocks
from app.settings import ENV_NAMES, Settings
from app.settings_reference import settings_reference
from checks._config_reference import config_reference
from checks._config_schema import DESCRIPTIONS, SECTIONS, TOP_LEVEL

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.name)
def test_the_committed_docs_hold_the_generated_text(block: object) -> None:
    stale = [b.path for b in stale_blocks(ROOT) if b is block]
    assert not stale, f"{stale[0]} differs from the code's reference: run {FIX_COMMAND} and commit the result"


def test_every_setting_has_a_description() -> None:
    undescribed = [ENV_NAMES[name] for name, field in Settings.model_fields.items() if not field.description]
    assert undescribed == []


def test_the_settings_table_has_one_row_per_variable_with_its_default() -> None:
    rows = settings_reference().splitlines()[2:]
    assert [row.split("|")[1].strip(" `") for row in rows] == list(ENV_NAMES.values())
    by_name = {row.split("|")[1].strip(" `"): row.split("|")[2].strip() for row in rows}
    assert by_name["PORT"] == "`3000`"
    assert by_name["ADVISORY_MAX_AGE"] == "`24h`"
    assert by_name["GH_ORG"] == "unset"
    assert "/work" not in by_name["DATABASE_URL"]  # the working directory of whoever ran the generator


def test_every_config_key_has_a_description() -> None:
    keys = {f"{section}.{key}" for section, fields in SECTIONS.items() for key in fields}
    assert set(DESCRIPTIONS) == keys | {"checks", "exclude", "dry_run"}
    assert set(TOP_LEVEL) - set(SECTIONS) == {"checks", "exclude", "dry_run"}


def test_the_config_reference_shows_each_key_its_values_and_default() -> None:
    text = config_reference()
    assert "| `dependencies.fail_on` | `critical` \\| `high` \\| `moderate` \\| `low` | `low` |" in text
    assert "| `security_policy.response_days` | a whole number from 1 to 14 | `3` |" in text
    assert "  disclosure_days: 90\n" in text  # the file at its defaults


def test_the_commands_print_the_references(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["settings", "reference"]) == 0
    assert capsys.readouterr().out == settings_reference()
    assert cli(["config", "reference"]) == 0
    assert capsys.readouterr().out == config_reference()


def _copy_docs(tmp_path: Path) -> Path:
    for block in BLOCKS:
        (tmp_path / block.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / block.path, tmp_path / block.path)
    return tmp_path


def test_a_hand_edit_is_reported_then_rewritten_leaving_the_prose_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_docs(tmp_path)
    doc = root / "docs/operations.md"
    original = doc.read_text(encoding="utf-8")
    edited = original.replace("| `PORT` | `3000` |", "| `PORT` | `8080` |").replace(
        "# Running repo-hygiene", "# Running repo-hygiene (edited title)"
    )
    doc.write_text(edited, encoding="utf-8")

    assert main(["--check", "--root", str(root)]) == 1
    assert "docs/operations.md: settings-reference is stale" in capsys.readouterr().out
    assert main(["--root", str(root)]) == 0
    assert doc.read_text(encoding="utf-8") == original.replace(
        "# Running repo-hygiene", "# Running repo-hygiene (edited title)"
    )
    assert main(["--check", "--root", str(root)]) == 0


def test_a_document_without_its_markers_is_an_error() -> None:
    with pytest.raises(MarkersMissing, match=r"docs/operations\.md"):
        spliced("# no markers here\n", BLOCKS[0])
