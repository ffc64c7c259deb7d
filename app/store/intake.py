"""The webhook intake's one write: the delivery and its `delivery` job, in SQLAlchemy Core.

On PostgreSQL this is one statement whatever the GUID: a data-modifying CTE upserts the delivery
(a known GUID only counts itself in `redeliveries`) and inserts the job from what the upsert returned
when the row is new. On SQLite it is the same upsert and, for a new row, the job insert, in one
transaction. A row is new when its `redeliveries` comes back 0, since the conflict branch sets it to
at least 1.

Both statements are built once per dialect with bind parameters: constructing a Core statement costs
more CPU than PostgreSQL spends executing it, and intake is the hottest write the app has.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import BindParameter, Connection, Executable, Table, bindparam, func, insert, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from app.store.base import utcnow
from app.store.models import Delivery, Job

DELIVERIES = cast(Table, Delivery.__table__)
JOBS = cast(Table, Job.__table__)
DELIVERY_JOB = "delivery"


def _delivery_values() -> dict[str, Any]:
    return {
        "guid": bindparam("guid"),
        "event": bindparam("event"),
        "action": bindparam("action"),
        "installation_id": bindparam("installation_id"),
        "body": bindparam("body"),
        "received_at": bindparam("now"),
        "redeliveries": 0,
    }


def _job_values() -> dict[str, Any]:
    """Every column of the job row but its id, payload and delivery, as bind parameters or the model's
    static defaults. An INSERT ... SELECT does not apply Python-side defaults, so they are taken from
    the model here; a callable default is the current time (`now`)."""
    values: dict[str, Any] = {"kind": DELIVERY_JOB, "installation_id": bindparam("installation_id")}
    for column in JOBS.columns:
        default = column.default
        if column.name in values or column.name in ("id", "payload", "delivery_id") or default is None:
            continue
        if getattr(default, "is_callable", False):
            values[column.name] = bindparam("now")
        else:
            values[column.name] = getattr(default, "arg", None)
    return values


def _delivery_upsert(dialect_insert: Any) -> Any:
    """The delivery row, or on a known GUID one more `redeliveries`; returns (id, redeliveries)."""
    return (
        dialect_insert(DELIVERIES)
        .values(_delivery_values())
        .on_conflict_do_update(
            index_elements=[DELIVERIES.c.guid],
            set_={"redeliveries": DELIVERIES.c.redeliveries + 1},
        )
        .returning(DELIVERIES.c.id, DELIVERIES.c.redeliveries)
    )


@cache
def _postgresql_statement() -> Executable:
    stored = _delivery_upsert(postgresql.insert).cte("stored")
    job = _job_values()
    return (
        insert(JOBS)
        .from_select(
            [*job, "payload", "delivery_id"],
            select(
                *(_typed(JOBS.c[name], value) for name, value in job.items()),
                func.jsonb_build_object("delivery_id", stored.c.id),
                stored.c.id,
            ).where(stored.c.redeliveries == 0),
            include_defaults=False,
        )
        .returning(JOBS.c.id)
    )


def _typed(column: Any, value: Any) -> Any:
    """A select-list value with the job column's type, so bind processing (UTC datetimes, JSON)
    applies as it would in a plain INSERT."""
    if isinstance(value, BindParameter):
        return bindparam(value.key, type_=column.type)
    return literal(value, column.type)


@cache
def _sqlite_statements() -> tuple[Executable, Executable]:
    upsert = _delivery_upsert(sqlite.insert)
    job = {name: _typed(JOBS.c[name], value) for name, value in _job_values().items()}
    queue = insert(JOBS).values(**job, payload=bindparam("payload"), delivery_id=bindparam("delivery_id"))
    return upsert, queue


def insert_delivery(
    connection: Connection,
    *,
    guid: str,
    event: str,
    action: str | None,
    installation_id: int | None,
    body: bytes,
    now: datetime | None = None,
) -> bool:
    """Store a verified delivery and queue its job; False (and a counted redelivery) for a known GUID.
    Run it inside a transaction (`engine.begin()`)."""
    params: dict[str, Any] = {
        "guid": guid,
        "event": event,
        "action": action,
        "installation_id": installation_id,
        "body": body,
        "now": now or utcnow(),
    }
    if connection.dialect.name == "postgresql":
        return connection.execute(_postgresql_statement(), params).first() is not None
    upsert, queue = _sqlite_statements()
    delivery_id, redeliveries = connection.execute(upsert, params).one()
    if redeliveries:
        return False
    connection.execute(queue, {**params, "payload": {"delivery_id": delivery_id}, "delivery_id": delivery_id})
    return True
