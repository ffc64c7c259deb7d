"""Composition root: settings -> Services -> the Starlette app (and, for `serve`, a worker).

The webhook routes come first; the dashboard is mounted last at "/".
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import anyio
import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount

from app.body_limit import BodyLimitMiddleware
from app.dashboard import dashboard_app
from app.github.client import GitHubApp
from app.jobs.context import Services
from app.settings import Settings
from app.store.base import make_engine, make_sessionmaker
from app.web import WEBHOOK_PATH, webhook_routes
from app.wiring import load_handlers
from app.worker import Worker

log = logging.getLogger(__name__)


def build_services(settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> Services:
    sessions = make_sessionmaker(make_engine(settings.database_url))
    return Services(
        settings=settings,
        sessions=sessions,
        github=GitHubApp(settings, transport=transport, sessions=sessions),
    )


def create_app(
    services: Services,
    *,
    run_worker: bool = False,
    worker_lease: timedelta | None = None,
    worker_poll: float = 1.0,
) -> Starlette:
    load_handlers()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not run_worker:
            yield
            return
        worker = Worker(services, lease=worker_lease, poll_interval=worker_poll)
        app.state.worker = worker
        async with anyio.create_task_group() as tg:
            tg.start_soon(worker.run)
            try:
                yield
            finally:
                worker.stop()

    app = Starlette(
        routes=[*webhook_routes(services), Mount("/", app=dashboard_app(services))],
        lifespan=lifespan,
        middleware=[Middleware(BodyLimitMiddleware, exempt_paths=(WEBHOOK_PATH,))],
    )
    app.state.services = services
    return app
