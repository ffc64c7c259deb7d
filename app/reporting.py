"""Rendering check results for `repo-hygiene check`: text for people, JSON for scripts, and SARIF 2.1.0
for code scanning (one rule per advisory, one result per affected dependency location).

Every format lists checks worst status first and advisories failing first, then worst severity first.
Whether an advisory fails is the check's own verdict (each finding's status), never recomputed here.
The upgrade plans come from the dependency check's result (`data["upgrades"]`, the dicts of
`checks.advisories.remediation.UpgradePlan.as_dict`): text prints them as an "upgrades" section, JSON
as `upgrades` plus each finding's `upgrade_to`, SARIF as each result's `properties.upgrade` and, where
the pinned line of a requirements file can be rewritten exactly, as a SARIF `fixes` entry.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checks.dependency_advisories import ID as DEPENDENCY_CHECK
from checks.lockfiles import REQUIREMENTS_FORMAT, detect_format
from checks.model import CheckResult, Finding, Severity, Status

FINDING_KEYS = (
    "advisory_id",
    "aliases",
    "ecosystem",
    "package",
    "version",
    "severity",
    "severity_source",
    "fixed_versions",
    "file",
    "line",
    "direct",
)
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/repo-hygiene/repo-hygiene"
# GitHub code scanning reads `security-severity` (a CVSS-like number) to rank alerts.
SECURITY_SEVERITY = {"critical": 9.5, "high": 8.0, "moderate": 5.5, "low": 2.0}
LEVELS = {"critical": "error", "high": "error", "moderate": "warning", "low": "note", "unknown": "note"}
# GitHub code scanning rejects rule ids longer than this.
RULE_ID_MAX = 255
# worst first: a failure to act on, a check that could not run, then passes and the rest
STATUS_ORDER = (Status.FAIL, Status.ERROR, Status.PASS, Status.NOT_APPLICABLE)
STATUS_LABELS = {
    Status.FAIL: "FAIL",
    Status.ERROR: "ERROR",
    Status.PASS: "PASS",
    Status.NOT_APPLICABLE: "N/A",
}
_STATUS_WIDTH = max(len(label) for label in STATUS_LABELS.values()) + 2

Plan = Mapping[str, Any]  # one `UpgradePlan.as_dict()`
Plans = Mapping[tuple[str, str, str], Plan]


def upgrade_plans(results: Mapping[str, CheckResult]) -> list[Plan]:
    """The upgrade plans the dependency check stored in its result (none when it made none)."""
    result = results.get(DEPENDENCY_CHECK)
    stored = result.data.get("upgrades") if result is not None else None
    return [p for p in stored if isinstance(p, Mapping)] if isinstance(stored, list) else []


def plans_by_package(plans: Sequence[Plan]) -> dict[tuple[str, str, str], Plan]:
    return {(str(p.get("ecosystem")), str(p.get("package")), str(p.get("version"))): p for p in plans}


def fixes_all(plan: Plan | None) -> str | None:
    """The version a plan upgrades to when one fixes every advisory (its line first), else None."""
    if plan is None:
        return None
    target = plan.get("target") or plan.get("other_line")
    return str(target) if target else None


def ordered_results(results: Mapping[str, CheckResult]) -> list[tuple[str, CheckResult]]:
    return sorted(results.items(), key=lambda item: (STATUS_ORDER.index(item[1].status), item[0]))


def _finding_order(finding: Finding) -> tuple[Any, ...]:
    data = finding.data
    return (
        0 if finding.status is Status.FAIL else 1,
        -Severity.parse(data.get("severity")).rank,
        str(data.get("ecosystem")),
        str(data.get("package")).lower(),
        str(data.get("version")),
        str(data.get("advisory_id")),
        str(data.get("file")),
        data.get("line") or 0,
    )


def _dependency_findings(results: Mapping[str, CheckResult]) -> list[Finding]:
    result = results.get(DEPENDENCY_CHECK)
    return sorted(result.findings, key=_finding_order) if result else []


def _plan_for(plans: Plans, data: Mapping[str, Any]) -> Plan | None:
    return plans.get((str(data.get("ecosystem")), str(data.get("package")), str(data.get("version"))))


def advisory_findings(results: Mapping[str, CheckResult]) -> list[dict[str, Any]]:
    """The advisory findings, failing first then worst first, each with the check's verdict
    (`status`), its package's upgrade plan message (`upgrade`) and the version it names."""
    by_package = plans_by_package(upgrade_plans(results))
    found = []
    for f in _dependency_findings(results):
        plan = _plan_for(by_package, f.data)
        found.append(
            {
                **{k: f.data.get(k) for k in FINDING_KEYS},
                "status": f.status.value,
                "summary": f.data.get("summary", ""),
                "upgrade": f.data.get("upgrade"),
                "upgrade_to": fixes_all(plan),
            }
        )
    return found


