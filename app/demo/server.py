"""The app side of `repo-hygiene demo`: settings pointed at the simulator, a migrated database holding the
demo's advisories, and the app (webhooks, dashboard, worker) served by uvicorn in a background thread."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import uvicorn
from sqlalchemy import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.importer import ImportReport, import_items
from app.advisories.sources.files import iter_paths
from app.main import build_services, create_app
from app.server_limits import uvicorn_limits
from app.settings import Settings, load_settings
from app.store.migrate import upgrade

log = logging.getLogger(__name__)

ADVISORIES_DIR = Path(__file__).resolve().parent / "advisories"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
DEMO_SHUTDOWN_SECONDS = 5  # running jobs get this long to finish when the demo stops


class DemoError(RuntimeError):
    """The demo cannot go on (a port in use, a database that will not migrate); the message says why."""


def demo_settings(
    *, port: int, sim_url: str, database_url: str, private_key: str, webhook_secret: str, client_secret: str
) -> Settings:
    """The app's settings for the demo. The demo's own values win over the environment, and `.env` is
    not read: a real App's settings must never be mixed with the sandbox's."""
    environ = {
        **os.environ,
        "APP_ID": "1",
        "PRIVATE_KEY": private_key,
        "WEBHOOK_SECRET": webhook_secret,
        "GITHUB_API_URL": sim_url,
        "GITHUB_CLIENT_ID": "Iv1.demo",
        "GITHUB_CLIENT_SECRET": client_secret,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DATABASE_URL": database_url,
        "BASE_URL": f"http://127.0.0.1:{port}",  # the dashboard's OAuth redirect: {BASE_URL}/auth/callback
        "WRITE_INTERVAL_MS": "0",  # the local simulator has no secondary rate limit to respect
    }
    environ.pop("SESSION_SECRET", None)
    return load_settings(environ, env_file=None)


def load_demo_advisories(sessions: sessionmaker[Session]) -> ImportReport:
    """Import the shipped OSV records with the advisory store's own importer; refuses to go on
    without them (the check run would show nothing)."""
    files = sorted(ADVISORIES_DIR.glob("*.json"))
    report = import_items(sessions, iter_paths(files))
    stored = report.stats.inserted + report.stats.updated + report.stats.unchanged
    if not files or report.rejected_count or stored != len(files):
        reasons = "; ".join(f"{origin}: {why}" for origin, why in report.rejected) or "no records found"
        raise DemoError(f"could not load the demo advisories from {ADVISORIES_DIR}: {reasons}")
    return report


class DemoApp:
    """The app with an in-process worker, started in a background thread and stopped gracefully."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        try:
            self.services = build_services(settings)
        except Exception as exc:  # e.g. an unknown database dialect or a driver that is not installed
            raise DemoError(f"cannot use the database {self._shown_url()}: {exc}") from exc
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def _shown_url(self) -> str:
        """The database URL without its password, for messages."""
        try:
            return make_url(self.settings.database_url).render_as_string(hide_password=True)
        except Exception:  # not even parseable: show only its scheme
            return self.settings.database_url.split("://", 1)[0] + "://..."

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.port}"

    def prepare(self) -> ImportReport:
        try:
            upgrade(self.settings.database_url)
        except Exception as exc:  # the database URL comes from the command line: say what went wrong
            raise DemoError(f"could not create the schema in {self._shown_url()}: {exc}") from exc
        return load_demo_advisories(self.services.sessions)

    def server_config(self) -> uvicorn.Config:
        """The demo's uvicorn: the connection limits and timeouts of `serve`, a shorter shutdown."""
        web = create_app(self.services, run_worker=True, worker_poll=0.5)
        return uvicorn.Config(
            web,
            host="127.0.0.1",
            port=self.settings.port,
            log_config=None,
            access_log=False,
            **{**uvicorn_limits(), "timeout_graceful_shutdown": DEMO_SHUTDOWN_SECONDS},
        )

    def start(self) -> None:
        self._server = uvicorn.Server(self.server_config())
        self._thread = threading.Thread(target=self._server.run, name="demo-app", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise DemoError(f"the app did not start on {self.url} (is port {self.settings.port} in use?)")
            time.sleep(0.05)

    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        """Stop accepting requests, let the worker finish its running jobs, close the database."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=STOP_TIMEOUT)
            if self._thread.is_alive():
                log.warning("the app did not stop within %.0f s", STOP_TIMEOUT)
        self.services.sessions.kw["bind"].dispose()
