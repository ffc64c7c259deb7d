"""State changes shared by the REST routes, GraphQL and the control API (caller holds state.lock)."""

from __future__ import annotations

from simulator import events
from simulator.forks import pull_ref
from simulator.gitstore import FILE_MODE
from simulator.state import CheckSuite, Repo, SimState, iso

ZERO_SHA = "0" * 40


def make_commit(state: SimState, repo: Repo, tree: str, parents: list[str], message: str, author: str) -> str:
    now = state.now()
    email = f"{author}@users.noreply.sandbox"
    return repo.git.put_commit(
        tree, parents, message, name=author, email=email, date=iso(now), epoch=int(now)
    )


def commit_files(
    state: SimState, repo: Repo, branch: str, changes: dict[str, bytes | None], message: str, author: str
) -> str:
    """A new commit on `branch` with files set or deleted (None). A new branch starts from the default
    branch (or from nothing in an empty repository)."""
    parent = repo.branch_sha(branch) or repo.branch_sha(repo.default_branch)
    files = repo.git.files(repo.git.commits[parent].tree) if parent else {}
    for path, content in changes.items():
        path = path.strip("/")
        if content is None:
            files.pop(path, None)
        else:
            files[path] = (files.get(path, (FILE_MODE, ""))[0], repo.git.put_blob(content))
    tree = repo.git.tree_from_files(files)
    return make_commit(state, repo, tree, [parent] if parent else [], message, author)


def move_ref(
    state: SimState, repo: Repo, ref: str, new_sha: str, pusher: str, *, forced: bool = False
) -> None:
    """Point `ref` at `new_sha` (or delete it with ZERO_SHA) and send the events GitHub would."""
    before = repo.refs.get(ref, ZERO_SHA)
    if new_sha == ZERO_SHA:
        repo.refs.pop(ref, None)
    else:
        repo.refs[ref] = new_sha
    if before == new_sha:
        return
    repo.pushed_at = state.now()
    if not ref.startswith("refs/heads/"):
        return
    branch = ref.removeprefix("refs/heads/")
    events.push(state, repo, ref, before, new_sha, pusher, forced=forced)
    if new_sha == ZERO_SHA:
        return
    request_check_suite(state, repo, new_sha, branch, pusher)
    for pr in list(state.pulls.values()):
        if pr.head_repo == repo.id and pr.state == "open" and pr.head == branch and pr.head_sha != new_sha:
            previous, pr.head_sha = pr.head_sha, new_sha
            pr.updated_at = state.now()
            state.repos[pr.repo_id].refs[pull_ref(pr)] = new_sha
            events.pull_request_event(state, "synchronize", pr, pusher, before=previous)


def request_check_suite(state: SimState, repo: Repo, sha: str, branch: str | None, sender: str) -> None:
    inst = events.installation_for(state, repo)
    if inst is None or suite_for(state, repo, sha, inst.app_id) is not None:
        return
    suite = ensure_suite(state, repo, sha, inst.app_id, branch)
    if inst.permissions.get("checks"):
        events.check_suite_event(state, "requested", suite, sender)


def suite_for(state: SimState, repo: Repo, sha: str, app_id: int) -> CheckSuite | None:
    return next(
        (
            s
            for s in state.suites.values()
            if s.repo_id == repo.id and s.head_sha == sha and s.app_id == app_id
        ),
        None,
    )


def ensure_suite(state: SimState, repo: Repo, sha: str, app_id: int, branch: str | None) -> CheckSuite:
    suite = suite_for(state, repo, sha, app_id)
    if suite is None:
        if branch is None:
            branch = next((r.removeprefix("refs/heads/") for r, s in repo.refs.items() if s == sha), None)
        suite = CheckSuite(state.new_id(), repo.id, sha, branch, app_id, state.now())
        state.suites[suite.id] = suite
    return suite


def resolve_commitish(repo: Repo, ref: str) -> str | None:
    """A commit sha from a branch, tag, full ref or sha (GitHub's `ref` parameters)."""
    for candidate in (ref, f"refs/heads/{ref}", f"refs/tags/{ref}"):
        if candidate in repo.refs:
            return repo.refs[candidate]
    if ref in repo.git.commits:
        return ref
    matches = [sha for sha in repo.git.commits if len(ref) >= 7 and sha.startswith(ref)]
    return matches[0] if len(matches) == 1 else None
