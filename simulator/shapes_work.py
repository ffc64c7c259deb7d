"""JSON bodies for pull requests, issue comments, check suites and check runs."""

from __future__ import annotations

from typing import Any

from simulator.shapes import app_json, node_id, repository, user
from simulator.state import CheckRun, CheckSuite, Comment, PullRequest, SimState, iso


def _branch_end(state: SimState, repo_id: int, ref: str, sha: str) -> dict[str, Any]:
    repo = state.repos[repo_id]
    return {
        "label": f"{repo.owner}:{ref}",
        "ref": ref,
        "sha": sha,
        "user": user(state, repo.owner),
        "repo": repository(state, repo),
    }


def _association(state: SimState, pr: PullRequest) -> str:
    """MEMBER for the base owner and its org members; a stranger opening a pull request is a
    CONTRIBUTOR (GitHub's FIRST_TIME_* variants are not simulated)."""
    owner = state.account(state.repos[pr.repo_id].owner)
    login = pr.user.lower()
    if pr.user.endswith("[bot]"):
        return "NONE"
    if owner is not None and (login == owner.login.lower() or login in owner.members):
        return "MEMBER"
    return "CONTRIBUTOR"


def pull_request(state: SimState, pr: PullRequest) -> dict[str, Any]:
    repo = state.repos[pr.repo_id]
    api = f"{state.base_url}/repos/{repo.full_name}"
    html = f"{state.html_url}/{repo.full_name}/pull/{pr.number}"
    comments = sum(1 for c in state.comments if c.repo_id == repo.id and c.number == pr.number)
    return {
        "url": f"{api}/pulls/{pr.number}",
        "id": pr.id,
        "node_id": node_id("PullRequest", pr.id),
        "html_url": html,
        "diff_url": f"{html}.diff",
        "patch_url": f"{html}.patch",
        "issue_url": f"{api}/issues/{pr.number}",
        "commits_url": f"{api}/pulls/{pr.number}/commits",
        "review_comments_url": f"{api}/pulls/{pr.number}/comments",
        "review_comment_url": f"{api}/pulls/comments{{/number}}",
        "comments_url": f"{api}/issues/{pr.number}/comments",
        "statuses_url": f"{api}/statuses/{pr.head_sha}",
        "number": pr.number,
        "state": pr.state,
        "locked": False,
        "title": pr.title,
        "user": user(state, pr.user),
        "body": pr.body,
        "labels": [],
        "milestone": None,
        "active_lock_reason": None,
        "created_at": iso(pr.created_at),
        "updated_at": iso(pr.updated_at),
        "closed_at": iso(pr.closed_at) if pr.closed_at else None,
        "merged_at": iso(pr.merged_at) if pr.merged_at else None,
        "merge_commit_sha": pr.merge_commit_sha,
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "requested_teams": [],
        "head": _branch_end(state, pr.head_repo, pr.head, pr.head_sha),
        "base": _branch_end(state, pr.repo_id, pr.base, pr.base_sha),
        "_links": {
            "self": {"href": f"{api}/pulls/{pr.number}"},
            "html": {"href": html},
            "issue": {"href": f"{api}/issues/{pr.number}"},
            "comments": {"href": f"{api}/issues/{pr.number}/comments"},
            "review_comments": {"href": f"{api}/pulls/{pr.number}/comments"},
            "review_comment": {"href": f"{api}/pulls/comments{{/number}}"},
            "commits": {"href": f"{api}/pulls/{pr.number}/commits"},
            "statuses": {"href": f"{api}/statuses/{pr.head_sha}"},
        },
        "author_association": _association(state, pr),
        "auto_merge": None,
        "draft": pr.draft,
        "merged": pr.merged,
        "mergeable": None if pr.state != "open" else True,
        "rebaseable": None if pr.state != "open" else True,
        "mergeable_state": "clean" if pr.state == "open" else "unknown",
        "merged_by": user(state, pr.merged_by) if pr.merged_by else None,
        "comments": comments,
        "review_comments": 0,
        "maintainer_can_modify": pr.maintainer_can_modify,
        "commits": 1,
        "additions": 0,
        "deletions": 0,
        "changed_files": 0,
    }


