"""DiffResult -> the check run's output: title, Markdown summary and text, annotations.

Pure. GitHub limits summary and text to 65,535 characters each and takes 50 annotations per
request; the output is cut with a clear "N more" line instead of ever failing the request.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.checkruns.escape import (
    escape_code_span,
    escape_markdown_cell,
    escape_markdown_text,
    markdown_link,
    plain_text,
)
from app.checkruns.output import MAX_OUTPUT_CHARS, Output, RunFacts
from checks.advisories.diff import Conclusion, DiffResult, FixedAdvisory, TaggedFinding
from checks.config import SEVERITY_ORDER, DependencyConfig
from checks.model import AdvisoryFinding, Severity, plural

MAX_ANNOTATIONS = 500
ANNOTATION_TITLE_MAX = 255
ANNOTATION_MESSAGE_MAX = 4_000  # GitHub allows 64 KB; a longer message helps nobody
SUMMARY_CELL_MAX = 160
LISTED_MAX = 50  # fixed advisories, upgrade plans and unreadable files listed in the summary
LEVEL_BY_SEVERITY = {"critical": "failure", "high": "failure", "moderate": "warning"}
TABLE_HEADER = (
    "| Package | Installed | Advisory | Severity | Fixed in | Change | Dependency | Where |\n"
    "|---|---|---|---|---|---|---|---|"
)


def _counts(findings: Sequence[TaggedFinding]) -> str:
    by_severity: dict[str, int] = {}
    for t in findings:
        by_severity[t.finding.severity] = by_severity.get(t.finding.severity, 0) + 1
    return ", ".join(f"{by_severity[s]} {s}" for s in SEVERITY_ORDER if by_severity.get(s))


def _change(t: TaggedFinding) -> str:
    return "introduced" if t.introduced else "still present"


def render_title(result: DiffResult) -> str:
    parts = []
    unread = result.blocking_unreadable
    if len(unread) == 1:
        parts.append(f"Could not read {plain_text(unread[0].path, ANNOTATION_TITLE_MAX)}")
    elif unread:
        parts.append(f"Could not read {len(unread)} dependency files")
    if result.introduced:
        parts.append(f"{len(result.introduced)} introduced ({_counts(result.introduced)})")
    if result.still_present:
        parts.append(f"{len(result.still_present)} still present ({_counts(result.still_present)})")
    if not result.findings and not unread:
        parts.append("No known advisories")
    if result.fixed:
        parts.append(f"{len(result.fixed)} fixed")
    title = "; ".join(parts)
    if result.ignored:
        title += (
            f" ({len(result.ignored)} ignored)" if not result.findings else f"; {len(result.ignored)} ignored"
        )
    return title[:ANNOTATION_TITLE_MAX]


def _blocking_reasons(blocking: Sequence[TaggedFinding], fail_on: str) -> str:
    """ "2 findings at or above **low** and 1 of unknown severity": why each blocking finding fails."""
    unrated = sum(1 for t in blocking if t.finding.severity is Severity.UNKNOWN)
    parts = []
    if len(blocking) > unrated:
        parts.append(f"{plural(len(blocking) - unrated, 'finding', 'findings')} at or above **{fail_on}**")
    if unrated:
        what = plural(unrated, "finding", "findings") if not parts else str(unrated)
        parts.append(f"{what} of unknown severity, which nobody has rated (`unknown_severity: fail`)")
    return " and ".join(parts)


def _scope_rule(policy: DependencyConfig) -> str:
    """The rule the run applies, in words: which findings count and at what severity."""
    scope = "any finding" if policy.mode == "all" else "a finding introduced by this change"
    unrated = " or of unknown severity" if policy.unknown_severity != "ignore" else ""
    return f"the run fails on {scope} at or above {policy.fail_on}{unrated}"


def _verdict(result: DiffResult) -> list[str]:
    policy = result.policy
    lines: list[str] = []
    if result.blocking:
        lines.append(
            f"**Failing:** {_blocking_reasons(result.blocking, policy.fail_on)} ({_scope_rule(policy)})."
        )
    unread = result.blocking_unreadable
    for item in unread[:LISTED_MAX]:
        lines.append(
            f"**Failing:** could not read {escape_markdown_text(item.path)}: "
            f"{escape_markdown_text(item.reason, 300)}. This change added or changed it, and a file that "
            "cannot be read may hide any dependency (`dependencies.unreadable: fail`)."
        )
    if len(unread) > LISTED_MAX:
        more = plural(len(unread) - LISTED_MAX, "more unreadable file", "more unreadable files")
        lines.append(f"**Failing:** … and {more} this change touched.")
    if lines:
        return lines
    if result.conclusion is Conclusion.NEUTRAL:
        if result.findings and not result.introduced:
            lines.append(
                "**Neutral:** this change introduces no advisories; "
                "the findings below are still present from the base."
            )
        elif result.findings:
            lines.append(
                f"**Neutral:** nothing at or above **{policy.fail_on}** fails this run; "
                "see the findings below."
            )
        if result.unreadable:
            touched = (
                " (`dependencies.unreadable: neutral`)" if any(u.changed for u in result.unreadable) else ""
            )
            lines.append(
                f"**Neutral:** {plural(len(result.unreadable), 'dependency file', 'dependency files')} "
                f"could not be read{touched}; "
                "a file that cannot be read may hide a finding, so this run does not pass."
            )
        return lines
    return ["**Passing:** no known advisories affect the dependencies read."]


def _fixed(f: AdvisoryFinding) -> str:
    return ", ".join(f.fixed_versions) if f.fixed_versions else "no fix"


def _dependency_kind(f: AdvisoryFinding) -> str:
    return {True: "direct", False: "transitive", None: "unknown"}[f.direct]


def _where(f: AdvisoryFinding) -> str:
    return f"{f.file}:{f.line}" if f.line else f.file


def table_row(t: TaggedFinding) -> str:
    f = t.finding
    advisory = markdown_link(f.advisory_id, f.url or f"https://osv.dev/vulnerability/{f.advisory_id}")
    if f.summary:
        advisory += " " + escape_markdown_cell(f.summary, SUMMARY_CELL_MAX)
    cells = (
        escape_markdown_cell(f.package),
        escape_code_span(f.version),
        advisory,
        escape_markdown_cell(f.severity),
        escape_markdown_cell(_fixed(f)),
        _change(t),
        _dependency_kind(f),
        escape_markdown_cell(_where(f)),
    )
    return "| " + " | ".join(cells) + " |"


def text_line(t: TaggedFinding) -> str:
    f = t.finding
    change = _change(t)
    return (
        f"- {escape_markdown_text(f.package)} {escape_markdown_text(f.version)}: "
        f"{escape_markdown_text(f.advisory_id)} ({escape_markdown_text(f.severity)}, {change}), "
        f"fixed in {escape_markdown_text(_fixed(f))}, {escape_markdown_text(_where(f))}"
    )


class _Budgeted:
    """Lines appended while they fit in `limit` characters, keeping room for a closing line."""

    RESERVE = 600  # room for the closing lines added with force() (three at most, ~100 chars each)

    def __init__(self, limit: int = MAX_OUTPUT_CHARS) -> None:
        self.lines: list[str] = []
        self.size = 0
        self.limit = limit - self.RESERVE

    def fits(self, line: str) -> bool:
        return self.size + len(line) + 1 <= self.limit

    def add(self, line: str) -> bool:
        if not self.fits(line):
            return False
        self.lines.append(line)
        self.size += len(line) + 1
        return True

    def force(self, line: str) -> None:  # the closing "N more" line uses the reserve
        self.lines.append(line)
        self.size += len(line) + 1

    def text(self) -> str:
        return "\n".join(self.lines)[:MAX_OUTPUT_CHARS]  # a last guard; the reserve keeps it unused


def _facts_lines(facts: RunFacts, result: DiffResult) -> list[str]:
    against = (
        f"against the base `{facts.base_sha[:12]}`"
        if facts.base_sha and result.base_known
        else "with no base to compare against (every finding counts as introduced)"
    )
    lines = [
        f"Read {plural(facts.dependency_count, 'dependency', 'dependencies')} in "
        f"{plural(len(facts.files), 'file', 'files')} at "
        f"`{facts.head_sha[:12]}` {against}.",
        *facts.notes,
    ]
    for item in result.unreadable[:20]:
        touched = " (added or changed by this change)" if item.changed and result.base_known else ""
        lines.append(
            f"- Could not read {escape_markdown_text(item.path)}: "
            f"{escape_markdown_text(item.reason, 300)}{touched}"
        )
    if len(result.unreadable) > 20:
        lines.append(
            f"- … and {plural(len(result.unreadable) - 20, 'more unreadable file', 'more unreadable files')}"
        )
    return lines


def _upgrade_lines(result: DiffResult) -> list[str]:
    if not result.upgrades:
        return []
    lines = ["", f"### How to fix ({len(result.upgrades)})", ""]
    lines += [f"- {escape_markdown_text(u.message, 300)}" for u in result.upgrades[:LISTED_MAX]]
    if len(result.upgrades) > LISTED_MAX:
        lines.append(f"- … and {plural(len(result.upgrades) - LISTED_MAX, 'more package', 'more packages')}")
    return lines


def fixed_line(item: FixedAdvisory) -> str:
    f = item.finding
    also = f" ({escape_markdown_text(f.advisory_id)})" if f.advisory_id != item.name else ""
    summary = f": {escape_markdown_text(f.summary, 200)}" if f.summary else ""
    return (
        f"- fixes {escape_markdown_text(item.name)}{also} in {escape_markdown_text(f.package)} "
        f"{escape_markdown_text(f.version)} ({escape_markdown_text(f.severity)}){summary}"
    )


def _fixed_lines(result: DiffResult) -> list[str]:
    if not result.fixed:
        return []
    lines = ["", f"### Fixed by this change ({len(result.fixed)})", ""]
    lines += [fixed_line(item) for item in result.fixed[:LISTED_MAX]]
    if len(result.fixed) > LISTED_MAX:
        lines.append(f"- … and {len(result.fixed) - LISTED_MAX} more fixed advisories")
    return lines


def _policy_lines(result: DiffResult) -> list[str]:
    lines: list[str] = []
    if result.ignored:
        lines += ["", f"### Ignored by configuration ({len(result.ignored)})", ""]
        for item in result.ignored[:50]:
            f, rule = item.finding, item.rule
            until = f" until {rule.until.isoformat()}" if rule.until else ""
            lines.append(
                f"- {escape_markdown_text(f.advisory_id)} in {escape_markdown_text(f.package)} "
                f"{escape_markdown_text(f.version)}{until}: "
                f"{escape_markdown_text(rule.reason or 'no reason given', 200)}"
            )
        if len(result.ignored) > 50:
            lines.append(
                f"- … and {plural(len(result.ignored) - 50, 'more ignored finding', 'more ignored findings')}"
            )
    for rule in result.expired_ignores:
        until = rule.until.isoformat() if rule.until else "?"
        lines.append(
            f"- The ignore rule for {escape_markdown_text(rule.id)} expired on {until} and no longer applies."
        )
    return lines


def _gap_verdict(result: DiffResult, gap: str) -> list[str]:
    """The verdict when the advisory data is missing or stale: a failure stays one, nothing passes."""
    why = (
        f"{escape_markdown_text(gap, 500)}. Findings may be missing, so this run cannot pass: the app "
        "syncs its advisory database hourly, and at once when an ecosystem has none "
        "(`repo-hygiene advisories sync` does it by hand)."
    )
    if result.conclusion is Conclusion.FAILURE:
        return [*_verdict(result), "", f"**Also:** {why}"]
    return [f"**Neutral:** {why}"]


def render(result: DiffResult, facts: RunFacts, *, max_annotations: int = MAX_ANNOTATIONS) -> Output:
    annotated = [t for t in result.findings if (t.introduced or t.blocking) and t.finding.file]
    annotations = [annotation(t) for t in annotated]
    omitted = max(len(annotations) - max_annotations, 0)
    summary = _Budgeted()
    verdict = _gap_verdict(result, facts.advisory_gap) if facts.advisory_gap else _verdict(result)
    for line in [*verdict, "", *_facts_lines(facts, result), *_upgrade_lines(result)]:
        summary.add(line)
    shown = 0
    sections = (
        ("Introduced by this change", result.introduced),
        ("Still present (already on the base)", result.still_present),
    )
    stop = False
    for heading, findings in sections:
        if not findings or stop:
            continue
        if not (
            summary.add("")
            and summary.add(f"### {heading} ({len(findings)})")
            and summary.add("")
            and summary.add(TABLE_HEADER)
        ):
            break
        for t in findings:
            if not summary.add(table_row(t)):
                stop = True
                break
            shown += 1
    rest = result.findings[shown:]
    if rest:
        summary.force("")
        summary.force(
            f"**… and {plural(len(rest), 'more finding', 'more findings')} not shown in this table; "
            "they are listed in the details below.**"
        )
    for line in [*_fixed_lines(result), *_policy_lines(result)]:
        if not summary.add(line):
            break
    if omitted:
        more = plural(omitted, "more finding has", "more findings have")
        summary.force(f"\nAnnotations are capped at {max_annotations}; {more} none.")
    conclusion = result.conclusion
    title = render_title(result)
    if facts.advisory_gap and conclusion is not Conclusion.FAILURE:
        conclusion = Conclusion.NEUTRAL
        gap = facts.advisory_gap[:1].upper() + facts.advisory_gap[1:]
        title = plain_text(f"{gap}; {title}" if result.findings else gap, ANNOTATION_TITLE_MAX)
    return Output(
        conclusion=conclusion,
        title=title,
        summary=summary.text(),
        text=_render_rest(rest),
        annotations=tuple(annotations[:max_annotations]),
        annotations_omitted=omitted,
    )


def _render_rest(rest: Sequence[TaggedFinding]) -> str:
    if not rest:
        return ""
    text = _Budgeted()
    text.add(f"### Findings not shown in the summary ({len(rest)})")
    text.add("")
    for index, t in enumerate(rest):
        if not text.add(text_line(t)):
            text.force(f"- **… and {plural(len(rest) - index, 'more finding', 'more findings')}**")
            break
    return text.text()


def annotation(t: TaggedFinding) -> dict[str, Any]:
    f = t.finding
    line = f.line if f.line and f.line > 0 else 1
    fixed = f"Fixed in {', '.join(f.fixed_versions)}." if f.fixed_versions else "No fixed version is known."
    message = f"{f.package} {f.version} is affected by {f.advisory_id}: {f.summary or 'no summary'}. {fixed}"
    if t.upgrade:
        message += f" To fix: {t.upgrade}."
    return {
        "path": plain_text(f.file),
        "start_line": line,
        "end_line": line,
        "annotation_level": LEVEL_BY_SEVERITY.get(f.severity, "notice"),
        "title": plain_text(f"{f.advisory_id} ({f.severity}): {f.package} {f.version}", ANNOTATION_TITLE_MAX),
        "message": plain_text(message, ANNOTATION_MESSAGE_MAX),
    }


def render_simple(conclusion: Conclusion, title: str, summary: str) -> Output:
    """An output of our own words only (no lockfile, an error, superseded)."""
    return Output(
        conclusion=conclusion, title=title[:ANNOTATION_TITLE_MAX], summary=summary[:MAX_OUTPUT_CHARS]
    )
