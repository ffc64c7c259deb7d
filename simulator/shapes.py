"""JSON bodies shaped like GitHub's REST examples (schema-complete, so githubkit's models accept them)."""

from __future__ import annotations

import base64
from typing import Any

from simulator.state import Account, Installation, Repo, SimApp, SimState, iso


def node_id(kind: str, ident: int | str) -> str:
    return base64.b64encode(f"0{len(kind)}:{kind}{ident}".encode()).decode()


def user(state: SimState, login: str) -> dict[str, Any]:
    acc = state.account(login)
    ident = acc.id if acc else abs(hash(login)) % 10_000_000
    kind = acc.type if acc else ("Bot" if login.endswith("[bot]") else "User")
    api = f"{state.base_url}/users/{login}"
    return {
        "login": login,
        "id": ident,
        "node_id": node_id("User", ident),
        "avatar_url": f"{state.base_url}/_sandbox/avatar/{login}",
        "gravatar_id": "",
        "url": api,
        "html_url": f"{state.html_url}/{login}",
        "followers_url": f"{api}/followers",
        "following_url": f"{api}/following{{/other_user}}",
        "gists_url": f"{api}/gists{{/gist_id}}",
        "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/subscriptions",
        "organizations_url": f"{api}/orgs",
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events{{/privacy}}",
        "received_events_url": f"{api}/received_events",
        "type": kind,
        "site_admin": False,
    }


def organization(state: SimState, acc: Account) -> dict[str, Any]:
    api = f"{state.base_url}/orgs/{acc.login}"
    return {
        "login": acc.login,
        "id": acc.id,
        "node_id": node_id("Organization", acc.id),
        "url": api,
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events",
        "hooks_url": f"{api}/hooks",
        "issues_url": f"{api}/issues",
        "members_url": f"{api}/members{{/member}}",
        "public_members_url": f"{api}/public_members{{/member}}",
        "avatar_url": f"{state.base_url}/_sandbox/avatar/{acc.login}",
        "description": acc.name or "",
    }


_REPO_URL_SUFFIXES = {
    "archive_url": "/{archive_format}{/ref}",
    "assignees_url": "/assignees{/user}",
    "blobs_url": "/git/blobs{/sha}",
    "branches_url": "/branches{/branch}",
    "collaborators_url": "/collaborators{/collaborator}",
    "comments_url": "/comments{/number}",
    "commits_url": "/commits{/sha}",
    "compare_url": "/compare/{base}...{head}",
    "contents_url": "/contents/{+path}",
    "contributors_url": "/contributors",
    "deployments_url": "/deployments",
    "downloads_url": "/downloads",
    "events_url": "/events",
    "forks_url": "/forks",
    "git_commits_url": "/git/commits{/sha}",
    "git_refs_url": "/git/refs{/sha}",
    "git_tags_url": "/git/tags{/sha}",
    "issue_comment_url": "/issues/comments{/number}",
    "issue_events_url": "/issues/events{/number}",
    "issues_url": "/issues{/number}",
    "keys_url": "/keys{/key_id}",
    "labels_url": "/labels{/name}",
    "languages_url": "/languages",
    "merges_url": "/merges",
    "milestones_url": "/milestones{/number}",
    "notifications_url": "/notifications{?since,all,participating}",
    "pulls_url": "/pulls{/number}",
    "releases_url": "/releases{/id}",
    "stargazers_url": "/stargazers",
    "statuses_url": "/statuses/{sha}",
    "subscribers_url": "/subscribers",
    "subscription_url": "/subscription",
    "tags_url": "/tags",
    "teams_url": "/teams",
    "trees_url": "/git/trees{/sha}",
    "hooks_url": "/hooks",
}


