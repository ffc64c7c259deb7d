"""Build the `Snapshot` the checks read: the only place that reads repository content from GitHub.

One recursive tree read of the ref (paged by subtree when GitHub truncates it), then only the blobs
some `Need` matches, within its size limit, plus the same for the owner's `.github` repository
when a need asks for the org fallback. An empty repository (409) gives `repo.empty=True`.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import anyio
from githubkit import GitHub

from app.errors import EmptyRepository, NotFound
from app.github.errors import github_errors
from checks.model import Need, RepoFacts, Snapshot

log = logging.getLogger(__name__)

MAX_TREE_CALLS = 50  # subtree reads allowed when the recursive tree comes back truncated
MAX_BLOBS = 300
BLOB_CONCURRENCY = 8
_SHA = re.compile(r"^[0-9a-f]{40}$")


async def _get(gh: GitHub[Any], url: str, **params: Any) -> Any:
    with github_errors():
        return (await gh.arequest("GET", url, params=params or None)).json()


def repo_facts(repo_json: dict[str, Any], *, head_sha: str | None = None, empty: bool = False) -> RepoFacts:
    owner = repo_json.get("owner") or {}
    return RepoFacts(
        owner=str(owner.get("login", "")),
        name=str(repo_json.get("name", "")),
        default_branch=str(repo_json.get("default_branch") or "main"),
        head_sha=head_sha,
        archived=bool(repo_json.get("archived")),
        fork=bool(repo_json.get("fork")),
        private=bool(repo_json.get("private")),
        empty=empty,
        html_url=str(repo_json.get("html_url", "")),
    )


async def _head_sha(gh: GitHub[Any], base: str, ref: str) -> str:
    if _SHA.match(ref):
        return ref
    branch = ref.removeprefix("refs/heads/")
    data = await _get(gh, f"{base}/git/ref/heads/{quote(branch, safe='/')}")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict) or "sha" not in obj:
        raise NotFound(f"ref heads/{branch} has no object", status=404)
    return str(obj["sha"])


async def read_tree(gh: GitHub[Any], base: str, sha: str) -> tuple[list[dict[str, Any]], bool]:
    """Every blob entry (path, sha, size, mode) under tree-ish `sha`; True when still incomplete."""
    blobs: list[dict[str, Any]] = []
    calls = 0
    incomplete = False
    pending: list[tuple[str, str, bool]] = [(sha, "", True)]  # (tree sha, path prefix, recursive)
    while pending:
        tree_sha, prefix, recursive = pending.pop()
        if calls >= MAX_TREE_CALLS:
            incomplete = True
            break
        calls += 1
        params = {"recursive": "1"} if recursive else {}
        data = await _get(gh, f"{base}/git/trees/{tree_sha}", **params)
        entries = data.get("tree", [])
        if recursive and data.get("truncated"):
            # page by subtree: list this level alone, then each subtree recursively
            pending.append((tree_sha, prefix, False))
            continue
        for entry in entries:
            path = prefix + str(entry.get("path", ""))
            if entry.get("type") == "blob":
                blobs.append({**entry, "path": path})
            elif entry.get("type") == "tree" and not recursive:
                pending.append((str(entry["sha"]), path + "/", True))
    return blobs, incomplete


async def _read_blobs(
    gh: GitHub[Any], base: str, entries: Iterable[dict[str, Any]], needs: tuple[Need, ...]
) -> tuple[dict[str, bytes], dict[str, str], dict[str, str]]:
    files: dict[str, bytes] = {}
    skipped: dict[str, str] = {}
    shas: dict[str, str] = {}
    wanted: list[dict[str, Any]] = []
    for entry in entries:
        path = entry["path"]
        matching = [n for n in needs if n.matches(path)]
        if not matching:
            continue
        limit = max(n.max_bytes for n in matching)
        size = int(entry.get("size") or 0)
        shas[path] = str(entry.get("sha", ""))
        if entry.get("mode") == "120000":
            skipped[path] = "symbolic link"
        elif size > limit:
            skipped[path] = f"too large ({size} bytes > {limit})"
        elif len(wanted) >= MAX_BLOBS:
            skipped[path] = f"more than {MAX_BLOBS} matching files"
        else:
            wanted.append(entry)

    limiter = anyio.Semaphore(BLOB_CONCURRENCY)

    async def fetch(entry: dict[str, Any]) -> None:
        async with limiter:
            data = await _get(gh, f"{base}/git/blobs/{entry['sha']}")
        if data.get("encoding") == "base64":
            files[entry["path"]] = base64.b64decode(data.get("content") or "")
        elif isinstance(data.get("content"), str):
            files[entry["path"]] = data["content"].encode()
        else:
            skipped[entry["path"]] = f"unreadable blob encoding {data.get('encoding')!r}"

    async with anyio.create_task_group() as tg:
        for entry in wanted:
            tg.start_soon(fetch, entry)
    return files, skipped, shas


async def _org_files(gh: GitHub[Any], owner: str, needs: tuple[Need, ...]) -> dict[str, bytes]:
    base = f"/repos/{quote(owner)}/.github"
    try:
        repo = await _get(gh, base)
        head = await _head_sha(gh, base, str(repo.get("default_branch") or "main"))
        entries, _ = await read_tree(gh, base, head)
    except (NotFound, EmptyRepository):
        return {}
    files, skipped, _ = await _read_blobs(gh, base, entries, needs)
    for path, reason in skipped.items():
        log.info("org file %s/.github/%s not read: %s", owner, path, reason)
    return files


async def fetch_snapshot(
    gh: GitHub[Any],
    owner: str,
    name: str,
    *,
    ref: str | None = None,
    needs: tuple[Need, ...],
    repo_json: dict[str, Any] | None = None,
) -> Snapshot:
    base = f"/repos/{quote(owner)}/{quote(name)}"
    if repo_json is None:
        repo_json = await _get(gh, base)
    org_needs = tuple(n for n in needs if n.org_fallback)
    org_files = await _org_files(gh, owner, org_needs) if org_needs and name.lower() != ".github" else {}
    try:
        head = await _head_sha(gh, base, ref or str(repo_json.get("default_branch") or "main"))
        entries, incomplete = await read_tree(gh, base, head)
    except EmptyRepository:
        return Snapshot(repo=repo_facts(repo_json, empty=True), org_files=org_files)
    except NotFound:
        if int(repo_json.get("size") or 0) == 0:  # no default branch yet: an empty repository
            return Snapshot(repo=repo_facts(repo_json, empty=True), org_files=org_files)
        raise
    files, skipped, shas = await _read_blobs(gh, base, entries, needs)
    return Snapshot(
        repo=repo_facts(repo_json, head_sha=head),
        paths=tuple(e["path"] for e in entries),
        files=files,
        org_files=org_files,
        skipped=skipped,
        blob_shas=shas,
        tree_truncated=incomplete,
    )
