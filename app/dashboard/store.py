"""The dashboard's own tables: signed-in sessions (user token encrypted) and per-org admin checks.

The cookie carries a random session id; only its SHA-256 is stored, so a copy of the database
cannot be turned into a working cookie. Rows are shared by every web process.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base, UTCDateTime, utcnow


class DashboardSession(Base):
    __tablename__ = "dashboard_sessions"
    __table_args__ = (
        Index("ix_dashboard_sessions_user", "user_id"),
        Index("ix_dashboard_sessions_expires", "expires_at"),
    )

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    login: Mapped[str] = mapped_column(String(255))
    token_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DashboardOrgAccess(Base):
    """The last answer GitHub gave about this session's user being an active admin of the org now
    called `org`: the numeric id of that org, or None when the user is not its active admin. Access is
    granted only when this id equals an installation's `account_id`, never on the login alone."""

    __tablename__ = "dashboard_org_access"

    session_key: Mapped[str] = mapped_column(
        String(64), ForeignKey("dashboard_sessions.key_hash", ondelete="CASCADE"), primary_key=True
    )
    org: Mapped[str] = mapped_column(String(255), primary_key=True)  # lower-cased login
    admin_org_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
