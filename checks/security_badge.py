"""Security badge: does the README show a badge that leads to the security policy?

Recognised: the shields.io "Security Policy" badge this app adds (see `checks/_badges.py`), any
shields.io badge labelled "Security", the historical Node.js Security WG "Security Responsible
Disclosure" badge, and the OpenSSF Scorecard and OpenSSF Best Practices badges, in Markdown,
reStructuredText and HTML `<a><img></a>` forms. The README is looked for where GitHub renders it from
(`.github/`, the root, `docs/`; any case; `.md`, `.markdown`, `.rst`, `.adoc`, `.txt` or none).

Not applicable without a README. Fails when there is no badge, or when the only badge links to the
deleted Node.js Security WG template. A plain text link to SECURITY.md is reported but is not a badge.
A README with neither a badge nor a policy link gets a proposed fix: the "Security Policy" badge under
its title (Markdown, reStructuredText or AsciiDoc; never a duplicate), linking the policy.
"""

from __future__ import annotations

from checks._badge_insert import badge_fix
from checks._badges import Badge, find_badges, policy_link_line
from checks._policy_files import POLICY_NEEDS, README_NEEDS, decode_lenient, decode_text, find_readme
from checks.model import CheckContext, CheckResult, Finding, FixUnavailable, Location, Snapshot, Status

ID = "security-badge"
TITLE = "Security badge in the README"
NEEDS = README_NEEDS + POLICY_NEEDS  # the policy's location decides where a proposed badge links

REMEDIATION = (
    "Add a badge under the README's title that links to the policy, e.g. "
    "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)."
)


def _describe(badge: Badge) -> dict[str, object]:
    return {"kind": badge.kind, "image": badge.image, "target": badge.target, "line": badge.line}


def run(snapshot: Snapshot, ctx: CheckContext) -> CheckResult:
    readme = find_readme(snapshot)
    if readme is None:
        return CheckResult(ID, Status.NOT_APPLICABLE, "No README.", data={"readme": None})
    where = Location(readme.path, 1)  # a missing badge belongs at the top of the README
    if readme.content is None:
        return CheckResult(
            ID,
            Status.NOT_APPLICABLE,
            f"{readme.path} was not read ({readme.skipped_reason}).",
            data={"readme": readme.path, "readable": False},
        )
    text, why = decode_lenient(readme.content)
    if text is None:
        bad = Finding(
            ID,
            Status.FAIL,
            f"{readme.path} {why}.",
            where,
            "Save the README as UTF-8 text.",
            "unreadable-readme",
            {"line": 1},
        )
        return CheckResult(
            ID, Status.FAIL, f"{readme.path} {why}.", (bad,), {"readme": readme.path, "readable": False}
        )

    badges = find_badges(text)
    link_line = policy_link_line(text)
    links_policy = link_line is not None
    data = {
        "readme": readme.path,
        "readable": True,
        "badges": [_describe(b) for b in badges],
        "links_policy": links_policy,
    }
    findings: list[Finding] = []
    for badge in badges:
        loc = Location(readme.path, badge.line)
        if badge.label_as_path:
            findings.append(
                Finding(
                    ID,
                    Status.FAIL,
                    f"The {badge.kind} badge links to {badge.target!r}, a reference name written as a path, "
                    "which leads to no file.",
                    loc,
                    f"Write the link as [{badge.target}] to use the reference, or put the address in it.",
                    code="dead-badge-link",
                    data={"line": badge.line},
                )
            )
        elif badge.dead_target:
            findings.append(
                Finding(
                    ID,
                    Status.FAIL,
                    "The Node.js Security WG badge links to its deleted template.",
                    loc,
                    "Point the badge at your own SECURITY.md (or replace it with the Security Policy badge).",
                    code="dead-badge-link",
                    data={"line": badge.line},
                )
            )
        elif not badge.linked:
            findings.append(
                Finding(
                    ID,
                    Status.FAIL,
                    f"The {badge.kind} badge is an image without a link, so it leads nowhere.",
                    loc,
                    "Wrap the badge in a link to the policy (or to the badge's own page).",
                    code="unlinked-badge",
                    data={"line": badge.line},
                )
            )
        else:
            findings.append(
                Finding(
                    ID,
                    Status.PASS,
                    f"Security badge ({badge.kind}).",
                    loc,
                    code="badge",
                    data={"line": badge.line},
                )
            )
    live = [b for b in badges if not b.dead_target and b.linked]
    if live:
        return CheckResult(
            ID, Status.PASS, f"{readme.path} has a security badge ({live[0].kind}).", tuple(findings), data
        )
    if links_policy:
        findings.append(
            Finding(
                ID,
                Status.FAIL,
                f"{readme.path} links to the security policy in text, but has no badge.",
                Location(readme.path, link_line),
                REMEDIATION,
                code="link-not-badge",
                data={"line": link_line},
            )
        )
    elif not badges:
        findings.append(
            Finding(
                ID,
                Status.FAIL,
                f"{readme.path} has no security badge.",
                where,
                REMEDIATION,
                code="missing",
                data={"line": 1},
                fix=badge_fix(snapshot, readme, text, ctx.config.security_policy)
                if decode_text(readme.content)[0] is not None
                else FixUnavailable(
                    readme.path, "the README is not valid UTF-8; rewriting it would change its bytes"
                ),
            )
        )
    return CheckResult(
        ID, Status.FAIL, f"{readme.path} has no working security badge.", tuple(findings), data
    )
