"""Decide what the SECURITY.md + badge pull request should do. Pure: no I/O, no clock.

Inputs: the repository snapshot (facts and files), this scan's check results, the repository
configuration and the app's stored pull-request state. Output: one of `NoAction`, `OpenOrUpdatePR`
(only the files that are missing) or `ClosePR` (our PR is open but the gap was fixed another way).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.actions.badge_insert import badge_target, insert_badge
from app.actions.security_md import PolicyFacts, PolicyNotRenderable, render_security_md
from checks._policy_files import decode_text, find_policy, find_readme
from checks.config import RepoConfig
from checks.model import CheckResult, Snapshot, Status

BRANCH = "repo-hygiene/security-policy"  # the app's one pull-request branch; webhooks know our PRs by it
POLICY_PATH = "SECURITY.md"
CLOSE_COMMENT = (
    "Closing: this repository now has {what} without this pull request, so it is no longer needed. "
    "Thank you! (repo-hygiene will not reopen it.)"
)


@dataclass(frozen=True, slots=True)
class StoredPR:
    state: str  # open | merged | declined | closed_by_app
    number: int | None = None


@dataclass(frozen=True, slots=True)
class NoAction:
    reason: str


@dataclass(frozen=True, slots=True)
class OpenOrUpdatePR:
    files: Mapping[str, str] = field(default_factory=dict)  # path -> full new content
    adds_policy: bool = False
    adds_badge_to: str | None = None  # README path


@dataclass(frozen=True, slots=True)
class ClosePR:
    number: int
    comment: str


Plan = NoAction | OpenOrUpdatePR | ClosePR


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
    if stored is not None and stored.state == "declined":
        return NoAction(f"a maintainer closed #{stored.number} without merging; not asking again")

    files: dict[str, str] = {}
    policy_needed = _policy_missing(results) and config.pull_requests.security_md
    if policy_needed:
        try:
            files[POLICY_PATH] = render_security_md(PolicyFacts.from_repo(facts, config.security_policy))
        except PolicyNotRenderable as exc:
            return NoAction(f"cannot write SECURITY.md: {exc}")
    has_policy = policy_needed or not _policy_missing(results)
    readme_change = (
        _badge_change(snapshot, results, config, has_policy, policy_needed) if has_policy else None
    )
    if readme_change is not None:
        files[readme_change[0]] = readme_change[1]

    if not files:
        if stored is not None and stored.state == "open" and stored.number is not None:
            return ClosePR(stored.number, CLOSE_COMMENT.format(what=_what_is_there(results)))
        return NoAction("compliant" if _compliant(results) else "nothing this app can add")
    if stored is not None and stored.state == "merged":
        return NoAction(f"#{stored.number} was merged before and the gap came back; not reopening")
    return OpenOrUpdatePR(files, policy_needed, readme_change[0] if readme_change else None)


def _policy_missing(results: Mapping[str, CheckResult]) -> bool:
    result = results.get("security-policy")
    return result is not None and result.data.get("present") is False


def _compliant(results: Mapping[str, CheckResult]) -> bool:
    return all(r.status in (Status.PASS, Status.NOT_APPLICABLE) for r in results.values())


def _what_is_there(results: Mapping[str, CheckResult]) -> str:
    policy = results.get("security-policy")
    if policy is not None and policy.data.get("org_level"):
        return "the organisation's default security policy"
    if policy is not None and policy.data.get("present"):
        return f"a security policy ({policy.data.get('path')})"
    return "what this pull request was adding"


def _badge_change(
    snapshot: Snapshot, results: Mapping[str, CheckResult], config: RepoConfig, has_policy: bool, adding: bool
) -> tuple[str, str] | None:
    badge = results.get("security-badge")
    if badge is None or badge.status is not Status.FAIL or not config.pull_requests.badge or not has_policy:
        return None
    if badge.data.get("badges") or badge.data.get("links_policy") or not badge.data.get("readable"):
        return None  # a badge (even a broken one) or a link is already there: never add a duplicate
    readme = find_readme(snapshot)
    if readme is None or readme.content is None:
        return None
    text, _ = decode_text(readme.content)
    if text is None:
        return None
    policy = find_policy(snapshot)
    policy_path = POLICY_PATH if adding else (None if policy is None or policy.org_level else policy.path)
    policy_url = f"https://github.com/{snapshot.repo.full_name}/security/policy"
    new_text = insert_badge(text, readme.path, badge_target(readme.path, policy_path, policy_url))
    if new_text is None:
        return None
    bom = "\ufeff" if readme.content.startswith(b"\xef\xbb\xbf") else ""
    return readme.path, bom + new_text
