"""The typed GitHub gateway: repository reads and check-run writes through githubkit's typed `rest.*`.

`RepoReader` only reads; `CheckRunWriter` only writes check runs. Both count their requests on a
shared `CallCounter` (a run reports, and tests assert, what it cost) and translate githubkit's
exceptions into `app.errors` in one place (`app.github.errors.translate`).
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict, TypeVar, cast
from urllib.parse import quote

from githubkit import GitHub
from githubkit.compat import GitHubModel, type_validate_json
from githubkit.exception import GitHubException
from githubkit.utils import UNSET
from githubkit_schemas.latest.models import (
    ContentFile,
    FullRepository,
    IssueComment,
)

from app.errors import NotFound
from app.github.dry_run import STAND_IN_NUMBER, IntendedWrites
from app.github.errors import translate

T = TypeVar("T")


@dataclass
class CallCounter:
    calls: int = 0  # REST requests
    graphql: int = 0  # GraphQL queries (their own budget, in points; a batch read costs one)


@dataclass(frozen=True, slots=True)
class TreeEntry:
    path: str
    sha: str
    size: int | None
    mode: str = "100644"
    type: str = "blob"  # blob | tree | commit (a submodule)


@dataclass(frozen=True)
class Tree:
    """One read of a git tree. `entries` holds blobs and, for a non-recursive read, subtrees."""

    sha: str
    entries: tuple[TreeEntry, ...]
    truncated: bool

    @property
    def blobs(self) -> tuple[TreeEntry, ...]:
        return tuple(e for e in self.entries if e.type == "blob")

    def by_path(self) -> dict[str, TreeEntry]:
        return {e.path: e for e in self.blobs}


@dataclass(frozen=True, slots=True)
class GitCommit:
    sha: str
    tree_sha: str
    parents: tuple[str, ...]


class PullRequestSummary(TypedDict):
    """What the app keeps of a pull request (a TypedDict: webhook payloads are read the same way)."""

    number: int
    state: str
    title: str
    body: str | None
    html_url: str
    merged_at: str | None
    head_ref: str


class _Head(GitHubModel):
    ref: str


class PullRequestFields(GitHubModel):
    """The fields the app reads of a pull request answer. githubkit's `PullRequest` model rejects
    answers GitHub itself documents (labels without `archived_by`, teams without `type`), so pull
    request answers are validated against this narrower model instead."""

    number: int
    state: str
    title: str
    body: str | None = None
    html_url: str
    merged_at: datetime | None = None
    head: _Head


def pull_request_summary(answer: bytes) -> PullRequestSummary:
    """One pull request answer (create, update, get) as the app keeps it."""
    return _summary(type_validate_json(PullRequestFields, answer))


def _summary(pr: PullRequestFields) -> PullRequestSummary:
    return PullRequestSummary(
        number=pr.number,
        state=str(pr.state),
        title=pr.title,
        body=pr.body,
        html_url=pr.html_url,
        merged_at=pr.merged_at.isoformat() if pr.merged_at else None,
        head_ref=pr.head.ref,
    )


@dataclass(frozen=True, slots=True)
class CheckRunRef:
    id: int
    status: str
    external_id: str | None = None


def _listed(data: object, item: type[T]) -> list[T]:
    """A parsed list answer. (githubkit's clients have a method named `list`, which shadows the builtin
    in their annotations, so mypy does not see these answers as lists.)"""
    return cast(list[T], data)


class _Gateway:
    def __init__(self, gh: GitHub[Any], counter: CallCounter | None = None) -> None:
        self.gh = gh
        self.counter = counter or CallCounter()

    @property
    def calls(self) -> int:
        return self.counter.calls

    async def _call(self, request: Callable[[], Awaitable[T]]) -> T:
        self.counter.calls += 1
        try:
            return await request()
        except GitHubException as exc:
            raise translate(exc) from exc


class RepoReader(_Gateway):
    """Reads of one repository (`owner/name`)."""

    def __init__(self, gh: GitHub[Any], owner: str, name: str, counter: CallCounter | None = None) -> None:
        super().__init__(gh, counter)
        self.owner, self.name = owner, name

    async def repository(self) -> FullRepository:
        response = await self._call(lambda: self.gh.rest.repos.async_get(self.owner, self.name))
        return response.parsed_data

    async def ref_sha(self, branch: str) -> str:
        """The commit a branch points at (NotFound when the branch does not exist)."""
        ref = f"heads/{quote(branch.removeprefix('refs/heads/'), safe='/')}"
        response = await self._call(lambda: self.gh.rest.git.async_get_ref(self.owner, self.name, ref))
        sha = response.parsed_data.object_.sha
        if not sha:
            raise NotFound(f"ref {ref} has no object", status=404)
        return sha

    async def commit_sha(self, ref: str) -> str:
        """The commit sha a branch, tag or sha names."""
        response = await self._call(lambda: self.gh.rest.repos.async_get_commit(self.owner, self.name, ref))
        return response.parsed_data.sha

    async def tree(self, tree_ish: str, *, recursive: bool = True) -> Tree:
        """A commit's or tree's entries; recursive reads list blobs only (GitHub may truncate them)."""
        response = await self._call(
            lambda: self.gh.rest.git.async_get_tree(
                self.owner, self.name, tree_ish, recursive="1" if recursive else UNSET
            )
        )
        body = response.parsed_data
        entries = tuple(
            TreeEntry(str(item.path), str(item.sha), item.size or None, str(item.mode), str(item.type))
            for item in body.tree
            if item.path and item.sha and (item.type == "blob" or not recursive)
        )
        return Tree(body.sha, entries, bool(body.truncated))

    async def tree_sha(self, tree_ish: str) -> str:
        """The sha of a commit's root tree (one small, non-recursive read): equal trees, equal files."""
        return (await self.tree(tree_ish, recursive=False)).sha

    async def blob(self, sha: str) -> bytes:
        response = await self._call(lambda: self.gh.rest.git.async_get_blob(self.owner, self.name, sha))
        body = response.parsed_data
        if body.encoding == "base64":
            return base64.b64decode(body.content or "")
        return (body.content or "").encode()

    async def check_runs(self, head_sha: str, name: str, app_id: int | None = None) -> list[CheckRunRef]:
        """The latest check runs called `name` on a commit (of one app when `app_id` is given)."""
        extra: dict[str, Any] = {"app_id": app_id} if app_id is not None else {}
        response = await self._call(
            lambda: self.gh.rest.checks.async_list_for_ref(
                self.owner, self.name, head_sha, check_name=name, filter_="latest", **extra
            )
        )
        return [
            CheckRunRef(run.id, str(run.status), run.external_id or None)
            for run in response.parsed_data.check_runs
        ]

    async def branch_sha(self, branch: str) -> str | None:
        """The commit a branch points at, None when the branch does not exist."""
        try:
            return await self.ref_sha(branch)
        except NotFound:
            return None

    async def git_commit(self, sha: str) -> GitCommit:
        response = await self._call(lambda: self.gh.rest.git.async_get_commit(self.owner, self.name, sha))
        body = response.parsed_data
        return GitCommit(body.sha, body.tree.sha, tuple(p.sha for p in body.parents))

    async def file(self, path: str, ref: str) -> bytes | None:
        """A file's bytes at `ref` (contents API); None when there is no file (or a directory) there."""
        try:
            response = await self._call(
                lambda: self.gh.rest.repos.async_get_content(
                    self.owner, self.name, quote(path, safe="/"), ref=ref
                )
            )
        except NotFound:
            return None
        body = response.parsed_data
        if not isinstance(body, ContentFile) or body.type != "file":
            return None
        return base64.b64decode(body.content)

    async def pull_requests(self, head_branch: str) -> list[PullRequestSummary]:
        """Every pull request (open, closed, merged) whose head is `owner:head_branch`, newest first."""
        response = await self._call(
            lambda: self.gh.rest.pulls.async_list(
                self.owner, self.name, head=f"{self.owner}:{head_branch}", state="all", per_page=100
            )
        )
        listed = type_validate_json(list[PullRequestFields], response.content)
        prs = [_summary(p) for p in listed if p.head.ref == head_branch]
        return sorted(prs, key=lambda p: p["number"], reverse=True)

    async def comment_bodies(self, number: int) -> list[str]:
        """The bodies of the first hundred comments on an issue or pull request."""
        response = await self._call(
            lambda: self.gh.rest.issues.async_list_comments(self.owner, self.name, number, per_page=100)
        )
        return [c.body for c in _listed(response.parsed_data, IssueComment) if isinstance(c.body, str)]


