"""A small Cargo version-requirement evaluator (test oracle for RustSec TOML <-> OSV agreement).

Release versions only: `>=`, `>`, `<`, `<=`, `=`, `^` (also bare), `~`, `*`, partial versions,
comma-separated AND, as The Cargo Book "Specifying Dependencies" defines them.
"""

from __future__ import annotations

import re

_REQ = re.compile(r"\s*(>=|<=|>|<|=|\^|~)?\s*(\d+|\*)(?:\.(\d+|\*))?(?:\.(\d+|\*))?\s*")

Version = tuple[int, int, int]


def _bounds(op: str, major: int, minor: int | None, patch: int | None) -> tuple[Version, Version | None]:
    """[low, high) for one comparator; high None means unbounded."""
    low = (major, minor or 0, patch or 0)
    if minor is None:
        next_up: Version = (major + 1, 0, 0)
    elif patch is None:
        next_up = (major, minor + 1, 0)
    else:
        next_up = (major, minor, patch + 1)
    if op == "^":
        if major > 0 or minor is None:
            return low, (major + 1, 0, 0)
        if minor > 0 or patch is None:
            return low, (0, minor + 1, 0)
        return low, (0, 0, patch + 1)
    if op == "~":
        return low, ((major + 1, 0, 0) if minor is None else (major, minor + 1, 0))
    if op == "=":
        return low, next_up
    if op == ">=":
        return low, None
    if op == ">":
        return next_up, None
    if op == "<":
        return (0, 0, 0), low
    if op == "<=":
        return (0, 0, 0), next_up
    raise ValueError(op)


def matches(requirement: str, version: Version) -> bool:
    for part in requirement.split(","):
        m = _REQ.fullmatch(part)
        if m is None:
            raise ValueError(f"unsupported Cargo requirement {requirement!r}")
        op, major, minor, patch = m.groups()
        if major == "*":
            continue
        low, high = _bounds(
            op or "^",
            int(major),
            None if minor in (None, "*") else int(minor),
            None if patch in (None, "*") else int(patch),
        )
        if version < low or (high is not None and version >= high):
            return False
    return True
