"""Small facts about OSV records that storage and importers share (no I/O)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

# The index's own rules, so that the database's package keys always agree with what a match looks up.
from checks.advisories.osv import normalise_name
from checks.versions import base_ecosystem

__all__ = ["InvalidRecord", "base_ecosystem", "normalise_name", "packages", "summary_of", "validate"]


MAX_NAME = 512  # the advisory_packages column sizes (PostgreSQL enforces them)
MAX_ECOSYSTEM = 128


class InvalidRecord(ValueError):
    """An advisory that is not a usable OSV record; the message says why."""


def validate(record: Any) -> dict[str, Any]:
    """The record itself when it has the OSV fields storage relies on; InvalidRecord otherwise."""
    if not isinstance(record, dict):
        raise InvalidRecord(f"not an OSV object (got {type(record).__name__})")
    osv_id = record.get("id")
    if not isinstance(osv_id, str) or not osv_id.strip():
        raise InvalidRecord("missing string field 'id'")
    if len(osv_id) > 255:
        raise InvalidRecord("'id' longer than 255 characters")
    if not isinstance(record.get("modified"), str):
        raise InvalidRecord(f"{osv_id}: missing string field 'modified'")
    affected = record.get("affected", [])
    if not isinstance(affected, list):
        raise InvalidRecord(f"{osv_id}: 'affected' is not a list")
    for entry in affected:
        package = entry.get("package") if isinstance(entry, dict) else None
        if package is not None and not (
            isinstance(package, dict)
            and isinstance(package.get("ecosystem"), str)
            and isinstance(package.get("name"), str)
        ):
            raise InvalidRecord(f"{osv_id}: an 'affected' entry has no package ecosystem/name")
        if package and (len(package["name"]) > MAX_NAME or len(package["ecosystem"]) > MAX_ECOSYSTEM):
            raise InvalidRecord(f"{osv_id}: package name or ecosystem too long")
    return record


def packages(record: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Distinct (base ecosystem, normalised name) pairs a record affects."""
    seen: set[tuple[str, str]] = set()
    for entry in record.get("affected") or ():
        package = entry.get("package") if isinstance(entry, dict) else None
        if not package:
            continue
        eco = base_ecosystem(package["ecosystem"])
        key = (eco, normalise_name(eco, package["name"]))
        if key not in seen:
            seen.add(key)
            yield key


def summary_of(record: Mapping[str, Any], limit: int = 500) -> str:
    text = record.get("summary") or record.get("details") or ""
    text = str(text).strip().splitlines()[0] if str(text).strip() else ""
    return text[:limit]


def cvss_severity(vector: object) -> list[dict[str, str]]:
    """An OSV `severity[]` for a source's CVSS vector string: `CVSS_V3` for 3.0/3.1, `CVSS_V4` for
    4.0 (scored when the index loads the record), nothing for anything else."""
    if not isinstance(vector, str):
        return []
    if vector.startswith("CVSS:3"):
        return [{"type": "CVSS_V3", "score": vector}]
    if vector.startswith("CVSS:4"):
        return [{"type": "CVSS_V4", "score": vector}]
    return []
