"""Benchmark: build an AdvisoryIndex of N synthetic OSV records and match an npm dependency list.

    python scripts/bench_match.py [--records 200000] [--packages 2000] [--lockfile package-lock.json]

Records are realistic in shape: npm GHSA-like (1-3 SEMVER ranges, aliases, CVSS, severity) and
MAL-like (`introduced: 0`), PyPI PYSEC-like (ECOSYSTEM range plus a `versions[]` list) and Go
(SEMVER, pseudo-versions); some are on real npm package names. Prints build time, index memory
(RSS growth and tracemalloc), match time (best of N) for 100..2,000 packages, and the ratio of the
match time to `json.loads` of the same lockfile, then (separately) the time to plan the upgrades for
the whole lockfile's findings. Bounded: one process, single-threaded.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.advisories.index import AdvisoryIndex
from checks.advisories.remediation import FindingRef, plan_upgrades
from checks.model import Dependency

REAL_NPM = (  # noqa: SIM905
    "lodash express react react-dom minimist axios moment debug qs semver ws tar glob yargs-parser "
    "node-fetch follow-redirects json5 loader-utils minimatch ansi-regex shell-quote handlebars "
    "jsonwebtoken underscore marked ua-parser-js async chalk commander mkdirp request serialize-javascript "
    "webpack browserslist postcss nth-check trim-newlines path-parse glob-parent tough-cookie xml2js "
    "decode-uri-component http-cache-semantics word-wrap socket.io engine.io cookie body-parser next"
).split()
CVSS = (
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H",
)
SEVERITIES = ("LOW", "MODERATE", "HIGH", "CRITICAL")


def npm_names(count: int) -> list[str]:
    names = list(REAL_NPM)
    names += [f"@scope{i % 500}/pkg-{i}" if i % 7 == 0 else f"pkg-{i}" for i in range(count - len(names))]
    return names


def _version(rng: random.Random) -> str:
    return f"{rng.randint(0, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 40)}"


def synthetic_records(count: int, names: list[str], seed: int = 1) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for i in range(count):
        roll = rng.random()
        if roll < 0.55:  # npm GHSA-like
            ranges = []
            for _ in range(rng.randint(1, 3)):
                lo, hi = sorted((_version(rng), _version(rng)), key=lambda v: tuple(map(int, v.split("."))))
                end = {"fixed": hi} if rng.random() < 0.85 else {"last_affected": hi}
                ranges.append(
                    {"type": "SEMVER", "events": [{"introduced": lo if rng.random() < 0.6 else "0"}, end]}
                )
            yield {
                "id": f"GHSA-{i:04x}-{i % 9999:04d}-bench",
                "aliases": [f"CVE-20{rng.randint(15, 26)}-{i}"],
                "summary": f"Prototype pollution in {names[i % len(names)]} via crafted input {i}",
                "details": "Long markdown details that the index does not keep. " * 8,
                "severity": [{"type": "CVSS_V3", "score": rng.choice(CVSS)}],
                "affected": [{"package": {"ecosystem": "npm", "name": rng.choice(names)}, "ranges": ranges}],
                "database_specific": {"severity": rng.choice(SEVERITIES), "cwe_ids": ["CWE-1321"]},
            }
        elif roll < 0.75:  # npm malware (OpenSSF MAL-*)
            yield {
                "id": f"MAL-2025-{i}",
                "summary": f"Malicious code in typo-{i}",
                "affected": [
                    {
                        "package": {"ecosystem": "npm", "name": f"typo-{i}"},
                        "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}],
                    }
                ],
            }
        elif roll < 0.92:  # PyPI PYSEC-like with versions[]
            fixed = f"{rng.randint(1, 5)}.{rng.randint(0, 20)}.{rng.randint(1, 9)}"
            yield {
                "id": f"PYSEC-2024-{i}",
                "aliases": [f"GHSA-py{i:05d}-bench", f"CVE-2024-{i}"],
                "details": f"An issue in pypkg-{i % 20000} before {fixed}.",
                "affected": [
                    {
                        "package": {"ecosystem": "PyPI", "name": f"pypkg-{i % 20000}"},
                        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}],
                        "versions": [f"{a}.{b}" for a in range(1, 3) for b in range(rng.randint(3, 15))],
                    }
                ],
            }
        else:  # Go
            yield {
                "id": f"GO-2024-{i}",
                "aliases": [f"CVE-2024-9{i}"],
                "summary": "Denial of service in a Go module",
                "affected": [
                    {
                        "package": {"ecosystem": "Go", "name": f"github.com/org{i % 3000}/mod"},
                        "ranges": [
                            {
                                "type": "SEMVER",
                                "events": [
                                    {"introduced": "0"},
                                    {"fixed": f"0.0.0-2023{rng.randint(10, 12)}01000000-abcdef012345"},
                                    {"introduced": "1.0.0"},
                                    {"fixed": f"1.{rng.randint(0, 9)}.{rng.randint(0, 9)}"},
                                ],
                            }
                        ],
                    }
                ],
            }


def synthetic_lockfile(count: int, names: list[str], seed: int = 2) -> dict[str, Any]:
    """A package-lock v3 document: about a third of the packages have advisories."""
    rng = random.Random(seed)
    packages: dict[str, Any] = {"": {"name": "bench", "version": "1.0.0"}}
    chosen = rng.sample(names[:60000], count // 3) + [f"clean-{i}" for i in range(count - count // 3)]
    rng.shuffle(chosen)
    for name in chosen:
        packages[f"node_modules/{name}"] = {
            "version": _version(rng),
            "resolved": f"https://registry.npmjs.org/{name}/-/{name.split('/')[-1]}-1.0.0.tgz",
            "integrity": "sha512-" + "A" * 86 + "==",
        }
    return {"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": packages}


def lockfile_dependencies(document: dict[str, Any], file: str) -> list[Dependency]:
    """Just enough package-lock reading for the benchmark (v2/v3 `packages`, v1 `dependencies`)."""
    deps: list[Dependency] = []
    for path, entry in (document.get("packages") or {}).items():
        if "node_modules/" not in path or entry.get("link") or not isinstance(entry.get("version"), str):
            continue
        name = entry.get("name") or path.rsplit("node_modules/", 1)[1]
        deps.append(Dependency("npm", name, entry["version"], file, None, None, bool(entry.get("dev"))))
    if not deps:
        stack = list((document.get("dependencies") or {}).items())
        while stack:
            name, entry = stack.pop()
            if isinstance(entry.get("version"), str):
                deps.append(
                    Dependency("npm", name, entry["version"], file, None, None, bool(entry.get("dev")))
                )
            stack.extend((entry.get("dependencies") or {}).items())
    return deps


def lockfile_subset(document: dict[str, Any], count: int) -> dict[str, Any]:
    """The same lockfile cut to its first `count` packages (for the json.loads comparison)."""
    entries = list((document.get("packages") or {}).items())[: count + 1]
    return {**document, "packages": dict(entries), "dependencies": {}}


def _refs(found: list[Any]) -> list[FindingRef]:
    return [FindingRef(f.ecosystem, f.package, f.version, f.advisory_id, f.aliases) for f in found]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timings(repeat: int, fn: Any) -> tuple[float, float]:
    """(best, median) wall time of `repeat` calls, in seconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    runs.sort()
    return runs[0], runs[len(runs) // 2]


def best_of(repeat: int, fn: Any) -> float:
    return timings(repeat, fn)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--packages", type=int, default=2_000)
    parser.add_argument("--lockfile", type=Path, help="a real package-lock.json to match instead")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the slower traced rebuild")
    args = parser.parse_args()

    names = npm_names(max(args.records // 3, 1000))
    gc.collect()
    rss_before = rss_mb()
    start = time.perf_counter()
    index = AdvisoryIndex.from_records(synthetic_records(args.records, names))
    build = time.perf_counter() - start
    gc.collect()
    print(f"index: {len(index):,} records built in {build:.2f} s ({args.records / build:,.0f} records/s)")
    grown = rss_mb() - rss_before
    print(f"peak RSS {rss_mb():.0f} MB (+{grown:.0f} MB during the build; records are generated lazily)")
    print(f"compile stats: {index.stats}")

    if args.lockfile:
        raw = args.lockfile.read_text(encoding="utf-8")
        source = str(args.lockfile)
    else:
        raw = json.dumps(synthetic_lockfile(args.packages, names), indent=2)
        source = "synthetic package-lock.json"
    document = json.loads(raw)
    deps = lockfile_dependencies(document, "package-lock.json")
    print(f"dependencies: {len(deps):,} from {source} ({len(raw) / 1e6:.1f} MB)")

    sizes = sorted({n for n in (100, 250, 500, 1000, 2000, len(deps)) if n <= len(deps)})
    print(f"{'packages':>9} {'match ms':>9} {'json.loads ms':>14} {'ratio':>6} {'findings':>9}")
    for n in sizes:
        subset = deps[:n]
        sub_raw = json.dumps(lockfile_subset(document, n), indent=2)
        match_s = best_of(args.repeat, lambda s=subset: index.match(s))
        loads_s = best_of(args.repeat, lambda r=sub_raw: json.loads(r))
        findings = len(index.match(subset))
        print(f"{n:>9} {match_s * 1e3:>9.2f} {loads_s * 1e3:>14.2f} {match_s / loads_s:>6.2f} {findings:>9}")
    full_loads = best_of(args.repeat, lambda: json.loads(raw))
    full_match = best_of(args.repeat, lambda: index.match(deps))
    print(
        f"whole lockfile: json.loads {full_loads * 1e3:.2f} ms, match {full_match * 1e3:.2f} ms "
        f"(ratio {full_match / full_loads:.2f})"
    )

    found = index.match(deps)
    refs = [FindingRef(f.ecosystem, f.package, f.version, f.advisory_id, f.aliases) for f in found]
    plan_s = best_of(args.repeat, lambda: plan_upgrades(refs, index))
    plans = plan_upgrades(refs, index)
    print(
        f"upgrade plans: {len(plans):,} packages with {len(refs):,} findings planned in "
        f"{plan_s * 1e3:.2f} ms (not part of the match time; {sum(1 for p in plans if p.target):,} "
        "within the installed major line)"
    )
    both_s = best_of(args.repeat, lambda: plan_upgrades(_refs(index.match(deps)), index))
    print(f"match + upgrade plans (what the dependency check does): {both_s * 1e3:.2f} ms")

    if not args.no_tracemalloc:
        del index
        gc.collect()
        tracemalloc.start()
        index = AdvisoryIndex.from_records(synthetic_records(args.records, names))
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tracemalloc: index holds {current / 2**20:.0f} MB (peak during build {peak / 2**20:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
