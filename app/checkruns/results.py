"""Which repositories a set of changed advisories affects, by the packages their stored
`dependency-advisories` result lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import CheckResultRow, Repository
from checks.advisories.osv import normalise_name
from checks.dependency_advisories import ID as CHECK_ID


def package_key(ecosystem: str, name: str) -> tuple[str, str]:
    """Names compared as the advisory index keys them (PyPI per PEP 503, npm and Go exactly, ...)."""
    return (ecosystem, normalise_name(ecosystem, name))


def package_set(items: Iterable[Any]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, list | tuple) and len(item) >= 2 and all(isinstance(x, str) for x in item[:2]):
            out.add(package_key(item[0], item[1]))
    return out


def affected_repositories(session: Session, packages: set[tuple[str, str]]) -> list[Repository]:
    stmt = (
        select(CheckResultRow.details, Repository)
        .join(Repository, Repository.id == CheckResultRow.repository_id)
        .where(
            CheckResultRow.check_id == CHECK_ID,
            Repository.removed_reason.is_(None),
            Repository.installation_id.is_not(None),
            Repository.archived.is_(False),
        )
        .execution_options(yield_per=500)
    )
    hits = []
    for details, repo in session.execute(stmt):
        stored = package_set(_stored_packages(details))
        if stored & packages:
            hits.append(repo)
    return hits


def _stored_packages(details: Any) -> list[Any]:
    """`packages` as the scan stores it (under `data`), or at the top level."""
    if not isinstance(details, dict):
        return []
    data = details.get("data")
    found = data.get("packages") if isinstance(data, dict) else None
    return list(found or details.get("packages") or [])
