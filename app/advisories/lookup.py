"""On-demand lookup: ask the OSV API about the pinned dependencies of a local project and store the
advisories the database does not hold yet (`repo-hygiene advisories lookup PATH`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.importer import ImportReport, import_items
from app.advisories.osv import base_ecosystem, normalise_name
from app.advisories.sources.files import ImportItem
from app.advisories.sources.osv_api import OSV_API_URL, OsvApi
from app.advisories.store import advisory_ids_for
from app.local_snapshot import local_snapshot
from checks import lockfiles

SOURCE = "osv-api"


@dataclass
class LookupReport:
    packages: int
    already_known: int
    imported: ImportReport


async def lookup_project(
    root: Path,
    sessions: sessionmaker[Session],
    *,
    base_url: str = OSV_API_URL,
    transport: httpx.AsyncBaseTransport | None = None,
) -> LookupReport:
    snapshot = local_snapshot(root, lockfiles.needs())
    inventory = lockfiles.parse_all(snapshot.files)
    packages = sorted({(d.ecosystem, d.name, d.version) for d in inventory.dependencies if d.version})
    pairs = {(base_ecosystem(e), normalise_name(e, n)) for e, n, _ in packages}
    with sessions() as session:
        known = advisory_ids_for(session, pairs)
    async with OsvApi(base_url, transport=transport) as api:
        records = await api.lookup(packages, known=known)
    items = (ImportItem(f"{base_url}/v1/vulns/{r['id']}", r, source=SOURCE) for r in records)
    return LookupReport(len(packages), len(known), import_items(sessions, items))


def run_lookup(root: Path, sessions: sessionmaker[Session], base_url: str) -> LookupReport:
    return asyncio.run(lookup_project(root, sessions, base_url=base_url))
