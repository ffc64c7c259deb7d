"""Webhooks out: payloads like GitHub's, signed over the exact bytes, delivered by a background thread."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import queue
import threading
import time
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from app.sandbox.shapes import node_id, repository, user
from app.sandbox.shapes_work import check_run, check_suite, pull_request
from app.sandbox.state import CheckRun, CheckSuite, Delivery, Installation, PullRequest, Repo, SimState

log = logging.getLogger("app.sandbox.webhooks")

_SHARED = Path(os.environ.get("REPO_HYGIENE_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@cache
def _example(event: str, action: str | None) -> dict[str, Any] | None:
    """GitHub's own example payload for this event, when ../shared is present (else None)."""
    folder = _SHARED / "fixtures" / "webhooks" / event
    name = f"{action}.payload.json" if action else "payload.json"
    try:
        data = json.loads((folder / name).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _fill_missing(ours: dict[str, Any], example: dict[str, Any]) -> None:
    """Add keys our builders do not produce from GitHub's example, inside objects we already send."""
    for key, ours_value in ours.items():
        theirs = example.get(key)
        if isinstance(ours_value, dict) and isinstance(theirs, dict):
            for sub_key, sub_value in theirs.items():
                if sub_key not in ours_value and not isinstance(sub_value, dict | list):
                    ours_value[sub_key] = sub_value
            _fill_missing(ours_value, theirs)


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
    from app.sandbox.shapes import organization

    acc = state.account(login)
    assert acc is not None
    return organization(state, acc)


def webhook_repository(state: SimState, repo: Repo) -> dict[str, Any]:
    shaped: dict[str, Any] = _webhook_shape(repository(state, repo))
    return shaped


_REST_ONLY_REPO_KEYS = ("permissions", "organization", "network_count", "subscribers_count")
_SUITE_IN_RUN_KEYS = (
    "check_runs_url",
    "head_commit",
    "latest_check_runs_count",
    "rerequestable",
    "runs_rerequestable",
)


def _webhook_shape(value: Any) -> Any:
    """REST bodies differ slightly from webhook bodies: adjust keys the way GitHub's payloads have them."""
    if isinstance(value, list):
        return [_webhook_shape(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _webhook_shape(v) for k, v in value.items()}
    if "full_name" in out and "forks_url" in out:  # a full repository
        for key in _REST_ONLY_REPO_KEYS:
            out.pop(key, None)
        out.setdefault("custom_properties", {})
        out.setdefault("stargazers", out.get("stargazers_count", 0))
    if ("slug" in out and "events" in out) or "app_slug" in out:  # an app or an installation
        out.pop("client_id", None)
    if "head_sha" in out and "before" in out and "after" in out:  # a check suite
        for key in ("repository", "rerequestable", "runs_rerequestable"):
            out.pop(key, None)
    return out


class Outbox:
    """Sends recorded deliveries in order from one background thread."""

    def __init__(self, state: SimState, timeout: float = 10.0) -> None:
        self.state = state
        self.timeout = timeout
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="sandbox-webhooks", daemon=True)
        self._thread.start()

    def enqueue(self, delivery_id: int) -> None:
        self._queue.put(delivery_id)

    def drain(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.unfinished_tasks == 0:
                return True
            time.sleep(0.01)
        return False

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        with httpx.Client(timeout=self.timeout) as client:
            while True:
                item = self._queue.get()
                try:
                    if item is None:
                        return
                    self._send(client, item)
                except Exception:  # a broken delivery must never stop the queue
                    log.exception("webhook delivery %s crashed", item)
                finally:
                    self._queue.task_done()

    def _send(self, client: httpx.Client, delivery_id: int) -> None:
        with self.state.lock:
            delivery = next(d for d in self.state.deliveries if d.id == delivery_id)
            app = self.state.the_app()
            url = app.webhook_url if app else None
        started = time.monotonic()
        if not url:
            status, code, text = "no webhook URL", 0, ""
        else:
            try:
                response = client.post(url, content=delivery.body, headers=delivery.headers)
                code, text = response.status_code, response.text[:2000]
                status = "OK" if 200 <= code < 300 else f"Invalid HTTP Response: {code}"
            except httpx.HTTPError as exc:
                status, code, text = f"failure: {type(exc).__name__}", 0, ""
        with self.state.lock:
            delivery.status, delivery.status_code, delivery.response_body = status, code, text
            delivery.duration = time.monotonic() - started
        if code and not 200 <= code < 300:
            log.warning("webhook %s %s answered %s", delivery.event, delivery.guid, code)


ALWAYS_SENT = ("installation", "installation_repositories", "github_app_authorization")


def _subscribed(state: SimState, event: str, payload: dict[str, Any]) -> bool:
    """GitHub sends an installation only the events it subscribed to (checks: also with checks access)."""
    if event in ALWAYS_SENT:
        return True
    inst = state.installations.get((payload.get("installation") or {}).get("id", -1))
    if inst is None:
        return False
    if event in ("check_suite", "check_run") and inst.permissions.get("checks"):
        return True
    return event in inst.events


def record(
    state: SimState,
    event: str,
    payload: dict[str, Any],
    *,
    guid: str | None = None,
    redelivery: bool = False,
    body: bytes | None = None,
) -> Delivery | None:
    """Store a delivery and queue it for sending (caller holds state.lock)."""
    app = state.the_app()
    if app is None or not state.webhooks_enabled or not _subscribed(state, event, payload):
        return None
    action = payload.get("action")
    if body is None:
        payload = _webhook_shape(payload)
        example = _example(event, action)
        if example is not None:
            _fill_missing(payload, example)
        body = json.dumps(payload).encode()
    guid = guid or str(uuid.uuid4())
    inst = payload.get("installation") or {}
    repo = payload.get("repository") or {}
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/sim",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": guid,
        "X-GitHub-Hook-ID": str(app.hook_id),
        "X-GitHub-Hook-Installation-Target-Type": "integration",
        "X-GitHub-Hook-Installation-Target-ID": str(app.id),
        "X-Hub-Signature-256": signature(app.webhook_secret, body),
    }
    delivery = Delivery(
        id=state.new_id(),
        guid=guid,
        event=event,
        action=action,
        installation_id=inst.get("id"),
        repository_id=repo.get("id"),
        body=body,
        headers=headers,
        redelivery=redelivery,
        created_at=state.now(),
    )
    state.deliveries.append(delivery)
    outbox: Outbox | None = getattr(state, "outbox", None)
    if outbox is not None:
        outbox.enqueue(delivery.id)
    return delivery


def redeliver(state: SimState, delivery: Delivery) -> Delivery | None:
    return record(
        state,
        delivery.event,
        json.loads(delivery.body),
        guid=delivery.guid,
        redelivery=True,
        body=delivery.body,
    )


# event builders (caller holds state.lock) ----------------------------------------------------------


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
    from app.sandbox.shapes import installation

    payload: dict[str, Any] = {"action": action, "installation": installation(state, inst)}
    if action in ("created", "deleted"):
        payload["repositories"] = [_repo_lite(r) for r in state.installation_repos(inst)]
    payload["sender"] = user(state, sender)
    record(state, "installation", payload)


def installation_repositories_event(
    state: SimState, action: str, inst: Installation, repos: list[Repo], sender: str
) -> None:
    from app.sandbox.shapes import installation

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
