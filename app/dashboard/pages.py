"""The HTML pages and the SVGs: home, org summary + table, repository detail, advisories, trend, badge."""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from app.dashboard import badge, failed_jobs, findings, queries, trend
from app.dashboard.advisory_data import advisory_data
from app.dashboard.context import REPO_NAME, Dash, safe_next
from app.dashboard.dry_run import org_intended_writes, repository_intended_writes
from app.dashboard.github_user import TokenRevoked

SVG_TYPE = "image/svg+xml"
ADVISORY_REPOS_SHOWN = 25  # per advisory on the page; the export has them all


def trend_title(login: str) -> str:
    return f"Compliance of {login} over 90 days"


def page_number(request: Request) -> int:
    try:
        page = int(request.query_params.get("page", "1"))
    except ValueError:
        page = 1
    return max(1, min(page, 1_000_000))


def table_query(request: Request) -> queries.TableQuery:
    params = request.query_params
    sort = params.get("sort", "name")
    return queries.TableQuery(
        name=params.get("name", "")[:100].strip(),
        check=params.get("check", "")[:64],
        failing_only=params.get("failing") == "1",
        sort=sort if sort in queries.SORTS else "name",
        page=page_number(request),
    )


def query_string(q: queries.TableQuery, **changes: object) -> str:
    values: dict[str, object] = {
        "name": q.name,
        "check": q.check,
        "failing": "1" if q.failing_only else "",
        "sort": q.sort,
        "page": q.page,
    }
    values.update(changes)
    defaults: dict[str, object] = {"name": "", "check": "", "failing": "", "sort": "name", "page": 1}
    return urlencode({k: v for k, v in values.items() if v != defaults[k]})


async def home(dash: Dash, request: Request) -> Response:
    user = await dash.signed_in(request)
    if user is None:
        return dash.render(
            request,
            "dashboard/signin.html",
            user=None,
            next=safe_next(request.query_params.get("next")),
            configured=dash.github is not None,
        )
    try:
        orgs, unconfirmed = await dash.access.visible_orgs(user)
    except TokenRevoked:
        await run_in_threadpool(dash.access.end_session_by_hash, user.key_hash)
        return dash.redirect_to_sign_in(request)
    figures = [(org, await dash.db(queries.headline, org.installation_ids)) for org in orgs]
    return dash.render(request, "dashboard/index.html", user=user, figures=figures, unconfirmed=unconfirmed)


async def org_page(dash: Dash, request: Request) -> Response:
    allowed = await dash.org_access(request)
    if isinstance(allowed, Response):
        return allowed
    user, org = allowed
    q = table_query(request)
    head, points = await dash.db(trend.org_overview, org.installation_ids, dash.now().date())
    advisories = await dash.db(advisory_data, dash.advisory_max_age, dash.now())
    table = await dash.db(queries.table_page, org.installation_ids, q)
    all_checks = table.check_ids if not q.check else await dash.db(queries.check_ids, org.installation_ids)
    intended = await dash.db(org_intended_writes, org.installation_ids)
    return dash.render(
        request,
        "dashboard/org.html",
        user=user,
        org=org,
        head=head,
        trend_chart=Markup(trend.trend_svg(points, title=trend_title(org.login))),  # noqa: S704  (escaped by trend_svg)
        advisory_data=advisories,
        table=table,
        q=q,
        all_checks=all_checks,
        intended=intended,
        qs=lambda **c: query_string(q, **c),
    )


async def repo_page(dash: Dash, request: Request) -> Response:
    allowed = await dash.org_access(request)
    if isinstance(allowed, Response):
        return allowed
    user, org = allowed
    name = request.path_params["repo"]
    detail = (
        await dash.db(findings.repo_detail, org.installation_ids, name) if REPO_NAME.match(name) else None
    )
    if detail is None:
        return dash.not_found(request, user)
    intended = await dash.db(repository_intended_writes, detail.repo.id)
    return dash.render(
        request,
        "dashboard/repo.html",
        user=user,
        org=org,
        detail=detail,
        intended=intended,
        finding_views=findings.finding_views,
        readable_note=queries.readable_note,
        no_result=queries.no_result_reason,
        upgrade_views=findings.upgrade_views,
    )


async def advisories_page(dash: Dash, request: Request) -> Response:
    allowed = await dash.org_access(request)
    if isinstance(allowed, Response):
        return allowed
    user, org = allowed
    groups = await dash.db(findings.advisory_groups, org.installation_ids)
    return dash.render(
        request,
        "dashboard/advisories.html",
        user=user,
        org=org,
        groups=groups,
        shown_per_advisory=ADVISORY_REPOS_SHOWN,
    )


async def failed_jobs_page(dash: Dash, request: Request) -> Response:
    allowed = await dash.org_access(request)
    if isinstance(allowed, Response):
        return allowed
    user, org = allowed
    jobs = await dash.db(failed_jobs.failed_jobs_page, org.installation_ids, page_number(request))
    return dash.render(request, "dashboard/jobs.html", user=user, org=org, jobs=jobs)


async def trend_chart(dash: Dash, request: Request) -> Response:
    allowed = await dash.org_access(request, html=False)
    if isinstance(allowed, Response):
        return allowed
    _user, org = allowed
    _head, points = await dash.db(trend.org_overview, org.installation_ids, dash.now().date())
    svg = trend.trend_svg(points, title=trend_title(org.login))
    return Response(svg, media_type=SVG_TYPE, headers={"cache-control": "private, max-age=300"})


async def badge_image(dash: Dash, request: Request) -> Response:
    owner, repo = request.path_params["owner"], request.path_params["repo"]
    if not REPO_NAME.match(owner) or not REPO_NAME.match(repo):
        return Response("not found", status_code=404, media_type="text/plain")
    message = await dash.db(badge.badge_message, owner, repo)
    if message is None:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(
        badge.badge_svg(message), media_type=SVG_TYPE, headers={"cache-control": "public, max-age=300"}
    )
