"""githubkit 0.16.1, as the app uses it, against the simulator: parsed models accept every answer."""

from __future__ import annotations

import pytest
from githubkit import AppAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy

from tests.sandbox.conftest import APP_ID, World


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
