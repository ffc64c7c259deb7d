"""What dry runs would have written, for the organisation and repository pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.intended_writes import IntendedWrite, intended_writes
from app.store.models import Repository


@dataclass(frozen=True)
class RepoIntendedWrites:
    name: str
    writes: list[str]


def repository_intended_writes(session: Session, repository_id: int) -> list[str]:
    return intended_writes(session, [repository_id]).get(repository_id, [])


def org_intended_writes(session: Session, installation_ids: Sequence[int]) -> list[RepoIntendedWrites]:
    """Every covered repository of the organisation with recorded dry-run writes, by name."""
    repos = session.execute(
        select(Repository.id, Repository.name)
        .where(
            Repository.installation_id.in_(list(installation_ids)),
            Repository.removed_reason.is_(None),
            Repository.id.in_(select(IntendedWrite.repository_id)),
        )
        .order_by(Repository.name)
    ).all()
    writes = intended_writes(session, [repo_id for repo_id, _ in repos])
    return [RepoIntendedWrites(name, writes[repo_id]) for repo_id, name in repos if writes.get(repo_id)]
