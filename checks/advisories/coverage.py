"""Whether the advisory data covers the ecosystems a repository uses, and is recent enough to trust.

A check that found no advisory may say so only when it had data to look in: an ecosystem with no
advisories at all (a fresh install before its first sync) or whose last successful sync is older than
the allowed age gives a `CoverageGap`, and the dependency check then never passes. Pure: the app hands
the facts in as `checks.model.AdvisoryCoverage`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from checks.model import AdvisoryCoverage
from checks.versions import base_ecosystem

NO_SOURCE = "no advisory source has run"


def when(moment: datetime) -> str:
    """A sync time as the summaries print it: `2026-12-05 14:00 UTC`."""
    return moment.strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True, slots=True)
class CoverageGap:
    """Ecosystems read with no advisory data (`missing`), or with data last synced before the allowed
    age (`stale`: ecosystem -> last successful sync, None when no sync was ever recorded)."""

    missing: tuple[str, ...] = ()
    stale: tuple[tuple[str, datetime | None], ...] = ()
    no_source: bool = False

    def summary(self) -> str:
        """`advisory data missing for npm; advisory data stale since 2026-12-01 10:00 UTC (PyPI)`."""
        parts = []
        if self.missing:
            parts.append(f"advisory data missing for {', '.join(self.missing)}")
        if self.stale:
            names = ", ".join(eco for eco, _ in self.stale)
            times = [t for _, t in self.stale if t is not None]
            since = when(min(times)) if len(times) == len(self.stale) else "never synced"
            parts.append(f"advisory data stale since {since} ({names})")
        text = "; ".join(parts)
        return f"{NO_SOURCE}: {text}" if self.no_source else text

    def data(self) -> dict[str, Any]:
        """JSON-ready facts for a result's `data["advisory_data"]`."""
        return {
            "missing": list(self.missing),
            "stale": {eco: t.isoformat() if t else None for eco, t in self.stale},
            "no_source": self.no_source,
            "summary": self.summary(),
        }


def coverage_gap(
    coverage: AdvisoryCoverage | None, ecosystems: Iterable[str], now: datetime
) -> CoverageGap | None:
    """The gap in `coverage` for the ecosystems read (None: no gap, or no coverage facts given)."""
    if coverage is None:
        return None
    wanted = sorted({base_ecosystem(e) for e in ecosystems})
    missing = tuple(e for e in wanted if e not in coverage.ecosystems)
    oldest_current = now - coverage.max_age
    stale = tuple(
        (e, coverage.synced_at.get(e))
        for e in wanted
        if e not in missing and _older(coverage.synced_at.get(e), oldest_current)
    )
    if not missing and not stale:
        return None
    return CoverageGap(missing, stale, no_source=coverage.sources == 0)


def _older(synced: datetime | None, oldest_current: datetime) -> bool:
    return synced is None or synced < oldest_current


def gap_summary(result_data: Mapping[str, Any]) -> str | None:
    """The gap a `dependency-advisories` result recorded (`data["advisory_data"]`), as one sentence."""
    recorded = result_data.get("advisory_data")
    if not isinstance(recorded, Mapping):
        return None
    summary = recorded.get("summary")
    return summary if isinstance(summary, str) and summary else None
