"""Repositories, git data, contents, refs: real SHA-1 ids, GitHub's errors, pagination, ETags, 404s."""

from __future__ import annotations

import base64
import hashlib

from tests.simulator.conftest import World, api, installation_token


def test_blob_shas_are_real_git_object_ids(world: World) -> None:
    with api(world, installation_token(world)) as client:
        tree = client.get("/repos/acme/widgets/git/trees/main", params={"recursive": "1"}).json()
        readme = next(e for e in tree["tree"] if e["path"] == "README.md")
        data = b"# widgets\n"
        assert readme["sha"] == hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        blob = client.get(f"/repos/acme/widgets/git/blobs/{readme['sha']}").json()
        assert base64.b64decode(blob["content"]) == data and blob["size"] == len(data)


def test_create_blob_tree_commit_and_move_ref(world: World) -> None:
    with api(world, installation_token(world)) as client:
        head = client.get("/repos/acme/widgets/git/ref/heads/main").json()["object"]["sha"]
        base_tree = client.get(f"/repos/acme/widgets/git/commits/{head}").json()["tree"]["sha"]
        blob = client.post(
            "/repos/acme/widgets/git/blobs", json={"content": "policy", "encoding": "utf-8"}
        ).json()
        tree = client.post(
            "/repos/acme/widgets/git/trees",
            json={
                "base_tree": base_tree,
                "tree": [{"path": "SECURITY.md", "mode": "100644", "type": "blob", "sha": blob["sha"]}],
            },
        )
        assert tree.status_code == 201
        commit = client.post(
            "/repos/acme/widgets/git/commits",
            json={"message": "Add policy", "tree": tree.json()["sha"], "parents": [head]},
        ).json()
        created = client.post(
            "/repos/acme/widgets/git/refs", json={"ref": "refs/heads/hygiene", "sha": commit["sha"]}
        )
        assert created.status_code == 201
        again = client.post(
            "/repos/acme/widgets/git/refs", json={"ref": "refs/heads/hygiene", "sha": commit["sha"]}
        )
        assert again.status_code == 422 and again.json()["message"] == "Reference already exists"
        matching = client.get("/repos/acme/widgets/git/matching-refs/heads/hyg").json()
        assert [r["ref"] for r in matching] == ["refs/heads/hygiene"]
        not_ff = client.patch("/repos/acme/widgets/git/refs/heads/hygiene", json={"sha": head})
        assert not_ff.status_code == 422
        forced = client.patch("/repos/acme/widgets/git/refs/heads/hygiene", json={"sha": head, "force": True})
        assert forced.status_code == 200 and forced.json()["object"]["sha"] == head
        assert client.delete("/repos/acme/widgets/git/refs/heads/hygiene").status_code == 204
        assert client.get("/repos/acme/widgets/git/ref/heads/hygiene").status_code == 404


def test_contents_file_directory_raw_ref_and_put(world: World) -> None:
    with api(world, installation_token(world)) as client:
        file = client.get("/repos/acme/widgets/contents/src/app.py").json()
        assert file["type"] == "file" and base64.b64decode(file["content"]) == b"print('hi')\n"
        listing = client.get("/repos/acme/widgets/contents/").json()
        assert {(e["name"], e["type"]) for e in listing} == {("README.md", "file"), ("src", "dir")}
        raw = client.get(
            "/repos/acme/widgets/contents/README.md", headers={"Accept": "application/vnd.github.raw"}
        )
        assert raw.content == b"# widgets\n"
        put = client.put(
            "/repos/acme/widgets/contents/SECURITY.md",
            json={
                "message": "Add policy",
                "content": base64.b64encode(b"Report to security@acme.test").decode(),
            },
        )
        assert put.status_code == 201
        old_sha = put.json()["content"]["sha"]
        stale = client.put(
            "/repos/acme/widgets/contents/SECURITY.md", json={"message": "x", "content": "eA=="}
        )
        assert stale.status_code == 422
        wrong = client.put(
            "/repos/acme/widgets/contents/SECURITY.md",
            json={"message": "x", "content": "eA==", "sha": "0" * 40},
        )
        assert wrong.status_code == 409
        update = client.put(
            "/repos/acme/widgets/contents/SECURITY.md",
            json={"message": "Update", "content": "eA==", "sha": old_sha},
        )
        assert update.status_code == 200
        first = put.json()["commit"]["sha"]
        at_first = client.get("/repos/acme/widgets/contents/SECURITY.md", params={"ref": first}).json()
        assert base64.b64decode(at_first["content"]) == b"Report to security@acme.test"
        assert client.get("/repos/acme/widgets/contents/missing.md").status_code == 404


