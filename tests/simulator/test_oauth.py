"""OAuth web flow with PKCE at the simulator root, user tokens, org memberships."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlparse

import httpx

from tests.simulator.conftest import World, api, installation_token

CALLBACK = "http://127.0.0.1/callback"


def _authorize(world: World, challenge: str | None, state: str = "s1") -> str:
    params = {"client_id": "Iv1.testclient", "redirect_uri": CALLBACK, "state": state}
    if challenge:
        params.update(code_challenge=challenge, code_challenge_method="S256")
    response = httpx.get(f"{world.base_url}/login/oauth/authorize", params=params)
    assert response.status_code == 302, response.text
    query = parse_qs(urlparse(response.headers["location"]).query)
    assert query["state"] == [state] and response.headers["location"].startswith(CALLBACK)
    return query["code"][0]


def _exchange(world: World, code: str, verifier: str | None, secret: str = "test-secret") -> dict[str, str]:
    data = {"client_id": "Iv1.testclient", "client_secret": secret, "code": code, "redirect_uri": CALLBACK}
    if verifier:
        data["code_verifier"] = verifier
    response = httpx.post(
        f"{world.base_url}/login/oauth/access_token", data=data, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    return dict(response.json())


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def test_web_flow_with_pkce_and_admin_check(world: World) -> None:
    world.control.set_oauth_user("alice")
    verifier = "v" * 50
    code = _authorize(world, _challenge(verifier))
    token = _exchange(world, code, verifier)
    assert token["access_token"].startswith("ghu_") and token["token_type"] == "bearer"
    with api(world, token["access_token"]) as client:
        assert client.get("/user").json()["login"] == "alice"
        membership = client.get("/user/memberships/orgs/acme").json()
        assert (membership["state"], membership["role"]) == ("active", "admin")
        assert client.get("/user/memberships/orgs/nowhere").status_code == 404
        assert [i["account"]["login"] for i in client.get("/user/installations").json()["installations"]] == [
            "acme"
        ]
    code_reuse = _exchange(world, code, verifier)
    assert code_reuse["error"] == "bad_verification_code"


def test_pkce_mismatch_and_bad_secret_are_200_errors(world: World) -> None:
    world.control.set_oauth_user("bob")
    code = _authorize(world, _challenge("right-verifier-right-verifier-right-verifier"))
    assert (
        _exchange(world, code, "wrong-verifier-wrong-verifier-wrong-verifier")["error"]
        == "bad_verification_code"
    )
    code = _authorize(world, None)
    assert _exchange(world, code, None, secret="nope")["error"] == "incorrect_client_credentials"
    token = _exchange(world, code, None)["access_token"]
    form = httpx.post(
        f"{world.base_url}/login/oauth/access_token",
        data={"client_id": "Iv1.testclient", "client_secret": "test-secret", "code": "x"},
    )
    assert (
        form.headers["content-type"].startswith("application/x-www-form-urlencoded") and "error=" in form.text
    )
    with api(world, token) as client:
        assert client.get("/user/memberships/orgs/acme").json()["role"] == "member"


def test_no_signed_in_user_and_unknown_redirect(world: World) -> None:
    response = httpx.get(f"{world.base_url}/login/oauth/authorize", params={"client_id": "Iv1.testclient"})
    assert response.status_code == 401
    world.control.set_oauth_user("alice")
    bad = httpx.get(
        f"{world.base_url}/login/oauth/authorize",
        params={"client_id": "Iv1.testclient", "redirect_uri": "http://evil.test/cb"},
    )
    assert bad.status_code == 400


def test_org_membership_with_installation_token(world: World) -> None:
    world.control.create_user("carol", orgs={"acme": {"role": "admin", "state": "pending"}})
    with api(world, installation_token(world)) as client:
        assert client.get("/orgs/acme/memberships/alice").json()["role"] == "admin"
        assert client.get("/orgs/acme/memberships/carol").json()["state"] == "pending"
        assert client.get("/orgs/acme/memberships/nobody").status_code == 404
    narrowed = installation_token(world, permissions={"metadata": "read"})
    with api(world, narrowed) as client:
        assert client.get("/orgs/acme/memberships/alice").status_code == 403
