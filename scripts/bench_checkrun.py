"""Benchmark the "Dependency advisories" check run end to end against the GitHub simulator.

Prints (1) GitHub API calls per check run for a typical pull request (cold: the parse cache emptied
first; warm: the base lockfile was parsed before), counted by the run itself and cross-checked with the
simulator's per-installation counters (which also include the one-call check by which the second
trigger of the same commit - check_suite at push, then pull_request at open - files nothing), and
(2) the time from webhook receipt to the completed check run for a pull request whose lockfile has
2,000 packages (target < 2 s), best, median and worst of N runs.

    /work/venv/bin/python scripts/bench_checkrun.py [--runs 5] [--packages 2000] [--advisories 5000]

Uses the app under uvicorn with its in-process worker and the simulator, both on 127.0.0.1
(the harness lives in tests/app/checkruns/e2e_harness.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete, select

from app.checkruns.store import CheckRunRecord
from app.store.models import Delivery
from app.store.parse_cache import ParsedBlob
from tests.app.checkruns.e2e_harness import World, start_world


def lockfile(count: int, vulnerable_version: str) -> str:
    names = [f"pkg-{i:05d}" for i in range(count - 1)] + ["lodash"]
    packages: dict[str, Any] = {"": {"name": "bench", "dependencies": {n: "1.0.0" for n in names[:50]}}}
    for name in names:
        version = vulnerable_version if name == "lodash" else f"1.{hash(name) % 7}.0"
        packages[f"node_modules/{name}"] = {"version": version}
    return json.dumps(
        {"name": "bench", "lockfileVersion": 3, "requires": True, "packages": packages}, indent=2
    )


def advisories(count: int, packages: int) -> list[dict[str, Any]]:
    """`count` synthetic npm advisories: one in five on a package of the lockfile, the rest elsewhere."""
    records = []
    for i in range(count):
        name = f"pkg-{(i // 5) % packages:05d}" if i % 5 == 0 else f"other-{i}"
        records.append(
            {
                "id": f"GHSA-bench-{i:05d}",
                "modified": "2024-01-01T00:00:00Z",
                "summary": f"Synthetic advisory {i}",
                "database_specific": {"severity": ["LOW", "MODERATE", "HIGH", "CRITICAL"][i % 4]},
                "affected": [
                    {
                        "package": {"ecosystem": "npm", "name": name},
                        "ranges": [
                            {"type": "SEMVER", "events": [{"introduced": "9.0.0"}, {"fixed": "9.1.0"}]}
                        ],
                    }
                ],
            }
        )
    records.append(
        {
            "id": "GHSA-p6mc-m468-83gw",
            "modified": "2024-01-01T00:00:00Z",
            "summary": "Prototype Pollution in lodash",
            "database_specific": {"severity": "HIGH"},
            "affected": [
                {
                    "package": {"ecosystem": "npm", "name": "lodash"},
                    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.19"}]}],
                }
            ],
        }
    )
    return records


def api_calls(world: World, repo: str, branch: str, files: dict[str, str]) -> tuple[list[int], int, int, str]:
    """Push a branch and open a PR with webhooks flowing. Returns the calls each run counted itself,
    the simulator's count of installation calls, its count of token mints, and the last conclusion."""
    world.control.wait_for_webhooks()
    world.control.reset_calls()
    head = str(world.control.push("acme", repo, files, branch=branch))
    world.open_pull("acme", repo, branch)
    world.settle()
    run = world.completed_run(head)
    with world.services.sessions() as session:
        rows = session.scalars(
            select(CheckRunRecord).where(CheckRunRecord.head_sha == head).order_by(CheckRunRecord.id)
        ).all()
    calls = world.control.calls()
    if "--debug" in sys.argv:
        print(json.dumps(calls["detail"], indent=1))
    installation = sum(c for key, c in calls["by_installation"].items() if key != "None")
    tokens = sum(c for e, c in calls["by_endpoint"].items() if "access_tokens" in e)
    return [int(r.details.get("api_calls", 0)) for r in rows], installation, tokens, str(run.conclusion)


def latency(world: World, index: int, big: str, base_files: dict[str, str]) -> tuple[float, float]:
    """(webhook received by the app -> run completed, PR opened -> completed run seen), in seconds."""
    world.control.set_webhooks(enabled=False)  # only the pull_request event triggers this run
    files = {**base_files, "package-lock.json": big, "README.md": f"# big {index}\n"}  # a distinct commit
    head = str(world.control.push("acme", "big", files, branch=f"b{index}"))
    world.control.set_webhooks(enabled=True)
    started = time.perf_counter()
    world.open_pull("acme", "big", f"b{index}")
    world.completed_run(head, timeout=60)
    seen = time.perf_counter() - started
    world.settle()
    with world.services.sessions() as session:
        received = session.scalars(
            select(Delivery.received_at).where(Delivery.event == "pull_request").order_by(Delivery.id.desc())
        ).first()
        records = session.scalars(select(CheckRunRecord).where(CheckRunRecord.head_sha == head)).all()
        if len(records) != 1:
            raise RuntimeError(f"expected one check run on {head}, found {len(records)}")
        record = records[0]
    assert received is not None and record.completed_at is not None
    return (record.completed_at - received).total_seconds(), seen


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--packages", type=int, default=2000)
    parser.add_argument("--advisories", type=int, default=5000)
    parser.add_argument("--debug", action="store_true", help="print the simulator's call counters")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        world = start_world(Path(tmp))
        try:
            world.add_advisories(*advisories(args.advisories, args.packages))
            world.control.create_org("acme")
            world.control.create_user("alice", orgs={"acme": "admin"})
            typical = {"package-lock.json": lockfile(200, "4.17.21"), "README.md": "# shop\n"}
            world.control.create_repo("acme", "shop", files=typical)
            base_big = {"package-lock.json": lockfile(args.packages, "4.17.21"), "README.md": "# big\n"}
            world.control.create_repo("acme", "big", files=base_big)
            world.control.install("acme")
            world.settle()

            print("API calls per check run, typical PR (200-package lockfile, one dependency bumped):")
            for label, branch, version in (
                ("cold cache", "bump-1", "4.17.15"),
                ("warm cache", "bump-2", "4.17.16"),
            ):
                if label == "cold cache":
                    with world.services.sessions() as session, session.begin():
                        session.execute(delete(ParsedBlob))
                files = {**typical, "package-lock.json": lockfile(200, version)}
                files["README.md"] = f"# shop {branch}\n"
                own, sim, tokens, conclusion = api_calls(world, "shop", branch, files)
                print(
                    f"  {label}: {len(own)} run(s) filed for the head, calls per run {own} "
                    f"(simulator: {sim} installation calls in total + {tokens} token mint(s)); {conclusion}"
                )

            big = lockfile(args.packages, "4.17.15")
            receipt, seen = [], []
            for i in range(args.runs):
                a, b = latency(world, i, big, base_big)
                receipt.append(a)
                seen.append(b)
            print(
                f"Webhook receipt -> completed check run, {args.packages}-package lockfile, "
                f"{args.advisories + 1} advisories in the database, {args.runs} runs:"
            )
            print(
                f"  best {min(receipt):.3f} s, median {statistics.median(receipt):.3f} s, "
                f"worst {max(receipt):.3f} s (target < 2 s)"
            )
            print(f"  PR opened -> completed run observed: median {statistics.median(seen):.3f} s")
        finally:
            world.app.stop()
            world.sim.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
