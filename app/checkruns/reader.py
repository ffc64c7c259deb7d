"""The GitHub reads of a check run: one recursive tree per commit and the blobs not cached yet."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from githubkit import GitHub
from githubkit.exception import GitHubException

from app.github.errors import translate

MAX_BLOB_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class TreeEntry:
    path: str
    sha: str
    size: int | None


@dataclass(frozen=True)
class Tree:
    ref: str
    entries: tuple[TreeEntry, ...]
    truncated: bool
    sha: str = ""  # the git tree's own sha: equal trees have equal files

    def by_path(self) -> dict[str, TreeEntry]:
        return {e.path: e for e in self.entries}


class GitHubReader:
    """Counts its requests, so a run can report (and tests can assert) what it cost."""

    def __init__(self, gh: GitHub[Any], owner: str, name: str) -> None:
        self.gh = gh
        self.owner, self.name = owner, name
        self.repo_path = f"/repos/{owner}/{name}"
        self.calls = 0

    async def request(self, method: str, path: str, **kwargs: Any) -> Any:
        self.calls += 1
        try:
            response = await self.gh.arequest(method, path, **kwargs)
        except GitHubException as exc:
            raise translate(exc) from exc
        return response.json()

    async def tree_sha(self, ref: str) -> str:
        """The sha of the commit's root tree (one small, non-recursive read)."""
        body = await self.request("GET", f"{self.repo_path}/git/trees/{ref}")
        return str(body.get("sha") or "")

    async def tree(self, ref: str) -> Tree:
        body = await self.request("GET", f"{self.repo_path}/git/trees/{ref}", params={"recursive": "1"})
        entries = tuple(
            TreeEntry(str(item["path"]), str(item["sha"]), item.get("size"))
            for item in body.get("tree", [])
            if item.get("type") == "blob"
        )
        return Tree(ref, entries, bool(body.get("truncated")), str(body.get("sha") or ""))

    async def blob(self, sha: str) -> bytes:
        body = await self.request("GET", f"{self.repo_path}/git/blobs/{sha}")
        content = body.get("content") or ""
        if body.get("encoding") == "base64":
            return base64.b64decode(content)
        return str(content).encode()

    async def commit_sha(self, ref: str) -> str:
        body = await self.request("GET", f"{self.repo_path}/commits/{ref}")
        return str(body["sha"])
