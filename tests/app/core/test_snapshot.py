from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import respx
from githubkit import GitHub
from githubkit_schemas.latest.models import FullRepository

from app.errors import NotFound
from app.github.client import GitHubApp
from app.settings import Settings
from app.snapshot import fetch_snapshot
from checks.model import Need

from .conftest import API, blob_json, ref_json, repo_json, token_response, tree_json

pytestmark = pytest.mark.anyio
HEAD = "a" * 40
NEEDS = (Need("security.md", org_fallback=True), Need("readme*"), Need("*/package.json", max_bytes=10))


def blob(sha: str, text: str) -> dict[str, Any]:
    return blob_json(text, sha)


def full_repo(data: dict[str, Any]) -> FullRepository:
    return FullRepository.model_validate(data)


def entry(path: str, sha: str, size: int = 5, kind: str = "blob", mode: str = "100644") -> dict[str, Any]:
    return {"path": path, "sha": sha, "size": size, "type": kind, "mode": mode}


@pytest.fixture
async def gh(settings: Settings) -> AsyncIterator[GitHub[Any]]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        router.post("/app/installations/1/access_tokens").respond(201, json=token_response())
        async with GitHubApp(settings).installation(1) as client:
            client.router = router  # type: ignore[attr-defined]
            yield client


def no_org_repo(router: respx.MockRouter) -> None:
    router.get("/repos/acme/.github").respond(404, json={"message": "Not Found"})


async def test_reads_tree_once_and_only_the_needed_blobs(gh: Any) -> None:
    router: respx.MockRouter = gh.router
    no_org_repo(router)
    router.get("/repos/acme/w").respond(200, json=repo_json(1, "w"))
    router.get("/repos/acme/w/git/ref/heads/main").respond(200, json=ref_json(HEAD))
    tree = router.get(f"/repos/acme/w/git/trees/{HEAD}", params={"recursive": "1"}).respond(
        200,
        json={
            "sha": "t",
            "truncated": False,
            "tree": [
                entry("README.md", "b1"),
                entry("src", "t2", kind="tree"),
                entry("src/main.py", "b2"),
                entry("web/package.json", "b3", size=500),
                entry("Security.MD", "b4", mode="120000"),
                entry("vendor/lib", "c1", kind="commit"),
            ],
        },
    )
    readme = router.get("/repos/acme/w/git/blobs/b1").respond(200, json=blob("b1", "# w\n"))
    other = router.get(url__regex=r".*/git/blobs/(b2|b3|b4)$").respond(500)

    snap = await fetch_snapshot(gh, "acme", "w", needs=NEEDS)

    assert snap.repo.full_name == "acme/w" and snap.repo.head_sha == HEAD and not snap.repo.empty
    assert snap.paths == ("README.md", "src/main.py", "web/package.json", "Security.MD")
    assert snap.files == {"README.md": b"# w\n"}
    assert snap.skipped == {"web/package.json": "too large (500 bytes > 10)", "Security.MD": "symbolic link"}
    assert snap.blob_shas["README.md"] == "b1"
    assert tree.call_count == 1 and readme.call_count == 1 and other.call_count == 0
    assert not snap.tree_truncated and snap.org_files == {}


async def test_given_repo_json_and_sha_skip_those_reads(gh: Any) -> None:
    router: respx.MockRouter = gh.router
    no_org_repo(router)
    router.get(f"/repos/acme/w/git/trees/{HEAD}").respond(200, json=tree_json([], truncated=False))
    snap = await fetch_snapshot(
        gh, "acme", "w", ref=HEAD, needs=NEEDS, repo=full_repo(repo_json(1, "w", fork=True))
    )
    assert snap.repo.fork and snap.paths == ()


async def test_truncated_tree_is_read_by_subtree(gh: Any) -> None:
    router: respx.MockRouter = gh.router
    no_org_repo(router)
    router.get("/repos/acme/w/git/ref/heads/main").respond(200, json=ref_json(HEAD))
    router.get(f"/repos/acme/w/git/trees/{HEAD}", params={"recursive": "1"}).respond(
        200, json=tree_json([entry("README.md", "b1")], truncated=True)
    )
    router.get(f"/repos/acme/w/git/trees/{HEAD}", params={}).respond(
        200, json=tree_json([entry("README.md", "b1"), entry("pkg", "t1", kind="tree")], truncated=False)
    )
    router.get("/repos/acme/w/git/trees/t1", params={"recursive": "1"}).respond(
        200, json=tree_json([entry("sub", "t3", kind="tree"), entry("sub/deep.txt", "b9")], truncated=False)
    )
    router.get("/repos/acme/w/git/blobs/b1").respond(200, json=blob("b1", "hi"))
    snap = await fetch_snapshot(gh, "acme", "w", needs=NEEDS, repo=full_repo(repo_json(1, "w")))
    assert set(snap.paths) == {"README.md", "pkg/sub/deep.txt"}
    assert not snap.tree_truncated and snap.files == {"README.md": b"hi"}


async def test_org_dot_github_fallback(gh: Any) -> None:
    router: respx.MockRouter = gh.router
    router.get("/repos/acme/.github").respond(200, json=repo_json(9, ".github"))
    router.get("/repos/acme/.github/git/ref/heads/main").respond(200, json=ref_json("c" * 40))
    router.get(f"/repos/acme/.github/git/trees/{'c' * 40}").respond(
        200, json=tree_json([entry("SECURITY.md", "o1"), entry("README.md", "o2")], truncated=False)
    )
    org_blob = router.get("/repos/acme/.github/git/blobs/o1").respond(200, json=blob("o1", "org policy"))
    router.get("/repos/acme/w/git/ref/heads/main").respond(200, json=ref_json(HEAD))
    router.get(f"/repos/acme/w/git/trees/{HEAD}").respond(200, json=tree_json([], truncated=False))
    snap = await fetch_snapshot(gh, "acme", "w", needs=NEEDS, repo=full_repo(repo_json(1, "w")))
    assert snap.org_files == {"SECURITY.md": b"org policy"}  # README is not an org-fallback need
    assert org_blob.call_count == 1


async def test_empty_repository_409(gh: Any) -> None:
    router: respx.MockRouter = gh.router
    no_org_repo(router)
    router.get("/repos/acme/e/git/ref/heads/main").respond(409, json={"message": "Git Repository is empty."})
    snap = await fetch_snapshot(gh, "acme", "e", needs=NEEDS, repo=full_repo(repo_json(2, "e", size=0)))
    assert snap.repo.empty and snap.paths == () and snap.repo.head_sha is None


async def test_missing_branch_in_a_zero_size_repo_is_empty_otherwise_an_error(gh: Any) -> None:
    router: respx.MockRouter = gh.router
    no_org_repo(router)
    router.get("/repos/acme/e/git/ref/heads/main").respond(404, json={"message": "Not Found"})
    snap = await fetch_snapshot(gh, "acme", "e", needs=NEEDS, repo=full_repo(repo_json(2, "e", size=0)))
    assert snap.repo.empty
    with pytest.raises(NotFound):
        await fetch_snapshot(gh, "acme", "e", needs=NEEDS, repo=full_repo(repo_json(2, "e", size=50)))
