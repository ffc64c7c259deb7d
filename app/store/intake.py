"""The webhook intake's one write: the delivery and its `delivery` job, in SQLAlchemy Core.

On PostgreSQL this is one statement (a data-modifying CTE: insert the delivery unless its GUID is
known, and the job from what that insert returned); on SQLite two statements in one transaction. A
redelivery of a known GUID inserts nothing and only counts itself (`redeliveries`). The ORM is not on
this path: intake is the hottest write the app has.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, func, insert, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite

from app.store.base import utcnow
from app.store.models import Delivery, Job

DELIVERIES = cast(Table, Delivery.__table__)
JOBS = cast(Table, Job.__table__)
DELIVERY_JOB = "delivery"


def _job_values(now: datetime, installation_id: int | None) -> dict[str, Any]:
    """Every column of the job row but its id, payload and delivery. An INSERT ... SELECT does not
    apply the model's Python-side defaults, so they are taken from the model here."""
    values: dict[str, Any] = {"kind": DELIVERY_JOB, "installation_id": installation_id}
    for column in JOBS.columns:
        default = column.default
        if column.name in values or column.name in ("id", "payload", "delivery_id") or default is None:
            continue
        values[column.name] = now if getattr(default, "is_callable", False) else getattr(default, "arg", None)
    return values


def insert_delivery(
    connection: Connection,
    *,
    guid: str,
    event: str,
    action: str | None,
    installation_id: int | None,
    body: bytes,
) -> bool:
    """Store a verified delivery and queue its job; False (and a counted redelivery) for a known GUID.
    Run it inside a transaction (`engine.begin()`)."""
    now = utcnow()
    delivery = {
        "guid": guid,
        "event": event,
        "action": action,
        "installation_id": installation_id,
        "body": body,
        "received_at": now,
        "redeliveries": 0,
    }
    job = _job_values(now, installation_id)
    if connection.dialect.name == "postgresql":
        stored = (
            postgresql.insert(DELIVERIES)
            .values(delivery)
            .on_conflict_do_nothing(index_elements=[DELIVERIES.c.guid])
            .returning(DELIVERIES.c.id)
            .cte("stored")
        )
        queued = insert(JOBS).from_select(
            [*job, "payload", "delivery_id"],
            select(
                *(literal(value, JOBS.c[name].type) for name, value in job.items()),
                func.jsonb_build_object("delivery_id", stored.c.id),
                stored.c.id,
            ),
            include_defaults=False,
        )
        fresh = connection.execute(queued.returning(JOBS.c.id)).first() is not None
    else:
        delivery_id = connection.execute(
            sqlite.insert(DELIVERIES)
            .values(delivery)
            .on_conflict_do_nothing(index_elements=[DELIVERIES.c.guid])
            .returning(DELIVERIES.c.id)
        ).scalar()
        fresh = delivery_id is not None
        if fresh:
            connection.execute(
                insert(JOBS).values(**job, payload={"delivery_id": delivery_id}, delivery_id=delivery_id)
            )
    if not fresh:
        connection.execute(
            update(DELIVERIES)
            .where(DELIVERIES.c.guid == guid)
            .values(redeliveries=DELIVERIES.c.redeliveries + 1)
        )
    return fresh
