"""Differential check of the version comparators against native implementations, when installed.

    python scripts/version_oracles.py [--pairs 20000] [--node-modules DIR]

Random adversarial version strings (numbers, qualifiers, `.`/`-` separators, seeded) are compared by
our module and by the native code; the script prints the agreement and the first differences.
Oracles: Maven `ComparableVersion` (java + Debian's maven-artifact jar), RubyGems `Gem::Version`
(ruby), PHP `version_compare` (php-cli; Packagist), node's `semver` (node + `npm install semver`
in DIR). Missing oracles are reported and skipped. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.versions import maven, packagist, rubygems, semver

WORDS = ["alpha", "beta", "rc", "a", "b", "c", "m", "dev", "pre", "sp", "snapshot", "ga", "final", "p", "pl"]
MAVEN_JAR = Path("/usr/share/maven/lib/maven-artifact-3.x.jar")
JAVA = """
import org.apache.maven.artifact.versioning.ComparableVersion;
import java.nio.file.*;
public class Oracle { public static void main(String[] a) throws Exception {
  for (String line : Files.readAllLines(Paths.get(a[0]))) { String[] p = line.split(" ");
    int c = new ComparableVersion(p[0]).compareTo(new ComparableVersion(p[1]));
    System.out.println(Integer.signum(c)); } } }
"""
RUBY = (
    "STDIN.each_line { |l| a, b = l.split; ok = Gem::Version.correct?(a) && Gem::Version.correct?(b); "
    "puts(ok ? (Gem::Version.new(a) <=> Gem::Version.new(b)) : 'skip') }"
)
PHP = (
    "while (($l = fgets(STDIN)) !== false) { [$a, $b] = explode(' ', trim($l));"
    " echo version_compare(ltrim($a, 'vV'), ltrim($b, 'vV')), PHP_EOL; }"
)
NODE = (
    "const s = require('semver'); const rl = require('readline').createInterface({input: process.stdin});"
    "rl.on('line', l => { const [a, b] = l.split(' '); console.log(s.compare(a, b)); });"
)


def loose(rng: random.Random) -> str:
    text = str(rng.randint(0, 12))
    for _ in range(rng.randint(0, 5)):
        part = str(rng.randint(0, 12)) if rng.random() < 0.5 else rng.choice(WORDS)
        text += rng.choice([".", "-", ""]) + part
    return text


def semver_like(rng: random.Random) -> str:
    core = ".".join(str(rng.randint(0, 5)) for _ in range(3))
    pre = ".".join(rng.choice([str(rng.randint(0, 12)), rng.choice(WORDS)]) for _ in range(rng.randint(0, 3)))
    return core + (f"-{pre}" if pre else "")


def run(command: list[str], stdin: str) -> list[str]:
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=600, check=True)  # noqa: S603
    return done.stdout.split()


def compare_all(name: str, module: ModuleType, pairs: list[tuple[str, str]], answers: list[str]) -> None:
    agree, checked, differ = 0, 0, []
    for (a, b), answer in zip(pairs, answers, strict=True):
        if answer == "skip":
            continue
        checked += 1
        ours = module.compare(a, b)
        if ours == int(answer):
            agree += 1
        else:
            differ.append(f"  {a} vs {b}: native {answer}, ours {ours}")
    print(f"{name}: {agree}/{checked} agree ({len(pairs) - checked} pairs the native code rejects)")
    print("\n".join(differ[:8]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--node-modules", type=Path, help="a directory where `npm install semver` ran")
    args = parser.parse_args()
    rng = random.Random(7)
    loose_pairs = [(loose(rng), loose(rng)) for _ in range(args.pairs)]
    semver_pairs = [(semver_like(rng), semver_like(rng)) for _ in range(args.pairs)]
    text = "\n".join(f"{a} {b}" for a, b in loose_pairs) + "\n"

    if shutil.which("java") and MAVEN_JAR.exists():
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "Oracle.java").write_text(JAVA)
            (Path(tmp) / "pairs.txt").write_text(text)
            answers = run(
                ["java", "-cp", str(MAVEN_JAR), str(Path(tmp) / "Oracle.java"), str(Path(tmp) / "pairs.txt")],
                "",
            )
        compare_all("Maven ComparableVersion (Debian maven-artifact)", maven, loose_pairs, answers)
    else:
        print("Maven: java or maven-artifact jar missing, skipped")
    if shutil.which("ruby"):
        compare_all("RubyGems Gem::Version", rubygems, loose_pairs, run(["ruby", "-e", RUBY], text))
    else:
        print("RubyGems: ruby missing, skipped")
    if shutil.which("php"):
        compare_all("PHP version_compare", packagist, loose_pairs, run(["php", "-r", PHP], text))
    else:
        print("Packagist: php missing, skipped")
    if shutil.which("node") and args.node_modules:
        node_text = "\n".join(f"{a} {b}" for a, b in semver_pairs) + "\n"
        answers = run(["node", "-e", f"module.paths.unshift({str(args.node_modules)!r});" + NODE], node_text)
        compare_all("node semver", semver, semver_pairs, answers)
    else:
        print("SemVer: node or --node-modules missing, skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
