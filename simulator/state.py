"""The simulator's whole world, in memory, guarded by one re-entrant lock."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from simulator.gitstore import ObjectStore


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class SimApp:
    id: int
    slug: str
    name: str
    client_id: str
    client_secret: str
    public_key_pem: str
    webhook_url: str | None
    webhook_secret: str
    permissions: dict[str, str]
    events: list[str]
    owner: str
    callback_urls: list[str] = field(default_factory=list)
    hook_id: int = 0

    @property
    def bot_login(self) -> str:
        return f"{self.slug}[bot]"


@dataclass
class Account:
    id: int
    login: str
    type: str  # "Organization" | "User" | "Bot"
    name: str | None = None
    email: str | None = None
    members: dict[str, tuple[str, str]] = field(default_factory=dict)  # login -> (role, state)


@dataclass
class Repo:
    id: int
    owner: str
    name: str
    default_branch: str
    archived: bool = False
    fork: bool = False
    private: bool = False
    description: str | None = None
    created_at: float = 0.0
    pushed_at: float = 0.0
    git: ObjectStore = field(default_factory=ObjectStore)
    refs: dict[str, str] = field(default_factory=dict)  # "refs/heads/main" -> commit sha
    parent_id: int | None = None  # the repository this one was forked from (its `git` is shared)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def empty(self) -> bool:
        return not self.refs

    def branch_sha(self, branch: str) -> str | None:
        return self.refs.get(f"refs/heads/{branch}")


@dataclass
class Installation:
    id: int
    app_id: int
    account: str
    repository_selection: str  # "all" | "selected"
    repo_ids: set[int]
    permissions: dict[str, str]
    events: list[str]
    created_at: float
    suspended_at: float | None = None


@dataclass
class Token:
    token: str
    kind: str  # "installation" | "user"
    expires_at: float
    installation_id: int | None = None
    user: str | None = None
    permissions: dict[str, str] = field(default_factory=dict)
    repo_ids: set[int] | None = None  # narrowed repositories, None = all of the installation


@dataclass
class PullRequest:
    id: int
    number: int
    repo_id: int
    title: str
    body: str | None
    head: str
    head_sha: str
    base: str
    base_sha: str
    user: str
    created_at: float
    updated_at: float
    state: str = "open"
    merged: bool = False
    merged_at: float | None = None
    merged_by: str | None = None
    merge_commit_sha: str | None = None
    closed_at: float | None = None
    draft: bool = False
    maintainer_can_modify: bool = False
    head_repo_id: int | None = None  # a fork holding the head branch; None = the base repository

    @property
    def head_repo(self) -> int:
        return self.repo_id if self.head_repo_id is None else self.head_repo_id


@dataclass
class Comment:
    id: int
    repo_id: int
    number: int
    body: str
    user: str
    created_at: float


@dataclass
class CheckSuite:
    id: int
    repo_id: int
    head_sha: str
    head_branch: str | None
    app_id: int
    created_at: float
    status: str = "queued"
    conclusion: str | None = None


@dataclass
class CheckRun:
    id: int
    suite_id: int
    repo_id: int
    app_id: int
    name: str
    head_sha: str
    status: str
    conclusion: str | None
    started_at: float
    completed_at: float | None
    details_url: str | None
    external_id: str | None
    output: dict[str, Any]
    annotations: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Delivery:
    id: int
    guid: str
    event: str
    action: str | None
    installation_id: int | None
    repository_id: int | None
    body: bytes
    headers: dict[str, str]
    redelivery: bool
    created_at: float
    status_code: int = 0
    status: str = "pending"
    duration: float = 0.0
    response_body: str = ""


@dataclass
class Fault:
    id: int
    method: str  # "*" matches any
    path: str  # regex matched against the request path, or a route template
    kind: str  # server_error | timeout | empty_repo | unprocessable | secondary | secondary_message | primary
    remaining: int | None  # None = until removed
    status: int = 500
    delay: float = 30.0


@dataclass
class OAuthCode:
    code: str
    client_id: str
    redirect_uri: str
    user: str
    code_challenge: str | None
    expires_at: float


@dataclass
class ManifestCode:
    """A registration's one-hour exchange code: the App it created and the key only it hands out."""

    app_id: int
    pem: str
    expires_at: float


class DeliveryQueue(Protocol):
    def enqueue(self, delivery_id: int) -> None: ...

    def drain(self, timeout: float = 10.0) -> bool: ...

    def stop(self) -> None: ...


class SimState:
    """Everything the simulator knows. Every reader and writer holds `lock`."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.base_url = "http://127.0.0.1"
        self.clock_offset = 0.0
        self.outbox: DeliveryQueue | None = None  # set by whoever runs the server (SimulatorServer)
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.clock_offset = 0.0
            self._next_id = 1000
            self.apps: dict[int, SimApp] = {}
            self.accounts: dict[str, Account] = {}
            self.repos: dict[int, Repo] = {}
            self.installations: dict[int, Installation] = {}
            self.tokens: dict[str, Token] = {}
            self.pulls: dict[tuple[int, int], PullRequest] = {}
            self.issue_numbers: dict[int, int] = {}
            self.comments: list[Comment] = []
            self.suites: dict[int, CheckSuite] = {}
            self.check_runs: dict[int, CheckRun] = {}
            self.deliveries: list[Delivery] = []
            self.faults: list[Fault] = []
            self.oauth_codes: dict[str, OAuthCode] = {}
            self.manifest_codes: dict[str, ManifestCode] = {}
            self.signed_in_user: str | None = None
            self.unsupported: list[dict[str, str]] = []
            self.calls: Counter[tuple[int | None, str]] = Counter()
            self.not_modified: Counter[tuple[int | None, str]] = Counter()  # of `calls`, answered 304
            self.budget_limit: dict[int, int] = {}
            self.budget_used: dict[str, tuple[float, int]] = {}  # bucket -> (window start, used)
            self.webhooks_enabled = True

    @property
    def html_url(self) -> str:
        """Where "github.com" pages live: the sandbox's read-only HTML view."""
        return f"{self.base_url}/_sandbox/ui"

    def now(self) -> float:
        return time.time() + self.clock_offset

    def new_id(self) -> int:
        with self.lock:
            self._next_id += 1
            return self._next_id

    # lookups -------------------------------------------------------------------------------------
    def repo_by_name(self, owner: str, name: str) -> Repo | None:
        key = f"{owner}/{name}".lower()
        return next((r for r in self.repos.values() if r.full_name.lower() == key), None)

    def account(self, login: str) -> Account | None:
        return self.accounts.get(login.lower())

    def the_app(self) -> SimApp | None:
        return next(iter(self.apps.values()), None)

    def installation_for_account(self, login: str) -> Installation | None:
        return next((i for i in self.installations.values() if i.account.lower() == login.lower()), None)

    def installation_repos(self, inst: Installation) -> list[Repo]:
        if inst.repository_selection == "all":
            return [r for r in self.repos.values() if r.owner.lower() == inst.account.lower()]
        return [self.repos[i] for i in sorted(inst.repo_ids) if i in self.repos]

    def installation_covers(self, inst: Installation, repo: Repo) -> bool:
        return any(r.id == repo.id for r in self.installation_repos(inst))

    def next_issue_number(self, repo_id: int) -> int:
        self.issue_numbers[repo_id] = self.issue_numbers.get(repo_id, 0) + 1
        return self.issue_numbers[repo_id]
