"""The REST plumbing: route table with templates, request context, GitHub-style errors, pagination."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from simulator.state import Installation, Repo, SimApp, SimState, Token

DOCS = "https://docs.github.com/rest"
PERMISSION_LEVELS = {"read": 1, "write": 2, "admin": 3}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        errors: list[Any] | None = None,
        headers: dict[str, str] | None = None,
        docs: str = DOCS,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.errors, self.headers, self.docs = (
            status,
            message,
            errors,
            headers,
            docs,
        )

    def response(self) -> JSONResponse:
        body: dict[str, Any] = {"message": self.message, "documentation_url": self.docs}
        if self.errors is not None:
            body["errors"] = self.errors
        body["status"] = str(self.status)
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def validation_failed(
    message: str, resource: str = "", field_name: str = "", code: str = "invalid"
) -> ApiError:
    error = {"resource": resource, "field": field_name, "code": code, "message": message}
    return ApiError(422, "Validation Failed", errors=[error])


@dataclass
class Identity:
    kind: str  # "app" | "installation" | "user" | "anonymous"
    app: SimApp | None = None
    installation: Installation | None = None
    token: Token | None = None
    user: str | None = None

    @property
    def bucket(self) -> str:
        if self.installation:
            return f"installation:{self.installation.id}"
        if self.user:
            return f"user:{self.user}"
        if self.app:
            return f"app:{self.app.id}"
        return "anonymous"


@dataclass
class Ctx:
    request: Request
    state: SimState
    params: dict[str, str]
    identity: Identity
    body: bytes
    template: str
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def query(self) -> QueryParams:
        return self.request.query_params

    def json(self) -> dict[str, Any]:
        if not self.body:
            return {}
        try:
            data = json.loads(self.body)
        except ValueError as exc:
            raise ApiError(400, "Problems parsing JSON") from exc
        if not isinstance(data, dict):
            raise ApiError(400, "Body should be a JSON object")
        return data

    def repo(self, permission: str | None = None, level: str = "read") -> Repo:
        """The repository named by the path, if this caller may see it (404 otherwise, like GitHub)."""
        repo = self.state.repo_by_name(self.params["owner"], self.params["repo"])
        if repo is None:
            raise not_found()
        ident = self.identity
        if ident.kind == "installation":
            assert ident.installation is not None and ident.token is not None
            if not self.state.installation_covers(ident.installation, repo):
                raise not_found()
            if ident.token.repo_ids is not None and repo.id not in ident.token.repo_ids:
                raise not_found()
            if permission:
                have = PERMISSION_LEVELS.get(ident.token.permissions.get(permission, ""), 0)
                if have < PERMISSION_LEVELS[level]:
                    raise ApiError(
                        403,
                        "Resource not accessible by integration",
                        headers={"X-Accepted-GitHub-Permissions": f"{permission}={level}"},
                    )
        elif ident.kind == "user":
            owner = self.state.account(repo.owner)
            member = owner is not None and ident.user is not None and ident.user.lower() in owner.members
            if repo.private and not member and (ident.user or "").lower() != repo.owner.lower():
                raise not_found()
        elif ident.kind == "anonymous":
            if repo.private:
                raise not_found()
            if level != "read":
                raise ApiError(401, "Requires authentication")
        else:
            raise ApiError(403, "Resource not accessible by integration")
        if level != "read" and repo.archived:
            raise ApiError(403, "Repository was archived so is read-only.")
        return repo

    def paginate(self, items: Sequence[Any]) -> list[Any]:
        """Slice a list by per_page/page and set an absolute Link header like GitHub's."""
        per_page = _int(self.query.get("per_page"), 30, 1, 100)
        page = _int(self.query.get("page"), 1, 1, 10**6)
        last = max(1, -(-len(items) // per_page))
        links = []

        def url(n: int) -> str:
            params = dict(self.query)
            params.update({"per_page": str(per_page), "page": str(n)})
            return f"<{self.state.base_url}{self.request.url.path}?{urlencode(params)}>"

        if page < last:
            links += [f'{url(page + 1)}; rel="next"', f'{url(last)}; rel="last"']
        if page > 1:
            links += [f'{url(1)}; rel="first"', f'{url(page - 1)}; rel="prev"']
        if links:
            self.extra_headers["Link"] = ", ".join(links)
        return list(items[(page - 1) * per_page : page * per_page])


def _int(raw: str | None, default: int, low: int, high: int) -> int:
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        return default
    return min(max(value, low), high)


Handler = Callable[[Ctx], Awaitable[Response]]


@dataclass
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler
    auth: str  # "app" | "token" | "user" | "any"


class ApiRouter:
    def __init__(self) -> None:
        self.routes: list[Route] = []

    def route(self, method: str, template: str, *, auth: str = "token") -> Callable[[Handler], Handler]:
        regex = re.sub(r"\{(\w+):path\}", r"(?P<\1>.+)", template)
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", regex)
        pattern = re.compile(f"^{regex}/?$")

        def register(handler: Handler) -> Handler:
            self.routes.append(Route(method, template, pattern, handler, auth))
            return handler

        return register

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            found = route.pattern.match(path)
            if found and route.method == method:
                return route, found.groupdict()
        return None


API = ApiRouter()


def json_response(body: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status)


def no_content() -> Response:
    return Response(status_code=204)


def require(data: dict[str, Any], *names: str) -> None:
    for name in names:
        if name not in data or data[name] is None:
            raise ApiError(422, f'Invalid request.\n\n"{name}" wasn\'t supplied.')
