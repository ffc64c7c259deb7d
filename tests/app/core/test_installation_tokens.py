"""Installation tokens: one mint shared by every worker, refreshed 5 minutes before expiry under a
claim, stored encrypted, and dropped and minted afresh when GitHub refuses them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import anyio
import httpx
import pytest
import respx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.github.app_key import AppKey
from app.github.client import GitHubApp
from app.github.tokens import InstallationTokens, MintedToken, TokenCipher
from app.settings import Settings
from app.store.base import make_engine, make_sessionmaker
from app.store.tokens import DatabaseTokenRows, InstallationTokenRow
from app.tables import Base

from .conftest import API

pytestmark = pytest.mark.anyio
T0 = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


class Minter:
    """A token endpoint that takes a while to answer, so concurrent callers really overlap."""

    def __init__(self, lifetime: timedelta = timedelta(hours=1), delay: float = 0.2) -> None:
        self.minted: list[str] = []
        self.lifetime, self.delay = lifetime, delay
        self.now = T0

    async def __call__(self, installation_id: int) -> MintedToken:
        await anyio.sleep(self.delay)
        value = f"ghs_{installation_id}_{len(self.minted) + 1:04d}"
        self.minted.append(value)
        return MintedToken(value, self.now + self.lifetime)


@pytest.fixture
def app_key(private_key_pem: str) -> AppKey:
    return AppKey(4242, private_key_pem)


ENGINES: list[Engine] = []


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL with the schema created; each worker opens its own engine on it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'tokens.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    engine.dispose()
    yield url
    while ENGINES:
        ENGINES.pop().dispose()


def worker_sessions(url: str) -> sessionmaker[Session]:
    """Sessions of one worker process: an engine (and pool) of its own."""
    engine = make_engine(url)
    ENGINES.append(engine)
    return make_sessionmaker(engine)


def tokens_of(url: str, app_key: AppKey, mint: Minter, owner: str, **options: object) -> InstallationTokens:
    return InstallationTokens(
        DatabaseTokenRows(worker_sessions(url)),
        TokenCipher.for_app(app_key),
        mint,
        owner=owner,
        clock=lambda: mint.now,
        **options,  # type: ignore[arg-type]
    )


async def test_concurrent_workers_mint_one_token(database: str, app_key: AppKey) -> None:
    mint = Minter()
    workers = [tokens_of(database, app_key, mint, f"worker-{n}") for n in range(3)]
    got: list[str] = []

    async def job(tokens: InstallationTokens) -> None:
        got.append((await tokens.get(7)).value)

    async with anyio.create_task_group() as tg:
        for tokens in workers * 3:  # three workers, three jobs each, all at once
            tg.start_soon(job, tokens)
    assert mint.minted == ["ghs_7_0001"]
    assert got == ["ghs_7_0001"] * 9
    assert (await workers[0].get(8)).value == "ghs_8_0002"  # another installation has its own token


async def test_token_is_refreshed_five_minutes_before_it_expires(database: str, app_key: AppKey) -> None:
    mint = Minter(delay=0)
    tokens = tokens_of(database, app_key, mint, "w")
    assert (await tokens.get(7)).value == "ghs_7_0001"
    mint.now = T0 + timedelta(minutes=54, seconds=59)  # 5 min 1 s left: still served from the cache
    assert (await tokens_of(database, app_key, mint, "other").get(7)).value == "ghs_7_0001"
    mint.now = T0 + timedelta(minutes=55)  # 5 min left: refreshed
    assert (await tokens.get(7)).value == "ghs_7_0002"
    assert (await tokens_of(database, app_key, mint, "other").get(7)).value == "ghs_7_0002"
    assert len(mint.minted) == 2


async def test_token_is_stored_encrypted(database: str, app_key: AppKey, private_key_pem: str) -> None:
    mint = Minter(delay=0)
    token = await tokens_of(database, app_key, mint, "w").get(7)
    with worker_sessions(database)() as session:
        stored = session.scalar(select(InstallationTokenRow.ciphertext))
    assert stored is not None
    assert token.value.encode() not in stored and b"ghs_" not in stored
    cipher = TokenCipher.for_app(AppKey(4242, private_key_pem))
    assert cipher.decrypt(7, stored) == token.value
    assert cipher.decrypt(8, stored) is None  # bound to its installation
    tampered = stored[:-1] + bytes([stored[-1] ^ 1])
    assert cipher.decrypt(7, tampered) is None


async def test_a_rotated_private_key_mints_afresh(database: str, app_key: AppKey) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    mint = Minter(delay=0)
    await tokens_of(database, app_key, mint, "w").get(7)
    new_pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        .decode()
    )
    rotated = tokens_of(database, AppKey(4242, new_pem), mint, "w")
    assert (await rotated.get(7)).value == "ghs_7_0002"
    assert (await rotated.get(7)).value == "ghs_7_0002"


async def test_a_failed_mint_releases_the_claim(database: str, app_key: AppKey) -> None:
    mint = Minter(delay=0)

    class Broken(Minter):
        async def __call__(self, installation_id: int) -> MintedToken:
            raise RuntimeError("GitHub is down")

    with pytest.raises(RuntimeError):
        await tokens_of(database, app_key, Broken(), "w").get(7)
    # the next caller need not wait for the claim to lapse
    with anyio.fail_after(2):
        assert (await tokens_of(database, app_key, mint, "x", wait_limit=1.0).get(7)).value == "ghs_7_0001"


async def test_a_dead_claimer_holds_the_others_only_for_its_claim(database: str, app_key: AppKey) -> None:
    mint = Minter(delay=0)
    rows = DatabaseTokenRows(worker_sessions(database))
    now = datetime.now(UTC)
    assert rows.claim_refresh(7, "dead", now=now, renew_before=now, until=now + timedelta(seconds=1))
    tokens = InstallationTokens(rows, TokenCipher.for_app(app_key), mint, owner="live")
    with anyio.fail_after(5):
        assert (await tokens.get(7)).value == "ghs_7_0001"
    assert datetime.now(UTC) >= now + timedelta(seconds=1)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        yield router


async def test_a_revoked_token_is_dropped_and_reminted(
    settings: Settings, database: str, api: respx.MockRouter
) -> None:
    minted = iter(["ghs_revoked", "ghs_fresh"])
    mint = api.post("/app/installations/1/access_tokens").mock(
        side_effect=lambda request: httpx.Response(
            201, json={"token": next(minted), "expires_at": "2099-01-01T00:00:00Z"}
        )
    )

    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers["authorization"] == "token ghs_revoked":
            return httpx.Response(401, json={"message": "Bad credentials"})
        return httpx.Response(200, json={"ok": 1})

    repo = api.get("/repos/acme/a").mock(side_effect=answer)
    worker_a = GitHubApp(settings, sessions=worker_sessions(database))
    worker_b = GitHubApp(settings, sessions=worker_sessions(database))
    async with worker_a.installation(1) as gh:
        assert (await gh.arequest("GET", "/repos/acme/a")).json() == {"ok": 1}
    async with worker_b.installation(1) as gh:  # the other worker gets the fresh token from the cache
        assert (await gh.arequest("GET", "/repos/acme/a")).json() == {"ok": 1}
    assert mint.call_count == 2 and repo.call_count == 3
    assert [c.request.headers["authorization"] for c in repo.calls] == [
        "token ghs_revoked",
        "token ghs_fresh",
        "token ghs_fresh",
    ]
    with worker_sessions(database)() as session:
        stored = session.scalar(select(InstallationTokenRow.ciphertext))
    assert stored is not None and worker_a.tokens.cipher.decrypt(1, stored) == "ghs_fresh"


async def test_a_stale_401_keeps_a_token_another_worker_already_replaced(
    database: str, app_key: AppKey
) -> None:
    mint = Minter(delay=0)
    first = tokens_of(database, app_key, mint, "a")
    old = await first.get(7)
    await first.drop(old, 7)
    fresh = await first.get(7)
    await tokens_of(database, app_key, mint, "b").drop(old, 7)  # a late 401 on the old token
    assert (await first.get(7)).value == fresh.value == "ghs_7_0002"
