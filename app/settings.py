"""Settings from the environment and an optional `.env` file, with Probot's variable names.

The environment wins over `.env`. Every problem raises `SettingsError` naming the variable;
the CLI turns that into one line and exit status 2. Secrets are kept out of `repr`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from app.errors import SettingsError

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True)
class Settings:
    app_id: int | None = None
    private_key: str | None = field(default=None, repr=False)
    webhook_secret: str | None = field(default=None, repr=False)
    github_client_id: str | None = None
    github_client_secret: str | None = field(default=None, repr=False)
    host: str = "127.0.0.1"
    port: int = 3000
    log_level: str = "INFO"
    github_api_url: str = "https://api.github.com"
    database_url: str = field(default_factory=lambda: f"sqlite:///{Path.cwd() / 'repo-hygiene.db'}")
    worker_concurrency: int = 4
    job_lease_seconds: int = 300
    extra: Mapping[str, str] = field(default_factory=dict, repr=False)  # every raw value, for other modules


def parse_env_file(text: str) -> dict[str, str]:
    """KEY=VALUE lines; `#` comments; single or double quotes; a double-quoted value may span lines
    (a PEM key) and may use `\\n` escapes."""
    values: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key.replace("_", "").isalnum():
            raise SettingsError(key or line[:20], f".env line {i} is not KEY=VALUE")
        value = value.strip()
        if value[:1] in ("'", '"'):
            quote = value[0]
            body = value[1:]
            while not body.rstrip().endswith(quote) and i < len(lines):
                body += "\n" + lines[i]
                i += 1
            if not body.rstrip().endswith(quote):
                raise SettingsError(key, f"unterminated {quote} quote in .env")
            value = body.rstrip()[:-1]
            if quote == '"':
                value = value.replace("\\n", "\n")
        else:
            value = value.split(" #", 1)[0].strip()
        values[key] = value
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
    get = {k: v for k, v in raw.items() if v != ""}.get

    private_key = _private_key(get("PRIVATE_KEY"), get("PRIVATE_KEY_PATH"))
    app_id = _int(get("APP_ID"), "APP_ID", 1) if get("APP_ID") else None
    secret = get("WEBHOOK_SECRET")
    if require_github:
        if app_id is None:
            raise SettingsError("APP_ID", "is required (the numeric ID on the GitHub App's settings page)")
        if private_key is None:
            raise SettingsError(
                "PRIVATE_KEY", "is required (PEM text, or set PRIVATE_KEY_PATH to the .pem file)"
            )
        if not secret:
            raise SettingsError("WEBHOOK_SECRET", "is required (the App's webhook secret)")

    level = (get("LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        raise SettingsError("LOG_LEVEL", f"must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
    api_url = (get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError("GITHUB_API_URL", f"must be an http(s) URL, not {api_url!r}")
    database_url = get("DATABASE_URL") or Settings().database_url
    if "://" not in database_url:
        raise SettingsError("DATABASE_URL", "must be a SQLAlchemy URL such as sqlite:///repo-hygiene.db")

    return Settings(
        app_id=app_id,
        private_key=private_key,
        webhook_secret=secret,
        github_client_id=get("GITHUB_CLIENT_ID"),
        github_client_secret=get("GITHUB_CLIENT_SECRET"),
        host=get("HOST") or "127.0.0.1",
        port=_int(get("PORT") or "3000", "PORT", 1, 65535),
        log_level=level,
        github_api_url=api_url,
        database_url=database_url,
        worker_concurrency=_int(get("WORKER_CONCURRENCY") or "4", "WORKER_CONCURRENCY", 1, 64),
        job_lease_seconds=_int(get("JOB_LEASE_SECONDS") or "300", "JOB_LEASE_SECONDS", 5, 86400),
        extra=raw,
    )


def _int(value: str | None, name: str, low: int, high: int | None = None) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise SettingsError(name, f"must be a whole number, not {value!r}") from None
    if number < low or (high is not None and number > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise SettingsError(name, f"must be {bounds}, not {number}")
    return number


def _private_key(text: str | None, path: str | None) -> str | None:
    name = "PRIVATE_KEY"
    if text is None and path is not None:
        name = "PRIVATE_KEY_PATH"
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise SettingsError(name, f"cannot read {path}: {exc.strerror or exc}") from None
    if text is None:
        return None
    pem = text.strip().replace("\\n", "\n")
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        # never echo the value: it may be a real key with a typo
        raise SettingsError(name, "is not a readable unencrypted PEM private key") from None
    return pem + "\n"