def test_empty_repository_answers_409_and_size_zero(world: World) -> None:
    with api(world, installation_token(world)) as client:
        assert client.get("/repos/acme/empty").json()["size"] == 0
        for path in ("/repos/acme/empty/git/trees/main", "/repos/acme/empty/git/ref/heads/main"):
            response = client.get(path)
            assert response.status_code == 409 and response.json()["message"] == "Git Repository is empty."
        blob = client.post("/repos/acme/empty/git/blobs", json={"content": "x"})
        assert blob.status_code == 409


def test_archived_repository_is_read_only(world: World) -> None:
    with api(world, installation_token(world)) as client:
        assert client.get("/repos/acme/old").json()["archived"] is True
        assert client.get("/repos/acme/old/git/ref/heads/main").status_code == 200
        write = client.post("/repos/acme/old/git/blobs", json={"content": "x"})
        assert write.status_code == 403 and "archived" in write.json()["message"]


def test_pagination_link_headers_are_absolute(world: World) -> None:
    for n in range(5):
        world.control.create_repo("acme", f"extra{n}")
    with api(world, installation_token(world)) as client:
        first = client.get("/installation/repositories", params={"per_page": 3})
        assert first.json()["total_count"] == 8 and len(first.json()["repositories"]) == 3
        link = first.headers["link"]
        assert f'<{world.base_url}/installation/repositories?per_page=3&page=2>; rel="next"' in link
        assert 'page=3>; rel="last"' in link
        last = client.get("/installation/repositories", params={"per_page": 3, "page": 3})
        assert len(last.json()["repositories"]) == 2 and 'rel="next"' not in last.headers["link"]


def test_etag_and_conditional_get_do_not_cost_budget(world: World) -> None:
    with api(world, installation_token(world)) as client:
        first = client.get("/repos/acme/widgets")
        etag = first.headers["etag"]
        remaining = int(first.headers["x-ratelimit-remaining"])
        second = client.get("/repos/acme/widgets", headers={"If-None-Match": etag})
        assert second.status_code == 304 and second.content == b""
        third = client.get("/repos/acme/widgets")
        assert int(third.headers["x-ratelimit-remaining"]) == remaining - 1
        assert (
            third.headers["x-ratelimit-limit"] == "5000" and third.headers["x-ratelimit-resource"] == "core"
        )


def test_a_304_reports_the_budget_it_left_untouched_and_is_counted(world: World) -> None:
    world.control.reset_calls()
    with api(world, installation_token(world)) as client:
        first = client.get("/repos/acme/widgets/git/trees/main", params={"recursive": "1"})
        second = client.get(
            "/repos/acme/widgets/git/trees/main",
            params={"recursive": "1"},
            headers={"If-None-Match": first.headers["etag"]},
        )
        assert second.status_code == 304
        assert second.headers["x-ratelimit-remaining"] == first.headers["x-ratelimit-remaining"]
        assert second.headers["x-ratelimit-used"] == first.headers["x-ratelimit-used"]
    calls = world.control.calls()
    assert calls["by_endpoint"]["GET /repos/{owner}/{repo}/git/trees/{sha:path}"] == 2
    assert calls["not_modified"] == {"GET /repos/{owner}/{repo}/git/trees/{sha:path}": 1}


def test_etags_are_specific_to_the_token(world: World) -> None:
    with api(world, installation_token(world)) as client:
        etag = client.get("/repos/acme/widgets").headers["etag"]
    with api(world, installation_token(world)) as client:  # the next hour's token: same answer
        again = client.get("/repos/acme/widgets", headers={"If-None-Match": etag})
        assert again.status_code == 200 and again.headers["etag"] != etag


def test_unsupported_route_is_404_and_recorded(world: World) -> None:
    with api(world, installation_token(world)) as client:
        response = client.get("/repos/acme/widgets/releases")
        assert response.status_code == 404 and response.json()["message"] == "Not Found"
    assert world.control.unsupported() == [{"method": "GET", "path": "/repos/acme/widgets/releases"}]
    assert world.control.state()["unsupported"]


def test_calls_are_counted_per_installation_and_route(world: World) -> None:
    world.control.reset_calls()
    with api(world, installation_token(world)) as client:
        client.get("/repos/acme/widgets")
        client.get("/repos/acme/old")
    calls = world.control.calls()
    assert calls["by_endpoint"]["GET /repos/{owner}/{repo}"] == 2
    assert calls["by_endpoint"]["POST /app/installations/{installation_id}/access_tokens"] == 1
    assert calls["by_installation"][str(world.installation_id)] == 2


def test_branches_list_and_get(world: World) -> None:
    world.control.push("acme", "widgets", {"a": "b"}, branch="topic")
    with api(world, installation_token(world)) as client:
        names = [b["name"] for b in client.get("/repos/acme/widgets/branches").json()]
        assert names == ["main", "topic"]
        branch = client.get("/repos/acme/widgets/branches/topic").json()
        assert branch["name"] == "topic" and len(branch["commit"]["sha"]) == 40
        assert client.get("/repos/acme/widgets/branches/nope").status_code == 404
        assert client.get("/repos/acme/empty/branches").json() == []
