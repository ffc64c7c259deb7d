from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
import respx

from app.errors import EmptyRepository, Forbidden, NotFound, RateLimited, ServerError, Unprocessable
from app.github.client import GitHubApp
from app.github.errors import github_errors
from app.github.retry import RetryPolicy
from app.settings import Settings

from .conftest import API, token_response

pytestmark = pytest.mark.anyio


def fast_app(settings: Settings) -> GitHubApp:
    return GitHubApp(
        settings,
        retry_policy=lambda cache: RetryPolicy(
            cache=cache, server_base_delay=0.01, secondary_min_without_header=0.05
        ),
    )


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        router.post("/app/installations/1/access_tokens").respond(201, json=token_response(1))
        yield router


async def get(app: GitHubApp, path: str) -> object:
    async with app.installation(1) as gh:
        with github_errors():
            return (await gh.arequest("GET", path)).json()


async def test_installation_client_mints_a_token_and_sends_it(
    settings: Settings, api: respx.MockRouter
) -> None:
    route = api.get("/repos/acme/a").respond(200, json={"id": 1})
    assert await get(fast_app(settings), "/repos/acme/a") == {"id": 1}
    assert route.calls.last.request.headers["authorization"] == "token ghs_testtoken000001"
    mint = api.routes[0].calls.last.request
    assert mint.headers["authorization"].startswith("Bearer ")


async def test_clients_of_one_app_share_its_token_but_no_module_global(
    settings: Settings, api: respx.MockRouter
) -> None:
    api.get("/repos/acme/a").respond(200, json={})
    app = fast_app(settings)
    await get(app, "/repos/acme/a")
    await get(app, "/repos/acme/a")
    assert api.routes[0].call_count == 1  # the second client reuses the token (it lives an hour)
    await get(fast_app(settings), "/repos/acme/a")
    assert api.routes[0].call_count == 2  # another GitHubApp without a database keeps its own


async def test_server_errors_are_retried_then_raised(settings: Settings, api: respx.MockRouter) -> None:
    flaky = api.get("/repos/acme/a").mock(
        side_effect=[httpx.Response(502), httpx.Response(503), httpx.Response(200, json={"ok": 1})]
    )
    assert await get(fast_app(settings), "/repos/acme/a") == {"ok": 1}
    assert flaky.call_count == 3
    broken = api.get("/repos/acme/b").respond(500, json={"message": "Server Error"})
    with pytest.raises(ServerError):
        await get(fast_app(settings), "/repos/acme/b")
    assert broken.call_count == 4  # one try and three retries, then give up


async def test_timeouts_are_retried(settings: Settings, api: respx.MockRouter) -> None:
    route = api.get("/repos/acme/a").mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.Response(200, json={"ok": 1})]
    )
    assert await get(fast_app(settings), "/repos/acme/a") == {"ok": 1}
    assert route.call_count == 2


async def test_secondary_limit_honours_retry_after(settings: Settings, api: respx.MockRouter) -> None:
    route = api.get("/repos/acme/a").mock(
        side_effect=[
            httpx.Response(
                403,
                headers={"retry-after": "1"},
                json={"message": "You have exceeded a secondary rate limit"},
            ),
            httpx.Response(200, json={"ok": 1}),
        ]
    )
    started = time.monotonic()
    assert await get(fast_app(settings), "/repos/acme/a") == {"ok": 1}
    assert route.call_count == 2 and time.monotonic() - started >= 0.9


async def test_secondary_limit_beyond_the_cap_becomes_rate_limited(
    settings: Settings, api: respx.MockRouter
) -> None:
    api.get("/repos/acme/a").respond(429, headers={"retry-after": "3600"}, json={"message": "slow down"})
    with pytest.raises(RateLimited) as info:
        await get(fast_app(settings), "/repos/acme/a")
    assert info.value.reset_at.timestamp() > time.time() + 3000


