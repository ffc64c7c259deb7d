"""Writing the App's credentials into `.env`: 0600, atomic, every other line kept, read back exactly."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.settings import load_settings, parse_env_file
from app.setup.env_file import merged_env_text, update_env_file


def test_existing_lines_are_kept_and_set_keys_replaced_in_place(private_key_pem: str) -> None:
    existing = (
        "# my settings\nPORT=4000\n\nAPP_ID=1\n"
        'PRIVATE_KEY="-----BEGIN OLD\nline\n-----END OLD"\nAPP_ID=2\nexport LOG_LEVEL=debug'
    )
    text = merged_env_text(existing, {"APP_ID": "77", "PRIVATE_KEY": private_key_pem, "WEBHOOK_SECRET": "s3"})
    assert text.startswith('# my settings\nPORT=4000\n\nAPP_ID="77"\n')
    assert "OLD" not in text and text.count("APP_ID=") == 1
    assert "export LOG_LEVEL=debug\n" in text
    values = parse_env_file(text)
    assert values == {
        "PORT": "4000",
        "APP_ID": "77",
        "PRIVATE_KEY": private_key_pem,  # a one-line value with \n escapes, read back as the PEM
        "LOG_LEVEL": "debug",
        "WEBHOOK_SECRET": "s3",
    }
    assert "\n".join(line for line in text.splitlines() if line.startswith("PRIVATE_KEY=")).count("\n") == 0


def test_quotes_and_backslashes_survive() -> None:
    value = 'a"b\\c\\nd'
    assert parse_env_file(merged_env_text("", {"X": value}))["X"] == value


def test_the_file_is_owner_only_and_replaced_atomically(tmp_path: Path, private_key_pem: str) -> None:
    env = tmp_path / ".env"
    env.write_text("PORT=4000\n")
    env.chmod(0o644)
    update_env_file(env, {"APP_ID": "9", "PRIVATE_KEY": private_key_pem, "WEBHOOK_SECRET": "w"})
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert sorted(os.listdir(tmp_path)) == [".env"]  # no temporary file left behind
    settings = load_settings({}, env)
    assert settings.app_id == 9 and settings.port == 4000
    assert settings.private_key is not None and settings.private_key.get_secret_value() == private_key_pem


def test_a_new_file_is_created_owner_only(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    update_env_file(env, {"GITHUB_CLIENT_ID": "Iv1.x"})
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert env.read_text() == 'GITHUB_CLIENT_ID="Iv1.x"\n'