def _finding_details(finding: Finding) -> dict[str, Any]:
    location = finding.location
    return {
        "status": finding.status.value,
        "message": finding.message,
        "code": finding.code,
        "path": location.path if location else None,
        "line": location.line if location else None,
    }


def render_json(
    results: Mapping[str, CheckResult],
    *,
    fail_on: str,
    root: Path,
    files: Mapping[str, bytes] | None = None,
) -> str:
    checks = [
        {
            "id": check_id,
            "status": result.status.value,
            "details": {
                "summary": result.summary,
                "findings": []
                if check_id == DEPENDENCY_CHECK
                else [_finding_details(f) for f in result.findings],
                "data": dict(result.data),
            },
        }
        for check_id, result in ordered_results(results)
    ]
    document = {
        "checks": checks,
        "findings": advisory_findings(results),
        "upgrades": [dict(plan) for plan in upgrade_plans(results)],
        "fail_on": fail_on,
    }
    return json.dumps(document, indent=2, default=str) + "\n"


def render_text(
    results: Mapping[str, CheckResult],
    *,
    fail_on: str,
    root: Path,
    files: Mapping[str, bytes] | None = None,
) -> str:
    lines = [f"repo-hygiene check {root}"]
    for check_id, result in ordered_results(results):
        status = f"[{STATUS_LABELS[result.status]}]"
        lines.append(f"{status:<{_STATUS_WIDTH}} {check_id}: {result.summary}")
        if check_id != DEPENDENCY_CHECK:
            lines.extend(f"    - {f.message}" for f in result.findings if f.status is not Status.PASS)
        unreadable = result.data.get("unreadable") or {} if check_id == DEPENDENCY_CHECK else {}
        lines.extend(f"    ! {error}" for error in unreadable.values())
    findings = advisory_findings(results)
    if findings:
        lines.append("")
        lines.append(f"{len(findings)} dependency advisories ({_policy(results, fail_on)}; ! fails):")
    for f in findings:
        where = f"{f['file']}:{f['line']}" if f["line"] else f["file"]
        fix = ", ".join(f["fixed_versions"]) or "no fix"
        kind = {True: "direct", False: "transitive"}.get(f["direct"], "")
        mark = "!" if f["status"] == Status.FAIL.value else " "
        lines.append(
            f" {mark} {f['severity']:<8} {f['ecosystem']} {f['package']} {f['version']} {kind}".rstrip()
            + f"  {f['advisory_id']}  fix: {fix}  ({where})"
        )
        if f["summary"]:
            lines.append(f"      {f['summary']}")
    plans = upgrade_plans(results)
    if plans:
        lines.append("")
        lines.append("upgrades:")
        lines.extend(f"  {plan.get('message')}" for plan in plans)
    return "\n".join(lines) + "\n"


def _policy(results: Mapping[str, CheckResult], fail_on: str) -> str:
    result = results.get(DEPENDENCY_CHECK)
    unknown = result.data.get("unknown_severity") if result is not None else None
    return f"fail_on={fail_on}" + (f", unknown_severity={unknown}" if unknown else "")


def _security_severity(data: Mapping[str, Any]) -> dict[str, str]:
    """{"security-severity": "7.5"}, or nothing when the advisory has neither a score nor a rating."""
    score = data.get("cvss_score")
    value = score if isinstance(score, int | float) else SECURITY_SEVERITY.get(str(data.get("severity")))
    return {"security-severity": f"{float(value):.1f}"} if value else {}


def _rule_id(rule_id: str) -> str:
    """The id as is, or (past GitHub's limit) its start plus a digest, so long ids stay distinct."""
    if len(rule_id) <= RULE_ID_MAX:
        return rule_id
    digest = hashlib.sha256(rule_id.encode()).hexdigest()[:16]
    return f"{rule_id[: RULE_ID_MAX - len(digest) - 1]}~{digest}"


def artifact_uri(path: str) -> str:
    """A repository path as a relative URI reference (spaces, `#`, `%` and non-ASCII percent-encoded)."""
    return quote(path.lstrip("/"), safe="/-._~!$&'()*+,;=:@")


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\x00".join(map(str, parts)).encode()).hexdigest()


def _location(path: str, line: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path), "uriBaseId": "%SRCROOT%"}}
    if line and line >= 1:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


_UTF16 = "utf-16-le"


def _line_text(files: Mapping[str, bytes], path: str, line: int | None) -> str | None:
    content = files.get(path)
    if content is None or not line or line < 1:
        return None
    lines = content.decode("utf-8", errors="replace").splitlines()
    return lines[line - 1] if line <= len(lines) else None


