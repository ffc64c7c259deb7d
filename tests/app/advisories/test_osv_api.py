from __future__ import annotations

import json

import httpx
import pytest
import respx

from app.advisories.sources.osv_api import OsvApi, OsvApiError
from tests.app.advisories.conftest import osv

API = "https://api.osv.dev"


@pytest.mark.anyio
@respx.mock
async def test_querybatch_paginates_per_query_then_fetches_unknown_records() -> None:
    def batch(request: httpx.Request) -> httpx.Response:
        queries = json.loads(request.content)["queries"]
        if len(queries) == 2:
            return httpx.Response(
                200,
                json={
                    "results": [
                        {"vulns": [{"id": "GHSA-1", "modified": "x"}], "next_page_token": "p2"},
                        {},
                    ]
                },
            )
        assert queries == [
            {"package": {"ecosystem": "npm", "name": "lodash"}, "version": "4.17.15", "page_token": "p2"}
        ]
        return httpx.Response(200, json={"results": [{"vulns": [{"id": "GHSA-2"}, {"id": "KNOWN-1"}]}]})

    route = respx.post(f"{API}/v1/querybatch").mock(side_effect=batch)
    respx.get(f"{API}/v1/vulns/GHSA-1").mock(
        return_value=httpx.Response(200, json=osv("GHSA-1", "npm", "lodash", [{"introduced": "0"}]))
    )
    respx.get(f"{API}/v1/vulns/GHSA-2").mock(
        return_value=httpx.Response(200, json=osv("GHSA-2", "npm", "lodash", [{"introduced": "0"}]))
    )
    async with OsvApi() as api:
        ids = await api.query_batch([("npm", "lodash", "4.17.15"), ("PyPI", "safe", "1.0")])
        assert ids == [{"GHSA-1", "GHSA-2", "KNOWN-1"}, set()]
        records = await api.lookup([("npm", "lodash", "4.17.15"), ("PyPI", "safe", "1.0")], known={"KNOWN-1"})
    assert [r["id"] for r in records] == ["GHSA-1", "GHSA-2"]
    assert route.call_count == 4


@pytest.mark.anyio
@respx.mock
async def test_errors_are_clear() -> None:
    respx.post(f"{API}/v1/querybatch").mock(return_value=httpx.Response(400, text="bad query"))
    respx.get(f"{API}/v1/vulns/NOPE").mock(return_value=httpx.Response(404))
    async with OsvApi() as api:
        with pytest.raises(OsvApiError, match="answered 400: bad query"):
            await api.query_batch([("npm", "x", "1")])
        with pytest.raises(OsvApiError, match="404"):
            await api.get_vuln("NOPE")


@pytest.mark.anyio
async def test_injected_transport_is_used() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"results": [{"vulns": []}]}))
    async with OsvApi("http://127.0.0.1:1", transport=transport) as api:
        assert await api.query_batch([("Go", "example.com/m", "v1.0.0")]) == [set()]
