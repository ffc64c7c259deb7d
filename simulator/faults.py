"""Injected failures, matched per route (method + route template or path regex), optionally counted."""

from __future__ import annotations

import re

from starlette.responses import JSONResponse

from simulator.state import Fault, SimState

KINDS = {
    "server_error",
    "timeout",
    "empty_repo",
    "unprocessable",
    "secondary",
    "secondary_message",
    "primary",
}
RATE_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"


def add_fault(state: SimState, spec: dict[str, object]) -> Fault:
    kind = str(spec.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; choose one of {sorted(KINDS)}")
    path = str(spec.get("path", ""))
    if not path:
        raise ValueError("a fault needs a path (route template like /repos/{owner}/{repo} or a regex)")
    if "{" not in path:
        try:
            re.compile(path)
        except re.error as exc:
            raise ValueError(f"fault path {path!r} is not a valid regular expression: {exc}") from exc
    count = spec.get("count")
    default_status = {"server_error": 502, "secondary": 403}.get(kind, 0)
    fault = Fault(
        id=state.new_id(),
        method=str(spec.get("method", "*")).upper(),
        path=path,
        kind=kind,
        remaining=int(str(count)) if count is not None else None,
        status=int(str(spec.get("status", default_status))),
        delay=float(str(spec.get("delay", 30.0))),
    )
    state.faults.append(fault)
    return fault


def take_fault(state: SimState, method: str, path: str, template: str) -> Fault | None:
    """The first fault matching this request, consuming one of its uses (caller holds state.lock)."""
    for fault in state.faults:
        if fault.method not in ("*", method):
            continue
        if fault.path != template and ("{" in fault.path or not re.fullmatch(fault.path, path)):
            continue
        if fault.remaining is not None:
            fault.remaining -= 1
            if fault.remaining <= 0:
                state.faults.remove(fault)
        return fault
    return None


def fault_response(fault: Fault, now: float, ratelimit: dict[str, str]) -> JSONResponse:
    if fault.kind == "server_error":
        return JSONResponse({"message": "Server Error"}, status_code=fault.status or 502)
    if fault.kind == "empty_repo":
        body = {"message": "Git Repository is empty.", "documentation_url": "https://docs.github.com/rest"}
        return JSONResponse(body, status_code=409)
    if fault.kind == "unprocessable":
        errors = [{"code": "custom", "message": "injected fault"}]
        invalid = {
            "message": "Validation Failed",
            "errors": errors,
            "documentation_url": "https://docs.github.com/rest",
        }
        return JSONResponse(invalid, status_code=422)
    if fault.kind == "primary":
        headers = ratelimit | {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(now) + 60)}
        headers["x-ratelimit-used"] = headers.get("x-ratelimit-limit", "5000")
        body = {"message": "API rate limit exceeded for installation.", "documentation_url": RATE_DOCS}
        return JSONResponse(body, status_code=403, headers=headers)
    message = (
        "You have exceeded a secondary rate limit and have been temporarily blocked from content creation. "
        "Please retry your request again later."
    )
    body = {"message": message, "documentation_url": RATE_DOCS}
    if fault.kind == "secondary":
        return JSONResponse(body, status_code=fault.status or 403, headers=ratelimit | {"retry-after": "1"})
    return JSONResponse(body, status_code=403, headers=ratelimit)
