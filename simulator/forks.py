"""Forks like GitHub's: a repository owned by another account that shares its parent's git objects.

GitHub keeps one object store per fork network, which is why a fork's commits answer through the
parent repository (git commits/trees/blobs, contents `?ref=<sha>`, check runs for the sha). The
simulator does the same by sharing the parent's `ObjectStore`; branches (refs) stay per repository.
Caller holds state.lock.
"""

from __future__ import annotations

from simulator import events
from simulator.state import PullRequest, Repo, SimState


class ForkError(Exception):
    """A fork that GitHub would refuse (the message says why)."""


def create_fork(
    state: SimState,
    parent: Repo,
    owner: str,
    *,
    name: str | None = None,
    default_branch_only: bool = False,
    sender: str | None = None,
) -> Repo:
    account = state.account(owner)
    if account is None or account.type == "Bot":
        raise ForkError(f"no user or organization {owner}")
    if parent.empty:
        raise ForkError(f"{parent.full_name} is empty; there is nothing to fork")
    if account.login.lower() == parent.owner.lower() and not name:
        raise ForkError(f"{parent.full_name} cannot be forked into its own owner without a new name")
    fork_name = name or parent.name
    if state.repo_by_name(account.login, fork_name):
        raise ForkError(f"repository {account.login}/{fork_name} exists")
    now = state.now()
    refs = {r: s for r, s in parent.refs.items() if r.startswith(("refs/heads/", "refs/tags/"))}
    if default_branch_only:
        refs = {r: s for r, s in refs.items() if r == f"refs/heads/{parent.default_branch}"}
    fork = Repo(
        state.new_id(),
        account.login,
        fork_name,
        parent.default_branch,
        fork=True,
        private=parent.private,
        description=parent.description,
        created_at=now,
        pushed_at=parent.pushed_at,
        git=parent.git,
        refs=refs,
        parent_id=parent.id,
    )
    state.repos[fork.id] = fork
    who = sender or account.login
    events.fork_event(state, parent, fork, who)
    inst = state.installation_for_account(fork.owner)
    if inst is not None and inst.repository_selection == "all":
        events.installation_repositories_event(state, "added", inst, [fork], who)
    return fork


def parent_of(state: SimState, repo: Repo) -> Repo | None:
    return state.repos.get(repo.parent_id) if repo.parent_id is not None else None


def source_of(state: SimState, repo: Repo) -> Repo | None:
    """The root of the fork network (None for a repository that is not a simulated fork)."""
    current, root = repo, None
    while (parent := parent_of(state, current)) is not None:
        current = root = parent
    return root


def same_network(state: SimState, a: Repo, b: Repo) -> bool:
    return (source_of(state, a) or a).id == (source_of(state, b) or b).id


def forks_count(state: SimState, repo: Repo) -> int:
    return sum(1 for r in state.repos.values() if r.parent_id == repo.id)


def head_repo_for(state: SimState, base: Repo, head_owner: str) -> Repo | None:
    """The repository `head_owner:branch` names for a pull request into `base`: the base itself, or
    the head owner's repository in the same fork network."""
    if head_owner.lower() == base.owner.lower():
        return base
    candidates = [
        r
        for r in state.repos.values()
        if r.owner.lower() == head_owner.lower() and r.id != base.id and same_network(state, r, base)
    ]
    return min(candidates, key=lambda r: r.id) if candidates else None


def head_repo(state: SimState, pr: PullRequest) -> Repo:
    return state.repos[pr.head_repo]


def pull_ref(pr: PullRequest) -> str:
    """GitHub keeps every pull request's head in the base repository under this ref."""
    return f"refs/pull/{pr.number}/head"
