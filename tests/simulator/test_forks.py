"""Forks: repository shapes, fork pull requests readable from the base, and where their webhooks go."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from githubkit import GitHub, TokenAuthStrategy
from githubkit.cache import MemCacheStrategy

from simulator.auth import mint_user_token
from tests.simulator.conftest import World, api, installation_token
from tests.simulator.test_webhooks import schema_problems


def user_client(world: World, login: str) -> httpx.Client:
    with world.sim.state.lock:
        token = mint_user_token(world.sim.state, login).token
    client: httpx.Client = api(world, token)
    return client


def fork_pull(world: World) -> tuple[dict[str, Any], str]:
    """stranger forks acme/widgets, commits a lockfile on `fix` and opens a pull request to acme."""
    c = world.control
    c.create_user("stranger")
    c.fork("acme", "widgets", to="stranger")
    head = c.push("stranger", "widgets", {"package-lock.json": "{}\n"}, branch="fix", author="stranger")
    with user_client(world, "stranger") as client:
        response = client.post(
            "/repos/acme/widgets/pulls", json={"title": "Fix", "head": "stranger:fix", "base": "main"}
        )
    assert response.status_code == 201, response.text
    return response.json(), head


def deliveries(world: World) -> list[tuple[str, dict[str, Any]]]:
    world.control.wait_for_webhooks()
    return [(h["X-GitHub-Event"], json.loads(b)) for h, b in world.receiver.received]


def test_a_fork_names_its_parent_and_source_and_shares_the_branches(world: World) -> None:
    c = world.control
    c.create_user("stranger")
    c.create_user("carol")
    c.fork("acme", "widgets", to="stranger")
    c.fork("stranger", "widgets", to="carol", new_name="gadgets")
    with api(world) as client:
        fork = client.get("/repos/stranger/widgets").json()
        second = client.get("/repos/carol/gadgets").json()
        parent = client.get("/repos/acme/widgets").json()
        listed = client.get("/repos/acme/widgets/forks").json()
        main = client.get("/repos/stranger/widgets/git/ref/heads/main").json()
    assert fork["fork"] is True and fork["owner"]["login"] == "stranger"
    assert fork["parent"]["full_name"] == "acme/widgets" and fork["source"]["full_name"] == "acme/widgets"
    assert second["parent"]["full_name"] == "stranger/widgets"
    assert second["source"]["full_name"] == "acme/widgets"
    assert parent["fork"] is False and "parent" not in parent and parent["forks_count"] == 1
    assert [r["full_name"] for r in listed] == ["stranger/widgets"]
    assert main["object"]["sha"] == c.repo("acme", "widgets")["refs"]["refs/heads/main"]


@pytest.mark.anyio
async def test_githubkit_parses_a_fork_with_parent_and_source(world: World) -> None:
    world.control.create_user("stranger")
    world.control.fork("acme", "widgets", to="stranger")
    with world.sim.state.lock:
        token = mint_user_token(world.sim.state, "stranger").token
    gh = GitHub(
        TokenAuthStrategy(token),
        base_url=world.base_url,
        cache_strategy=MemCacheStrategy(),
        http_cache=False,
        auto_retry=False,
    )
    async with gh:
        repo = (await gh.rest.repos.async_get("stranger", "widgets")).parsed_data
    assert repo.fork and repo.parent and repo.source
    assert repo.parent.full_name == "acme/widgets" and repo.source.full_name == "acme/widgets"


def test_rest_fork_rules(world: World) -> None:
    world.control.create_user("stranger")
    with user_client(world, "stranger") as client:
        created = client.post("/repos/acme/widgets/forks", json={})
        again = client.post("/repos/acme/widgets/forks", json={})
        into_org = client.post("/repos/acme/widgets/forks", json={"organization": "acme", "name": "w2"})
    assert created.status_code == 202 and created.json()["full_name"] == "stranger/widgets"
    assert created.json()["parent"]["full_name"] == "acme/widgets"
    assert again.status_code == 422
    assert into_org.status_code == 403  # stranger is not a member of acme
    with user_client(world, "alice") as client:
        named = client.post("/repos/acme/widgets/forks", json={"organization": "acme", "name": "w2"})
        same_name = client.post("/repos/acme/widgets/forks", json={"organization": "acme"})
    assert named.status_code == 202 and named.json()["full_name"] == "acme/w2"
    assert same_name.status_code == 422
    with api(world, installation_token(world)) as client:
        by_app = client.post("/repos/acme/widgets/forks", json={"organization": "acme", "name": "w3"})
    assert by_app.status_code == 403
    assert by_app.headers["X-Accepted-GitHub-Permissions"] == "administration=write"


def test_control_fork_rejects_bad_input(world: World) -> None:
    c = world.control
    c.create_user("stranger")
    with pytest.raises(RuntimeError, match="no user or organization nobody"):
        c.fork("acme", "widgets", to="nobody")
    with pytest.raises(RuntimeError, match="into its own owner"):
        c.fork("acme", "widgets", to="acme")
    with pytest.raises(RuntimeError, match="empty"):
        c.fork("acme", "empty", to="stranger")


def test_fork_pull_request_shape_and_head_readable_from_the_base(world: World) -> None:
    pull, head = fork_pull(world)
    assert pull["head"]["label"] == "stranger:fix" and pull["head"]["sha"] == head
    assert pull["head"]["repo"]["full_name"] == "stranger/widgets" and pull["head"]["repo"]["fork"]
    assert pull["head"]["user"]["login"] == "stranger"
    assert pull["base"]["repo"]["full_name"] == "acme/widgets"
    assert pull["author_association"] == "CONTRIBUTOR"
    with api(world, installation_token(world)) as client:
        commit = client.get(f"/repos/acme/widgets/git/commits/{head}")
        assert commit.status_code == 200
        tree = client.get(f"/repos/acme/widgets/git/trees/{commit.json()['tree']['sha']}?recursive=1").json()
        lock = next(e for e in tree["tree"] if e["path"] == "package-lock.json")
        assert client.get(f"/repos/acme/widgets/git/blobs/{lock['sha']}").status_code == 200
        contents = client.get(f"/repos/acme/widgets/contents/package-lock.json?ref={head}")
        assert contents.status_code == 200 and contents.json()["sha"] == lock["sha"]
        ref = client.get(f"/repos/acme/widgets/git/ref/pull/{pull['number']}/head").json()
        assert ref["object"]["sha"] == head
        assert client.get("/repos/acme/widgets/git/ref/heads/fix").status_code == 404  # not a base branch
        run = client.post("/repos/acme/widgets/check-runs", json={"name": "n", "head_sha": head})
        assert run.status_code == 201 and run.json()["pull_requests"] == []  # GitHub omits fork PRs
        files = client.get(f"/repos/acme/widgets/pulls/{pull['number']}/files").json()
        assert [f["filename"] for f in files] == ["package-lock.json"]
        by_fork = client.get("/repos/acme/widgets/pulls?head=stranger:fix").json()
        by_base = client.get("/repos/acme/widgets/pulls?head=acme:fix").json()
    assert [p["number"] for p in by_fork] == [pull["number"]] and by_base == []
    page = httpx.get(f"{world.base_url}/_sandbox/ui/acme/widgets/pull/{pull['number']}").text
    assert "wants to merge <code>stranger:fix</code>" in page


def test_head_owner_outside_the_network_is_invalid(world: World) -> None:
    c = world.control
    c.create_user("stranger")
    c.create_repo("stranger", "widgets")  # same name, but not a fork of acme/widgets
    c.push("stranger", "widgets", {"x": "1"}, branch="fix")
    with user_client(world, "stranger") as client:
        response = client.post(
            "/repos/acme/widgets/pulls", json={"title": "t", "head": "stranger:fix", "base": "main"}
        )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "head"


def test_fork_webhooks_go_to_the_base_installation_only_for_the_pull_request(world: World) -> None:
    world.control.wait_for_webhooks()
    world.receiver.received.clear()
    pull, head = fork_pull(world)
    newer = world.control.push("stranger", "widgets", {"package-lock.json": "{ }\n"}, branch="fix")
    sent = deliveries(world)
    assert [(e, p.get("action")) for e, p in sent] == [
        ("pull_request", "opened"),
        ("pull_request", "synchronize"),
    ]  # no push or check_suite for the fork: the app is installed on acme, not on stranger
    for _, payload in sent:
        assert payload["installation"]["id"] == world.installation_id
        assert payload["repository"]["full_name"] == "acme/widgets"
        assert payload["pull_request"]["head"]["repo"]["full_name"] == "stranger/widgets"
    assert sent[1][1]["before"] == head and sent[1][1]["after"] == newer
    assert world.control.repo("acme", "widgets")["refs"][f"refs/pull/{pull['number']}/head"] == newer
    assert schema_problems(world.receiver.received) == []


def test_a_fork_owner_installation_gets_the_fork_push_and_its_check_suite(world: World) -> None:
    c = world.control
    c.create_user("stranger")
    c.fork("acme", "widgets", to="stranger")
    own = c.install("stranger")
    c.wait_for_webhooks()
    world.receiver.received.clear()
    head = c.push("stranger", "widgets", {"a.txt": "1"}, branch="fix")
    with user_client(world, "stranger") as client:
        client.post("/repos/acme/widgets/pulls", json={"title": "t", "head": "stranger:fix", "base": "main"})
    routed = {
        (e, p.get("action")): (p["installation"]["id"], p["repository"]["full_name"])
        for e, p in deliveries(world)
    }
    assert routed[("push", None)] == (own, "stranger/widgets")
    assert routed[("check_suite", "requested")] == (own, "stranger/widgets")
    assert routed[("pull_request", "opened")] == (world.installation_id, "acme/widgets")
    suites = [p for e, p in deliveries(world) if e == "check_suite"]
    assert suites[0]["check_suite"]["head_sha"] == head and suites[0]["check_suite"]["pull_requests"] == []


def test_merging_a_fork_pull_request_brings_the_fork_commit_into_the_base(world: World) -> None:
    pull, head = fork_pull(world)
    merged = world.control.merge_pull("acme", "widgets", pull["number"], by="alice")
    state = world.control.repo("acme", "widgets")
    assert state["refs"]["refs/heads/main"] == merged
    assert state["files"]["package-lock.json"] == "{}\n"
    assert state["pulls"][0]["head_repo"] == "stranger/widgets"
    with world.sim.state.lock:
        repo = world.sim.state.repo_by_name("acme", "widgets")
        assert repo is not None and repo.git.commits[merged].parents[1] == head
        assert repo.git.commits[merged].message.startswith("Merge pull request #1 from stranger/fix")


def test_fork_event_reaches_a_parent_installation_subscribed_to_it(world: World) -> None:
    c = world.control
    c.uninstall(world.installation_id)
    subscribed = c.install("acme", events=["push", "pull_request", "fork"])
    c.push("acme", "widgets", {"a.txt": "1"}, branch="topic")
    c.create_user("stranger")
    c.wait_for_webhooks()
    world.receiver.received.clear()
    c.fork("acme", "widgets", to="stranger", default_branch_only=True)
    ((event, payload),) = deliveries(world)
    assert event == "fork" and payload["installation"]["id"] == subscribed
    assert payload["repository"]["full_name"] == "acme/widgets"
    assert payload["forkee"]["full_name"] == "stranger/widgets" and payload["forkee"]["fork"] is True
    assert set(c.repo("stranger", "widgets")["refs"]) == {"refs/heads/main"}  # default_branch_only


def test_control_opens_a_fork_pull_request_by_label(world: World) -> None:
    c = world.control
    c.create_user("stranger")
    c.fork("acme", "widgets", to="stranger")
    head = c.push("stranger", "widgets", {"a.txt": "1"}, branch="fix", author="stranger")
    number = c.open_pull("acme", "widgets", "stranger:fix", title="From a fork", by="stranger")
    (pull,) = c.repo("acme", "widgets")["pulls"]
    assert pull["number"] == number and pull["head_repo"] == "stranger/widgets"
    assert pull["head_sha"] == head
    with pytest.raises(RuntimeError, match="already exists for stranger:fix"):
        c.open_pull("acme", "widgets", "stranger:fix", title="again", by="stranger")
    with pytest.raises(RuntimeError, match="bob has no fork of acme/widgets"):
        c.open_pull("acme", "widgets", "bob:fix", title="none", by="bob")
