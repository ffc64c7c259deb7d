"""The read model behind the org pages: SQL aggregates and one page of rows at a time.

Everything is scoped to an org's installation ids and to repositories still in scope
(`removed_at IS NULL`). Counting happens in SQL (GROUP BY / EXISTS), never over ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, select
from sqlalchemy.orm import Session

import checks
from app.dashboard.failed_jobs import count_failed
from app.dashboard.links import advisory_run_urls
from app.dashboard.names import ADVISORY_CHECK, BADGE_CHECK, FAILING, OK, POLICY_CHECK, PR_CHECKS
from app.store.models import CheckResultRow, HygienePullRequest, Repository

PAGE_SIZE = 50
AnySelect = TypeVar("AnySelect", bound="Select[*tuple[Any, ...]]")
SORTS = ("name", "-name", "failing", "scanned", "-scanned")


@dataclass(frozen=True)
class Headline:
    repositories: int
    with_policy: int
    with_badge: int
    without_severe_advisories: int
    open_prs: int
    declined_prs: int
    failed_jobs: int
    scanned: int  # repositories with at least one stored result
    compliant: int  # of those, the ones with no failing result: the trend's "today"

    @staticmethod
    def share(part: int, whole: int) -> str:
        return f"{round(100 * part / whole)}%" if whole else "-"


@dataclass(frozen=True)
class TableQuery:
    name: str = ""
    check: str = ""
    failing_only: bool = False
    sort: str = "name"
    page: int = 1


@dataclass(frozen=True)
class Cell:
    status: str
    summary: str
    scanned_at: datetime | None
    url: str
    url_label: str  # "pull request" or "check run"


@dataclass
class Row:
    id: int
    name: str
    private: bool
    html_url: str
    last_scanned_at: datetime | None
    scan_note: str | None
    archived: bool = False
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def no_result(self) -> str:
        """What a check's cell says when it has no stored result, and why."""
        return no_result_reason(self.archived, self.scan_note, self.last_scanned_at)

    @property
    def note(self) -> str:
        """The scan note shown beside the last scan, in words."""
        return SKIP_REASONS["skipped-archived"] if self.archived else readable_note(self.scan_note)


@dataclass(frozen=True)
class TablePage:
    rows: list[Row]
    total: int
    page: int
    pages: int
    check_ids: list[str]


SKIP_REASONS = {
    "skipped-archived": "archived: not scanned",
    "skipped-empty": "empty: not scanned",
    "skipped-excluded by configuration": "excluded by configuration: not scanned",
}


def no_result_reason(archived: bool, scan_note: str | None, last_scanned_at: datetime | None) -> str:
    if archived:
        return SKIP_REASONS["skipped-archived"]
    if scan_note in SKIP_REASONS:
        return SKIP_REASONS[scan_note]
    if scan_note and scan_note.startswith("error"):
        return "not scanned: the last scan failed"
    return "not scanned yet" if last_scanned_at is None else "not scanned"


def readable_note(scan_note: str | None) -> str:
    """A repository's scan note as a phrase ("archived: not scanned"), not the stored token."""
    return SKIP_REASONS.get(scan_note or "", scan_note or "")


def in_org(installation_ids: Sequence[int]) -> ColumnElement[bool]:
    return and_(Repository.installation_id.in_(installation_ids), Repository.removed_at.is_(None))


def headline(db: Session, installation_ids: Sequence[int]) -> Headline:
    scope = in_org(installation_ids)
    repositories = db.scalar(select(func.count()).select_from(Repository).where(scope)) or 0
    by_status = {
        (check_id, status): count
        for check_id, status, count in db.execute(
            select(CheckResultRow.check_id, CheckResultRow.status, func.count())
            .join(Repository, Repository.id == CheckResultRow.repository_id)
            .where(scope, CheckResultRow.check_id.in_((POLICY_CHECK, BADGE_CHECK)))
            .group_by(CheckResultRow.check_id, CheckResultRow.status)
        )
    }
    prs = dict(
        db.execute(
            select(HygienePullRequest.state, func.count())
            .join(Repository, Repository.id == HygienePullRequest.repository_id)
            .where(scope)
            .group_by(HygienePullRequest.state)
        ).all()
    )
    scanned, compliant = compliance_now(db, installation_ids)
    return Headline(
        repositories=repositories,
        with_policy=by_status.get((POLICY_CHECK, "pass"), 0),
        with_badge=by_status.get((BADGE_CHECK, "pass"), 0),
        without_severe_advisories=_without_severe_advisories(db, scope),
        open_prs=prs.get("open", 0),
        declined_prs=prs.get("declined", 0),
        failed_jobs=count_failed(db, installation_ids),
        scanned=scanned,
        compliant=compliant,
    )


def compliance_now(db: Session, installation_ids: Sequence[int]) -> tuple[int, int]:
    """(repositories with a stored result, those whose stored results have no fail or error)."""
    failing = func.sum(case((CheckResultRow.status.in_(FAILING), 1), else_=0))
    per_repo = (
        select(CheckResultRow.repository_id, failing.label("failing"))
        .join(Repository, Repository.id == CheckResultRow.repository_id)
        .where(in_org(installation_ids))
        .group_by(CheckResultRow.repository_id)
        .subquery()
    )
    scanned, compliant = db.execute(
        select(
            func.count(), func.coalesce(func.sum(case((per_repo.c.failing == 0, 1), else_=0)), 0)
        ).select_from(per_repo)
    ).one()
    return int(scanned), int(compliant)


