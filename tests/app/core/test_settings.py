from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import SettingsError
from app.logging_setup import redact
from app.settings import Settings, load_settings, parse_env_file, secret_text

ROOT = Path(__file__).resolve().parents[3]


def env(pem: str, **overrides: str) -> dict[str, str]:
    base = {"APP_ID": "12", "PRIVATE_KEY": pem, "WEBHOOK_SECRET": "s3cret"}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def test_defaults_and_probot_names(private_key_pem: str, tmp_path: Path) -> None:
    s = load_settings(env(private_key_pem), env_file=None)
    assert s.app_id == 12 and s.port == 3000 and s.github_api_url == "https://api.github.com"
    assert s.database_url.startswith("sqlite:///")
    assert "s3cret" not in repr(s) and "PRIVATE" not in repr(s)


def test_escaped_newlines_in_private_key(private_key_pem: str) -> None:
    s = load_settings(env(private_key_pem.replace("\n", "\\n")), env_file=None)
    assert s.private_key is not None
    assert s.private_key.get_secret_value().startswith("-----BEGIN PRIVATE KEY-----\n")


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"APP_ID": ""}, "APP_ID"),
        ({"APP_ID": "twelve"}, "APP_ID"),
        ({"PRIVATE_KEY": "not a key"}, "PRIVATE_KEY"),
        ({"PRIVATE_KEY": "", "PRIVATE_KEY_PATH": "/nonexistent/key.pem"}, "PRIVATE_KEY_PATH"),
        ({"WEBHOOK_SECRET": ""}, "WEBHOOK_SECRET"),
        ({"PORT": "70000"}, "PORT"),
        ({"PORT": "http"}, "PORT"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"GITHUB_API_URL": "ftp://example"}, "GITHUB_API_URL"),
        ({"DATABASE_URL": "repo.db"}, "DATABASE_URL"),
        ({"BASE_URL": "javascript:alert(1)"}, "BASE_URL"),
        ({"SESSION_SECRET": "too-short"}, "SESSION_SECRET"),
        ({"WORKER_CONCURRENCY": "0"}, "WORKER_CONCURRENCY"),
        ({"ADVISORY_MAX_AGE": "a day"}, "ADVISORY_MAX_AGE"),
        ({"ADVISORY_MAX_AGE": "30m"}, "ADVISORY_MAX_AGE"),
        ({"ADVISORY_MAX_AGE": "400d"}, "ADVISORY_MAX_AGE"),
    ],
)
def test_bad_settings_name_the_variable(private_key_pem: str, overrides: dict[str, str], name: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(env(private_key_pem, **overrides), env_file=None)
    assert info.value.name == name
    assert "BEGIN" not in str(info.value)


def test_dashboard_and_advisory_settings_are_typed_and_kept_out_of_repr(private_key_pem: str) -> None:
    s = load_settings(
        env(
            private_key_pem,
            BASE_URL="https://hygiene.example/",
            SESSION_SECRET="a-session-secret-long-enough",
            GITHUB_CLIENT_ID="Iv1.abc",
            GITHUB_CLIENT_SECRET="client-secret-value",
            GITHUB_TOKEN="ghp_tokenvalue",
            DATABASE_URL="postgresql+psycopg://app:db-password@db/hygiene",
        ),
        env_file=None,
    )
    assert s.base_url == "https://hygiene.example" and s.github_client_id == "Iv1.abc"
    assert secret_text(s.session_secret) == "a-session-secret-long-enough"
    assert secret_text(s.github_client_secret) == "client-secret-value"
    assert secret_text(s.github_token) == "ghp_tokenvalue"
    shown = repr(s) + str(s)
    hidden = ("a-session-secret", "client-secret-value", "ghp_tokenvalue", "db-password", "s3cret", "BEGIN")
    assert [secret for secret in hidden if secret in shown] == []


def test_private_key_path_is_read_into_the_secret(private_key_pem: str, tmp_path: Path) -> None:
    pem_file = tmp_path / "app.pem"
    pem_file.write_text(private_key_pem)
    s = load_settings(env(private_key_pem, PRIVATE_KEY="", PRIVATE_KEY_PATH=str(pem_file)), env_file=None)
    assert secret_text(s.private_key) == private_key_pem
    pem_file.write_text("garbled")
    with pytest.raises(SettingsError) as info:
        load_settings(env(private_key_pem, PRIVATE_KEY="", PRIVATE_KEY_PATH=str(pem_file)), env_file=None)
    assert info.value.name == "PRIVATE_KEY_PATH"


def test_settings_reject_unknown_names() -> None:
    with pytest.raises(ValueError, match="extra"):
        Settings.model_validate({"extra": {"BASE_URL": "https://x.example"}})


def test_database_only_commands_need_no_github_settings() -> None:
    s = load_settings({"DATABASE_URL": "sqlite:///x.db"}, env_file=None, require_github=False)
    assert s.app_id is None and s.database_url == "sqlite:///x.db"


def test_env_file_with_multiline_key_and_environment_override(private_key_pem: str, tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        f"# comment\nAPP_ID=5\nPRIVATE_KEY=\"{private_key_pem}\"\nWEBHOOK_SECRET='abc'\nPORT=4000 # inline\n"
    )
    s = load_settings({"PORT": "5000"}, env_file=dotenv)
    assert s.app_id == 5 and secret_text(s.webhook_secret) == "abc" and s.port == 5000
    assert secret_text(s.private_key) == private_key_pem


def test_env_file_errors_are_clear() -> None:
    with pytest.raises(SettingsError, match="line 1"):
        parse_env_file("just words\n")
    with pytest.raises(SettingsError, match="unterminated"):
        parse_env_file('PRIVATE_KEY="-----BEGIN\nno end\n')
    with pytest.raises(SettingsError, match="line 2"):
        parse_env_file("A=1\nLONELY\n")


def test_env_file_is_read_without_interpolation() -> None:
    text = "export A=1\nB='x $A y'\nC=\"one\\ntwo\"\nD=${A}\n\n# end\n"
    assert parse_env_file(text) == {"A": "1", "B": "x $A y", "C": "one\ntwo", "D": "${A}"}


def test_cli_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in {"APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"}}
    clean.update({"APP_ID": "abc", "PYTHONPATH": str(ROOT)})
    proc = subprocess.run(
        [sys.executable, "-m", "app", "worker"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "repo-hygiene: setting APP_ID: must be a whole number, not 'abc'"
    ]


def test_redaction_hides_tokens_and_keys(private_key_pem: str) -> None:
    line = f"token ghs_abc.DEF-123_xyz Authorization: Bearer eyJhbGciOi.eyJpc3MiOi.c2ln key {private_key_pem}"
    cleaned = redact(line)
    assert "ghs_abc" not in cleaned and "eyJ" not in cleaned and "BEGIN PRIVATE KEY" not in cleaned


def test_env_example_names_every_setting() -> None:
    from app.settings import ENV_NAMES

    listed = parse_env_file((ROOT / ".env.example").read_text(encoding="utf-8"))
    assert sorted(listed) == sorted(ENV_NAMES.values())


@pytest.mark.parametrize(
    ("value", "hours"), [(None, 24), ("24h", 24), ("90m", 1.5), ("2d", 48), ("7200", 2), ("3600s", 1)]
)
def test_advisory_max_age_is_a_duration(private_key_pem: str, value: str | None, hours: float) -> None:
    overrides = {} if value is None else {"ADVISORY_MAX_AGE": value}
    s = load_settings(env(private_key_pem, **overrides), env_file=None)
    assert s.advisory_max_age.total_seconds() == hours * 3600
