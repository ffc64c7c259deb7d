"""A small stateful stand-in for the GitHub endpoints the PR writer uses, mounted on respx.

Commits are dicts of path -> bytes; every request is logged as (method, path) so tests can assert on
what was written. Error shapes follow GitHub's (422 "Reference already exists", "A pull request
already exists for ..."), and so do successful answers: they are GitHub's documented examples
(`../shared/fixtures/rest`) with this fake's values, so typed clients parse them as they parse GitHub.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import httpx
import respx

from tests.conftest import shared_path

API = "https://gh.test/"
REPO = "/repos/acme/widget"


def example(endpoint: str, status: str = "200", name: str = "default") -> dict[str, Any]:
    """GitHub's documented example answer of `endpoint` (e.g. "git/get-commit")."""
    spec = json.loads(shared_path("fixtures", "rest", f"{endpoint}.json").read_text())
    value: dict[str, Any] = spec["responses"][status]["content"]["application/json"]["examples"][name][
        "value"
    ]
    return value


def git_ref(branch: str, sha: str) -> dict[str, Any]:
    url = f"{API}repos/acme/widget/git/refs/heads/{branch}"
    return {
        "ref": f"refs/heads/{branch}",
        "node_id": "REF",
        "url": url,
        "object": {"type": "commit", "sha": sha, "url": url},
    }


