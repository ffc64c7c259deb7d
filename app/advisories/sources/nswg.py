"""The Node.js Security WG database (`vuln/npm/<id>.json`) converted to OSV.

Ranges are node-semver ranges. Each `||` branch is an interval (an AND of comparators), which becomes
one OSV SEMVER range with exact events: `>= v` -> introduced v, `> v` -> introduced at v's immediate
successor (`1.2.3` -> `1.2.4-0`, `1.0.0-rc.1` -> `1.0.0-rc.1.0`: nothing sorts between them under SemVer
precedence), `< v` -> fixed v, `<= v` -> last_affected v, `= v` -> introduced and last_affected v.
Upper bounds that node-semver produced by desugaring `^`, `~`, x-ranges or partial hyphen ranges become
`v-0`, as semver 7 writes them, so prereleases of the next major/minor are not swept in. Evaluation is
then pure SemVer ordering, which is what `npm audit` does (`includePrerelease: true`).
"""

from __future__ import annotations

from typing import Any

import nodesemver

from app.advisories.osv import InvalidRecord

ALL_VERSIONS = {"<=99.999.99999", "*", "", ">=0.0.0"}
NO_FIX = {"<0.0.0"}
PREFIX = "NSWG-ECO-"


def is_wg_npm_entry(doc: Any) -> bool:
    return isinstance(doc, dict) and "module_name" in doc and "vulnerable_versions" in doc


def is_wg_core_entry(doc: Any) -> bool:
    return isinstance(doc, dict) and "vulnerable" in doc and "module_name" not in doc


def _successor(version: str) -> str:
    parsed = nodesemver.make_semver(version, loose=True)
    if parsed.prerelease:
        return f"{parsed.major}.{parsed.minor}.{parsed.patch}-{'.'.join(map(str, parsed.prerelease))}.0"
    return f"{parsed.major}.{parsed.minor}.{parsed.patch + 1}-0"


def _branch_events(branch: str) -> list[dict[str, str]] | None:
    """OSV events for one `||` branch; None when the branch matches no version at all."""
    if branch.strip() in ALL_VERSIONS:
        return [{"introduced": "0"}]
    parsed = nodesemver.make_range(branch, loose=True)
    if len(parsed.set) != 1:
        raise InvalidRecord(f"range branch {branch!r} is not a single interval")
    compact = branch.replace(" ", "")
    lower: tuple[str, bool] | None = None  # (version, inclusive)
    upper: tuple[str, bool] | None = None
    for comparator in parsed.set[0]:
        if comparator.semver is nodesemver.ANY:
            continue
        version = str(comparator.semver)
        op = comparator.operator or "="
        if op in ("=", ""):
            lower, upper = _max_lower(lower, (version, True)), _min_upper(upper, (version, True))
        elif op == ">=":
            lower = _max_lower(lower, (version, True))
        elif op == ">":
            lower = _max_lower(lower, (_successor(version), True))
        elif op == "<":
            if f"<{version}" not in compact:  # desugared from ^ ~ x or a partial hyphen bound
                version = f"{version}-0"
            upper = _min_upper(upper, (version, False))
        elif op == "<=":
            upper = _min_upper(upper, (version, True))
        else:
            raise InvalidRecord(f"unsupported comparator {op!r} in {branch!r}")
    if lower and upper and _cmp(lower[0], upper[0]) > 0:
        return None
    if lower and upper and _cmp(lower[0], upper[0]) == 0 and not upper[1]:
        return None
    if upper and upper[0] == "0.0.0" and not upper[1]:
        return None
    events = [{"introduced": lower[0] if lower else "0"}]
    if upper:
        events.append({"last_affected" if upper[1] else "fixed": upper[0]})
    return events


def _cmp(a: str, b: str) -> int:
    return int(nodesemver.compare(a, b, loose=True))


def _max_lower(current: tuple[str, bool] | None, new: tuple[str, bool]) -> tuple[str, bool]:
    return new if current is None or _cmp(new[0], current[0]) > 0 else current


def _min_upper(current: tuple[str, bool] | None, new: tuple[str, bool]) -> tuple[str, bool]:
    if current is None:
        return new
    order = _cmp(new[0], current[0])
    if order < 0 or (order == 0 and not new[1]):
        return new
    return current


def ranges_for(vulnerable: str) -> list[dict[str, Any]]:
    ranges = []
    for branch in vulnerable.split("||"):
        events = _branch_events(branch.strip())
        if events is not None:
            ranges.append({"type": "SEMVER", "events": events})
    return ranges


def _date(value: Any) -> str | None:
    if not isinstance(value, str) or not value or value.startswith("1970-01-01"):
        return None
    return value if "T" in value else f"{value}T00:00:00Z"


def convert(doc: dict[str, Any]) -> dict[str, Any]:
    """One WG npm entry as an OSV record; InvalidRecord (with the reason) when it cannot be converted."""
    wg_id, module, vulnerable = doc.get("id"), doc.get("module_name"), doc.get("vulnerable_versions")
    if not isinstance(wg_id, int) or not isinstance(module, str) or not module:
        raise InvalidRecord("WG entry without an integer 'id' and a 'module_name'")
    osv_id = f"{PREFIX}{wg_id}"
    if not isinstance(vulnerable, str):
        raise InvalidRecord(f"{osv_id}: 'vulnerable_versions' is not a range string")
    try:
        ranges = ranges_for(vulnerable)
    except (ValueError, TypeError) as exc:  # node-semver raises ValueError on an unparsable range
        raise InvalidRecord(f"{osv_id}: cannot read range {vulnerable!r}: {exc}") from exc
    if not ranges:
        raise InvalidRecord(f"{osv_id}: range {vulnerable!r} matches no version")
    modified = _date(doc.get("updated_at")) or _date(doc.get("created_at"))
    if modified is None:
        raise InvalidRecord(f"{osv_id}: no usable 'updated_at' or 'created_at' date")
    patched = doc.get("patched_versions")
    record: dict[str, Any] = {
        "schema_version": "1.6.0",
        "id": osv_id,
        "modified": modified,
        "aliases": [c for c in doc.get("cves") or [] if isinstance(c, str)],
        "summary": str(doc.get("title") or "")[:500],
        "details": str(doc.get("overview") or ""),
        "affected": [
            {
                "package": {"ecosystem": "npm", "name": module, "purl": f"pkg:npm/{module}"},
                "ranges": ranges,
                "database_specific": {
                    "vulnerable_versions": vulnerable,
                    "patched_versions": None if patched in NO_FIX else patched,
                },
            }
        ],
        "references": [{"type": "WEB", "url": u} for u in doc.get("references") or [] if isinstance(u, str)],
        "database_specific": {"source": "nodejs/security-wg", "cvss_score": doc.get("cvss_score")},
    }
    if published := _date(doc.get("publish_date")):
        record["published"] = published
    if isinstance(doc.get("cvss_vector"), str) and doc["cvss_vector"].startswith("CVSS:3"):
        record["severity"] = [{"type": "CVSS_V3", "score": doc["cvss_vector"]}]
    return record
