"""POST /graphql: the mutation the app sends, `createCommitOnBranch`, and the batch reads
(`repository(owner:, name:)` under aliases, see `simulator/graphql_reads.py`), on a slice of GitHub's schema.

Documents are parsed, validated and executed by graphql-core against `SCHEMA` below, so a field, an
argument or a variable GitHub's schema would refuse is refused here too (a GraphQL error with
`locations`, HTTP 200). The mutation needs an existing branch and checks `expectedHeadOid`, as GitHub
does. The query root holds `repository` and `rateLimit`, GitHub's own budget query.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from graphql import GraphQLError, build_schema, graphql_sync
from starlette.responses import Response

from simulator import graphql_reads, ops
from simulator.api import API, ApiError, Ctx, json_response
from simulator.graphql_reads import ReadRefused
from simulator.shapes import node_id
from simulator.state import Repo, iso

SCHEMA = build_schema(
    """
    scalar Base64String
    scalar DateTime
    scalar GitObjectID
    scalar URI

    type Query {
      rateLimit(dryRun: Boolean = false): RateLimit
      repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
    }
    type RateLimit { cost: Int! limit: Int! nodeCount: Int! remaining: Int! resetAt: DateTime! used: Int! }

    type Mutation {
      createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload
    }
    input CreateCommitOnBranchInput {
      branch: CommittableBranch!
      clientMutationId: String
      expectedHeadOid: GitObjectID!
      fileChanges: FileChanges
      message: CommitMessage!
    }
    input CommittableBranch { branchName: String, id: ID, repositoryNameWithOwner: String }
    input CommitMessage { body: String, headline: String! }
    input FileChanges { additions: [FileAddition!] = [], deletions: [FileDeletion!] = [] }
    input FileAddition { contents: Base64String!, path: String! }
    input FileDeletion { path: String! }

    type CreateCommitOnBranchPayload { clientMutationId: String, commit: Commit, ref: Ref }
    interface GitObject { abbreviatedOid: String!, commitUrl: URI!, id: ID!, oid: GitObjectID! }
    type Commit implements GitObject {
      abbreviatedOid: String!, commitUrl: URI!, committedDate: DateTime!, id: ID!, message: String!
      oid: GitObjectID!, tree: Tree!, url: URI!
    }
    type Blob implements GitObject {
      abbreviatedOid: String!, byteSize: Int!, commitUrl: URI!, id: ID!, isBinary: Boolean
      isTruncated: Boolean!, oid: GitObjectID!, text: String
    }
    type Tree implements GitObject {
      abbreviatedOid: String!, commitUrl: URI!, entries: [TreeEntry!], id: ID!, oid: GitObjectID!
    }
    type TreeEntry {
      mode: Int!, name: String!, object: GitObject, oid: GitObjectID!, size: Int!, type: String!
    }
    type Ref { id: ID!, name: String!, prefix: String!, target: GitObject }

    enum RepositoryVisibility { INTERNAL PRIVATE PUBLIC }
    interface RepositoryOwner { id: ID!, login: String!, url: URI! }
    type Organization implements RepositoryOwner { id: ID!, login: String!, url: URI! }
    type User implements RepositoryOwner { id: ID!, login: String!, url: URI! }
    type Repository {
      databaseId: Int, defaultBranchRef: Ref, id: ID!, isArchived: Boolean!, isEmpty: Boolean!
      isFork: Boolean!, isPrivate: Boolean!, name: String!, nameWithOwner: String!
      object(expression: String, oid: GitObjectID): GitObject
      owner: RepositoryOwner!, url: URI!, visibility: RepositoryVisibility!
      pullRequests(
        after: String, before: String, first: Int, last: Int, baseRefName: String, headRefName: String
        labels: [String!], states: [PullRequestState!]
      ): PullRequestConnection!
    }
    enum PullRequestState { CLOSED MERGED OPEN }
    type PullRequestConnection { nodes: [PullRequest], totalCount: Int! }
    type PullRequest {
      body: String!, headRefName: String!, id: ID!, isCrossRepository: Boolean!, mergedAt: DateTime
      number: Int!, state: PullRequestState!, title: String!, url: URI!
    }
    """
)


class MutationFailed(Exception):
    """A refusal GitHub reports as a GraphQL error with a `type` (NOT_FOUND, STALE_DATA, ...)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def _repo(ctx: Ctx, name_with_owner: str) -> Repo:
    owner, _, name = name_with_owner.partition("/")
    ctx.params.update(owner=owner, repo=name)
    try:
        return ctx.repo("contents", "write")
    except ApiError as error:
        if error.status == 404:
            message = f"Could not resolve to a Repository with the name '{owner}/{name}'."
            raise MutationFailed(message, "NOT_FOUND") from error
        raise MutationFailed(error.message, "FORBIDDEN") from error


