"""The typed gateway against the simulator: reads parse into app types, errors translated, calls counted."""

from __future__ import annotations

import pytest
from githubkit import AppAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy

from app.errors import NotFound
from app.github.gateway import CallCounter, CheckRunWriter, RepoReader, repository_by_id
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