def _without_severe_advisories(db: Session, scope: ColumnElement[bool]) -> int:
    """Repositories whose stored advisory result counts no critical and no high finding.

    The check stores `details.data.counts` ({severity: n}); a result without counts (older shape)
    falls back to its status (the check fails at its fail_on severity, default low, and on unknown
    severity unless `unknown_severity: ignore`); errors never count.
    """
    details = CheckResultRow.details

    def count_of(severity: str) -> ColumnElement[int]:
        return func.coalesce(details[("data", "counts", severity)].as_integer(), 0)

    clean = case(
        (CheckResultRow.status == "error", 0),
        (
            details[("data", "counts")].as_string().is_(None),
            case((CheckResultRow.status.in_(OK), 1), else_=0),
        ),
        (and_(count_of("critical") == 0, count_of("high") == 0), 1),
        else_=0,
    )
    total = db.scalar(
        select(func.sum(clean))
        .join(Repository, Repository.id == CheckResultRow.repository_id)
        .where(scope, CheckResultRow.check_id == ADVISORY_CHECK)
    )
    return int(total or 0)


def check_ids(db: Session, installation_ids: Sequence[int]) -> list[str]:
    stored = db.scalars(
        select(CheckResultRow.check_id)
        .join(Repository, Repository.id == CheckResultRow.repository_id)
        .where(in_org(installation_ids))
        .distinct()
    )
    return sorted(set(checks.REGISTRY) | set(stored))


def filtered(query: AnySelect, installation_ids: Sequence[int], q: TableQuery) -> AnySelect:
    query = query.where(in_org(installation_ids))
    if q.name:
        query = query.where(func.lower(Repository.name).contains(q.name.lower(), autoescape=True))
    if q.failing_only:
        failing = [CheckResultRow.repository_id == Repository.id, CheckResultRow.status.in_(FAILING)]
        if q.check:
            failing.append(CheckResultRow.check_id == q.check)
        query = query.where(exists().where(*failing))
    return query


def table_page(db: Session, installation_ids: Sequence[int], q: TableQuery) -> TablePage:
    ids = check_ids(db, installation_ids)
    shown = [q.check] if q.check else ids
    total = db.scalar(filtered(select(func.count()).select_from(Repository), installation_ids, q)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, q.page), pages)
    query = filtered(
        select(
            Repository.id,
            Repository.name,
            Repository.private,
            Repository.html_url,
            Repository.last_scanned_at,
            Repository.scan_note,
            Repository.archived,
        ),
        installation_ids,
        q,
    )
    query = query.order_by(*_order(q.sort)).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    rows = {
        r.id: Row(r.id, r.name, r.private, r.html_url, r.last_scanned_at, r.scan_note, bool(r.archived))
        for r in db.execute(query)
    }
    _fill_cells(db, rows, shown)
    return TablePage(list(rows.values()), total, page, pages, shown)


def _order(sort: str) -> list[Any]:
    name = func.lower(Repository.name)
    if sort == "-name":
        return [name.desc(), Repository.id]
    if sort == "failing":
        failing = (
            select(func.count())
            .where(CheckResultRow.repository_id == Repository.id, CheckResultRow.status.in_(FAILING))
            .scalar_subquery()
        )
        return [failing.desc(), name, Repository.id]
    if sort == "scanned":
        return [Repository.last_scanned_at.desc(), name, Repository.id]
    if sort == "-scanned":
        return [Repository.last_scanned_at.asc(), name, Repository.id]
    return [name, Repository.id]


def _fill_cells(db: Session, rows: dict[int, Row], shown: list[str]) -> None:
    if not rows:
        return
    pr_urls = dict(
        db.execute(
            select(HygienePullRequest.repository_id, HygienePullRequest.html_url).where(
                HygienePullRequest.repository_id.in_(rows), HygienePullRequest.state == "open"
            )
        ).all()
    )
    results = db.execute(
        select(
            CheckResultRow.repository_id,
            CheckResultRow.check_id,
            CheckResultRow.status,
            CheckResultRow.summary,
            CheckResultRow.scanned_at,
            CheckResultRow.details["check_run_url"].as_string(),
        ).where(CheckResultRow.repository_id.in_(rows), CheckResultRow.check_id.in_(shown))
    )
    run_urls = advisory_run_urls(db, list(rows)) if ADVISORY_CHECK in shown else {}
    for repo_id, check_id, status, summary, scanned_at, stored_url in results:
        pr_url = pr_urls.get(repo_id, "") if check_id in PR_CHECKS else ""
        run_url = stored_url or (run_urls.get(repo_id, "") if check_id == ADVISORY_CHECK else "")
        label = "pull request" if pr_url else "check run"
        rows[repo_id].cells[check_id] = Cell(status, summary, scanned_at, pr_url or run_url or "", label)
