"""Security policy: is there a SECURITY file GitHub shows, and does it route reports somewhere private?

Looks where GitHub and OpenSSF Scorecard look (`SECURITY.md` in `.github/`, the root or `docs/`, any
case, `.md`/`.markdown`/`.rst`/`.adoc`, plus `doc/security.rst`), then at the owner's `.github`
repository, whose policy GitHub shows on every repository without one (an inherited policy counts).

Blocking findings (the check fails): no policy at all; an unreadable file (binary, not UTF-8, empty);
a defunct reporting channel (the closed Node.js ecosystem HackerOne program or
security-ecosystem@nodejs.org); no private contact (no email, no reporting URL, no private
vulnerability reporting link); a policy that relies only on private vulnerability reporting while it is
disabled; unfilled placeholders or GitHub's unedited "Start setup" template.

The missing-policy finding proposes a fix: a SECURITY.md rendered from `templates/SECURITY.md.j2`
with the repository's real facts (`security_policy` configuration, private vulnerability reporting),
or says why none can be written honestly (no private contact at all).

Advisory findings (reported, the check still passes): no response time stated, a response time over
14 days (OpenSSF Best Practices bar), no disclosure timeline, no supported-versions statement, no
wording that asks for private reports, a policy that links private vulnerability reporting while it is
disabled but also offers another contact, and a file too large to read.
"""

from __future__ import annotations

from typing import Any

from checks._policy_doc import without_html_comments
from checks._policy_files import POLICY_NEEDS, decode_text, find_policy
from checks._policy_fix import with_policy_fix
from checks._policy_rules import evaluate
from checks._security_md import policy_fix
from checks.config import SecurityPolicyConfig
from checks.model import CheckContext, CheckResult, Finding, Location, Snapshot, Status

ID = "security-policy"
TITLE = "Security policy"
NEEDS = POLICY_NEEDS

REMEDIATION_MISSING = (
    "Add a SECURITY.md (root, .github/ or docs/) that says how to report a vulnerability privately "
    "(an email address and/or GitHub private vulnerability reporting), how fast you respond and when "
    "you disclose; or add one to the organisation's .github repository to cover every repository."
)


def _policy_config(ctx: CheckContext) -> SecurityPolicyConfig:
    configured = getattr(ctx.config, "security_policy", None)
    return configured if isinstance(configured, SecurityPolicyConfig) else SecurityPolicyConfig()


def _shown(text: str, path: str) -> str:
    """What GitHub renders of the file: HTML comments in Markdown are hidden ("<!-- START /templates/
    security.md -->" / "<!-- END ... -->" and nothing else, thoughtbot/factory_bot)."""
    return without_html_comments(text) if path.lower().endswith((".md", ".markdown")) else text


def _pvr_enabled(snapshot: Snapshot, ctx: CheckContext) -> bool | None:
    """What GitHub reported, unless `security_policy.private_vulnerability_reporting` is configured."""
    configured = ctx.config.security_policy.private_vulnerability_reporting
    return snapshot.repo.private_vulnerability_reporting if configured is None else bool(configured)


def run(snapshot: Snapshot, ctx: CheckContext) -> CheckResult:
    found = find_policy(snapshot)
    if found is None:
        missing = Finding(
            ID,
            Status.FAIL,
            "No security policy found in the repository or the organisation's .github repository.",
            remediation=REMEDIATION_MISSING,
            code="missing",
            data={"blocking": True},
            fix=policy_fix(snapshot.repo, _policy_config(ctx), ctx.templates),
        )
        absent = {"present": False, "blocking": ["missing"], "advisory": []}
        return CheckResult(ID, Status.FAIL, "No security policy.", (missing,), absent)

    where = Location(found.path, 1, org_level=found.org_level)
    origin = f"organisation default {found.path}" if found.org_level else found.path
    data: dict[str, Any] = {"present": True, "path": found.path, "org_level": found.org_level}
    data.update(blocking=[], advisory=[])
    if found.others:
        data["other_paths"] = list(found.others)
    present = Finding(
        ID, Status.PASS, f"Security policy found: {origin}.", where, code="present", data={"line": 1}
    )

    if found.content is None:
        note = Finding(
            ID,
            Status.FAIL,
            f"{found.path} was not read ({found.skipped_reason}); its content is unchecked.",
            where,
            "Keep SECURITY.md a short text file (well under 256 KB).",
            code="not-read",
            data={"blocking": False, "line": 1},
        )
        data["advisory"] = ["not-read"]
        return CheckResult(
            ID, Status.PASS, f"Security policy at {origin} (content not checked).", (present, note), data
        )

    text, why = decode_text(found.content)
    if text is not None and text.strip() and not _shown(text, found.path).strip():
        why = "shows nothing (only HTML comments)"
    if text is None or why is not None or not text.strip():
        reason = why or "is empty"
        bad = Finding(
            ID,
            Status.FAIL,
            f"{found.path} {reason}, so reporters cannot read it.",
            where,
            "Write the policy as UTF-8 text (Markdown, reStructuredText or AsciiDoc).",
            code="unreadable",
            data={"blocking": True, "line": 1},
        )
        data["blocking"] = ["unreadable"]
        return CheckResult(
            ID, Status.FAIL, f"Security policy at {origin} is unreadable.", (present, bad), data
        )

    findings, facts = evaluate(ID, text, where, _pvr_enabled(snapshot, ctx), repo=snapshot.repo.full_name)
    findings = with_policy_fix(findings, found, text, snapshot.repo, _policy_config(ctx), ctx.templates)
    data.update(facts)
    blocking = [f for f in findings if f.data.get("blocking")]
    data["blocking"] = sorted({f.code for f in blocking})
    data["advisory"] = sorted({f.code for f in findings if not f.data.get("blocking")})
    if blocking:
        summary = f"Security policy at {origin} has problems: " + "; ".join(f.message for f in blocking[:3])
        return CheckResult(ID, Status.FAIL, summary, (present, *findings), data)
    gaps = f" ({len(findings)} suggestion{'s' if len(findings) != 1 else ''})" if findings else ""
    return CheckResult(ID, Status.PASS, f"Security policy at {origin}{gaps}.", (present, *findings), data)
