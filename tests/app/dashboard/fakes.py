"""The dashboard tests' GitHub Enterprise Server addresses, clock and database seeding. The GitHub they
sign in through is `tests.fakes.github.FakeGitHub` (see conftest.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.store.models import (
    CheckResultHistory,
    CheckResultRow,
    HygienePullRequest,
    Installation,
    Job,
    Repository,
)

API = "https://ghe.test/api/v3"
WEB = "https://ghe.test"
CLIENT_ID, CLIENT_SECRET = "Iv1.testclient", "test-client-secret"
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime = T0) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def add_org(
    db: Session, inst_id: int, login: str, *, account_id: int, account_type: str = "Organization"
) -> None:
    db.add(Installation(id=inst_id, account_login=login, account_id=account_id, account_type=account_type))


def add_repo(
    db: Session,
    repo_id: int,
    inst_id: int,
    owner: str,
    name: str,
    results: dict[str, str | tuple[str, dict[str, Any]]],
    *,
    private: bool = False,
    scanned: datetime = T0,
) -> None:
    db.add(
        Repository(
            id=repo_id,
            installation_id=inst_id,
            owner=owner,
            name=name,
            private=private,
            visibility="private" if private else "public",
            html_url=f"https://ghe.test/{owner}/{name}",
            last_scanned_at=scanned,
        )
    )
    db.flush()
    for check_id, value in results.items():
        status, details = (value, {}) if isinstance(value, str) else value
        db.add(
            CheckResultRow(
                repository_id=repo_id,
                check_id=check_id,
                status=status,
                summary=f"{check_id} {status}",
                details=details,
                scanned_at=scanned,
            )
        )
        db.add(
            CheckResultHistory(
                repository_id=repo_id,
                check_id=check_id,
                status=status,
                summary=f"{check_id} {status}",
                scanned_at=scanned,
            )
        )


def advisory(advisory_id: str, severity: str, package: str, version: str, summary: str) -> dict[str, Any]:
    return {
        "advisory_id": advisory_id,
        "aliases": [f"CVE-{advisory_id[-4:]}"],
        "severity": severity,
        "package": package,
        "version": version,
        "fixed_versions": ["9.9.9"],
        "file": "package-lock.json",
        "line": 12,
        "summary": summary,
    }


def seed(db: Session) -> None:
    """acme (org, 3 repos), other-org (org, 1 repo), alice (personal account, 1 repo)."""
    add_org(db, 1, "acme", account_id=100)
    add_org(db, 2, "other-org", account_id=200)
    add_org(db, 3, "alice", account_id=501, account_type="User")
    db.flush()
    vuln = (
        "fail",
        {
            "findings": [
                advisory(
                    "GHSA-aaaa-bbbb-0001",
                    "critical",
                    "lodash",
                    "4.17.0",
                    "Prototype pollution <script>alert(1)</script>",
                ),
                advisory("GHSA-aaaa-bbbb-0002", "moderate", "minimist", "1.2.0", "Moderate thing"),
            ]
        },
    )
    add_repo(
        db,
        11,
        1,
        "acme",
        "api",
        {"security-policy": "pass", "security-badge": "fail", "dependency-advisories": vuln},
    )
    add_repo(
        db,
        12,
        1,
        "acme",
        "web",
        {"security-policy": "fail", "security-badge": "fail", "dependency-advisories": "pass"},
        private=True,
    )
    add_repo(
        db,
        13,
        1,
        "acme",
        "<b>tools</b>",
        {"security-policy": "pass", "security-badge": "pass", "dependency-advisories": "not_applicable"},
    )
    add_repo(db, 21, 2, "other-org", "secret-project", {"security-policy": "fail"})
    add_repo(db, 31, 3, "alice", "dotfiles", {"security-policy": "pass"})
    db.add(
        HygienePullRequest(
            repository_id=12,
            number=7,
            branch="repo-hygiene/security-policy",
            state="open",
            html_url="https://ghe.test/acme/web/pull/7",
        )
    )
    db.add(Job(kind="scan_repository", state="failed", installation_id=1, payload={}))
    db.flush()


def dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def scan_shaped(status: str, counts: dict[str, int], fail_on: str = "high") -> tuple[str, dict[str, Any]]:
    """An advisory result as the scan stores it: Finding rows (advisory fields under `data`) + data.counts."""
    findings = [
        {
            "check_id": "dependency-advisories",
            "status": "fail",
            "message": f"pkg 1.0: GHSA-{severity}-{n}",
            "location": {"path": "poetry.lock", "line": 3, "end_line": None, "org_level": False},
            "remediation": "upgrade pkg",
            "code": f"GHSA-{severity}-{n}",
            "data": {
                "advisory_id": f"GHSA-{severity}-{n}",
                "aliases": [],
                "severity": severity,
                "package": "pkg",
                "version": "1.0",
                "fixed_versions": ["2.0"],
                "file": "poetry.lock",
                "line": 3,
                "summary": "s",
            },
        }
        for severity, count in counts.items()
        for n in range(count)
    ]
    return status, {"findings": findings, "data": {"fail_on": fail_on, "counts": counts, "packages": []}}
