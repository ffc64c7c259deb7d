"""The control API refuses bad input with a clear 400 and changes nothing; GitHub's 1 MB contents rule."""

from __future__ import annotations

import httpx
import pytest

from tests.simulator.conftest import World, api, installation_token


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("POST", "/repos", {"owner": "ghost", "name": "x"}, "no account ghost"),
        ("POST", "/repos", {"owner": "acme", "name": "widgets"}, "exists"),
        ("POST", "/repos", {"owner": "acme"}, "missing field(s): name"),
        ("POST", "/repos", {"owner": "acme", "name": "y", "files": ["a"]}, "files must be an object"),
        ("POST", "/users", {"login": "eve", "orgs": {"acme": "owner"}}, "role must be admin|member"),
        ("POST", "/installations", {"account": "acme"}, "already installed"),
        ("POST", "/faults", {"kind": "server_error"}, "a fault needs a path"),
        ("POST", "/faults", {"kind": "server_error", "path": "("}, ""),
        ("POST", "/oauth/user", {"login": "nobody"}, "no user nobody"),
        ("POST", "/repos/acme/widgets/pulls/99/merge", {}, "no such pull request"),
        ("PATCH", "/repos/acme/widgets", {"default_branch": "nope"}, "no branch nope"),
        ("POST", "/installations/999/repositories", {"add": ["widgets"]}, "no installation 999"),
    ],
)
def test_bad_control_input_is_a_400(world: World, method: str, path: str, body: object, message: str) -> None:
    before = world.control.state()
    response = httpx.request(method, f"{world.base_url}/_sandbox{path}", json=body)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert world.control.state() == before


def test_malformed_json_is_a_400(world: World) -> None:
    response = httpx.post(f"{world.base_url}/_sandbox/repos", content=b"{not json")
    assert response.status_code == 400 and response.json()["error"]
    with api(world, installation_token(world)) as client:
        bad = client.post("/repos/acme/widgets/git/blobs", content=b"{not json")
        assert bad.status_code == 400 and bad.json()["message"] == "Problems parsing JSON"


def test_files_over_one_megabyte_need_the_blob_api(world: World) -> None:
    big = "x" * (1024 * 1024 + 1)
    world.control.push("acme", "widgets", {"big.txt": big})
    with api(world, installation_token(world)) as client:
        refused = client.get("/repos/acme/widgets/contents/big.txt")
        assert refused.status_code == 403 and refused.json()["errors"][0]["code"] == "too_large"
        raw = client.get(
            "/repos/acme/widgets/contents/big.txt", headers={"Accept": "application/vnd.github.raw"}
        )
        assert raw.status_code == 200 and len(raw.content) == len(big)
        sha = next(
            e["sha"] for e in client.get("/repos/acme/widgets/contents/").json() if e["name"] == "big.txt"
        )
        assert client.get(f"/repos/acme/widgets/git/blobs/{sha}").json()["size"] == len(big)


def test_bad_repository_name_leaves_the_installation_alone(world: World) -> None:
    before = world.control.state()
    response = httpx.post(
        f"{world.base_url}/_sandbox/installations/{world.installation_id}/repositories",
        json={"remove": ["nope"]},
    )
    assert response.status_code == 400 and "no repository acme/nope" in response.json()["error"]
    assert world.control.state() == before
    assert world.control.state()["installations"][0]["repository_selection"] == "all"


def test_reset_forgets_everything_but_keeps_serving(world: World) -> None:
    world.control.advance_clock(100)
    world.control.push("acme", "widgets", {"a": "b"})
    world.control.reset()
    world.control.wait_for_webhooks()
    state = world.control.state()
    assert state["repos"] == [] and state["app"] is None and state["installations"] == []
    assert world.sim.state.clock_offset == 0.0
    assert httpx.get(f"{world.base_url}/_sandbox/ui/").status_code == 200


def test_open_pull_control_call_refuses_bad_input(world: World) -> None:
    c = world.control
    with pytest.raises(RuntimeError, match="no branch 'nope'"):
        c.open_pull("acme", "widgets", "nope", title="x")
    with pytest.raises(RuntimeError, match="no user ghost"):
        c.open_pull("acme", "widgets", "main", title="x", by="ghost")
    with pytest.raises(RuntimeError, match="no commits between"):
        c.open_pull("acme", "widgets", "main", title="x")
    c.push("acme", "widgets", {"a.txt": "a\n"}, branch="feature")
    assert c.open_pull("acme", "widgets", "feature", title="Add a", by="bob") >= 1
    with pytest.raises(RuntimeError, match="already exists"):
        c.open_pull("acme", "widgets", "feature", title="again")
    assert c.unsupported() == []
