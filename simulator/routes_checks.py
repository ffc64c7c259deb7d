"""Check runs: create, update, get, list for a ref, annotations; GitHub's limits and events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.responses import Response

from simulator import events, ops
from simulator.api import API, ApiError, Ctx, json_response, not_found, require
from simulator.shapes_work import check_run, check_suite
from simulator.state import CheckRun, CheckSuite, Repo, SimState

STATUSES = ("queued", "in_progress", "completed")
CONCLUSIONS = (
    "action_required",
    "cancelled",
    "failure",
    "neutral",
    "success",
    "skipped",
    "stale",
    "timed_out",
)
LEVELS = ("notice", "warning", "failure")
SEVERITY = {"action_required": 6, "failure": 5, "timed_out": 4, "cancelled": 3, "stale": 2, "neutral": 1}


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(
        422,
        "Validation Failed",
        errors=[{"resource": "CheckRun", "field": field, "code": "invalid", "message": message}],
    )


def _epoch(raw: Any, field: str) -> float:
    try:
        return datetime.fromisoformat(str(raw).replace("Z", "+00:00")).timestamp()
    except ValueError as exc:
        raise _invalid(field, f"{field} must be an ISO 8601 timestamp") from exc


def _validate_output(output: Any) -> dict[str, Any]:
    if not isinstance(output, dict):
        raise _invalid("output", "output must be an object")
    for key, cap in (("title", 255), ("summary", 65535), ("text", 65535)):
        value = output.get(key)
        if value is not None and len(str(value)) > cap:
            raise _invalid(f"output.{key}", f"output.{key} is too long (maximum is {cap} characters)")
    if "title" not in output or "summary" not in output:
        raise _invalid("output", "output requires title and summary")
    annotations = output.get("annotations") or []
    if len(annotations) > 50:
        raise _invalid("output.annotations", "Only 50 annotations are allowed per request")
    for a in annotations:
        if not all(k in a for k in ("path", "start_line", "end_line", "annotation_level", "message")):
            raise _invalid(
                "output.annotations", "annotations need path, start_line, end_line, annotation_level, message"
            )
        if a["annotation_level"] not in LEVELS:
            raise _invalid("output.annotations", "annotation_level must be notice, warning or failure")
    return output


def _validate_actions(actions: Any) -> list[dict[str, str]]:
    if not isinstance(actions, list) or len(actions) > 3:
        raise _invalid("actions", "A maximum of 3 actions is allowed")
    for a in actions:
        for key, cap in (("label", 20), ("description", 40), ("identifier", 20)):
            if not isinstance(a, dict) or not a.get(key) or len(str(a[key])) > cap:
                raise _invalid(f"actions.{key}", f"actions {key} is required and at most {cap} characters")
    return actions


def _annotation(run: CheckRun, repo: Repo, a: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {
        "path": a["path"],
        "blob_href": f"{base_url}/_sandbox/ui/{repo.full_name}/blob/{run.head_sha}/{a['path']}",
        "start_line": a["start_line"],
        "end_line": a["end_line"],
        "start_column": a.get("start_column"),
        "end_column": a.get("end_column"),
        "annotation_level": a["annotation_level"],
        "title": a.get("title"),
        "message": a["message"],
        "raw_details": a.get("raw_details"),
    }


def _apply(state: SimState, repo: Repo, run: CheckRun, data: dict[str, Any]) -> bool:
    """Apply create/update fields; True when the run just became completed."""
    was_completed = run.status == "completed"
    for key in ("name", "details_url", "external_id"):
        if key in data:
            setattr(run, key, data[key])
    if "status" in data:
        if data["status"] not in STATUSES:
            raise _invalid("status", f"status must be one of {', '.join(STATUSES)}")
        run.status = data["status"]
    if "started_at" in data:
        run.started_at = _epoch(data["started_at"], "started_at")
    if data.get("conclusion") is not None:
        if data["conclusion"] not in CONCLUSIONS:
            raise _invalid("conclusion", f"conclusion must be one of {', '.join(CONCLUSIONS)}")
        run.conclusion, run.status = data["conclusion"], "completed"
    if data.get("completed_at") is not None:
        run.completed_at, run.status = _epoch(data["completed_at"], "completed_at"), "completed"
    if run.status == "completed" and run.conclusion is None:
        raise _invalid("conclusion", "conclusion is required when status is completed")
    if run.status == "completed" and run.completed_at is None:
        run.completed_at = state.now()
    if "output" in data and data["output"] is not None:
        output = _validate_output(data["output"])
        run.output.update({k: output.get(k) for k in ("title", "summary", "text") if k in output})
        run.annotations += [
            _annotation(run, repo, a, state.base_url) for a in output.get("annotations") or []
        ]
    if "actions" in data:
        run.actions = _validate_actions(data["actions"])
    return run.status == "completed" and not was_completed


def _after_completion(state: SimState, run: CheckRun, sender: str) -> None:
    events.check_run_event(state, "completed", run, sender)
    suite = state.suites[run.suite_id]
    runs = [r for r in state.check_runs.values() if r.suite_id == suite.id]
    if all(r.status == "completed" for r in runs):
        worst = max((r.conclusion or "success" for r in runs), key=lambda c: SEVERITY.get(c, 0))
        suite.status, suite.conclusion = "completed", worst
        events.check_suite_event(state, "completed", suite, sender)
    else:
        suite.status = "in_progress"


def _sender(ctx: Ctx) -> str:
    app = ctx.identity.app
    return app.bot_login if app else "ghost"


@API.route("POST", "/repos/{owner}/{repo}/check-runs")
async def create_run(ctx: Ctx) -> Response:
    repo = ctx.repo("checks", "write")
    if ctx.identity.kind != "installation" or ctx.identity.app is None:
        raise ApiError(403, "You must authenticate via a GitHub App.")
    data = ctx.json()
    require(data, "name", "head_sha")
    head_sha = str(data["head_sha"])
    if head_sha not in repo.git.commits:
        raise ApiError(422, "No commit found for SHA: " + head_sha)
    suite = ops.ensure_suite(ctx.state, repo, head_sha, ctx.identity.app.id, None)
    now = ctx.state.now()
    run = CheckRun(
        ctx.state.new_id(),
        suite.id,
        repo.id,
        ctx.identity.app.id,
        str(data["name"]),
        head_sha,
        "queued",
        None,
        now,
        None,
        None,
        None,
        {"title": None, "summary": None, "text": None},
    )
    completed = _apply(ctx.state, repo, run, data)
    ctx.state.check_runs[run.id] = run
    suite.status = "in_progress" if not completed else suite.status
    events.check_run_event(ctx.state, "created", run, _sender(ctx))
    if completed:
        _after_completion(ctx.state, run, _sender(ctx))
    return json_response(check_run(ctx.state, run), 201)


def _run(ctx: Ctx, repo: Repo) -> CheckRun:
    raw = ctx.params["check_run_id"]
    run = ctx.state.check_runs.get(int(raw)) if raw.isdigit() else None
    if run is None or run.repo_id != repo.id:
        raise not_found()
    return run


@API.route("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}")
async def update_run(ctx: Ctx) -> Response:
    repo = ctx.repo("checks", "write")
    run = _run(ctx, repo)
    if ctx.identity.app is None or run.app_id != ctx.identity.app.id:
        raise ApiError(
            403,
            "Invalid app_id `%s` - check run can only be modified by the GitHub App that created it."
            % (ctx.identity.app.id if ctx.identity.app else 0),
        )
    if _apply(ctx.state, repo, run, ctx.json()):
        _after_completion(ctx.state, run, _sender(ctx))
    return json_response(check_run(ctx.state, run))


@API.route("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}")
async def get_run(ctx: Ctx) -> Response:
    repo = ctx.repo("checks")
    return json_response(check_run(ctx.state, _run(ctx, repo)))


@API.route("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations")
async def list_annotations(ctx: Ctx) -> Response:
    repo = ctx.repo("checks")
    return json_response(ctx.paginate(_run(ctx, repo).annotations))


@API.route("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs")
async def runs_for_ref(ctx: Ctx) -> Response:
    repo = ctx.repo("checks")
    sha = ops.resolve_commitish(repo, ctx.params["ref"])
    if sha is None:
        raise ApiError(422, "No commit found for SHA: " + ctx.params["ref"])
    runs = [r for r in ctx.state.check_runs.values() if r.repo_id == repo.id and r.head_sha == sha]
    name = ctx.query.get("check_name")
    if name:
        runs = [r for r in runs if r.name == name]
    runs.sort(key=lambda r: -r.id)
    page = ctx.paginate([check_run(ctx.state, r) for r in runs])
    return json_response({"total_count": len(runs), "check_runs": page})


def _suite(ctx: Ctx, repo: Repo) -> CheckSuite:
    raw = ctx.params["check_suite_id"]
    suite = ctx.state.suites.get(int(raw)) if raw.isdigit() else None
    if suite is None or suite.repo_id != repo.id:
        raise not_found()
    return suite


@API.route("GET", "/repos/{owner}/{repo}/check-suites/{check_suite_id}")
async def get_suite(ctx: Ctx) -> Response:
    repo = ctx.repo("checks")
    return json_response(check_suite(ctx.state, _suite(ctx, repo)))


@API.route("GET", "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs")
async def runs_in_suite(ctx: Ctx) -> Response:
    repo = ctx.repo("checks")
    suite = _suite(ctx, repo)
    runs = sorted((r for r in ctx.state.check_runs.values() if r.suite_id == suite.id), key=lambda r: -r.id)
    page = ctx.paginate([check_run(ctx.state, r) for r in runs])
    return json_response({"total_count": len(runs), "check_runs": page})


@API.route("GET", "/repos/{owner}/{repo}/commits/{ref}/check-suites")
async def suites_for_ref(ctx: Ctx) -> Response:
    repo = ctx.repo("checks")
    sha = ops.resolve_commitish(repo, ctx.params["ref"])
    if sha is None:
        raise ApiError(422, "No commit found for SHA: " + ctx.params["ref"])
    suites = [s for s in ctx.state.suites.values() if s.repo_id == repo.id and s.head_sha == sha]
    page = ctx.paginate([check_suite(ctx.state, s) for s in suites])
    return json_response({"total_count": len(suites), "check_suites": page})


@API.route("POST", "/repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest")
async def rerequest_suite(ctx: Ctx) -> Response:
    repo = ctx.repo("checks", "write")
    suite = _suite(ctx, repo)
    suite.status, suite.conclusion = "queued", None
    events.check_suite_event(ctx.state, "rerequested", suite, _sender(ctx))
    return json_response({}, 201)


@API.route("POST", "/repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest")
async def rerequest_run(ctx: Ctx) -> Response:
    repo = ctx.repo("checks", "write")
    run = _run(ctx, repo)
    if run.status != "completed":
        raise ApiError(422, "This check run is not rerequestable: it has not completed.")
    events.check_run_event(ctx.state, "rerequested", run, _sender(ctx))
    return json_response({}, 201)
