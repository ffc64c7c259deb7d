"""Per-repository configuration: `.github/repo-hygiene.yml`, with organisation defaults read from the
same path in the owner's `.github` repository. The repository file overrides the org file key by key.

Parsing never raises: bad YAML, wrong types and unknown keys become error strings, and the defaults
stay in force for the keys that were bad (the rest of the file still applies). Should reading a file
fail in any other way, that whole file is reported and ignored, and the defaults apply. The schema is
documented in docs/configuration.md.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checks._config_schema import validate_document
from checks._yaml_safe import MAX_BYTES, load_mapping
from checks.model import Need, Severity, Snapshot

CONFIG_PATH = ".github/repo-hygiene.yml"
ORG_CONFIG_PATH = ".github/repo-hygiene.yml"  # inside the owner's `.github` repository
SEVERITY_ORDER = tuple(s.value for s in Severity)  # every severity a finding can have, most severe first
SEVERITIES = SEVERITY_ORDER[:-1]  # the thresholds (every level but unknown)
# What a snapshot must fetch for `config_from_snapshot` (the repo file and the org's default).
CONFIG_NEEDS = (Need(CONFIG_PATH, org_fallback=True, max_bytes=MAX_BYTES),)


@dataclass(frozen=True, slots=True)
class PullRequestConfig:
    enabled: bool = True
    security_md: bool = True
    badge: bool = True
    on_forks: bool = False


@dataclass(frozen=True, slots=True)
class SecurityPolicyConfig:
    contact_email: str | None = None
    response_days: int = 3
    disclosure_days: int = 90
    # None: use what GitHub reports for the repository (or "unknown")
    private_vulnerability_reporting: bool | None = None


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    id: str
    until: date | None = None
    reason: str = ""

    def active(self, today: date) -> bool:
        return self.until is None or today <= self.until

    def matches(self, advisory_ids: tuple[str, ...] | list[str]) -> bool:
        wanted = self.id.strip().upper()
        return any(wanted == i.upper() for i in advisory_ids)


def severity_rank(severity: str) -> int:
    """Higher is more severe; anything not on the scale ranks with `unknown`, lowest."""
    return Severity.parse(severity).rank


def reaches(severity: str, fail_on: str) -> bool:
    """True when `severity` is at or above the threshold `fail_on` (unknown never reaches one; see
    `DependencyConfig.fails` for the verdict, which also weighs `unknown_severity`)."""
    return Severity.parse(severity).reaches(Severity.parse(fail_on))


# `fail_on` values that fail nothing: the command line's `--fail-on none` (list, never fail).
NO_THRESHOLD = "none"


@dataclass(frozen=True, slots=True)
class DependencyConfig:
    # Like npm audit's audit level and dependency-review-action's fail-on-severity: any known advisory
    # fails by default, and so does one whose severity nobody rated (`unknown_severity: fail`).
    fail_on: str = "low"  # critical | high | moderate | low (| none, from `check --fail-on none` only)
    unknown_severity: str = "fail"  # fail | ignore
    mode: str = "new"  # new | all
    ignore: tuple[IgnoreRule, ...] = ()
    skip_paths: tuple[str, ...] = ()
    include_fixtures: bool = False
    # a dependency file the change added or changed that cannot be read: fail | neutral
    unreadable: str = "fail"

    def ignored(self, advisory_ids: tuple[str, ...] | list[str], today: date) -> IgnoreRule | None:
        """The active ignore rule matching any of the ids (an advisory id or one of its aliases)."""
        return self.ignore_rules(advisory_ids, today)[0]

    def ignore_rules(
        self, advisory_ids: tuple[str, ...] | list[str], today: date
    ) -> tuple[IgnoreRule | None, tuple[IgnoreRule, ...]]:
        """The first active rule matching any of the ids, and the expired matching rules before it."""
        expired: list[IgnoreRule] = []
        for rule in self.ignore:
            if not rule.matches(advisory_ids):
                continue
            if rule.active(today):
                return rule, tuple(expired)
            expired.append(rule)
        return None, tuple(expired)

    def at_or_above_threshold(self, severity: str) -> bool:
        return reaches(severity, self.fail_on)

    def fails(self, severity: str) -> bool:
        """Whether a finding of this severity fails the check: a rated one at or above `fail_on`, an
        unrated (`unknown`) one unless `unknown_severity` is `ignore`. `fail_on: none` fails nothing."""
        if self.fail_on == NO_THRESHOLD:
            return False
        if Severity.parse(severity) is Severity.UNKNOWN:
            return self.unknown_severity != "ignore"
        return reaches(severity, self.fail_on)


# The older per-fix switches under `pull_requests`, still honoured when `checks.<id>.fix` is not set.
_PULL_REQUEST_FIX_SWITCHES = {"security-policy": "security_md", "security-badge": "badge"}


@dataclass(frozen=True, slots=True)
class RepoConfig:
    checks: Mapping[str, bool] = field(default_factory=dict)  # check id -> enabled (absent: enabled)
    fixes: Mapping[str, bool] = field(default_factory=dict)  # check id -> apply its fix (`checks.<id>.fix`)
    pull_requests: PullRequestConfig = PullRequestConfig()
    security_policy: SecurityPolicyConfig = SecurityPolicyConfig()
    exclude: tuple[str, ...] = ()
    dependencies: DependencyConfig = DependencyConfig()
    dry_run: bool = False  # compute and show everything, write nothing to GitHub

    def check_enabled(self, check_id: str) -> bool:
        return self.checks.get(check_id, True)

    def fix_enabled(self, check_id: str, opt_in: bool = False) -> bool:
        """Whether the pull request may carry this check's fix: `checks.<id>.fix` when set, else the
        older `pull_requests.security_md` / `badge` switch, else on unless the fix is opt-in."""
        if check_id in self.fixes:
            return self.fixes[check_id]
        switch = _PULL_REQUEST_FIX_SWITCHES.get(check_id)
        if switch is not None:
            return bool(getattr(self.pull_requests, switch))
        return not opt_in

    def is_excluded(self, repo_name: str) -> bool:
        """True when the repository's name (or owner/name) matches an `exclude` glob."""
        name = repo_name.lower()
        short = name.rsplit("/", 1)[-1]
        globs = [g.lower() for g in self.exclude]
        return any(fnmatch.fnmatchcase(short, g) or fnmatch.fnmatchcase(name, g) for g in globs)


