"""Registering an App from a manifest on the simulator: the new-App pages redirect with a code and the
caller's state; the conversion answers GitHub's documented shape (as githubkit parses it) once per code;
the new App's webhooks are signed with its new secret."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from githubkit import GitHub
from githubkit.exception import RequestFailed

from simulator.testing import SimulatorServer, WebhookReceiver


def manifest(hook_url: str, **changes: Any) -> dict[str, Any]:
    return {
        "name": "My Hygiene App",
        "url": "https://example.com",
        "hook_attributes": {"url": hook_url, "active": True},
        "redirect_url": "http://127.0.0.1:9/setup/callback",
        "callback_urls": ["http://127.0.0.1:9/auth/callback"],
        "public": False,
        "default_permissions": {"contents": "write", "metadata": "read", "checks": "write"},
        "default_events": ["push", "pull_request"],
        **changes,
    }


def register(sim: SimulatorServer, body: dict[str, Any], path: str = "/settings/apps/new") -> httpx.Response:
    return httpx.post(
        f"{sim.base_url}{path}", params={"state": "s-1"}, data={"manifest": json.dumps(body)}, timeout=30
    )


def code_of(response: httpx.Response) -> str:
    assert response.status_code == 302, response.text
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "http://127.0.0.1:9/setup/callback"
    query = parse_qs(location.query)
    assert query["state"] == ["s-1"]
    return query["code"][0]


def convert(sim: SimulatorServer, code: str) -> Any:
    with GitHub(base_url=f"{sim.base_url}/") as gh:
        return gh.rest.apps.create_from_manifest(code).parsed_data


def test_a_manifest_becomes_an_app_whose_credentials_the_code_hands_over_once(
    sim: SimulatorServer, receiver: WebhookReceiver
) -> None:
    sim.control.create_user("octo")
    sim.control.set_oauth_user("octo")
    code = code_of(register(sim, manifest(receiver.url)))
    app = convert(sim, code)  # githubkit validates the response against GitHub's schema
    assert app.slug == "my-hygiene-app" and app.name == "My Hygiene App"
    assert app.owner.login == "octo"
    assert app.events == ["push", "pull_request"]
    assert app.permissions.model_dump(exclude_unset=True) == {
        "contents": "write",
        "metadata": "read",
        "checks": "write",
    }
    assert app.client_id.startswith("Iv1.") and app.client_secret and app.webhook_secret
    assert app.pem.startswith("-----BEGIN RSA PRIVATE KEY-----")
    key = serialization.load_pem_private_key(app.pem.encode(), password=None)
    stored = sim.state.apps[app.id]
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert public.decode() == stored.public_key_pem  # JWTs signed with the pem are accepted
    with pytest.raises(RequestFailed) as again:
        convert(sim, code)
    assert again.value.response.status_code == 404  # one use

    sim.control.create_org("acme")
    sim.control.install("acme")
    sim.control.wait_for_webhooks()
    headers, body = receiver.received[-1]
    expected = "sha256=" + hmac.new(app.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Hub-Signature-256"] == expected
    assert headers["X-GitHub-Hook-Installation-Target-ID"] == str(app.id)


def test_an_organisation_owns_the_app_registered_on_its_page(sim: SimulatorServer) -> None:
    sim.control.create_org("acme")
    app = convert(
        sim, code_of(register(sim, manifest("http://127.0.0.1:9/h"), "/organizations/acme/settings/apps/new"))
    )
    assert app.owner.login == "acme"
    assert (
        register(sim, manifest("http://127.0.0.1:9/h"), "/organizations/nobody/settings/apps/new").status_code
        == 404
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"url": "not a url"},
        {"hook_attributes": {"active": True}},
        {"redirect_url": None},
        {"default_permissions": {"contents": "everything"}},
        {"callback_urls": [f"https://e.com/{i}" for i in range(11)]},
    ],
)
def test_github_refuses_an_invalid_manifest(sim: SimulatorServer, changes: dict[str, Any]) -> None:
    answer = register(sim, manifest("http://127.0.0.1:9/h", **changes))
    assert answer.status_code == 422 and sim.state.apps == {}


def test_an_unknown_code_is_not_found(sim: SimulatorServer) -> None:
    with pytest.raises(RequestFailed) as failed:
        convert(sim, "0" * 40)
    assert failed.value.response.status_code == 404
