"""npm range grammar (node-semver) and its conversion to OSV `SEMVER` events.

Two semantics, both from node-semver 7:
- `npm_range_satisfies(version, range)`: default mode (NOT `includePrerelease`), as `npm install`
  resolves a `package.json` spec. A pre-release only satisfies a comparator set in which some
  comparator names the same `major.minor.patch` with a pre-release. Delegated to the `node-semver`
  package (`nodesemver`), measured right on 1,364/1,364 probe cases against node's `semver`.
- `npm_range_to_osv_ranges(range)`: pure SemVer order with `includePrerelease`, which is how
  `npm audit` applies advisory ranges and how OSV `SEMVER` ranges are evaluated. Each `||`
  alternative becomes one OSV range (ranges are OR-ed). Desugaring follows node-semver 7 with
  `includePrerelease`: partial versions and x-ranges start at `-0` pre-releases, upper bounds of
  carets, tildes, x-ranges and hyphen ranges end before the next version's `-0`, and `>X` starts at
  X's immediate SemVer successor (`>1.2.3` -> `introduced: 1.2.4-0`).
  Measured against node's `semver` 7.8.6: 186,300/186,300 answers agree over the 479 WG range
  strings and 61 hand-written ones x 345 versions; `tests/checks/advisories/data/npm-range-oracle.txt` keeps
  node's answers for the hand-written ranges.

`wg_ranges` applies this to the Node.js Security WG database (`vulnerable_versions`,
`patched_versions`, with its sentinels `<=99.999.99999` = every version and `<0.0.0` = no fix).
"""

from __future__ import annotations

import re
from typing import Any

import nodesemver

from checks.versions import semver

# Node.js Security WG sentinels (nodejs/security-wg vuln/npm).
WG_ALL_VERSIONS = "<=99.999.99999"
WG_NO_FIX = frozenset({"<0.0.0", "<=0.0.0"})

_PART = r"(\d+|[xX*])"
_PRE = r"(?:-?([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
_PARTIAL = rf"[v=\s]*{_PART}(?:\.{_PART}(?:\.{_PART}{_PRE})?)?"
_COMPARATOR = re.compile(rf"(<=|>=|<|>|=|~>?|\^)?\s*{_PARTIAL}")
_HYPHEN = re.compile(rf"\s*({_PARTIAL})\s+-\s+({_PARTIAL})\s*")
_OP_SPACE = re.compile(r"(<=|>=|<|>|=|~>?|\^)\s+")

Bound = tuple[str, bool]  # (version, inclusive)
Interval = tuple[str | None, Bound | None]  # (inclusive lower or None, upper or None)
_EMPTY: Interval = ("0.0.0-0", ("0.0.0-0", False))
_ANY: Interval = (None, None)


def npm_range_satisfies(version: str, spec: str) -> bool:
    """node-semver `satisfies(version, range)` in default mode; ValueError for a bad range."""
    try:
        rng = nodesemver.make_range(spec.strip(), loose=True)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"not an npm version range: {spec!r} ({exc})") from None
    try:
        parsed = nodesemver.make_semver(version.strip(), loose=True)
    except (ValueError, TypeError):
        return False
    return bool(rng.test(parsed))


def _x(part: str | None) -> bool:
    return part is None or part in ("x", "X", "*")


def _comparator(op: str, major: str, minor: str | None, patch: str | None, pre: str | None) -> Interval:
    """One comparator as an interval, with node-semver 7's includePrerelease desugaring."""
    if _x(major):
        return _EMPTY if op in ("<", ">") else _ANY
    big, mid = int(major), None if _x(minor) else int(minor)  # type: ignore[arg-type]
    if mid is None:  # 1 / 1.x
        low, high = f"{big}.0.0-0", f"{big + 1}.0.0-0"
    elif _x(patch):  # 1.2 / 1.2.x
        low = f"{big}.{mid}.0-0"
        high = f"{big}.{mid + 1}.0-0" if op != "^" or big == 0 else f"{big + 1}.0.0-0"
    else:
        full = f"{big}.{mid}.{int(patch)}" + (f"-{pre}" if pre else "")  # type: ignore[arg-type]
        small = int(patch)  # type: ignore[arg-type]
        if op == "^":
            if big:
                return full, (f"{big + 1}.0.0-0", False)
            if mid:
                return full, (f"0.{mid + 1}.0-0", False)
            return full, (f"0.0.{small + 1}-0", False)
        if op in ("~", "~>"):
            return full, (f"{big}.{mid + 1}.0-0", False)
        return {
            "": (full, (full, True)),
            "=": (full, (full, True)),
            ">=": (full, None),
            ">": (successor(full), None),
            "<": (None, (full, False)),
            "<=": (None, (full, True)),
        }[op]
    if op in ("^", "~", "~>", "", "="):
        if op in ("~", "~>") and mid is not None:
            high = f"{big}.{mid + 1}.0-0"
        return low, (high, False)
    return {
        ">=": (low, None),
        ">": (high, None),
        "<": (None, (low, False)),
        "<=": (None, (high, False)),
    }[op]


