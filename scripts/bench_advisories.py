#!/usr/bin/env python3
"""Advisory database benchmark: prints its figures (never a timed test).

  python scripts/bench_advisories.py [--records 200000] [--packages 2000] [--workdir DIR]

1. synthesises N OSV records from the real shapes in ../shared/advisories (Go, PyPI, RustSec, and the
   Node.js Security WG converted to OSV), about 30% aimed at npm names that the benchmark lockfile
   uses (`--aimed`), written as an OSV `all.zip`;
2. imports the zip into a fresh SQLite database (`repo-hygiene advisories import`): time, peak RSS;
3. loads the whole index from the database: time, peak RSS, records;
4. for 100, 500 and 2,000-package npm v3 package-lock.json files: json.loads, parse, match against the
   full index (and the match/json.loads ratio), and the whole `repo-hygiene check` in a fresh process
   (start-up included) against the database.
Each phase runs in its own process so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "advisories"
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM). Linux keeps ru_maxrss across exec, so a child started by a
    big parent would report the parent's peak; VmHWM belongs to the new address space only."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _templates() -> list[dict[str, Any]]:
    from app.advisories.sources.files import iter_path

    templates = []
    for folder in ("go/data/osv", "pypa/vulns", "rustsec-osv/crates", "nodejs-security-wg/vuln/npm"):
        for count, item in enumerate(iter_path(SHARED / folder)):
            if item.record is not None and item.record.get("affected"):
                templates.append(item.record)
            if count > 1500:
                break
    return templates


def npm_name(i: int) -> str:
    return f"bench-pkg-{i}"


def synthesise(records: int, zip_path: Path, aimed_share: float, seed: int = 7) -> None:
    rng = random.Random(seed)
    templates = _templates()
    npm_templates = [t for t in templates if t["affected"][0]["package"]["ecosystem"] == "npm"]
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for n in range(records):
            aimed = rng.random() < aimed_share
            record = copy.deepcopy(rng.choice(npm_templates if aimed else templates))
            record["id"] = f"BENCH-{n:07d}"
            record["aliases"] = [f"CVE-2099-{n:07d}"]
            for affected in record["affected"]:
                package = affected["package"]
                if aimed:
                    package["name"] = npm_name(rng.randrange(20_000))
                else:
                    package["name"] = f"{package['name']}-{n % 50_000}"
            archive.writestr(f"BENCH-{n:07d}.json", json.dumps(record))


def package_lock(packages: int, seed: int = 11) -> dict[str, Any]:
    rng = random.Random(seed)
    entries: dict[str, Any] = {"": {"name": "bench", "version": "1.0.0", "dependencies": {}}}
    for i in range(packages):
        name = npm_name(i * 7 % 20_000)
        version = f"{rng.randrange(5)}.{rng.randrange(20)}.{rng.randrange(30)}"
        entries[f"node_modules/{name}"] = {
            "version": version,
            "resolved": f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz",
            "integrity": "sha512-" + "A" * 86 + "==",
        }
        if i < 50:
            entries[""]["dependencies"][name] = f"^{version}"
    return {"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": entries}


def phase_import(db: Path, zip_path: Path) -> dict[str, Any]:
    from app.advisories.db import open_sessions
    from app.advisories.importer import import_items
    from app.advisories.sources.files import iter_paths

    sessions = open_sessions(f"sqlite:///{db}", create=True)
    started = time.perf_counter()
    report = import_items(sessions, iter_paths([zip_path]))
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "inserted": report.stats.inserted,
        "rejected": report.rejected_count,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def phase_index(db: Path, project: Path) -> dict[str, Any]:
    from app.advisories.db import open_sessions
    from app.advisories.store import load_index
    from checks import lockfiles

    sessions = open_sessions(f"sqlite:///{db}")
    before = peak_rss_mb()
    started = time.perf_counter()
    with sessions() as session:
        index = load_index(session)
    load_seconds = time.perf_counter() - started
    figures: dict[str, Any] = {
        "load_seconds": round(load_seconds, 2),
        "records": len(index),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    for lock in sorted(project.glob("lock-*/package-lock.json"), key=lambda p: int(p.parent.name[5:])):
        content = lock.read_bytes()
        t0 = time.perf_counter()
        for _ in range(5):
            json.loads(content)
        loads = (time.perf_counter() - t0) / 5
        t0 = time.perf_counter()
        inventory = lockfiles.parse_all({"package-lock.json": content})
        parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(5):
            found = index.match(inventory.dependencies)
        match = (time.perf_counter() - t0) / 5
        figures[lock.parent.name] = {
            "packages": len(inventory.dependencies),
            "bytes": len(content),
            "json_loads_ms": round(loads * 1000, 2),
            "parse_ms": round(parse * 1000, 2),
            "match_ms": round(match * 1000, 2),
            "match_over_json_loads": round(match / loads, 2),
            "findings": len(found),
        }
    return figures


def phase_check(db: Path, folder: Path) -> dict[str, Any]:
    """`repo-hygiene check` in this fresh process, as the command line runs it."""
    import contextlib
    import io

    from app.cli import main as cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli(["check", str(folder), "--db", str(db), "--format", "json"])
    findings = len(json.loads(out.getvalue())["findings"])
    return {"code": code, "findings": findings, "peak_rss_mb": round(peak_rss_mb(), 1)}


def whole_check(work: Path, folder: Path) -> dict[str, Any]:
    best, result = None, {}
    for _ in range(3):
        started = time.perf_counter()
        result = run_child("--phase", "check", "--workdir", str(work), "--folder", str(folder))
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    if result["code"] not in (0, 1):
        raise RuntimeError(f"check exited {result['code']}")
    return {"seconds_best_of_3": round(best or 0, 3), **result}


def run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--sizes", default="100,500,2000")
    parser.add_argument(
        "--aimed",
        type=float,
        default=0.3,
        help="share of records aimed at the lockfiles' npm names (0.3: about 1.5 findings a package, "
        "a worst case; 0.03 is closer to real lockfiles)",
    )
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--phase", choices=("import", "index", "check"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-advisories-"))
    db, zip_path, project = work / "advisories.db", work / "all.zip", work / "projects"
    if args.phase == "import":
        print(json.dumps(phase_import(db, zip_path)))
        return 0
    if args.phase == "index":
        print(json.dumps(phase_index(db, project)))
        return 0
    if args.phase == "check":
        print(json.dumps(phase_check(db, args.folder)))
        return 0

    work.mkdir(parents=True, exist_ok=True)
    print(f"work directory: {work}", file=sys.stderr)
    started = time.perf_counter()
    if not zip_path.exists():
        synthesise(args.records, zip_path, args.aimed)
    print(
        f"synthesised {args.records:,} records ({zip_path.stat().st_size / 1e6:.0f} MB zip) "
        f"in {time.perf_counter() - started:.1f}s"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        folder = project / f"lock-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "package-lock.json").write_text(json.dumps(package_lock(size), indent=2))

    db.unlink(missing_ok=True)
    imported = run_child("--phase", "import", "--workdir", str(work))
    rate = imported["inserted"] / imported["seconds"] if imported["seconds"] else 0
    print(
        f"import: {imported['inserted']:,} records in {imported['seconds']}s ({rate:,.0f}/s), "
        f"{imported['rejected']} rejected, peak RSS {imported['peak_rss_mb']} MB (target < 60 s)"
    )
    index = run_child("--phase", "index", "--workdir", str(work))
    print(
        f"full index from the database: {index['records']:,} records in {index['load_seconds']}s, "
        f"peak RSS {index['peak_rss_mb']} MB (before loading {index['rss_before_mb']} MB; target < 300 MB)"
    )
    for key in sorted((k for k in index if k.startswith("lock-")), key=lambda k: int(k[5:])):
        f = index[key]
        check = whole_check(work, project / key)
        print(
            f"{f['packages']:>5} packages ({f['bytes'] / 1e3:.0f} kB): json.loads {f['json_loads_ms']} ms, "
            f"parse {f['parse_ms']} ms, match {f['match_ms']} ms (target < 20 ms; "
            f"{f['match_over_json_loads']}x json.loads), {f['findings']} findings; whole `check` "
            f"{check['seconds_best_of_3']}s incl. start-up (target < 1 s), "
            f"peak RSS {check['peak_rss_mb']} MB, {check['findings']} findings"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
