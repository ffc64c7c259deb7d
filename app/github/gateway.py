"""The typed GitHub gateway: repository reads and check-run writes through githubkit's typed `rest.*`.

`RepoReader` only reads; `CheckRunWriter` only writes check runs. Both count their requests on a
shared `CallCounter` (a run reports, and tests assert, what it cost) and translate githubkit's
exceptions into `app.errors` in one place (`app.github.errors.translate`).
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

from githubkit import GitHub
from githubkit.exception import GitHubException
from githubkit.utils import UNSET
from githubkit_schemas.latest.models import FullRepository

from app.errors import NotFound
from app.github.errors import translate

T = TypeVar("T")


@dataclass
class CallCounter:
    calls: int = 0


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
class CheckRunRef:
    id: int
    status: str


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
        return [CheckRunRef(run.id, str(run.status)) for run in response.parsed_data.check_runs]


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

    def __init__(self, gh: GitHub[Any], owner: str, name: str, counter: CallCounter | None = None) -> None:
        super().__init__(gh, counter)
        self.owner, self.name = owner, name

    async def create(self, body: dict[str, Any]) -> int:
        response = await self._call(
            lambda: self.gh.rest.checks.async_create(self.owner, self.name, data=body)  # type: ignore[call-overload]
        )
        return int(response.parsed_data.id)

    async def update(self, check_run_id: int, body: dict[str, Any]) -> None:
        await self._call(
            lambda: self.gh.rest.checks.async_update(  # type: ignore[call-overload]
                self.owner, self.name, check_run_id, data=body
            )
        )