def repo_size_kb(repo: Repo) -> int:
    if repo.empty:
        return 0
    return max(1, sum(len(b) for b in repo.git.blobs.values()) // 1024)


def repository(state: SimState, repo: Repo, *, full: bool = True) -> dict[str, Any]:
    api = f"{state.base_url}/repos/{repo.full_name}"
    html = f"{state.html_url}/{repo.full_name}"
    out: dict[str, Any] = {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": user(state, repo.owner),
        "private": repo.private,
        "html_url": html,
        "description": repo.description,
        "fork": repo.fork,
        "url": api,
    }
    out.update({key: api + suffix for key, suffix in _REPO_URL_SUFFIXES.items()})
    if not full:
        return out
    forks = sum(1 for r in state.repos.values() if r.parent_id == repo.id)
    out.update(
        {
            "git_url": f"git://{html.split('://', 1)[-1]}.git",
            "ssh_url": f"git@sandbox:{repo.full_name}.git",
            "clone_url": f"{html}.git",
            "svn_url": html,
            "mirror_url": None,
            "homepage": None,
            "language": None,
            "forks_count": forks,
            "forks": forks,
            "stargazers_count": 0,
            "watchers_count": 0,
            "watchers": 0,
            "size": repo_size_kb(repo),
            "default_branch": repo.default_branch,
            "open_issues_count": sum(
                1 for p in state.pulls.values() if p.repo_id == repo.id and p.state == "open"
            ),
            "open_issues": sum(1 for p in state.pulls.values() if p.repo_id == repo.id and p.state == "open"),
            "is_template": False,
            "topics": [],
            "has_issues": True,
            "has_projects": True,
            "has_wiki": True,
            "has_pages": False,
            "has_downloads": True,
            "has_discussions": False,
            "archived": repo.archived,
            "disabled": False,
            "visibility": "private" if repo.private else "public",
            "pushed_at": iso(repo.pushed_at),
            "created_at": iso(repo.created_at),
            "updated_at": iso(max(repo.pushed_at, repo.created_at)),
            "permissions": {"admin": False, "maintain": False, "push": True, "triage": True, "pull": True},
            "allow_rebase_merge": True,
            "allow_squash_merge": True,
            "allow_merge_commit": True,
            "allow_auto_merge": False,
            "delete_branch_on_merge": False,
            "allow_forking": True,
            "web_commit_signoff_required": False,
            "license": None,
            "subscribers_count": 0,
            "network_count": 0,
        }
    )
    owner = state.account(repo.owner)
    if owner and owner.type == "Organization":
        out["organization"] = user(state, repo.owner)
    return out


def full_repository(state: SimState, repo: Repo) -> dict[str, Any]:
    """`GET /repos/{o}/{r}`: a fork also names its `parent` and the network's root, `source`."""
    out = repository(state, repo)
    parent = state.repos.get(repo.parent_id) if repo.parent_id is not None else None
    if parent is not None:
        source = parent
        while source.parent_id is not None and source.parent_id in state.repos:
            source = state.repos[source.parent_id]
        out["parent"] = repository(state, parent)
        out["source"] = repository(state, source)
    return out


def app_json(state: SimState, app: SimApp) -> dict[str, Any]:
    return {
        "id": app.id,
        "slug": app.slug,
        "client_id": app.client_id,
        "node_id": node_id("Integration", app.id),
        "owner": user(state, app.owner),
        "name": app.name,
        "description": "",
        "external_url": state.base_url,
        "html_url": f"{state.base_url}/apps/{app.slug}",
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
        "permissions": dict(app.permissions),
        "events": list(app.events),
    }


def installation(state: SimState, inst: Installation) -> dict[str, Any]:
    app = state.apps[inst.app_id]
    acc = state.account(inst.account)
    return {
        "id": inst.id,
        "account": user(state, inst.account),
        "access_tokens_url": f"{state.base_url}/app/installations/{inst.id}/access_tokens",
        "repositories_url": f"{state.base_url}/installation/repositories",
        "html_url": f"{state.base_url}/organizations/{inst.account}/settings/installations/{inst.id}",
        "app_id": inst.app_id,
        "client_id": app.client_id,
        "target_id": acc.id if acc else 0,
        "target_type": acc.type if acc else "User",
        "permissions": dict(inst.permissions),
        "events": list(inst.events),
        "single_file_name": None,
        "has_multiple_single_files": False,
        "single_file_paths": [],
        "repository_selection": inst.repository_selection,
        "created_at": iso(inst.created_at),
        "updated_at": iso(inst.created_at),
        "app_slug": app.slug,
        "suspended_at": iso(inst.suspended_at) if inst.suspended_at else None,
        "suspended_by": None,
    }


def git_person(name: str, email: str, date: str) -> dict[str, str]:
    return {"name": name, "email": email, "date": date}


def git_commit(state: SimState, repo: Repo, sha: str) -> dict[str, Any]:
    c = repo.git.commits[sha]
    api = f"{state.base_url}/repos/{repo.full_name}"
    html = f"{state.html_url}/{repo.full_name}"
    return {
        "sha": sha,
        "node_id": node_id("Commit", sha),
        "url": f"{api}/git/commits/{sha}",
        "html_url": f"{html}/commit/{sha}",
        "author": git_person(c.author_name, c.author_email, c.date),
        "committer": git_person(c.author_name, c.author_email, c.date),
        "message": c.message,
        "tree": {"url": f"{api}/git/trees/{c.tree}", "sha": c.tree},
        "parents": [
            {"url": f"{api}/git/commits/{p}", "sha": p, "html_url": f"{html}/commit/{p}"} for p in c.parents
        ],
        "verification": {
            "verified": False,
            "reason": "unsigned",
            "signature": None,
            "payload": None,
            "verified_at": None,
        },
    }


def git_ref(state: SimState, repo: Repo, ref: str, sha: str) -> dict[str, Any]:
    api = f"{state.base_url}/repos/{repo.full_name}"
    return {
        "ref": ref,
        "node_id": node_id("Ref", ref),
        "url": f"{api}/git/{ref}",
        "object": {"type": "commit", "sha": sha, "url": f"{api}/git/commits/{sha}"},
    }
