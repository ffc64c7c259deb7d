"""Whether a push can change what the checks see, from the paths its payload lists.

A push payload lists each commit's `added`, `modified` and `removed` paths, for at most 20 commits.
The checks see the tree's paths and the contents of the files their needs match, so a push that only
modifies files no need matches leaves every result as it was: no scan, no blob read. Anything else is
a change: a path added or removed (the checks read the tree), a needed file modified, and any push
whose list may be incomplete (20 commits or more, a `size` above the listed commits, a new or forced
branch, a push that lists no commit at all).
"""

from __future__ import annotations

from typing import Any

from checks.model import Need

MAX_LISTED_COMMITS = 20


def may_change_results(payload: dict[str, Any], needs: tuple[Need, ...]) -> bool:
    commits = payload.get("commits")
    if not isinstance(commits, list) or not commits or len(commits) >= MAX_LISTED_COMMITS:
        return True
    size = payload.get("size")
    if isinstance(size, int) and size > len(commits):
        return True
    if payload.get("created") or payload.get("forced") or payload.get("deleted"):
        return True
    for commit in commits:
        if not isinstance(commit, dict):
            return True
        if commit.get("added") or commit.get("removed"):
            return True
        modified = commit.get("modified")
        if not isinstance(modified, list):
            return True
        if any(not isinstance(path, str) or any(n.matches(path) for n in needs) for path in modified):
            return True
    return False
