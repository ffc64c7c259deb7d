"""A respx-backed stand-in for GitHub's OAuth + user endpoints, and seeding helpers for the dashboard."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import httpx
import respx
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


@dataclass
class FakeGitHub:
    """Users (id, login), orgs (login -> numeric id), memberships (login, org) -> (state, role), and
    what GitHub was asked."""

    users: dict[str, int] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=lambda: {"acme": 100, "other-org": 200})
    memberships: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)
    membership_calls: list[tuple[str, str]] = field(default_factory=list)
    challenges: dict[str, str] = field(default_factory=dict)  # code -> code_challenge
    revoked: set[str] = field(default_factory=set)
    down: bool = False

    def transport(self) -> httpx.MockTransport:
        router = respx.Router(assert_all_called=False)
        router.post(f"{WEB}/login/oauth/access_token").mock(side_effect=self._token)
        router.get(f"{API}/user").mock(side_effect=self._user)
        router.get(url__regex=rf"^{API}/user/memberships/orgs/(?P<org>[^/?]+)$").mock(
            side_effect=self._membership
        )
        return httpx.MockTransport(router.async_handler)

    def code_for(self, login: str, challenge: str) -> str:
        code = f"code-{login}"
        self.challenges[code] = challenge
        return code

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = parse_qs(request.content.decode())
        self.token_requests.append(form)
        code = form.get("code", [""])[0]
        verifier = form.get("code_verifier", [""])[0]
        expected = self.challenges.get(code)
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if form.get("client_secret") != [CLIENT_SECRET] or expected is None or digest != expected:
            return httpx.Response(
                200, json={"error": "bad_verification_code", "error_description": "The code is wrong"}
            )
        return httpx.Response(
            200, json={"access_token": f"ghu_{code[5:]}", "expires_in": 28800, "token_type": "bearer"}
        )

    def _login_of(self, request: httpx.Request) -> str | None:
        auth = request.headers.get("authorization", "")
        token = auth.removeprefix("Bearer ")
        if not token.startswith("ghu_") or token in self.revoked:
            return None
        return token[4:]

    def _user(self, request: httpx.Request) -> httpx.Response:
        login = self._login_of(request)
        if login is None or login not in self.users:
            return httpx.Response(401, json={"message": "Bad credentials"})
        return httpx.Response(200, json={"id": self.users[login], "login": login})

    def _membership(self, request: httpx.Request, org: str) -> httpx.Response:
        if self.down:
            return httpx.Response(502, json={"message": "Server Error"})
        login = self._login_of(request)
        if login is None:
            return httpx.Response(401, json={"message": "Bad credentials"})
        self.membership_calls.append((login, org))
        found = self.memberships.get((login, org.lower()))
        if found is None:
            return httpx.Response(404, json={"message": "Not Found"})
        state, role = found
        organization = {"login": org, "id": self.orgs[org.lower()]} if org.lower() in self.orgs else {}
        return httpx.Response(200, json={"state": state, "role": role, "organization": organization})


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