def sarif_fixes(plan: Plan | None, data: Mapping[str, Any], files: Mapping[str, bytes]) -> list[Any]:
    """A SARIF `fixes` entry rewriting the pin on the finding's line, when that is the whole fix: a
    requirements file whose line pins exactly this version once (`name==version`). Lockfiles carry
    hashes and resolved URLs a version edit would leave wrong, so they get none."""
    target = fixes_all(plan)
    path, line = str(data.get("file")), data.get("line")
    if plan is None or target is None or detect_format(path) != REQUIREMENTS_FORMAT:
        return []
    text = _line_text(files, path, line if isinstance(line, int) else None)
    pin = re.compile(r"==\s*" + re.escape(str(data.get("version"))) + r"(?![\w.+!-])")
    if text is None or len(pin.findall(text)) != 1:
        return []
    replaced = pin.sub(lambda m: m.group(0)[: -len(str(data.get("version")))] + target, text)
    return [
        {
            "description": {"text": str(plan.get("message"))},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": artifact_uri(path), "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": line,
                                "startColumn": 1,
                                "endLine": line,
                                "endColumn": len(text.encode(_UTF16)) // 2 + 1,
                            },
                            "insertedContent": {"text": replaced},
                        }
                    ],
                }
            ],
        }
    ]


def render_sarif(
    results: Mapping[str, CheckResult],
    *,
    fail_on: str,
    root: Path,
    files: Mapping[str, bytes] | None = None,
) -> str:
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []

    def rule_for(rule_id: str, rule: dict[str, Any]) -> int:
        """Index of the rule `rule_id` (already capped by `_rule_id`), added on first use."""
        if rule_id not in rule_index:
            rule_index[rule_id] = len(rules)
            rules.append({"id": rule_id, **rule})
        return rule_index[rule_id]

    by_package = plans_by_package(upgrade_plans(results))
    for finding in _dependency_findings(results):
        data = finding.data
        plan = _plan_for(by_package, data)
        advisory_id, summary = str(data["advisory_id"]), str(data.get("summary") or data["advisory_id"])
        aliases = ", ".join(data.get("aliases") or ()) or "none"
        rule_id = _rule_id(advisory_id)
        index = rule_for(
            rule_id,
            {
                "name": advisory_id.replace("-", ""),
                "shortDescription": {"text": summary[:1000]},
                "fullDescription": {"text": f"{summary} (aliases: {aliases})"},
                "helpUri": data.get("url") or f"https://osv.dev/vulnerability/{advisory_id}",
                "help": {"text": f"{summary}\nAliases: {aliases}\n{data.get('url') or ''}"},
                "defaultConfiguration": {"level": LEVELS.get(str(data.get("severity")), "note")},
                "properties": {
                    "tags": ["security", "vulnerability", "dependency", str(data.get("ecosystem"))],
                    **_security_severity(data),
                    "precision": "very-high",
                },
            },
        )
        fixed = ", ".join(data.get("fixed_versions") or ()) or "no fixed version"
        fixes = sarif_fixes(plan, data, files or {})
        sarif_results.append(
            {
                **({"fixes": fixes} if fixes else {}),
                "ruleId": rule_id,
                "ruleIndex": index,
                "level": LEVELS.get(str(data.get("severity")), "note"),
                "message": {
                    "text": f"{data['package']} {data['version']} ({data['ecosystem']}) is affected by "
                    f"{advisory_id}: {summary}. Fixed in: {fixed}."
                },
                "locations": [_location(str(data["file"]), data.get("line"))],
                "partialFingerprints": {
                    "advisoryPackageVersion": ":".join(
                        (advisory_id, str(data["ecosystem"]), str(data["package"]), str(data["version"]))
                    )
                },
                "properties": {
                    "severity": str(data.get("severity")),
                    "severitySource": str(data.get("severity_source") or "none"),
                    **({"upgrade": str(plan.get("message"))} if plan else {}),
                    **({"upgradeTo": fixes_all(plan)} if fixes_all(plan) else {}),
                },
            }
        )
    for check_id, result in ordered_results(results):
        if check_id == DEPENDENCY_CHECK or result.status is not Status.FAIL:
            continue
        rule_id = _rule_id(check_id)
        index = rule_for(
            rule_id,
            {
                "name": check_id.replace("-", " ").title().replace(" ", ""),
                "shortDescription": {"text": result.summary[:1000] or check_id},
                "defaultConfiguration": {"level": "warning"},
                "properties": {"tags": ["security", "hygiene"]},
            },
        )
        failing: list[Finding | None] = [f for f in result.findings if f.status is Status.FAIL]
        for failed in failing or [None]:
            message = (failed.message if failed else "") or result.summary or f"{check_id} failed"
            located = failed.location if failed else None
            located = located if located and not located.org_level else None
            what = (failed.code or failed.message) if failed else ""
            entry: dict[str, Any] = {
                "ruleId": rule_id,
                "ruleIndex": index,
                "level": "warning",
                "message": {"text": message},
                # stable across runs: the check, what failed (its code, else its message) and where
                "partialFingerprints": {
                    "checkFinding": _fingerprint(check_id, what, located.path if located else "")
                },
            }
            if located:
                entry["locations"] = [_location(located.path, located.line)]
            sarif_results.append(entry)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "repo-hygiene",
                        "informationUri": INFORMATION_URI,
                        "semanticVersion": "0.1.0",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}},
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"
