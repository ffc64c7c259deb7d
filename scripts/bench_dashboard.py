"""Time the dashboard's org page at 10,000 repositories (server time via httpx.ASGITransport).

Seeds a fresh SQLite file with N repositories x the three hygiene checks (+ history rows and jobs), signs a
session in directly, then renders `/orgs/{org}` (and a few filtered/sorted variants) `--runs` times
each and prints the median, p90 and the page weight in bytes. Target: median < 200 ms.

    /work/venv/bin/python scripts/bench_dashboard.py [--repos 10000] [--runs 15] [--db PATH] [--postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import httpx
from cryptography.fernet import Fernet
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app.store  # noqa: F401
from app.dashboard import dashboard_app
from app.dashboard.access import Access
from app.dashboard.context import SESSION_COOKIE
from app.dashboard.github_user import GitHubUser, GitHubUserClient
from app.dashboard.keys import fernet_key, session_secret
from app.dashboard.web_security import CookieJar
from app.jobs.context import Services
from app.store.base import Base, make_engine, make_sessionmaker
from app.store.models import (
    CheckResultHistory,
    CheckResultRow,
    HygienePullRequest,
    Installation,
    Job,
    Repository,
)

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
CHECKS = ("security-policy", "security-badge", "dependency-advisories")
SETTINGS = SimpleNamespace(  # throwaway values for a local benchmark
    github_client_id="Iv1.bench",
    github_client_secret="bench",  # noqa: S106 (throwaway)
    github_api_url="http://127.0.0.1:9/api/v3",
    webhook_secret="bench-webhook-secret",  # noqa: S106
    private_key="",
    base_url="",
)


def seed(url: str, repos: int) -> None:
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    status_of = ("pass", "fail", "pass", "not_applicable", "pass", "error")
    with engine.begin() as conn:
        conn.execute(
            insert(Installation),
            [{"id": 1, "account_login": "bigorg", "account_id": 1, "account_type": "Organization"}],
        )
        conn.execute(
            insert(Repository),
            [
                {
                    "id": i,
                    "installation_id": 1,
                    "owner": "bigorg",
                    "name": f"repo-{i:05d}",
                    "private": i % 3 == 0,
                    "visibility": "private" if i % 3 == 0 else "public",
                    "html_url": f"https://github.com/bigorg/repo-{i:05d}",
                    "last_scanned_at": NOW - timedelta(minutes=i % 1440),
                }
                for i in range(1, repos + 1)
            ],
        )
        results, history = [], []
        for i in range(1, repos + 1):
            for n, check_id in enumerate(CHECKS):
                status = status_of[(i + n) % len(status_of)]
                details = {}
                if check_id == "dependency-advisories" and status == "fail":
                    finding = {"advisory_id": f"GHSA-{i % 97:04d}", "severity": "high", "package": "lodash"}
                    details = {
                        "findings": [{**finding, "version": "4.17.0"}],
                        "data": {"counts": {"high": 1}},
                    }
                results.append(
                    {
                        "repository_id": i,
                        "check_id": check_id,
                        "status": status,
                        "summary": f"{check_id} {status}",
                        "details": details,
                        "scanned_at": NOW - timedelta(minutes=i % 1440),
                    }
                )
                history.append(
                    {
                        "repository_id": i,
                        "check_id": check_id,
                        "status": "fail",
                        "summary": "",
                        "scanned_at": NOW - timedelta(days=60 + i % 20),
                    }
                )
                history.append(
                    {
                        "repository_id": i,
                        "check_id": check_id,
                        "status": status,
                        "summary": "",
                        "scanned_at": NOW - timedelta(days=i % 40),
                    }
                )
        conn.execute(insert(CheckResultRow), results)
        conn.execute(insert(CheckResultHistory), history)
        conn.execute(
            insert(HygienePullRequest),
            [
                {
                    "repository_id": i,
                    "number": 1,
                    "branch": "repo-hygiene/security-policy",
                    "state": "open" if i % 2 else "declined",
                    "html_url": f"https://github.com/bigorg/repo-{i:05d}/pull/1",
                }
                for i in range(1, repos + 1, 7)
            ],
        )
        conn.execute(insert(Job), jobs_rows(repos))
    with engine.begin() as conn:  # planner statistics, as autovacuum / a live database would have them
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def membership(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"state": "active", "role": "admin"})


def jobs_rows(repos: int) -> list[dict[str, object]]:
    """Failed jobs of the org (one per 20 repositories + 20 deliveries), 2,000 of another
    installation, and 20,000 done jobs not yet pruned."""

    def job(state: str, installation_id: int, repository_id: int | None, n: int) -> dict[str, object]:
        at = NOW - timedelta(minutes=n)
        failed = state == "failed"
        return {
            "kind": "scan_repository" if repository_id else "delivery",
            "payload": {},
            "state": state,
            "attempts": 5 if failed else 1,
            "last_error": f"GitHub answered 502 for job {n} (token ghs_{n:036d})" if failed else None,
            "installation_id": installation_id,
            "repository_id": repository_id,
            "updated_at": at,
            "finished_at": at,
        }

    rows = [job("failed", 1, i, i) for i in range(1, repos + 1, 20)]
    rows += [job("failed", 1, None, n) for n in range(20)]
    rows += [job("failed", 2, None, n) for n in range(2_000)]
    rows += [job("done", 1, 1 + n % repos, n) for n in range(20_000)]
    return rows


async def measure(url: str, runs: int) -> list[tuple[str, float, float, int]]:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    services = Services(SETTINGS, sessions, None)  # type: ignore[arg-type]
    app = dashboard_app(services, transport=httpx.MockTransport(membership), now=lambda: NOW)
    secret = session_secret(SETTINGS)
    user_client = GitHubUserClient(SETTINGS.github_api_url, "", "", transport=None)
    Access(sessions, user_client, Fernet(fernet_key(secret)), lambda: NOW).create_session(
        "bench-session", GitHubUser(1, "bench"), "ghu_bench", None
    )
    cookie_value = CookieJar(secret, force_secure=False).encode({"sid": "bench-session", "csrf": "x"})
    results = []
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://bench.test",
        cookies={SESSION_COOKIE: cookie_value},
    ) as client:
        for label, path in [
            ("org page (default)", "/orgs/bigorg"),
            ("failing only", "/orgs/bigorg?failing=1"),
            ("name filter", "/orgs/bigorg?name=99"),
            ("sort by failing", "/orgs/bigorg?sort=failing"),
            ("page 150", "/orgs/bigorg?page=150"),
            ("trend.svg", "/orgs/bigorg/trend.svg"),
            ("advisories", "/orgs/bigorg/advisories"),
            ("failed jobs", "/orgs/bigorg/jobs"),
            ("failed jobs page 5", "/orgs/bigorg/jobs?page=5"),
        ]:
            first = await client.get(path)
            assert first.status_code == 200, (path, first.status_code)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                page = await client.get(path)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p90 = times[int(0.9 * (len(times) - 1))]
            results.append((label, statistics.median(times), p90, len(page.content)))
    engine.dispose()
    return results


def run(url: str, repos: int, runs: int) -> None:
    start = time.perf_counter()
    seed(url, repos)
    print(
        f"{url.split(':', 1)[0]}: seeded {repos} repositories x {len(CHECKS)} checks (+2 history rows each) "
        f"in {time.perf_counter() - start:.1f} s"
    )
    print(f"{'page':<22}{'median ms':>10}{'p90 ms':>9}{'bytes':>9}")
    for label, median, p90, size in asyncio.run(measure(url, runs)):
        print(f"{label:<22}{median:>10.1f}{p90:>9.1f}{size:>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, help="SQLite file to create (default: a temporary one)")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="also run on a throwaway PostgreSQL cluster (Debian's binaries)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        if path.exists():
            path.unlink()
        run(f"sqlite:///{path}", args.repos, args.runs)
    if args.postgres:
        from tests.pg import throwaway_postgres

        with throwaway_postgres() as url:
            if url is None:
                print("postgresql: skipped (initdb/pg_ctl or psycopg missing)")
            else:
                run(url, args.repos, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
