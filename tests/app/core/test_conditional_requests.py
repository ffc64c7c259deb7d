"""Conditional requests: a rescan of unchanged repositories is answered by 304s, which spend no rate
budget; a changed repository is read again; the stored answers are bounded and specific to a token."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

import checks
from app.actions.plan import BRANCH
from app.bulk_snapshot import BulkSnapshots
from app.github.client import GitHubApp
from app.github.conditional import (
    MAX_BLOB_ANSWER_BYTES,
    ConditionalTransport,
    credential_of,
    not_modified,
    url_key,
)
from app.github.gateway import CallCounter
from app.jobs.context import Services
from app.settings import Settings
from app.snapshot import fetch_snapshot
from app.store.base import utcnow
from app.store.conditional import (
    MAX_BODY_BYTES,
    DatabaseConditionalRows,
    MemoryConditionalRows,
    StoredAnswer,
)
from checks.config import CONFIG_NEEDS
from checks.model import Snapshot
from simulator.testing import SimulatorServer, generate_app_keypair

pytestmark = pytest.mark.anyio

NEEDS = (*checks.all_needs(), *CONFIG_NEEDS)
GRAPHQL = "POST /graphql"
MINT = "POST /app/installations/{installation_id}/access_tokens"
RATE = "GET /rate_limit"
REPOS = [("acme", f"r{n}") for n in range(4)]


class Sim:
    def __init__(self, server: SimulatorServer, private_pem: str, installation_id: int) -> None:
        self.server, self.control, self.installation_id = server, server.control, installation_id
        self.settings = Settings(
            app_id=7, private_key=private_pem, webhook_secret="s", github_api_url=server.base_url
        )

    def rest(self) -> tuple[int, int]:
        """REST requests since the last reset (token mints and /rate_limit left out), and 304s."""
        calls = self.control.calls()
        skipped = sum(calls["by_endpoint"].get(e, 0) for e in (GRAPHQL, MINT, RATE))
        return calls["total"] - skipped, sum(calls["not_modified"].values())


@pytest.fixture
def sim() -> Iterator[Sim]:
    private_pem, public_pem = generate_app_keypair()
    with SimulatorServer() as server:
        control = server.control
        control.register_app(
            id=7, slug="hygiene", public_key_pem=public_pem, webhook_secret="s", webhook_url=None
        )
        control.create_org("acme")
        deep = {"docs/a/b/c/d/notes.md": "deep\n"}  # too deep for a GraphQL tree listing: REST
        control.create_repo("acme", ".github", files={"SECURITY.md": "Org policy: sec@acme.dev\n", **deep})
        for _, name in REPOS:
            files = {
                "README.md": f"# {name}\n",
                "package.json": '{"name": "x", "version": "1.0.0"}\n',
                **deep,
            }
            control.create_repo("acme", name, files=files)
        yield Sim(server, private_pem, control.install("acme"))


async def bulk_scan(app: GitHubApp, sim: Sim) -> dict[str, Snapshot]:
    out: dict[str, Snapshot] = {}
    async with app.installation(sim.installation_id) as gh:
        bulk = BulkSnapshots(gh, NEEDS, counter=CallCounter(), pull_request_branch=BRANCH)
        async for read in bulk.read(REPOS):
            assert read.snapshot is not None
            out[read.name] = read.snapshot
    return out


async def core_remaining(app: GitHubApp, sim: Sim) -> int:
    async with app.installation(sim.installation_id) as gh:
        response = await gh.arequest("GET", "/rate_limit")
        return int(response.json()["resources"]["core"]["remaining"])


async def test_a_bulk_rescan_of_unchanged_repositories_is_all_304s_and_spends_nothing(
    sim: Sim, services: Services
) -> None:
    app = GitHubApp(sim.settings, sessions=services.sessions)  # answers kept in the database
    await bulk_scan(app, sim)
    first, _ = sim.rest()
    assert first == len(REPOS) + 1  # one tree each, and the org's .github
    remaining = await core_remaining(app, sim)

    sim.control.reset_calls()
    rescan = await bulk_scan(GitHubApp(sim.settings, sessions=services.sessions), sim)  # another process
    assert sim.rest() == (first, first)  # the same requests, every one answered 304
    assert await core_remaining(app, sim) == remaining
    assert rescan["r1"].files["package.json"] == b'{"name": "x", "version": "1.0.0"}\n'


async def test_a_changed_repository_is_read_again(sim: Sim) -> None:
    app = GitHubApp(sim.settings)
    await bulk_scan(app, sim)
    sim.control.push("acme", "r1", {"package.json": '{"name": "x", "version": "2.0.0"}\n'})
    sim.control.reset_calls()
    rescan = await bulk_scan(app, sim)
    requests, unchanged = sim.rest()
    assert (requests, unchanged) == (len(REPOS) + 1, len(REPOS))  # r1's new tree is read in full
    assert rescan["r1"].files["package.json"] == b'{"name": "x", "version": "2.0.0"}\n'
    assert rescan["r0"].files["package.json"] == b'{"name": "x", "version": "1.0.0"}\n'


async def test_a_single_repository_rescan_revalidates_every_read(sim: Sim) -> None:
    app = GitHubApp(sim.settings)

    async def scan() -> Snapshot:
        async with app.installation(sim.installation_id) as gh:
            return await fetch_snapshot(gh, "acme", "r2", needs=NEEDS)

    before = await scan()
    sim.control.reset_calls()
    after = await scan()
    requests, unchanged = sim.rest()
    assert requests == unchanged == 9  # repository, ref, tree of r2 and of .github; small blobs
    assert after == before


def answer(**overrides: Any) -> StoredAnswer:
    values: dict[str, Any] = {
        "etag": 'W/"abc"',
        "last_modified": None,
        "credential": credential_of("token old"),
        "content_type": "application/json",
        "body": zlib.compress(b'{"kept": true}'),
        "used_at": utcnow(),
    }
    return StoredAnswer(**(values | overrides))


async def send(
    rows: MemoryConditionalRows, url: str, answer_with: httpx.Response
) -> tuple[httpx.Request, httpx.Response]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer_with

    transport = ConditionalTransport(httpx.MockTransport(handler), rows, 1)
    async with httpx.AsyncClient(transport=transport) as client:
        response = await client.get(url, headers={"Authorization": "token new"})
    return seen[0], response


TREE = "https://api.github.com/repos/acme/r/git/trees/abc?recursive=1"


async def test_an_older_tokens_answer_is_revalidated_by_its_date_alone() -> None:
    rows = MemoryConditionalRows()
    rows.put(1, url_key(httpx.URL(TREE)), answer(last_modified="Tue, 10 Oct 2017 16:00:00 GMT"))
    request, response = await send(rows, TREE, httpx.Response(304, headers={"x-ratelimit-remaining": "9"}))
    assert "if-none-match" not in request.headers
    assert request.headers["if-modified-since"] == "Tue, 10 Oct 2017 16:00:00 GMT"
    assert response.status_code == 200 and response.json() == {"kept": True} and not_modified(response)
    assert response.headers["x-ratelimit-remaining"] == "9"


async def test_the_same_tokens_answer_is_revalidated_by_its_etag() -> None:
    rows = MemoryConditionalRows()
    rows.put(1, url_key(httpx.URL(TREE)), answer(credential=credential_of("token new")))
    request, response = await send(rows, TREE, httpx.Response(304))
    assert request.headers["if-none-match"] == 'W/"abc"' and not_modified(response)


async def test_large_answers_and_large_blobs_are_not_kept() -> None:
    rows = MemoryConditionalRows()
    big = httpx.Response(200, headers={"etag": 'W/"big"'}, content=b"x" * (MAX_BODY_BYTES + 1))
    _, response = await send(rows, TREE, big)
    assert len(response.content) == MAX_BODY_BYTES + 1 and rows.get(1, url_key(httpx.URL(TREE))) is None
    blob = "https://api.github.com/repos/acme/r/git/blobs/abc"
    lockfile = {"content": "x" * MAX_BLOB_ANSWER_BYTES, "encoding": "base64"}
    await send(rows, blob, httpx.Response(200, headers={"etag": 'W/"b"'}, json=lockfile))
    assert rows.get(1, url_key(httpx.URL(blob))) is None  # its parse is kept by sha instead
    small = httpx.Response(200, headers={"etag": 'W/"s"'}, json={"tree": []})
    await send(rows, TREE, small)
    kept = rows.get(1, url_key(httpx.URL(TREE)))
    assert kept is not None and kept.etag == 'W/"s"' and kept.credential == credential_of("token new")


def test_stored_answers_are_replaced_and_pruned(services: Services) -> None:
    rows = DatabaseConditionalRows(services.sessions)
    rows.put(1, "k", answer())
    rows.put(1, "k", answer(etag='W/"new"'))
    rows.put(2, "k", answer(used_at=utcnow() - timedelta(days=9)))
    kept = rows.get(1, "k")
    assert kept is not None and kept.etag == 'W/"new"' and zlib.decompress(kept.body) == b'{"kept": true}'
    assert rows.prune(utcnow() - timedelta(days=8)) == 1
    assert rows.get(2, "k") is None and rows.get(1, "k") is not None


def test_memory_answers_stay_within_their_byte_bound() -> None:
    rows = MemoryConditionalRows(max_bytes=100)
    for n in range(10):
        rows.put(1, str(n), answer(body=b"x" * 30))
    assert [n for n in range(10) if rows.get(1, str(n)) is not None] == [7, 8, 9]
