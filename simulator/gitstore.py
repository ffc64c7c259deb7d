"""A content-addressed git object store with real SHA-1 object ids (blob, tree, commit)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

FILE_MODE = "100644"
EXEC_MODE = "100755"
TREE_MODE = "040000"


@dataclass(frozen=True)
class TreeEntry:
    name: str
    mode: str
    type: str  # "blob" | "tree" | "commit"
    sha: str


@dataclass(frozen=True)
class Commit:
    sha: str
    tree: str
    parents: tuple[str, ...]
    message: str
    author_name: str
    author_email: str
    date: str  # YYYY-MM-DDTHH:MM:SSZ


def _object_id(kind: str, body: bytes) -> str:
    return hashlib.sha1(f"{kind} {len(body)}\0".encode() + body, usedforsecurity=False).hexdigest()


def blob_sha(data: bytes) -> str:
    return _object_id("blob", data)


@dataclass
class ObjectStore:
    blobs: dict[str, bytes] = field(default_factory=dict)
    trees: dict[str, tuple[TreeEntry, ...]] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)

    def put_blob(self, data: bytes) -> str:
        sha = blob_sha(data)
        self.blobs[sha] = data
        return sha

    def put_tree(self, entries: list[TreeEntry]) -> str:
        # git sorts tree entries by name, with directories compared as if they ended in "/"
        ordered = tuple(sorted(entries, key=lambda e: e.name + ("/" if e.type == "tree" else "")))
        body = b"".join(
            f"{e.mode.lstrip('0')} {e.name}".encode() + b"\0" + bytes.fromhex(e.sha) for e in ordered
        )
        sha = _object_id("tree", body)
        self.trees[sha] = ordered
        return sha

    def put_commit(
        self, tree: str, parents: list[str], message: str, *, name: str, email: str, date: str, epoch: int
    ) -> str:
        lines = [f"tree {tree}", *(f"parent {p}" for p in parents)]
        ident = f"{name} <{email}> {epoch} +0000"
        lines += [f"author {ident}", f"committer {ident}", "", message]
        sha = _object_id("commit", "\n".join(lines).encode())
        self.commits[sha] = Commit(sha, tree, tuple(parents), message, name, email, date)
        return sha

    def kind_of(self, sha: str) -> str | None:
        if sha in self.blobs:
            return "blob"
        if sha in self.trees:
            return "tree"
        if sha in self.commits:
            return "commit"
        return None

    def tree_from_files(self, files: dict[str, tuple[str, str]]) -> str:
        """Build nested trees from {path: (mode, blob_sha)} and return the root tree sha."""
        children: dict[str, dict[str, tuple[str, str]]] = {}
        entries: list[TreeEntry] = []
        for path, (mode, sha) in files.items():
            head, _, rest = path.partition("/")
            if rest:
                children.setdefault(head, {})[rest] = (mode, sha)
            else:
                entries.append(TreeEntry(head, mode, "blob", sha))
        for name, sub in children.items():
            entries.append(TreeEntry(name, TREE_MODE, "tree", self.tree_from_files(sub)))
        return self.put_tree(entries)

    def walk(self, tree_sha: str, prefix: str = "") -> list[tuple[str, TreeEntry]]:
        """Every entry below a tree, depth first, with its full path (trees included)."""
        out: list[tuple[str, TreeEntry]] = []
        for entry in self.trees[tree_sha]:
            path = prefix + entry.name
            out.append((path, entry))
            if entry.type == "tree":
                out.extend(self.walk(entry.sha, path + "/"))
        return out

    def files(self, tree_sha: str) -> dict[str, tuple[str, str]]:
        return {p: (e.mode, e.sha) for p, e in self.walk(tree_sha) if e.type == "blob"}

    def lookup(self, tree_sha: str, path: str) -> TreeEntry | None:
        """The entry at `path` below a tree ("" = the root itself, as a tree entry)."""
        if path in ("", "/"):
            return TreeEntry("", TREE_MODE, "tree", tree_sha)
        current = tree_sha
        parts = path.strip("/").split("/")
        for i, part in enumerate(parts):
            entry = next((e for e in self.trees.get(current, ()) if e.name == part), None)
            if entry is None:
                return None
            if i == len(parts) - 1:
                return entry
            if entry.type != "tree":
                return None
            current = entry.sha
        return None

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        seen: set[str] = set()
        stack = [descendant]
        while stack:
            sha = stack.pop()
            if sha == ancestor:
                return True
            if sha in seen or sha not in self.commits:
                continue
            seen.add(sha)
            stack.extend(self.commits[sha].parents)
        return False

    def ancestors(self, sha: str) -> set[str]:
        seen: set[str] = set()
        stack = [sha]
        while stack:
            current = stack.pop()
            if current in seen or current not in self.commits:
                continue
            seen.add(current)
            stack.extend(self.commits[current].parents)
        return seen

    def merge_base(self, a: str, b: str) -> str | None:
        """The nearest common ancestor of two commits (breadth first from b)."""
        of_a = self.ancestors(a)
        queue, seen = [b], set()
        while queue:
            current = queue.pop(0)
            if current in of_a:
                return current
            if current in seen or current not in self.commits:
                continue
            seen.add(current)
            queue.extend(self.commits[current].parents)
        return None
