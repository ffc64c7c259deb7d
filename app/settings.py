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
    JsonValue,
    SecretStr,
    ValidationError,
    ValidationInfo,
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


SHOWN_DEFAULT = "shown_default"  # how the settings reference shows a default that is not a literal value


def _default_database_url() -> str:
    return f"sqlite:///{Path.cwd() / 'repo-hygiene.db'}"


def _setting(default: Any, description: str, *, shown: str | None = None) -> Any:
    """A field with the description the settings reference (docs/operations.md) is generated from."""
    extra: dict[str, JsonValue] | None = {SHOWN_DEFAULT: shown} if shown is not None else None
    return Field(default, description=description, json_schema_extra=extra)


# the whole-number settings and their bounds (inclusive; None: no upper bound)
WHOLE_NUMBER_RANGES: dict[str, tuple[int, int | None]] = {
    "port": (1, 65535),
    "worker_concurrency": (1, 64),
    "scans_per_installation": (1, 64),
    "scan_reserve_percent": (0, 90),
    "write_interval_ms": (0, 60000),
    "job_lease_seconds": (5, 86400),
    "scan_byte_budget": (MIN_SCAN_BYTE_BUDGET, None),
}


class Settings(BaseModel):
    """The validated settings; built by `load_settings`, or directly in tests."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # the GitHub App
    app_id: int | None = _setting(
        None,
        "the GitHub App's numeric ID; with none of `APP_ID`, `PRIVATE_KEY` and `WEBHOOK_SECRET`, `serve` "
        'offers the setup page instead (see "Registering the App")',
        shown="(required)",
    )
    private_key: SecretStr | None = _setting(
        None,
        "the App's PEM private key as text (`\\n` escapes allowed); wins over `PRIVATE_KEY_PATH`",
        shown="(this or `PRIVATE_KEY_PATH` required)",
    )
    private_key_path: Path | None = _setting(None, "a file holding the App's PEM private key")
    webhook_secret: SecretStr | None = _setting(
        None, "the App's webhook secret; unsigned deliveries are always refused", shown="(required)"
    )
    github_api_url: str = _setting(
        "https://api.github.com",
        "GitHub's REST API: GitHub Enterprise Server as `https://HOST/api/v3`, or the local simulator",
    )
    gh_org: str | None = _setting(
        None, "the setup page registers the App for this organisation (unset: your personal account)"
    )
    webhook_proxy_url: str | None = _setting(
        None, "a smee.io channel: `serve` relays its deliveries to its own webhook route (development)"
    )
    github_client_id: str | None = _setting(None, "the App's OAuth client ID, for the dashboard's sign-in")
    github_client_secret: SecretStr | None = _setting(
        None, "the App's OAuth client secret; sign-in is off without the ID and the secret"
    )
    base_url: str | None = _setting(
        None,
        "the app's public http(s) URL: the OAuth callback, the setup page's App URLs and check runs' "
        "links to the dashboard",
    )
    session_secret: SecretStr | None = _setting(
        None,
        "the dashboard's cookie-signing secret, 16+ characters; derived from `WEBHOOK_SECRET` and "
        "`PRIVATE_KEY` when unset (see docs/dashboard.md)",
        shown="derived",
    )
    github_token: SecretStr | None = _setting(
        None, "`repo-hygiene advisories sync` without App credentials: a token for the GitHub rate limit"
    )
    host: str = _setting("127.0.0.1", "where `serve` listens (`0.0.0.0` in a container)")
    port: int = _setting(3000, "the port `serve` listens on (1-65535)")
    log_level: str = _setting("INFO", "DEBUG, INFO, WARNING, ERROR or CRITICAL")
    log_format: str = _setting(
        "text",
        "`text`, or `json`: one object per line (`time`, `level`, `logger`, `message`, `job_id`, "
        "`job_kind`, `delivery`, `exception`); tokens and keys are redacted in both",
    )
    database_url: str = Field(
        default_factory=_default_database_url,
        repr=False,  # may hold a password
        description="`sqlite:///PATH` or PostgreSQL as `postgres://`, `postgresql://` or "
        "`postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB` (all mapped to psycopg 3); other databases "
        "are refused",
        json_schema_extra={SHOWN_DEFAULT: "`sqlite:///./repo-hygiene.db` (in the working directory)"},
    )
    worker_concurrency: int = _setting(4, "jobs one worker runs at once (1-64)")
    job_lease_seconds: int = _setting(
        60,
        "how long a claimed job is leased (5-86400), renewed by a heartbeat every quarter of it; a dead "
        "worker's job (and the scans of its installation) wait at most this long",
    )
    advisory_max_age: timedelta = _setting(
        DEFAULT_ADVISORY_MAX_AGE,
        "advisory data whose last successful sync (or `advisories import`) is older than this never lets "
        'a dependency check pass: check runs end neutral "advisory data stale since ...", `check` exits '
        "1. `24h`, `90m`, `2d` or seconds; 1 h to 365 d (the sync runs hourly)",
    )
    scan_byte_budget: int = _setting(
        DEFAULT_SCAN_BYTE_BUDGET,
        "blob bytes one repository snapshot (a scan, or each side of a check run) may download, at least "
        "1 MB. A blob shared by several paths is downloaded, parsed and counted once. Files past the "
        'budget are not read: the scan note and the dependency check list them as unreadable ("over the '
        "scan's 64 MB byte budget\"), and a check run reports them",
        shown="`67108864` (64 MB)",
    )
    scans_per_installation: int = _setting(
        4,
        "scans of one installation that run at once across all workers (1-64); check runs are not capped "
        "and are always claimed before scans",
    )
    scan_reserve_percent: int = _setting(
        20,
        "the share of an installation's GitHub rate budget (0-90 %) scans leave to check runs: a scan that "
        "would start while less remains waits for the budget's reset, without spending a request",
    )
    write_interval_ms: int = _setting(
        1000,
        "the least time between two mutating GitHub requests (POST, PATCH, PUT, DELETE) of one "
        "installation, across all workers (0-60000; GitHub asks for about a second)",
    )
    dry_run: bool = _setting(
        False,
        "`true`: every installation is scanned, planned and checked as usual, but nothing is written to "
        "GitHub (no branch, commit, pull request, comment or check run). Each write the app would have "
        "made is logged at INFO (`dry run: owner/name: would open pull request 'Add SECURITY.md' ...`) and "
        "shown on the dashboard's repository and organisation pages. `dry_run: true` at the top level of "
        "an organisation's `.github` repository `repo-hygiene.yml` does the same for that organisation "
        "only. Turned off, the next scan or check run writes normally: a dry run stores no pull request "
        "state of its own. `repo-hygiene check` never writes and is unaffected",
    )

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

    @field_validator(*WHOLE_NUMBER_RANGES, mode="before")
    @classmethod
    def _whole_number(cls, value: Any, info: ValidationInfo) -> int:
        assert info.field_name is not None
        low, high = WHOLE_NUMBER_RANGES[info.field_name]
        return _int(value, info.field_name.upper(), low, high)

    @field_validator("advisory_max_age", mode="before")
    @classmethod
    def _advisory_max_age(cls, value: Any) -> timedelta:
        return value if isinstance(value, timedelta) else parse_duration(value, "ADVISORY_MAX_AGE")

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
