"""Log lines as text or JSON, each carrying the job and delivery it was logged for, never a secret."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from app.errors import SettingsError
from app.jobs import queue
from app.jobs.context import JobContext, Services
from app.jobs.registry import job_handler
from app.logging_setup import configure_logging, log_context
from app.settings import load_settings
from app.worker import Worker

pytestmark = pytest.mark.anyio
TOKEN = "ghs_" + "a" * 36


@job_handler("test_log_lines")
async def noisy(ctx: JobContext, payload: dict[str, Any]) -> None:
    logging.getLogger("app.test").info("working with %s", TOKEN)
    raise ValueError("bad input")


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    stream = io.StringIO()
    yield stream
    root.handlers[:], _ = saved
    root.setLevel(saved[1])


def _use(stream: io.StringIO, log_format: str) -> None:
    configure_logging("DEBUG", log_format)
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)


async def test_json_lines_carry_the_job_and_never_a_token(services: Services, captured: io.StringIO) -> None:
    _use(captured, "json")
    with services.sessions() as session, session.begin():
        job_id = queue.enqueue(session, "test_log_lines", {})
    await Worker(services, worker_id="w").run_one()
    lines = [json.loads(line) for line in captured.getvalue().splitlines()]
    working = next(line for line in lines if line["message"].startswith("working with"))
    assert working["message"] == "working with [redacted]" and working["level"] == "INFO"
    assert (working["job_id"], working["job_kind"], working["logger"]) == (
        job_id,
        "test_log_lines",
        "app.test",
    )
    failed = next(line for line in lines if "attempt 1 failed" in line["message"])
    assert failed["job_id"] == job_id and "exception" not in failed
    traceback = next(line for line in lines if "exception" in line)  # DEBUG: the traceback
    assert "ValueError: bad input" in traceback["exception"] and TOKEN not in captured.getvalue()
    outside = logging.getLogger("app.test")
    outside.warning("after the job")
    assert "job_id" not in json.loads(captured.getvalue().splitlines()[-1])


def test_text_lines_end_their_first_line_with_the_context(captured: io.StringIO) -> None:
    _use(captured, "text")
    with log_context(job_id=7, delivery="72d3162e-cc78-11e3-81ab-4c9367dc0958"):
        logging.getLogger("app.test").info("handled")
    assert (
        captured.getvalue()
        .rstrip()
        .endswith("app.test: handled [job_id=7 delivery=72d3162e-cc78-11e3-81ab-4c9367dc0958]")
    )


def test_log_format_is_validated() -> None:
    assert load_settings({"LOG_FORMAT": "JSON"}, env_file=None, require_github=False).log_format == "json"
    with pytest.raises(SettingsError, match="LOG_FORMAT: must be text or json"):
        load_settings({"LOG_FORMAT": "xml"}, env_file=None, require_github=False)


async def test_a_delivery_jobs_lines_name_the_delivery(services: Services, captured: io.StringIO) -> None:
    from app.wiring import load_handlers
    from tests.app.core.helpers import deliver

    load_handlers()

    _use(captured, "json")
    deliver(services, "sponsorship", {"action": "created", "installation": {"id": 1}}, guid="guid-log-1")
    await Worker(services, worker_id="w").run_one()
    ignored = next(json.loads(x) for x in captured.getvalue().splitlines() if "ignored" in x)
    assert ignored["delivery"] == "guid-log-1" and ignored["job_kind"] == "delivery"
