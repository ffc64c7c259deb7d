"""Typed writes to one repository: branches and commits (`BranchWriter`), pull requests and their
comments (`PullRequestWriter`). What they must read first they read through a `RepoReader`.

Commits are made with GraphQL `createCommitOnBranch` rather than the git data API
(blobs/tree/commit/PATCH ref): it is one call for any number of files, GitHub signs the commit (so it
passes rulesets that require verified signatures, which a git-data commit from an App would fail),
and `expectedHeadOid` rejects a concurrent writer instead of silently overwriting it.
Only where the GraphQL endpoint does not exist (HTTP 404: an old GitHub Enterprise Server or a
simulator without GraphQL) the same single commit is made with the git data API instead, with a
fast-forward-only ref update so a concurrent writer still makes it fail rather than lose work.

Errors arrive as `app.errors` types (translated once, in `app.github.errors`); a 422's validation
details are in `GitHubError.details`.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from githubkit import GitHub
from githubkit.utils import UNSET
from githubkit_schemas.latest.types import ReposOwnerRepoGitTreesPostBodyPropTreeItemsType

from app.errors import NotFound, Unprocessable
from app.github.dry_run import STAND_IN_NUMBER, STAND_IN_SHA, IntendedWrites
from app.github.gateway import (
    CallCounter,
    PullRequestSummary,
    RepoReader,
    _Gateway,
    pull_request_summary,
)

COMMIT_MUTATION = """
mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}
"""


def _already_exists(exc: Unprocessable) -> bool:
    return any("already exists" in text.lower() for text in (exc.reason, *exc.details))


def _heads(branch: str) -> str:
    return f"heads/{quote(branch, safe='/')}"


class _RepoWriter(_Gateway):
    def __init__(
        self,
        gh: GitHub[Any],
        reader: RepoReader,
        counter: CallCounter | None = None,
        intended: IntendedWrites | None = None,
    ) -> None:
        super().__init__(gh, counter or reader.counter)
        self.reader = reader
        self.owner, self.name = reader.owner, reader.name
        self.intended = intended  # set: dry run, writes are recorded instead of sent

    @property
    def dry_run(self) -> bool:
        return self.intended is not None


class BranchWriter(_RepoWriter):
    """Creates, moves and deletes branches, and commits files onto them."""

    async def create(self, branch: str, sha: str) -> bool:
        """Create the branch at `sha`; False when it already exists (422 "Reference already exists")."""
        if self.intended is not None:
            if await self.reader.branch_sha(branch) is not None:  # as GitHub would answer: it exists
                return False
            self.intended.record(f"would create branch {branch!r} at {sha[:12]}")
            return True
        try:
            await self._call(
                lambda: self.gh.rest.git.async_create_ref(
                    self.owner, self.name, ref=f"refs/heads/{branch}", sha=sha
                )
            )
        except Unprocessable as exc:
            if _already_exists(exc):
                return False
            raise
        return True

    async def reset(self, branch: str, sha: str) -> None:
        """Point the branch at `sha`, discarding its commits (a force update)."""
        if self.intended is not None:
            self.intended.record(f"would reset branch {branch!r} to {sha[:12]}")
            return
        await self._call(
            lambda: self.gh.rest.git.async_update_ref(
                self.owner, self.name, _heads(branch), sha=sha, force=True
            )
        )

    async def delete(self, branch: str) -> None:
        """Delete the branch; a branch already gone (404, or 422 "Reference does not exist") is fine."""
        if self.intended is not None:
            self.intended.record(f"would delete branch {branch!r}")
            return
        with contextlib.suppress(NotFound, Unprocessable):
            await self._call(lambda: self.gh.rest.git.async_delete_ref(self.owner, self.name, _heads(branch)))

    async def commit_files(
        self, branch: str, expected_head: str, files: Mapping[str, str], message: str
    ) -> str:
        """One signed commit on `branch` adding/replacing `files`; returns the new commit sha."""
        if self.intended is not None:
            paths = ", ".join(sorted(files))
            self.intended.record(f"would commit {paths} to branch {branch!r}")
            return STAND_IN_SHA
        try:
            return await self._commit_graphql(branch, expected_head, files, message)
        except NotFound:  # HTTP 404 from /graphql: no GraphQL endpoint here
            pass
        return await self._commit_git_data(branch, expected_head, files, message)

    async def _commit_graphql(
        self, branch: str, expected_head: str, files: Mapping[str, str], message: str
    ) -> str:
        headline, _, body = message.partition("\n\n")
        additions = [
            {"path": path, "contents": base64.b64encode(content.encode("utf-8")).decode("ascii")}
            for path, content in sorted(files.items())
        ]
        variables = {
            "input": {
                "branch": {"repositoryNameWithOwner": f"{self.owner}/{self.name}", "branchName": branch},
                "expectedHeadOid": expected_head,
                "message": {"headline": headline, "body": body},
                "fileChanges": {"additions": additions},
            }
        }
        data = await self._call(lambda: self.gh.async_graphql(COMMIT_MUTATION, variables))
        return str(data["createCommitOnBranch"]["commit"]["oid"])

    async def _commit_git_data(
        self, branch: str, expected_head: str, files: Mapping[str, str], message: str
    ) -> str:
        parent = await self.reader.git_commit(expected_head)
        entries: list[ReposOwnerRepoGitTreesPostBodyPropTreeItemsType] = [
            {"path": path, "mode": "100644", "type": "blob", "content": content}
            for path, content in sorted(files.items())
        ]
        tree = await self._call(
            lambda: self.gh.rest.git.async_create_tree(
                self.owner, self.name, base_tree=parent.tree_sha, tree=entries
            )
        )
        tree_sha = tree.parsed_data.sha
        commit = await self._call(
            lambda: self.gh.rest.git.async_create_commit(
                self.owner, self.name, message=message, tree=tree_sha, parents=[expected_head]
            )
        )
        sha = commit.parsed_data.sha
        await self._call(
            lambda: self.gh.rest.git.async_update_ref(
                self.owner, self.name, _heads(branch), sha=sha, force=False
            )
        )
        return sha


class PullRequestWriter(_RepoWriter):
    """Opens, edits and comments on pull requests."""

    async def create(self, head: str, base: str, title: str, body: str) -> PullRequestSummary | None:
        """The new PR, or None when one is already open for this head (422 "A pull request already
        exists", which GitHub puts in the validation details)."""
        if self.intended is not None:
            self.intended.record(f"would open pull request {title!r} from {head!r} into {base!r}")
            return _stand_in_pull_request(title, body)
        try:
            response = await self._call(
                lambda: self.gh.rest.pulls.async_create(
                    self.owner,
                    self.name,
                    title=title,
                    head=head,
                    base=base,
                    body=body,
                    maintainer_can_modify=True,
                )
            )
        except Unprocessable as exc:
            if _already_exists(exc):
                return None
            raise
        return pull_request_summary(response.content)

    async def update(
        self,
        number: int,
        *,
        title: str | None = None,
        body: str | None = None,
        state: Literal["open", "closed"] | None = None,
    ) -> PullRequestSummary:
        if self.intended is not None:
            action = "close" if state == "closed" else "update"
            shown = f" as {title!r}" if title is not None and state != "closed" else ""
            self.intended.record(f"would {action} pull request #{number}{shown}")
            return _stand_in_pull_request(title or "", body or "", number)
        response = await self._call(
            lambda: self.gh.rest.pulls.async_update(
                self.owner,
                self.name,
                number,
                title=UNSET if title is None else title,
                body=UNSET if body is None else body,
                state=UNSET if state is None else state,
            )
        )
        return pull_request_summary(response.content)

    async def comment_once(self, number: int, body: str) -> bool:
        """Post `body` unless the same text is already among the comments (a retried job)."""
        if body in await self.reader.comment_bodies(number):
            return False
        if self.intended is not None:
            self.intended.record(f"would comment on pull request #{number}")
            return True
        await self._call(
            lambda: self.gh.rest.issues.async_create_comment(self.owner, self.name, number, body=body)
        )
        return True


def _stand_in_pull_request(title: str, body: str, number: int = STAND_IN_NUMBER) -> PullRequestSummary:
    """What a dry run answers for a pull request it did not open or edit (no URL: it does not exist)."""
    return PullRequestSummary(
        number=number, state="open", title=title, body=body, html_url="", merged_at=None, head_ref=""
    )


@dataclass(frozen=True)
class RepoGitHub:
    """The reader and writers of one repository, sharing one call counter."""

    reader: RepoReader
    branches: BranchWriter
    pulls: PullRequestWriter

    @property
    def dry_run(self) -> bool:
        return self.pulls.dry_run

    @classmethod
    def for_repo(
        cls,
        gh: GitHub[Any],
        owner: str,
        name: str,
        counter: CallCounter | None = None,
        intended: IntendedWrites | None = None,
    ) -> RepoGitHub:
        reader = RepoReader(gh, owner, name, counter)
        return cls(
            reader,
            BranchWriter(gh, reader, intended=intended),
            PullRequestWriter(gh, reader, intended=intended),
        )
