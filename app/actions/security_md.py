"""Render SECURITY.md from `templates/SECURITY.md.j2` with real facts, and refuse anything unfinished.

The rendered text must pass our own security-policy check (no placeholder, a private contact, a
response time and a disclosure timeline); otherwise `PolicyNotRenderable` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.templating import templates
from checks._policy_rules import evaluate
from checks.config import SecurityPolicyConfig
from checks.model import Location, RepoFacts

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_SAFE_VERSION = re.compile(r"^[A-Za-z0-9.<>=~^*x +-]{1,40}$")


class PolicyNotRenderable(ValueError):
    """The facts are not enough for an honest policy (or the result failed our own check)."""


@dataclass(frozen=True, slots=True)
class PolicyFacts:
    owner: str
    repo: str
    default_branch: str
    contact_email: str | None
    pvr: bool | None  # None: unknown
    response_days: int = 3
    disclosure_days: int = 90
    supported_versions: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def from_repo(cls, facts: RepoFacts, config: SecurityPolicyConfig) -> PolicyFacts:
        pvr = config.private_vulnerability_reporting
        return cls(
            owner=facts.owner,
            repo=facts.name,
            default_branch=facts.default_branch,
            contact_email=config.contact_email,
            pvr=facts.private_vulnerability_reporting if pvr is None else pvr,
            response_days=config.response_days,
            disclosure_days=config.disclosure_days,
        )


def safe_name(name: str) -> str:
    """A project name that cannot inject Markdown or HTML: letters, digits, `._ -` only."""
    return _SAFE_NAME.sub("", name).strip(" .-_")[:100] or "this project"


def render_security_md(facts: PolicyFacts) -> str:
    email = facts.contact_email.strip() if facts.contact_email else None
    if email is not None and not _EMAIL.match(email):
        raise PolicyNotRenderable(f"contact_email {email!r} is not a plain email address")
    pvr_url = None
    if facts.pvr is not False:
        pvr_url = (
            f"https://github.com/{safe_name(facts.owner)}/{safe_name(facts.repo)}/security/advisories/new"
        )
    if email is None and pvr_url is None:
        raise PolicyNotRenderable(
            "no private contact: private vulnerability reporting is disabled and no "
            "security_policy.contact_email is configured"
        )
    if not 1 <= facts.response_days <= 14 or not 1 <= facts.disclosure_days <= 365:
        raise PolicyNotRenderable("response_days must be 1..14 and disclosure_days 1..365")
    for version, _ in facts.supported_versions:
        if not _SAFE_VERSION.match(version):
            raise PolicyNotRenderable(f"unsafe supported-version label {version!r}")
    text = (
        templates()
        .get_template("SECURITY.md.j2")
        .render(  # Markdown: every fact sanitised here
            project=safe_name(facts.repo),
            default_branch=_SAFE_NAME.sub("", facts.default_branch.replace(" ", "")) or "main",
            contact_email=email,
            pvr_url=pvr_url,
            pvr_unknown=facts.pvr is None,
            response_days=facts.response_days,
            disclosure_days=facts.disclosure_days,
            supported_versions=[(_html_escape(v), ok) for v, ok in facts.supported_versions],
        )
    )
    _refuse_unless_compliant(text, facts.pvr)
    return text


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _refuse_unless_compliant(text: str, pvr: bool | None) -> None:
    findings, _ = evaluate("security-policy", text, Location("SECURITY.md"), pvr)
    if findings:
        problems = "; ".join(f"{f.code}: {f.message}" for f in findings)
        raise PolicyNotRenderable(f"the rendered SECURITY.md fails our own check: {problems}")
