"""Keep the installation and repository rows true to what webhooks and the API report."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.accounts import record_rename
from app.store.base import utcnow
from app.store.models import Installation, Repository


def upsert_installation(session: Session, data: dict[str, Any]) -> Installation:
    account = data.get("account")
    if not isinstance(account, dict) or not isinstance(account.get("id"), int) or not account.get("login"):
        raise ValueError("installation without account id and login")  # never store an anonymous one
    row = session.get(Installation, int(data["id"]))
    if row is None:
        row = Installation(id=int(data["id"]))
        session.add(row)
    login, previous = str(account.get("login", "")), row.account_login
    row.account_login = login
    row.account_id = int(account["id"])
    if previous and login and previous.lower() != login.lower():  # renamed while we were not told
        record_rename(session, row.account_id, login, previous)
    row.account_type = str(account.get("type") or "Organization")
    row.repository_selection = str(data.get("repository_selection") or "all")
    return row


def upsert_repository(
    session: Session, installation_id: int, data: dict[str, Any], owner: str = ""
) -> Repository:
    """From a full repository object or the short one in installation payloads (id, name, full_name)."""
    row = session.get(Repository, int(data["id"]))
    if row is None:
        row = Repository(id=int(data["id"]))
        session.add(row)
    full_name = str(data.get("full_name") or "")
    owner_data = data.get("owner")
    if isinstance(owner_data, dict) and owner_data.get("login"):
        owner = str(owner_data["login"])
    elif "/" in full_name:
        owner = full_name.split("/", 1)[0]
    row.installation_id = installation_id
    row.owner = owner or row.owner
    row.name = str(data.get("name") or full_name.rsplit("/", 1)[-1])
    row.removed_reason = None
    row.removed_at = None
    apply_repository_facts(row, data)
    return row


def apply_repository_facts(row: Repository, data: dict[str, Any]) -> None:
    """Copy the facts a payload or API answer actually carries (short payloads lack most)."""
    if data.get("default_branch"):
        row.default_branch = str(data["default_branch"])
    for attr in ("archived", "fork", "private"):
        if attr in data and data[attr] is not None:
            setattr(row, attr, bool(data[attr]))
    if data.get("visibility"):
        row.visibility = str(data["visibility"])
    elif "private" in data:
        row.visibility = "private" if data["private"] else "public"
    if data.get("html_url"):
        row.html_url = str(data["html_url"])
    if "name" in data and data.get("name"):
        row.name = str(data["name"])
    owner = data.get("owner")
    if isinstance(owner, dict) and owner.get("login"):
        row.owner = str(owner["login"])


def mark_removed(session: Session, repo_ids: list[int], reason: str) -> None:
    for repo in session.scalars(select(Repository).where(Repository.id.in_(repo_ids))):
        repo.removed_reason = reason
        repo.removed_at = utcnow()


def active_repository(session: Session, installation_id: int | None, repo_id: int) -> Repository | None:
    """The repository row if this installation still covers it and is active, else None."""
    repo = session.get(Repository, repo_id)
    if repo is None or repo.removed_reason is not None or repo.installation_id != installation_id:
        return None
    installation = session.get(Installation, installation_id) if installation_id is not None else None
    if installation is None or not installation.active:
        return None
    return repo


def stopped_reason(session: Session, installation_id: int | None, repo_id: int) -> str | None:
    """Why nothing more may be done for this repository, as far as the store knows: its installation
    was deleted or suspended, or the repository was removed, deleted or transferred away. None when
    the store knows no reason to stop (including when it does not know the repository at all)."""
    installation = session.get(Installation, installation_id) if installation_id is not None else None
    if installation is not None and not installation.active:
        state = "suspended" if installation.deleted_at is None else "deleted"
        return f"installation {installation_id} is {state}"
    repo = session.get(Repository, repo_id)
    if repo is not None and repo.removed_reason is not None:
        return f"repository {repo.full_name} is no longer covered ({repo.removed_reason})"
    return None
