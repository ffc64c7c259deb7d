"""Peak worker memory of one scan: a repository with one real-shaped npm lockfile committed at many paths.

Usage: python scripts/bench_scan_memory.py [--mb 23] [--paths 30] [--budget BYTES] [--tracemalloc]

The GitHub simulator (run in this process) holds a repository whose one generated `package-lock.json`
(npm lockfile v3, `--mb` megabytes, deterministic) is committed at `--paths` paths. A fresh Python
process then runs the whole `scan_repository` job against it, as a worker would (snapshot, every check,
results stored, the pull request), on a throwaway SQLite database, and prints its peak resident set
size: the kernel's high-water mark of the process (`VmHWM` in /proc/self/status; `ru_maxrss` from
`resource.getrusage` where there is no /proc, but on Linux that one keeps the parent's size across the
fork and exec, so it would report the simulator's memory). The peak is that scan's alone. Target:
under 400 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MB = 400
ORG, REPO = "bench", "monorepo"
SYLLABLES = ("ba", "co", "de", "fi", "go", "hu", "ja", "ki", "lo", "mu", "no", "pa", "qu", "ro", "su", "ti")
LICENSES = ("MIT", "ISC", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause")


def _name(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    if rng.random() < 0.15:
        return f"@{''.join(rng.choice(SYLLABLES) for _ in range(2))}/{word}"
    return word + (
        f"-{rng.choice(('js', 'utils', 'core', 'parser', 'plugin'))}" if rng.random() < 0.4 else ""
    )


def _version(rng: random.Random) -> str:
    return f"{rng.randint(0, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 40)}"


def _entry(rng: random.Random, name: str, names: list[str]) -> dict[str, Any]:
    version = _version(rng)
    base = name.rsplit("/", 1)[-1]
    entry: dict[str, Any] = {
        "version": version,
        "resolved": f"https://registry.npmjs.org/{name}/-/{base}-{version}.tgz",
        "integrity": "sha512-" + base64.b64encode(rng.randbytes(64)).decode(),
    }
    if rng.random() < 0.35:
        entry["dev"] = True
    entry["license"] = rng.choice(LICENSES)
    if names and rng.random() < 0.6:
        deps = rng.sample(names, min(len(names), rng.randint(1, 5)))
        entry["dependencies"] = {d: f"^{_version(rng)}" for d in sorted(deps)}
    if rng.random() < 0.3:
        entry["engines"] = {"node": f">={rng.choice((8, 10, 12, 14, 16))}"}
    if rng.random() < 0.1:
        entry["funding"] = {"url": f"https://github.com/sponsors/{base}"}
    return entry


def lockfile(megabytes: float, seed: int = 23) -> bytes:
    """A package-lock.json v3 as npm writes it (2-space indent), of about `megabytes` MB."""
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    packages: dict[str, Any] = {}
    names: list[str] = []
    size = 0
    while size < target:
        name = _name(rng)
        parent = rng.choice(names) if names and rng.random() < 0.25 else None
        path = f"node_modules/{parent}/node_modules/{name}" if parent else f"node_modules/{name}"
        if path in packages:
            continue
        entry = _entry(rng, name, names[-200:])
        packages[path] = entry
        names.append(name)
        text = json.dumps(entry, indent=2)
        size += len(text) + 4 * (text.count("\n") + 1) + len(path) + 8  # nested 4 deeper in the file
    direct = sorted(
        {p.removeprefix("node_modules/") for p in list(packages)[:60] if p.count("node_modules/") == 1}
    )
    root = {"name": REPO, "version": "1.0.0", "license": "MIT", "dependencies": {n: "*" for n in direct}}
    lock = {
        "name": REPO,
        "version": "1.0.0",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {"": root, **packages},
    }
    return (json.dumps(lock, indent=2) + "\n").encode()


async def _commit_at_paths(settings: Any, installation_id: int, content: bytes, paths: list[str]) -> int:
    """One blob, one tree holding it at every path, one commit on main; the repository id."""
    from app.github.client import GitHubApp

    async with GitHubApp(settings).installation(installation_id) as gh:
        repo = (await gh.rest.repos.async_get(ORG, REPO)).parsed_data
        head = (await gh.rest.git.async_get_ref(ORG, REPO, "heads/main")).parsed_data.object_.sha
        base_tree = (await gh.rest.git.async_get_commit(ORG, REPO, head)).parsed_data.tree.sha
        blob = await gh.rest.git.async_create_blob(
            ORG, REPO, content=base64.b64encode(content).decode(), encoding="base64"
        )
        tree = await gh.rest.git.async_create_tree(
            ORG,
            REPO,
            base_tree=base_tree,
            tree=[{"path": p, "mode": "100644", "type": "blob", "sha": blob.parsed_data.sha} for p in paths],
        )
        commit = await gh.rest.git.async_create_commit(
            ORG, REPO, message="Add the services", tree=tree.parsed_data.sha, parents=[head]
        )
        await gh.rest.git.async_update_ref(ORG, REPO, "heads/main", sha=commit.parsed_data.sha)
        return int(repo.id)


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _scan_in_this_process(config: dict[str, Any]) -> None:
    """The child: seed the database, run the scan job as a worker does, print what it cost."""

    if config["tracemalloc"]:
        import tracemalloc

        tracemalloc.start()
    from app.jobs import queue
    from app.main import build_services
    from app.settings import Settings
    from app.store.models import Repository
    from app.store.sync import upsert_installation, upsert_repository
    from app.tables import Base
    from app.wiring import load_handlers
    from app.worker import Worker

    settings = Settings.model_validate(config["settings"])
    services = build_services(settings)
    Base.metadata.create_all(services.sessions.kw["bind"])
    with services.sessions() as session, session.begin():
        account = {"login": ORG, "id": config["org_id"], "type": "Organization"}
        upsert_installation(session, {"id": config["installation_id"], "account": account})
        upsert_repository(
            session,
            config["installation_id"],
            {"id": config["repo_id"], "name": REPO, "full_name": f"{ORG}/{REPO}"},
        )
        queue.enqueue(
            session,
            "scan_repository",
            {"repository_id": config["repo_id"]},
            installation_id=config["installation_id"],
        )
    load_handlers()
    before = peak_rss_mb()
    started = time.perf_counter()
    ran = asyncio.run(Worker(services, worker_id="bench", kinds=("scan_repository",)).run_until_idle())
    elapsed = time.perf_counter() - started
    peak = peak_rss_mb()
    with services.sessions() as session:
        row = session.get(Repository, config["repo_id"])
        note = row.scan_note if row is not None else None
    traced = None
    if config["tracemalloc"]:
        import tracemalloc

        traced = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    print(
        json.dumps(
            {
                "jobs": ran,
                "before_mb": before,
                "peak_mb": peak,
                "seconds": elapsed,
                "note": note,
                "traced_peak_mb": traced,
            }
        )
    )


def main(megabytes: float, path_count: int, budget: int | None, trace: bool) -> int:
    from app.settings import Settings
    from simulator.testing import SimulatorServer, generate_app_keypair

    content = lockfile(megabytes)
    paths = [f"services/svc-{n:02d}/package-lock.json" for n in range(path_count)]
    private, public = generate_app_keypair()
    secret = secrets.token_hex(8)
    with SimulatorServer() as sim, tempfile.TemporaryDirectory() as tmp:
        control = sim.control
        control.register_app(
            id=1, slug="bench", public_key_pem=public, webhook_secret=secret, webhook_url=None
        )
        org = control.create_org(ORG)
        control.create_repo(ORG, REPO, files={"README.md": f"# {REPO}\n"})
        installation_id = control.install(ORG)
        values: dict[str, Any] = {
            "app_id": 1,
            "private_key": private,
            "webhook_secret": secret,
            "github_api_url": sim.base_url,
            "database_url": f"sqlite:///{Path(tmp) / 'bench.db'}",
        }
        if budget is not None:
            values["scan_byte_budget"] = budget
        repo_id = asyncio.run(
            _commit_at_paths(Settings.model_validate(values), installation_id, content, paths)
        )
        packages = content.count(b'"resolved"')
        print(
            f"repository {ORG}/{REPO}: one {len(content) / 1024 / 1024:.1f} MB package-lock.json "
            f"(lockfile v3, {packages} packages) at {path_count} paths"
        )
        config = {
            "settings": values,
            "org_id": int(org.get("id", 1)),
            "installation_id": installation_id,
            "repo_id": repo_id,
            "tracemalloc": trace,
        }
        child = subprocess.run(  # noqa: S603 (this script, by its own interpreter)
            [sys.executable, __file__, "--child", json.dumps(config)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
    if child.returncode != 0:
        print(child.stdout, child.stderr, sep="\n")
        return 1
    report = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"scan job(s) run: {report['jobs']} in {report['seconds']:.1f} s; scan note: {report['note']!r}")
    print(f"worker RSS before the scan: {report['before_mb']:.0f} MB")
    print(f"peak worker RSS (VmHWM): {report['peak_mb']:.0f} MB (target < {TARGET_MB} MB)")
    if report["traced_peak_mb"] is not None:
        print(f"peak traced Python allocations (tracemalloc): {report['traced_peak_mb']:.0f} MB")
    return 0 if report["peak_mb"] < TARGET_MB else 2


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _scan_in_this_process(json.loads(sys.argv[2]))
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=23.0, help="size of the lockfile (MB)")
    parser.add_argument("--paths", type=int, default=30, help="paths the lockfile is committed at")
    parser.add_argument("--budget", type=int, default=None, help="SCAN_BYTE_BUDGET for the scan (bytes)")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    args = parser.parse_args()
    sys.exit(main(min(args.mb, 200.0), min(max(args.paths, 1), 300), args.budget, args.tracemalloc))
