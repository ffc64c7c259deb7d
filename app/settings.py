"""Settings from the environment and an optional `.env` file, with Probot's variable names.

Every setting the app reads is a typed field of `Settings`; the environment variable is the field
name in upper case. The environment wins over `.env` (read with python-dotenv, no interpolation) and an
empty value counts as unset. Every problem raises `SettingsError` naming the variable; the CLI turns
that into one line and exit status 2. Secrets are `SecretStr`: their text is in no `repr` or log line.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv.parser import parse_stream
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from app.database_url import DatabaseUrlError, normalise_database_url
from app.errors import SettingsError
from checks.model import DEFAULT_ADVISORY_MAX_AGE

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MIN_SESSION_SECRET = 16
DEFAULT_SCAN_BYTE_BUDGET = 64 * 1024 * 1024  # blob bytes one repository snapshot may download
MIN_SCAN_BYTE_BUDGET = 1024 * 1024
GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")


def _default_database_url() -> str:
    return f"sqlite:///{Path.cwd() / 'repo-hygiene.db'}"


class Settings(BaseModel):
    """The validated settings; built by `load_settings`, or directly in tests."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # the GitHub App
    app_id: int | None = None
    private_key: SecretStr | None = None  # PEM text, or read from PRIVATE_KEY_PATH
    private_key_path: Path | None = None
    webhook_secret: SecretStr | None = None
    github_api_url: str = "https://api.github.com"
    # registration from app.yml (the setup page): the organisation that will own the App, if any
    gh_org: str | None = None
    # a smee.io-style channel whose deliveries `serve` relays to its own webhook route
    webhook_proxy_url: str | None = None
    # the dashboard: OAuth sign-in, its public URL, the cookie-signing secret
    github_client_id: str | None = None
    github_client_secret: SecretStr | None = None
    base_url: str | None = None
    session_secret: SecretStr | None = None
    # the advisory sync's token when it runs without the App's credentials
    github_token: SecretStr | None = None
    # the process
    host: str = "127.0.0.1"
    port: int = 3000
    log_level: str = "INFO"
    log_format: str = "text"
    database_url: str = Field(default_factory=_default_database_url, repr=False)  # may hold a password
    worker_concurrency: int = 4
    # short, so a dead worker's job (and the scans of its installation) wait at most this long;
    # running jobs renew it with a heartbeat every quarter lease
    job_lease_seconds: int = 60
    # advisory data whose last successful sync is older than this never lets a check pass
    advisory_max_age: timedelta = DEFAULT_ADVISORY_MAX_AGE
    scan_byte_budget: int = DEFAULT_SCAN_BYTE_BUDGET
    # compute and show everything, write nothing to GitHub (every installation; `dry_run: true` in an
    # organisation's `.github` defaults does the same for that organisation only)
    dry_run: bool = False

    @model_validator(mode="before")
    @classmethod
    def _read_private_key_path(cls, values: Any) -> Any:
        """PRIVATE_KEY wins; otherwise the file at PRIVATE_KEY_PATH, whose errors name that variable."""
        if not isinstance(values, dict) or values.get("private_key") or not values.get("private_key_path"):
            return values
        path = Path(str(values["private_key_path"]))
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SettingsError("PRIVATE_KEY_PATH", f"cannot read {path}: {exc.strerror or exc}") from None
        return {**values, "private_key": _pem(text, "PRIVATE_KEY_PATH")}

    @field_validator("private_key", mode="before")
    @classmethod
    def _private_key(cls, value: Any) -> Any:
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        return _pem(value, "PRIVATE_KEY") if value else None

    @field_validator("app_id", mode="before")
    @classmethod
    def _app_id(cls, value: Any) -> int | None:
        return None if value in (None, "") else _int(value, "APP_ID", 1)

    @field_validator("port", mode="before")
    @classmethod
    def _port(cls, value: Any) -> int:
        return _int(value, "PORT", 1, 65535)

    @field_validator("worker_concurrency", mode="before")
    @classmethod
    def _worker_concurrency(cls, value: Any) -> int:
        return _int(value, "WORKER_CONCURRENCY", 1, 64)

    @field_validator("job_lease_seconds", mode="before")
    @classmethod
    def _job_lease_seconds(cls, value: Any) -> int:
        return _int(value, "JOB_LEASE_SECONDS", 5, 86400)

    @field_validator("advisory_max_age", mode="before")
    @classmethod
    def _advisory_max_age(cls, value: Any) -> timedelta:
        return value if isinstance(value, timedelta) else parse_duration(value, "ADVISORY_MAX_AGE")

    @field_validator("scan_byte_budget", mode="before")
    @classmethod
    def _scan_byte_budget(cls, value: Any) -> int:
        return _int(value, "SCAN_BYTE_BUDGET", MIN_SCAN_BYTE_BUDGET)

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: Any) -> str:
        level = str(value).upper()
        if level not in LOG_LEVELS:
            raise SettingsError("LOG_LEVEL", f"must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
        return level

    @field_validator("log_format", mode="before")
    @classmethod
    def _log_format(cls, value: Any) -> str:
        text = str(value).strip().lower()
        if text not in ("text", "json"):
            raise SettingsError("LOG_FORMAT", f"must be text or json, not {value!r}")
        return text

    @field_validator("github_api_url", mode="before")
    @classmethod
    def _github_api_url(cls, value: Any) -> str:
        return _http_url(value, "GITHUB_API_URL")

    @field_validator("base_url", mode="before")
    @classmethod
    def _base_url(cls, value: Any) -> str | None:
        return _http_url(value, "BASE_URL") if value else None

    @field_validator("webhook_proxy_url", mode="before")
    @classmethod
    def _webhook_proxy_url(cls, value: Any) -> str | None:
        return _http_url(value, "WEBHOOK_PROXY_URL") if value else None

    @field_validator("gh_org", mode="before")
    @classmethod
    def _gh_org(cls, value: Any) -> str | None:
        if not value:
            return None
        login = str(value).strip()
        if not GITHUB_LOGIN.fullmatch(login):
            raise SettingsError(
                "GH_ORG", f"must be an organisation's login (letters, digits, -), not {login!r}"
            )
        return login

    @field_validator("database_url", mode="before")
    @classmethod
    def _database_url(cls, value: Any) -> str:
        try:
            return normalise_database_url(str(value))
        except DatabaseUrlError as exc:
            raise SettingsError("DATABASE_URL", str(exc)) from None

    @field_validator("session_secret", mode="before")
    @classmethod
    def _session_secret(cls, value: Any) -> Any:
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if text and len(str(text)) < MIN_SESSION_SECRET:
            raise SettingsError("SESSION_SECRET", f"must be at least {MIN_SESSION_SECRET} characters")
        return text or None


ENV_NAMES = {field: field.upper() for field in Settings.model_fields}


def has_no_app_credentials(settings: Settings) -> bool:
    """True on a first run: none of APP_ID, PRIVATE_KEY (or its file) and WEBHOOK_SECRET is set, so
    `serve` offers to register the App instead of refusing to start."""
    return settings.app_id is None and settings.private_key is None and settings.webhook_secret is None


def secret_text(value: SecretStr | None) -> str:
    """The text of an optional secret, "" when unset."""
    return value.get_secret_value() if value is not None else ""


def parse_env_file(text: str) -> dict[str, str]:
    """`.env` text as python-dotenv reads it (`#` comments, `export`, quotes, a double-quoted value may
    span lines and use `\\n` escapes), but a line it cannot read is an error, not a skipped line."""
    values: dict[str, str] = {}
    for binding in parse_stream(io.StringIO(text)):
        if binding.key is None and not binding.error:
            continue  # blank lines and comments
        if binding.error or binding.key is None or binding.value is None:
            line = binding.original.line
            key, _, value = binding.original.string.strip().partition("=")
            quote = value.lstrip()[:1]
            if quote in ("'", '"'):
                raise SettingsError(key.strip(), f"unterminated {quote} quote in .env (line {line})")
            raise SettingsError(key.strip() or "(.env)", f".env line {line} is not KEY=VALUE")
        values[binding.key] = binding.value
    return values


def load_settings(
    environ: Mapping[str, str] | None = None,
    env_file: Path | None = Path(".env"),
    *,
    require_github: bool = True,
) -> Settings:
    """Read and validate. `require_github=False` for commands that only touch the database."""
    raw: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        raw.update(parse_env_file(env_file.read_text(encoding="utf-8")))
    raw.update(os.environ if environ is None else environ)
    values = {field: raw[name] for field, name in ENV_NAMES.items() if raw.get(name, "") != ""}
    try:
        settings = Settings.model_validate(values)
    except ValidationError as exc:  # a failure our validators did not word themselves
        error = exc.errors()[0]
        raise SettingsError(ENV_NAMES.get(str(error["loc"][0]), str(error["loc"][0])), error["msg"]) from None
    if require_github:
        if settings.app_id is None:
            raise SettingsError("APP_ID", "is required (the numeric ID on the GitHub App's settings page)")
        if settings.private_key is None:
            raise SettingsError(
                "PRIVATE_KEY", "is required (PEM text, or set PRIVATE_KEY_PATH to the .pem file)"
            )
        if settings.webhook_secret is None:
            raise SettingsError("WEBHOOK_SECRET", "is required (the App's webhook secret)")
    return settings


def _int(value: Any, name: str, low: int, high: int | None = None) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise SettingsError(name, f"must be a whole number, not {value!r}") from None
    if number < low or (high is not None and number > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise SettingsError(name, f"must be {bounds}, not {number}")
    return number


_DURATION = re.compile(r"(\d+)\s*([smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_ADVISORY_MAX_AGE = timedelta(hours=1)  # the sync runs hourly: less would flag every run stale
MAX_ADVISORY_MAX_AGE = timedelta(days=365)


def parse_duration(value: Any, name: str) -> timedelta:
    """`24h`, `90m`, `2d`, `3600s` or a number of seconds, between 1 hour and 365 days."""
    match = _DURATION.fullmatch(str(value).strip().lower())
    if match is None:
        raise SettingsError(name, f"must be a duration such as 24h, 90m or 2d, not {value!r}")
    duration = timedelta(seconds=int(match[1]) * _UNIT_SECONDS[match[2]])
    if not MIN_ADVISORY_MAX_AGE <= duration <= MAX_ADVISORY_MAX_AGE:
        raise SettingsError(name, f"must be between 1h and 365d, not {value!r}")
    return duration


def _http_url(value: Any, name: str) -> str:
    url = str(value).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(name, f"must be an http(s) URL, not {url!r}")
    return url


def _pem(text: Any, name: str) -> str:
    pem = str(text).strip().replace("\\n", "\n")
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        # never echo the value: it may be a real key with a typo
        raise SettingsError(name, "is not a readable unencrypted PEM private key") from None
    return pem + "\n"
