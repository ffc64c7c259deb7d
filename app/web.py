"""HTTP routes of the App itself: the webhook receiver, /healthz, /readyz and /metrics.

The webhook path caps the body, verifies the signature before anything else, then stores the raw
delivery and enqueues its `delivery` job in one transaction and answers 202. A redelivery (same
X-GitHub-Delivery) is acknowledged and not processed twice.
"""

from __future__ import annotations

import logging

import anyio
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.advisories.coverage import freshness, per_ecosystem
from app.errors import BodyTimeout, PayloadTooLarge, WebhookError
from app.jobs.context import Services
from app.metrics import JOBS_BY_STATE, REGISTRY, WEBHOOKS
from app.settings import secret_text
from app.store.base import utcnow
from app.store.intake import insert_delivery
from app.store.migrate import migration_gap
from app.store.models import Job
from app.webhooks.router import WebhookEvent
from app.webhooks.verify import verify_and_parse

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/api/github/webhooks"
MAX_BODY_BYTES = 25 * 1024 * 1024  # GitHub never delivers more than 25 MB
# The whole body must arrive within this many seconds (GitHub gives up on a delivery after 10 s;
# a client dribbling bytes would otherwise hold a connection and a buffer for as long as it likes)
BODY_READ_SECONDS = 20.0


async def read_webhook_body(request: Request) -> bytes:
    try:
        with anyio.fail_after(BODY_READ_SECONDS):
            return await read_capped_body(request)
    except TimeoutError:
        raise BodyTimeout(f"body not received within {BODY_READ_SECONDS:g} s") from None


async def read_capped_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"body of {declared} bytes exceeds the {limit} byte limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise PayloadTooLarge(f"body exceeds the {limit} byte limit")
    return bytes(body)


def store_delivery(services: Services, event: WebhookEvent, body: bytes) -> bool:
    """Insert the delivery and its job atomically; False for a redelivery of a known GUID."""
    engine = services.sessions.kw["bind"]
    try:
        with engine.begin() as connection:
            return insert_delivery(
                connection,
                guid=event.delivery_id,
                event=event.name,
                action=event.action,
                installation_id=event.installation_id,
                body=body,
            )
    except IntegrityError:
        return False  # a concurrent copy of the same delivery won the insert


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def webhook_routes(services: Services) -> list[Route]:
    async def receive(request: Request) -> Response:
        try:
            body = await read_webhook_body(request)
            event = verify_and_parse(request.headers, body, secret_text(services.settings.webhook_secret))
        except WebhookError as exc:
            # unverified input never becomes a label value (unbounded metric cardinality)
            WEBHOOKS.labels("unverified", f"rejected-{exc.status}").inc()
            log.warning("webhook rejected (%d): %s", exc.status, exc)
            return _error(exc.status, str(exc))
        if event.name == "ping":
            WEBHOOKS.labels("ping", "ok").inc()
            return JSONResponse({"ok": True, "zen": event.payload.get("zen", "")})
        try:
            fresh = await run_in_threadpool(store_delivery, services, event, body)
        except SQLAlchemyError:
            log.exception("could not store delivery %s", event.delivery_id)
            WEBHOOKS.labels(event.name, "store-failed").inc()
            return _error(503, "could not store the delivery; please redeliver")
        WEBHOOKS.labels(event.name, "queued" if fresh else "duplicate").inc()
        return JSONResponse(
            {"delivery": event.delivery_id, "status": "queued" if fresh else "duplicate"}, status_code=202
        )

    async def healthz(request: Request) -> Response:
        def ping_db() -> None:
            with services.sessions() as session:
                session.execute(text("SELECT 1"))

        try:
            await run_in_threadpool(ping_db)
        except SQLAlchemyError as exc:
            return _error(503, f"database unavailable: {type(exc).__name__}")
        return JSONResponse({"ok": True})

    async def readyz(request: Request) -> Response:
        """The database answers and its schema is at this version's newest migration (else 503 with
        the reason), and what the advisory data holds: advisories and the last successful sync per
        ecosystem. Stale or missing advisory data does not make the app unready (webhooks must still
        be received); it says so under `advisories`."""
        max_age = services.settings.advisory_max_age

        def schema_gap() -> str | None:
            with services.sessions() as session:
                return migration_gap(session.connection())

        def advisory_report() -> dict[str, object]:
            now = utcnow()
            with services.sessions() as session:
                report = freshness(session, max_age)
            age = report.age(now)
            return {
                "current": report.current(now),
                "total": sum(report.counts.values()),
                "last_sync": report.last_success.isoformat() if report.last_success else None,
                "last_sync_age_seconds": int(age.total_seconds()) if age is not None else None,
                "max_age_seconds": int(max_age.total_seconds()),
                "ecosystems": {
                    row.ecosystem: {
                        "advisories": row.advisories,
                        "last_sync": row.synced_at.isoformat() if row.synced_at else None,
                        "age_seconds": int((now - row.synced_at).total_seconds()) if row.synced_at else None,
                        "stale": row.stale,
                    }
                    for row in per_ecosystem(report, now)
                },
            }

        try:
            gap = await run_in_threadpool(schema_gap)
            if gap is not None:
                return _error(503, gap)
            advisories = await run_in_threadpool(advisory_report)
        except SQLAlchemyError as exc:
            return _error(503, f"database unavailable: {type(exc).__name__}")
        return JSONResponse({"ok": True, "advisories": advisories}, headers={"cache-control": "no-store"})

    async def metrics(request: Request) -> Response:
        def queue_depth() -> None:
            with services.sessions() as session:
                found = dict(session.execute(select(Job.state, func.count()).group_by(Job.state)).all())
            for state in ("queued", "running", "done", "failed"):
                JOBS_BY_STATE.labels(state).set(found.get(state, 0))

        try:
            await run_in_threadpool(queue_depth)
        except SQLAlchemyError:
            log.warning("metrics: job counts unavailable", exc_info=True)
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return [
        Route(WEBHOOK_PATH, receive, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]