async def test_secondary_limit_in_message_only_waits_then_retries(
    settings: Settings, api: respx.MockRouter
) -> None:
    body = {"message": "You have exceeded a secondary rate limit. Please wait a few minutes."}
    route = api.get("/repos/acme/a").mock(
        side_effect=[httpx.Response(403, json=body), httpx.Response(200, json={"ok": 1})]
    )
    assert await get(fast_app(settings), "/repos/acme/a") == {"ok": 1}
    assert route.call_count == 2


def test_message_only_secondary_waits_at_least_a_minute_by_default() -> None:
    policy = RetryPolicy()
    assert policy.secondary_min_without_header >= 60 and policy.secondary_cap <= 120


async def test_primary_limit_is_not_slept_through(settings: Settings, api: respx.MockRouter) -> None:
    reset = int(time.time()) + 1800
    route = api.get("/repos/acme/a").respond(
        403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(reset)},
        json={"message": "API rate limit exceeded"},
    )
    started = time.monotonic()
    with pytest.raises(RateLimited) as info:
        await get(fast_app(settings), "/repos/acme/a")
    assert route.call_count == 1 and time.monotonic() - started < 1
    assert int(info.value.reset_at.timestamp()) == reset


async def test_401_re_mints_the_token_once(settings: Settings, api: respx.MockRouter) -> None:
    route = api.get("/repos/acme/a").mock(
        side_effect=[
            httpx.Response(401, json={"message": "Bad credentials"}),
            httpx.Response(200, json={"ok": 1}),
        ]
    )
    assert await get(fast_app(settings), "/repos/acme/a") == {"ok": 1}
    assert route.call_count == 2 and api.routes[0].call_count == 2
    api.get("/repos/acme/b").respond(401, json={"message": "Bad credentials"})
    with pytest.raises(Exception, match="401"):
        await get(fast_app(settings), "/repos/acme/b")


@pytest.mark.parametrize(
    ("status", "error", "headers"),
    [
        (404, NotFound, {}),
        (409, EmptyRepository, {}),
        (422, Unprocessable, {}),
        (403, Forbidden, {"x-accepted-github-permissions": "contents=write"}),
    ],
)
async def test_error_statuses_translate(
    settings: Settings, api: respx.MockRouter, status: int, error: type[Exception], headers: dict[str, str]
) -> None:
    api.get("/repos/acme/a").respond(status, headers=headers, json={"message": "nope"})
    with pytest.raises(error, match=f"{status} nope"):
        await get(fast_app(settings), "/repos/acme/a")


async def test_validation_details_are_carried_in_the_one_translation(
    settings: Settings, api: respx.MockRouter
) -> None:
    errors = [
        {"resource": "PullRequest", "code": "custom", "message": "A pull request already exists for acme:x."},
        {"resource": "PullRequest", "code": "missing_field", "field": "head"},  # no message: skipped
    ]
    api.get("/repos/acme/a").respond(422, json={"message": "Validation Failed", "errors": errors})
    with pytest.raises(Unprocessable) as raised:
        await get(fast_app(settings), "/repos/acme/a")
    assert str(raised.value) == "422 Validation Failed; A pull request already exists for acme:x."
    assert raised.value.reason == "Validation Failed; A pull request already exists for acme:x."
    assert raised.value.details == ("A pull request already exists for acme:x.",)


async def test_non_json_error_bodies_keep_the_reason_phrase(
    settings: Settings, api: respx.MockRouter
) -> None:
    api.get("/repos/acme/a").respond(404, text="<html>gone</html>")
    with pytest.raises(NotFound, match=r"^404 Not Found$") as raised:
        await get(fast_app(settings), "/repos/acme/a")
    assert raised.value.details == ()


async def test_app_client_uses_the_jwt(settings: Settings, api: respx.MockRouter) -> None:
    route = api.get("/app").respond(200, json={"slug": "repo-hygiene"})
    async with fast_app(settings).app_client() as gh:
        assert (await gh.arequest("GET", "/app")).json() == {"slug": "repo-hygiene"}
    assert route.calls.last.request.headers["authorization"].startswith("Bearer ey")
