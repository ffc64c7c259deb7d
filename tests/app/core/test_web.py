from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.jobs.context import Services
from app.store.models import Delivery, Job
from app.web import MAX_BODY_BYTES
from tests.conftest import shared_path

from .conftest import SECRET, installation_payload, post_event, signed_headers

pytestmark = pytest.mark.anyio


def counts(services: Services) -> tuple[int, int]:
    with services.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Delivery)) or 0,
            session.scalar(select(func.count()).select_from(Job)) or 0,
        )


PUSH = {"ref": "refs/heads/main", "installation": {"id": 1}, "repository": {"id": 5, "full_name": "acme/a"}}


async def test_signed_delivery_is_stored_with_its_job_and_acknowledged(
    client: httpx.AsyncClient, services: Services
) -> None:
    response = await post_event(client, "push", PUSH, "guid-a")
    assert response.status_code == 202 and response.json() == {"delivery": "guid-a", "status": "queued"}
    with services.sessions() as session:
        delivery = session.scalars(select(Delivery)).one()
        job = session.scalars(select(Job)).one()
    assert (delivery.guid, delivery.event, delivery.installation_id) == ("guid-a", "push", 1)
    assert json.loads(delivery.body) == PUSH
    assert (job.kind, job.delivery_id, job.payload) == ("delivery", delivery.id, {"delivery_id": delivery.id})


@pytest.mark.parametrize(
    "header",
    [None, "sha1=0a4d55a8d778e5022fab701977c5d840bbc486d0", "md5=abc", "sha256=" + "0" * 64],
)
async def test_bad_signatures_get_401_and_store_nothing(
    client: httpx.AsyncClient, services: Services, header: str | None
) -> None:
    body = json.dumps(PUSH).encode()
    headers = {"X-GitHub-Event": "push", "X-GitHub-Delivery": "g"}
    if header:
        headers["X-Hub-Signature-256"] = header
    response = await client.post("/api/github/webhooks", content=body, headers=headers)
    assert response.status_code == 401
    assert counts(services) == (0, 0)


async def test_signature_made_with_another_secret_is_refused(
    client: httpx.AsyncClient, services: Services
) -> None:
    body = json.dumps(PUSH).encode()
    response = await client.post(
        "/api/github/webhooks", content=body, headers=signed_headers("push", body, secret=SECRET + "x")
    )
    assert response.status_code == 401 and counts(services) == (0, 0)


async def test_oversized_body_gets_413_without_being_read(
    client: httpx.AsyncClient, services: Services
) -> None:
    chunks_sent = 0

    async def body() -> Any:
        nonlocal chunks_sent
        chunk = b" " * (1024 * 1024)
        for _ in range(40):
            chunks_sent += 1
            yield chunk

    response = await client.post(
        "/api/github/webhooks", content=body(), headers={"X-GitHub-Event": "push", "X-GitHub-Delivery": "big"}
    )
    assert response.status_code == 413
    assert chunks_sent <= MAX_BODY_BYTES // (1024 * 1024) + 2
    declared = await client.post(
        "/api/github/webhooks",
        content=b"{}",
        headers={"Content-Length": str(MAX_BODY_BYTES + 1), "X-GitHub-Event": "push"},
    )
    assert declared.status_code == 413
    assert counts(services) == (0, 0)


async def test_truncated_json_gets_400_and_nothing_is_enqueued(
    client: httpx.AsyncClient, services: Services
) -> None:
    body = json.dumps(PUSH).encode()[:-7]
    response = await post_event(client, "push", body)
    assert response.status_code == 400 and "not valid JSON" in response.json()["error"]
    assert counts(services) == (0, 0)


async def test_ping_answers_200_and_stores_nothing(client: httpx.AsyncClient, services: Services) -> None:
    response = await post_event(client, "ping", {"zen": "Keep it logically awesome.", "hook_id": 1})
    assert response.status_code == 200 and response.json()["zen"] == "Keep it logically awesome."
    assert counts(services) == (0, 0)


async def test_redelivery_is_acknowledged_and_not_processed_twice(
    client: httpx.AsyncClient, services: Services
) -> None:
    first = await post_event(client, "push", PUSH, "same-guid")
    again = await post_event(client, "push", PUSH, "same-guid")
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["status"] == "duplicate"
    assert counts(services) == (1, 1)
    with services.sessions() as session:
        assert session.scalars(select(Delivery)).one().redeliveries == 1


async def test_job_insert_failure_leaves_no_delivery(
    client: httpx.AsyncClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    def fail_the_job_insert(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO JOBS"):
            raise OperationalError(statement, {}, Exception("disk full"))

    engine = services.sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", fail_the_job_insert)
    try:
        response = await post_event(client, "push", PUSH, "guid-x")
    finally:
        event.remove(engine, "before_cursor_execute", fail_the_job_insert)
    assert response.status_code == 503
    assert counts(services) == (0, 0)  # the delivery's insert was rolled back with the job's


async def test_unknown_event_is_stored_and_its_job_completes_as_ignored(
    client: httpx.AsyncClient, services: Services
) -> None:
    from app.worker import Worker

    response = await post_event(client, "sponsorship", {"action": "created", "installation": {"id": 1}})
    assert response.status_code == 202
    assert await Worker(services, worker_id="w").run_until_idle() == 1
    with services.sessions() as session:
        job = session.scalars(select(Job)).one()
    assert job.state == "done" and job.outcome is not None and job.outcome.startswith("ignored")


async def test_healthz_and_metrics(client: httpx.AsyncClient) -> None:
    await post_event(client, "push", PUSH, "m1")
    assert (await client.get("/healthz")).json() == {"ok": True}
    metrics = (await client.get("/metrics")).text
    assert 'repo_hygiene_webhook_deliveries_total{event="push",outcome="queued"}' in metrics
    assert 'repo_hygiene_jobs_in_state{state="queued"} 1.0' in metrics


async def test_hand_written_installation_payload(client: httpx.AsyncClient, services: Services) -> None:
    response = await post_event(client, "installation", installation_payload("created", [(1, "a")]), "inst")
    assert response.status_code == 202 and counts(services) == (1, 1)


async def test_every_real_payload_posts_fine(client: httpx.AsyncClient, services: Services) -> None:
    root = shared_path("fixtures", "webhooks")
    files = sorted(root.rglob("*.json"))
    assert files
    for number, path in enumerate(files):
        event = path.relative_to(root).parts[0]
        response = await post_event(client, event, path.read_bytes(), f"real-{number}")
        expected = 200 if event == "ping" else 202
        assert response.status_code == expected, (path, response.text)
    pings = sum(1 for p in files if p.relative_to(root).parts[0] == "ping")
    assert counts(services) == (len(files) - pings, len(files) - pings)


async def test_every_real_payload_is_dispatched_without_a_failure(
    client: httpx.AsyncClient, services: Services
) -> None:
    from app.wiring import load_handlers
    from app.worker import Worker

    load_handlers()
    root = shared_path("fixtures", "webhooks")
    for number, path in enumerate(sorted(root.rglob("*.json"))):
        await post_event(client, path.relative_to(root).parts[0], path.read_bytes(), f"real-{number}")
    await Worker(services, worker_id="w", kinds=("delivery",)).run_until_idle()
    with services.sessions() as session:
        jobs = session.scalars(select(Job).where(Job.kind == "delivery")).all()
    assert jobs and [(j.id, j.last_error) for j in jobs if j.state != "done"] == []
    assert all(j.last_error is None for j in jobs)
