"""Account logins over time: the login an installation's account gave up when it was renamed.

Identity is the numeric account id. A former login is kept only to send old dashboard links to the
account's new name, and only while no installation holds that login (after a rename anyone may
register the old name, and from then on it is theirs).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import BigInteger, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.store.base import Base, UTCDateTime, utcnow
from app.store.models import Installation, Repository

log = logging.getLogger(__name__)


class FormerLogin(Base):
    __tablename__ = "former_account_logins"

    login: Mapped[str] = mapped_column(String(255), primary_key=True)  # lower-cased
    account_id: Mapped[int] = mapped_column(BigInteger)
    renamed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def _swap_owner_in_url(url: str, old: str, new: str) -> str:
    prefix, sep, rest = url.partition(f"/{old}/")
    if not sep:  # GitHub keeps the login's case in URLs; compare case-insensitively
        index = url.lower().find(f"/{old.lower()}/")
        if index < 0:
            return url
        prefix, rest = url[:index], url[index + len(old) + 2 :]
    return f"{prefix}/{new}/{rest}"


def record_rename(session: Session, account_id: int, new_login: str, old_login: str | None) -> int:
    """The account `account_id` is now called `new_login`: update its installations and their
    repositories' owner and URLs, and remember the old login. Returns how many installations changed."""
    installations = list(session.scalars(select(Installation).where(Installation.account_id == account_id)))
    for installation in installations:
        previous = installation.account_login
        if previous and previous.lower() != new_login.lower():
            remember_former_login(session, account_id, previous)
        installation.account_login = new_login
        repositories = session.scalars(
            select(Repository).where(Repository.installation_id == installation.id)
        )
        for repo in repositories:
            if previous and repo.owner.lower() == previous.lower():
                repo.html_url = _swap_owner_in_url(repo.html_url, previous, new_login)
            repo.owner = new_login
    if old_login and old_login.lower() != new_login.lower():
        remember_former_login(session, account_id, old_login)
    return len(installations)


def remember_former_login(session: Session, account_id: int, login: str) -> None:
    row = session.get(FormerLogin, login.lower())
    if row is None:
        session.add(FormerLogin(login=login.lower(), account_id=account_id, renamed_at=utcnow()))
    else:
        row.account_id, row.renamed_at = account_id, utcnow()


def renamed_to(session: Session, login: str) -> str | None:
    """The current login of the account that gave up `login`, when no active installation holds
    `login` now and that account still has an active installation; else None."""
    taken = session.scalar(
        select(func.count())
        .select_from(Installation)
        .where(func.lower(Installation.account_login) == login.lower(), Installation.deleted_at.is_(None))
    )
    if taken:
        return None
    row = session.get(FormerLogin, login.lower())
    if row is None:
        return None
    current = session.scalar(
        select(Installation.account_login)
        .where(Installation.account_id == row.account_id, Installation.deleted_at.is_(None))
        .limit(1)
    )
    if current is None or current.lower() == login.lower():
        return None
    return current
