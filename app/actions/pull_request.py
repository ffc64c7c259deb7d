"""Ensure the app's pull request matches the plan ("ensure" semantics, idempotent).

The pull request carries the fixes the failing checks propose (see `app/actions/plan.py`); its body
lists each fix's title and description, and records in a hidden marker which check's fix wrote which
file, so a later run knows every file the PR manages.

GitHub is the source of truth for what happened to our PR (the stored row can be lost or stale): the
PRs whose head is `{owner}:repo-hygiene/security-policy` are listed first and reconciled with the
stored `HygienePullRequest`. Then the pure plan decides, and this module applies it:
- open/update: the branch is created from the default-branch head (or reused), and when its content
  differs from the plan it is reset to that head and given ONE new commit with the planned files; the
  PR is created (or the open one updated: never a second one);
- close: our open PR gets a short comment, is closed and its branch deleted (state `closed_by_app`);
- a PR a human closed without merging is recorded as `declined` and never reopened or recreated.
The caller's session is committed after every GitHub write, so a crash cannot forget a PR.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from githubkit import GitHub
from sqlalchemy.orm import Session

from app.actions.plan import (
    BRANCH,
    CLOSED_BY_APP_MARKER,
    ClosePR,
    NoAction,
    OpenOrUpdatePR,
    StoredPR,
    closed_by_app_body,
    fixes_marker,
    parse_fixes_marker,
    parse_problems_marker,
    plan_security_pr,
    problems_marker,
)
from app.errors import GitHubError, GraphQLError, RateLimited
from app.github.dry_run import IntendedWrites
from app.github.gateway import CallCounter, PullRequestSummary
from app.github.writers import RepoGitHub
from app.store.base import utcnow
from app.store.models import HygienePullRequest, Repository
from app.templating import templates
from checks.config import RepoConfig
from checks.model import CheckResult, Snapshot


def closed_pr_state(
    pr: Mapping[str, Any],
    stored: HygienePullRequest | None,
    *,
    closed_by: str | None = None,
    app_login: str | None = None,
) -> str:
    """merged | closed_by_app | declined for a closed PR of ours.

    For the `pull_request.closed` webhook handler too: pass `closed_by=payload["sender"]["login"]` and
    the app's bot login (`<slug>[bot]`), so the app's own close is never recorded as a decline.
    """
    if pr.get("merged_at") or pr.get("merged"):
        return "merged"
    if stored is not None and stored.number == pr.get("number") and stored.state == "closed_by_app":
        return "closed_by_app"
    if CLOSED_BY_APP_MARKER in str(pr.get("body") or ""):
        return "closed_by_app"
    if closed_by is not None and app_login is not None and closed_by.lower() == app_login.lower():
        return "closed_by_app"
    return "declined"


def reconcile(row: HygienePullRequest | None, prs: list[PullRequestSummary]) -> StoredPR | None:
    """What GitHub says about our PRs, with the stored row as memory of our own closes. Every closed
    PR's fingerprints (see `plan.fix_fingerprint`) say which fixes were declined or merged."""
    declined: dict[str, int] = {}
    merged: dict[str, int] = {}
    for pr in [p for p in prs if p.get("state") != "open"]:  # newest first: the newest number wins
        state = closed_pr_state(pr, row)
        settled = declined if state == "declined" else merged if state == "merged" else {}
        for fingerprint in parse_problems_marker(pr.get("body")):
            settled.setdefault(fingerprint, int(pr["number"]))
    open_prs = [p for p in prs if p.get("state") == "open"]
    if open_prs:
        pr = open_prs[-1]
        return StoredPR("open", int(pr["number"]), parse_fixes_marker(pr.get("body")), declined, merged)
    if prs:
        latest = prs[0]
        state = closed_pr_state(latest, row)
        if state in ("declined", "merged") and not parse_problems_marker(latest.get("body")):
            return StoredPR(state, int(latest["number"]))  # no fingerprints: nothing is asked again
        return StoredPR(state, int(latest["number"]), declined=declined, merged=merged)
    if row is None or row.state == "open":  # an open PR that no longer exists: start afresh
        return None
    return StoredPR(row.state, row.number)


