"""Check runs (limits, annotations, completion rules) and pull requests (duplicates, merge, comments)."""

from __future__ import annotations

import httpx

from tests.simulator.conftest import World, api, installation_token
from tests.simulator.test_webhooks import schema_problems


def _annotations(n: int) -> list[dict[str, object]]:
    return [
        {
            "path": "README.md",
            "start_line": 1,
            "end_line": 1,
            "annotation_level": "warning",
            "message": f"m{i}",
        }
        for i in range(n)
    ]


def _head(client: httpx.Client) -> str:
    return str(client.get("/repos/acme/widgets/git/ref/heads/main").json()["object"]["sha"])


def test_check_run_limits_and_annotations(world: World) -> None:
    with api(world, installation_token(world)) as client:
        head = _head(client)
        too_many = client.post(
            "/repos/acme/widgets/check-runs",
            json={
                "name": "h",
                "head_sha": head,
                "output": {"title": "t", "summary": "s", "annotations": _annotations(51)},
            },
        )
        assert too_many.status_code == 422
        run = client.post(
            "/repos/acme/widgets/check-runs",
            json={
                "name": "h",
                "head_sha": head,
                "status": "in_progress",
                "output": {"title": "t", "summary": "s", "annotations": _annotations(50)},
            },
        ).json()
        assert run["status"] == "in_progress" and run["output"]["annotations_count"] == 50
        url = f"/repos/acme/widgets/check-runs/{run['id']}"
        done = client.patch(
            url,
            json={
                "conclusion": "failure",
                "output": {"title": "t", "summary": "s", "annotations": _annotations(3)},
            },
        )
        assert done.json()["status"] == "completed" and done.json()["completed_at"]
        assert done.json()["output"]["annotations_count"] == 53
        page = client.get(f"{url}/annotations", params={"per_page": 100}).json()
        assert len(page) == 53
        long_title = client.patch(url, json={"output": {"title": "x" * 256, "summary": "s"}})
        assert long_title.status_code == 422
        long_summary = client.patch(url, json={"output": {"title": "t", "summary": "x" * 65536}})
        assert long_summary.status_code == 422
        four_actions = [{"label": "Fix", "description": "d", "identifier": f"a{i}"} for i in range(4)]
        assert client.patch(url, json={"actions": four_actions}).status_code == 422
        long_label = [{"label": "x" * 21, "description": "d", "identifier": "i"}]
        assert client.patch(url, json={"actions": long_label}).status_code == 422
        ok = client.patch(
            url, json={"actions": [{"label": "Open PR", "description": "Open a fix", "identifier": "fix"}]}
        )
        assert ok.status_code == 200
        completed_without_conclusion = client.post(
            "/repos/acme/widgets/check-runs", json={"name": "x", "head_sha": head, "status": "completed"}
        )
        assert completed_without_conclusion.status_code == 422
        listed = client.get(f"/repos/acme/widgets/commits/{head}/check-runs").json()
        assert listed["total_count"] == 1 and listed["check_runs"][0]["id"] == run["id"]
        assert (
            client.post(
                "/repos/acme/widgets/check-runs", json={"name": "x", "head_sha": "f" * 40}
            ).status_code
            == 422
        )


def test_check_run_clicks_fire_events(world: World) -> None:
    with api(world, installation_token(world)) as client:
        run = client.post(
            "/repos/acme/widgets/check-runs",
            json={
                "name": "h",
                "head_sha": _head(client),
                "conclusion": "neutral",
                "output": {"title": "t", "summary": "s"},
                "actions": [{"label": "Open PR", "description": "Open a fix", "identifier": "fix"}],
            },
        ).json()
    world.control.rerequest_check_run(run["id"])
    world.control.click_check_run_action(run["id"], "fix")
    world.control.wait_for_webhooks()
    events = world.receiver.events()
    assert ("check_run", "created") in events and ("check_run", "completed") in events
    assert events[-2:] == [("check_run", "rerequested"), ("check_run", "requested_action")]
    assert schema_problems(world.receiver.received) == []


def test_pull_request_lifecycle(world: World) -> None:
    c = world.control
    c.push("acme", "widgets", {"SECURITY.md": "policy"}, branch="repo-hygiene/security-policy")
    with api(world, installation_token(world)) as client:
        body = {
            "title": "Add a security policy",
            "head": "repo-hygiene/security-policy",
            "base": "main",
            "body": "b",
        }
        created = client.post("/repos/acme/widgets/pulls", json=body)
        assert created.status_code == 201
        pr = created.json()
        assert pr["user"]["login"] == "repo-hygiene[bot]" and pr["user"]["type"] == "Bot"
        dup = client.post("/repos/acme/widgets/pulls", json=body)
        assert dup.status_code == 422
        assert (
            dup.json()["errors"][0]["message"]
            == "A pull request already exists for acme:repo-hygiene/security-policy."
        )
        found = client.get(
            "/repos/acme/widgets/pulls", params={"head": "acme:repo-hygiene/security-policy", "state": "all"}
        ).json()
        assert [p["number"] for p in found] == [pr["number"]]
        files = client.get(f"/repos/acme/widgets/pulls/{pr['number']}/files").json()
        assert [(f["filename"], f["status"]) for f in files] == [("SECURITY.md", "added")]
        comment = client.post(f"/repos/acme/widgets/issues/{pr['number']}/comments", json={"body": "closing"})
        assert comment.status_code == 201
        closed = client.patch(
            f"/repos/acme/widgets/pulls/{pr['number']}", json={"state": "closed", "title": "new"}
        )
        assert closed.json()["state"] == "closed" and closed.json()["title"] == "new"
        assert client.get("/repos/acme/widgets/pulls").json() == []
        reopened = client.patch(f"/repos/acme/widgets/pulls/{pr['number']}", json={"state": "open"})
        assert reopened.json()["state"] == "open"
        merge = client.put(f"/repos/acme/widgets/pulls/{pr['number']}/merge", json={})
        assert merge.status_code == 200 and merge.json()["merged"] is True
        main = client.get("/repos/acme/widgets/contents/SECURITY.md").json()
        assert main["type"] == "file"
        merged = client.get(f"/repos/acme/widgets/pulls/{pr['number']}").json()
        assert (
            merged["merged"] is True
            and merged["state"] == "closed"
            and merged["merge_commit_sha"] == merge.json()["sha"]
        )
        commit = client.get(f"/repos/acme/widgets/git/commits/{merge.json()['sha']}").json()
        assert len(commit["parents"]) == 2
    world.control.wait_for_webhooks()
    events = world.receiver.events()
    assert ("pull_request", "opened") in events and ("pull_request", "reopened") in events
    assert events.count(("pull_request", "closed")) == 2
    state = c.repo("acme", "widgets")
    assert state["pulls"][0]["comments"] == ["closing"] and state["files"]["SECURITY.md"] == "policy"


