"""Decide what the app's pull request should do. Pure: no I/O, no clock.

Inputs: the repository snapshot, this scan's check results, the repository configuration and the
app's stored pull-request state. The pull request carries whatever fixes the failing checks propose
(`Finding.fix`), as far as the configuration enables each check's fix (`RepoConfig.fix_enabled`), a
fix's required paths exist or come with another applied fix, and no maintainer declined the same fix
before: a fix is known by its fingerprint (check, path and the problems it resolves), which the pull
request body records, so closing a pull request declines exactly the problems it fixed. Output: one of
`NoAction`,
`OpenOrUpdatePR` (the fixes to commit) or `ClosePR` (our PR is open but no failing check proposes
anything any more: the gaps were closed another way).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

import checks
from checks.config import RepoConfig
from checks.model import CheckResult, Fix, FixUnavailable, Snapshot, Status

BRANCH = "repo-hygiene/security-policy"  # the app's one pull-request branch; webhooks know our PRs by it
POLICY_PATH = "SECURITY.md"
CLOSE_COMMENT = (
    "Closing: the gaps this pull request was filling are closed without it, so it is no longer needed.\n\n"
    "{reasons}\n\nThank you! (repo-hygiene will not reopen it.)"
)
# Hidden in the PR body: which check's fix wrote which file, so a later run knows what the PR manages.
MARKER_PREFIX = "<!-- repo-hygiene-fixes:"
# Hidden in the PR body: the fingerprints of the fixes it carries; a human close declines them.
PROBLEMS_PREFIX = "<!-- repo-hygiene-problems:"
# Replaces the problems marker when the app closes its own PR: nothing was declined.
CLOSED_BY_APP_MARKER = "<!-- repo-hygiene-closed-by-app -->"
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True, slots=True)
class StoredPR:
    state: str  # open | merged | declined | closed_by_app
    number: int | None = None
    fixes: tuple[tuple[str, str], ...] = ()  # (check id, path) the open PR says it carries
    # fingerprint -> number of the PR a maintainer closed unmerged with that fix. With state `declined`
    # and nothing here (a PR from before fingerprints, or its marker edited away) nothing is asked again.
    declined: Mapping[str, int] = field(default_factory=dict)
    # fingerprint -> number of the merged PR that carried it: the same fix is not proposed again
    merged: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NoAction:
    reason: str


@dataclass(frozen=True, slots=True)
class PlannedFix:
    check_id: str
    fix: Fix


@dataclass(frozen=True, slots=True)
class OpenOrUpdatePR:
    fixes: tuple[PlannedFix, ...] = ()

    @property
    def files(self) -> Mapping[str, str]:
        """path -> full new content."""
        return {planned.fix.path: planned.fix.content for planned in self.fixes}


@dataclass(frozen=True, slots=True)
class ClosePR:
    number: int
    comment: str


Plan = NoAction | OpenOrUpdatePR | ClosePR


@dataclass(frozen=True, slots=True)
class _Proposals:
    fixes: list[PlannedFix] = field(default_factory=list)
    unavailable: list[FixUnavailable] = field(default_factory=list)


def plan_security_pr(
    snapshot: Snapshot, results: Mapping[str, CheckResult], config: RepoConfig, stored: StoredPR | None
) -> Plan:
    facts = snapshot.repo
    if facts.archived:
        return NoAction("archived")
    if facts.empty:
        return NoAction("empty repository")
    if config.is_excluded(facts.full_name):
        return NoAction("excluded by configuration")
    if not config.pull_requests.enabled:
        return NoAction("pull requests disabled by configuration")
    if facts.fork and not config.pull_requests.on_forks:
        return NoAction("fork (pull requests on forks are opt-in: pull_requests.on_forks)")
    declined = stored.declined if stored is not None else {}
    merged = stored.merged if stored is not None else {}
    if stored is not None and stored.state == "declined" and not declined:
        return NoAction(f"a maintainer closed #{stored.number} without merging; not asking again")

    proposals = _proposals(results, config)
    wanted = [p for p in proposals.fixes if fix_fingerprint(p) not in declined.keys() | merged.keys()]
    refused = [declined[fix_fingerprint(p)] for p in proposals.fixes if fix_fingerprint(p) in declined]
    again = [merged[fix_fingerprint(p)] for p in proposals.fixes if fix_fingerprint(p) in merged]
    fixes = _with_requirements_met(wanted, set(snapshot.paths))
    if not fixes:
        if proposals.unavailable:  # the gap is still there: never close, say what is missing
            first = proposals.unavailable[0]
            return NoAction(f"cannot write {first.path}: {first.reason}")
        if stored is not None and stored.state == "open" and stored.number is not None:
            return ClosePR(stored.number, CLOSE_COMMENT.format(reasons=_close_reasons(stored, results)))
        if refused:
            return NoAction(f"a maintainer closed #{max(refused)} without merging; not asking again")
        if again:
            return NoAction(f"#{max(again)} was merged before and the gap came back; not reopening")
        return NoAction("compliant" if _compliant(results) else "nothing this app can add")
    if stored is not None and stored.state == "merged" and not merged:
        return NoAction(f"#{stored.number} was merged before and the gap came back; not reopening")
    return OpenOrUpdatePR(tuple(fixes))


def _proposals(results: Mapping[str, CheckResult], config: RepoConfig) -> _Proposals:
    """The enabled fixes of failing checks, in registry order, one per path (the first wins)."""
    out = _Proposals()
    paths: set[str] = set()
    for check_id in [c for c in checks.REGISTRY if c in results]:
        result = results[check_id]
        if result.status is not Status.FAIL:
            continue
        for finding in result.findings:
            fix = finding.fix
            if finding.status is not Status.FAIL or fix is None:
                continue
            opt_in = fix.opt_in if isinstance(fix, Fix) else False
            if not config.fix_enabled(check_id, opt_in):
                continue
            if isinstance(fix, FixUnavailable):
                out.unavailable.append(fix)
            elif fix.path not in paths:
                paths.add(fix.path)
                out.fixes.append(PlannedFix(check_id, fix))
    return out


def _with_requirements_met(fixes: list[PlannedFix], existing: set[str]) -> list[PlannedFix]:
    """Drop fixes whose required paths neither exist nor come with a kept fix, and those whose
    `requires_rewrite` paths no kept fix rewrites. Order: fixes applied by default before opt-in ones,
    and those others may require first (a policy before its badge)."""
    kept = list(fixes)
    while True:
        written = {p.fix.path for p in kept}
        provided = existing | written
        still = [
            p
            for p in kept
            if all(r in provided for r in p.fix.requires)
            and all(r in written for r in p.fix.requires_rewrite)
        ]
        if len(still) == len(kept):
            break
        kept = still
    return sorted(kept, key=lambda p: (p.fix.opt_in, bool(p.fix.requires or p.fix.requires_rewrite)))


def fix_fingerprint(planned: PlannedFix) -> str:
    """What a maintainer says no to by closing the PR: this check's fix of this path for these problems
    (its title when it names none). Contents and line numbers are left out, so an unrelated edit of
    the file does not make the same fix look new."""
    fix = planned.fix
    problems = sorted(fix.problems) or [fix.title]
    key = "\0".join([planned.check_id, fix.path, *problems])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def problems_marker(plan: OpenOrUpdatePR) -> str:
    return f"{PROBLEMS_PREFIX} {' '.join(fix_fingerprint(p) for p in plan.fixes)} -->"


def parse_problems_marker(body: str | None) -> tuple[str, ...]:
    """The fingerprints of `problems_marker` in a PR body; () when absent or edited into nonsense."""
    if not body or PROBLEMS_PREFIX not in body:
        return ()
    inner = body.rsplit(PROBLEMS_PREFIX, 1)[1].split("-->", 1)[0]
    return tuple(f for f in inner.split() if _FINGERPRINT.match(f))


def closed_by_app_body(body: str | None) -> str:
    """The PR body as the app leaves it when closing its own PR: no fingerprints to decline."""
    text = (body or "").split(PROBLEMS_PREFIX, 1)[0].rstrip()
    return f"{text}\n\n{CLOSED_BY_APP_MARKER}\n" if text else f"{CLOSED_BY_APP_MARKER}\n"


def _compliant(results: Mapping[str, CheckResult]) -> bool:
    return all(r.status in (Status.PASS, Status.NOT_APPLICABLE) for r in results.values())


def _close_reasons(stored: StoredPR, results: Mapping[str, CheckResult]) -> str:
    """One line per check whose fix the PR carried: what the check says now."""
    lines = []
    for check_id in dict.fromkeys(cid for cid, _ in stored.fixes):
        module = checks.REGISTRY.get(check_id)
        result = results.get(check_id)
        if module is None or result is None:
            continue
        if result.status is Status.FAIL:
            lines.append(f"- {module.TITLE}: no change proposed any more (see `.github/repo-hygiene.yml`).")
        else:
            lines.append(f"- {module.TITLE}: {result.summary}")
    return "\n".join(lines) or "- The checks it addressed no longer propose a change."


def fixes_marker(plan: OpenOrUpdatePR) -> str:
    pairs = " ".join(f"{p.check_id}={quote(p.fix.path, safe='/')}" for p in plan.fixes)
    return f"{MARKER_PREFIX} {pairs} -->"


def parse_fixes_marker(body: str | None) -> tuple[tuple[str, str], ...]:
    """The (check id, path) pairs of `fixes_marker` in a PR body; () when it is absent or edited away."""
    if not body or MARKER_PREFIX not in body:
        return ()
    inner = body.rsplit(MARKER_PREFIX, 1)[1].split("-->", 1)[0]
    pairs = []
    for item in inner.split():
        check_id, sep, quoted = item.partition("=")
        path = unquote(quoted)
        if sep and check_id and _plain_relative_path(path):
            pairs.append((check_id, path))
    return tuple(pairs)


def _plain_relative_path(path: str) -> bool:
    """The body is editable by people: only a plain repository path may reach a contents URL."""
    parts = path.split("/")
    unsafe = any(c in path for c in "?#\\") or any(ord(c) < 32 for c in path)
    return bool(path) and not unsafe and all(p not in ("", ".", "..") for p in parts)
