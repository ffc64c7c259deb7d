"""The organisation's default `.github/repo-hygiene.yml`, as the last scan read it from the owner's
`.github` repository. Check runs use it as `org_defaults` without an extra GitHub call; scans (which
read the org repository anyway) keep it current, and a push to that repository rescans every repository.

A row with `text=None` records that the owner has no such file (or no `.github` repository).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.store.base import Base, UTCDateTime


class OrgConfig(Base):
    __tablename__ = "org_configs"

    owner: Mapped[str] = mapped_column(String(255), primary_key=True)  # account login, lower-cased
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when the scan began reading it


def _key(owner: str) -> str:
    return owner.lower()  # GitHub logins are case-insensitive


def save_org_config(session: Session, owner: str, text: str | None, fetched_at: datetime) -> bool:
    """Store what a scan read; a read that began before the stored one loses (concurrent scans of
    one owner's repositories). True when stored."""
    row = session.get(OrgConfig, _key(owner))
    if row is None:
        try:
            with session.begin_nested():
                session.add(OrgConfig(owner=_key(owner), text=text, fetched_at=fetched_at))
            return True
        except IntegrityError:  # another worker inserted it first
            row = session.get(OrgConfig, _key(owner))
            if row is None:
                raise
    if fetched_at < row.fetched_at:
        return False
    row.text, row.fetched_at = text, fetched_at
    return True


def org_config_text(session: Session, owner: str) -> str | None:
    """The stored org default configuration, or None when there is none (or no scan has read it)."""
    row = session.get(OrgConfig, _key(owner))
    return row.text if row is not None else None
