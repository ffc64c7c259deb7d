"""The typed gateway against the simulator: reads parse into app types, errors translated, calls counted."""

from __future__ import annotations

import pytest
from githubkit import AppAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy

from app.errors import GraphQLError, NotFound, Unprocessable
from app.github.gateway import CallCounter, CheckRunWriter, RepoReader, repository_by_id
from app.github.writers import RepoGitHub
from tests.simulator.conftest import APP_ID, World


def installation_client(world: World) -> GitHub[AppAuthStrategy]:
    gh = GitHub(
        AppAuthStrategy(str(APP_ID), world.private_key),
        base_url=world.base_url,
        cache_strategy=MemCacheStrategy(),
        http_cache=False,
        auto_retry=False,
    )
    return gh.with_auth(gh.auth.as_installation(world.installation_id))  # type: ignore[return-value]


@pytest.mark.anyio
async def test_reader_reads_tree_blob_refs_and_counts(world: World) -> None:
    async with installation_client(world) as gh:
        counter = CallCounter()
        reader = RepoReader(gh, "acme", "widgets", counter)
        repo = await reader.repository()
        assert repo.default_branch == "main"
        head = await reader.ref_sha("main")
        assert await reader.commit_sha("main") == head
        tree = await reader.tree(head)
        assert {e.path for e in tree.blobs} == {"README.md", "src/app.py"}
        assert not tree.truncated and tree.sha == await reader.tree_sha(head)
        top = await reader.tree(head, recursive=False)
        assert {(e.path, e.type) for e in top.entries} == {("README.md", "blob"), ("src", "tree")}
        readme = tree.by_path()["README.md"]
        assert (await reader.blob(readme.sha)).startswith(b"#")
        by_id = await repository_by_id(gh, repo.id, counter)
        assert by_id.full_name == "acme/widgets"
        assert counter.calls == 8 == reader.calls


@pytest.mark.anyio
async def test_reader_translates_not_found(world: World) -> None:
    async with installation_client(world) as gh:
        reader = RepoReader(gh, "acme", "widgets")
        with pytest.raises(NotFound):
            await reader.ref_sha("no-such-branch")
        assert reader.calls == 1


@pytest.mark.anyio
async def test_check_run_writer_creates_lists_and_completes(world: World) -> None:
    async with installation_client(world) as gh:
        counter = CallCounter()
        reader = RepoReader(gh, "acme", "widgets", counter)
        writer = CheckRunWriter(gh, "acme", "widgets", counter)
        head = await reader.ref_sha("main")
        run_id = await writer.create(
            {"name": "Dependency advisories", "head_sha": head, "status": "in_progress"}
        )
        runs = await reader.check_runs(head, "Dependency advisories", APP_ID)
        assert [(r.id, r.status) for r in runs] == [(run_id, "in_progress")]
        await writer.update(
            run_id,
            {"status": "completed", "conclusion": "success", "output": {"title": "t", "summary": "s"}},
        )
        runs = await reader.check_runs(head, "Dependency advisories")
        assert [(r.id, r.status) for r in runs] == [(run_id, "completed")]
        assert counter.calls == 5


BRANCH = "repo-hygiene/policy"


@pytest.mark.anyio
async def test_writers_branch_commit_pull_request_comment_and_close(world: World) -> None:
    async with installation_client(world) as gh:
        counter = CallCounter()
        github = RepoGitHub.for_repo(gh, "acme", "widgets", counter)
        base = await github.reader.ref_sha("main")
        assert await github.branches.create(BRANCH, base) is True
        assert await github.branches.create(BRANCH, base) is False  # 422 "Reference already exists"
        head = await github.branches.commit_files(
            BRANCH, base, {"SECURITY.md": "Report to sec@acme.dev\n"}, "docs: add SECURITY.md\n\nWhy."
        )
        assert (await github.reader.git_commit(head)).parents == (base,)
        assert await github.reader.file("SECURITY.md", head) == b"Report to sec@acme.dev\n"
        assert await github.reader.file("SECURITY.md", base) is None
        assert await github.reader.branch_sha(BRANCH) == head

        opened = await github.pulls.create(BRANCH, "main", "Add a security policy", "body")
        assert opened is not None and opened["state"] == "open" and opened["head_ref"] == BRANCH
        assert await github.pulls.create(BRANCH, "main", "again", "body") is None  # already exists
        assert [p["number"] for p in await github.reader.pull_requests(BRANCH)] == [opened["number"]]
        assert await github.pulls.comment_once(opened["number"], "fixed another way") is True
        assert await github.pulls.comment_once(opened["number"], "fixed another way") is False
        closed = await github.pulls.update(opened["number"], state="closed")
        assert (closed["state"], closed["merged_at"], closed["title"]) == (
            "closed",
            None,
            "Add a security policy",
        )
        await github.branches.delete(BRANCH)
        await github.branches.delete(BRANCH)  # already gone: not an error
        assert await github.reader.branch_sha(BRANCH) is None
        assert counter.calls == 18 == github.reader.calls == github.pulls.calls  # one per request


@pytest.mark.anyio
async def test_commit_falls_back_to_git_data_only_when_graphql_is_absent(world: World) -> None:
    async with installation_client(world) as gh:
        github = RepoGitHub.for_repo(gh, "acme", "widgets")
        base = await github.reader.ref_sha("main")
        await github.branches.create(BRANCH, base)
        world.control.add_fault("server_error", "/graphql", method="POST", count=1, status=404)
        head = await github.branches.commit_files(BRANCH, base, {"SECURITY.md": "policy\n"}, "docs: policy")
        written = {e for e in world.control.calls()["by_endpoint"] if e.startswith("POST")}
        assert any("/git/trees" in e for e in written) and any("/git/commits" in e for e in written)
        assert (await github.reader.git_commit(head)).parents == (base,)
        assert await github.reader.branch_sha(BRANCH) == head
        assert await github.reader.file("README.md", head) == b"# widgets\n"
        with pytest.raises(GraphQLError):  # a refused mutation is an error, not a reason to fall back
            await github.branches.commit_files(BRANCH, base, {"SECURITY.md": "stale\n"}, "docs: stale")
        assert await github.reader.branch_sha(BRANCH) == head


@pytest.mark.anyio
async def test_validation_details_reach_the_caller(world: World) -> None:
    async with installation_client(world) as gh:
        github = RepoGitHub.for_repo(gh, "acme", "widgets")
        with pytest.raises(Unprocessable) as raised:  # no such head branch
            await github.pulls.create("no-such-branch", "main", "t", "b")
        assert raised.value.status == 422 and raised.value.reason.startswith("Validation Failed")
        assert str(raised.value).startswith("422 Validation Failed")
