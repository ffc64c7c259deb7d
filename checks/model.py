"""Types shared by the checks and the app: a repository snapshot in, a check result out.

Nothing here does I/O. `app/` builds a `Snapshot` from GitHub (or a local directory) and hands it,
with a `CheckContext` of plain data, to the pure `run()` of every check module.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Need:
    """A file pattern a check wants read. Matched case-insensitively against tree paths.

    `org_fallback` asks for the same pattern in the owner's `.github` repository too.
    """

    pattern: str
    org_fallback: bool = False
    max_bytes: int = 1_000_000

    def matches(self, path: str) -> bool:
        return fnmatch.fnmatchcase(path.lower(), self.pattern.lower())


@dataclass(frozen=True, slots=True)
class RepoFacts:
    owner: str
    name: str
    default_branch: str = "main"
    head_sha: str | None = None
    archived: bool = False
    fork: bool = False
    private: bool = False
    empty: bool = False
    html_url: str = ""
    private_vulnerability_reporting: bool | None = None

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


@dataclass(frozen=True)
class Snapshot:
    """What the checks may see of one repository at one commit.

    `paths` is every blob path of the tree; `files` holds only the blobs the checks asked for
    (bytes, undecoded); `org_files` holds files read from the owner's `.github` repository.
    `skipped` maps a path to why its content was not fetched (too large, binary, ...).
    """

    repo: RepoFacts
    paths: tuple[str, ...] = ()
    files: Mapping[str, bytes] = field(default_factory=dict)
    org_files: Mapping[str, bytes] = field(default_factory=dict)
    skipped: Mapping[str, str] = field(default_factory=dict)
    blob_shas: Mapping[str, str] = field(default_factory=dict)  # path -> git blob sha (for caching)
    tree_truncated: bool = False

    def find(self, *patterns: str) -> list[str]:
        """Paths (in tree order) matching any of the case-insensitive glob patterns."""
        lowered = [p.lower() for p in patterns]
        return [p for p in self.paths if any(fnmatch.fnmatchcase(p.lower(), pat) for pat in lowered)]


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int | None = None
    end_line: int | None = None
    org_level: bool = False


@dataclass(frozen=True, slots=True)
class Fix:
    """Proposed contents for one file that would resolve a finding: data only, never applied here.

    `title` is a short imperative line (PR title, commit headline); `description` is Markdown for the
    pull request body, made of sanitised facts. `requires` names paths that must exist in the
    repository, or be written by another fix applied with this one (a badge linking a policy that a
    fix adds). `opt_in` fixes are applied only when the repository configuration enables them.
    """

    path: str
    content: str
    create: bool
    title: str
    description: str
    requires: tuple[str, ...] = ()
    opt_in: bool = False


@dataclass(frozen=True, slots=True)
class FixUnavailable:
    """A fix the finding calls for but that cannot be written honestly (`reason` says why)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation of a check. `data` must stay JSON-serialisable; `fix` is proposed contents."""

    check_id: str
    status: Status
    message: str
    location: Location | None = None
    remediation: str | None = None
    code: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    fix: Fix | FixUnavailable | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    check_id: str
    status: Status
    summary: str
    findings: tuple[Finding, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Dependency:
    """One resolved (or unpinned) dependency read from a manifest or lockfile."""

    ecosystem: str  # OSV ecosystem name: npm, PyPI, Go, crates.io, RubyGems, Packagist
    name: str
    version: str | None  # None when the manifest pins nothing (reported, never guessed)
    file: str
    line: int | None = None
    direct: bool | None = None  # None when the format cannot tell
    dev: bool = False


@dataclass(frozen=True, slots=True)
class AdvisoryFinding:
    """A dependency that matches a known advisory (aliases merged into one finding)."""

    advisory_id: str
    aliases: tuple[str, ...]
    summary: str
    severity: str  # critical | high | moderate | low | unknown
    cvss_score: float | None
    ecosystem: str
    package: str
    version: str
    fixed_versions: tuple[str, ...]  # empty: no fix
    file: str
    line: int | None
    direct: bool | None
    url: str = ""


class AdvisoryMatcher(Protocol):
    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]: ...


@dataclass(frozen=True)
class CheckContext:
    """Plain data handed to every check. `config` is the parsed `.github/repo-hygiene.yml`;
    `templates` maps a file name of the app's `templates/` folder to its text (for fixes)."""

    config: Any = None
    advisories: AdvisoryMatcher | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    templates: Mapping[str, str] = field(default_factory=dict)


@runtime_checkable
class Check(Protocol):
    """A check module: `ID`, `TITLE`, `NEEDS` and a pure `run`."""

    ID: str
    TITLE: str
    NEEDS: tuple[Need, ...]

    def run(self, snapshot: Snapshot, ctx: CheckContext) -> CheckResult: ...
