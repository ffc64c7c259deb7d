"""`/orgs/{org}/export.csv` and `.json`: the table's data for spreadsheets and scripts.

The admin check is always re-asked of GitHub here (an export is a bulk copy). CSV cells that a
spreadsheet would treat as a formula get a leading quote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from app.dashboard import queries
from app.dashboard.context import Dash
from app.dashboard.links import advisory_run_urls
from app.dashboard.names import ADVISORY_CHECK
from app.dashboard.pages import table_query
from app.store.models import CheckResultRow, HygienePullRequest, Repository

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "repository",
    "visibility",
    "repository_url",
    "last_scanned_at",
    "check",
    "status",
    "summary",
    "check_scanned_at",
    "check_run_url",
    "hygiene_pr_url",
    "hygiene_pr_state",
)


def export_rows(
    db: Session, installation_ids: Sequence[int], q: queries.TableQuery
) -> Iterator[dict[str, Any]]:
    """Every (repository, check) pair of the filtered table, in name order, as plain dicts."""
    repos = queries.filtered(select(Repository.id), installation_ids, q).subquery()
    query = (
        select(
            Repository.id,
            Repository.name,
            Repository.private,
            Repository.html_url,
            Repository.last_scanned_at,
            CheckResultRow.check_id,
            CheckResultRow.status,
            CheckResultRow.summary,
            CheckResultRow.scanned_at,
            CheckResultRow.details["check_run_url"].as_string(),
            HygienePullRequest.html_url,
            HygienePullRequest.state,
        )
        .join(repos, repos.c.id == Repository.id)
        .outerjoin(CheckResultRow, CheckResultRow.repository_id == Repository.id)
        .outerjoin(HygienePullRequest, HygienePullRequest.repository_id == Repository.id)
        .order_by(func.lower(Repository.name), Repository.id, CheckResultRow.check_id)
    )
    if q.check:
        query = query.where(CheckResultRow.check_id == q.check)
    run_urls = advisory_run_urls(db, select(repos.c.id))
    for (
        repo_id,
        name,
        private,
        html_url,
        last_scanned,
        check_id,
        status,
        summary,
        scanned,
        stored_url,
        pr_url,
        pr_state,
    ) in db.execute(query.execution_options(yield_per=1000)):
        run_url = stored_url or (run_urls.get(repo_id, "") if check_id == ADVISORY_CHECK else "")
        yield {
            "repository": name,
            "visibility": "private" if private else "public",
            "repository_url": html_url,
            "last_scanned_at": last_scanned.isoformat() if last_scanned else "",
            "check": check_id or "",
            "status": status or "",
            "summary": summary or "",
            "check_scanned_at": scanned.isoformat() if scanned else "",
            "check_run_url": run_url or "",
            "hygiene_pr_url": pr_url or "",
            "hygiene_pr_state": pr_state or "",
        }


def spreadsheet_safe(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv(db: Session, installation_ids: Sequence[int], q: queries.TableQuery) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in export_rows(db, installation_ids, q):
        writer.writerow([spreadsheet_safe(row[c]) for c in COLUMNS])
    return out.getvalue()


def _rows(db: Session, installation_ids: Sequence[int], q: queries.TableQuery) -> list[dict[str, Any]]:
    return list(export_rows(db, installation_ids, q))


async def export(dash: Dash, request: Request) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in ("csv", "json"):
        return Response("not found", status_code=404, media_type="text/plain")
    allowed = await dash.org_access(request, force=True, html=False)
    if isinstance(allowed, Response):
        return allowed
    _user, org = allowed
    q = table_query(request)
    headers = {
        "cache-control": "no-store",
        "content-disposition": f'attachment; filename="{org.login}-hygiene.{fmt}"',
    }
    if fmt == "csv":
        body = await dash.db(_csv, org.installation_ids, q)
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
    rows = await dash.db(_rows, org.installation_ids, q)
    document = {
        "organisation": org.login,
        "generated_at": dash.now().isoformat(),
        "filters": {"name": q.name, "check": q.check, "failing_only": q.failing_only},
        "rows": rows,
    }
    return Response(json.dumps(document, indent=1), media_type="application/json", headers=headers)
