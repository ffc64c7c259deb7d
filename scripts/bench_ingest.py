"""Benchmark webhook ingest and job claiming on SQLite: prints latency figures, bounded in size.

Usage: python scripts/bench_ingest.py [--deliveries 500] [--body-kb 20]
Measures POST /api/github/webhooks (verify + store + enqueue, through the ASGI app in-process)
and claim+complete of the resulting jobs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import anyio
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.jobs import queue
from app.main import build_services, create_app
from app.settings import Settings
from app.tables import Base
from app.webhooks.verify import signature_for

SECRET = "bench-secret"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct))]


async def main(deliveries: int, body_kb: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(webhook_secret=SECRET, database_url=f"sqlite:///{folder}/bench.db")
        services = build_services(settings)
        Base.metadata.create_all(services.sessions.kw["bind"])
        app = create_app(services)
        filler = "x" * (body_kb * 1024)
        latencies: list[float] = []
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench"
        ) as client:
            for n in range(deliveries):
                body = json.dumps(
                    {"ref": "refs/heads/main", "installation": {"id": 1}, "pad": filler}
                ).encode()
                headers = {
                    "X-GitHub-Event": "push",
                    "X-GitHub-Delivery": f"bench-{n}",
                    "X-Hub-Signature-256": signature_for(SECRET, body),
                }
                started = time.perf_counter()
                response = await client.post("/api/github/webhooks", content=body, headers=headers)
                latencies.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 202, response.text
        claim_ms: list[float] = []
        while True:
            started = time.perf_counter()
            with services.sessions() as session, session.begin():
                job = queue.claim(session, "bench", lease=timedelta(minutes=1))
                if job is None:
                    break
                queue.complete(session, job.id, "bench")
            claim_ms.append((time.perf_counter() - started) * 1000)
        print(f"ingest: {deliveries} signed deliveries of ~{body_kb} KB on SQLite")
        print(
            f"  latency ms: p50 {statistics.median(latencies):.2f}  p95 {percentile(latencies, 0.95):.2f}"
            f"  max {max(latencies):.2f}"
        )
        print(
            f"claim+complete: {len(claim_ms)} jobs, p50 {statistics.median(claim_ms):.2f} ms"
            f"  p95 {percentile(claim_ms, 0.95):.2f} ms"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=500)
    parser.add_argument("--body-kb", type=int, default=20)
    args = parser.parse_args()
    anyio.run(main, min(args.deliveries, 5000), args.body_kb)
