"""A githubkit client and an app on the shared fake GitHub (`tests.fakes.github`), and a table matcher."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from githubkit import GitHub

from checks.model import AdvisoryCoverage, AdvisoryFinding, Dependency
from tests.fakes.github import API


def github() -> GitHub[Any]:
    return GitHub("ghs_test", base_url=API + "/", auto_retry=False, http_cache=False)


class FakeGitHubApp:
    """Stands in for app.github.client.GitHubApp: `installation()` yields a client on the fake."""

    def __init__(self) -> None:
        self.installations: list[int] = []

    @asynccontextmanager
    async def installation(self, installation_id: int) -> AsyncIterator[GitHub[Any]]:
        self.installations.append(installation_id)
        async with github() as gh:
            yield gh


class TableMatcher:
    """Findings for exact (ecosystem, name, version) entries: a stand-in for the advisory index."""

    def __init__(self, table: Mapping[tuple[str, str, str], list[AdvisoryFinding]]) -> None:
        self.table = table
        self.asked: list[set[tuple[str, str]]] = []

    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]:
        out = []
        for dep in dependencies:
            for template in self.table.get((dep.ecosystem, dep.name, dep.version or ""), []):
                out.append(
                    AdvisoryFinding(
                        **{
                            **{s: getattr(template, s) for s in template.__slots__},
                            "file": dep.file,
                            "line": dep.line,
                            "direct": dep.direct,
                        }
                    )
                )
        return out

    def loader(self, _session: Any, wanted: set[tuple[str, str]]) -> TableMatcher:
        self.asked.append(wanted)
        return self

    def coverage(self, _session: Any, ecosystems: set[str], max_age: timedelta) -> AdvisoryCoverage:
        """A stand-in for the advisory store's coverage: every ecosystem asked about has data, synced
        just now (a test of missing or stale data uses the real store instead)."""
        now = datetime.now(UTC)
        return AdvisoryCoverage(
            ecosystems=frozenset(ecosystems),
            synced_at=dict.fromkeys(ecosystems, now),
            max_age=max_age,
            sources=1,
        )
