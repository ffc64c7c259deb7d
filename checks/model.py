"""Types shared by the checks and the app: a repository snapshot in, a check result out.

Nothing here does I/O. `app/` builds a `Snapshot` from GitHub (or a local directory) and hands it,
with a `CheckContext` of plain data, to the pure `run()` of every check module.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from checks.config import RepoConfig


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


class Severity(StrEnum):
    """An advisory's severity on our scale, worst first; `rank` orders them (unknown lowest).

    GHSA's `MODERATE` and CVSS's `MEDIUM` are the same level: `parse` maps both to `moderate`.
    """

    CRITICAL = "critical"
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANKS[self]

    @classmethod
    def parse(cls, value: object) -> Severity:
        """The level a rating word names (any case; `medium` is `moderate`), else `unknown`."""
        if isinstance(value, Severity):
            return value
        if not isinstance(value, str):
            return cls.UNKNOWN
        word = value.strip().lower()
        return cls.MODERATE if word == "medium" else _SEVERITY_WORDS.get(word, cls.UNKNOWN)

    @classmethod
    def from_score(cls, score: float) -> Severity:
        """The level of a CVSS base score (CVSS "None", 0.0, counts as low)."""
        if score >= 9.0:
            return cls.CRITICAL
        if score >= 7.0:
            return cls.HIGH
        if score >= 4.0:
            return cls.MODERATE
        return cls.LOW

    def reaches(self, threshold: Severity) -> bool:
        """At or above `threshold`; `unknown` neither reaches nor is a threshold."""
        return Severity.UNKNOWN not in (self, threshold) and self.rank >= threshold.rank


_SEVERITY_RANKS = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MODERATE: 2,
    Severity.LOW: 1,
    Severity.UNKNOWN: 0,
}
_SEVERITY_WORDS = {s.value: s for s in Severity}


@dataclass(frozen=True, slots=True)
class Need:
    """A file pattern a check wants read. Matched case-insensitively against tree paths.

    `org_fallback` asks for the same pattern in the owner's `.github` repository too. `on_demand` files
    are read only when a parser asks for one (a requirements `-c` constraints file, a go.sum).
    """

    pattern: str
    org_fallback: bool = False
    max_bytes: int = 1_000_000
    on_demand: bool = False

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
    `parsed` holds dependency files whose parse was already known for their blob (then their bytes
    are usually not fetched): the dependency check uses it instead of parsing `files` again.
    """

    repo: RepoFacts
    paths: tuple[str, ...] = ()
    files: Mapping[str, bytes] = field(default_factory=dict)
    org_files: Mapping[str, bytes] = field(default_factory=dict)
    skipped: Mapping[str, str] = field(default_factory=dict)
    blob_shas: Mapping[str, str] = field(default_factory=dict)  # path -> git blob sha (for caching)
    tree_truncated: bool = False
    parsed: Mapping[str, ParsedDependencies] = field(default_factory=dict)

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
    fix adds); `requires_rewrite` names existing paths that another fix applied with this one must
    rewrite (a badge linking a policy that fails its check). `opt_in` fixes are applied only when the
    repository configuration enables them. `problems` are stable keys of what the fix resolves (no line
    numbers: they survive unrelated edits), so a declined fix is known again; `changes` are one line
    each for the pull request body ("line 11: ... replaced by ...").
    """

    path: str
    content: str
    create: bool
    title: str
    description: str
    requires: tuple[str, ...] = ()
    opt_in: bool = False
    requires_rewrite: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()


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
class ParsedDependencies:
    """One dependency file's parse: its format, its dependencies (located at the file), or why not."""

    format: str
    dependencies: tuple[Dependency, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class AdvisoryFinding:
    """A dependency that matches a known advisory (aliases merged into one finding)."""

    advisory_id: str
    aliases: tuple[str, ...]
    summary: str
    severity: Severity
    cvss_score: float | None
    ecosystem: str
    package: str
    version: str
    fixed_versions: tuple[str, ...]  # empty: no fix
    file: str
    line: int | None
    direct: bool | None
    url: str = ""
    # where `severity` came from: "CVSS:3.1 vector", "GHSA database_specific", "alias GHSA-... (...)",
    # "none" (see checks/advisories/severity.py)
    severity_source: str = "none"


class AdvisoryMatcher(Protocol):
    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]: ...


DEFAULT_ADVISORY_MAX_AGE = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class AdvisoryCoverage:
    """What the advisory data a run matches against covers, as plain data the app reads from its
    advisory store: the ecosystems it holds any advisory for (`ecosystems`, among those asked about),
    when a source supplying each last synced successfully (`synced_at`; a local import counts as a
    sync), and how old a sync may be and still count as current (`max_age`). `sources` is the number
    of advisory sources that ever ran successfully (0: none is configured or none has run)."""

    ecosystems: frozenset[str] = frozenset()
    synced_at: Mapping[str, datetime] = field(default_factory=dict)
    max_age: timedelta = DEFAULT_ADVISORY_MAX_AGE
    sources: int = 0


def _default_config() -> RepoConfig:
    from checks.config import DEFAULT_CONFIG  # checks.config builds on this module's types

    return DEFAULT_CONFIG


@dataclass(frozen=True)
class CheckContext:
    """Plain data handed to every check. `config` is the parsed `.github/repo-hygiene.yml`;
    `templates` maps a file name of the app's `templates/` folder to its text (for fixes);
    `advisory_data` says which ecosystems the advisories cover and how fresh they are."""

    config: RepoConfig = field(default_factory=_default_config)
    advisories: AdvisoryMatcher | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    templates: Mapping[str, str] = field(default_factory=dict)
    # None: no judgement on the data's freshness (a caller that supplied its advisories directly)
    advisory_data: AdvisoryCoverage | None = None


@runtime_checkable
class Check(Protocol):
    """A check module: `ID`, `TITLE`, `NEEDS` and a pure `run`."""

    ID: str
    TITLE: str
    NEEDS: tuple[Need, ...]

    def run(self, snapshot: Snapshot, ctx: CheckContext) -> CheckResult: ...


def plural(count: int, one: str, many: str) -> str:
    """`1 advisory`, `2 advisories`, `0 advisories`."""
    return f"{count} {one if count == 1 else many}"
