"""`repo-hygiene serve`: the web process with an in-process worker (the embedded default).

With none of APP_ID, PRIVATE_KEY and WEBHOOK_SECRET set (a first run), it serves the setup pages
instead of refusing to start: they register the App from app.yml (the manifest flow), write its
credentials to `.env`, and the real app takes over in the same process. With `WEBHOOK_PROXY_URL`, a
relay forwards the channel's deliveries to the webhook route.
"""

from __future__ import annotations

import argparse
import gc
import secrets
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool

from app.commands._common import database_or_exit, settings_or_exit
from app.jobs.advisories import ensure_scheduled as schedule_advisory_sync
from app.jobs.maintenance import schedule_maintenance
from app.jobs.reconcile import schedule_reconcile
from app.jobs.sync import schedule_sync
from app.main import build_services, create_app
from app.server_limits import uvicorn_limits
from app.settings import Settings, has_no_app_credentials, load_settings
from app.setup.host import AppHost
from app.setup.manifest import ManifestError, find_app_yml
from app.setup.web import SetupPages
from app.store.migrate import upgrade
from app.web import WEBHOOK_PATH
from app.webhook_proxy import WebhookProxy

ENV_FILE = Path(".env")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-worker", action="store_true", help="serve webhooks only (run workers apart)")
    parser.add_argument("--no-migrate", action="store_true", help="do not upgrade the schema at start")


def start_app(settings: Settings, *, run_worker: bool) -> Starlette:
    """The real app: services built, start-up jobs scheduled (database only), routes composed."""
    services = build_services(settings)
    schedule_sync(services)  # catch up on installations and repositories whose webhooks were missed
    schedule_maintenance(services)
    schedule_reconcile(services)  # redeliver failed webhooks, rescan stale repositories; hourly
    with services.sessions() as session, session.begin():
        schedule_advisory_sync(session)  # hourly GitHub Advisory Database sync; deduplicated
    return create_app(services, run_worker=run_worker)


def local_url(settings: Settings) -> str:
    host = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(settings.host, settings.host)  # noqa: S104
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def background_tasks(settings: Settings) -> list[Callable[[], Coroutine[Any, Any, None]]]:
    if not settings.webhook_proxy_url:
        return []
    proxy = WebhookProxy(settings.webhook_proxy_url, f"{local_url(settings)}{WEBHOOK_PATH}")
    return [proxy.run]


def setup_host(settings: Settings, *, run_worker: bool, env_file: Path = ENV_FILE) -> tuple[AppHost, str]:
    """The host serving the setup pages, and the setup token. Once the App is registered, the settings
    are read again (now from `.env`) and the real app is activated in place of the pages."""
    token = secrets.token_urlsafe(18)
    host = AppHost(current=Starlette(), background=background_tasks(settings))

    async def on_registered() -> None:
        registered = load_settings(env_file=env_file)
        await host.activate(await run_in_threadpool(start_app, registered, run_worker=run_worker))

    pages = SetupPages(
        settings,
        token=token,
        app_yml=find_app_yml(),
        webhook_path=WEBHOOK_PATH,
        on_registered=on_registered,
        env_path=env_file,
    )
    host.current = pages.app()
    return host, token


def run(args: argparse.Namespace) -> int:
    settings = settings_or_exit(require_github=False)
    first_run = has_no_app_credentials(settings)
    if not first_run:
        settings = settings_or_exit()  # one line naming what is still missing
    database_or_exit(settings)
    if not args.no_migrate:
        upgrade(settings.database_url)
    if first_run:
        try:
            host, token = setup_host(settings, run_worker=not args.no_worker)
        except ManifestError as exc:
            print(
                f"repo-hygiene: no GitHub App is configured, and none can be registered: {exc}",
                file=sys.stderr,
            )
            return 2
        base = settings.base_url or local_url(settings)
        print(
            "repo-hygiene: no GitHub App is configured yet. To register it from app.yml, open\n"
            f"  {base}/setup?token={token}\n"
            "or fill in .env by hand (README: Registering the App). To try the app without a GitHub "
            "account: repo-hygiene demo",
            file=sys.stderr,
            flush=True,
        )
    else:
        host = AppHost(
            current=Starlette(),
            start_with=start_app(settings, run_worker=not args.no_worker),
            background=background_tasks(settings),
        )
    # Everything built so far lives as long as the process. Frozen, it is left out of full garbage
    # collections, which otherwise walk it and stall every request for ~90 ms (scripts/bench_intake.py).
    gc.freeze()
    uvicorn.run(
        host, host=settings.host, port=settings.port, log_config=None, proxy_headers=False, **uvicorn_limits()
    )
    return 0
