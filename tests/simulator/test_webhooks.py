"""Webhooks out: signatures (GitHub's test vector), schema-valid payloads, the events writes cause."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import referencing
import referencing.jsonschema

from simulator.webhooks import signature
from tests.conftest import shared_path
from tests.simulator.conftest import WEBHOOK_SECRET, World, api, app_jwt, installation_token


def test_signature_matches_github_test_vector() -> None:
    vector = json.loads(
        (shared_path("fixtures", "webhook-signature") / "github-docs-test-vector.json").read_text()
    )
    assert signature(vector["secret"], vector["payload"].encode()) == vector["x_hub_signature_256"]


def test_builtin_templates_alone_give_schema_valid_payloads(
    world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without ../shared (e.g. after pip install) the built-in builders still send valid payloads."""
    from simulator import webhooks

    monkeypatch.setattr(webhooks, "_SHARED", tmp_path / "absent")
    webhooks._example.cache_clear()
    world.receiver.received.clear()
    c = world.control
    c.create_repo("acme", "fresh")
    sha = c.push("acme", "widgets", {"x": "1"}, branch="topic")
    with api(world, installation_token(world)) as client:
        pr = client.post(
            "/repos/acme/widgets/pulls", json={"title": "t", "head": "topic", "base": "main"}
        ).json()
        run = client.post("/repos/acme/widgets/check-runs", json={"name": "n", "head_sha": sha}).json()
        client.patch(f"/repos/acme/widgets/check-runs/{run['id']}", json={"conclusion": "neutral"})
    c.close_pull("acme", "widgets", pr["number"])
    c.uninstall(world.installation_id)
    received = _deliveries(world)
    webhooks._example.cache_clear()
    assert len(received) >= 9
    problems = schema_problems(received)
    assert problems == [], "\n".join(map(str, problems))


def _validator(event: str, action: str | None) -> jsonschema.Draft7Validator:
    root = shared_path("fixtures", "webhooks-schemas")
    schemas = [json.loads(p.read_text()) for p in (root / "common").glob("*.schema.json")]
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s, default_specification=referencing.jsonschema.DRAFT7))
        for s in schemas
    )
    path: Path = root / event / f"{action or 'event'}.schema.json"
    return jsonschema.Draft7Validator(json.loads(path.read_text()), registry=registry)


def schema_problems(received: list[tuple[dict[str, str], bytes]]) -> list[tuple[str, str | None, str]]:
    """Every sent payload checked against octokit's schema for its event and action."""
    problems = []
    for headers, body in received:
        event, payload = headers["X-GitHub-Event"], json.loads(body)
        errors = _validator(event, payload.get("action")).iter_errors(payload)
        problems += [(event, payload.get("action"), e.message[:200]) for e in errors]
    return problems


def _deliveries(world: World) -> list[tuple[dict[str, str], bytes]]:
    world.control.wait_for_webhooks()
    return world.receiver.received


def test_every_delivery_is_signed_over_exact_bytes(world: World) -> None:
    world.control.push("acme", "widgets", {"SECURITY.md": "hello"})
    received = _deliveries(world)
    assert received
    for headers, body in received:
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Hub-Signature-256"] == expected
        assert headers["User-Agent"] == "GitHub-Hookshot/sim" and headers["X-GitHub-Hook-ID"]
        assert len(headers["X-GitHub-Delivery"]) == 36


