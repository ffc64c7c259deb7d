"""The simulator's ASGI app: REST dispatcher (versions, auth, counting, limits, faults, ETags) + extras."""

from __future__ import annotations

import asyncio
import hashlib
import logging

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from simulator import (  # noqa: F401  (route modules register themselves on API)
    graphql,
    routes_apps,
    routes_checks,
    routes_forks,
    routes_git,
    routes_manifest,
    routes_pulls,
    routes_repos,
)
from simulator.api import API, ApiError, Ctx, Identity
from simulator.auth import authenticate
from simulator.faults import fault_response, take_fault
from simulator.ratelimit import consume, refund
from simulator.state import SimState

log = logging.getLogger("simulator")

API_VERSIONS = ("2022-11-28", "2026-03-10")
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def _check_auth_kind(required: str, ident: Identity) -> None:
    if required == "app" and ident.kind != "app":
        raise ApiError(401, "A JSON web token could not be decoded")
    if required == "user" and ident.kind == "anonymous":
        raise ApiError(401, "Requires authentication")
    if required == "user" and ident.kind != "user":
        raise ApiError(403, "Resource not accessible by integration")
    if required == "token" and ident.kind == "app":
        raise ApiError(403, "Resource not accessible by integration")


def unsupported(state: SimState, method: str, path: str) -> Response:
    log.error("SANDBOX: unsupported request %s %s (answered 404)", method, path)
    with state.lock:
        state.unsupported.append({"method": method, "path": path})
    body = {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}
    return JSONResponse(body, status_code=404)


async def dispatch(request: Request) -> Response:
    state: SimState = request.app.state.sim
    method, path = request.method, request.url.path
    version = request.headers.get("x-github-api-version")
    if version is not None and version not in API_VERSIONS:
        message = f"API version {version} is not supported."
        return ApiError(400, message, docs="https://docs.github.com/rest/about-the-rest-api").response()
    found = API.match(method, path)
    if found is None:
        return unsupported(state, method, path)
    route, params = found
    body = await request.body()
    resource = "graphql" if route.template == "/graphql" else "core"
    limit_headers: dict[str, str] = {}
    ident: Identity | None = None
    try:
        with state.lock:
            ident = authenticate(state, request.headers.get("authorization"))
            _check_auth_kind(route.auth, ident)
            inst_id = ident.installation.id if ident.installation else None
            state.calls[(inst_id, f"{method} {route.template}")] += 1
            if route.template != "/rate_limit":  # GitHub does not count (or refuse) this one
                limit_headers = consume(state, ident, resource)
            fault = take_fault(state, method, path, route.template)
        if fault is not None and fault.kind == "timeout":
            await asyncio.sleep(fault.delay)
        elif fault is not None:
            return fault_response(fault, state.now(), limit_headers)
        ctx = Ctx(request, state, params, ident, body, route.template)
        with state.lock:
            response = await route.handler(ctx)
        response.headers.update(ctx.extra_headers)
    except ApiError as error:
        response = error.response()
        if error.status == 403 and "rate limit" in error.message:
            return response
    response.headers.update(limit_headers)
    if method == "GET" and response.status_code == 200:
        response = _conditional(
            request, response, state, ident, resource, route.template, bool(limit_headers)
        )
    return response


def entity_tag(body: bytes, authorization: str) -> str:
    """GitHub's entity tags depend on the credential as well as the answer: the same answer to
    another token (an installation's next hourly one) has another tag, so its `If-None-Match`
    misses (GitHub support: "It's currently expected for ETags to be auth token specific")."""
    digest = hashlib.sha256(authorization.encode() + b"\0" + body).hexdigest()
    return f'W/"{digest[:40]}"'


def _conditional(
    request: Request,
    response: Response,
    state: SimState,
    ident: Identity | None,
    resource: str,
    template: str,
    consumed: bool,
) -> Response:
    etag = entity_tag(bytes(response.body), request.headers.get("authorization", ""))
    response.headers["etag"] = etag
    candidates = {t.strip() for t in request.headers.get("if-none-match", "").split(",")}
    if etag in candidates or etag.removeprefix("W/") in candidates:
        headers = {
            k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")
        }
        if ident is not None:
            with state.lock:
                if consumed:
                    headers.update(refund(state, ident, resource))
                inst_id = ident.installation.id if ident.installation else None
                state.not_modified[(inst_id, f"GET {template}")] += 1
        return Response(status_code=304, headers=headers)
    return response


def create_app(state: SimState | None = None) -> Starlette:
    from simulator import browse, control, routes_oauth

    sim = state or SimState()
    routes: list[BaseRoute] = [
        *control.routes(),
        *browse.routes(),
        *routes_oauth.routes(),
        *routes_manifest.routes(),
        Route("/{path:path}", dispatch, methods=METHODS),
    ]
    app = Starlette(routes=routes)
    app.state.sim = sim
    return app
