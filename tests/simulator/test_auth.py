"""App JWT rules, installation tokens (expiry, narrowing, formats), API version header."""

from __future__ import annotations

import re

import httpx

from tests.simulator.conftest import World, api, app_jwt, installation_token


def get_app(world: World, jwt_value: str) -> httpx.Response:
    return httpx.get(f"{world.base_url}/app", headers={"Authorization": f"Bearer {jwt_value}"})


def test_valid_jwt_by_app_id_and_by_client_id(world: World) -> None:
    assert get_app(world, app_jwt(world.private_key)).status_code == 200
    assert get_app(world, app_jwt(world.private_key, iss="Iv1.testclient")).status_code == 200


def test_jwt_rules(world: World, app_keys: tuple[str, str]) -> None:
    too_long = get_app(world, app_jwt(world.private_key, lifetime=601))
    assert too_long.status_code == 401 and "too far in the future" in too_long.json()["message"]
    expired = get_app(world, app_jwt(world.private_key, iat_offset=-1000))
    assert expired.status_code == 401
    within_skew = get_app(world, app_jwt(world.private_key, iat_offset=30))
    assert within_skew.status_code == 200
    future = get_app(world, app_jwt(world.private_key, iat_offset=300))
    assert future.status_code == 401
    from simulator.testing import generate_app_keypair

    other_private, _ = generate_app_keypair()
    assert get_app(world, app_jwt(other_private)).status_code == 401
    assert get_app(world, app_jwt(world.private_key, iss="999")).status_code == 401


def test_installation_token_shape_and_expiry(world: World) -> None:
    response = httpx.post(
        f"{world.base_url}/app/installations/{world.installation_id}/access_tokens",
        headers={"Authorization": f"Bearer {app_jwt(world.private_key)}"},
    )
    body = response.json()
    assert response.status_code == 201
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", body["expires_at"])
    assert body["permissions"]["contents"] == "write" and body["repository_selection"] == "all"
    token = body["token"]
    with api(world, token) as client:
        assert client.get("/repos/acme/widgets").status_code == 200
        world.control.advance_clock(3601)
        assert client.get("/repos/acme/widgets").status_code == 401


def test_stateless_token_format(world: World) -> None:
    response = httpx.post(
        f"{world.base_url}/app/installations/{world.installation_id}/access_tokens",
        headers={
            "Authorization": f"Bearer {app_jwt(world.private_key)}",
            "X-GitHub-Stateless-S2S-Token": "enabled",
        },
    )
    token = response.json()["token"]
    assert token.startswith("ghs_4242_") and len(token) > 400 and "." in token
    with api(world, token) as client:
        assert client.get("/repos/acme/widgets").status_code == 200


def test_token_narrowed_to_repositories_and_permissions(world: World) -> None:
    token = installation_token(
        world, repositories=["widgets"], permissions={"contents": "read", "metadata": "read"}
    )
    with api(world, token) as client:
        assert client.get("/repos/acme/widgets").status_code == 200
        assert client.get("/repos/acme/old").status_code == 404
        refused = client.post("/repos/acme/widgets/git/blobs", json={"content": "x"})
        assert refused.status_code == 403
        assert refused.headers["x-accepted-github-permissions"] == "contents=write"


def test_jwt_cannot_read_repositories_and_tokens_cannot_call_app_routes(world: World) -> None:
    jwt_headers = {"Authorization": f"Bearer {app_jwt(world.private_key)}"}
    assert httpx.get(f"{world.base_url}/repos/acme/widgets", headers=jwt_headers).status_code == 403
    with api(world, installation_token(world)) as client:
        assert client.get("/app/installations").status_code == 401
    assert (
        httpx.get(f"{world.base_url}/repos/acme/widgets", headers={"Authorization": "token nope"}).status_code
        == 401
    )


def test_api_version_header(world: World) -> None:
    token = installation_token(world)
    for version, status in (("2022-11-28", 200), ("2026-03-10", 200), ("2021-01-01", 400)):
        response = httpx.get(
            f"{world.base_url}/repos/acme/widgets",
            headers={"Authorization": f"token {token}", "X-GitHub-Api-Version": version},
        )
        assert response.status_code == status


def test_repository_outside_installation_is_404(world: World) -> None:
    world.control.create_org("other")
    world.control.create_repo("other", "secret", private=True)
    with api(world, installation_token(world)) as client:
        assert client.get("/repos/other/secret").status_code == 404
