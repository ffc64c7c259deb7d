"""Conditional requests: the REST reads a scan repeats ask GitHub "changed since?" and, when it answers
`304 Not Modified` (free: GitHub does not count it against the rate limit), reuse the stored body.

`ConditionalTransport` wraps an installation client's transport. For a `GET` sent with an installation
token to one of `CONDITIONAL_ROUTES`, it sends the stored validators (`app.store.conditional`) and
turns a 304 into the stored 200 answer (marked `NOT_MODIFIED` in the response's extensions, with the
304's own `X-RateLimit-*` headers, which say nothing was spent), and stores every new 200 answer
that carries a validator and is at most `MAX_BODY_BYTES` long (`app.store.conditional`).

GitHub's ETags are specific to the token they were issued to, and an installation's token changes
every hour: `If-None-Match` is sent when the stored ETag came from the current token (or when there
is nothing better to send); for an older token's answer `If-Modified-Since` is sent alone when GitHub
gave a `Last-Modified` (repository, ref and contents reads have one), which any token may use.

Git blob answers are kept only up to `MAX_BLOB_ANSWER_BYTES` (small text files: README, policies,
workflows). A larger blob is a dependency file whose parse the parse cache (`app.store.parse_cache`)
keeps by blob sha, so a rescan does not read it at all; storing its megabytes again would buy nothing.
"""

from __future__ import annotations

import hashlib
import zlib

import anyio
import httpx

from app.github.budget import NOT_MODIFIED_EXTENSION, api_route, uses_installation_token
from app.store.base import utcnow
from app.store.conditional import MAX_BODY_BYTES, TOUCH_AFTER, ConditionalRows, StoredAnswer

BLOB_ROUTE = "/repos/{owner}/{repo}/git/blobs/{param}"
MAX_BLOB_ANSWER_BYTES = 128 * 1024  # base64 JSON of a blob of about 96 KB
NOT_MODIFIED = NOT_MODIFIED_EXTENSION  # response extension: the body is the stored one
CONDITIONAL_ROUTES = frozenset(
    {
        "/repos/{owner}/{repo}",
        "/repositories/{id}",
        "/repos/{owner}/{repo}/git/trees/{param}",
        "/repos/{owner}/{repo}/git/ref/{path}",
        "/repos/{owner}/{repo}/git/commits/{param}",
        "/repos/{owner}/{repo}/commits/{param}",
        "/repos/{owner}/{repo}/contents/{path}",
        "/repos/{owner}/{repo}/pulls",
        BLOB_ROUTE,
    }
)
_DROPPED_HEADERS = ("content-length", "content-encoding", "transfer-encoding", "content-type")


def url_key(url: httpx.URL) -> str:
    return hashlib.sha256(str(url).encode()).hexdigest()


def credential_of(authorization: str) -> str:
    """A short one-way fingerprint of the token: tells whether a stored ETag was issued to the token
    in use, without keeping the token."""
    return hashlib.sha256(authorization.encode()).hexdigest()[:16]


def not_modified(response: httpx.Response) -> bool:
    return bool(response.extensions.get(NOT_MODIFIED))


class ConditionalTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        rows: ConditionalRows,
        installation_id: int,
        *,
        base_path: str = "",
    ) -> None:
        self.inner = inner
        self.rows = rows
        self.installation_id = installation_id
        self.base_path = base_path.rstrip("/")

    def _route(self, request: httpx.Request) -> str:
        return api_route(request.url, self.base_path)

    def _eligible(self, request: httpx.Request) -> bool:
        if request.method != "GET":
            return False
        if not uses_installation_token(request):
            return False  # App (JWT) routes: not this installation's budget
        if "if-none-match" in request.headers or "if-modified-since" in request.headers:
            return False  # the caller validates on its own
        return self._route(request) in CONDITIONAL_ROUTES

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not self._eligible(request):
            return await self.inner.handle_async_request(request)
        key = url_key(request.url)
        credential = credential_of(str(request.headers["authorization"]))
        stored = await anyio.to_thread.run_sync(self.rows.get, self.installation_id, key)
        if stored is not None:
            _validate(request, stored, credential)
        response = await self.inner.handle_async_request(request)
        if response.status_code == 304 and stored is not None:
            await response.aclose()
            return await self._reuse(response, stored, key)
        if response.status_code != 200:
            return response
        limit = MAX_BLOB_ANSWER_BYTES if self._route(request) == BLOB_ROUTE else MAX_BODY_BYTES
        return await self._keep(response, key, credential, limit)

    async def _reuse(self, response: httpx.Response, stored: StoredAnswer, key: str) -> httpx.Response:
        now = utcnow()
        if now - stored.used_at > TOUCH_AFTER:
            await anyio.to_thread.run_sync(self.rows.touch, self.installation_id, key, now)
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _DROPPED_HEADERS]
        headers.append(("content-type", stored.content_type))
        return httpx.Response(
            200,
            headers=headers,
            content=zlib.decompress(stored.body),
            extensions={**response.extensions, NOT_MODIFIED: True},
        )

    async def _keep(self, response: httpx.Response, key: str, credential: str, limit: int) -> httpx.Response:
        etag, last_modified = response.headers.get("etag"), response.headers.get("last-modified")
        if etag is None and last_modified is None:
            return response
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return response  # not kept: leave the body streaming to the caller
        try:
            body = await response.aread()  # decoded (gzip) as the caller would see it
        finally:
            await response.aclose()
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _DROPPED_HEADERS[:3]]
        answer = httpx.Response(200, headers=headers, content=body, extensions=response.extensions)
        if len(body) <= limit:
            stored = StoredAnswer(
                etag=etag,
                last_modified=last_modified,
                credential=credential,
                content_type=response.headers.get("content-type", "application/json"),
                body=zlib.compress(body, 6),
                used_at=utcnow(),
            )
            await anyio.to_thread.run_sync(self.rows.put, self.installation_id, key, stored)
        return answer

    async def aclose(self) -> None:
        await self.inner.aclose()


def _validate(request: httpx.Request, stored: StoredAnswer, credential: str) -> None:
    """Add the validators GitHub can match for this token (see the module's docstring)."""
    same_token = stored.credential == credential
    if stored.etag is not None and (same_token or stored.last_modified is None):
        request.headers["If-None-Match"] = stored.etag
    if stored.last_modified is not None:
        request.headers["If-Modified-Since"] = stored.last_modified
