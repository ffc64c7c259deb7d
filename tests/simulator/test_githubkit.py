"""githubkit 0.16.1, as the app uses it, against the simulator: parsed models accept every answer."""

from __future__ import annotations

import pytest
from githubkit import AppAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy

from tests.simulator.conftest import APP_ID, World


def app_client(world: World) -> GitHub[AppAuthStrategy]:
    return GitHub(
        AppAuthStrategy(str(APP_ID), world.private_key),
        base_url=world.base_url,
        cache_strategy=MemCacheStrategy(),
        http_cache=False,
        auto_retry=False,
    )


@pytest.mark.anyio
async def test_app_and_installation_endpoints_parse(world: World) -> None:
    gh = app_client(world)
    async with gh:
        app = (await gh.rest.apps.async_get_authenticated()).parsed_data
        assert app is not None and app.slug == "repo-hygiene"
        installs = (await gh.rest.apps.async_list_installations()).parsed_data
        assert [i.id for i in installs] == [world.installation_id]
        inst = (await gh.rest.apps.async_get_org_installation("acme")).parsed_data
        assert inst.account is not None and inst.id == world.installation_id
        repo_inst = (await gh.rest.apps.async_get_repo_installation("acme", "widgets")).parsed_data
        assert repo_inst.id == world.installation_id
        token = (await gh.rest.apps.async_create_installation_access_token(world.installation_id)).parsed_data
        assert token.token.startswith("ghs_") and token.expires_at


@pytest.mark.anyio
async def test_installation_reads_parse(world: World) -> None:
    gh = app_client(world)
    async with gh:
        inst_gh = gh.with_auth(gh.auth.as_installation(world.installation_id))
        repo = (await inst_gh.rest.repos.async_get("acme", "widgets")).parsed_data
        assert repo.default_branch == "main" and repo.size > 0 and not repo.archived
        ref = (await inst_gh.rest.git.async_get_ref("acme", "widgets", "heads/main")).parsed_data
        tree = (
            await inst_gh.rest.git.async_get_tree("acme", "widgets", ref.object_.sha, recursive="1")
        ).parsed_data
        paths = {e.path: e for e in tree.tree}
        assert set(paths) == {"README.md", "src", "src/app.py"}
        blob = (await inst_gh.rest.git.async_get_blob("acme", "widgets", paths["README.md"].sha)).parsed_data
        assert blob.encoding == "base64"
        repos = [
            r
            async for r in inst_gh.rest.paginate(
                inst_gh.rest.apps.async_list_repos_accessible_to_installation,
                map_func=lambda r: r.parsed_data.repositories,
            )
        ]
        assert sorted(r.name for r in repos) == ["empty", "old", "widgets"]


@pytest.mark.anyio
async def test_installation_writes_parse(world: World) -> None:
    gh = app_client(world)
    async with gh:
        inst_gh = gh.with_auth(gh.auth.as_installation(world.installation_id))
        head = (await inst_gh.rest.git.async_get_ref("acme", "widgets", "heads/main")).parsed_data.object_.sha
        base_tree = (await inst_gh.rest.git.async_get_commit("acme", "widgets", head)).parsed_data.tree.sha
        blob = (
            await inst_gh.rest.git.async_create_blob("acme", "widgets", content="policy", encoding="utf-8")
        ).parsed_data
        tree = (
            await inst_gh.rest.git.async_create_tree(
                "acme",
                "widgets",
                base_tree=base_tree,
                tree=[{"path": "SECURITY.md", "mode": "100644", "type": "blob", "sha": blob.sha}],
            )
        ).parsed_data
        commit = (
            await inst_gh.rest.git.async_create_commit(
                "acme", "widgets", message="Add policy", tree=tree.sha, parents=[head]
            )
        ).parsed_data
        ref = (
            await inst_gh.rest.git.async_create_ref(
                "acme", "widgets", ref="refs/heads/repo-hygiene/policy", sha=commit.sha
            )
        ).parsed_data
        assert ref.object_.sha == commit.sha
        updated = (
            await inst_gh.rest.git.async_update_ref(
                "acme", "widgets", "heads/repo-hygiene/policy", sha=commit.sha, force=True
            )
        ).parsed_data
        assert updated.ref == "refs/heads/repo-hygiene/policy"
        pr = (
            await inst_gh.rest.pulls.async_create(
                "acme", "widgets", title="Add policy", head="repo-hygiene/policy", base="main", body="why"
            )
        ).parsed_data
        listed = (
            await inst_gh.rest.pulls.async_list(
                "acme", "widgets", head="acme:repo-hygiene/policy", state="all"
            )
        ).parsed_data
        assert [p.number for p in listed] == [pr.number]
        run = (
            await inst_gh.rest.checks.async_create(
                "acme", "widgets", name="repo-hygiene", head_sha=head, status="in_progress"
            )
        ).parsed_data
        done = (
            await inst_gh.rest.checks.async_update(
                "acme",
                "widgets",
                run.id,
                conclusion="success",
                output={
                    "title": "ok",
                    "summary": "all good",
                    "annotations": [
                        {
                            "path": "README.md",
                            "start_line": 1,
                            "end_line": 1,
                            "annotation_level": "notice",
                            "message": "m",
                        }
                    ],
                },
            )
        ).parsed_data
        assert done.status == "completed" and done.output.annotations_count == 1
        runs = (await inst_gh.rest.checks.async_list_for_ref("acme", "widgets", head)).parsed_data
        assert runs.total_count == 1
        content = (await inst_gh.rest.repos.async_get_content("acme", "widgets", "README.md")).parsed_data
        assert getattr(content, "type", None) == "file"
        comment = (
            await inst_gh.rest.issues.async_create_comment("acme", "widgets", pr.number, body="hi")
        ).parsed_data
        assert comment.body == "hi"
