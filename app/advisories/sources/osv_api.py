"""The OSV API for on-demand lookups: `/v1/querybatch` (ids only, at most 1,000 queries a request,
paginated per query) and then `/v1/vulns/{id}` for each id not already known."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any

import httpx

OSV_API_URL = "https://api.osv.dev"
MAX_QUERIES = 1000
MAX_PAGES_PER_QUERY = 100


class OsvApiError(RuntimeError):
    pass


class OsvApi:
    def __init__(
        self,
        base_url: str = OSV_API_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30,
    ) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, transport=transport, timeout=timeout)

    async def __aenter__(self) -> OsvApi:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._client.aclose()

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        response = await self._client.post(path, json=body)
        if response.status_code != 200:
            raise OsvApiError(f"POST {path} answered {response.status_code}: {response.text[:200]}")
        return response.json()

    async def query_batch(self, packages: Sequence[tuple[str, str, str]]) -> list[set[str]]:
        """Advisory ids affecting each (ecosystem, name, version), in input order."""
        results: list[set[str]] = []
        for start in range(0, len(packages), MAX_QUERIES):
            chunk = packages[start : start + MAX_QUERIES]
            queries = [{"package": {"ecosystem": e, "name": n}, "version": v} for e, n, v in chunk]
            found: list[set[str]] = [set() for _ in chunk]
            pending = list(range(len(chunk)))
            for _ in range(MAX_PAGES_PER_QUERY):
                if not pending:
                    break
                body = await self._post("/v1/querybatch", {"queries": [queries[i] for i in pending]})
                answers = body.get("results") or []
                if len(answers) != len(pending):
                    raise OsvApiError(
                        f"querybatch answered {len(answers)} results for {len(pending)} queries"
                    )
                next_pending = []
                for index, answer in zip(pending, answers, strict=True):
                    found[index].update(v["id"] for v in answer.get("vulns") or [] if isinstance(v, dict))
                    if token := answer.get("next_page_token"):
                        queries[index] = {**queries[index], "page_token": token}
                        next_pending.append(index)
                pending = next_pending
            else:
                raise OsvApiError(f"querybatch still paginating after {MAX_PAGES_PER_QUERY} pages")
            results.extend(found)
        return results

    async def get_vuln(self, osv_id: str) -> dict[str, Any]:
        response = await self._client.get(f"/v1/vulns/{osv_id}")
        if response.status_code != 200:
            raise OsvApiError(f"GET /v1/vulns/{osv_id} answered {response.status_code}")
        record = response.json()
        if not isinstance(record, dict) or record.get("id") != osv_id:
            raise OsvApiError(f"GET /v1/vulns/{osv_id} returned something else")
        return record

    async def lookup(
        self, packages: Sequence[tuple[str, str, str]], *, known: Iterable[str] = ()
    ) -> list[dict[str, Any]]:
        """Full records of every advisory affecting the packages, skipping ids in `known`."""
        skip = set(known)
        wanted = sorted(set().union(*await self.query_batch(packages)) - skip) if packages else []
        return [await self.get_vuln(osv_id) for osv_id in wanted]
