"""Secrets and tokens never reach the log: a whole scan (App JWT, installation token, GitHub reads, a
failing attempt with its traceback) runs with DEBUG logging configured as `serve` configures it, and
the captured log output holds no installation token, JWT, PEM key or webhook secret."""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Iterator

import pytest
import respx
from sqlalchemy import select

from app.github.client import GitHubApp
from app.github.retry import RetryPolicy
from app.jobs import queue
from app.jobs.context import Services
from app.logging_setup import configure_logging
from app.settings import secret_text
from app.store.models import CheckResultRow, Job
from app.store.sync import upsert_installation, upsert_repository
from tests.app.core.conftest import API, SECRET, blob_json, ref_json, repo_json, tree_json
from tests.app.core.helpers import run_jobs

pytestmark = pytest.mark.anyio
TOKEN = "ghs_Z1aVeryRealLookingInstallationToken42"
HEAD = "c" * 40
BADGE = "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)"
POLICY = "Supported versions: latest. Email sec@acme.dev; reply within 2 days, disclosure within 90 days.\n"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging("DEBUG")
    stream = io.StringIO()
    root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
    yield stream
    root.handlers[:], root.level = saved[0], saved[1]


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def seed(services: Services) -> None:
    with services.sessions() as session, session.begin():
        upsert_installation(session, {"id": 1, "account": {"login": "acme", "id": 77}})
        upsert_repository(session, 1, {"id": 11, "name": "w", "full_name": "acme/w"})
        queue.enqueue(session, "scan_repository", {"repository_id": 11}, installation_id=1)


async def test_debug_log_of_a_scan_holds_no_secret(
    services: Services, log_output: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.github = GitHubApp(
        services.settings, retry_policy=lambda cache: RetryPolicy(cache=cache, server_base_delay=0.01)
    )
    files = {"README.md": f"# w\n\n{BADGE}\n", "SECURITY.md": POLICY}
    jwts: list[str] = []
    with respx.mock(base_url=API, assert_all_called=False) as api:

        def token(request: object) -> respx.MockResponse:
            jwts.append(request.headers["authorization"].split()[-1])  # type: ignore[attr-defined]
            return respx.MockResponse(
                201, json={"token": TOKEN, "expires_at": "2099-01-01T00:00:00Z", "permissions": {}}
            )

        api.post("/app/installations/1/access_tokens").mock(side_effect=token)
        api.get("/repos/acme/.github").respond(404, json={"message": "Not Found"})
        api.get("/repositories/11").respond(200, json=repo_json(11, "w"))
        api.get("/repos/acme/w/git/ref/heads/main").respond(200, json=ref_json(HEAD))
        tree = [{"path": p, "sha": f"s{i}", "size": 9, "type": "blob"} for i, p in enumerate(files)]
        api.get(f"/repos/acme/w/git/trees/{HEAD}").respond(200, json=tree_json(tree, truncated=False))
        for i, text in enumerate(files.values()):
            api.get(f"/repos/acme/w/git/blobs/s{i}").respond(200, json=blob_json(text))
        api.get("/repos/acme/w/pulls").respond(200, json=[])
        seed(services)
        await run_jobs(services)
        # a second scan fails: the worker logs the attempt's error with its traceback
        api.get("/repositories/11").respond(502, json={"message": "Bad Gateway"})
        seed(services)
        await run_jobs(services)

    with services.sessions() as session:
        states = [(j.state, j.last_error) for j in session.scalars(select(Job).order_by(Job.id))]
        assert session.scalars(select(CheckResultRow)).first() is not None
    assert states == [("done", None), ("queued", "ServerError: 502 Bad Gateway")]
    log = log_output.getvalue()
    assert "DEBUG" in log and "Traceback" in log and "acme/w" in log  # the log really was captured
    assert jwts and TOKEN not in log and "Z1aVeryReal" not in log
    for jwt in jwts:
        assert jwt not in log and jwt.split(".")[1] not in log
    key = secret_text(services.settings.private_key)
    assert "PRIVATE KEY" not in log and key.splitlines()[1] not in log
    assert SECRET not in log
