"""Dependency update tool: is Dependabot or Renovate configured to propose dependency updates?

Passes when `.github/dependabot.yml` (or `.yaml`) or a Renovate configuration exists: `renovate.json`,
`renovate.json5`, `.github/renovate.json(5)`, `.gitlab/renovate.json(5)`, `.renovaterc`,
`.renovaterc.json(5)`, or a `"renovate"` key in the root `package.json`. Not applicable when the
repository has nothing such a tool could update (no manifest of a known ecosystem, no workflow).

Fails otherwise, and proposes a minimal `.github/dependabot.yml`: weekly version updates for each
ecosystem the repository's files show (npm for `package.json`, pip for requirements files,
`pyproject.toml`, `setup.py`, `setup.cfg` or `Pipfile`, github-actions for `.github/workflows/`, and
Go modules, Cargo, Bundler, Composer, Maven and Gradle), one entry per directory holding a manifest.
The fix is opt-in (`checks.dependency-update-tool.fix: true`): update pull requests are a workflow
change a maintainer should choose, not a surprise in a security-policy pull request.
"""

from __future__ import annotations

import fnmatch
import json
import posixpath
from typing import Any

from checks.model import CheckContext, CheckResult, Finding, Fix, Location, Need, Snapshot, Status

ID = "dependency-update-tool"
TITLE = "Dependency update tool (Dependabot or Renovate)"
NEEDS = (Need("package.json"),)  # only for its "renovate" key; everything else is read from the tree

DEPENDABOT_PATHS = (".github/dependabot.yml", ".github/dependabot.yaml")
RENOVATE_PATHS = (
    *(f"{d}renovate.{ext}" for d in ("", ".github/", ".gitlab/") for ext in ("json", "json5")),
    *(f".renovaterc{ext}" for ext in ("", ".json", ".json5")),
)
FIX_PATH = DEPENDABOT_PATHS[0]
# Dependabot's package-ecosystem -> globs of the manifests that show it (lower case; a glob with a
# folder is matched against the last two path parts, the others against the file name).
ECOSYSTEMS = {
    "npm": ("package.json",),
    "pip": ("requirements*.txt", "requirements/*.txt", "pyproject.toml", "setup.py", "setup.cfg", "pipfile"),
    "gomod": ("go.mod",),
    "cargo": ("cargo.toml",),
    "bundler": ("gemfile",),
    "composer": ("composer.json",),
    "maven": ("pom.xml",),
    "gradle": ("build.gradle", "build.gradle.kts"),
}
_SKIPPED_DIRS = {
    "node_modules",
    "vendor",
    "third_party",
    "testdata",
    "fixtures",
    "__fixtures__",
    ".venv",
    "venv",
}
MAX_DIRECTORIES = 5  # per ecosystem: a starting point, not an inventory of every workspace
REMEDIATION = (
    "Add .github/dependabot.yml (https://docs.github.com/code-security/dependabot) or a Renovate "
    "configuration (renovate.json), so dependency updates, security fixes included, arrive as pull requests."
)


def _configured(snapshot: Snapshot) -> tuple[str, str] | None:
    present = set(snapshot.paths)
    for path in DEPENDABOT_PATHS:
        if path in present:
            return "dependabot", path
    for path in RENOVATE_PATHS:
        if path in present:
            return "renovate", path
    try:
        manifest = json.loads(snapshot.files.get("package.json", b"{}"))
    except ValueError:  # unreadable package.json: it configures nothing
        return None
    if isinstance(manifest, dict) and "renovate" in manifest:
        return "renovate", "package.json"
    return None


def _ecosystems(snapshot: Snapshot) -> dict[str, list[str]]:
    """Dependabot ecosystem -> directories ("/"-rooted) holding one of its manifests."""
    found: dict[str, set[str]] = {}
    for path in snapshot.paths:
        folder, name = posixpath.split(path.lower())
        if _SKIPPED_DIRS & set(folder.split("/")):
            continue
        if folder == ".github/workflows" and name.endswith((".yml", ".yaml")):
            found.setdefault("github-actions", set()).add("/")
            continue
        for ecosystem, manifests in ECOSYSTEMS.items():
            if any(_matches(path.lower(), pattern) for pattern in manifests):
                directory = posixpath.dirname(path)
                if ecosystem == "pip" and directory.lower().endswith("requirements"):
                    directory = posixpath.dirname(directory)  # requirements/base.txt belongs to its parent
                found.setdefault(ecosystem, set()).add("/" + directory)
    return {
        eco: sorted(dirs, key=lambda d: (d.count("/"), d))[:MAX_DIRECTORIES] for eco, dirs in found.items()
    }


def _matches(path: str, pattern: str) -> bool:
    """`pattern` against the file name, or against the last two path parts when it has a folder."""
    parts = path.split("/")
    tail = "/".join(parts[-2:]) if "/" in pattern else parts[-1]
    return fnmatch.fnmatchcase(tail, pattern)


def dependabot_yml(ecosystems: dict[str, list[str]]) -> str:
    lines = [
        "# Weekly version updates for the dependencies found in this repository (proposed by repo-hygiene).",
        "# Options: https://docs.github.com/code-security/dependabot/working-with-dependabot/dependabot-options-reference",
        "version: 2",
        "updates:",
    ]
    for ecosystem in sorted(ecosystems):
        for directory in ecosystems[ecosystem]:
            lines += [
                f"  - package-ecosystem: {json.dumps(ecosystem)}",
                f"    directory: {json.dumps(directory)}",
                "    schedule:",
                '      interval: "weekly"',
            ]
    return "\n".join(lines) + "\n"


def run(snapshot: Snapshot, ctx: CheckContext) -> CheckResult:
    configured = _configured(snapshot)
    if configured is not None:
        tool, path = configured
        data: dict[str, Any] = {"tool": tool, "path": path}
        found = Finding(
            ID, Status.PASS, f"{tool.capitalize()} is configured ({path}).", Location(path), code=tool
        )
        return CheckResult(ID, Status.PASS, f"{tool.capitalize()} configured in {path}.", (found,), data)
    ecosystems = _ecosystems(snapshot)
    if not ecosystems:
        summary = "No dependency manifests or workflows for an update tool to watch."
        return CheckResult(ID, Status.NOT_APPLICABLE, summary, data={"tool": None, "ecosystems": {}})
    names = ", ".join(sorted(ecosystems))
    fix = Fix(
        FIX_PATH,
        dependabot_yml(ecosystems),
        True,
        "Add a Dependabot configuration (.github/dependabot.yml)",
        f"no Dependabot or Renovate configuration, so dependency updates (security fixes included) "
        f"arrive only when someone looks for them. This file asks Dependabot for weekly update pull "
        f"requests for: {names}.",
        opt_in=True,
    )
    missing = Finding(
        ID,
        Status.FAIL,
        f"No Dependabot or Renovate configuration; the repository has {names} dependencies.",
        remediation=REMEDIATION,
        code="missing",
        fix=fix,
    )
    data = {"tool": None, "ecosystems": ecosystems}
    return CheckResult(ID, Status.FAIL, "No dependency update tool configured.", (missing,), data)