def _changes(repo: Repo, head: str, file_changes: dict[str, Any]) -> dict[str, bytes | None]:
    changes: dict[str, bytes | None] = {}
    current = repo.git.files(repo.git.commits[head].tree)
    for deletion in file_changes.get("deletions") or []:
        if deletion["path"] not in current:
            message = f"A path was requested for deletion which does not exist as of commit oid `{head}`"
            raise MutationFailed(message, "UNPROCESSABLE")
        changes[deletion["path"]] = None
    for addition in file_changes.get("additions") or []:
        try:
            changes[addition["path"]] = base64.b64decode(addition["contents"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise MutationFailed("fileChanges.additions need Base64 contents", "UNPROCESSABLE") from exc
    return changes


def create_commit_on_branch(ctx: Ctx, spec: dict[str, Any]) -> dict[str, Any]:
    branch = spec["branch"]
    repo = _repo(ctx, str(branch.get("repositoryNameWithOwner") or ""))
    branch_name = str(branch.get("branchName") or "").removeprefix("refs/heads/")
    head = repo.branch_sha(branch_name)
    if head is None:
        raise MutationFailed(f"A ref named 'refs/heads/{branch_name}' does not exist.", "NOT_FOUND")
    if spec["expectedHeadOid"] != head:
        message = (
            f'Expected branch to point to "{spec["expectedHeadOid"]}" but it did not. Pull and try again.'
        )
        raise MutationFailed(message, "STALE_DATA")
    changes = _changes(repo, head, spec.get("fileChanges") or {})
    body = spec["message"].get("body")
    text = str(spec["message"]["headline"]) + (f"\n\n{body}" if body else "")
    ident = ctx.identity
    author = ident.app.bot_login if ident.app else (ident.user or "ghost")
    state = ctx.state
    sha = ops.commit_files(state, repo, branch_name, changes, text, author)
    ops.move_ref(state, repo, f"refs/heads/{branch_name}", sha, author)
    commit = {
        "oid": sha,
        "url": f"{state.html_url}/{repo.full_name}/commit/{sha}",
        "message": text,
        "id": node_id("Commit", sha),
        "committedDate": repo.git.commits[sha].date,
    }
    ref = {"id": node_id("Ref", f"{repo.id}:{branch_name}"), "name": branch_name, "prefix": "refs/heads/"}
    return {"clientMutationId": spec.get("clientMutationId"), "commit": commit, "ref": ref}


def rate_limit(ctx: Ctx) -> dict[str, Any]:
    start, used = ctx.state.budget_used.get(f"{ctx.identity.bucket}:graphql", (ctx.state.now(), 0))
    return {
        "cost": 1,
        "limit": 5000,
        "nodeCount": 0,
        "remaining": max(0, 5000 - used),
        "resetAt": iso(start + 3600),
        "used": used,
    }


def _error_json(error: GraphQLError) -> dict[str, Any]:
    out: dict[str, Any] = {"message": error.message, "locations": [], **error.formatted}
    if isinstance(error.original_error, MutationFailed | ReadRefused):
        out["type"] = error.original_error.kind
    return out


@API.route("POST", "/graphql")
async def graphql(ctx: Ctx) -> Response:
    if ctx.identity.kind not in ("installation", "user"):
        raise ApiError(401, "This endpoint requires you to be authenticated.")
    body = ctx.json()
    variables = body.get("variables")

    # graphql-core's default resolver calls a callable it finds on the root value with (info, **args).
    def commit(_info: object, input: dict[str, Any]) -> dict[str, Any]:
        return create_commit_on_branch(ctx, input)

    def limits(_info: object, dryRun: bool = False) -> dict[str, Any]:
        return rate_limit(ctx)

    def repository(_info: object, owner: str, name: str, followRenames: bool = True) -> dict[str, Any]:
        return graphql_reads.repository(ctx, owner, name)

    root = {"createCommitOnBranch": commit, "rateLimit": limits, "repository": repository}
    result = graphql_sync(
        SCHEMA,
        str(body.get("query") or ""),
        root_value=root,
        variable_values=variables if isinstance(variables, dict) else None,
        operation_name=body.get("operationName"),
    )
    answer: dict[str, Any] = {}
    if result.errors:
        answer["errors"] = [_error_json(e) for e in result.errors]
    if result.data is not None or not result.errors:
        answer["data"] = result.data
    return json_response(answer)
