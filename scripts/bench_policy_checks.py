#!/usr/bin/env python3
"""Time the security-policy and security-badge checks on normal and adversarial (regex-hostile) files.

Prints milliseconds per run for each input at two sizes and the growth ratio: about 2 for linear
behaviour when the size doubles, about 4 for quadratic. Usage: scripts/bench_policy_checks.py [KiB]
(default 64: inputs of 64 KiB and 128 KiB; the snapshot caps policies at 256 KB, READMEs at 512 KB).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checks
from checks.model import CheckContext, RepoFacts, Snapshot

GOOD = (
    "# Security Policy\n\n## Supported Versions\nOnly the latest release.\n\n## Reporting\n"
    "Please do not open a public issue; email security@acme.dev or use "
    "https://github.com/acme/widget/security/advisories/new. We acknowledge within 3 days and "
    "disclose within 90 days.\n\n"
)
INPUTS: dict[str, Callable[[int], str]] = {
    "realistic policy, repeated": lambda n: (GOOD * (n // len(GOOD) + 1))[:n],
    "a.a.a.a (email starts)": lambda n: ("a." * n)[:n],
    "[INSERT without ]": lambda n: ("[INSERT " * n)[:n],
    "{{ without }}": lambda n: ("{{ " * n)[:n],
    "[![ without ]": lambda n: ("[![x" * n)[:n],
    "<a <a <a (no >)": lambda n: ("<a href='x' " * n)[:n],
    "<a href><b><b>... (no img)": lambda n: ('<a href="x">' + "<b>" * n)[:n],
    "digits and spaces": lambda n: ("1 " * n)[:n],
    "one long line of words": lambda n: ("respond disclose within " * n)[:n],
    "many durations on one line": lambda n: ("respond within 2 days " * n)[:n],
    "Chinese durations, no full stop": lambda n: ("在48小时内确认" * n)[:n],
    "versions section, no full stop": lambda n: "## Supported Versions\n\n" + ("always use the " * n)[:n],
    "RST target, wrapped address": lambda n: (".. _x:\n   https://a.b/c\n" + "   /d e\n" * n)[:n],
    "times after the patch": lambda n: ("once the patch is out publish within 7 days " * n)[:n],
    "long links, no report page": lambda n: (("[x](https://" + "a" * 1900 + ")\n") * n)[:n],
    "many links in one paragraph": lambda n: ("see https://example.org/a " * n)[:n],
    "many distinct links, one sentence": lambda n: "".join(
        f"report to https://h{i}.org/security " for i in range(n)
    )[:n],
    "one long reference used often": lambda n: ("[a]: https://" + "a" * 1900 + "\n\n" + "[a] " * n)[:n],
    "one reference, many paragraphs": lambda n: (
        "[a]: https://acme.dev/x\n\n" + "see [a] and [b][a]\n\n" * n
    )[:n],
    "do not, do not, ... (no until)": lambda n: ("DO NOT, UNDER ANY CIRCUMSTANCES, TALK " * n)[:n],
    "once the fix ... (no comma)": lambda n: "## Fix\n\n" + ("Once the fix is confirmed 3 days " * n)[:n],
    "handles, phones, README sections": lambda n: (
        "Contact @abc on Discord or +47 51 999 222 or [x](https://github.com/a/b#c) " * n
    )[:n],
    "GitHub, private, report abroad": lambda n: ("GitHub privado reporte 漏洞 " * n)[:n],
    "a disclaimer, then durations": lambda n: ("We cannot guarantee " + "a reply in 2 days, " * n)[:n],
}


def run_once(text: str) -> float:
    data = text.encode()
    snap = Snapshot(
        RepoFacts("acme", "widget"),
        ("SECURITY.md", "README.md"),
        {"SECURITY.md": data, "README.md": data},
    )
    start = time.perf_counter()
    checks.run_all(snap, CheckContext(), ["security-policy", "security-badge"])
    return (time.perf_counter() - start) * 1000


def main() -> None:
    kib = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    print(f"{'input':32} {kib:>5} KiB ms {2 * kib:>5} KiB ms  ratio")
    for name, make in INPUTS.items():
        small = run_once(make(kib * 1024))
        large = run_once(make(2 * kib * 1024))
        print(f"{name:32} {small:12.1f} {large:12.1f}  {large / max(small, 0.001):5.1f}")


if __name__ == "__main__":
    main()
