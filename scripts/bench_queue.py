"""Benchmark: claiming a job from the PostgreSQL queue with 100,000 jobs queued.

    python scripts/bench_queue.py [--queued 100000] [--claims 40] [--installations 20] [--explain]

Starts a throwaway PostgreSQL server (tests/pg.py: Debian's postgresql binaries), creates the schema
with the real migration, and queues `--queued` due jobs: 70% `scan_repository` spread over
`--installations` installations (each with all its scan slots taken by running scans, so its other
scans must be passed over) and 30% `checkrun.run` (interactive, claimed first). Then one worker
claims `--claims` jobs one after the other on one pooled connection, as a worker does (psycopg
prepares a statement after its 5th execution, and PostgreSQL may switch a prepared statement to a
generic plan after 5 more), and prints the claim time per execution and the median of the first 10
and the last 10. `--explain` prints EXPLAIN ANALYZE of the
candidate query as a custom and as a generic plan.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.jobs import queue
from app.store.base import make_engine, make_sessionmaker
from app.store.migrate import upgrade
from tests.pg import throwaway_postgres


def fill(url: str, queued: int, installations: int) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                """
                INSERT INTO jobs (kind, payload, state, priority, attempts, max_attempts, run_after,
                                  installation_id, repository_id, created_at, updated_at)
                SELECT CASE WHEN n % 10 < 7 THEN 'scan_repository' ELSE 'checkrun.run' END,
                       '{}'::jsonb, 'queued', CASE WHEN n % 10 < 7 THEN 1 ELSE 0 END, 0, 5,
                       now() - interval '1 hour' + n * interval '10 ms',
                       1 + n % :installations, n, now(), now()
                FROM generate_series(1, :queued) AS n
                """
            ),
            {"queued": queued, "installations": installations},
        )
        conn.execute(  # every installation's scan slots already taken
            text(
                """
                INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_after, lease_until,
                                  locked_by, installation_id, created_at, updated_at)
                SELECT 'scan_repository', '{}'::jsonb, 'running', 1, 5, now(), now() + interval '1 hour',
                       'other-worker', 1 + i % :installations, now(), now()
                FROM generate_series(1, :installations * :slots) AS i
                """
            ),
            {"installations": installations, "slots": queue.DEFAULT_SLOTS},
        )
        conn.execute(text("ANALYZE jobs"))
    engine.dispose()


def explain(url: str) -> None:
    """EXPLAIN ANALYZE of the candidate query, prepared with the time as its parameter, as PostgreSQL
    plans it for a given value (custom) and for any value (generic: what a reused statement may get)."""
    engine = make_engine(url)
    now = datetime.now(UTC)
    marker = datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)
    sql = str(queue.candidates_query(marker).compile(engine, compile_kwargs={"literal_binds": True}))
    sql = sql.replace("'2001-02-03 04:05:06+00:00'", "$1")
    with engine.connect() as conn:
        conn.execute(text(f"PREPARE candidates (timestamptz) AS {sql}"))
        for mode in ("force_custom_plan", "force_generic_plan"):
            conn.execute(text(f"SET plan_cache_mode = {mode}"))
            plan = conn.execute(
                text(f"EXPLAIN (ANALYZE, COSTS OFF) EXECUTE candidates ('{now.isoformat()}')")
            )
            print(f"--- {mode}")
            for (line,) in plan:
                print(line)
        conn.rollback()
    engine.dispose()


def claims(url: str, count: int) -> list[float]:
    engine = make_engine(url, pool_size=1, max_overflow=0)
    sessions = make_sessionmaker(engine)
    timings: list[float] = []
    for n in range(count):
        started = time.perf_counter()
        with sessions() as session, session.begin():
            job = queue.claim(session, f"bench-{n}", lease=timedelta(minutes=1))
        timings.append((time.perf_counter() - started) * 1000)
        assert job is not None
    engine.dispose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--queued", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=40)
    parser.add_argument("--installations", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    with throwaway_postgres() as url:
        if url is None:
            sys.exit("PostgreSQL binaries (initdb, pg_ctl) or psycopg are not available")
        upgrade(url)
        fill(url, args.queued, args.installations)
        if args.explain:
            explain(url)
        timings = claims(url, args.claims)
    print(f"{args.queued:,} queued, {args.installations} installations with all scan slots taken")
    print("claim ms by execution: " + " ".join(f"{t:.1f}" for t in timings))
    print(
        f"median of the first 10: {statistics.median(timings[:10]):.1f} ms, "
        f"of the last 10: {statistics.median(timings[-10:]):.1f} ms, max {max(timings):.1f} ms"
    )


if __name__ == "__main__":
    main()
