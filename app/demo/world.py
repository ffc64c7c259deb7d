"""The demo's organisation: five repositories that each show one thing, and the maintainer pull request
that makes the "Dependency advisories" check run fail. Uses only the simulator's control API."""

from __future__ import annotations

import json
from typing import Any

from simulator.testing import SimControl

DEMO_ORG = "demo-org"
DEMO_ADMIN = "octo-admin"
DEMO_MEMBER = "octo-member"
VULNERABLE_REPO = "vulnerable-lockfile"
BUMP_BRANCH = "bump-lodash"

STALE_POLICY = """# Security Policy

Please report security issues through HackerOne at https://hackerone.com/nodejs
or by email to security-ecosystem@nodejs.org.
"""

COMPLIANT_POLICY = """# Security Policy

## Supported Versions

| Version | Supported          |
| ------- | ------------------ |
| 2.x     | :white_check_mark: |
| 1.x     | :x:                |

## Reporting a Vulnerability

Please report vulnerabilities privately through GitHub's private vulnerability reporting
(Security tab -> "Report a vulnerability").
Do not open public issues for security problems.

We acknowledge reports within 3 business days and aim to publish a fix and an advisory
within 90 days of the report (coordinated disclosure).
"""

# The published tarball digests (npm registry `dist.integrity`) of the lodash versions the demo uses.
LODASH_INTEGRITY = {
    "4.17.15": "sha512-"
    "8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MnmE+4xlZoumy0GPG0D0MVIQbNA1A==",
    "4.17.20": "sha512-"
    "PlhdFcillOINfeV7Ni6oF1TAEayyZBoZ8bcshTHqOYJYlrqzRK5hagpagky5o4HfCzzd1TRkXPMFq6cKk9rGmA==",
}


def package_json(lodash: str) -> str:
    manifest = {"name": "vulnerable-app", "version": "1.0.0", "dependencies": {"lodash": lodash}}
    return json.dumps(manifest, indent=2) + "\n"


def package_lock(lodash: str) -> str:
    """An npm v3 lockfile with lodash pinned to `lodash` (one of LODASH_INTEGRITY's versions)."""
    lock: dict[str, Any] = {
        "name": "vulnerable-app",
        "version": "1.0.0",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {
            "": {"name": "vulnerable-app", "version": "1.0.0", "dependencies": {"lodash": lodash}},
            "node_modules/lodash": {
                "version": lodash,
                "resolved": f"https://registry.npmjs.org/lodash/-/lodash-{lodash}.tgz",
                "integrity": LODASH_INTEGRITY[lodash],
            },
        },
    }
    return json.dumps(lock, indent=2) + "\n"


def seed_demo_org(control: SimControl, org: str = DEMO_ORG) -> dict[str, str]:
    """Create the demo organisation and its five repositories; returns {repository: what it shows}."""
    control.create_org(org, "Demo Organisation")
    control.create_user(DEMO_ADMIN, orgs={org: "admin"}, name="Octo Admin")
    control.create_user(DEMO_MEMBER, orgs={org: "member"}, name="Octo Member")
    repos = {
        "no-policy": "no security policy at all",
        "stale-policy": "a policy naming a dead channel (Node.js HackerOne, security-ecosystem@nodejs.org)",
        VULNERABLE_REPO: "a package-lock.json with lodash 4.17.15 (known advisories); its policy fails "
        "every pull request while a known advisory remains (`mode: all`)",
        "compliant": "a complete policy (private contact, timelines, supported versions) and a README badge",
        "archived-project": "archived: read-only, scanned but never changed",
    }
    control.create_repo(
        org,
        "no-policy",
        files={"README.md": "# no-policy\n\nA small library.\n", "index.js": "module.exports = 1;\n"},
    )
    control.create_repo(
        org, "stale-policy", files={"README.md": "# stale-policy\n", "SECURITY.md": STALE_POLICY}
    )
    control.create_repo(
        org,
        VULNERABLE_REPO,
        files={
            "README.md": f"# {VULNERABLE_REPO}\n",
            "package.json": package_json("4.17.15"),
            "package-lock.json": package_lock("4.17.15"),
            # every finding counts, not only those a pull request introduces
            ".github/repo-hygiene.yml": "dependencies:\n  mode: all\n",
        },
    )
    badge = f"[![Security policy](https://img.shields.io/badge/security-policy-brightgreen)](https://github.com/{org}/compliant/security/policy)"
    control.create_repo(
        org, "compliant", files={"README.md": f"# compliant\n\n{badge}\n", "SECURITY.md": COMPLIANT_POLICY}
    )
    control.create_repo(
        org,
        "archived-project",
        files={"README.md": "# archived-project\n\nNo longer maintained.\n"},
        archived=True,
    )
    return {f"{org}/{name}": text for name, text in repos.items()}


def open_lodash_bump(control: SimControl, org: str = DEMO_ORG) -> int:
    """A member pushes a branch bumping lodash 4.17.15 -> 4.17.20 and opens a pull request. 4.17.20
    fixes CVE-2020-8203 but still has CVE-2021-23337 (fixed in 4.17.21): the app's check run credits the
    fix, lists the advisory still present and, as the repository's policy is `mode: all`, fails with an
    annotation on the lockfile line. Returns the pull request's number."""
    files: dict[str, str | None] = {
        "package.json": package_json("4.17.20"),
        "package-lock.json": package_lock("4.17.20"),
    }
    control.push(
        org, VULNERABLE_REPO, files, branch=BUMP_BRANCH, message="Bump lodash to 4.17.20", author=DEMO_MEMBER
    )
    return control.open_pull(
        org,
        VULNERABLE_REPO,
        BUMP_BRANCH,
        title="Bump lodash from 4.17.15 to 4.17.20",
        body="Picks up the fix for CVE-2020-8203 (prototype pollution in zipObjectDeep).",
        by=DEMO_MEMBER,
    )