DEFAULT_CONFIG = RepoConfig()


def parse_config(
    text: bytes | str | None, org_defaults: bytes | str | None = None
) -> tuple[RepoConfig, list[str]]:
    """Parse the repository file over the org defaults. Returns the config and every problem found."""
    errors: list[str] = []
    merged: dict[str, Any] = {}
    for label, source in (("org " + ORG_CONFIG_PATH, org_defaults), (CONFIG_PATH, text)):
        if source is None:
            continue
        try:
            clean, source_errors = _read(source)
            candidate = _merge(merged, clean)
            _build(candidate)
        except Exception as exc:
            errors.append(f"{label}: could not be read ({type(exc).__name__}); ignored, defaults apply")
            continue
        errors.extend(f"{label}: {e}" for e in source_errors)
        merged = candidate
    return _build(merged), errors


def _read(source: bytes | str) -> tuple[dict[str, Any], list[str]]:
    raw, errors = load_mapping(source)
    if raw is None:
        return {}, errors
    clean, schema_errors = validate_document(raw)
    return clean, errors + schema_errors


def config_from_snapshot(snapshot: Snapshot) -> tuple[RepoConfig, list[str]]:
    """`parse_config` over the files a snapshot fetched with `CONFIG_NEEDS`."""
    errors = []
    if CONFIG_PATH in snapshot.skipped:
        errors.append(f"{CONFIG_PATH}: not read ({snapshot.skipped[CONFIG_PATH]}); ignored")
    config, parse_errors = parse_config(
        snapshot.files.get(CONFIG_PATH), snapshot.org_files.get(ORG_CONFIG_PATH)
    )
    return config, errors + parse_errors


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Key-by-key override: nested mappings merge, everything else (lists, scalars) replaces."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _build(doc: dict[str, Any]) -> RepoConfig:
    deps = dict(doc.get("dependencies", {}))
    if "ignore" in deps:
        deps["ignore"] = tuple(IgnoreRule(**rule) for rule in deps["ignore"])
    if "skip_paths" in deps:
        deps["skip_paths"] = tuple(deps["skip_paths"])
    return RepoConfig(
        checks={cid: bool(v["enabled"]) for cid, v in doc.get("checks", {}).items() if "enabled" in v},
        fixes={cid: bool(v["fix"]) for cid, v in doc.get("checks", {}).items() if "fix" in v},
        pull_requests=PullRequestConfig(**doc.get("pull_requests", {})),
        security_policy=SecurityPolicyConfig(**doc.get("security_policy", {})),
        exclude=tuple(doc.get("exclude", ())),
        dependencies=DependencyConfig(**deps),
        dry_run=bool(doc.get("dry_run", False)),
    )
