"""Benchmark the first scan of a whole organisation against the local GitHub simulator: GitHub calls.

Usage: python scripts/bench_org_scan.py [--repos 1000] [--files 40] [--deep] [--rescan]
The org has `--repos` repositories (README, SECURITY.md in some, package.json and a lockfile in most,
a large lockfile in every tenth, the rest source files) and a `.github` repository with the org-wide
policy and configuration. Every repository is snapshot in bulk as a bulk scan job reads it
(`app/bulk_snapshot.py`: GraphQL batches for metadata, the app's pull requests, trees and small
blobs; REST for deep trees and large blobs) and, for comparison, the figure a naive reader would
reach: one tree plus one blob per file a check reads, per repository. Prints the REST calls by
endpoint, the GraphQL queries, and the average REST calls per repository. `--deep` puts the source
files five directories down, deeper than a GraphQL tree listing reaches, so trees are read over REST
(as for large repositories). With `--rescan`, the unchanged org is then scanned a second time as a
later bulk scan would (the same token, the answers kept for conditional requests and the parses kept
by blob sha) and the same figures are printed with the number of REST requests GitHub answered 304
(free).
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checks
from app.actions.plan import BRANCH
from app.bulk_snapshot import BulkSnapshots
from app.github.client import GitHubApp
from app.github.gateway import CallCounter
from app.settings import Settings
from app.snapshot import Key
from app.store.parse_cache import StoredParse
from checks.config import CONFIG_NEEDS
from simulator.testing import SimControl, SimulatorServer, generate_app_keypair

SECRET = secrets.token_hex(8)
ORG = "bench"
TOKEN_MINT = "POST /app/installations/{installation_id}/access_tokens"
GRAPHQL = "POST /graphql"


def repo_files(n: int, files: int, deep: bool = False) -> dict[str, str]:
    src = "src/a/b/c/d" if deep else "src"
    tree = {f"{src}/pkg{k % 10}/mod{k}.py": f"x = {k}\n" for k in range(max(files - 4, 0))}
    tree["README.md"] = f"# repo {n}\n"
    if n % 3 == 0:
        tree["SECURITY.md"] = "Report vulnerabilities to security@bench.dev\n"
    if n % 4 != 3:
        tree["package.json"] = f'{{"name": "repo-{n}", "version": "1.0.{n}"}}\n'
        packages = {
            f"node_modules/dep{k}": {"version": f"1.{k}.0"} for k in range(4000 if n % 10 == 0 else 20)
        }
        lock = {"name": f"repo-{n}", "lockfileVersion": 3, "packages": {"": {}, **packages}}
        tree["package-lock.json"] = json.dumps(lock, indent=2) + "\n"
    return tree


def build_org(control: SimControl, repos: int, files: int, deep: bool) -> list[tuple[str, str]]:
    control.create_org(ORG)
    control.create_repo(
        ORG,
        ".github",
        files={"SECURITY.md": "Org policy: security@bench.dev\n", ".github/repo-hygiene.yml": "checks: {}\n"},
    )
    names = [(ORG, f"repo-{n}") for n in range(repos)]
    for n, (_, name) in enumerate(names):
        control.create_repo(ORG, name, files=repo_files(n, files, deep))
    return names


class MemoryParses:
    """The parse cache a scan job uses (`app.store.parse_cache`), kept in memory."""

    def __init__(self) -> None:
        self.parses: dict[Key, StoredParse] = {}

    def load(self, keys: Iterable[Key]) -> dict[Key, StoredParse]:
        return {key: self.parses[key] for key in keys if key in self.parses}

    def save(self, parses: dict[Key, StoredParse]) -> None:
        self.parses |= parses


async def scan(
    app: GitHubApp, installation_id: int, names: list[tuple[str, str]], parses: MemoryParses
) -> tuple[CallCounter, int]:
    needs = (*checks.all_needs(), *CONFIG_NEEDS)
    counter = CallCounter()
    naive = 0
    async with app.installation(installation_id) as gh:
        bulk = BulkSnapshots(gh, needs, cache=parses, counter=counter, pull_request_branch=BRANCH)
        async for read in bulk.read(names):
            assert read.snapshot is not None and read.snapshot.paths, read.name
            naive += 1 + len(read.snapshot.blob_shas)  # one tree + one blob per checked file
    return counter, naive


def main(repos: int, files: int, deep: bool, rescan: bool) -> None:
    private, public = generate_app_keypair()
    with SimulatorServer() as sim:
        control = sim.control
        control.register_app(
            id=1, slug="bench", public_key_pem=public, webhook_secret=SECRET, webhook_url=None
        )
        started = time.perf_counter()
        names = build_org(control, repos, files, deep)
        installation_id = control.install(ORG)
        print(
            f"org of {repos} repositories ({files} files each) built in {time.perf_counter() - started:.0f} s"
        )
        settings = Settings(app_id=1, private_key=private, webhook_secret=SECRET, github_api_url=sim.base_url)
        app, parses = GitHubApp(settings), MemoryParses()
        for title in ("first scan", "rescan")[: 2 if rescan else 1]:
            control.reset_calls()
            started = time.perf_counter()
            counter, naive = anyio.run(scan, app, installation_id, names, parses)
            elapsed = time.perf_counter() - started
            report(title, control.calls(), repos, naive, counter, elapsed)


def report(
    title: str, calls: dict[str, Any], repos: int, naive: int, counter: CallCounter, elapsed: float
) -> None:
    by_endpoint: dict[str, int] = calls["by_endpoint"]
    not_modified: dict[str, int] = calls.get("not_modified", {})
    graphql = by_endpoint.get(GRAPHQL, 0)
    mints = by_endpoint.get(TOKEN_MINT, 0)
    rest = calls["total"] - graphql - mints
    free = sum(not_modified.values())
    print(f"{title} of the org in bulk ({elapsed:.1f} s):")
    print(f"  REST calls: {rest} ({rest / repos:.2f} per repository), plus {mints} token mint(s)")
    print(
        f"  answered 304 (not counted by GitHub): {free}; counted: {(rest - free) / repos:.2f} per repository"
    )
    for endpoint, count in sorted(by_endpoint.items(), key=lambda kv: -kv[1]):
        if endpoint not in (GRAPHQL, TOKEN_MINT):
            print(f"    {count:6d}  {endpoint} ({not_modified.get(endpoint, 0)} answered 304)")
    print(f"  GraphQL queries: {graphql} (the reader counted {counter.graphql}; one point each)")
    print(
        f"  naive reader (one tree + one blob per checked file): {naive} ({naive / repos:.2f} per repository)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--deep", action="store_true", help="source files deeper than a GraphQL listing")
    parser.add_argument("--rescan", action="store_true", help="then scan the unchanged org again")
    args = parser.parse_args()
    main(min(args.repos, 2000), min(args.files, 2000), args.deep, args.rescan)
