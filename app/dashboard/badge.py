"""The public status badge of a public repository: "security | ok", "2 issues" or "unknown"."""

from __future__ import annotations

from html import escape

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.dashboard.names import FAILING
from app.store.models import CheckResultRow, Installation, Repository

COLOURS = {"ok": "#2ea44f", "unknown": "#9f9f9f"}
ISSUES_COLOUR = "#d73a49"
CHAR_WIDTH = 7  # px per character at 11px Verdana, close enough for a badge


def badge_message(db: Session, owner: str, name: str) -> str | None:
    """None when the repository is private, unknown, removed or its installation is gone, or when
    the owner's login is ambiguous (two installed accounts carry it after a missed rename: the
    badge of the wrong account must never be shown)."""
    repo_ids = db.scalars(
        select(Repository.id)
        .join(Installation, Installation.id == Repository.installation_id)
        .where(
            func.lower(Installation.account_login) == owner.lower(),
            func.lower(Repository.owner) == owner.lower(),
            func.lower(Repository.name) == name.lower(),
            Repository.private.is_(False),
            Repository.visibility == "public",
            Repository.removed_at.is_(None),
            Installation.deleted_at.is_(None),
        )
        .limit(2)
    ).all()
    if len(repo_ids) != 1:
        return None
    repo_id = repo_ids[0]
    total, failing = db.execute(
        select(func.count(), func.count().filter(CheckResultRow.status.in_(FAILING))).where(
            CheckResultRow.repository_id == repo_id
        )
    ).one()
    if not total:
        return "unknown"
    if not failing:
        return "ok"
    return f"{failing} issue" if failing == 1 else f"{failing} issues"


def badge_svg(message: str, label: str = "security") -> str:
    colour = COLOURS.get(message, ISSUES_COLOUR)
    left, right = 10 + CHAR_WIDTH * len(label), 10 + CHAR_WIDTH * len(message)
    width = left + right
    label_e, message_e = escape(label), escape(message)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{label_e}: {message_e}"><title>{label_e}: {message_e}</title>'
        f'<rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2}" y="14">{label_e}</text>'
        f'<text x="{left + right / 2}" y="14">{message_e}</text></g></svg>'
    )