def test_sent_payloads_validate_against_octokit_schemas(world: World) -> None:
    c = world.control
    c.create_repo("acme", "later")  # the installation covers all repositories: "added" is sent
    c.push("acme", "widgets", {"SECURITY.md": "hello"})
    with api(world, installation_token(world)) as client:
        head = client.get("/repos/acme/widgets/git/ref/heads/main").json()["object"]["sha"]
        c.push("acme", "widgets", {"x.txt": "1"}, branch="feature")
        pr = client.post(
            "/repos/acme/widgets/pulls", json={"title": "t", "head": "feature", "base": "main"}
        ).json()
        c.push("acme", "widgets", {"x.txt": "2"}, branch="feature")
        run = client.post("/repos/acme/widgets/check-runs", json={"name": "hygiene", "head_sha": head}).json()
        client.patch(
            f"/repos/acme/widgets/check-runs/{run['id']}",
            json={"conclusion": "success", "output": {"title": "ok", "summary": "ok"}},
        )
        c.merge_pull("acme", "widgets", pr["number"], by="alice")
    seen: set[tuple[str, str | None]] = set()
    problems = []
    for headers, body in _deliveries(world):
        event, payload = headers["X-GitHub-Event"], json.loads(body)
        action = payload.get("action")
        errors = list(_validator(event, action).iter_errors(payload))
        problems += [(event, action, list(e.path), e.message[:200]) for e in errors]
        seen.add((event, action))
    assert not problems, "\n".join(map(str, problems))
    assert {
        ("installation", "created"),
        ("installation_repositories", "added"),
        ("push", None),
        ("check_suite", "requested"),
        ("pull_request", "opened"),
        ("pull_request", "synchronize"),
        ("check_run", "created"),
        ("check_run", "completed"),
        ("check_suite", "completed"),
        ("pull_request", "closed"),
    } <= seen


def test_push_payload_lists_changed_files(world: World) -> None:
    world.control.push("acme", "widgets", {"SECURITY.md": "hello", "README.md": None})
    pushes = [json.loads(b) for h, b in _deliveries(world) if h["X-GitHub-Event"] == "push"]
    commit = pushes[-1]["head_commit"]
    assert commit["added"] == ["SECURITY.md"] and commit["removed"] == ["README.md"]
    assert (
        pushes[-1]["ref"] == "refs/heads/main" and pushes[-1]["installation"]["id"] == world.installation_id
    )


def test_app_own_writes_fire_push_and_check_suite(world: World) -> None:
    world.receiver.received.clear()
    with api(world, installation_token(world)) as client:
        head = client.get("/repos/acme/widgets/git/ref/heads/main").json()["object"]["sha"]
        client.post("/repos/acme/widgets/git/refs", json={"ref": "refs/heads/bot", "sha": head})
        world.control.wait_for_webhooks()
        assert world.receiver.events() == [("push", None), ("check_suite", "requested")]
        client.post("/repos/acme/widgets/git/refs", json={"ref": "refs/heads/bot2", "sha": head})
        world.control.wait_for_webhooks()
        assert world.receiver.events()[2:] == [("push", None)]  # that sha already has a suite
        client.put(
            "/repos/acme/widgets/contents/SECURITY.md",
            json={"message": "m", "content": "eA==", "branch": "bot"},
        )
    world.control.wait_for_webhooks()
    assert world.receiver.events()[3:] == [("push", None), ("check_suite", "requested")]
    sender = json.loads(world.receiver.received[-1][1])["sender"]["login"]
    assert sender == "repo-hygiene[bot]"


def test_deliveries_api_and_redelivery_keep_guid(world: World) -> None:
    headers = {"Authorization": f"Bearer {app_jwt(world.private_key)}"}
    listed = httpx.get(f"{world.base_url}/app/hook/deliveries", headers=headers).json()
    first = listed[-1]
    assert first["event"] == "installation" and first["status"] == "OK" and first["status_code"] == 202
    redo = httpx.post(f"{world.base_url}/app/hook/deliveries/{first['id']}/attempts", headers=headers)
    assert redo.status_code == 202
    world.control.wait_for_webhooks()
    guids = [h["X-GitHub-Delivery"] for h, _ in world.receiver.received]
    assert guids.count(first["guid"]) == 2
    newest = httpx.get(f"{world.base_url}/app/hook/deliveries", headers=headers).json()[0]
    assert newest["redelivery"] is True and newest["guid"] == first["guid"]
    dup = world.control.redeliver(first["id"], duplicate=True)
    assert dup["guid"] != first["guid"]


