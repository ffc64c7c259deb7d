"""Check ids and status groups the dashboard's figures are built on."""

from __future__ import annotations

POLICY_CHECK, BADGE_CHECK, ADVISORY_CHECK = "security-policy", "security-badge", "dependency-advisories"
PR_CHECKS = (POLICY_CHECK, BADGE_CHECK)  # the app's hygiene PR fixes these two
FAILING = ("fail", "error")
OK = ("pass", "not_applicable")
