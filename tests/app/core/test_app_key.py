"""The App's private key is parsed once per process; every JWT is signed with the parsed key."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import jwt
import pytest
import respx
from cryptography.hazmat.primitives import serialization

from app.github import app_key
from app.github.app_key import AppKey
from app.github.client import GitHubApp
from app.settings import Settings

from .conftest import API, token_response


@pytest.fixture
def pem_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every PEM parse done for the App key."""
    parses: list[int] = []
    real = serialization.load_pem_private_key

    def counting(data: bytes, password: bytes | None, **kwargs: Any) -> Any:
        parses.append(len(data))
        return real(data, password, **kwargs)

    monkeypatch.setattr(app_key.serialization, "load_pem_private_key", counting)
    return parses


def test_two_jwts_parse_the_pem_once(private_key_pem: str, pem_parses: list[int]) -> None:
    key = AppKey(4242, private_key_pem)
    first, second = key.jwt(), key.jwt(datetime(2030, 1, 1, tzinfo=UTC))
    assert len(pem_parses) == 1
    public = serialization.load_pem_private_key(private_key_pem.encode(), None).public_key()
    claims = jwt.decode(first, public, algorithms=["RS256"])  # type: ignore[arg-type]
    assert claims["iss"] == "4242" and 0 < claims["exp"] - claims["iat"] <= 600
    unchecked = {"verify_exp": False, "verify_iat": False}
    later = jwt.decode(second, public, algorithms=["RS256"], options=unchecked)  # type: ignore[arg-type]
    assert later["iat"] == int(datetime(2030, 1, 1, tzinfo=UTC).timestamp()) - 60


def test_a_non_rsa_key_is_refused() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        .decode()
    )
    with pytest.raises(Exception, match="PRIVATE_KEY"):
        AppKey(1, pem).jwt()


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        router.post("/app/installations/1/access_tokens").respond(201, json=token_response(1))
        router.post("/app/installations/2/access_tokens").respond(201, json=token_response(2))
        router.get("/app").respond(200, json={"slug": "repo-hygiene"})
        router.get("/repos/acme/a").respond(200, json={"id": 1})
        yield router


@pytest.mark.anyio
async def test_app_and_installation_clients_share_one_parsed_key(
    settings: Settings, api: respx.MockRouter, pem_parses: list[int]
) -> None:
    github = GitHubApp(settings)
    assert pem_parses == []  # nothing is parsed before the first JWT
    async with github.app_client() as gh:
        await gh.arequest("GET", "/app")
        await gh.arequest("GET", "/app")
    for installation_id in (1, 2):
        async with github.installation(installation_id) as gh:
            await gh.arequest("GET", "/repos/acme/a")
    jwts = [call.request.headers["authorization"] for call in api.calls if "/app" in call.request.url.path]
    assert len(jwts) == 4 and all(value.startswith("Bearer ey") for value in jwts)  # 2 reads, 2 mints
    assert len(pem_parses) == 1
