"""RustSec advisories in their native form (Markdown with a ```toml front matter) converted to OSV.

`[versions] patched` and `unaffected` are lists of Cargo requirements (each a comma-separated AND of
`^ ~ = > >= < <= *` comparators; a bare version means `^`). The affected versions are everything
that neither list covers: the requirements become intervals, their union is complemented, and each gap
is one OSV SEMVER range (`introduced` .. `fixed`, or `last_affected` where a bound is inclusive).
rustsec/advisory-db also publishes the OSV form (its `osv` branch); this reads the main branch offline.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from app.advisories.osv import InvalidRecord, cvss_severity
from checks.versions import semver

_COMPARATOR = re.compile(
    r"^\s*(\^|~|=|>=|<=|>|<)?\s*v?(\*|\d+(?:\.(?:\d+|\*))?(?:\.(?:\d+|\*))?(?:-[0-9A-Za-z.-]+)?)\s*$"
)

Bound = tuple[str, bool]  # (version, inclusive)
Interval = tuple[Bound | None, Bound | None]  # (lower, upper); None: unbounded


def is_rustsec_markdown(name: str, text: str) -> bool:
    return name.lower().endswith(".md") and text.lstrip().startswith("```toml")


def _key(version: str) -> Any:
    return semver.parse(version)


def _comparator(text: str) -> Interval:
    match = _COMPARATOR.match(text)
    if not match:
        raise InvalidRecord(f"unreadable Cargo requirement {text.strip()!r}")
    op, version = match.group(1) or "^", match.group(2)
    core, _, pre = version.partition("-")
    parts = [p for p in core.split(".") if p != "*"]
    if not parts:
        return None, None
    numbers = [int(p) for p in parts]
    full = ".".join(str(n) for n in (*numbers, 0, 0)[:3]) + (f"-{pre}" if pre and len(numbers) == 3 else "")
    exact = len(numbers) == 3

    def bump(index: int) -> str:
        padded = [*numbers, 0, 0][:3]
        padded[index] += 1
        return ".".join(str(n) for n in padded[: index + 1] + [0] * (2 - index))

    if op == "^":
        first_nonzero = next((i for i, n in enumerate(numbers) if n != 0), len(numbers) - 1)
        return (full, True), (bump(min(first_nonzero, len(numbers) - 1)), False)
    if op == "~":
        return (full, True), (bump(1 if len(numbers) >= 2 else 0), False)
    if op == "=":
        return ((full, True), (full, True)) if exact else ((full, True), (bump(len(numbers) - 1), False))
    if op == ">=":
        return (full, True), None
    if op == ">":
        return ((full, False), None) if exact else ((bump(len(numbers) - 1), True), None)
    if op == "<":
        return None, (full, False)
    return None, ((full, True) if exact else (bump(len(numbers) - 1), False))  # <=


def _intersect(a: Interval, b: Interval) -> Interval:
    lower = max((x for x in (a[0], b[0]) if x), key=lambda x: (_key(x[0]), not x[1]), default=None)
    upper = min((x for x in (a[1], b[1]) if x), key=lambda x: (_key(x[0]), x[1]), default=None)
    return lower, upper


def requirement(text: str) -> Interval:
    interval: Interval = (None, None)
    for part in text.split(","):
        interval = _intersect(interval, _comparator(part))
    return interval


# A point on the version line: (sort key, side, version); side 0 is just before the version, 1 just after.
Point = tuple[Any, int, str]
NEG_INF: Point = ((), 0, "0")


def _start(lower: Bound | None) -> Point:
    return NEG_INF if lower is None else (_key(lower[0]), 0 if lower[1] else 1, lower[0])


def _end(upper: Bound | None) -> Point | None:  # None: unbounded above
    return None if upper is None else (_key(upper[0]), 1 if upper[1] else 0, upper[0])


def _before(a: Point, b: Point | None) -> bool:
    return b is None or (a[0], a[1]) < (b[0], b[1])


def affected_ranges(covered: list[str]) -> list[dict[str, Any]]:
    """OSV ranges for every version that no requirement in `covered` matches."""
    spans = sorted(
        ((_start(lo), _end(hi)) for lo, hi in map(requirement, covered)),
        key=lambda span: (span[0][0], span[0][1]),
    )
    spans = [s for s in spans if _before(s[0], s[1])]  # drop empty requirements
    gaps: list[tuple[Point, Point | None]] = []
    cursor: Point | None = NEG_INF  # start of the part not yet covered; None: everything is covered
    for start, end in spans:
        if cursor is None:
            break
        if _before(cursor, start):
            gaps.append((cursor, start))
        if end is None:
            cursor = None
        elif not _before(end, cursor):
            cursor = end
    if cursor is not None:
        gaps.append((cursor, None))
    ranges = []
    for start, end in gaps:
        introduced = "0" if start == NEG_INF else start[2] if start[1] == 0 else _successor(start[2])
        events = [{"introduced": introduced}]
        if end is not None:
            events.append({"fixed": end[2]} if end[1] == 0 else {"last_affected": end[2]})
        ranges.append({"type": "SEMVER", "events": events})
    return ranges


def _successor(version: str) -> str:
    core, _, pre = version.partition("-")
    if pre:
        return f"{version}.0"
    major, minor, patch = (int(p) for p in core.split("."))
    return f"{major}.{minor}.{patch + 1}-0"


def convert(text: str) -> dict[str, Any]:
    body = text.lstrip()
    try:
        front, _, rest = body[len("```toml") :].partition("```")
        data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidRecord(f"invalid TOML front matter: {exc}") from exc
    advisory, versions = data.get("advisory") or {}, data.get("versions") or {}
    osv_id, package, date = advisory.get("id"), advisory.get("package"), advisory.get("date")
    if not isinstance(osv_id, str) or not isinstance(package, str) or not isinstance(date, str):
        raise InvalidRecord("RustSec front matter without [advisory] id, package and date")
    covered = [*versions.get("patched", []), *versions.get("unaffected", [])]
    title = next((line[2:].strip() for line in rest.splitlines() if line.startswith("# ")), "")
    record: dict[str, Any] = {
        "id": osv_id,
        "modified": f"{date}T00:00:00Z",
        "published": f"{date}T00:00:00Z",
        "aliases": [a for a in advisory.get("aliases", []) if isinstance(a, str)],
        "summary": title,
        "details": rest.strip(),
        "affected": [
            {
                "package": {"ecosystem": "crates.io", "name": package, "purl": f"pkg:cargo/{package}"},
                "ranges": affected_ranges(covered),
                "database_specific": {"informational": advisory.get("informational")},
            }
        ],
        "references": [{"type": "WEB", "url": advisory["url"]}] if advisory.get("url") else [],
    }
    if severity := cvss_severity(advisory.get("cvss")):
        record["severity"] = severity
    if advisory.get("withdrawn"):
        record["withdrawn"] = f"{advisory['withdrawn']}T00:00:00Z"
    return record
