"""`repo-hygiene demo`: the GitHub simulator with a seeded organisation, and the app pointed at it.

Order: simulator up -> app registered (its OAuth callback is the dashboard's /auth/callback) -> org
seeded -> database migrated and the demo advisories imported -> app and worker up -> app installed
(installation.created reaches the running app, which opens its hygiene pull requests) -> a member
opens a pull request bumping lodash (the app files a failing "Dependency advisories" check run).
Ctrl-C or SIGTERM stops the app (its worker finishes running jobs), then the simulator and its webhook
sender, and the command exits 0.
"""

from __future__ import annotations

import argparse
import secrets
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from app.demo.messages import print_instructions, print_sim_only, say
from app.demo.world import DEMO_ADMIN, DEMO_ORG, open_lodash_bump, seed_demo_org
from app.errors import SettingsError
from app.settings import LOG_LEVELS
from simulator.testing import SimulatorServer, generate_app_keypair

APP_ID = 1
CLIENT_ID = "Iv1.demo"


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 1 and 65535, not {port}")
    return port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sim-port", type=port_number, default=3001, help="port of the GitHub simulator (default 3001)"
    )
    parser.add_argument("--port", type=port_number, default=3000, help="port of the app (default 3000)")
    parser.add_argument(
        "--database-url",
        default=None,
        help="database for the app (default: a temporary SQLite file, deleted when the demo stops)",
    )
    parser.add_argument("--sim-only", action="store_true", help="run and seed the simulator without the app")
    parser.add_argument(
        "--log-level",
        default="WARNING",
        type=str.upper,
        choices=LOG_LEVELS,
        help="log level of the app's own messages (default WARNING)",
    )


@contextmanager
def stop_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT (Ctrl-C) and SIGTERM set `stop` instead of raising or killing the process, so every part
    gets shut down in order; the previous handlers come back afterwards."""

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def wait_until(stop: threading.Event, alive: Callable[[], bool] | None = None) -> None:
    while not stop.wait(0.25):
        if alive is not None and not alive():
            say("The app stopped unexpectedly; shutting the demo down.")
            return


def busy_port(args: argparse.Namespace) -> str | None:
    """Which port option names a port something already listens on (checked before anything starts)."""
    wanted = [("--sim-port", args.sim_port)] + ([] if args.sim_only else [("--port", args.port)])
    if not args.sim_only and args.port == args.sim_port:
        return f"--port and --sim-port are both {args.port}; give them different ports"
    for option, port in wanted:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is fine
            try:
                probe.bind(("127.0.0.1", port))
            except OSError as exc:
                return f"port {port} ({option}) is not free ({exc.strerror}); choose another with {option}"
    return None


def run(args: argparse.Namespace) -> int:
    from app.logging_setup import configure_logging

    configure_logging(args.log_level)
    problem = busy_port(args)
    if problem:
        say(f"repo-hygiene demo: {problem}")
        return 1
    say("Starting the GitHub simulator and repo-hygiene (a few seconds)...")
    stop = threading.Event()
    with stop_signals(stop), tempfile.TemporaryDirectory(prefix="repo-hygiene-demo-") as scratch:
        try:
            sim = SimulatorServer(port=args.sim_port).start()
        except (RuntimeError, OSError) as exc:
            say(f"repo-hygiene demo: the GitHub simulator could not start on port {args.sim_port}: {exc}")
            return 1
        try:
            return _run(args, sim, stop, Path(scratch))
        finally:
            sim.stop()
            say("Stopped.")


def _run(args: argparse.Namespace, sim: SimulatorServer, stop: threading.Event, scratch: Path) -> int:
    private_key, public_key = generate_app_keypair()
    webhook_secret, client_secret = secrets.token_hex(16), secrets.token_hex(20)
    app_url = f"http://127.0.0.1:{args.port}"
    control = sim.control
    control.register_app(
        id=APP_ID,
        slug="repo-hygiene",
        name="repo-hygiene (demo)",
        public_key_pem=public_key,
        webhook_secret=webhook_secret,
        webhook_url=f"{app_url}/api/github/webhooks",
        client_id=CLIENT_ID,
        client_secret=client_secret,
        callback_urls=[f"{app_url}/auth/callback"],
    )
    seeded = seed_demo_org(control)
    control.set_oauth_user(DEMO_ADMIN)  # the simulator's "browser" is signed in as the org's admin
    if args.sim_only:
        control.install(DEMO_ORG)
        print_sim_only(sim, seeded)
        wait_until(stop)
        return 0

    from app.demo.server import DemoApp, DemoError, demo_settings

    database_url = args.database_url or f"sqlite:///{scratch / 'demo.db'}"
    try:
        settings = demo_settings(
            port=args.port,
            sim_url=sim.base_url,
            database_url=database_url,
            private_key=private_key,
            webhook_secret=webhook_secret,
            client_secret=client_secret,
        )
    except SettingsError as exc:  # --database-url, or a malformed value in the environment
        say(f"repo-hygiene demo: {exc}")
        return 1
    try:
        app = DemoApp(settings)
    except DemoError as exc:
        say(f"repo-hygiene demo: {exc}")
        return 1
    try:
        report = app.prepare()
        app.start()
    except DemoError as exc:
        say(f"repo-hygiene demo: {exc}")
        app.stop()
        return 1
    try:
        if stop.is_set():  # Ctrl-C while the database was being prepared
            return 0
        control.install(DEMO_ORG)  # installation.created now reaches the running app
        try:
            control.wait_for_webhooks(timeout=30)  # the installation first, then the member's PR
        except TimeoutError:
            say("(The app is slow to take the installation's webhooks; they will still arrive.)")
        pull = open_lodash_bump(control)
        advisories = report.stats.inserted + report.stats.updated + report.stats.unchanged
        print_instructions(sim, app.url, seeded, advisories, pull, temporary=args.database_url is None)
        wait_until(stop, app.alive)
    finally:
        app.stop()
    return 0
