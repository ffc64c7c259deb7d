"""The organisation's default `.github/repo-hygiene.yml`, as the last scan read it from the owner's
`.github` repository. Check runs use it as `org_defaults` without an extra GitHub call; scans (which
read the org repository anyway) keep it current, and a push to that repository rescans every repository.

Keyed by the account's numeric id, never by its login: a login can be given up by a rename and taken
by someone else, whose defaults must never apply to the first account's repositories (or the reverse).
A row with `text=None` records that the owner has no such file (or no `.github` repository).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.store.base import Base, UTCDateTime
from app.store.models import Installation, Repository


class OrgConfig(Base):
    __tablename__ = "org_configs"

    account_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when the scan began reading it


def save_org_config(session: Session, account_id: int, text: str | None, fetched_at: datetime) -> bool:
    """Store what a scan read; a read that began before the stored one loses (concurrent scans of
    one owner's repositories). True when stored."""
    row = session.get(OrgConfig, account_id)
    if row is None:
        try:
            with session.begin_nested():
                session.add(OrgConfig(account_id=account_id, text=text, fetched_at=fetched_at))
            return True
        except IntegrityError:  # another worker inserted it first
            row = session.get(OrgConfig, account_id)
            if row is None:
                raise
    if fetched_at < row.fetched_at:
        return False
    row.text, row.fetched_at = text, fetched_at
    return True


def save_installation_org_config(
    session: Session, installation_id: int, text: str | None, fetched_at: datetime
) -> bool:
    """`save_org_config` for the account the installation belongs to (False: unknown installation)."""
    account_id = session.scalar(select(Installation.account_id).where(Installation.id == installation_id))
    return account_id is not None and save_org_config(session, account_id, text, fetched_at)


def org_config_text(session: Session, account_id: int) -> str | None:
    """The stored org default configuration, or None when there is none (or no scan has read it)."""
    row = session.get(OrgConfig, account_id)
    return row.text if row is not None else None


def repository_org_config_text(session: Session, repository_id: int) -> str | None:
    """The stored defaults of the account whose installation covers the repository (by ids only)."""
    account_id = session.scalar(
        select(Installation.account_id)
        .join(Repository, Repository.installation_id == Installation.id)
        .where(Repository.id == repository_id, Repository.removed_reason.is_(None))
    )
    return org_config_text(session, account_id) if account_id is not None else None
