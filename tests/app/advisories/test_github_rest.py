"""The GitHub REST advisory adapter against respx, with GitHub's own example payload."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx
from githubkit import GitHub, TokenAuthStrategy
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.osv import InvalidRecord
from app.advisories.sources.github_rest import events_for, to_osv
from app.advisories.store import Advisory, AdvisorySource, source_cursor
from app.advisories.sync import sync_github
from tests.conftest import shared_path

API = "https://api.github.com"


def _example() -> dict[str, Any]:
    path = shared_path("fixtures", "rest", "security-advisories", "list-global-advisories.json")
    spec = json.loads(path.read_text())
    value: list[dict[str, Any]] = spec["responses"]["200"]["content"]["application/json"]["examples"][
        "default"
    ]["value"]
    return value[0]


@pytest.fixture
async def gh() -> AsyncIterator[GitHub[Any]]:
    async with GitHub(
        TokenAuthStrategy("test-token"), base_url=API, http_cache=False, auto_retry=False
    ) as client:
        yield client


@pytest.mark.parametrize(
    ("text", "patched", "events"),
    [
        ("<=1.0.2", "1.0.3", [{"introduced": "0"}, {"fixed": "1.0.3"}]),
        ("<= 1.0.8", None, [{"introduced": "0"}, {"last_affected": "1.0.8"}]),
        ("= 0.2.0", None, [{"introduced": "0.2.0"}, {"last_affected": "0.2.0"}]),
        (">= 4.3.0, < 4.3.5", "4.3.5", [{"introduced": "4.3.0"}, {"fixed": "4.3.5"}]),
        (">= 0.0.1", None, [{"introduced": "0.0.1"}]),
        ("<0.1.11", "0.1.11", [{"introduced": "0"}, {"fixed": "0.1.11"}]),
    ],
)
def test_range_conversion(text: str, patched: str | None, events: list[dict[str, str]]) -> None:
    assert events_for(text, patched) == events


def test_greater_than_and_garbage_are_rejected() -> None:
    with pytest.raises(InvalidRecord, match="no exact OSV event"):
        events_for("> 1.0", None)
    with pytest.raises(InvalidRecord, match="unreadable constraint"):
        events_for("~> 1.0", None)


def test_example_advisory_converts_to_osv() -> None:
    record = to_osv(_example())
    assert record["id"] == "GHSA-abcd-1234-efgh"
    assert record["aliases"] == ["CVE-2050-00000"]
    assert record["modified"] == "2023-03-24T02:30:56Z"
    assert record["affected"][0]["package"] == {"ecosystem": "npm", "name": "a-package"}
    assert record["affected"][0]["ranges"] == [
        {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.3"}]}
    ]
    assert record["database_specific"]["severity"] == "HIGH"
    assert record["severity"][0]["type"] == "CVSS_V3"
    assert "withdrawn" not in record


def test_ecosystem_names_are_mapped() -> None:
    advisory = copy.deepcopy(_example())
    advisory["vulnerabilities"][0]["package"] = {"ecosystem": "pip", "name": "Jinja2"}
    assert to_osv(advisory)["affected"][0]["package"]["ecosystem"] == "PyPI"
    advisory["vulnerabilities"][0]["package"] = {"ecosystem": "rust", "name": "smallvec"}
    assert to_osv(advisory)["affected"][0]["package"]["ecosystem"] == "crates.io"


def _page(ghsa: str, updated: str, **changes: Any) -> dict[str, Any]:
    advisory = copy.deepcopy(_example())
    advisory.update(ghsa_id=ghsa, updated_at=updated, identifiers=[], cve_id=None, **changes)
    return advisory


@pytest.mark.anyio
@respx.mock
async def test_sync_follows_pages_and_resumes_from_the_cursor(
    gh: GitHub[Any], sessions: sessionmaker[Session]
) -> None:
    page2_url = f"{API}/advisories?after=Y3Vyc29y&per_page=100"
    first = respx.get(f"{API}/advisories", params={"sort": "updated", "direction": "asc"}).mock(
        return_value=httpx.Response(
            200,
            json=[_page("GHSA-0001", "2024-01-01T00:00:00Z"), _page("GHSA-0002", "2024-01-02T00:00:00Z")],
            headers={"Link": f'<{page2_url}>; rel="next", <{API}/advisories?before=x>; rel="prev"'},
        )
    )
    bad = _page("GHSA-0004", "2024-01-03T00:00:00Z")
    bad["vulnerabilities"][0]["vulnerable_version_range"] = "> 1.0"
    second = respx.get(page2_url).mock(
        return_value=httpx.Response(
            200, json=[_page("GHSA-0003", "2024-01-03T00:00:00Z", withdrawn_at="2024-01-03T00:00:00Z"), bad]
        )
    )
    report = await sync_github(gh, sessions)
    assert first.call_count == 1 and second.call_count == 1
    assert "modified" not in first.calls[0].request.url.params
    assert first.calls[0].request.url.params["type"] == "reviewed"
    assert (report.fetched, report.stats.inserted) == (4, 3)
    assert report.rejected[0][0] == "GHSA-0004" and "no exact OSV event" in report.rejected[0][1]
    assert report.stats.changed_packages == {("npm", "a-package")}
    with sessions() as session:
        assert source_cursor(session, "github") == "2024-01-03T00:00:00Z"
        withdrawn = session.get(Advisory, "GHSA-0003")
        assert withdrawn is not None and withdrawn.withdrawn is not None

    respx.clear()
    respx.get(f"{API}/advisories").mock(return_value=httpx.Response(200, json=[]))
    again = await sync_github(gh, sessions)
    assert respx.calls.last.request.url.params["modified"] == ">=2024-01-03T00:00:00Z"
    assert again.fetched == 0 and again.cursor == "2024-01-03T00:00:00Z"


@pytest.mark.anyio
@respx.mock
async def test_failure_midway_keeps_stored_pages_and_records_the_error(
    gh: GitHub[Any], sessions: sessionmaker[Session]
) -> None:
    page2_url = f"{API}/advisories?after=abc"
    respx.get(page2_url).mock(return_value=httpx.Response(500, json={"message": "boom"}))
    respx.get(f"{API}/advisories").mock(
        return_value=httpx.Response(
            200,
            json=[_page("GHSA-0001", "2024-01-01T00:00:00Z")],
            headers={"Link": f'<{page2_url}>; rel="next"'},
        )
    )
    with pytest.raises(Exception, match=r"500|boom|Server"):
        await sync_github(gh, sessions)
    with sessions() as session:
        assert session.get(Advisory, "GHSA-0001") is not None
        assert source_cursor(session, "github") == "2024-01-01T00:00:00Z"
        source = session.get(AdvisorySource, "github")
        assert source is not None and source.last_error and "500" in source.last_error
