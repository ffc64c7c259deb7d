"""Read-only views of the simulator state for the control API and the HTML browser."""

from __future__ import annotations

import json
from typing import Any

from simulator.state import Repo, SimState, iso


def repo_files(repo: Repo, ref: str | None = None) -> dict[str, str]:
    sha = repo.branch_sha(ref or repo.default_branch) if ref is None or len(ref) != 40 else ref
    if not sha:
        return {}
    files = repo.git.files(repo.git.commits[sha].tree)
    return {path: repo.git.blobs[blob].decode(errors="replace") for path, (_, blob) in sorted(files.items())}


def repo_state(state: SimState, repo: Repo) -> dict[str, Any]:
    pulls = [p for p in state.pulls.values() if p.repo_id == repo.id]
    return {
        "id": repo.id,
        "full_name": repo.full_name,
        "default_branch": repo.default_branch,
        "archived": repo.archived,
        "fork": repo.fork,
        "parent": state.repos[repo.parent_id].full_name if repo.parent_id in state.repos else None,
        "private": repo.private,
        "empty": repo.empty,
        "refs": dict(sorted(repo.refs.items())),
        "files": repo_files(repo),
        "pulls": [
            {
                "number": p.number,
                "title": p.title,
                "body": p.body,
                "state": p.state,
                "merged": p.merged,
                "head": p.head,
                "head_repo": state.repos[p.head_repo].full_name,
                "head_sha": p.head_sha,
                "base": p.base,
                "user": p.user,
                "comments": [c.body for c in state.comments if c.repo_id == repo.id and c.number == p.number],
            }
            for p in sorted(pulls, key=lambda p: p.number)
        ],
        "check_runs": [
            {
                "id": r.id,
                "name": r.name,
                "head_sha": r.head_sha,
                "status": r.status,
                "conclusion": r.conclusion,
                "output": dict(r.output),
                "annotations": list(r.annotations),
                "actions": list(r.actions),
            }
            for r in sorted(state.check_runs.values(), key=lambda r: r.id)
            if r.repo_id == repo.id
        ],
    }


def summary(state: SimState) -> dict[str, Any]:
    app = state.the_app()
    return {
        "app": {"id": app.id, "slug": app.slug, "webhook_url": app.webhook_url} if app else None,
        "accounts": sorted(a.login for a in state.accounts.values()),
        "repos": sorted(r.full_name for r in state.repos.values()),
        "installations": [
            {
                "id": i.id,
                "account": i.account,
                "repository_selection": i.repository_selection,
                "repositories": sorted(r.full_name for r in state.installation_repos(i)),
            }
            for i in state.installations.values()
        ],
        "unsupported": list(state.unsupported),
        "faults": len(state.faults),
    }


def calls(state: SimState) -> dict[str, Any]:
    by_installation: dict[str, int] = {}
    by_endpoint: dict[str, int] = {}
    for (inst, endpoint), count in state.calls.items():
        by_installation[str(inst)] = by_installation.get(str(inst), 0) + count
        by_endpoint[endpoint] = by_endpoint.get(endpoint, 0) + count
    detail = [
        {"installation_id": i, "endpoint": e, "count": c}
        for (i, e), c in sorted(state.calls.items(), key=str)
    ]
    not_modified: dict[str, int] = {}
    for (_, endpoint), count in state.not_modified.items():
        not_modified[endpoint] = not_modified.get(endpoint, 0) + count
    return {
        "total": sum(state.calls.values()),
        "by_installation": by_installation,
        "by_endpoint": by_endpoint,
        "detail": detail,
        "not_modified": not_modified,
    }


def deliveries(state: SimState) -> dict[str, Any]:
    return {
        "deliveries": [
            {
                "id": d.id,
                "guid": d.guid,
                "event": d.event,
                "action": d.action,
                "installation_id": d.installation_id,
                "repository_id": d.repository_id,
                "redelivery": d.redelivery,
                "status": d.status,
                "status_code": d.status_code,
                "created_at": iso(d.created_at),
                "headers": d.headers,
                "payload": json.loads(d.body),
            }
            for d in state.deliveries
        ]
    }
