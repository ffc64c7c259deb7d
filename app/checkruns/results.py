"""Which repositories a set of changed advisories affects, by the packages their stored
`dependency-advisories` result lists."""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
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


def _stored_results(session: Session) -> Iterator[tuple[Any, Repository]]:
    """(details, repository) of every active repository's stored dependency result."""
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
    for row in session.execute(stmt):
        yield row[0], row[1]


def affected_repositories(session: Session, packages: set[tuple[str, str]]) -> list[Repository]:
    return [
        repo
        for details, repo in _stored_results(session)
        if package_set(_stored_packages(details)) & packages
    ]


def repositories_with_filled_gaps(session: Session, covered: Container[str]) -> list[Repository]:
    """Repositories whose stored result lacked advisory data (missing or stale) for an ecosystem that
    is now `covered` (has advisories, synced within the allowed age)."""
    hits = []
    for details, repo in _stored_results(session):
        data = details.get("data") if isinstance(details, dict) else None
        gap = data.get("advisory_data") if isinstance(data, dict) else None
        if not isinstance(gap, dict):
            continue
        lacking = [*(gap.get("missing") or ()), *(gap.get("stale") or {})]
        if any(isinstance(eco, str) and eco in covered for eco in lacking):
            hits.append(repo)
    return hits


def _stored_packages(details: Any) -> list[Any]:
    """`packages` as the scan stores it (under `data`), or at the top level."""
    if not isinstance(details, dict):
        return []
    data = details.get("data")
    found = data.get("packages") if isinstance(data, dict) else None
    return list(found or details.get("packages") or [])
