"""What every GitHub response tells us about an installation's rate budget, and the pacing of its writes.

Installation clients carry httpx event hooks (`BudgetHooks.for_installation`):
- on each response sent with an installation token, the `X-RateLimit-*` headers are recorded in the
  shared budget table (`app.store.budgets`) at most once a second per installation and process,
  and always when the window changes or the budget is spent; the per-installation gauge follows
  every response;
- before each mutating request (POST/PATCH/PUT/DELETE, and GraphQL mutations) the installation's next
  write slot is taken from the same table, so writes are about `WRITE_INTERVAL_MS` apart across all
  workers.
Every response, of any client, is counted by method, route template and status class (a 304 that
`app.github.conditional` answered from its stored body counts as `3xx`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
import httpx

from app.metrics import GITHUB_BUDGET_REMAINING, GITHUB_CALLS
from app.store.budgets import BudgetRows, RateReading

MUTATING = frozenset({"POST", "PATCH", "PUT", "DELETE"})
NOT_MODIFIED_EXTENSION = "repo_hygiene.not_modified"  # a 304 answered from the stored body
RECORD_INTERVAL = 1.0  # seconds between two recordings of one installation's budget by one process

# Route segments kept as written; any other segment is a parameter, so the label set stays bounded.
_STATIC = frozenset(
    [
        "app",
        "installations",
        "installation",
        "access_tokens",
        "repositories",
        "repos",
        "orgs",
        "users",
        "user",
        "contents",
        "git",
        "trees",
        "blobs",
        "commits",
        "refs",
        "ref",
        "heads",
        "tags",
        "check-runs",
        "check-suites",
        "pulls",
        "issues",
        "comments",
        "branches",
        "protection",
        "rulesets",
        "rules",
        "community",
        "profile",
        "graphql",
        "rate_limit",
        "hook",
        "deliveries",
        "attempts",
        "memberships",
        "members",
        "rerequest",
        "annotations",
        "merges",
        "languages",
        "topics",
        "readme",
        "releases",
        "latest",
        "collaborators",
        "permission",
        "vulnerability-alerts",
        "private-vulnerability-reporting",
        "security-advisories",
        "dependency-graph",
        "sbom",
        "compare",
        "files",
        "reviews",
        "requested_reviewers",
        "labels",
        "status",
        "statuses",
        "check-suites-preferences",
        "app-manifests",
        "conversions",
        "meta",
        "zen",
    ]
)
_NAMED_AFTER = {"repos": ("{owner}", "{repo}"), "orgs": ("{org}",), "users": ("{user}",)}


def route_template(path: str) -> str:
    """`/repos/octo/hello/contents/a/b.md` -> `/repos/{owner}/{repo}/contents/{path}`."""
    parts = [p for p in path.split("/") if p]
    out: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        if part in _STATIC:
            out.append(part)
            names = _NAMED_AFTER.get(part, ()) if index == 0 else ()
            out.extend(names[: len(parts) - index - 1])
            index += 1 + len(names)
            if part in ("contents", "ref", "refs") and index < len(parts):
                out.append("{path}")  # the rest is one file path or ref name
                break
            continue
        out.append("{id}" if part.isdigit() else "{param}")
        index += 1
    return "/" + "/".join(out)


def api_route(url: httpx.URL, base_path: str) -> str:
    """The route template of a URL under the API's base path (GitHub Enterprise Server's `/api/v3`)."""
    path = url.path
    if base_path and path.startswith(base_path):
        path = path[len(base_path) :]
    return route_template(path)


def rate_reading(headers: httpx.Headers) -> RateReading | None:
    try:
        limit = int(headers["x-ratelimit-limit"])
        remaining = int(headers["x-ratelimit-remaining"])
        reset = int(headers["x-ratelimit-reset"])
    except (KeyError, ValueError):
        return None
    if headers.get("x-ratelimit-resource", "core") != "core":
        return None  # GraphQL and search have budgets of their own
    return RateReading(limit, remaining, datetime.fromtimestamp(reset, UTC))


def _is_write(request: httpx.Request) -> bool:
    if request.method not in MUTATING:
        return False
    if not request.url.path.endswith("/graphql"):
        return True
    try:
        query = str(json.loads(request.content or b"{}").get("query", ""))
    except (ValueError, AttributeError):
        return True
    return query.lstrip().startswith("mutation")


def uses_installation_token(request: httpx.Request) -> bool:
    return str(request.headers.get("authorization", "")).lower().startswith("token ")


Hook = Callable[..., Awaitable[None]]


class BudgetHooks:
    """One per process (built by `GitHubApp`), shared by every client it builds."""

    def __init__(
        self,
        rows: BudgetRows,
        *,
        write_interval: timedelta,
        base_path: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rows = rows
        self.write_interval = write_interval
        self.base_path = base_path.rstrip("/")
        self.clock = clock
        self._recorded: dict[int, tuple[float, RateReading]] = {}
        self._latest: dict[int, RateReading] = {}

    def current(self, installation_id: int) -> RateReading | None:
        """The installation's budget as last seen: this process's newest response (rows are recorded
        at most once a second) or the shared row, whichever leaves less."""
        mine = self._latest.get(installation_id)
        shared = self.rows.read(installation_id)
        if mine is None or shared is None:
            return mine or shared
        return shared if shared.supersedes(mine) else mine

    async def count(self, response: httpx.Response) -> None:
        request = response.request
        status = 304 if response.extensions.get(NOT_MODIFIED_EXTENSION) else response.status_code
        route = api_route(request.url, self.base_path)
        GITHUB_CALLS.labels(request.method, route, f"{status // 100}xx").inc()

    def for_app(self) -> dict[str, list[Hook]]:
        return {"request": [], "response": [self.count]}

    def for_installation(self, installation_id: int) -> dict[str, list[Hook]]:
        async def before(request: httpx.Request) -> None:
            # request hooks run after the auth flow: App routes (JWT) spend no installation budget
            if self.write_interval > timedelta(0) and uses_installation_token(request) and _is_write(request):
                await self.pace_write(installation_id)

        async def after(response: httpx.Response) -> None:
            await self.count(response)
            if uses_installation_token(response.request):
                await self.observe(installation_id, response.headers)

        return {"request": [before], "response": [after]}

    async def learn(self, gh: Any, installation_id: int) -> RateReading | None:
        """The installation's core budget, asking `GET /rate_limit` (free: it spends none) when none
        is known yet; None when GitHub does not say."""
        known = await anyio.to_thread.run_sync(self.current, installation_id)
        if known is not None:
            return known
        response = await gh.arequest("GET", "/rate_limit")
        core: Any = response.json().get("resources", {}).get("core") if response.status_code == 200 else None
        try:
            reading = RateReading(
                int(core["limit"]), int(core["remaining"]), datetime.fromtimestamp(int(core["reset"]), UTC)
            )
        except (KeyError, TypeError, ValueError):
            return None
        self._latest[installation_id] = reading
        return reading

    async def flush(self, installation_id: int) -> None:
        """Record this process's newest reading of the installation (`observe` records at most once a
        second), so other workers' gates see what a job just spent."""
        latest = self._latest.get(installation_id)
        last = self._recorded.get(installation_id)
        if latest is not None and (last is None or last[1] != latest):
            await self._record(installation_id, latest)

    async def pace_write(self, installation_id: int) -> None:
        now = datetime.now(UTC)
        slot = await anyio.to_thread.run_sync(
            self.rows.take_write_slot, installation_id, self.write_interval, now
        )
        wait = (slot - now).total_seconds()
        if wait > 0:
            await anyio.sleep(wait)

    async def observe(self, installation_id: int, headers: httpx.Headers) -> None:
        reading = rate_reading(headers)
        if reading is None:
            return
        GITHUB_BUDGET_REMAINING.labels(str(installation_id)).set(reading.remaining)
        self._latest[installation_id] = reading
        now = self.clock()
        last = self._recorded.get(installation_id)
        if (
            last is not None
            and now - last[0] < RECORD_INTERVAL
            and last[1].reset_at == reading.reset_at
            and reading.remaining > 0
        ):
            return
        await self._record(installation_id, reading)

    async def _record(self, installation_id: int, reading: RateReading) -> None:
        self._recorded[installation_id] = (self.clock(), reading)
        await anyio.to_thread.run_sync(self.rows.record, installation_id, reading)
