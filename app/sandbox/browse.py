"""Plain views for people: raw file downloads and a read-only HTML browser under /_sandbox/ui/."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from app.sandbox import ops
from app.sandbox.state import SimState


async def raw_file(request: Request) -> Response:
    state: SimState = request.app.state.sim
    p = request.path_params
    with state.lock:
        repo = state.repo_by_name(p["owner"], p["repo"])
        sha = ops.resolve_commitish(repo, p["ref"]) if repo else None
        entry = repo.git.lookup(repo.git.commits[sha].tree, p["path"]) if repo and sha else None
        if repo is None or entry is None or entry.type != "blob" or repo.private:
            return PlainTextResponse("404: Not Found", status_code=404)
        data = repo.git.blobs[entry.sha]
    return Response(data, media_type="text/plain; charset=utf-8")


def routes() -> list[Route]:
    return [Route("/_sandbox/raw/{owner}/{repo}/{ref}/{path:path}", raw_file, methods=["GET"])]
