"""GraphQL batch reads: many repositories' metadata, trees or small blobs, in one query.

One query reads up to `REPOS_PER_QUERY` repositories under aliases (`r0: repository(owner:, name:)`):
the flags a scan needs and the default branch's head commit, in place of a `GET /repositories/{id}`
and a `GET .../git/ref` each. Blob texts are read by oid (`object(oid:)`), up to `BLOBS_PER_QUERY`
per query; commits' trees, `TREE_DEPTH` directory levels deep (each level a nested `entries`), up to
`TREES_PER_QUERY` per query. Aliased `repository` and `object` fields and a tree's `entries` are not
connections, so each query costs one point of the separate GraphQL budget.

Owners, names and oids travel as variables, never spliced into the document. A blob's text is kept
only when its git blob id, recomputed over the text's UTF-8 bytes, is the oid asked for: a text GitHub
truncated, decoded lossily or did not give (binary) is simply missing from the answer, and the caller
reads that blob over REST. A repository GitHub does not resolve (`NOT_FOUND`) answers None; any other
error fails the call.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from githubkit import GitHub
from githubkit.exception import GitHubException, GraphQLFailed
from githubkit.graphql.models import GraphQLError

from app.github.errors import translate
from app.github.gateway import CallCounter, PullRequestSummary, Tree, TreeEntry

REPOS_PER_QUERY = 50
BLOBS_PER_QUERY = 100
TREES_PER_QUERY = 25
TREE_DEPTH = 4  # directory levels one tree query lists; a deeper repository is read over REST

_REPO_FIELDS = """
    databaseId name isArchived isFork isEmpty isPrivate visibility url
    owner { login }
    defaultBranchRef { name target { oid } }
"""
_PULLS_FIELDS = """
    pullRequests(headRefName: $head, states: [OPEN, CLOSED, MERGED], first: 100) {
      totalCount nodes { number state title body url mergedAt headRefName isCrossRepository }
    }