def test_failed_deliveries_are_recorded(world: World) -> None:
    world.receiver.status = 500
    world.control.push("acme", "widgets", {"a": "b"})
    world.control.wait_for_webhooks()
    failed = [d for d in world.control.deliveries() if d["status_code"] == 500]
    assert failed and failed[0]["status"] != "OK"


@pytest.mark.parametrize("selection", ["all", ["widgets"]])
def test_installation_created_lists_repositories(world: World, selection: Any) -> None:
    world.control.create_org("beta")
    world.control.create_repo("beta", "widgets")
    world.control.install("beta", selection)
    world.control.wait_for_webhooks()
    payload = json.loads(world.receiver.received[-1][1])
    assert payload["action"] == "created" and [r["full_name"] for r in payload["repositories"]] == [
        "beta/widgets"
    ]


def test_repository_flag_changes_and_uninstall_send_events(world: World) -> None:
    c = world.control
    c.push("acme", "widgets", {"x": "1"}, branch="develop")
    c.update_repo("acme", "widgets", archived=True)
    c.update_repo("acme", "widgets", default_branch="develop")
    c.uninstall(world.installation_id)
    received = _deliveries(world)
    tail = [(h["X-GitHub-Event"], json.loads(b)) for h, b in received[-3:]]
    assert [(e, p["action"]) for e, p in tail] == [
        ("repository", "archived"),
        ("repository", "edited"),
        ("installation", "deleted"),
    ]
    assert tail[0][1]["repository"]["archived"] is True
    assert tail[1][1]["changes"] == {"default_branch": {"from": "main"}}
    problems = []
    for event, payload in tail:
        problems += [e.message for e in _validator(event, payload["action"]).iter_errors(payload)]
    assert problems == []
    assert world.control.state()["installations"] == []


def test_only_subscribed_events_are_sent(world: World) -> None:
    c = world.control
    c.create_org("quiet")
    c.create_repo("quiet", "lib")
    c.install("quiet", events=["pull_request"], permissions={"metadata": "read", "contents": "write"})
    c.wait_for_webhooks()
    world.receiver.received.clear()
    c.push("quiet", "lib", {"a": "b"})
    c.wait_for_webhooks()
    assert world.receiver.events() == []  # no push subscription, no checks access


def test_synchronize_reports_previous_head(world: World) -> None:
    c = world.control
    first = c.push("acme", "widgets", {"a": "1"}, branch="topic")
    with api(world, installation_token(world)) as client:
        client.post("/repos/acme/widgets/pulls", json={"title": "t", "head": "topic", "base": "main"})
    second = c.push("acme", "widgets", {"a": "2"}, branch="topic")
    sync = [json.loads(b) for h, b in _deliveries(world) if json.loads(b).get("action") == "synchronize"]
    assert (sync[-1]["before"], sync[-1]["after"]) == (first, second)


def test_deleting_an_org_sends_organization_deleted_then_ends_its_installations(world: World) -> None:
    c = world.control
    c.create_org("doomed")
    c.create_repo("doomed", "tool")
    inst = c.install("doomed", events=["organization"])
    c.wait_for_webhooks()
    world.receiver.received.clear()
    answer = c.delete_org("doomed")
    c.wait_for_webhooks()
    assert answer["installations"] == [inst]
    sent = [(h["X-GitHub-Event"], json.loads(body)) for h, body in world.receiver.received]
    assert [(event, payload["action"]) for event, payload in sent] == [
        ("organization", "deleted"),
        ("installation", "deleted"),
    ]
    deleted = sent[0][1]
    assert deleted["organization"]["login"] == "doomed" and deleted["organization"]["id"] == answer["deleted"]
    assert deleted["installation"]["id"] == inst and deleted["sender"]["login"]
    with api(world, installation_token(world)) as client:
        assert client.get("/orgs/doomed").status_code == 404
    assert "doomed" not in json.dumps(c.state())
