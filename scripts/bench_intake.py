"""Benchmark webhook intake over real HTTP: deliveries/s and acknowledgement latency at offered rates.

Usage: python scripts/bench_intake.py [--database sqlite|postgres] [--rates 100,250,500] [--seconds 5]

One web process (`create_app` without a worker, under uvicorn with the limits `serve` uses) runs in a
subprocess; this process offers signed `push` deliveries (GitHub's own example payload from
../shared/fixtures, about 7 KB) at a fixed rate in an open loop, 10% of them redelivered, and prints
per rate: deliveries acknowledged/s, p50 and p99 latency from the moment each request was due (so a
server that falls behind shows it), and how many were stored exactly once. `postgres` starts a
throwaway PostgreSQL cluster (tests/pg.py). Requests go over raw keep-alive sockets rather than an
HTTP client library, whose per-request CPU on the same cores would cap the offered rate before the
server does. Figures depend on the machine; run it on a quiet one.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.webhooks.verify import signature_for  # noqa: E402

SECRET = "bench-intake-secret"
IDLE_EXPIRY_SECONDS = 4.0
PAYLOAD = ROOT.parent / "shared" / "fixtures" / "webhooks" / "push" / "with-installation.payload.json"
SERVER = """
import gc, sys, uvicorn
from app.main import build_services, create_app
from app.server_limits import uvicorn_limits
from app.settings import Settings
from app.store.migrate import upgrade
url, port = sys.argv[1], int(sys.argv[2])
upgrade(url)
settings = Settings(webhook_secret=sys.argv[3], database_url=url, log_level="WARNING")
app = create_app(build_services(settings), run_worker=False)
gc.freeze()  # as `serve` does
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, **uvicorn_limits())
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start within 60 s")


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct))] if ordered else float("nan")


class _Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough of the protocol for this benchmark:
    a load generator built on a full client library spends more CPU per request than the server
    under test, on the same cores, and would measure itself."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.last_used = time.perf_counter()

    async def post(self, request: bytes) -> int:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        self.last_used = time.perf_counter()
        return status


async def _offer(
    port: int, rate: int, seconds: float, body: bytes, tag: str
) -> tuple[float, list[float], int]:
    signature = signature_for(SECRET, body)
    total = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    idle: list[_Connection] = []
    opened: list[_Connection] = []

    def request(guid: str) -> bytes:
        head = (
            f"POST /api/github/webhooks HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"X-GitHub-Event: push\r\nX-GitHub-Delivery: {guid}\r\n"
            f"X-Hub-Signature-256: {signature}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        return head.encode() + body

    async def connection() -> _Connection:
        while idle:
            conn = idle.pop()
            # the server closes a connection idle for its keep-alive timeout (5 s); as HTTP clients
            # do, do not send on one that may be closing
            if time.perf_counter() - conn.last_used < IDLE_EXPIRY_SECONDS:
                return conn
            conn.writer.close()
        made = _Connection(*await asyncio.open_connection("127.0.0.1", port))
        opened.append(made)
        return made

    start = time.perf_counter()

    async def one(n: int) -> None:
        nonlocal errors
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        guid = f"{tag}-{n - 1 if n % 10 == 9 else n}"  # every tenth is a redelivery of the one before
        try:
            conn = await connection()
            status = await asyncio.wait_for(conn.post(request(guid)), timeout=30)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1  # the server refused or dropped the connection, or fell too far behind
            return
        idle.append(conn)
        if status == 202:
            latencies.append((time.perf_counter() - due) * 1000)
        else:
            errors += 1

    await asyncio.gather(*(one(n) for n in range(total)))
    elapsed = time.perf_counter() - start
    for conn in opened:
        conn.writer.close()
    return elapsed, latencies, errors


def _stored(url: str, tag: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT count(*) FROM deliveries WHERE guid LIKE :t"), {"t": f"{tag}-%"}
        )
        count = int(found.scalar_one())
    engine.dispose()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--rates", default="100,250,500")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    if not PAYLOAD.is_file():
        raise SystemExit(f"needs GitHub's example payload at {PAYLOAD} (../shared beside the project)")
    body = json.dumps(json.loads(PAYLOAD.read_bytes())).encode()
    with ExitStack() as stack:
        if args.database == "postgres":
            sys.path.insert(0, str(ROOT))
            from tests.pg import throwaway_postgres

            url = stack.enter_context(throwaway_postgres())
            if url is None:
                raise SystemExit("PostgreSQL binaries or psycopg missing")
        else:
            folder = stack.enter_context(tempfile.TemporaryDirectory())
            url = f"sqlite:///{folder}/intake.db"
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-c", SERVER, url, str(port), SECRET]
        server = subprocess.Popen(command, env=env)  # noqa: S603 - this interpreter, our own script
        stack.callback(server.wait, 10)
        stack.callback(server.terminate)
        _wait_until_up(base, server)
        print(f"intake on {args.database}, one web process, {len(body)} byte push payload, 10% redelivered")
        print(
            f"{'offered/s':>10} {'acked/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'stored once':>12}"
        )
        for rate in (int(r) for r in args.rates.split(",")):
            tag = f"bench-{rate}-{time.time_ns()}"
            # a collector pause in this load generator would be charged to the server as latency
            gc.disable()
            elapsed, latencies, errors = asyncio.run(_offer(port, rate, args.seconds, body, tag))
            gc.enable()
            total = int(rate * args.seconds)
            unique = total - total // 10
            stored = _stored(url, tag)
            print(
                f"{rate:>10} {len(latencies) / elapsed:>9.0f} {_percentile(latencies, 0.5):>8.1f} "
                f"{_percentile(latencies, 0.99):>8.1f} {errors:>7} {f'{stored}/{unique}':>12}"
            )


if __name__ == "__main__":
    main()
