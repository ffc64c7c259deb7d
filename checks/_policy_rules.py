"""Turn a `PolicyReading` into findings with stable codes, messages and remediations.

Which findings block is documented in `checks/security_policy.py`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from checks._policy_text import EXAMPLE_ROWS, PolicyReading, read_policy
from checks.model import Finding, Location, Status

MAX_RESPONSE_DAYS = 14

# One scan reads the same policy for the policy check and again for the badge check (a badge is never
# proposed for a failing policy); reading is the costly part, so the last few readings are kept. A kept
# reading is shared: nothing here changes one.
_read_policy = lru_cache(maxsize=4)(read_policy)
PVR_HELP = (
    "Enable private vulnerability reporting (Settings > Code security) or list a security email address."
)


def evaluate(
    check_id: str, text: str, where: Location, pvr_enabled: bool | None, *, repo: str | None = None
) -> tuple[list[Finding], dict[str, Any]]:
    """Findings for one policy text. Every finding names a line: the text it is about, or for something
    missing, the "Reporting" heading where it belongs (line 1 when there is none)."""
    reading = _read_policy(text, where.path, repo)
    here = reading.reporting_line
    findings: list[Finding] = []

    def add(
        code: str,
        message: str,
        remediation: str,
        *,
        blocking: bool,
        line: int | None = None,
        note: bool = False,
    ) -> None:
        """A problem, or with `note` an observation the rules are unsure of: shown, never failing."""
        loc = Location(where.path, line, org_level=where.org_level)
        data: dict[str, Any] = {"blocking": blocking, "line": line or 1}
        if note:
            data["note"] = True
        status = Status.PASS if note else Status.FAIL
        findings.append(Finding(check_id, status, message, loc, remediation, code, data))

    for hit, why in reading.dead:
        add(
            "dead-channel",
            f"Sends reporters to a defunct channel: {why} ({hit.text}).",
            f"Remove it and point reporters at a live private channel. {PVR_HELP}",
            blocking=True,
            line=hit.line,
        )
    for hit in reading.placeholders:
        add(
            "placeholder",
            f"Unfilled template placeholder {hit.text!r}.",
            "Replace the placeholder with the real contact or link.",
            blocking=True,
            line=hit.line,
        )
    for hit in reading.github_template:
        add(
            "github-template",
            f"GitHub's unedited 'Start setup' template text ({hit.text!r}).",
            "Replace the example rows and prose with your real supported versions and reporting steps.",
            blocking=True,
            line=hit.line,
        )

    other_contacts = reading.emails or reading.channel_urls or reading.direct_contacts
    if not other_contacts and not reading.pvr and reading.contact_hint is not None:
        add(
            "unclear-contact",
            f"The contact is only referred to ({reading.contact_hint.text!r}); it could not be checked.",
            "Write the security contact (email address or reporting link) in the policy itself.",
            blocking=False,
            line=reading.contact_hint.line,
            note=True,
        )
    elif not other_contacts and not reading.pvr:
        add(
            "no-private-contact",
            "No private contact: no email address, reporting URL or private vulnerability reporting link.",
            PVR_HELP,
            blocking=True,
            line=here,
        )
    elif reading.pvr and pvr_enabled is False:
        only = not other_contacts
        add(
            "pvr-disabled",
            "Points reporters to GitHub private vulnerability reporting, which is disabled "
            "on this repository" + (" and no other contact is given." if only else "."),
            "Enable private vulnerability reporting (Settings > Code security).",
            blocking=only,
            line=reading.pvr[0].line,
        )

    if not reading.private_wording and (other_contacts or reading.pvr or reading.contact_hint):
        add(
            "not-private",
            "Does not ask reporters to report privately (e.g. 'do not open a public issue').",
            "Say that vulnerabilities must be reported privately, not in public issues.",
            blocking=False,
            line=min(h.line for h in [*other_contacts, *reading.pvr, *filter(None, [reading.contact_hint])]),
        )
    if reading.response_days is None:
        add(
            "no-response-time",
            "States no response time.",
            "Say how soon you acknowledge a report (e.g. 'within 3 working days').",
            blocking=False,
            line=here,
        )
    elif reading.response_days > MAX_RESPONSE_DAYS:
        add(
            "slow-response",
            f"Promises a first response in about {reading.response_days:g} days, over {MAX_RESPONSE_DAYS}.",
            f"Commit to acknowledging reports within {MAX_RESPONSE_DAYS} days.",
            blocking=False,
            line=reading.response_line,
        )
    if reading.disclosure_days is None:
        add(
            "no-disclosure-timeline",
            "States no disclosure timeline.",
            "Say when you disclose (e.g. 'within 90 days of the report').",
            blocking=False,
            line=here,
        )
    # GitHub's example table is reported as the template; its prose left beside a table of something
    # else (runtime versions) still leaves the supported versions unstated.
    example_table = any(hit.text == EXAMPLE_ROWS for hit in reading.github_template)
    if not reading.supported_versions and not example_table:
        add(
            "no-supported-versions",
            "Does not say which versions receive security fixes.",
            "Add a 'Supported Versions' section.",
            blocking=False,
            line=1,
        )
    return findings, _facts(reading)


def _facts(reading: PolicyReading) -> dict[str, Any]:
    return {
        "contacts": {
            "emails": [h.text for h in reading.emails][:5],
            "urls": [h.text for h in reading.channel_urls][:5],
            "direct": [h.text for h in reading.direct_contacts][:5],
            "private_vulnerability_reporting": bool(reading.pvr),
        },
        "response_days": reading.response_days,
        "disclosure_days": reading.disclosure_days,
    }
