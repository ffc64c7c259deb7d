"""Reading stored check details: one repository's findings and history, and the org's advisories.

`CheckResultRow.details["findings"]` is a list of dicts; advisory findings carry advisory_id, aliases,
severity, package, version, fixed_versions, file, line, summary (at the top level or under `data`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.dashboard.links import advisory_url
from app.dashboard.names import ADVISORY_CHECK
from app.dashboard.queries import in_org
from app.logging_setup import redact
from app.store.models import CheckResultHistory, CheckResultRow, HygienePullRequest, Job, Repository

SEVERITY_RANK = {"critical": 0, "high": 1, "moderate": 2, "medium": 2, "low": 3}
HISTORY_LIMIT = 200
FAILED_JOBS_LIMIT = 20


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence: text, linked when `href` is set (the template escapes both)."""

    text: str
    href: str = ""


Sentence = tuple[Segment, ...]


@dataclass(frozen=True)
class FindingView:
    title: str
    severity: str
    location: str
    remediation: str
    sentences: list[Sentence]


@dataclass(frozen=True)
class UpgradeView:
    """One package's upgrade plan as the dependency check stored it (`data["upgrades"]`)."""

    package: str
    version: str
    ecosystem: str
    target: str  # the version that fixes every advisory ("" when none does)
    advisories: str
    message: str


@dataclass
class AffectedRepo:
    name: str
    version: str
    location: str


@dataclass
class AdvisoryGroup:
    advisory_id: str
    severity: str
    summary: str
    package: str
    aliases: list[str]
    fixed_versions: list[str]
    repositories: list[AffectedRepo] = field(default_factory=list)

    @property
    def id_link(self) -> Segment:
        return _advisory(self.advisory_id)

    @property
    def alias_links(self) -> list[Segment]:
        return [_advisory(alias) for alias in self.aliases]


@dataclass(frozen=True)
class RepoDetail:
    repo: Repository
    results: list[CheckResultRow]
    history: list[CheckResultHistory]
    pull_request: HygienePullRequest | None
    failed_jobs: list[FailedJob] = field(default_factory=list)


@dataclass(frozen=True)
class FailedJob:
    """A job on this repository that used up its attempts, with its last error (tokens redacted)."""

    kind: str
    attempts: int
    finished_at: Any
    last_error: str


def _flat(finding: Any) -> dict[str, Any]:
    if not isinstance(finding, dict):
        return {"message": str(finding)}
    data = finding.get("data")
    return {**(data if isinstance(data, dict) else {}), **finding}


def _location(f: dict[str, Any]) -> str:
    loc = f.get("location")
    path, line = (
        (loc.get("path"), loc.get("line")) if isinstance(loc, dict) else (f.get("file"), f.get("line"))
    )
    if not path:
        return ""
    return f"{path}:{line}" if line else str(path)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _advisory(advisory_id: str) -> Segment:
    return Segment(advisory_id, advisory_url(advisory_id))


