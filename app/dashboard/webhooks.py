"""`github_app_authorization.revoked`: the user withdrew the app's access; end their dashboard sessions."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, delete, select

from app.dashboard.store import DashboardOrgAccess, DashboardSession
from app.webhooks.router import WebhookEvent, router

if TYPE_CHECKING:
    from app.jobs.context import JobContext

log = logging.getLogger(__name__)


@router.on("github_app_authorization", "revoked")
async def end_sessions_of_revoking_user(event: WebhookEvent, ctx: JobContext) -> None:
    sender = event.payload.get("sender")
    user_id = sender.get("id") if isinstance(sender, dict) else None
    if not isinstance(user_id, int):
        log.warning("github_app_authorization.revoked without sender.id (delivery %s)", event.delivery_id)
        return
    with ctx.session() as db, db.begin():
        mine = select(DashboardSession.key_hash).where(DashboardSession.user_id == user_id)
        db.execute(delete(DashboardOrgAccess).where(DashboardOrgAccess.session_key.in_(mine)))
        result = db.execute(delete(DashboardSession).where(DashboardSession.user_id == user_id))
        ended = cast("CursorResult[Any]", result).rowcount
    log.info("user %s revoked the app: %s dashboard session(s) ended", user_id, ended)
