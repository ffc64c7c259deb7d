"""Whether a job runs dry: the `DRY_RUN` setting, or `dry_run: true` in the organisation's defaults
(`.github/repo-hygiene.yml` of the owner's `.github` repository) or the repository's own file. Any of
them turns it on: a repository cannot opt an organisation in dry run back into writes.

A dry-run job gives its writers an `IntendedWrites` (the one place writes are withheld) and stores
what they recorded; a job that writes for real stores an empty list."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.github.dry_run import IntendedWrites
from app.settings import Settings
from app.store.intended_writes import replace_intended_writes
from checks.config import RepoConfig, parse_config


def org_dry_run(org_text: str | None) -> bool:
    return org_text is not None and parse_config(None, org_text)[0].dry_run


def intended_writes_for(
    settings: Settings, repository: str, org_text: str | None, config: RepoConfig | None = None
) -> IntendedWrites | None:
    """An `IntendedWrites` for `repository` (owner/name) when the job runs dry, else None."""
    if settings.dry_run or org_dry_run(org_text) or (config is not None and config.dry_run):
        return IntendedWrites(repository)
    return None


def store_intended_writes(
    session: Session, repository_id: int, source: str, intended: IntendedWrites | None
) -> None:
    replace_intended_writes(session, repository_id, source, intended.writes if intended else [])