def _listed(items: list[str], conjunction: str = "and") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _with_stop(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _sentences(f: dict[str, Any]) -> list[Sentence]:
    """What a stored finding says, in sentences: the advisory (linked to its source), what fixes it."""
    sentences: list[Sentence] = []
    advisory_id = _text(f.get("advisory_id"))
    package, version = _text(f.get("package")), _text(f.get("version"))
    if advisory_id:
        subject = " ".join(part for part in (package, version) if part) or "This dependency"
        ecosystem = _text(f.get("ecosystem"))
        subject += f" ({ecosystem})" if ecosystem else ""
        parts = [Segment(f"{subject} is affected by "), _advisory(advisory_id)]
        aliases = [_text(a) for a in f.get("aliases") or [] if _text(a) and _text(a) != advisory_id]
        for n, alias in enumerate(aliases):
            parts.append(Segment(", also known as " if n == 0 else ", "))
            parts.append(_advisory(alias))
        parts.append(Segment("."))
        sentences.append(tuple(parts))
        fixed = [_text(v) for v in f.get("fixed_versions") or [] if _text(v)]
        sentences.append(
            (Segment(f"Fixed in {_listed(fixed, 'or')}." if fixed else "No fixed version is known yet."),)
        )
    elif package:
        sentences.append((Segment(f"Package {' '.join(p for p in (package, version) if p)}."),))
    upgrade = _text(f.get("upgrade"))
    if upgrade:
        sentences.append((Segment(_with_stop(upgrade)),))
    code = _text(f.get("code"))
    if code and code != advisory_id:
        sentences.append((Segment(f"Reported by the rule {code}."),))
    return sentences


def finding_views(details: Any) -> list[FindingView]:
    raw = details.get("findings") if isinstance(details, dict) else None
    views = []
    for item in raw if isinstance(raw, list) else []:
        f = _flat(item)
        title = f.get("message") or f.get("summary") or f.get("advisory_id") or "finding"
        views.append(
            FindingView(
                _text(title),
                _text(f.get("severity") or f.get("status")),
                _location(f),
                _text(f.get("remediation")),
                _sentences(f),
            )
        )
    return views


def upgrade_views(details: Any) -> list[UpgradeView]:
    """The upgrade plans a stored dependency-advisories result carries, in the check's order."""
    data = details.get("data") if isinstance(details, dict) else None
    plans = data.get("upgrades") if isinstance(data, dict) else None
    views = []
    for plan in plans if isinstance(plans, list) else []:
        if not isinstance(plan, dict) or not plan.get("message"):
            continue
        views.append(
            UpgradeView(
                _text(plan.get("package")),
                _text(plan.get("version")),
                _text(plan.get("ecosystem")),
                _text(plan.get("target") or plan.get("other_line")),
                _text(plan.get("advisories")),
                _text(plan.get("message")),
            )
        )
    return views


def repo_detail(db: Session, installation_ids: Sequence[int], name: str) -> RepoDetail | None:
    repo = db.scalars(
        select(Repository)
        .where(in_org(installation_ids), func.lower(Repository.name) == name.lower())
        .limit(1)
    ).first()
    if repo is None:
        return None
    results = db.scalars(
        select(CheckResultRow)
        .where(CheckResultRow.repository_id == repo.id)
        .order_by(CheckResultRow.check_id)
    ).all()
    history = db.scalars(
        select(CheckResultHistory)
        .where(CheckResultHistory.repository_id == repo.id)
        .order_by(CheckResultHistory.scanned_at.desc(), CheckResultHistory.id.desc())
        .limit(HISTORY_LIMIT)
    ).all()
    failed = db.scalars(
        select(Job)
        .where(Job.repository_id == repo.id, Job.state == "failed")
        .order_by(Job.updated_at.desc(), Job.id.desc())
        .limit(FAILED_JOBS_LIMIT)
    ).all()
    failed_jobs = [
        FailedJob(j.kind, j.attempts, j.finished_at or j.updated_at, redact(j.last_error or ""))
        for j in failed
    ]
    return RepoDetail(repo, list(results), list(history), db.get(HygienePullRequest, repo.id), failed_jobs)


def advisory_groups(db: Session, installation_ids: Sequence[int]) -> list[AdvisoryGroup]:
    """Every advisory found in the org, worst severity first, then by how many repositories it hits."""
    rows = db.execute(
        select(Repository.name, CheckResultRow.details)
        .join(CheckResultRow, CheckResultRow.repository_id == Repository.id)
        .where(in_org(installation_ids), CheckResultRow.check_id == ADVISORY_CHECK)
        .execution_options(yield_per=500)
    )
    groups: dict[str, AdvisoryGroup] = {}
    for repo_name, details in rows:
        raw = details.get("findings") if isinstance(details, dict) else None
        for item in raw if isinstance(raw, list) else []:
            f = _flat(item)
            advisory_id = _text(f.get("advisory_id"))
            if not advisory_id:
                continue
            group = groups.get(advisory_id)
            if group is None:
                group = groups[advisory_id] = AdvisoryGroup(
                    advisory_id,
                    _text(f.get("severity") or "unknown").lower(),
                    _text(f.get("summary")),
                    _text(f.get("package")),
                    [_text(a) for a in f.get("aliases") or []],
                    [_text(v) for v in f.get("fixed_versions") or []],
                )
            group.repositories.append(AffectedRepo(repo_name, _text(f.get("version")), _location(f)))
    return sorted(
        groups.values(),
        key=lambda g: (SEVERITY_RANK.get(g.severity, 4), -len(g.repositories), g.advisory_id),
    )
