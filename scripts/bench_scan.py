"""Benchmark repository snapshots against the local GitHub simulator: GitHub calls and time per repo.

Usage: python scripts/bench_scan.py [--repos 30] [--files 200]
Each repository has `--files` files (README, SECURITY.md, a lockfile, the rest source files); the
snapshot reads one tree and only the blobs the registered checks need. Bounded to 200 repositories.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import time
from pathlib import Path

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checks
from app.github.client import GitHubApp
from app.settings import Settings
from app.snapshot import fetch_snapshot
from checks.config import CONFIG_NEEDS
from simulator.testing import SimulatorServer, generate_app_keypair

SECRET = secrets.token_hex(8)


async def scan_all(app: GitHubApp, installation_id: int, names: list[str]) -> list[float]:
    needs = (*checks.all_needs(), *CONFIG_NEEDS)
    timings: list[float] = []
    for name in names:
        async with app.installation(installation_id) as gh:
            started = time.perf_counter()
            snapshot = await fetch_snapshot(gh, "bench", name, needs=needs)
            timings.append((time.perf_counter() - started) * 1000)
            assert snapshot.paths, name
    return timings


def main(repos: int, files: int) -> None:
    private, public = generate_app_keypair()
    with SimulatorServer() as sim:
        control = sim.control
        control.register_app(
            id=1, slug="bench", public_key_pem=public, webhook_secret=SECRET, webhook_url=None
        )
        control.create_org("bench")
        names = [f"repo-{n}" for n in range(repos)]
        for name in names:
            tree = {f"src/pkg{n % 10}/mod{n}.py": f"x = {n}\n" for n in range(max(files - 3, 0))}
            tree |= {"README.md": f"# {name}\n", "SECURITY.md": "Report to sec@bench.dev\n"}
            tree["package-lock.json"] = '{"lockfileVersion": 3, "packages": {}}\n'
            control.create_repo("bench", name, files=tree)
        installation_id = control.install("bench")
        control.reset_calls()
        settings = Settings(app_id=1, private_key=private, webhook_secret=SECRET, github_api_url=sim.base_url)
        timings = anyio.run(scan_all, GitHubApp(settings), installation_id, names)
        calls = control.calls()
    per_repo = calls["total"] / repos
    print(f"snapshots: {repos} repositories of {files} files each, against the simulator on loopback")
    print(f"  GitHub calls per repository: {per_repo:.1f} (including one token mint per client)")
    print(f"  time per snapshot ms: p50 {statistics.median(timings):.1f}  max {max(timings):.1f}")
    for endpoint, count in sorted(calls["by_endpoint"].items(), key=lambda kv: -kv[1])[:6]:
        print(f"    {count:5d}  {endpoint}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=30)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    main(min(args.repos, 200), min(args.files, 5000))
