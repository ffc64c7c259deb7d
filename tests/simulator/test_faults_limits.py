"""Fault injection per route and the per-installation hourly budget, as githubkit classifies them."""

from __future__ import annotations

import time

import httpx
import pytest
from githubkit import AppAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy
from githubkit.exception import PrimaryRateLimitExceeded, RequestFailed, SecondaryRateLimitExceeded

from tests.simulator.conftest import APP_ID, World, api, installation_token

REPO = "/repos/{owner}/{repo}"


def test_server_error_fault_counts_down(world: World) -> None:
    world.control.add_fault("server_error", REPO, method="GET", count=2)
    with api(world, installation_token(world)) as client:
        assert [client.get("/repos/acme/widgets").status_code for _ in range(3)] == [502, 502, 200]


def test_fault_by_path_regex_and_kinds(world: World) -> None:
    c = world.control
    c.add_fault("empty_repo", r"/repos/acme/widgets/git/trees/.*", count=1)
    c.add_fault("unprocessable", r"/repos/acme/widgets/pulls", method="POST", count=1)
    with api(world, installation_token(world)) as client:
        empty = client.get("/repos/acme/widgets/git/trees/main")
        assert empty.status_code == 409 and empty.json()["message"] == "Git Repository is empty."
        assert client.get("/repos/acme/widgets/git/trees/main").status_code == 200
        assert client.post("/repos/acme/widgets/pulls", json={}).json()["message"] == "Validation Failed"


def test_rate_limit_faults(world: World) -> None:
    c = world.control
    c.add_fault("secondary", REPO, count=1)
    c.add_fault("secondary_message", REPO, count=1)
    c.add_fault("primary", REPO, count=1)
    with api(world, installation_token(world)) as client:
        secondary = client.get("/repos/acme/widgets")
        assert secondary.status_code == 403 and secondary.headers["retry-after"] == "1"
        message_only = client.get("/repos/acme/widgets")
        assert message_only.status_code == 403 and "retry-after" not in message_only.headers
        assert "secondary rate limit" in message_only.json()["message"]
        assert message_only.headers["x-ratelimit-remaining"] != "0"
        primary = client.get("/repos/acme/widgets")
        assert primary.status_code == 403 and primary.headers["x-ratelimit-remaining"] == "0"
        assert int(primary.headers["x-ratelimit-reset"]) > time.time()


def test_timeout_fault_delays_past_client_timeout(world: World) -> None:
    world.control.add_fault("timeout", REPO, count=1, delay=2)
    with api(world, installation_token(world)) as client, pytest.raises(httpx.ReadTimeout):
        client.get("/repos/acme/widgets", timeout=0.3)


def test_hourly_budget_enforced_per_installation(world: World) -> None:
    world.control.set_budget(world.installation_id, 3)
    with api(world, installation_token(world)) as client:
        answers = [client.get("/repos/acme/widgets") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 403]
    assert answers[2].headers["x-ratelimit-remaining"] == "0"
    assert answers[3].json()["message"].startswith("API rate limit exceeded for installation ID")
    world.control.advance_clock(3601)
    with api(world, installation_token(world)) as client:
        assert client.get("/repos/acme/widgets").status_code == 200


@pytest.mark.anyio
async def test_githubkit_classifies_rate_limits(world: World) -> None:
    c = world.control
    gh = GitHub(
        AppAuthStrategy(str(APP_ID), world.private_key),
        base_url=world.base_url,
        cache_strategy=MemCacheStrategy(),
        http_cache=False,
        auto_retry=False,
    )
    async with gh:
        inst = gh.with_auth(gh.auth.as_installation(world.installation_id))
        c.add_fault("secondary", REPO, count=1)
        with pytest.raises(SecondaryRateLimitExceeded):
            await inst.rest.repos.async_get("acme", "widgets")
        c.add_fault("primary", REPO, count=1)
        with pytest.raises(PrimaryRateLimitExceeded):
            await inst.rest.repos.async_get("acme", "widgets")
        c.add_fault("server_error", REPO, count=1)
        with pytest.raises(RequestFailed):
            await inst.rest.repos.async_get("acme", "widgets")
        assert (await inst.rest.repos.async_get("acme", "widgets")).status_code == 200


def test_bad_fault_is_rejected(world: World) -> None:
    with pytest.raises(RuntimeError, match="unknown fault kind"):
        world.control.add_fault("meteor", REPO)


def test_rate_limit_endpoint_and_budget_growth(world: World) -> None:
    with api(world, installation_token(world)) as client:
        client.get("/repos/acme/widgets")
        first = client.get("/rate_limit").json()
        assert first["resources"]["core"]["used"] == 1 and first["rate"] == first["resources"]["core"]
        again = client.get("/rate_limit", headers={"X-GitHub-Api-Version": "2026-03-10"}).json()
        assert again["resources"]["core"]["used"] == 1 and "rate" not in again
        assert again["resources"]["core"]["limit"] == 5000
    for n in range(20):
        world.control.create_repo("acme", f"many{n}")
    with api(world, installation_token(world)) as client:
        # 23 repositories: 3 above 20, +50/h each
        assert client.get("/repos/acme/widgets").headers["x-ratelimit-limit"] == "5150"
