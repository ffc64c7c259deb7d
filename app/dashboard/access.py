"""Who may see what: server-side sessions and the per-org admin check, re-asked of GitHub.

A user sees an organisation only while GitHub says they are an active admin of the org with the
installation's numeric account id (the membership answer carries the org's id; a login is only the
name to ask about, since logins change hands after a rename). The answer is re-checked when older than
ten minutes, and always on export; a personal-account installation is seen only by that account (by
user id). Anything else looks exactly like an org that does not use the app.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from app.dashboard.github_user import GitHubUser, GitHubUserClient, GitHubUserError, TokenRevoked
from app.dashboard.store import DashboardOrgAccess, DashboardSession
from app.store.accounts import renamed_to
from app.store.models import Installation

log = logging.getLogger(__name__)

RECHECK_AFTER = timedelta(minutes=10)
DEFAULT_SESSION_LIFETIME = timedelta(hours=8)  # GitHub's expiring user tokens last 8 h


@dataclass(frozen=True)
class SignedIn:
    key_hash: str
    user_id: int
    login: str
    token: str


@dataclass(frozen=True)
class Org:
    login: str
    account_type: str
    account_id: int
    installation_ids: tuple[int, ...]


class Verdict(Enum):
    ALLOWED = "allowed"
    HIDDEN = "hidden"  # 404: not an admin, or no installation - indistinguishable on purpose
    SIGNED_OUT = "signed_out"  # the session ended (GitHub revoked the token)
    UNAVAILABLE = "unavailable"  # GitHub could not be asked; nothing is shown


def hash_session_key(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()


class Access:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        github: GitHubUserClient,
        fernet: Fernet,
        now: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._github = github
        self._fernet = fernet
        self._now = now

    # -- sessions -------------------------------------------------------------------------------
    def create_session(self, session_key: str, user: GitHubUser, token: str, expires_in: int | None) -> None:
        lifetime = timedelta(seconds=expires_in) if expires_in else DEFAULT_SESSION_LIFETIME
        with self._sessions() as db, db.begin():
            expired = select(DashboardSession.key_hash).where(DashboardSession.expires_at <= self._now())
            db.execute(delete(DashboardOrgAccess).where(DashboardOrgAccess.session_key.in_(expired)))
            db.execute(delete(DashboardSession).where(DashboardSession.expires_at <= self._now()))
            db.add(
                DashboardSession(
                    key_hash=hash_session_key(session_key),
                    user_id=user.id,
                    login=user.login,
                    token_encrypted=self._fernet.encrypt(token.encode()),
                    created_at=self._now(),
                    expires_at=self._now() + min(lifetime, DEFAULT_SESSION_LIFETIME),
                )
            )

    def load_session(self, session_key: str) -> SignedIn | None:
        key_hash = hash_session_key(session_key)
        with self._sessions() as db:
            row = db.get(DashboardSession, key_hash)
            if row is None:
                return None
            user_id, login, expires_at, sealed = row.user_id, row.login, row.expires_at, row.token_encrypted
        if expires_at <= self._now():
            self.end_session_by_hash(key_hash)
            return None
        try:
            token = self._fernet.decrypt(sealed).decode()
        except InvalidToken:  # the secret changed: the stored token is unreadable, sign in again
            self.end_session_by_hash(key_hash)
            return None
        return SignedIn(key_hash, user_id, login, token)

    def end_session(self, session_key: str) -> None:
        self.end_session_by_hash(hash_session_key(session_key))

    def end_session_by_hash(self, key_hash: str) -> None:
        with self._sessions() as db, db.begin():
            db.execute(delete(DashboardOrgAccess).where(DashboardOrgAccess.session_key == key_hash))
            db.execute(delete(DashboardSession).where(DashboardSession.key_hash == key_hash))

    # -- organisations --------------------------------------------------------------------------
    def installed_orgs(self, org: str | None = None) -> list[Org]:
        """Active installations grouped by account id (optionally only those whose stored login is
        `org`: after a missed rename two accounts may share one, which the admin check tells apart)."""
        query = select(
            Installation.id, Installation.account_login, Installation.account_type, Installation.account_id
        ).where(Installation.deleted_at.is_(None))
        if org is not None:
            query = query.where(func.lower(Installation.account_login) == org.lower())
        grouped: dict[tuple[str, int], Org] = {}
        with self._sessions() as db:
            for inst_id, login, account_type, account_id in db.execute(
                query.order_by(Installation.account_login, Installation.id)
            ):
                key = (account_type, account_id)
                known = grouped.get(key)
                ids = (*known.installation_ids, inst_id) if known else (inst_id,)
                grouped[key] = Org(login, account_type, account_id, ids)
        return list(grouped.values())

    async def org_verdict(
        self, user: SignedIn, org: str, *, force: bool = False
    ) -> tuple[Verdict, Org | None]:
        installed = await run_in_threadpool(self.installed_orgs, org)
        mine = [o for o in installed if o.account_type == "User" and o.account_id == user.user_id]
        if mine:
            return Verdict.ALLOWED, mine[0]
        if installed and all(o.account_type == "User" for o in installed):
            return Verdict.HIDDEN, None
        # Ask GitHub even when the org has no installation, so timing and errors reveal nothing.
        try:
            admin_of = await self._admin_org_id(user, org, force=force)
        except TokenRevoked:
            await run_in_threadpool(self.end_session_by_hash, user.key_hash)
            return Verdict.SIGNED_OUT, None
        except GitHubUserError as exc:
            log.warning("admin check for %s failed: %s", org, exc)
            return Verdict.UNAVAILABLE, None
        for candidate in installed:
            if candidate.account_type != "User" and admin_of is not None and candidate.account_id == admin_of:
                return Verdict.ALLOWED, candidate
        return Verdict.HIDDEN, None

    async def visible_orgs(self, user: SignedIn) -> tuple[list[Org], int]:
        """Installed orgs this user administers, and how many GitHub could not answer for just now.

        Asked concurrently, at most 8 at a time; a revoked token raises TokenRevoked."""
        orgs = await run_in_threadpool(self.installed_orgs)
        limit = asyncio.Semaphore(8)

        async def allowed(org: Org) -> bool | None:
            if org.account_type == "User":
                return org.account_id == user.user_id
            async with limit:
                try:
                    return await self._admin_org_id(user, org.login, force=False) == org.account_id
                except TokenRevoked:
                    raise
                except GitHubUserError as exc:
                    log.warning("admin check for %s failed: %s", org.login, exc)
                    return None

        flags = await asyncio.gather(*(allowed(org) for org in orgs))
        visible = [org for org, ok in zip(orgs, flags, strict=True) if ok]
        return visible, sum(1 for ok in flags if ok is None)

    async def _admin_org_id(self, user: SignedIn, org: str, *, force: bool) -> int | None:
        """The id of the org GitHub now calls `org`, if this user is its active admin (cached)."""
        if not force:
            found, cached = await run_in_threadpool(self._cached_answer, user.key_hash, org.lower())
            if found:
                return cached
        admin_of = await self._github.admin_org_id(user.token, org)
        await run_in_threadpool(self._store_answer, user.key_hash, org.lower(), admin_of)
        return admin_of

    def _cached_answer(self, key_hash: str, org: str) -> tuple[bool, int | None]:
        with self._sessions() as db:
            row = db.get(DashboardOrgAccess, (key_hash, org))
            if row is None or self._now() - row.checked_at >= RECHECK_AFTER:
                return False, None
            return True, row.admin_org_id

    def _store_answer(self, key_hash: str, org: str, admin_of: int | None) -> None:
        # IntegrityError: a concurrent request stored its (equally fresh) answer first
        with contextlib.suppress(IntegrityError):
            self._write_answer(key_hash, org, admin_of)

    def _write_answer(self, key_hash: str, org: str, admin_of: int | None) -> None:
        with self._sessions() as db, db.begin():
            if db.get(DashboardSession, key_hash) is None:
                return  # signed out meanwhile
            row = db.get(DashboardOrgAccess, (key_hash, org))
            if row is None:
                db.add(
                    DashboardOrgAccess(
                        session_key=key_hash, org=org, admin_org_id=admin_of, checked_at=self._now()
                    )
                )
            else:
                row.admin_org_id, row.checked_at = admin_of, self._now()

    def renamed_to(self, login: str) -> str | None:
        with self._sessions() as db:
            return renamed_to(db, login)
