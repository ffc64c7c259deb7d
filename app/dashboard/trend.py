"""The org's compliance share over time, from CheckResultHistory (status changes), as a small SVG."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from html import escape

from sqlalchemy import DateTime, select, type_coerce
from sqlalchemy.orm import Session

from app.dashboard.names import FAILING
from app.dashboard.queries import Headline, headline, in_org
from app.store.models import CheckResultHistory, Repository

WIDTH, HEIGHT, PAD = 480, 160, 28


@dataclass(frozen=True)
class TrendPoint:
    day: date
    compliant: int
    repositories: int

    @property
    def share(self) -> float:
        return self.compliant / self.repositories if self.repositories else 0.0


def compliance_trend(
    db: Session, installation_ids: Sequence[int], today: date, days: int = 90
) -> list[TrendPoint]:
    """Per day: repositories with no failing check (as last recorded by then) / repositories seen by then."""
    # Core rows and a plain DateTime (skipping the UTC decorator): this can be many thousands of rows.
    scanned_at = type_coerce(CheckResultHistory.scanned_at, DateTime(timezone=True))
    rows = db.connection().execute(
        select(
            CheckResultHistory.repository_id,
            CheckResultHistory.check_id,
            CheckResultHistory.status,
            scanned_at,
        )
        .join(Repository, Repository.id == CheckResultHistory.repository_id)
        .where(in_org(installation_ids))
        .order_by(CheckResultHistory.scanned_at, CheckResultHistory.id)
        .execution_options(yield_per=5000)
    )
    failing_pairs: dict[tuple[int, str], bool] = {}
    failing_per_repo: dict[int, int] = {}
    compliant = 0
    points: list[TrendPoint] = []
    day = today - timedelta(days=days - 1)

    for repo_id, check_id, state, when in rows:
        when_day = (when.astimezone(UTC) if when.tzinfo else when).date()
        while day < when_day and day <= today:  # days before this change are complete
            points.append(TrendPoint(day, compliant, len(failing_per_repo)))
            day += timedelta(days=1)
        failing = state in FAILING
        was = failing_pairs.get((repo_id, check_id), False)
        failing_pairs[(repo_id, check_id)] = failing
        before = failing_per_repo.get(repo_id)
        after = (before or 0) + int(failing) - int(was)
        failing_per_repo[repo_id] = after
        compliant += int(after == 0) - int(before == 0)
    while day <= today:
        points.append(TrendPoint(day, compliant, len(failing_per_repo)))
        day += timedelta(days=1)
    return points


def org_overview(
    db: Session, installation_ids: Sequence[int], today: date, days: int = 90
) -> tuple[Headline, list[TrendPoint]]:
    """The headline figures and the trend, read in one session: the trend's last point ("today") is
    the headline's compliant / scanned, from the stored results, so the chart and the cards agree."""
    head = headline(db, installation_ids)
    points = compliance_trend(db, installation_ids, today, days)
    if points and points[-1].day == today:
        points[-1] = TrendPoint(today, head.compliant, head.scanned)
    return head, points


def trend_svg(points: list[TrendPoint], *, title: str) -> str:
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    n = max(len(points) - 1, 1)
    coords = [
        (PAD + inner_w * i / n, PAD + inner_h * (1 - p.share)) for i, p in enumerate(points) if p.repositories
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    # the newest point gets a dot, so a single day of history is visible as more than an empty axis
    dot = ""
    if coords:
        dot = f'<circle cx="{coords[-1][0]:.1f}" cy="{coords[-1][1]:.1f}" r="3" fill="#1f6feb"/>'

    last = points[-1] if points else None
    label = f"{round(100 * last.share)}% compliant today" if last and last.repositories else "no scans yet"
    first_day = points[0].day.isoformat() if points else ""
    last_day = last.day.isoformat() if last else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}: {escape(label)}">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>'
        f'<line x1="{PAD}" y1="{PAD}" x2="{WIDTH - PAD}" y2="{PAD}" stroke="#ddd"/>'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#999"/>'
        f'<text x="4" y="{PAD + 4}" font-size="10" font-family="sans-serif">100%</text>'
        f'<text x="10" y="{HEIGHT - PAD + 4}" font-size="10" font-family="sans-serif">0%</text>'
        f'<polyline points="{line}" fill="none" stroke="#1f6feb" stroke-width="2"/>{dot}'
        f'<text x="{PAD}" y="{HEIGHT - 8}" font-size="10" font-family="sans-serif">{escape(first_day)}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" font-size="10" text-anchor="end" '
        f'font-family="sans-serif">{escape(last_day)}</text>'
        f'<text x="{WIDTH / 2}" y="16" font-size="12" text-anchor="middle" '
        f'font-family="sans-serif">{escape(label)}</text></svg>'
    )
