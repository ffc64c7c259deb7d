"""Account renames and deletions: keep the stored login of an installation's account current.

`installation_target.renamed` (sent to every App for the account it is installed on) and
`organization.renamed` carry the account's numeric id and its new login; the old login is remembered
only so that old dashboard links can follow the rename while nobody else holds that name.
`organization.deleted` ends the installations of that account id (GitHub deletes them too).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.store.accounts import record_rename
from app.store.base import utcnow
from app.store.models import Installation, Repository
from app.store.sync import mark_removed
from app.webhooks.delivery import MALFORMED_PAYLOAD as MALFORMED
from app.webhooks.router import WebhookEvent, router

if TYPE_CHECKING:
    from app.jobs.context import JobContext

log = logging.getLogger(__name__)


def _account(payload: dict[str, Any], key: str) -> tuple[int, str] | None:
    account = payload.get(key)
    if not isinstance(account, dict):
        return None
    account_id, login = account.get("id"), account.get("login")
    if not isinstance(account_id, int) or isinstance(account_id, bool) or not isinstance(login, str):
        return None
    return (account_id, login) if login else None


def _old_login(payload: dict[str, Any]) -> str | None:
    changes = payload.get("changes")
    login = changes.get("login") if isinstance(changes, dict) else None
    old = login.get("from") if isinstance(login, dict) else None
    return old if isinstance(old, str) and old else None


async def _rename(event: WebhookEvent, ctx: JobContext, key: str) -> None:
    account = _account(event.payload, key)
    if account is None:
        ctx.outcome = MALFORMED
        return
    account_id, new_login = account
    old_login = _old_login(event.payload)
    with ctx.session() as session, session.begin():
        changed = record_rename(session, account_id, new_login, old_login)
    if not changed:
        ctx.outcome = f"ignored: account {account_id} has no installation"
        return
    log.info("account %s renamed from %s to %s", account_id, old_login, new_login)


@router.on("installation_target", "renamed")
async def installation_target_renamed(event: WebhookEvent, ctx: JobContext) -> None:
    await _rename(event, ctx, "account")


@router.on("organization", "renamed")
async def organization_renamed(event: WebhookEvent, ctx: JobContext) -> None:
    await _rename(event, ctx, "organization")


@router.on("organization", "deleted")
async def organization_deleted(event: WebhookEvent, ctx: JobContext) -> None:
    account = _account(event.payload, "organization")
    if account is None:
        ctx.outcome = MALFORMED
        return
    account_id, login = account
    with ctx.session() as session, session.begin():
        installations = list(
            session.scalars(
                select(Installation).where(
                    Installation.account_id == account_id, Installation.account_type == "Organization"
                )
            )
        )
        for installation in installations:
            installation.deleted_at = installation.deleted_at or utcnow()
        ids = [i.id for i in installations]
        repo_ids = list(session.scalars(select(Repository.id).where(Repository.installation_id.in_(ids))))
        mark_removed(session, repo_ids, "deleted")
    if not installations:
        ctx.outcome = f"ignored: account {account_id} has no installation"
        return
    log.info("organisation %s (%s) deleted: %d installation(s) ended", login, account_id, len(installations))
