"""`repo-hygiene worker`: a worker process alone (web processes then run with --no-worker)."""

from __future__ import annotations

import argparse
import signal

import anyio

from app.commands._common import database_or_exit, settings_or_exit
from app.main import build_services
from app.wiring import load_handlers
from app.worker import Worker


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--concurrency", type=int, default=None, help="jobs run at once (WORKER_CONCURRENCY)")


async def _main(worker: Worker) -> None:
    async with anyio.create_task_group() as tg:

        async def stop_on_signal() -> None:
            with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
                async for _ in signals:
                    worker.stop()
                    return

        tg.start_soon(stop_on_signal)
        await worker.run()
        tg.cancel_scope.cancel()


def run(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    database_or_exit(settings)
    load_handlers()
    worker = Worker(build_services(settings), concurrency=args.concurrency)
    anyio.run(_main, worker)
    return 0
