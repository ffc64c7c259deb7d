"""POST /graphql: a small, documented subset of GitHub's GraphQL API.

Query: `repository(owner:, name:)` (aliases allowed) with `id databaseId name nameWithOwner url visibility
isArchived isFork isEmpty isPrivate isLocked isDisabled isSecurityPolicyEnabled securityPolicyUrl
defaultBranchRef { name target { oid } }`, `object(expression: "REF:path") { ... on Blob { text byteSize
isBinary isTruncated oid } }` and `pullRequests(headRefName:, states:, first:) { totalCount nodes { number
state title url headRefName baseRefName } }`; top-level `rateLimit { cost limit remaining used resetAt
nodeCount }`. Mutation: `createCommitOnBranch(input:)` (existing branch required, `expectedHeadOid` checked).
Anything else answers a GraphQL error.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from starlette.responses import Response

from app.sandbox import ops
from app.sandbox.api import API, ApiError, Ctx, json_response
from app.sandbox.graphql_parser import Field, GraphQLSyntaxError, parse, resolve_variables
from app.sandbox.shapes import node_id
from app.sandbox.state import Repo, iso

POLICY_PATHS = ("SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md")


class GraphQLError(Exception):
    def __init__(self, message: str, path: list[str | int], kind: str | None = None) -> None:
        super().__init__(message)
        self.message, self.path, self.kind = message, path, kind

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"message": self.message, "path": self.path, "locations": []}
        if self.kind:
            out["type"] = self.kind
        return out


def _unknown(name: str, type_name: str, path: list[str | int]) -> GraphQLError:
    return GraphQLError(f"Field '{name}' doesn't exist on type '{type_name}'", path, "undefinedField")


def _select(
    fields: list[Field], values: dict[str, Any], type_name: str, path: list[str | int]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        if f.on_type not in (None, type_name):
            continue
        if f.name == "__typename":
            out[f.alias] = type_name
        elif f.name not in values:
            raise _unknown(f.name, type_name, [*path, f.alias])
        else:
            value = values[f.name]
            out[f.alias] = value(f) if callable(value) else value
    return out


class Executor:
    def __init__(self, ctx: Ctx, variables: dict[str, Any]) -> None:
        self.ctx, self.state, self.variables = ctx, ctx.state, variables
        self.errors: list[dict[str, Any]] = []

    def args(self, f: Field) -> dict[str, Any]:
        return dict(resolve_variables(f.args, self.variables))

    def run_query(self, fields: list[Field]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields:
            try:
                if f.name == "repository":
                    data[f.alias] = self.repository(f)
                elif f.name == "rateLimit":
                    data[f.alias] = self.rate_limit(f)
                else:
                    raise _unknown(f.name, "Query", [f.alias])
            except GraphQLError as error:
                if error.kind == "undefinedField":
                    raise
                data[f.alias] = None
                self.errors.append(error.as_json())
        return data

    def rate_limit(self, f: Field) -> dict[str, Any]:
        ident = self.ctx.identity
        start, used = self.state.budget_used.get(f"{ident.bucket}:graphql", (self.state.now(), 0))
        values = {
            "cost": 1,
            "limit": 5000,
            "remaining": max(0, 5000 - used),
            "used": used,
            "resetAt": iso(start + 3600),
            "nodeCount": 0,
        }
        return _select(f.selections, values, "RateLimit", [f.alias])

    def _repo(
        self, owner: str, name: str, alias: str, permission: str = "metadata", level: str = "read"
    ) -> Repo:
        self.ctx.params.update(owner=str(owner), repo=str(name))
        try:
            return self.ctx.repo(permission, level)
        except ApiError as error:
            if error.status == 404:
                message = f"Could not resolve to a Repository with the name '{owner}/{name}'."
                raise GraphQLError(message, [alias], "NOT_FOUND") from error
            raise GraphQLError(error.message, [alias], "FORBIDDEN") from error

    def repository(self, f: Field) -> dict[str, Any]:
        args = self.args(f)
        repo = self._repo(args.get("owner", ""), args.get("name", ""), f.alias)
        head = repo.branch_sha(repo.default_branch)
        base = self.state.base_url
        policy = head is not None and any(
            repo.git.lookup(repo.git.commits[head].tree, p) is not None for p in POLICY_PATHS
        )
        values: dict[str, Any] = {
            "id": node_id("Repository", repo.id),
            "databaseId": repo.id,
            "name": repo.name,
            "nameWithOwner": repo.full_name,
            "url": f"{base}/{repo.full_name}",
            "visibility": "PRIVATE" if repo.private else "PUBLIC",
            "isArchived": repo.archived,
            "isFork": repo.fork,
            "isEmpty": repo.empty,
            "isPrivate": repo.private,
            "isLocked": False,
            "isDisabled": False,
            "isSecurityPolicyEnabled": policy,
            "securityPolicyUrl": f"{base}/{repo.full_name}/security/policy" if policy else None,
            "defaultBranchRef": lambda sub: (
                None
                if head is None
                else _select(
                    sub.selections,
                    {
                        "name": repo.default_branch,
                        "prefix": "refs/heads/",
                        "target": lambda t: _select(
                            t.selections, {"oid": head}, "Commit", [f.alias, "target"]
                        ),
                    },
                    "Ref",
                    [f.alias, "defaultBranchRef"],
                )
            ),
            "object": lambda sub: self.blob(repo, sub, f.alias),
            "pullRequests": lambda sub: self.pull_requests(repo, sub, f.alias),
        }
        return _select(f.selections, values, "Repository", [f.alias])

    def blob(self, repo: Repo, f: Field, alias: str) -> dict[str, Any] | None:
        expression = str(self.args(f).get("expression", ""))
        ref, _, path = expression.partition(":")
        if repo.empty:
            return None
        sha = ops.resolve_commitish(repo, repo.default_branch if ref in ("", "HEAD") else ref)
        entry = repo.git.lookup(repo.git.commits[sha].tree, path) if sha else None
        if entry is None or entry.type != "blob":
            return None
        data = repo.git.blobs[entry.sha]
        binary = b"\0" in data[:8000]
        try:
            text = None if binary else data.decode()
        except UnicodeDecodeError:
            text, binary = None, True
        values = {
            "oid": entry.sha,
            "byteSize": len(data),
            "isBinary": binary,
            "isTruncated": False,
            "text": text,
        }
        return _select(f.selections, values, "Blob", [alias, f.alias])

    def pull_requests(self, repo: Repo, f: Field, alias: str) -> dict[str, Any]:
        args = self.args(f)
        first = int(args.get("first") or 0)
        if not 1 <= first <= 100:
            raise GraphQLError(
                "You must provide a `first` or `last` value between 1 and 100", [alias, f.alias]
            )
        states = {s.lower() for s in args.get("states") or ["OPEN", "CLOSED", "MERGED"]}
        found = []
        for pr in sorted(self.state.pulls.values(), key=lambda p: -p.number):
            pr_state = "merged" if pr.merged else pr.state
            if pr.repo_id != repo.id or pr_state not in states:
                continue
            if args.get("headRefName") and pr.head != args["headRefName"]:
                continue
            found.append(pr)
        base = self.state.base_url

        def node(n: Field) -> list[dict[str, Any]]:
            return [
                _select(
                    n.selections,
                    {
                        "number": pr.number,
                        "title": pr.title,
                        "url": f"{base}/{repo.full_name}/pull/{pr.number}",
                        "state": ("MERGED" if pr.merged else pr.state.upper()),
                        "headRefName": pr.head,
                        "isCrossRepository": pr.head_repo_id is not None,
                        "baseRefName": pr.base,
                        "id": node_id("PullRequest", pr.id),
                    },
                    "PullRequest",
                    [alias, f.alias, "nodes"],
                )
                for pr in found[:first]
            ]

        return _select(
            f.selections, {"totalCount": len(found), "nodes": node}, "PullRequestConnection", [alias, f.alias]
        )

    def run_mutation(self, fields: list[Field]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields:
            if f.name != "createCommitOnBranch":
                raise _unknown(f.name, "Mutation", [f.alias])
            try:
                data[f.alias] = self.create_commit_on_branch(f)
            except GraphQLError as error:
                data[f.alias] = None
                self.errors.append(error.as_json())
        return data

    def create_commit_on_branch(self, f: Field) -> dict[str, Any]:
        spec = self.args(f).get("input") or {}
        branch = spec.get("branch") or {}
        owner, _, name = str(branch.get("repositoryNameWithOwner", "")).partition("/")
        repo = self._repo(owner, name, f.alias, "contents", "write")
        branch_name = str(branch.get("branchName", "")).removeprefix("refs/heads/")
        head = repo.branch_sha(branch_name)
        if head is None:
            raise GraphQLError(
                f"A ref named 'refs/heads/{branch_name}' does not exist.", [f.alias], "NOT_FOUND"
            )
        if spec.get("expectedHeadOid") != head:
            expected = spec.get("expectedHeadOid")
            message = f'Expected branch to point to "{expected}" but it did not. Pull and try again.'
            raise GraphQLError(message, [f.alias], "STALE_DATA")
        changes: dict[str, bytes | None] = {}
        file_changes = spec.get("fileChanges") or {}
        current = repo.git.files(repo.git.commits[head].tree)
        for deletion in file_changes.get("deletions") or []:
            if deletion.get("path") not in current:
                raise GraphQLError(
                    f"A path was requested for deletion which does not exist as of commit oid `{head}`",
                    [f.alias],
                    "UNPROCESSABLE",
                )
            changes[deletion["path"]] = None
        for addition in file_changes.get("additions") or []:
            try:
                changes[addition["path"]] = base64.b64decode(addition.get("contents", ""), validate=True)
            except (binascii.Error, ValueError, KeyError) as exc:
                raise GraphQLError(
                    "fileChanges.additions need a path and Base64 contents", [f.alias], "UNPROCESSABLE"
                ) from exc
        commit_message: dict[str, Any] = spec.get("message") or {}
        if not commit_message.get("headline"):
            raise GraphQLError("message.headline is required", [f.alias], "UNPROCESSABLE")
        body = commit_message.get("body")
        text = str(commit_message["headline"]) + (f"\n\n{body}" if body else "")
        author = (
            self.ctx.identity.app.bot_login if self.ctx.identity.app else (self.ctx.identity.user or "ghost")
        )
        sha = ops.commit_files(self.state, repo, branch_name, changes, text, author)
        ops.move_ref(self.state, repo, f"refs/heads/{branch_name}", sha, author)
        commit = {
            "oid": sha,
            "url": f"{self.state.html_url}/{repo.full_name}/commit/{sha}",
            "message": text,
            "id": node_id("Commit", sha),
            "committedDate": repo.git.commits[sha].date,
        }
        values = {
            "commit": lambda c: _select(c.selections, commit, "Commit", [f.alias, "commit"]),
            "ref": lambda r: _select(
                r.selections,
                {
                    "name": branch_name,
                    "prefix": "refs/heads/",
                    "target": lambda t: _select(t.selections, {"oid": sha}, "Commit", []),
                },
                "Ref",
                [f.alias, "ref"],
            ),
            "clientMutationId": spec.get("clientMutationId"),
        }
        return _select(f.selections, values, "CreateCommitOnBranchPayload", [f.alias])


@API.route("POST", "/graphql")
async def graphql(ctx: Ctx) -> Response:
    if ctx.identity.kind not in ("installation", "user"):
        raise ApiError(401, "This endpoint requires you to be authenticated.")
    body = ctx.json()
    variables = body.get("variables") or {}
    try:
        operation = parse(str(body.get("query") or ""))
        executor = Executor(ctx, variables if isinstance(variables, dict) else {})
        run = executor.run_mutation if operation.kind == "mutation" else executor.run_query
        data = run(operation.selections)
    except GraphQLSyntaxError as error:
        return json_response({"errors": [{"message": str(error), "locations": []}]})
    except GraphQLError as error:
        return json_response({"errors": [error.as_json()]})
    answer: dict[str, Any] = {"data": data}
    if executor.errors:
        answer["errors"] = executor.errors
    return json_response(answer)
