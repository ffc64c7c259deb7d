"""The GitHub Advisory Database over REST (`GET /advisories`), converted to OSV.

Listed with githubkit's typed `rest.security_advisories` call, paged by `rest.paginate` along the
`Link: rel="next"` cursor. Each page is read as a list of JSON objects rather than githubkit's
`GlobalAdvisory` models: an advisory that drifts from the schema is then rejected on its own by
`to_osv` (and reported), instead of failing its whole page and stopping the sync.
Sorted by `updated` ascending and filtered by `modified>=cursor`, so an interrupted sync resumes from the
last page it stored. `vulnerable_version_range` is an AND of `= v`, `<= v`, `< v`, `>= v` (space after
the operator optional); an upper `<= v` with a `first_patched_version` becomes `fixed: <patched>`, as
GitHub's own OSV export writes it, otherwise `last_affected: v`. `> v` has no exact ECOSYSTEM event, so
such an entry is rejected (as ossf/osv-schema's converter does) and the rejection is reported.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any, Literal

from githubkit import GitHub, Response
from githubkit.compat import type_validate_json
from githubkit.exception import GitHubException
from githubkit.utils import UNSET

from app.advisories.osv import InvalidRecord
from app.github.errors import translate

ECOSYSTEMS = {
    "npm": "npm",
    "pip": "PyPI",
    "go": "Go",
    "rust": "crates.io",
    "rubygems": "RubyGems",
    "composer": "Packagist",
    "maven": "Maven",
    "nuget": "NuGet",
    "erlang": "Hex",
    "actions": "GitHub Actions",
    "pub": "Pub",
    "swift": "SwiftURL",
}
SEVERITIES = {
    "low": "LOW",
    "medium": "MODERATE",
    "moderate": "MODERATE",
    "high": "HIGH",
    "critical": "CRITICAL",
}
_CONSTRAINT = re.compile(r"^\s*(<=|>=|<|>|=)\s*(\S+)\s*$")
Ecosystem = Literal[
    "rubygems",
    "npm",
    "pip",
    "maven",
    "nuget",
    "composer",
    "go",
    "rust",
    "erlang",
    "actions",
    "pub",
    "other",
    "swift",
]


def events_for(vulnerable_range: str, first_patched: str | None) -> list[dict[str, str]]:
    lower, upper = "0", None
    for part in vulnerable_range.split(","):
        match = _CONSTRAINT.match(part)
        if not match:
            raise InvalidRecord(f"unreadable constraint {part.strip()!r} in {vulnerable_range!r}")
        op, version = match.groups()
        if op == ">":
            raise InvalidRecord(f"'>' has no exact OSV event ({vulnerable_range!r})")
        if op == "=":
            lower, upper = version, {"last_affected": version}
        elif op == ">=":
            lower = version
        elif op == "<":
            upper = {"fixed": version}
        else:  # <=
            upper = {"fixed": first_patched} if first_patched else {"last_affected": version}
    return [{"introduced": lower}, *([upper] if upper else [])]


def to_osv(advisory: dict[str, Any]) -> dict[str, Any]:
    """One REST advisory as an OSV record; InvalidRecord when it has no usable id, date or package."""
    ghsa = advisory.get("ghsa_id")
    modified = advisory.get("updated_at") or advisory.get("published_at")
    if not isinstance(ghsa, str) or not isinstance(modified, str):
        raise InvalidRecord("REST advisory without 'ghsa_id' or 'updated_at'")
    aliases = {i.get("value") for i in advisory.get("identifiers") or [] if isinstance(i, dict)}
    aliases.add(advisory.get("cve_id"))
    affected, problems = [], []
    for vuln in advisory.get("vulnerabilities") or []:
        package = vuln.get("package") or {}
        ecosystem = ECOSYSTEMS.get(str(package.get("ecosystem", "")).lower())
        if ecosystem is None or not package.get("name"):
            problems.append(f"unsupported package {package!r}")
            continue
        try:
            events = events_for(
                str(vuln.get("vulnerable_version_range") or ">= 0"), vuln.get("first_patched_version")
            )
        except InvalidRecord as exc:
            problems.append(str(exc))
            continue
        affected.append(
            {
                "package": {"ecosystem": ecosystem, "name": package["name"]},
                "ranges": [{"type": "ECOSYSTEM", "events": events}],
                "database_specific": {"vulnerable_version_range": vuln.get("vulnerable_version_range")},
            }
        )
    if not affected and problems:
        raise InvalidRecord(f"{ghsa}: no usable package entry ({'; '.join(problems)})")
    severity, cvss_score = [], None
    for key, osv_type in (("cvss_v3", "CVSS_V3"), ("cvss_v4", "CVSS_V4")):
        entry = (advisory.get("cvss_severities") or {}).get(key) or {}
        if entry.get("vector_string"):
            severity.append({"type": osv_type, "score": entry["vector_string"]})
            cvss_score = cvss_score if cvss_score is not None else entry.get("score")
    legacy = advisory.get("cvss") or {}
    if not severity and legacy.get("vector_string"):
        severity.append({"type": "CVSS_V3", "score": legacy["vector_string"]})
    record: dict[str, Any] = {
        "id": ghsa,
        "modified": modified,
        "published": advisory.get("published_at"),
        "aliases": sorted(a for a in aliases if isinstance(a, str) and a and a != ghsa),
        "summary": advisory.get("summary") or "",
        "details": advisory.get("description") or "",
        "affected": affected,
        "severity": severity,
        "references": [
            {"type": "WEB", "url": u} for u in advisory.get("references") or [] if isinstance(u, str)
        ],
        "database_specific": {
            "severity": SEVERITIES.get(str(advisory.get("severity")).lower()),
            "cvss_score": cvss_score if cvss_score is not None else legacy.get("score"),
            "cwe_ids": [c.get("cwe_id") for c in advisory.get("cwes") or [] if isinstance(c, dict)],
            "github_reviewed": advisory.get("type") == "reviewed",
            "conversion_problems": problems,
        },
    }
    if advisory.get("withdrawn_at"):
        record["withdrawn"] = advisory["withdrawn_at"]
    return record


async def iter_pages(
    gh: GitHub[Any], *, since: str | None, ecosystem: Ecosystem | None = None, per_page: int = 100
) -> AsyncIterator[list[dict[str, Any]]]:
    """Pages of REST advisories, oldest update first. `gh` is an entered githubkit.GitHub."""
    visited: set[str] = set()

    def one_page(response: Response[Any]) -> list[list[dict[str, Any]]]:
        url = str(response.raw_request.url)
        if url in visited:
            raise ValueError(f"GET /advisories pagination loops back to {url}")
        visited.add(url)
        return [type_validate_json(list[dict[str, Any]], response.content)]

    pages = gh.rest.paginate(
        gh.rest.security_advisories.async_list_global_advisories,
        map_func=one_page,
        type="reviewed",
        sort="updated",
        direction="asc",
        per_page=per_page,
        modified=f">={since}" if since else UNSET,
        ecosystem=ecosystem or UNSET,
    )
    try:
        async for page in pages:
            yield page
    except GitHubException as exc:
        raise translate(exc) from exc
