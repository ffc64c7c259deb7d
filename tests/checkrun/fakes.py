"""A small in-memory GitHub for the check-run endpoints, served through respx, and a table matcher."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx
from githubkit import GitHub

from checks.model import AdvisoryFinding, Dependency

API = "https://api.github.test"


def blob_sha(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


@dataclass
class FakeGitHub:
    owner: str = "acme"
    name: str = "shop"
    commits: dict[str, dict[str, bytes]] = field(default_factory=dict)  # sha or branch -> files
    runs: dict[int, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    patches: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    fail: dict[str, int] = field(default_factory=dict)  # regex on "METHOD path" -> status
    truncated: bool = False
    refs: dict[str, str] = field(default_factory=dict)  # branch -> sha

    @property
    def prefix(self) -> str:
        return f"/repos/{self.owner}/{self.name}"

    def blobs(self) -> dict[str, bytes]:
        return {blob_sha(c): c for files in self.commits.values() for c in files.values()}

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.requests.append((request.method, path))
        for pattern, status in self.fail.items():
            if re.search(pattern, f"{request.method} {path}"):
                return httpx.Response(status, json={"message": f"injected {status}"})
        body = json.loads(request.content) if request.content else {}
        rest = path.removeprefix(self.prefix)
        if request.method == "GET" and (m := re.fullmatch(r"/git/trees/(.+)", rest)):
            files = self.commits.get(m.group(1))
            if files is None:
                return httpx.Response(404, json={"message": "Not Found"})
            tree = [
                {"path": p, "mode": "100644", "type": "blob", "sha": blob_sha(c), "size": len(c)}
                for p, c in files.items()
            ]
            tree_sha = hashlib.sha1(repr(sorted(files.items())).encode(), usedforsecurity=False).hexdigest()
            return httpx.Response(200, json={"sha": tree_sha, "tree": tree, "truncated": self.truncated})
        if request.method == "GET" and (m := re.fullmatch(r"/git/blobs/(\w+)", rest)):
            content = self.blobs()[m.group(1)]
            return httpx.Response(
                200,
                json={
                    "sha": m.group(1),
                    "node_id": f"B_{m.group(1)}",
                    "url": str(request.url),
                    "size": len(content),
                    "encoding": "base64",
                    "content": base64.b64encode(content).decode(),
                },
            )
        if request.method == "POST" and rest == "/check-runs":
            run_id = 1000 + len(self.runs)
            self.runs[run_id] = {**body, "id": run_id, "annotations": [], "app": {"id": 42}}
            return httpx.Response(201, json=self.shape(self.runs[run_id]))
        if request.method == "PATCH" and (m := re.fullmatch(r"/check-runs/(\d+)", rest)):
            run = self.runs[int(m.group(1))]
            self.patches.append((run["id"], body))
            output = body.get("output") or {}
            run["annotations"] += output.get("annotations", [])
            run.update({k: v for k, v in body.items() if k != "output"})
            run["output"] = {k: v for k, v in output.items() if k != "annotations"}
            return httpx.Response(200, json=self.shape(run))
        if request.method == "GET" and (m := re.fullmatch(r"/commits/(\w+)/check-runs", rest)):
            name = request.url.params.get("check_name")
            runs = [r for r in self.runs.values() if r["head_sha"] == m.group(1) and r["name"] == name]
            runs.sort(key=lambda r: -r["id"])
            shaped = [self.shape(r) for r in runs]
            return httpx.Response(200, json={"total_count": len(runs), "check_runs": shaped})
        if request.method == "GET" and (m := re.fullmatch(r"/commits/([\w.-]+)", rest)):
            sha = self.refs.get(m.group(1), m.group(1))
            return httpx.Response(200, json=self.commit_shape(sha))
        return httpx.Response(404, json={"message": f"no fake for {request.method} {path}"})

    def shape(self, run: dict[str, Any]) -> dict[str, Any]:
        """A stored run as GitHub answers it (every field the REST schema requires)."""
        output = run.get("output") or {}
        return {
            "id": run["id"],
            "node_id": f"CR_{run['id']}",
            "name": run["name"],
            "head_sha": run["head_sha"],
            "external_id": run.get("external_id"),
            "url": f"{API}{self.prefix}/check-runs/{run['id']}",
            "html_url": None,
            "details_url": run.get("details_url"),
            "status": run.get("status", "queued"),
            "conclusion": run.get("conclusion"),
            "started_at": run.get("started_at"),
            "completed_at": run.get("completed_at"),
            "output": {
                "title": output.get("title"),
                "summary": output.get("summary"),
                "text": output.get("text"),
                "annotations_count": len(run.get("annotations", [])),
                "annotations_url": f"{API}{self.prefix}/check-runs/{run['id']}/annotations",
            },
            "check_suite": {"id": 1},
            "app": None,
            "pull_requests": [],
        }

    def commit_shape(self, sha: str) -> dict[str, Any]:
        url = f"{API}{self.prefix}/commits/{sha}"
        return {
            "sha": sha,
            "node_id": f"C_{sha}",
            "url": url,
            "html_url": url,
            "comments_url": f"{url}/comments",
            "commit": {
                "url": url,
                "author": None,
                "committer": None,
                "message": "commit",
                "comment_count": 0,
                "tree": {"sha": sha, "url": url},
            },
            "author": None,
            "committer": None,
            "parents": [],
        }

    def count(self, method: str, fragment: str) -> int:
        return sum(1 for m, p in self.requests if m == method and fragment in p)

    @contextmanager
    def client(self) -> Iterator[respx.MockRouter]:
        with respx.mock(base_url=API, assert_all_called=False) as router:
            router.route().mock(side_effect=self.handle)
            yield router


def github() -> GitHub[Any]:
    return GitHub("ghs_test", base_url=API + "/", auto_retry=False, http_cache=False)


class FakeGitHubApp:
    """Stands in for app.github.client.GitHubApp: `installation()` yields a client on the fake."""

    def __init__(self) -> None:
        self.installations: list[int] = []

    @asynccontextmanager
    async def installation(self, installation_id: int) -> AsyncIterator[GitHub[Any]]:
        self.installations.append(installation_id)
        async with github() as gh:
            yield gh


class TableMatcher:
    """Findings for exact (ecosystem, name, version) entries: a stand-in for the advisory index."""

    def __init__(self, table: Mapping[tuple[str, str, str], list[AdvisoryFinding]]) -> None:
        self.table = table
        self.asked: list[set[tuple[str, str]]] = []

    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]:
        out = []
        for dep in dependencies:
            for template in self.table.get((dep.ecosystem, dep.name, dep.version or ""), []):
                out.append(
                    AdvisoryFinding(
                        **{
                            **{s: getattr(template, s) for s in template.__slots__},
                            "file": dep.file,
                            "line": dep.line,
                            "direct": dep.direct,
                        }
                    )
                )
        return out

    def loader(self, _session: Any, wanted: set[tuple[str, str]]) -> TableMatcher:
        self.asked.append(wanted)
        return self
