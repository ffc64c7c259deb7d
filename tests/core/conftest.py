"""Fixtures for the core tests: settings with a fresh key, a SQLite database, services, a client."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app.jobs.context import Services
from app.main import build_services, create_app
from app.settings import Settings
from app.tables import Base
from app.webhooks.verify import signature_for

SECRET = "test-webhook-secret"
API = "https://api.github.com"


@pytest.fixture(scope="session")
def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture
def settings(tmp_path: Path, private_key_pem: str) -> Settings:
    return Settings(
        app_id=4242,
        private_key=private_key_pem,
        webhook_secret=SECRET,
        github_api_url=API,
        database_url=f"sqlite:///{tmp_path / 'test.db'}",
        job_lease_seconds=30,
    )


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    services = build_services(settings)
    engine = services.sessions.kw["bind"]
    Base.metadata.create_all(engine)
    yield services
    engine.dispose()


@pytest.fixture
async def client(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as test_client:
        yield test_client


def signed_headers(event: str, body: bytes, delivery: str = "guid-1", secret: str = SECRET) -> dict[str, str]:
    return {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery,
        "X-Hub-Signature-256": signature_for(secret, body),
        "Content-Type": "application/json",
    }


async def post_event(
    client: httpx.AsyncClient, event: str, payload: dict[str, Any] | bytes, delivery: str = "guid-1"
) -> Any:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return await client.post(
        "/api/github/webhooks", content=body, headers=signed_headers(event, body, delivery)
    )


def token_response(installation_id: int = 1) -> dict[str, Any]:
    return {
        "token": f"ghs_testtoken{installation_id:06d}",
        "expires_at": "2099-01-01T00:00:00Z",
        "permissions": {"contents": "write", "metadata": "read"},
        "repository_selection": "all",
    }


def installation_payload(action: str, repos: list[tuple[int, str]], inst_id: int = 1) -> dict[str, Any]:
    return {
        "action": action,
        "installation": {
            "id": inst_id,
            "account": {"login": "acme", "id": 77, "type": "Organization"},
            "repository_selection": "selected",
        },
        "repositories": [
            {"id": rid, "name": name, "full_name": f"acme/{name}", "private": False} for rid, name in repos
        ],
        "sender": {"login": "admin", "id": 1},
    }


def repo_json(repo_id: int, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": repo_id,
        "name": name,
        "full_name": f"acme/{name}",
        "owner": {"login": "acme", "id": 77, "type": "Organization"},
        "default_branch": "main",
        "archived": False,
        "fork": False,
        "private": False,
        "visibility": "public",
        "html_url": f"https://github.com/acme/{name}",
        "size": 10,
        **extra,
    }
