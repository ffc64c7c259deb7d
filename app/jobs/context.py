"""What a job handler gets: the process's services and facts about the job being run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from app.github.client import GitHubApp
    from app.settings import Settings


@dataclass
class Services:
    """Built once per process by the composition root (`app/main.py`) and passed down."""

    settings: Settings
    sessions: sessionmaker[Session]
    github: GitHubApp


@dataclass
class JobContext:
    services: Services
    job_id: int
    kind: str
    attempt: int
    installation_id: int | None = None
    repository_id: int | None = None
    # set by a handler that finished without doing its work (ignored, dropped); stored on the job
    outcome: str | None = None

    def session(self) -> Session:
        return self.services.sessions()

    def enqueue(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        dedupe_key: str | None = None,
        run_after: datetime | None = None,
        installation_id: int | None = None,
        repository_id: int | None = None,
    ) -> int | None:
        """Enqueue a follow-up job in its own transaction; returns its id (None: deduplicated)."""
        from app.jobs.queue import enqueue

        with self.session() as session, session.begin():
            return enqueue(
                session,
                kind,
                payload,
                dedupe_key=dedupe_key,
                run_after=run_after,
                installation_id=installation_id if installation_id is not None else self.installation_id,
                repository_id=repository_id,
            )
