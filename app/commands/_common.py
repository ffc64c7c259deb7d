"""Shared start-up for the long-running commands: settings and the database (one clear line on
error, exit 2), logging."""

from __future__ import annotations

import sys
from pathlib import Path

from app.errors import SettingsError
from app.file_modes import restrict_file
from app.logging_setup import configure_logging
from app.settings import Settings, load_settings
from app.store.connect import verify_database


def settings_or_exit(*, require_github: bool = True) -> Settings:
    try:
        settings = load_settings(require_github=require_github)
    except SettingsError as exc:
        print(f"repo-hygiene: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    configure_logging(settings.log_level, settings.log_format)
    restrict_file(Path(".env"))  # it holds the App's secrets
    return settings


def database_or_exit(settings: Settings) -> None:
    """Exit 2 with one line when the database cannot be reached."""
    try:
        verify_database(settings.database_url)
    except SettingsError as exc:
        print(f"repo-hygiene: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
