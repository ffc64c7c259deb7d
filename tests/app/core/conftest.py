"""Fixtures for the core tests: settings with a fresh key, a SQLite database, services, a client."""

from __future__ import annotations

import base64
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
from simulator.shapes import _REPO_URL_SUFFIXES as REPO_URL_SUFFIXES
from simulator.shapes import user
from simulator.state import SimState

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
        write_interval_ms=0,  # no pacing of writes against the simulator
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
    """A repository as `GET /repositories/{id}` answers it (every field the REST schema requires)."""
    api = f"{API}/repos/acme/{name}"
    html = f"https://github.com/acme/{name}"
    owner = {**user(SimState(), "acme"), "id": 77, "type": "Organization"}
    return {
        "id": repo_id,
        "node_id": f"R_{repo_id}",
        "name": name,
        "full_name": f"acme/{name}",
        "owner": owner,
        "description": None,
        "url": api,
        **{key: api + suffix for key, suffix in REPO_URL_SUFFIXES.items()},
        "git_url": f"git://github.com/acme/{name}.git",
        "ssh_url": f"git@github.com:acme/{name}.git",
        "clone_url": f"{html}.git",
        "svn_url": html,
        "mirror_url": None,
        "homepage": None,
        "language": None,
        "forks_count": 0,
        "stargazers_count": 0,
        "watchers_count": 0,
        "open_issues_count": 0,
        "forks": 0,
        "open_issues": 0,
        "watchers": 0,
        "is_template": False,
        "topics": [],
        "has_issues": True,
        "has_projects": True,
        "has_wiki": True,
        "has_pages": False,
        "has_downloads": True,
        "has_discussions": False,
        "disabled": False,
        "pushed_at": "2026-01-01T00:00:00Z",
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "subscribers_count": 0,
        "network_count": 0,
        "license": None,
        "default_branch": "main",
        "archived": False,
        "fork": False,
        "private": False,
        "visibility": "public",
        "html_url": html,
        "size": 10,
        **extra,
    }


def ref_json(sha: str, branch: str = "main") -> dict[str, Any]:
    """`GET /repos/{o}/{r}/git/ref/heads/{branch}` as GitHub answers it."""
    url = f"{API}/repos/acme/w/git/refs/heads/{branch}"
    return {
        "ref": f"refs/heads/{branch}",
        "node_id": f"REF_{sha}",
        "url": url,
        "object": {"sha": sha, "type": "commit", "url": f"{API}/repos/acme/w/git/commits/{sha}"},
    }


def tree_json(entries: list[dict[str, Any]], *, sha: str = "t0", truncated: bool = False) -> dict[str, Any]:
    """A git tree answer; entries without a `mode` get a regular file's."""
    items = [{"mode": "040000" if e.get("type") == "tree" else "100644", **e} for e in entries]
    return {"sha": sha, "url": f"{API}/repos/acme/w/git/trees/{sha}", "tree": items, "truncated": truncated}


def blob_json(content: str | bytes, sha: str = "b0") -> dict[str, Any]:
    raw = content.encode() if isinstance(content, str) else content
    return {
        "sha": sha,
        "node_id": f"B_{sha}",
        "url": f"{API}/repos/acme/w/git/blobs/{sha}",
        "size": len(raw),
        "encoding": "base64",
        "content": base64.b64encode(raw).decode(),
    }
