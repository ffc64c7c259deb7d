#!/usr/bin/env python3
"""Benchmark the GitHub simulator: seed one repository, then time the reads a scan makes.

Prints requests per second for the recursive tree read, blob reads and GraphQL createCommitOnBranch, and the
process's peak RSS. Bounded: a few hundred requests. Usage: python scripts/bench_simulator.py [files]
"""

from __future__ import annotations

import base64
import resource
import secrets
import sys
import time
from pathlib import Path

import httpx
import jwt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.testing import SimulatorServer, generate_app_keypair

MUTATION = (
    "mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }"
)


def main() -> int:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    private, public = generate_app_keypair()
    with SimulatorServer() as sim:
        c = sim.control
        c.set_webhooks(enabled=False)
        c.register_app(id=1, public_key_pem=public, webhook_secret=secrets.token_hex(8))
        c.create_org("bench")
        content = {f"src/pkg{i % 10}/file{i}.py": f"print({i})\n" * 20 for i in range(files)}
        started = time.perf_counter()
        c.create_repo("bench", "big", files=content)
        seeded = time.perf_counter() - started
        inst = c.install("bench")
        now = int(time.time()) - 60
        app_jwt = jwt.encode({"iat": now, "exp": now + 600, "iss": "1"}, private, algorithm="RS256")
        token = httpx.post(
            f"{sim.base_url}/app/installations/{inst}/access_tokens",
            headers={"Authorization": f"Bearer {app_jwt}"},
        ).json()["token"]
        with httpx.Client(base_url=sim.base_url, headers={"Authorization": f"token {token}"}) as client:
            timings: dict[str, tuple[int, float]] = {}

            def measure(name: str, count: int, call) -> None:  # type: ignore[no-untyped-def]
                begin = time.perf_counter()
                for _ in range(count):
                    response = call()
                    assert response.status_code == 200, response.text
                timings[name] = (count, time.perf_counter() - begin)

            tree = client.get("/repos/bench/big/git/trees/main", params={"recursive": "1"}).json()["tree"]
            blobs = [e["sha"] for e in tree if e["type"] == "blob"]
            measure(
                "GET tree recursive", 20, lambda: client.get("/repos/bench/big/git/trees/main?recursive=1")
            )
            it = iter(blobs * 2)
            measure("GET blob", 200, lambda: client.get(f"/repos/bench/big/git/blobs/{next(it)}"))
            head = {"oid": client.get("/repos/bench/big/git/ref/heads/main").json()["object"]["sha"]}

            def commit() -> httpx.Response:
                change = {"path": "CHANGELOG", "contents": base64.b64encode(head["oid"].encode()).decode()}
                variables = {
                    "input": {
                        "branch": {"repositoryNameWithOwner": "bench/big", "branchName": "main"},
                        "expectedHeadOid": head["oid"],
                        "message": {"headline": "bench"},
                        "fileChanges": {"additions": [change]},
                    }
                }
                response = client.post("/graphql", json={"query": MUTATION, "variables": variables})
                head["oid"] = response.json()["data"]["createCommitOnBranch"]["commit"]["oid"]
                return response

            measure("POST graphql commit", 20, commit)
    print(f"seeded {files} files in {seeded * 1000:.0f} ms")
    for name, (count, seconds) in timings.items():
        print(
            f"{name:28s} {count:4d} requests  {count / seconds:8.1f} req/s"
            f"  {seconds / count * 1000:6.2f} ms each"
        )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
