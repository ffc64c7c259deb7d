"""The Node.js Security WG database (`vuln/npm/<id>.json`) converted to OSV.

Ranges are node-semver ranges; each `||` branch becomes one OSV SEMVER range through
`checks.versions.npm_range` (exact events, checked against node's own `semver` on every WG range), so
evaluation is pure SemVer ordering, which is what `npm audit` does (`includePrerelease: true`).
"""

from __future__ import annotations

from typing import Any

from app.advisories.osv import InvalidRecord, cvss_severity
from checks.versions.npm_range import npm_range_to_osv_ranges

ALL_VERSIONS = {"<=99.999.99999", "*", "", ">=0.0.0"}
NO_FIX = {"<0.0.0"}
PREFIX = "NSWG-ECO-"


def is_wg_npm_entry(doc: Any) -> bool:
    return isinstance(doc, dict) and "module_name" in doc and "vulnerable_versions" in doc


def is_wg_core_entry(doc: Any) -> bool:
    return isinstance(doc, dict) and "vulnerable" in doc and "module_name" not in doc


def ranges_for(vulnerable: str) -> list[dict[str, Any]]:
    """One OSV SEMVER range per `||` branch that admits any version (the WG's "all" spellings included)."""
    ranges: list[dict[str, Any]] = []
    for branch in vulnerable.split("||"):
        if branch.strip() in ALL_VERSIONS:
            ranges.append({"type": "SEMVER", "events": [{"introduced": "0"}]})
        else:
            ranges.extend(npm_range_to_osv_ranges(branch))
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
    if severity := cvss_severity(doc.get("cvss_vector")):
        record["severity"] = severity
    return record