"""
_BLOB_FIELDS = "... on Blob { oid byteSize isBinary isTruncated text }"
_ENTRY_FIELDS = "name oid type mode size"


def _entries(depth: int) -> str:
    """`entries` of a tree and, below each subtree, its own entries, `depth` levels down."""
    if depth <= 1:
        return f"entries {{ {_ENTRY_FIELDS} }}"
    return f"entries {{ {_ENTRY_FIELDS} object {{ ... on Tree {{ {_entries(depth - 1)} }} }} }}"


_TREE_FIELDS = f"... on Commit {{ tree {{ oid {_entries(TREE_DEPTH)} }} }}"


@dataclass(frozen=True, slots=True)
class RepoMeta:
    """What a scan must know of a repository before reading its tree (a REST or GraphQL answer)."""

    owner: str
    name: str
    default_branch: str
    head_sha: str | None  # None: no default branch yet (an empty repository)
    archived: bool
    fork: bool
    private: bool
    empty: bool
    html_url: str
    database_id: int | None = None
    visibility: str = "public"
    # the pull requests from the repository's own `head_branch` (None: not asked, or too many to list)
    pull_requests: tuple[PullRequestSummary, ...] | None = None


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _all_not_found(errors: Iterable[GraphQLError]) -> bool:
    """Whether every error is an alias GitHub could not resolve (the rest of the data stands)."""
    return all(error.type == "NOT_FOUND" and error.path for error in errors)


def _pull_requests(data: dict[str, Any]) -> tuple[PullRequestSummary, ...] | None:
    """The listing as `RepoReader.pull_requests` gives it (newest first, this repository's branch)."""
    listing = data.get("pullRequests")
    if not isinstance(listing, dict) or int(listing.get("totalCount") or 0) > len(listing.get("nodes") or []):
        return None
    prs = [
        PullRequestSummary(
            number=int(pr["number"]),
            state="open" if pr["state"] == "OPEN" else "closed",
            title=str(pr["title"]),
            body=pr.get("body") or None,
            html_url=str(pr["url"]),
            merged_at=datetime.fromisoformat(pr["mergedAt"].replace("Z", "+00:00")).isoformat()
            if pr.get("mergedAt")
            else None,
            head_ref=str(pr["headRefName"]),
        )
        for pr in listing.get("nodes") or []
        if isinstance(pr, dict) and not pr.get("isCrossRepository")
    ]
    return tuple(sorted(prs, key=lambda p: p["number"], reverse=True))


def _meta(data: dict[str, Any]) -> RepoMeta:
    ref = data.get("defaultBranchRef") or None
    target = (ref or {}).get("target") or {}
    return RepoMeta(
        owner=str(data["owner"]["login"]),
        name=str(data["name"]),
        default_branch=str(ref["name"]) if ref else "main",
        head_sha=str(target["oid"]) if target.get("oid") else None,
        archived=bool(data.get("isArchived")),
        fork=bool(data.get("isFork")),
        private=bool(data.get("isPrivate")),
        empty=bool(data.get("isEmpty")) or ref is None,
        html_url=str(data.get("url") or ""),
        database_id=int(data["databaseId"]) if data.get("databaseId") is not None else None,
        visibility=str(data.get("visibility") or "PUBLIC").lower(),
        pull_requests=_pull_requests(data),
    )


class BatchReader:
    """GraphQL reads across the repositories one installation can see."""

    def __init__(self, gh: GitHub[Any], counter: CallCounter | None = None) -> None:
        self.gh = gh
        self.counter = counter or CallCounter()

    async def _query(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        """The query's data; aliases GitHub could not resolve come back as None."""
        self.counter.graphql += 1
        try:
            return dict(await self.gh.async_graphql(document, variables))
        except GraphQLFailed as exc:
            errors = exc.response.errors or []
            if exc.response.data is None or not errors or not _all_not_found(errors):
                raise translate(exc) from exc
            return dict(exc.response.data)
        except GitHubException as exc:
            raise translate(exc) from exc

    async def repositories(
        self, names: Sequence[tuple[str, str]], *, head_branch: str | None = None
    ) -> dict[tuple[str, str], RepoMeta | None]:
        """Each (owner, name)'s metadata and head, None when GitHub does not resolve it; with
        `head_branch`, also the pull requests from that branch of the repository itself."""
        out: dict[tuple[str, str], RepoMeta | None] = {}
        fields = _REPO_FIELDS + (_PULLS_FIELDS if head_branch is not None else "")
        for chunk in _chunks(names, REPOS_PER_QUERY):
            params = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(len(chunk)))
            params += ", $head: String!" if head_branch is not None else ""
            body = "\n".join(
                f"r{i}: repository(owner: $o{i}, name: $n{i}) {{ {fields} }}" for i in range(len(chunk))
            )
            variables: dict[str, Any] = {"head": head_branch} if head_branch is not None else {}
            for i, (owner, name) in enumerate(chunk):
                variables |= {f"o{i}": owner, f"n{i}": name}
            data = await self._query(f"query Repositories({params}) {{\n{body}\n}}", variables)
            for i, key in enumerate(chunk):
                found = data.get(f"r{i}")
                out[key] = _meta(found) if isinstance(found, dict) else None
        return out

    async def trees(self, commits: Sequence[tuple[str, str, str]]) -> dict[tuple[str, str], Tree]:
        """The files of each (owner, name, commit)'s tree, listed `TREE_DEPTH` levels deep, as a
        recursive REST tree read lists them (blobs only). A repository whose tree goes deeper, or
        that GitHub does not resolve, is missing from the answer: the caller reads it over REST."""
        out: dict[tuple[str, str], Tree] = {}
        for chunk in _chunks(commits, TREES_PER_QUERY):
            params = ", ".join(
                f"$o{i}: String!, $n{i}: String!, $c{i}: GitObjectID!" for i in range(len(chunk))
            )
            body = "\n".join(
                f"r{i}: repository(owner: $o{i}, name: $n{i}) "
                f"{{ c: object(oid: $c{i}) {{ {_TREE_FIELDS} }} }}"
                for i in range(len(chunk))
            )
            variables: dict[str, Any] = {}
            for i, (owner, name, commit) in enumerate(chunk):
                variables |= {f"o{i}": owner, f"n{i}": name, f"c{i}": commit}
            data = await self._query(f"query Trees({params}) {{\n{body}\n}}", variables)
            for i, (owner, name, _) in enumerate(chunk):
                tree = ((data.get(f"r{i}") or {}).get("c") or {}).get("tree")
                listed = _flatten(tree, "", TREE_DEPTH)
                if isinstance(tree, dict) and listed is not None:
                    out[(owner, name)] = Tree(str(tree["oid"]), tuple(listed), truncated=False)
        return out

    async def blobs(self, wanted: Sequence[tuple[str, str, str]]) -> dict[str, bytes]:
        """The bytes of each (owner, name, oid) blob whose text GitHub gave whole, by oid (see the
        module's docstring); several repositories' blobs share a query."""
        out: dict[str, bytes] = {}
        unique = list(dict.fromkeys((o, n, b) for o, n, b in wanted))
        for chunk in _chunks(unique, BLOBS_PER_QUERY):
            by_repo: dict[tuple[str, str], list[tuple[int, str]]] = {}
            for i, (owner, name, oid) in enumerate(chunk):
                by_repo.setdefault((owner, name), []).append((i, oid))
            params: list[str] = []
            parts: list[str] = []
            variables: dict[str, Any] = {}
            for r, ((owner, name), objects) in enumerate(by_repo.items()):
                params += [f"$o{r}: String!", f"$n{r}: String!"]
                variables |= {f"o{r}": owner, f"n{r}": name}
                fields = " ".join(f"b{i}: object(oid: $b{i}) {{ {_BLOB_FIELDS} }}" for i, _ in objects)
                parts.append(f"r{r}: repository(owner: $o{r}, name: $n{r}) {{ {fields} }}")
                for i, oid in objects:
                    params.append(f"$b{i}: GitObjectID!")
                    variables[f"b{i}"] = oid
            document = f"query Blobs({', '.join(params)}) {{\n" + "\n".join(parts) + "\n}"
            data = await self._query(document, variables)
            for r, objects in enumerate(by_repo.values()):
                repo = data.get(f"r{r}") or {}
                for i, oid in objects:
                    content = _whole_text(repo.get(f"b{i}"), oid)
                    if content is not None:
                        out[oid] = content
        return out


def _flatten(tree: object, prefix: str, depth: int) -> list[TreeEntry] | None:
    """Every blob under a listed tree, paths from the root; None when a subtree lies deeper than the
    query listed."""
    if not isinstance(tree, dict) or not isinstance(tree.get("entries"), list):
        return None
    out: list[TreeEntry] = []
    for entry in tree["entries"]:
        path = prefix + str(entry["name"])
        if entry["type"] == "tree":
            below = _flatten(entry.get("object"), path + "/", depth - 1) if depth > 1 else None
            if below is None:
                return None
            out += below
        elif entry["type"] == "blob":  # a submodule (`commit`) is no file, as in a REST listing
            mode = f"{int(entry['mode']):o}"
            out.append(TreeEntry(path, str(entry["oid"]), int(entry.get("size") or 0) or None, mode, "blob"))
    return out


def _whole_text(blob: object, oid: str) -> bytes | None:
    if not isinstance(blob, dict) or blob.get("isBinary") or blob.get("isTruncated"):
        return None
    text = blob.get("text")
    if not isinstance(text, str):
        return None
    data = text.encode("utf-8")
    return data if git_blob_id(data) == oid else None