async def ensure_security_pr(
    gh: GitHub[Any],
    session: Session,
    repo: Repository,
    snapshot: Snapshot,
    results: dict[str, CheckResult],
    config: RepoConfig,
    *,
    counter: CallCounter | None = None,
    listed: list[PullRequestSummary] | None = None,
    intended: IntendedWrites | None = None,
) -> str:
    """Apply the plan. `listed`: the pull requests from `BRANCH` when a batch read already listed them.
    With `intended` (a dry run) the writes are recorded there instead, and nothing about our own
    (unmade) writes is stored, so a later real run starts from what GitHub says."""
    owner, name = snapshot.repo.owner, snapshot.repo.name
    github = RepoGitHub.for_repo(gh, owner, name, counter, intended)
    row = session.get(HygienePullRequest, repo.id)
    prs = listed if listed is not None else await github.reader.pull_requests(BRANCH)
    stored = reconcile(row, prs)
    if stored is not None and stored.number is not None:
        pr_json = next((p for p in prs if p["number"] == stored.number), None)
        row = _record(session, repo, row, stored.number, stored.state, pr_json)
    plan = plan_security_pr(snapshot, results, config, stored)

    if isinstance(plan, NoAction):
        return f"no action: {plan.reason}"
    try:
        return await _apply(github, session, repo, row, snapshot, config, plan, prs, stored)
    except RateLimited:
        raise  # the job is rescheduled
    except GraphQLError as exc:
        message = exc.reason
        refusal = _permanent_refusal(422 if "rule" in message.lower() else 0, message)
        if refusal is None:
            raise
        return refusal
    except GitHubError as exc:
        refusal = _permanent_refusal(exc.status or 0, exc.reason)
        if refusal is None:
            raise
        return refusal


def _permanent_refusal(status: int, message: str) -> str | None:
    """An outcome for GitHub refusals that a retry cannot fix (the job completes and says why)."""
    if status == 409 and "empty" in message.lower():
        return "no action: empty repository"
    if status == 403 and "rate limit" not in message.lower():
        return f"blocked: GitHub refused the write (403 {message}); check the app's permissions"
    if status == 422 and "rule" in message.lower():
        return f"blocked: repository rules rejected the change ({message})"
    return None


async def _apply(
    github: RepoGitHub,
    session: Session,
    repo: Repository,
    row: HygienePullRequest | None,
    snapshot: Snapshot,
    config: RepoConfig,
    plan: ClosePR | OpenOrUpdatePR,
    prs: list[PullRequestSummary],
    stored: StoredPR | None,
) -> str:
    if isinstance(plan, ClosePR):
        # Recorded (and committed) before the close, so the `pull_request.closed` webhook that our own
        # close triggers finds `closed_by_app` and does not mistake it for a human decline.
        _record_ours(github, session, repo, row, plan.number, "closed_by_app", None)
        await github.pulls.comment_once(plan.number, plan.comment)
        current = next((p for p in prs if p["number"] == plan.number), None)
        body = closed_by_app_body(current.get("body") if current is not None else None)
        await github.pulls.update(plan.number, state="closed", body=body)
        await github.branches.delete(BRANCH)
        return f"closed #{plan.number}: fixed another way"
    return await _open_or_update(github, session, repo, row, snapshot, config, plan, prs, stored)