def test_maintainer_merge_and_conflict(world: World) -> None:
    c = world.control
    c.push("acme", "widgets", {"README.md": "bot version"}, branch="bot")
    with api(world, installation_token(world)) as client:
        pr = client.post(
            "/repos/acme/widgets/pulls", json={"title": "t", "head": "bot", "base": "main"}
        ).json()
    c.push("acme", "widgets", {"README.md": "human version"})
    try:
        c.merge_pull("acme", "widgets", pr["number"])
    except RuntimeError as exc:
        assert "not mergeable" in str(exc)
    else:
        raise AssertionError("a conflicting merge must fail")
    c.push("acme", "widgets", {"README.md": "bot version"}, branch="bot2")
    c.push("acme", "widgets", {"other.txt": "x"}, branch="main")
    with api(world, installation_token(world)) as client:
        pr2 = client.post(
            "/repos/acme/widgets/pulls", json={"title": "t2", "head": "bot2", "base": "main"}
        ).json()
    with api(world, installation_token(world)) as client:
        # bot2 was cut from main after "human version": no conflict, merged by a maintainer
        c.merge_pull("acme", "widgets", pr2["number"], by="alice")
        files = c.repo("acme", "widgets")["files"]
        assert files["README.md"] == "bot version" and files["other.txt"] == "x"
        assert (
            client.get(f"/repos/acme/widgets/pulls/{pr2['number']}").json()["merged_by"]["login"] == "alice"
        )


def test_check_suites_per_head_sha(world: World) -> None:
    sha = world.control.push("acme", "widgets", {"a": "1"})
    with api(world, installation_token(world)) as client:
        suites = client.get(f"/repos/acme/widgets/commits/{sha}/check-suites").json()
        assert suites["total_count"] == 1 and suites["check_suites"][0]["head_branch"] == "main"
        suite_id = suites["check_suites"][0]["id"]
        run = client.post("/repos/acme/widgets/check-runs", json={"name": "n", "head_sha": sha}).json()
        assert run["check_suite"]["id"] == suite_id
        in_suite = client.get(f"/repos/acme/widgets/check-suites/{suite_id}/check-runs").json()
        assert [r["id"] for r in in_suite["check_runs"]] == [run["id"]]
        assert client.post(f"/repos/acme/widgets/check-suites/{suite_id}/rerequest").status_code == 201
        assert client.get(f"/repos/acme/widgets/check-suites/{suite_id}").json()["status"] == "queued"
        rerun = f"/repos/acme/widgets/check-runs/{run['id']}/rerequest"
        assert client.post(rerun).status_code == 422  # still queued
        client.patch(f"/repos/acme/widgets/check-runs/{run['id']}", json={"conclusion": "success"})
        assert client.post(rerun).status_code == 201
    world.control.wait_for_webhooks()
    assert world.receiver.events()[-2:] == [("check_suite", "completed"), ("check_run", "rerequested")]
    assert ("check_suite", "rerequested") in world.receiver.events()
    problems = schema_problems(world.receiver.received)
    assert problems == [], "\n".join(map(str, problems))


def test_pull_request_files_carry_a_unified_diff(world: World) -> None:
    c = world.control
    original = "\n".join(f"line {i}" for i in range(1, 21)) + "\n"
    changed = original.replace("line 10\n", "line 10\ninserted\n")
    c.push("acme", "widgets", {"notes.txt": original})
    c.push("acme", "widgets", {"notes.txt": changed}, branch="edit")
    with api(world, installation_token(world)) as client:
        pr = client.post(
            "/repos/acme/widgets/pulls", json={"title": "t", "head": "edit", "base": "main"}
        ).json()
        (entry,) = client.get(f"/repos/acme/widgets/pulls/{pr['number']}/files").json()
    assert (entry["status"], entry["additions"], entry["deletions"]) == ("modified", 1, 0)
    assert entry["patch"].splitlines() == [
        "@@ -8,6 +8,7 @@",
        *(f" line {i}" for i in range(8, 11)),
        "+inserted",
        *(f" line {i}" for i in range(11, 14)),
    ]
