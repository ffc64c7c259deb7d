"""One small in-memory GitHub on respx, for tests that count or script calls.

It holds one repository (files per commit, branches, pull requests, comments, check runs) and the
accounts the dashboard's OAuth sign-in asks about (users, org memberships). Every request is logged as
(method, path); `fail` scripts an error status for requests matching a pattern, and `down` answers 502
to everything. Error shapes follow GitHub's (422 "Reference already exists", "A pull request already
exists for ...", "Update is not a fast forward"). Tests that want GitHub's full behaviour (tokens,
permissions, webhooks) run the simulator (`simulator.testing.SimulatorServer`) instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import respx

from tests.conftest import shared_path

API = "https://api.github.test"
WEB = "https://github.test"


def blob_sha(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def _json(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body)


def example(endpoint: str, status: str = "200", name: str = "default") -> dict[str, Any]:
    """GitHub's documented example answer of `endpoint` (e.g. "git/get-commit"), so typed clients
    parse this fake's answers as they parse GitHub's (`../shared/fixtures/rest`)."""
    spec = json.loads(shared_path("fixtures", "rest", f"{endpoint}.json").read_text())
    value: dict[str, Any] = spec["responses"][status]["content"]["application/json"]["examples"][name][
        "value"
    ]
    return value


@dataclass
class FakeGitHub:
    owner: str = "acme"
    name: str = "shop"
    api: str = API  # REST base; a GitHub Enterprise Server one ends in /api/v3
    web: str = WEB  # where /login/oauth/access_token lives
    # git: commit sha (or a ref name a test reads through) -> files; parents of commits made here
    commits: dict[str, dict[str, bytes]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # branch -> sha
    trees: dict[str, dict[str, bytes]] = field(default_factory=dict)
    truncated: bool = False  # what GET /git/trees says
    graphql: bool = True  # False: /graphql answers 404 (old GitHub Enterprise Server)
    prs: list[dict[str, Any]] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)
    runs: dict[int, dict[str, Any]] = field(default_factory=dict)
    # accounts: login -> id, (login, org) -> (state, role), code -> PKCE code_challenge
    users: dict[str, int] = field(default_factory=dict)
    memberships: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    challenges: dict[str, str] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)
    client_secret: str = "test-client-secret"
    # what was asked, and what to answer instead
    requests: list[tuple[str, str]] = field(default_factory=list)
    patches: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    graphql_inputs: list[dict[str, Any]] = field(default_factory=list)
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)
    membership_calls: list[tuple[str, str]] = field(default_factory=list)
    fail: dict[str, int] = field(default_factory=dict)  # regex on "METHOD path" -> status
    down: bool = False

    @classmethod
    def with_files(cls, files: dict[str, bytes], default_branch: str = "main", **kw: Any) -> FakeGitHub:
        """A repository whose default branch has one commit holding `files` (its sha is `base_sha`)."""
        fake = cls(**kw)
        fake.refs[default_branch] = fake.commit([], dict(files))
        return fake

    # --- what tests read and change ---------------------------------------------------------------
    @property
    def base_sha(self) -> str:
        return next(iter(self.commits))

    @property
    def prefix(self) -> str:
        return f"{urlsplit(self.api).path.rstrip('/')}/repos/{self.owner}/{self.name}"

    def commit(self, parents: list[str], files: dict[str, bytes]) -> str:
        sha = hashlib.sha1(json.dumps([parents, sorted(files), len(self.commits)]).encode()).hexdigest()
        self.commits[sha], self.parents[sha] = files, parents
        return sha

    def files_at(self, ref: str) -> dict[str, bytes]:
        return self.commits[self.refs.get(ref, ref)]

    def blobs(self) -> dict[str, bytes]:
        return {
            blob_sha(c): c for files in [*self.commits.values(), *self.trees.values()] for c in files.values()
        }

    def writes(self) -> list[tuple[str, str]]:
        return [entry for entry in self.requests if entry[0] != "GET"]

    def count(self, method: str, fragment: str) -> int:
        return sum(1 for m, p in self.requests if m == method and fragment in p)

    def human_closes(self, number: int, *, merged: bool = False) -> None:
        pr = self._pr(number)
        pr["state"] = "closed"
        pr["merged_at"] = "2026-01-01T00:00:00Z" if merged else None

    def code_for(self, login: str, challenge: str) -> str:
        """The OAuth code GitHub would hand `login`'s browser for this PKCE challenge."""
        code = f"code-{login}"
        self.challenges[code] = challenge
        return code

    # --- how tests mount it -----------------------------------------------------------------------
    def mount(self, router: respx.MockRouter) -> None:
        router.route(host=urlsplit(self.api).hostname).mock(side_effect=self.handle)

    @contextmanager
    def client(self) -> Iterator[respx.MockRouter]:
        with respx.mock(base_url=self.api, assert_all_called=False) as router:
            router.route().mock(side_effect=self.handle)
            yield router

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    # --- routes -----------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, request.url.path
        self.requests.append((method, path))
        if self.down:
            return _json(502, {"message": "Server Error"})
        for pattern, status in self.fail.items():
            if re.search(pattern, f"{method} {path}"):
                return _json(status, {"message": f"injected {status}"})
        if str(request.url).startswith(f"{self.web}/login/oauth/access_token") and method == "POST":
            return self._token(request)
        api_path = urlsplit(self.api).path.rstrip("/")
        rest = path.removeprefix(api_path)
        if rest == "/graphql" or path == "/graphql":
            return (
                self._graphql(json.loads(request.content))
                if self.graphql
                else _json(404, {"message": "Not Found"})
            )
        if rest == "/user" and method == "GET":
            return self._user(request)
        if method == "GET" and (m := re.fullmatch(r"/user/memberships/orgs/([^/]+)", rest)):
            return self._membership(request, m.group(1))
        if path.startswith(self.prefix):
            body = json.loads(request.content) if request.content else {}
            found = self._repo(request, method, path.removeprefix(self.prefix), body)
            if found is not None:
                return found
        return _json(404, {"message": f"fake GitHub does not know {method} {path}"})

    def _repo(
        self, request: httpx.Request, method: str, rest: str, body: dict[str, Any]
    ) -> httpx.Response | None:
        if rest.startswith(("/pulls", "/issues/")):
            return self._pulls(request, method, rest, body)
        if rest.startswith(("/git/refs", "/git/ref/")):
            return self._refs(method, rest, body)
        if rest.startswith("/git/"):
            return self._git(method, rest, body)
        if rest.startswith(("/check-runs", "/commits/")):
            return self._checks(request, method, rest, body)
        if rest.startswith("/contents/") and method == "GET":
            content = self.files_at(request.url.params["ref"]).get(rest.removeprefix("/contents/"))
            if content is None:
                return _json(404, {"message": "Not Found"})
            file = example("repos/get-content", name="response-if-content-is-a-file")
            return _json(200, {**file, "encoding": "base64", "content": base64.b64encode(content).decode()})
        return None

    def _pulls(
        self, request: httpx.Request, method: str, rest: str, body: dict[str, Any]
    ) -> httpx.Response | None:
        if rest == "/pulls" and method == "GET":
            head = request.url.params["head"].split(":", 1)[1]
            return _json(200, [p for p in reversed(self.prs) if p["head"]["ref"] == head])
        if rest == "/pulls" and method == "POST":
            return self._create_pr(body)
        if rest.startswith("/pulls/") and method == "PATCH":
            pr = self._pr(int(rest.rsplit("/", 1)[1]))
            pr.update({k: v for k, v in body.items() if k in ("title", "body", "state")})
            return _json(200, pr)
        if (m := re.fullmatch(r"/issues/(\d+)/comments", rest)) and method == "GET":
            number = int(m.group(1))
            return _json(
                200, [self._comment(i, text) for i, (n, text) in enumerate(self.comments) if n == number]
            )
        if m and method == "POST":
            self.comments.append((int(m.group(1)), body["body"]))
            return _json(201, self._comment(len(self.comments) - 1, body["body"]))
        return None

    def _refs(self, method: str, rest: str, body: dict[str, Any]) -> httpx.Response | None:
        if rest == "/git/refs" and method == "POST":
            branch = body["ref"].removeprefix("refs/heads/")
            if branch in self.refs:
                return _json(422, {"message": "Reference already exists"})
            self.refs[branch] = body["sha"]
            return _json(201, self._git_ref(branch, body["sha"]))
        branch = rest.split("/heads/", 1)[1]
        if method == "GET":
            if branch not in self.refs:
                return _json(404, {"message": "Not Found"})
            return _json(200, self._git_ref(branch, self.refs[branch]))
        if method == "PATCH":
            if not body.get("force") and self.refs[branch] not in self._ancestors(body["sha"]):
                return _json(422, {"message": "Update is not a fast forward"})
            self.refs[branch] = body["sha"]
            return _json(200, self._git_ref(branch, body["sha"]))
        if method == "DELETE":
            return httpx.Response(204) if self.refs.pop(branch, None) else _json(422, {"message": "nope"})
        return None

    def _git(self, method: str, rest: str, body: dict[str, Any]) -> httpx.Response | None:
        if method == "GET" and (m := re.fullmatch(r"/git/commits/(\w+)", rest)):
            sha = m.group(1)
            self.trees[f"tree-{sha}"] = self.commits[sha]
            commit = example("git/get-commit")
            commit["tree"] = {**commit["tree"], "sha": f"tree-{sha}"}
            commit["parents"] = [{**commit["parents"][0], "sha": p} for p in self.parents.get(sha, [])]
            return _json(200, {**commit, "sha": sha})
        if method == "GET" and (m := re.fullmatch(r"/git/trees/(.+)", rest)):
            files = self.trees.get(m.group(1)) or self.commits.get(self.refs.get(m.group(1), m.group(1)))
            if files is None:
                return _json(404, {"message": "Not Found"})
            tree = [{"path": p, "type": "blob", "sha": blob_sha(c), "size": len(c)} for p, c in files.items()]
            tree_sha = hashlib.sha1(repr(sorted(files.items())).encode(), usedforsecurity=False).hexdigest()
            return _json(200, {"sha": tree_sha, "tree": tree, "truncated": self.truncated})
        if method == "GET" and (m := re.fullmatch(r"/git/blobs/(\w+)", rest)):
            content = self.blobs()[m.group(1)]
            return _json(
                200, {"sha": m.group(1), "encoding": "base64", "content": base64.b64encode(content).decode()}
            )
        if rest == "/git/trees" and method == "POST":
            files = dict(self.trees[body["base_tree"]])
            files.update({e["path"]: e["content"].encode() for e in body["tree"]})
            tree_sha = f"tree-{len(self.trees)}-new"
            self.trees[tree_sha] = files
            return _json(201, {**example("git/create-tree", "201"), "sha": tree_sha, "truncated": False})
        if rest == "/git/commits" and method == "POST":
            sha = self.commit(body["parents"], self.trees[body["tree"]])
            return _json(201, {**example("git/create-commit", "201"), "sha": sha})
        return None

    def _checks(
        self, request: httpx.Request, method: str, rest: str, body: dict[str, Any]
    ) -> httpx.Response | None:
        if method == "POST" and rest == "/check-runs":
            run_id = 1000 + len(self.runs)
            self.runs[run_id] = {**body, "id": run_id, "annotations": [], "app": {"id": 42}}
            return _json(201, self.runs[run_id])
        if method == "PATCH" and (m := re.fullmatch(r"/check-runs/(\d+)", rest)):
            run = self.runs[int(m.group(1))]
            self.patches.append((run["id"], body))
            output = body.get("output") or {}
            run["annotations"] += output.get("annotations", [])
            run.update({k: v for k, v in body.items() if k != "output"})
            run["output"] = {k: v for k, v in output.items() if k != "annotations"}
            return _json(200, run)
        if method == "GET" and (m := re.fullmatch(r"/commits/(\w+)/check-runs", rest)):
            name = request.url.params.get("check_name")
            runs = [r for r in self.runs.values() if r["head_sha"] == m.group(1) and r["name"] == name]
            runs.sort(key=lambda r: -r["id"])
            return _json(200, {"total_count": len(runs), "check_runs": runs})
        if method == "GET" and (m := re.fullmatch(r"/commits/([\w.-]+)", rest)):
            return _json(200, {"sha": self.refs.get(m.group(1), m.group(1))})
        return None

    def _git_ref(self, branch: str, sha: str) -> dict[str, Any]:
        url = f"{self.api}{self.prefix}/git/refs/heads/{branch}"
        return {
            "ref": f"refs/heads/{branch}",
            "node_id": "REF",
            "url": url,
            "object": {"type": "commit", "sha": sha, "url": url},
        }

    def _comment(self, index: int, text: str) -> dict[str, Any]:
        url = f"{self.api}{self.prefix}/issues/comments/{index + 1}"
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

    def _ancestors(self, sha: str) -> set[str]:
        seen, todo = set(), [sha]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, []))
        return seen

    def _pr(self, number: int) -> dict[str, Any]:
        return next(p for p in self.prs if p["number"] == number)

    def _create_pr(self, body: dict[str, Any]) -> httpx.Response:
        if any(p["head"]["ref"] == body["head"] and p["state"] == "open" for p in self.prs):
            message = f"A pull request already exists for {self.owner}:{body['head']}."
            error = {"resource": "PullRequest", "code": "custom", "message": message}
            return _json(422, {"message": "Validation Failed", "errors": [error]})
        number = len(self.prs) + 1
        pr = {
            **example("pulls/create", "201"),
            "number": number,
            "state": "open",
            "title": body["title"],
            "body": body["body"],
            "html_url": f"{self.web}/{self.owner}/{self.name}/pull/{number}",
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
        sha = self.commit([self.refs[branch]], files)
        self.refs[branch] = sha
        return _json(200, {"data": {"createCommitOnBranch": {"commit": {"oid": sha, "url": "u"}}}})

    # --- OAuth sign-in ----------------------------------------------------------------------------
    def _token(self, request: httpx.Request) -> httpx.Response:
        form = parse_qs(request.content.decode())
        self.token_requests.append(form)
        code = form.get("code", [""])[0]
        verifier = form.get("code_verifier", [""])[0]
        expected = self.challenges.get(code)
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if form.get("client_secret") != [self.client_secret] or expected is None or digest != expected:
            refusal = {"error": "bad_verification_code", "error_description": "The code is wrong"}
            return _json(200, refusal)
        return _json(200, {"access_token": f"ghu_{code[5:]}", "expires_in": 28800, "token_type": "bearer"})

    def _login_of(self, request: httpx.Request) -> str | None:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if not token.startswith("ghu_") or token in self.revoked:
            return None
        return token[4:]

    def _user(self, request: httpx.Request) -> httpx.Response:
        login = self._login_of(request)
        if login is None or login not in self.users:
            return _json(401, {"message": "Bad credentials"})
        return _json(200, {"id": self.users[login], "login": login})

    def _membership(self, request: httpx.Request, org: str) -> httpx.Response:
        login = self._login_of(request)
        if login is None:
            return _json(401, {"message": "Bad credentials"})
        self.membership_calls.append((login, org))
        found = self.memberships.get((login, org.lower()))
        if found is None:
            return _json(404, {"message": "Not Found"})
        state, role = found
        return _json(200, {"state": state, "role": role, "organization": {"login": org}})