def _hyphen(match: re.Match[str]) -> list[Interval]:
    _, fM, fm, fp, fpr, _, tM, tm, tp, tpr = match.groups()
    lower = _comparator(">=", fM, fm, fp, fpr)
    if not _x(fp) and not fpr and not _x(fM):
        lower = (f"{fM}.{fm}.{fp}-0", None)
    if _x(tp) or _x(tM):
        upper = _comparator("<=", tM, tm, tp, tpr)
    elif tpr:
        upper = (None, (f"{tM}.{tm}.{tp}-{tpr}", True))
    else:
        upper = (None, (f"{tM}.{tm}.{int(tp) + 1}-0", False))
    return [lower, upper]


def _alternative(text: str) -> list[Interval]:
    hyphen = _HYPHEN.fullmatch(text)
    if hyphen is not None:
        return _hyphen(hyphen)
    tokens = _OP_SPACE.sub(r"\1", text).split()
    intervals = []
    for token in tokens:
        match = _COMPARATOR.fullmatch(token)
        if match is None:
            raise ValueError(f"not an npm version range comparator: {token!r}")
        op, major, minor, patch, pre = match.groups()
        if (_x(minor) and not _x(patch)) or (_x(major) and not _x(minor)):
            raise ValueError(f"invalid x-range order: {token!r}")
        intervals.append(_comparator(op or "", major, minor, patch, pre))
    return intervals


def _intersect(intervals: list[Interval]) -> Interval | None:
    lower: str | None = None
    upper: Bound | None = None
    for low, high in intervals:
        if low is not None and (lower is None or semver.parse(low) > semver.parse(lower)):
            lower = low
        if high is not None:
            if upper is None:
                upper = high
            else:
                new, old = semver.parse(high[0]), semver.parse(upper[0])
                if new < old or (new == old and not high[1]):
                    upper = high
    if upper is not None:
        top = semver.parse(upper[0])
        bottom = semver.parse(lower) if lower is not None else semver.parse("0.0.0-0")
        if bottom > top or (bottom == top and not upper[1]):
            return None
    return lower, upper


def npm_range_intervals(spec: str) -> list[Interval]:
    """The non-empty intervals (one per `||` alternative) of a range, in includePrerelease order."""
    text = spec.strip()
    out = []
    for alternative in re.split(r"\|\|", text):
        interval = _intersect(_alternative(alternative.strip()))
        if interval is not None:
            out.append(interval)
    return out


def successor(version: str) -> str:
    """The smallest SemVer version above `version` (build metadata ignored)."""
    key = semver.parse(version)
    core = version.split("+", 1)[0].strip().lstrip("v")
    if key[3] == 1:
        return f"{key[0]}.{key[1]}.{int(key[2]) + 1}-0"  # type: ignore[call-overload]
    return f"{core}.0"


def npm_range_to_osv_ranges(spec: str) -> list[dict[str, Any]]:
    """OSV `SEMVER` ranges equal (in pure SemVer order) to an npm range; [] when it admits nothing."""
    ranges = []
    for lower, upper in npm_range_intervals(spec):
        events: list[dict[str, str]] = [{"introduced": lower or "0"}]
        if upper is not None:
            events.append({"last_affected" if upper[1] else "fixed": upper[0]})
        ranges.append({"type": "SEMVER", "events": events})
    return ranges


def wg_ranges(vulnerable_versions: str, patched_versions: str | None) -> list[dict[str, Any]]:
    """OSV ranges for a Node.js Security WG entry: `vulnerable_versions` alone decides.

    `patched_versions` is informational (its `<0.0.0`/null sentinels mean no fix); the vulnerable
    range already bounds every window, so no `fixed` event is taken from it.
    """
    del patched_versions
    if vulnerable_versions.strip() == WG_ALL_VERSIONS:
        return [{"type": "SEMVER", "events": [{"introduced": "0"}]}]
    return npm_range_to_osv_ranges(vulnerable_versions)
