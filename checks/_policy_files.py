"""Where a security policy and a README may live, and how to pick the one GitHub would show.

Not a check (leading underscore): shared by the security-policy and security-badge checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from checks.model import Need, Snapshot

_POLICY_EXTENSIONS = ("md", "markdown", "rst", "adoc")
# GitHub's precedence for community health files: .github/, then the root, then docs/.
_POLICY_DIRS = (".github/", "", "docs/")
POLICY_PATHS: tuple[str, ...] = (
    *(f"{d}security.{ext}" for d in _POLICY_DIRS for ext in _POLICY_EXTENSIONS),
    "doc/security.rst",  # Scorecard also accepts this one
)
# Where the security-policy check's fix writes a policy (and what a badge fix may link to meanwhile).
POLICY_FIX_PATH = "SECURITY.md"
POLICY_NEEDS: tuple[Need, ...] = tuple(Need(p, org_fallback=True, max_bytes=256_000) for p in POLICY_PATHS)

# GitHub renders AsciiDoc READMEs under all three of its extensions ("README.asciidoc", kovidgoyal/kitty).
_README_EXTENSIONS = ("", ".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".asc", ".txt")
README_PATHS: tuple[str, ...] = tuple(f"{d}readme{ext}" for d in _POLICY_DIRS for ext in _README_EXTENSIONS)
README_NEEDS: tuple[Need, ...] = tuple(Need(p, max_bytes=512_000) for p in README_PATHS)


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: str  # as spelled in the repository
    content: bytes | None  # None when the snapshot did not fetch it (see `skipped_reason`)
    org_level: bool = False
    skipped_reason: str | None = None
    others: tuple[str, ...] = ()  # further candidates that lost on precedence


def _first(
    candidates: tuple[str, ...], paths: Iterable[str], files: Mapping[str, bytes], skipped: Mapping[str, str]
) -> FoundFile | None:
    by_lower: dict[str, str] = {}
    for path in paths:
        by_lower.setdefault(path.lower(), path)
    hits = [by_lower[c] for c in candidates if c in by_lower]
    if not hits:
        return None
    path = hits[0]
    reason = None if path in files else skipped.get(path, "content was not fetched")
    return FoundFile(path, files.get(path), skipped_reason=reason, others=tuple(hits[1:]))


def find_policy(snapshot: Snapshot) -> FoundFile | None:
    """The policy GitHub would show: the repository's own, else the owner's `.github` default."""
    own = _first(POLICY_PATHS, snapshot.paths, snapshot.files, snapshot.skipped)
    if own is not None:
        return own
    org = _first(POLICY_PATHS, snapshot.org_files.keys(), snapshot.org_files, {})
    if org is None:
        return None
    return FoundFile(org.path, org.content, org_level=True, others=org.others)


def find_readme(snapshot: Snapshot) -> FoundFile | None:
    """The README GitHub renders on the repository page (same precedence: .github/, root, docs/)."""
    return _first(README_PATHS, snapshot.paths, snapshot.files, snapshot.skipped)


def decode_text(content: bytes) -> tuple[str | None, str | None]:
    """(text, None) for readable UTF-8 text, or (None, why not) for binary or undecodable bytes."""
    if b"\x00" in content[:8192]:
        return None, "looks binary (contains NUL bytes)"
    try:
        return content.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, f"is not valid UTF-8 (invalid byte at offset {exc.start})"


def decode_lenient(content: bytes) -> tuple[str | None, str | None]:
    """Like `decode_text`, but a few bad bytes in otherwise UTF-8 text are replaced, not fatal: a README
    with one Latin-1 "é" is still a README. (None, why) only for binary content."""
    text, why = decode_text(content)
    if text is not None or b"\x00" in content[:8192]:
        return text, why
    decoded = content.decode("utf-8-sig", errors="replace")
    if decoded.count("\ufffd") > max(8, len(decoded) // 100):
        return None, why  # mostly not UTF-8: another encoding, reported rather than guessed
    return decoded, None