class FakeGitHub:
    def __init__(
        self, files: dict[str, bytes], default_branch: str = "main", *, graphql: bool = True
    ) -> None:
        self.graphql = graphql  # False: /graphql answers 404 (old GHES, simulators)
        self.trees: dict[str, dict[str, bytes]] = {}
        self.commits: dict[str, tuple[list[str], dict[str, bytes]]] = {}
        self.base_sha = self._commit([], dict(files))
        self.refs: dict[str, str] = {default_branch: self.base_sha}
        self.prs: list[dict[str, Any]] = []
        self.comments: list[tuple[int, str]] = []
        self.log: list[tuple[str, str]] = []
        self.graphql_inputs: list[dict[str, Any]] = []

    def _commit(self, parents: list[str], files: dict[str, bytes]) -> str:
        sha = hashlib.sha1(json.dumps([parents, sorted(files), len(self.commits)]).encode()).hexdigest()
        self.commits[sha] = (parents, files)
        return sha

    def files_at(self, ref: str) -> dict[str, bytes]:
        return self.commits[self.refs.get(ref, ref)][1]

    def writes(self) -> list[tuple[str, str]]:
        return [entry for entry in self.log if entry[0] != "GET"]

    def human_closes(self, number: int, *, merged: bool = False) -> None:
        pr = self._pr(number)
        pr["state"] = "closed"
        pr["merged_at"] = "2026-01-01T00:00:00Z" if merged else None

    # --- routes -----------------------------------------------------------------------------------
    def mount(self, router: respx.MockRouter) -> None:
        router.route(host="gh.test").mock(side_effect=self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        path, method = request.url.path, request.method
        self.log.append((method, path))
        body = json.loads(request.content) if request.content else {}
        if path == "/graphql":
            return self._graphql(body) if self.graphql else _json(404, {"message": "Not Found"})
        assert path.startswith(REPO), path
        rest = path[len(REPO) :]
        if rest == "/pulls" and method == "GET":
            head = request.url.params["head"].split(":", 1)[1]
            return _json(200, [p for p in reversed(self.prs) if p["head"]["ref"] == head])
        if rest == "/pulls" and method == "POST":
            return self._create_pr(body)
        if rest.startswith("/pulls/") and method == "PATCH":
            pr = self._pr(int(rest.rsplit("/", 1)[1]))
            pr.update({k: v for k, v in body.items() if k in ("title", "body", "state")})
            return _json(200, pr)
        if rest.startswith("/issues/") and rest.endswith("/comments") and method == "GET":
            number = int(rest.split("/")[2])
            return _json(200, [_comment(i, text) for i, (n, text) in enumerate(self.comments) if n == number])
        if rest.startswith("/issues/") and rest.endswith("/comments"):
            self.comments.append((int(rest.split("/")[2]), body["body"]))
            return _json(201, _comment(len(self.comments) - 1, body["body"]))
        if rest == "/git/refs" and method == "POST":
            branch = body["ref"].removeprefix("refs/heads/")
            if branch in self.refs:
                return _json(422, {"message": "Reference already exists"})
            self.refs[branch] = body["sha"]
            return _json(201, git_ref(branch, body["sha"]))
        if rest.startswith(("/git/ref/heads/", "/git/refs/heads/")):
            branch = rest.split("/heads/", 1)[1]
            if method == "GET":
                if branch not in self.refs:
                    return _json(404, {"message": "Not Found"})
                return _json(200, git_ref(branch, self.refs[branch]))
            if method == "PATCH":
                if not body.get("force") and self.refs[branch] not in self._ancestors(body["sha"]):
                    return _json(422, {"message": "Update is not a fast forward"})
                self.refs[branch] = body["sha"]
                return _json(200, git_ref(branch, body["sha"]))
            if method == "DELETE":
                return httpx.Response(204) if self.refs.pop(branch, None) else _json(422, {"message": "nope"})
        if rest.startswith("/git/commits/"):
            sha = rest.rsplit("/", 1)[1]
            parents, files = self.commits[sha]
            self.trees[f"tree-{sha}"] = files
            commit = example("git/get-commit")
            commit["tree"] = {**commit["tree"], "sha": f"tree-{sha}"}
            commit["parents"] = [{**commit["parents"][0], "sha": p} for p in parents]
            return _json(200, {**commit, "sha": sha})
        if rest == "/git/trees" and method == "POST":
            files = dict(self.trees[body["base_tree"]])
            files.update({e["path"]: e["content"].encode() for e in body["tree"]})
            tree_sha = f"tree-{len(self.trees)}-new"
            self.trees[tree_sha] = files
            return _json(201, {**example("git/create-tree", "201"), "sha": tree_sha, "truncated": False})
        if rest == "/git/commits" and method == "POST":
            sha = self._commit(body["parents"], self.trees[body["tree"]])
            return _json(201, {**example("git/create-commit", "201"), "sha": sha})
        if rest.startswith("/contents/"):
            content = self.files_at(request.url.params["ref"]).get(rest.removeprefix("/contents/"))
            if content is None:
                return _json(404, {"message": "Not Found"})
            file = example("repos/get-content", name="response-if-content-is-a-file")
            return _json(200, {**file, "encoding": "base64", "content": base64.b64encode(content).decode()})
        return _json(404, {"message": f"fake GitHub does not know {method} {path}"})

    def _ancestors(self, sha: str) -> set[str]:
        seen, todo = set(), [sha]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.commits[current][0])
        return seen

    def _pr(self, number: int) -> dict[str, Any]:
        return next(p for p in self.prs if p["number"] == number)

    def _create_pr(self, body: dict[str, Any]) -> httpx.Response:
        if any(p["head"]["ref"] == body["head"] and p["state"] == "open" for p in self.prs):
            return _json(
                422,
                {
                    "message": "Validation Failed",
                    "errors": [
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"A pull request already exists for acme:{body['head']}.",
                        }
                    ],
                },
            )
        number = len(self.prs) + 1
        pr = {
            **example("pulls/create", "201"),
            "number": number,
            "state": "open",
            "title": body["title"],
            "body": body["body"],
            "html_url": f"https://github.test/acme/widget/pull/{number}",
            "merged_at": None,
        }
        pr["head"] = {**pr["head"], "ref": body["head"], "sha": self.refs[body["head"]]}
        pr["base"] = {**pr["base"], "ref": body["base"]}
        pr["user"] = {**pr["user"], "login": "repo-hygiene[bot]", "type": "Bot"}
        self.prs.append(pr)
        return _json(201, pr)

    def _graphql(self, body: dict[str, Any]) -> httpx.Response:
        assert "createCommitOnBranch" in body["query"]
        data = body["variables"]["input"]
        self.graphql_inputs.append(data)
        branch = data["branch"]["branchName"]
        if branch not in self.refs:
            return _json(200, {"data": None, "errors": [{"type": "NOT_FOUND", "message": "no branch"}]})
        if self.refs[branch] != data["expectedHeadOid"]:
            return _json(200, {"data": None, "errors": [{"message": "Expected branch to point to ..."}]})
        files = dict(self.files_at(branch))
        for add in data["fileChanges"].get("additions", []):
            files[add["path"]] = base64.b64decode(add["contents"])
        sha = self._commit([self.refs[branch]], files)
        self.refs[branch] = sha
        return _json(200, {"data": {"createCommitOnBranch": {"commit": {"oid": sha, "url": "u"}}}})


def _comment(index: int, text: str) -> dict[str, Any]:
    url = f"{API}repos/acme/widget/issues/comments/{index + 1}"
    return {
        "id": index + 1,
        "node_id": f"IC_{index + 1}",
        "url": url,
        "html_url": url,
        "issue_url": url,
        "body": text,
        "user": None,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "author_association": "NONE",
    }


def _json(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body)
