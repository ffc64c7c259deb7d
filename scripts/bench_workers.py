"""Benchmark: jobs per second with 1, 2 and 4 `worker` processes (one `serve --no-worker` in front).

    python scripts/bench_workers.py [--workers 1 2 4] [--shapes 1x200 20x10] [--backends sqlite postgres]

For each backend (a SQLite file; a throwaway PostgreSQL, tests/pg.py), each shape (ORGSxREPOS: one
organisation of 200 repositories, twenty of ten) and each worker count: the GitHub simulator in this
process, a fresh database, the organisations built and installed with webhooks recorded (a push to every
default branch, a branch, pull request and second push on every other repository), then the workers
start, the start-up sync runs, and the recorded deliveries are posted concurrently. Timed from the first
POST until no job is due or running; jobs/s = jobs finished in that time / seconds. Prints a table.
The simulator shares this machine's cores with the processes measured. Write pacing is off
(WRITE_INTERVAL_MS=0): with GitHub's second between an installation's writes, one organisation's jobs
would be bound by its writes, not by the workers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.testing import WebhookReceiver
from tests.app.scaleout.cluster import activity, build_orgs, cluster, send_all
from tests.pg import throwaway_postgres


def measure(database_url: str, workdir: Path, orgs: int, repos: int, workers: int) -> tuple[int, float]:
    with cluster(workdir, database_url, webs=1) as running, WebhookReceiver() as receiver:
        running.sim.control.set_webhooks(url=receiver.url)
        build_orgs(running.sim, orgs, repos)
        running.sim.control.wait_for_webhooks(120)
        captured = activity(receiver)
        running.sim.control.set_webhooks(url=running.webhook_url(0))
        running.start_web(0)
        for index in range(workers):
            running.start(f"worker{index}", "worker")
        running.wait_idle(1800)
        before = running.job_states()["done"]
        started = time.monotonic()
        send_all(running, captured)
        running.wait_idle(1800)
        seconds = time.monotonic() - started
        return running.job_states()["done"] - before, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--shapes", nargs="+", default=["1x200", "20x10"])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    args = parser.parse_args()
    rows = []
    for backend in args.backends:
        for shape in args.shapes:
            orgs, repos = (int(n) for n in shape.split("x"))
            for workers in args.workers:
                with tempfile.TemporaryDirectory(prefix="bench-workers-") as folder:
                    if backend == "sqlite":
                        jobs, seconds = measure(
                            f"sqlite:///{folder}/bench.db", Path(folder), orgs, repos, workers
                        )
                    else:
                        with throwaway_postgres() as server:
                            if server is None:
                                print("PostgreSQL is not available; skipped", file=sys.stderr)
                                continue
                            jobs, seconds = measure(server, Path(folder), orgs, repos, workers)
                rows.append((backend, shape, workers, jobs, seconds))
                print(f"{backend:9} {shape:6} workers={workers}: {jobs} jobs in {seconds:.1f} s", flush=True)
    print(f"\n{'backend':9} {'orgs x repos':12} {'workers':>7} {'jobs':>6} {'seconds':>8} {'jobs/s':>7}")
    for backend, shape, workers, jobs, seconds in rows:
        print(f"{backend:9} {shape:12} {workers:>7} {jobs:>6} {seconds:>8.1f} {jobs / seconds:>7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