async def repository_by_id(
    gh: GitHub[Any], repository_id: int, counter: CallCounter | None = None
) -> FullRepository:
    """`GET /repositories/{id}`: a repository by its numeric id, which survives renames and transfers."""
    gateway = _Gateway(gh, counter)
    response = await gateway._call(
        lambda: gh.arequest("GET", f"/repositories/{repository_id}", response_model=FullRepository)
    )
    return response.parsed_data


class CheckRunWriter(_Gateway):
    """Creates and completes check runs on one repository."""

    def __init__(
        self,
        gh: GitHub[Any],
        owner: str,
        name: str,
        counter: CallCounter | None = None,
        intended: IntendedWrites | None = None,
    ) -> None:
        super().__init__(gh, counter)
        self.owner, self.name = owner, name
        self.intended = intended  # set: dry run, writes are recorded instead of sent

    @property
    def dry_run(self) -> bool:
        return self.intended is not None

    async def create(self, body: dict[str, Any]) -> int:
        if self.intended is not None:
            self.intended.record(
                f"would create check run {body.get('name', '')!r} on {body['head_sha'][:12]}"
            )
            return STAND_IN_NUMBER
        response = await self._call(
            lambda: self.gh.rest.checks.async_create(self.owner, self.name, data=body)  # type: ignore[call-overload]
        )
        return int(response.parsed_data.id)

    async def update(self, check_run_id: int, body: dict[str, Any]) -> None:
        if self.intended is not None:
            self.intended.record(_intended_check_run_update(body))
            return
        await self._call(
            lambda: self.gh.rest.checks.async_update(  # type: ignore[call-overload]
                self.owner, self.name, check_run_id, data=body
            )
        )


def _intended_check_run_update(body: dict[str, Any]) -> str:
    output = body.get("output") or {}
    title = str(output.get("title") or "")
    if "conclusion" in body:
        return f"would file check run: {body['conclusion']}, {title}".rstrip(", ")
    return f"would add {len(output.get('annotations') or ())} annotation(s) to the check run"