def issue_comment(state: SimState, comment: Comment) -> dict[str, Any]:
    repo = state.repos[comment.repo_id]
    api = f"{state.base_url}/repos/{repo.full_name}"
    return {
        "id": comment.id,
        "node_id": node_id("IssueComment", comment.id),
        "url": f"{api}/issues/comments/{comment.id}",
        "html_url": f"{state.html_url}/{repo.full_name}/pull/{comment.number}#issuecomment-{comment.id}",
        "body": comment.body,
        "user": user(state, comment.user),
        "created_at": iso(comment.created_at),
        "updated_at": iso(comment.created_at),
        "issue_url": f"{api}/issues/{comment.number}",
        "author_association": "NONE" if comment.user.endswith("[bot]") else "MEMBER",
    }


def _run_pull_requests(state: SimState, repo_id: int, head_sha: str) -> list[dict[str, Any]]:
    out = []
    for pr in state.pulls.values():
        # GitHub leaves fork pull requests out of a check suite's or run's `pull_requests`
        from_fork = pr.head_repo_id is not None
        if pr.repo_id == repo_id and pr.head_sha == head_sha and pr.state == "open" and not from_fork:
            api = f"{state.base_url}/repos/{state.repos[repo_id].full_name}"
            ref_repo = {"id": repo_id, "url": api, "name": state.repos[repo_id].name}
            out.append(
                {
                    "url": f"{api}/pulls/{pr.number}",
                    "id": pr.id,
                    "number": pr.number,
                    "head": {"ref": pr.head, "sha": pr.head_sha, "repo": ref_repo},
                    "base": {"ref": pr.base, "sha": pr.base_sha, "repo": ref_repo},
                }
            )
    return out


def check_suite(state: SimState, suite: CheckSuite) -> dict[str, Any]:
    repo = state.repos[suite.repo_id]
    api = f"{state.base_url}/repos/{repo.full_name}"
    runs = [r for r in state.check_runs.values() if r.suite_id == suite.id]
    commit = repo.git.commits.get(suite.head_sha)
    parents = commit.parents if commit else ()
    head_commit = None
    if commit:
        person = {"name": commit.author_name, "email": commit.author_email}
        head_commit = {
            "id": commit.sha,
            "tree_id": commit.tree,
            "message": commit.message,
            "timestamp": commit.date,
            "author": person,
            "committer": person,
        }
    return {
        "id": suite.id,
        "node_id": node_id("CheckSuite", suite.id),
        "head_branch": suite.head_branch,
        "head_sha": suite.head_sha,
        "status": suite.status,
        "conclusion": suite.conclusion,
        "url": f"{api}/check-suites/{suite.id}",
        "before": parents[0] if parents else "0" * 40,
        "after": suite.head_sha,
        "pull_requests": _run_pull_requests(state, suite.repo_id, suite.head_sha),
        "app": app_json(state, state.apps[suite.app_id]),
        "repository": repository(state, repo, full=False),
        "created_at": iso(suite.created_at),
        "updated_at": iso(suite.created_at),
        "latest_check_runs_count": len(runs),
        "check_runs_url": f"{api}/check-suites/{suite.id}/check-runs",
        "head_commit": head_commit,
        "rerequestable": True,
        "runs_rerequestable": True,
    }


def check_run(state: SimState, run: CheckRun) -> dict[str, Any]:
    repo = state.repos[run.repo_id]
    api = f"{state.base_url}/repos/{repo.full_name}"
    output = {
        "title": run.output.get("title"),
        "summary": run.output.get("summary"),
        "text": run.output.get("text"),
        "annotations_count": len(run.annotations),
        "annotations_url": f"{api}/check-runs/{run.id}/annotations",
    }
    suite = state.suites[run.suite_id]
    return {
        "id": run.id,
        "head_sha": run.head_sha,
        "node_id": node_id("CheckRun", run.id),
        "external_id": run.external_id or "",
        "url": f"{api}/check-runs/{run.id}",
        "html_url": f"{state.html_url}/{repo.full_name}/runs/{run.id}",
        "details_url": run.details_url or f"{state.html_url}/{repo.full_name}/runs/{run.id}",
        "status": run.status,
        "conclusion": run.conclusion,
        "started_at": iso(run.started_at),
        "completed_at": iso(run.completed_at) if run.completed_at else None,
        "output": output,
        "name": run.name,
        "check_suite": {"id": run.suite_id, "head_branch": suite.head_branch, "head_sha": suite.head_sha},
        "app": app_json(state, state.apps[run.app_id]),
        "pull_requests": _run_pull_requests(state, run.repo_id, run.head_sha),
    }
