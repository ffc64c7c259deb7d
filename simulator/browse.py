"""Plain views for people: raw file downloads, avatars and a read-only HTML browser under /_sandbox/ui/."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from simulator import ops
from simulator.diff_view import diff_rows
from simulator.inspect import repo_files
from simulator.markdown import render_markdown
from simulator.routes_pulls import pull_files
from simulator.state import Repo, SimState

TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=jinja2.StrictUndefined
)
_env.filters["markdown"] = render_markdown
MARKDOWN_SUFFIXES = (".md", ".markdown")
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" '
    'fill="#1f2328"/><path d="M5 8.5l2 2 4-4.5" stroke="#fff" stroke-width="1.6" fill="none"/></svg>'
)


def _page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    state: SimState = request.app.state.sim
    html = _env.get_template(template).render(ui=f"{state.base_url}/_sandbox/ui", **context)
    return HTMLResponse(html, status_code=status)


def _not_found() -> HTMLResponse:
    return HTMLResponse("<h1>404: Not Found</h1>", status_code=404)


def _repo(state: SimState, request: Request) -> Repo | None:
    return state.repo_by_name(request.path_params["owner"], request.path_params["repo"])


async def index(request: Request) -> Response:
    state: SimState = request.app.state.sim
    with state.lock:
        repos = [
            {
                "full_name": r.full_name,
                "default_branch": r.default_branch,
                "flags": [f for f in ("archived", "fork", "private", "empty") if getattr(r, f)],
                "open_pulls": sum(1 for p in state.pulls.values() if p.repo_id == r.id and p.state == "open"),
            }
            for r in sorted(state.repos.values(), key=lambda r: r.full_name.lower())
        ]
        installations = list(state.installations.values())
        deliveries = list(reversed(state.deliveries[-30:]))
    return _page(request, "index.html", repos=repos, installations=installations, deliveries=deliveries)


async def owner_page(request: Request) -> Response:
    state: SimState = request.app.state.sim
    login = request.path_params["owner"]
    with state.lock:
        if state.account(login) is None:
            return _not_found()
        repos = [r for r in state.repos.values() if r.owner.lower() == login.lower()]
    return _page(request, "owner.html", login=login, repos=repos)


async def repo_page(request: Request) -> Response:
    state: SimState = request.app.state.sim
    with state.lock:
        repo = _repo(state, request)
        if repo is None:
            return _not_found()
        pulls = sorted((p for p in state.pulls.values() if p.repo_id == repo.id), key=lambda p: -p.number)
        runs = sorted((r for r in state.check_runs.values() if r.repo_id == repo.id), key=lambda r: -r.id)
        files = list(repo_files(repo))
        refs = sorted(repo.refs.items())
    return _page(request, "repo.html", repo=repo, files=files, refs=refs, pulls=pulls, runs=runs)


async def blob_page(request: Request) -> Response:
    state: SimState = request.app.state.sim
    p = request.path_params
    with state.lock:
        repo = _repo(state, request)
        sha = ops.resolve_commitish(repo, p["ref"]) if repo and not repo.empty else None
        entry = repo.git.lookup(repo.git.commits[sha].tree, p["path"]) if repo and sha else None
        if repo is None or entry is None or entry.type != "blob":
            return _not_found()
        text = repo.git.blobs[entry.sha].decode(errors="replace")
    rendered = p["path"].lower().endswith(MARKDOWN_SUFFIXES) and request.query_params.get("plain") != "1"
    return _page(
        request,
        "blob.html",
        repo=repo,
        ref=p["ref"],
        path=p["path"],
        lines=text.splitlines(),
        rendered=render_markdown(text) if rendered else None,
    )


async def pull_page(request: Request) -> Response:
    state: SimState = request.app.state.sim
    with state.lock:
        repo = _repo(state, request)
        pr = state.pulls.get((repo.id, request.path_params["number"])) if repo else None
        if repo is None or pr is None:
            return _not_found()
        comments = [c for c in state.comments if c.repo_id == repo.id and c.number == pr.number]
        runs = sorted(
            (r for r in state.check_runs.values() if r.repo_id == repo.id and r.head_sha == pr.head_sha),
            key=lambda r: -r.id,
        )
        notes = [a for r in runs for a in r.annotations]
        files = [
            {**f, "rows": diff_rows(f["filename"], f.get("patch") or "", notes)}
            for f in pull_files(state, pr)
        ]
        head_owner = state.repos[pr.head_repo].owner
        head = pr.head if head_owner == repo.owner else f"{head_owner}:{pr.head}"
    return _page(request, "pull.html", repo=repo, pr=pr, head=head, files=files, comments=comments, runs=runs)


async def run_page(request: Request) -> Response:
    state: SimState = request.app.state.sim
    with state.lock:
        repo = _repo(state, request)
        run = state.check_runs.get(request.path_params["id"])
        if repo is None or run is None or run.repo_id != repo.id:
            return _not_found()
    return _page(request, "run.html", repo=repo, run=run)


async def raw_file(request: Request) -> Response:
    state: SimState = request.app.state.sim
    p = request.path_params
    with state.lock:
        repo = _repo(state, request)
        sha = ops.resolve_commitish(repo, p["ref"]) if repo else None
        entry = repo.git.lookup(repo.git.commits[sha].tree, p["path"]) if repo and sha else None
        if repo is None or entry is None or entry.type != "blob" or repo.private:
            return PlainTextResponse("404: Not Found", status_code=404)
        data = repo.git.blobs[entry.sha]
    return Response(data, media_type="text/plain; charset=utf-8")


async def favicon(request: Request) -> Response:
    return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


async def avatar(request: Request) -> Response:
    hue = int(hashlib.sha256(request.path_params["login"].encode()).hexdigest()[:2], 16) * 360 // 256
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
        f'<rect width="64" height="64" fill="hsl({hue},60%,55%)"/></svg>'
    )
    return Response(svg, media_type="image/svg+xml")


def routes() -> list[Route]:
    ui = "/_sandbox/ui"
    return [
        Route("/_sandbox/raw/{owner}/{repo}/{ref}/{path:path}", raw_file, methods=["GET"]),
        Route("/_sandbox/avatar/{login}", avatar, methods=["GET"]),
        Route("/favicon.ico", favicon, methods=["GET"]),
        Route(f"{ui}/", index, methods=["GET"]),
        Route(f"{ui}/{{owner}}", owner_page, methods=["GET"]),
        Route(f"{ui}/{{owner}}/{{repo}}", repo_page, methods=["GET"]),
        Route(f"{ui}/{{owner}}/{{repo}}/blob/{{ref}}/{{path:path}}", blob_page, methods=["GET"]),
        Route(f"{ui}/{{owner}}/{{repo}}/tree/{{ref}}/{{path:path}}", blob_page, methods=["GET"]),
        Route(f"{ui}/{{owner}}/{{repo}}/pull/{{number:int}}", pull_page, methods=["GET"]),
        Route(f"{ui}/{{owner}}/{{repo}}/runs/{{id:int}}", run_page, methods=["GET"]),
    ]
