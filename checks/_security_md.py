"""Render SECURITY.md from the text of `templates/SECURITY.md.j2` with real facts; refuse anything unfinished.

Pure: the app reads the template and hands its text over (`CheckContext.templates`). The rendered text
must pass our own security-policy check (no placeholder, a private contact, a response time and a
disclosure timeline); otherwise `PolicyNotRenderable` says why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import jinja2

from checks._policy_files import POLICY_FIX_PATH
from checks._policy_rules import evaluate
from checks.config import SecurityPolicyConfig
from checks.model import Fix, FixUnavailable, Location, RepoFacts

TEMPLATE = "SECURITY.md.j2"
_ENV = jinja2.Environment(
    autoescape=False,  # Markdown output; every fact is sanitised below instead  # noqa: S701
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)
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


def render_security_md(facts: PolicyFacts, template: str) -> str:
    """SECURITY.md from `template` (the text of `templates/SECURITY.md.j2`) and the facts."""
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
    text = _ENV.from_string(template).render(
        project=safe_name(facts.repo),
        default_branch=_SAFE_NAME.sub("", facts.default_branch.replace(" ", "")) or "main",
        contact_email=email,
        pvr_url=pvr_url,
        pvr_unknown=facts.pvr is None,
        response_days=facts.response_days,
        disclosure_days=facts.disclosure_days,
        supported_versions=[(_html_escape(v), ok) for v, ok in facts.supported_versions],
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


FIX_TITLE = "Add a security policy (SECURITY.md)"


def policy_fix(
    repo: RepoFacts, config: SecurityPolicyConfig, templates: Mapping[str, str]
) -> Fix | FixUnavailable:
    """The SECURITY.md this app proposes for a repository without any policy, or why it cannot."""
    template = templates.get(TEMPLATE)
    if template is None:
        return FixUnavailable(POLICY_FIX_PATH, f"the template {TEMPLATE} was not provided")
    facts = PolicyFacts.from_repo(repo, config)
    try:
        content = render_security_md(facts, template)
    except PolicyNotRenderable as exc:
        return FixUnavailable(POLICY_FIX_PATH, str(exc))
    return Fix(POLICY_FIX_PATH, content, True, FIX_TITLE, _describe(facts))


def _describe(facts: PolicyFacts) -> str:
    email = facts.contact_email.strip() if facts.contact_email else None
    pvr = facts.pvr is not False
    where = (
        f"GitHub private vulnerability reporting and {email}"
        if pvr and email
        else "GitHub private vulnerability reporting"
        if pvr
        else str(email)
    )
    if facts.pvr is None:
        where += (
            " (private vulnerability reporting may not be enabled: please check Settings > Code security)"
        )
    return (
        f"{safe_name(facts.repo)} has no security policy, in the repository or as an organisation default, "
        "so\nsomeone who finds a vulnerability has no private way to tell you and may open a public issue "
        "instead.\nThe new file tells them how to report privately and what to expect:\n"
        f"- where to report: {where};\n"
        f"- acknowledgement within {facts.response_days} days, and a {facts.disclosure_days}-day "
        "disclosure timeline.\n\n"
        "Please check these facts before merging: they are promises to reporters. The contact and the "
        "timeframes come from `security_policy` in `.github/repo-hygiene.yml`."
    )