async def _open_or_update(
    github: RepoGitHub,
    session: Session,
    repo: Repository,
    row: HygienePullRequest | None,
    snapshot: Snapshot,
    config: RepoConfig,
    plan: OpenOrUpdatePR,
    prs: list[PullRequestSummary],
    stored: StoredPR | None,
) -> str:
    facts = snapshot.repo
    base = facts.default_branch
    base_sha = facts.head_sha or await github.reader.branch_sha(base)
    if base_sha is None:
        return f"no action: default branch {base!r} not found"
    created = await github.branches.create(BRANCH, base_sha)
    head = base_sha if created else await github.reader.branch_sha(BRANCH)
    managed = {*plan.files, *(path for _, path in (stored.fixes if stored else ()))}
    if head is None or not await _branch_is_current(github, snapshot, head, base_sha, plan.files, managed):
        if head is not None and head != base_sha:
            await github.branches.reset(BRANCH, base_sha)
        elif head is None:  # deleted between our calls
            await github.branches.create(BRANCH, base_sha)
        head = await github.branches.commit_files(BRANCH, base_sha, plan.files, _message(plan))
    title, body = render_pr_text(plan)

    if stored is not None and stored.state == "open" and stored.number is not None:
        current = next((p for p in prs if p["number"] == stored.number), None)
        pr = current
        if current is None or current["title"] != title or current["body"] != body:
            pr = await github.pulls.update(stored.number, title=title, body=body)
        _record_ours(github, session, repo, row, stored.number, "open", pr, head)
        return f"updated #{stored.number}"
    created_pr = await github.pulls.create(BRANCH, base, title, body)
    if created_pr is None:  # opened meanwhile (a concurrent job, or our listing was stale)
        existing = [p for p in await github.reader.pull_requests(BRANCH) if p["state"] == "open"]
        if not existing:
            raise RuntimeError("GitHub says a pull request exists for the branch but lists none open")
        number = int(existing[0]["number"])
        pr = await github.pulls.update(number, title=title, body=body)
        _record_ours(github, session, repo, row, number, "open", pr, head)
        return f"updated #{number}"
    number = created_pr["number"]
    _record_ours(github, session, repo, row, number, "open", created_pr, head)
    return f"opened #{number}"


async def _branch_is_current(
    github: RepoGitHub,
    snapshot: Snapshot,
    head: str,
    base_sha: str,
    files: Mapping[str, str],
    managed: set[str],
) -> bool:
    """True when the branch is the default head plus one commit with exactly `files`, and the other
    `managed` paths (written by an earlier version of the PR) as they are on the default branch."""
    if head == base_sha or (await github.reader.git_commit(head)).parents != (base_sha,):
        return False
    for path in sorted(managed):
        want = files[path].encode("utf-8") if path in files else snapshot.files.get(path)
        if await github.reader.file(path, head) != want:
            return False
    return True


def pr_title(plan: OpenOrUpdatePR) -> str:
    """The fixes' titles as one sentence: "A", "A and b", "A, b and c"."""
    first, *rest = [p.fix.title for p in plan.fixes]
    if not rest:
        return first
    rest = [t[:1].lower() + t[1:] for t in rest]
    return ", ".join([first, *rest[:-1]]) + " and " + rest[-1]


def _message(plan: OpenOrUpdatePR) -> str:
    changes = "\n".join(f"- {p.fix.path}: {p.fix.title}" for p in plan.fixes)
    return f"{pr_title(plan)}\n\nProposed by repo-hygiene:\n{changes}"


def render_pr_text(plan: OpenOrUpdatePR) -> tuple[str, str]:
    fixes = [
        {
            "path": p.fix.path.replace("`", ""),
            "title": p.fix.title,
            "description": p.fix.description,
            "changes": list(p.fix.changes),
        }
        for p in plan.fixes
    ]
    marker = f"{problems_marker(plan)}\n{fixes_marker(plan)}"
    body = templates().get_template("pull_request_body.md.j2").render(fixes=fixes, marker=marker)
    return pr_title(plan), re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"


def _record_ours(
    github: RepoGitHub,
    session: Session,
    repo: Repository,
    row: HygienePullRequest | None,
    number: int,
    state: str,
    pr: Mapping[str, Any] | None,
    head_sha: str | None = None,
) -> HygienePullRequest | None:
    """`_record` of a write of ours; a dry run made none, so it records nothing."""
    if github.dry_run:
        return row
    return _record(session, repo, row, number, state, pr, head_sha)


def _record(
    session: Session,
    repo: Repository,
    row: HygienePullRequest | None,
    number: int,
    state: str,
    pr: Mapping[str, Any] | None,
    head_sha: str | None = None,
) -> HygienePullRequest:
    if row is None:
        row = HygienePullRequest(repository_id=repo.id, number=number, branch=BRANCH, state=state)
        session.add(row)
    changed = (row.number, row.state) != (number, state)
    row.number, row.state, row.branch = number, state, BRANCH
    if pr is not None and pr.get("html_url"):
        row.html_url = str(pr["html_url"])
    if head_sha is not None:
        row.head_sha = head_sha
    if state != "open" and (changed or row.closed_at is None):
        row.closed_at = utcnow()
    elif state == "open":
        row.closed_at = None
    session.commit()
    return row
