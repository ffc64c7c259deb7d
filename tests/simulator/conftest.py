"""Fixtures for the simulator's own tests: a running simulator, an app key pair, a seeded world.
Every test collected under this folder carries the `simulator` marker (`pytest -m simulator`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.testing import SimControl, SimulatorServer, WebhookReceiver, generate_app_keypair

APP_ID = 4242
WEBHOOK_SECRET = "sandbox-webhook-secret"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.simulator)


@pytest.fixture(scope="session")
def app_keys() -> tuple[str, str]:
    return generate_app_keypair()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as rec:
        yield rec


@pytest.fixture
def sim() -> Iterator[SimulatorServer]:
    with SimulatorServer() as server:
        yield server


@dataclass
class World:
    sim: SimulatorServer
    control: SimControl
    private_key: str
    installation_id: int
    receiver: WebhookReceiver

    @property
    def base_url(self) -> str:
        return self.sim.base_url


@pytest.fixture
def world(sim: SimulatorServer, app_keys: tuple[str, str], receiver: WebhookReceiver) -> World:
    private, public = app_keys
    c = sim.control
    c.register_app(
        id=APP_ID,
        slug="repo-hygiene",
        public_key_pem=public,
        webhook_secret=WEBHOOK_SECRET,
        webhook_url=receiver.url,
        client_id="Iv1.testclient",
        client_secret="test-secret",
        callback_urls=["http://127.0.0.1/callback"],
    )
    c.create_org("acme", "Acme Corp")
    c.create_user("alice", orgs={"acme": "admin"})
    c.create_user("bob", orgs={"acme": "member"})
    c.create_repo("acme", "widgets", files={"README.md": "# widgets\n", "src/app.py": "print('hi')\n"})
    c.create_repo("acme", "empty", empty=True)
    c.create_repo("acme", "old", archived=True)
    inst = c.install("acme")
    c.wait_for_webhooks()
    return World(sim, c, private, inst, receiver)


def app_jwt(private_key: str, *, iat_offset: int = -60, lifetime: int = 600, iss: str = str(APP_ID)) -> str:
    import time

    import jwt

    now = int(time.time()) + iat_offset
    return jwt.encode({"iat": now, "exp": now + lifetime, "iss": iss}, private_key, algorithm="RS256")


def installation_token(world: World, **body: object) -> str:
    import httpx

    response = httpx.post(
        f"{world.base_url}/app/installations/{world.installation_id}/access_tokens",
        headers={
            "Authorization": "Bearer "
            + app_jwt(world.private_key, iat_offset=-60 + int(world.sim.state.clock_offset))
        },
        json=body or None,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["token"])


def api(world: World, token: str | None = None):  # type: ignore[no-untyped-def]
    import httpx

    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if token:
        headers["Authorization"] = f"token {token}"
    return httpx.Client(base_url=world.base_url, headers=headers, timeout=10)
