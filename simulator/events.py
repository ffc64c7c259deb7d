"""Webhook payload builders for the events GitHub sends an App (caller holds state.lock)."""

from __future__ import annotations

from typing import Any

from simulator.shapes import installation, node_id, organization, repository, user
from simulator.shapes_work import check_run, check_suite, pull_request
from simulator.state import CheckRun, CheckSuite, Installation, PullRequest, Repo, SimState
from simulator.webhooks import record, webhook_shape

_SUITE_IN_RUN_KEYS = (
    "check_runs_url",
    "head_commit",
    "latest_check_runs_count",
    "rerequestable",
    "runs_rerequestable",
)


def _common(state: SimState, repo: Repo | None, sender: str, inst: Installation | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if repo is not None:
        out["repository"] = webhook_repository(state, repo)
        owner = state.account(repo.owner)
        if owner and owner.type == "Organization":
            out["organization"] = _org(state, repo.owner)
    out["sender"] = user(state, sender)
    if inst is not None:
        out["installation"] = {"id": inst.id, "node_id": node_id("Installation", inst.id)}
    return out


def _org(state: SimState, login: str) -> dict[str, Any]:
    acc = state.account(login)
    assert acc is not None
    return organization(state, acc)


def webhook_repository(state: SimState, repo: Repo) -> dict[str, Any]:
    shaped: dict[str, Any] = webhook_shape(repository(state, repo))
    return shaped


def installation_for(state: SimState, repo: Repo) -> Installation | None:
    return next((i for i in state.installations.values() if state.installation_covers(i, repo)), None)


def push(
    state: SimState, repo: Repo, ref: str, before: str, after: str, pusher: str, *, forced: bool = False
) -> None:
    inst = installation_for(state, repo)
    if inst is None:
        return
    commits: list[dict[str, Any]] = []
    sha = after
    while sha in repo.git.commits and sha != before and len(commits) < 20:
        commit = repo.git.commits[sha]
        commits.append(_push_commit(state, repo, sha, before))
        sha = commit.parents[0] if commit.parents else ""
    commits.reverse()
    zero = "0" * 40
    compare_base = before[:12] if before != zero else repo.default_branch
    payload: dict[str, Any] = {
        "ref": ref,
        "before": before,
        "after": after,
        "created": before == zero,
        "deleted": after == zero,
        "forced": forced,
        "base_ref": None,
        "compare": f"{state.html_url}/{repo.full_name}/compare/{compare_base}...{after[:12]}",
        "commits": commits,
        "head_commit": commits[-1] if commits else None,
        "pusher": {"name": pusher, "email": f"{pusher}@users.noreply.sandbox"},
    }
    payload.update(_common(state, repo, pusher, inst))
    payload["repository"]["pushed_at"] = int(repo.pushed_at)
    record(state, "push", payload)


def _push_commit(state: SimState, repo: Repo, sha: str, before: str) -> dict[str, Any]:
    commit = repo.git.commits[sha]
    parent = commit.parents[0] if commit.parents else None
    old = repo.git.files(repo.git.commits[parent].tree) if parent else {}
    new = repo.git.files(commit.tree)
    person = {"name": commit.author_name, "email": commit.author_email, "username": commit.author_name}
    return {
        "id": sha,
        "tree_id": commit.tree,
        "distinct": True,
        "message": commit.message,
        "timestamp": commit.date,
        "url": f"{state.html_url}/{repo.full_name}/commit/{sha}",
        "author": person,
        "committer": person,
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "modified": sorted(p for p in set(new) & set(old) if new[p] != old[p]),
    }


def pull_request_event(
    state: SimState, action: str, pr: PullRequest, sender: str, *, before: str | None = None
) -> None:
    repo = state.repos[pr.repo_id]
    inst = installation_for(state, repo)
    if inst is None:
        return
    payload: dict[str, Any] = {"action": action, "number": pr.number, "pull_request": pull_request(state, pr)}
    if action == "synchronize":
        payload.update({"before": before or pr.base_sha, "after": pr.head_sha})
    payload.update(_common(state, repo, sender, inst))
    record(state, "pull_request", payload)


def fork_event(state: SimState, parent: Repo, fork: Repo, sender: str) -> None:
    """`fork`, sent to the installation that covers the forked (parent) repository."""
    inst = installation_for(state, parent)
    if inst is None:
        return
    forkee = webhook_repository(state, fork)
    forkee["public"] = not fork.private
    payload: dict[str, Any] = {"forkee": forkee}
    payload.update(_common(state, parent, sender, inst))
    record(state, "fork", payload)


def check_suite_event(state: SimState, action: str, suite: CheckSuite, sender: str) -> None:
    repo = state.repos[suite.repo_id]
    inst = installation_for(state, repo)
    if inst is None:
        return
    payload = {"action": action, "check_suite": check_suite(state, suite)}
    payload.update(_common(state, repo, sender, inst))
    record(state, "check_suite", payload)


def check_run_event(
    state: SimState, action: str, run: CheckRun, sender: str, requested: dict[str, str] | None = None
) -> None:
    repo = state.repos[run.repo_id]
    inst = installation_for(state, repo)
    if inst is None:
        return
    body = check_run(state, run)
    suite = check_suite(state, state.suites[run.suite_id])
    body["check_suite"] = {k: v for k, v in suite.items() if k not in _SUITE_IN_RUN_KEYS}
    payload: dict[str, Any] = {"action": action, "check_run": body}
    if requested is not None:
        payload["requested_action"] = requested
    payload.update(_common(state, repo, sender, inst))
    record(state, "check_run", payload)


def _repo_lite(repo: Repo) -> dict[str, Any]:
    return {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "private": repo.private,
    }


def installation_event(state: SimState, action: str, inst: Installation, sender: str) -> None:
    payload: dict[str, Any] = {"action": action, "installation": installation(state, inst)}
    if action in ("created", "deleted"):
        payload["repositories"] = [_repo_lite(r) for r in state.installation_repos(inst)]
    payload["sender"] = user(state, sender)
    record(state, "installation", payload)


def installation_repositories_event(
    state: SimState, action: str, inst: Installation, repos: list[Repo], sender: str
) -> None:
    payload = {
        "action": action,
        "installation": installation(state, inst),
        "repository_selection": inst.repository_selection,
        "repositories_added": [_repo_lite(r) for r in repos] if action == "added" else [],
        "repositories_removed": [_repo_lite(r) for r in repos] if action == "removed" else [],
        "requester": None,
        "sender": user(state, sender),
    }
    record(state, "installation_repositories", payload)


def repository_event(
    state: SimState, action: str, repo: Repo, sender: str, changes: dict[str, Any] | None = None
) -> None:
    """`repository` archived/unarchived/edited/privatized/publicized, for installations that cover it."""
    inst = installation_for(state, repo)
    if inst is None:
        return
    payload: dict[str, Any] = {"action": action}
    if changes is not None:
        payload["changes"] = changes
    payload.update(_common(state, repo, sender, inst))
    record(state, "repository", payload)
