"""Benchmark the lockfile parsers on synthetic lockfiles of growing size; prints its figures.

    python scripts/bench_lockfiles.py [--sizes 100,500,2000] [--repeat 5] [--lockfile PATH ...]

For each size it writes an npm v3 package-lock.json, a yarn v1 lock, a pnpm v9 lock, a poetry.lock
and a requirements.txt with that many packages (realistic field sets, nested node_modules entries
for npm), then reports the best-of-N parse time, the `json.loads` time of the same package-lock
(the floor any JSON lockfile parser pays), their ratio and the peak Python memory of one parse.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.lockfiles import parse_file

INTEGRITY = "sha512-" + "A" * 86 + "=="


def _names(count: int) -> list[tuple[str, str]]:
    return [
        (f"@scope{i % 7}/pkg-{i}" if i % 5 == 0 else f"pkg-{i}", f"{i % 13}.{i % 7}.{i % 11}")
        for i in range(count)
    ]


def package_lock(count: int) -> bytes:
    packages: dict[str, object] = {
        "": {"name": "bench", "dependencies": {n: v for n, v in _names(count)[:20]}}
    }
    for i, (name, version) in enumerate(_names(count)):
        key = f"node_modules/{name}" if i % 10 else f"node_modules/pkg-{i - 1}/node_modules/{name}"
        packages[key] = {
            "version": version,
            "resolved": f"https://registry.npmjs.org/{name}/-/{name.split('/')[-1]}-{version}.tgz",
            "integrity": INTEGRITY,
            "dev": i % 3 == 0,
            "dependencies": {n: "^" + v for n, v in _names(count)[i + 1 : i + 4]},
            "engines": {"node": ">=12"},
        }
    return json.dumps({"name": "bench", "lockfileVersion": 3, "packages": packages}, indent=2).encode()


def yarn_lock(count: int) -> bytes:
    parts = ["# yarn lockfile v1\n"]
    for name, version in _names(count):
        parts.append(
            f'\n"{name}@^{version}":\n  version "{version}"\n'
            f'  resolved "https://registry.yarnpkg.com/{name}/-/x-{version}.tgz#abc"\n'
            f"  integrity {INTEGRITY}\n"
            f'  dependencies:\n    other "^1.0.0"\n'
        )
    return "".join(parts).encode()


def pnpm_lock(count: int) -> bytes:
    names = _names(count)
    lines = ["lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n"]
    lines += [f"      '{n}':\n        specifier: ^{v}\n        version: {v}\n" for n, v in names[:20]]
    lines.append("\npackages:\n")
    lines += [
        f"\n  '{n}@{v}':\n    resolution: {{integrity: {INTEGRITY}}}\n    engines: {{node: '>=12'}}\n"
        for n, v in names
    ]
    lines.append("\nsnapshots:\n")
    for i, (n, v) in enumerate(names):
        deps = "".join(f"      '{dn}': {dv}\n" for dn, dv in names[i + 1 : i + 3])
        lines.append(f"\n  '{n}@{v}':\n" + (f"    dependencies:\n{deps}" if deps else "    {}\n"))
    return "".join(lines).encode()


def poetry_lock(count: int) -> bytes:
    return "".join(
        f'[[package]]\nname = "pkg-{i}"\nversion = "{v}"\ndescription = "x"\noptional = false\n'
        f'python-versions = ">=3.8"\ngroups = ["main"]\n'
        f'files = [\n    {{file = "a.whl", hash = "sha256:{"0" * 64}"}},\n]\n\n'
        for i, (_, v) in enumerate(_names(count))
    ).encode()


def requirements_txt(count: int) -> bytes:
    return "".join(
        f"pkg-{i}=={v} \\\n    --hash=sha256:{'0' * 64}\n" for i, (_, v) in enumerate(_names(count))
    ).encode()


FORMATS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "npm v3": ("package-lock.json", package_lock),
    "yarn v1": ("yarn.lock", yarn_lock),
    "pnpm v9": ("pnpm-lock.yaml", pnpm_lock),
    "poetry": ("poetry.lock", poetry_lock),
    "requirements": ("requirements.txt", requirements_txt),
}


def best_of(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,500,2000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--lockfile", action="append", default=[], help="also time a real lockfile (repeatable)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'format':<13} {'packages':>8} {'bytes':>10} {'parse ms':>9} {'peak MB':>8}  notes")
    for label, (file_name, make) in FORMATS.items():
        for size in sizes:
            content = make(size)
            parsed, deps = parse_file(file_name, content)
            if parsed.error or len(deps) != size:
                print(f"{label}: {size} packages read as {len(deps)} ({parsed.error})", file=sys.stderr)
                return 1
            seconds = best_of(args.repeat, lambda c=content, f=file_name: parse_file(f, c))
            tracemalloc.start()
            parse_file(file_name, content)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            note = ""
            if file_name == "package-lock.json":
                loads = best_of(args.repeat, lambda c=content: json.loads(c))
                note = f"json.loads {loads * 1e3:.1f} ms, parse/json.loads = {seconds / loads:.1f}x"
            print(f"{label:<13} {size:>8} {len(content):>10} {seconds * 1e3:>9.1f} {peak:>8.1f}  {note}")
    for path in args.lockfile:
        content = Path(path).read_bytes()
        parsed, deps = parse_file(Path(path).name, content)
        if parsed.error:
            print(parsed.error, file=sys.stderr)
            return 1
        seconds = best_of(args.repeat, lambda c=content, f=Path(path).name: parse_file(f, c))
        unique = len({(d.name, d.version) for d in deps})
        note = f"{path}: {unique} unique name@version"
        if path.endswith(".json"):
            loads = best_of(args.repeat, lambda c=content: json.loads(c))
            note += f", json.loads {loads * 1e3:.1f} ms, parse/json.loads = {seconds / loads:.1f}x"
        print(f"{'real file':<13} {len(deps):>8} {len(content):>10} {seconds * 1e3:>9.1f} {'':>8}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
