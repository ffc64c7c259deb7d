"""`/orgs/{org}/export.csv` and `.json`: the table's data for spreadsheets and scripts.

The admin check is always re-asked of GitHub here (an export is a bulk copy). CSV cells that a
spreadsheet would treat as a formula get a leading quote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from app.dashboard import queries
from app.dashboard.context import Dash
from app.dashboard.pages import table_query

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


def spreadsheet_safe(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv(db: Session, installation_ids: Sequence[int], q: queries.TableQuery) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in queries.export_rows(db, installation_ids, q):
        writer.writerow([spreadsheet_safe(row[c]) for c in COLUMNS])
    return out.getvalue()


def _rows(db: Session, installation_ids: Sequence[int], q: queries.TableQuery) -> list[dict[str, Any]]:
    return list(queries.export_rows(db, installation_ids, q))


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
