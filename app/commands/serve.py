"""`repo-hygiene serve`: the web process with an in-process worker (the embedded default)."""

from __future__ import annotations

import argparse

import uvicorn

from app.commands._common import database_or_exit, settings_or_exit
from app.jobs.advisories import ensure_scheduled as schedule_advisory_sync
from app.jobs.maintenance import schedule_maintenance
from app.jobs.reconcile import schedule_reconcile
from app.jobs.sync import schedule_sync
from app.main import build_services, create_app
from app.server_limits import uvicorn_limits
from app.store.migrate import upgrade


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-worker", action="store_true", help="serve webhooks only (run workers apart)")
    parser.add_argument("--no-migrate", action="store_true", help="do not upgrade the schema at start")


def run(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    database_or_exit(settings)
    if not args.no_migrate:
        upgrade(settings.database_url)
    services = build_services(settings)
    schedule_sync(services)  # catch up on installations and repositories whose webhooks were missed
    schedule_maintenance(services)
    schedule_reconcile(services)  # redeliver failed webhooks, rescan stale repositories; hourly
    with services.sessions() as session, session.begin():
        schedule_advisory_sync(session)  # hourly GitHub Advisory Database sync; deduplicated
    app = create_app(services, run_worker=not args.no_worker)
    uvicorn.run(
        app, host=settings.host, port=settings.port, log_config=None, proxy_headers=False, **uvicorn_limits()
    )
    return 0
