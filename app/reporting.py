"""Rendering check results for `repo-hygiene check`: text for people, JSON for scripts, and SARIF 2.1.0
for code scanning (one rule per advisory, one result per affected dependency location)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checks.dependency_advisories import ID as DEPENDENCY_CHECK
from checks.dependency_advisories import reaches
from checks.model import CheckResult, Finding, Status

FINDING_KEYS = (
    "advisory_id",
    "aliases",
    "ecosystem",
    "package",
    "version",
    "severity",
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


def advisory_findings(results: Mapping[str, CheckResult]) -> list[dict[str, Any]]:
    result = results.get(DEPENDENCY_CHECK)
    if result is None:
        return []
    return [
        {**{k: f.data.get(k) for k in FINDING_KEYS}, "summary": f.data.get("summary", "")}
        for f in result.findings
    ]


def _finding_details(finding: Finding) -> dict[str, Any]:
    location = finding.location
    return {
        "status": finding.status.value,
        "message": finding.message,
        "code": finding.code,
        "path": location.path if location else None,
        "line": location.line if location else None,
    }


def render_json(results: Mapping[str, CheckResult], *, fail_on: str, root: Path) -> str:
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
        for check_id, result in results.items()
    ]
    document = {"checks": checks, "findings": advisory_findings(results), "fail_on": fail_on}
    return json.dumps(document, indent=2, default=str) + "\n"


def render_text(results: Mapping[str, CheckResult], *, fail_on: str, root: Path) -> str:
    lines = [f"repo-hygiene check {root}"]
    for check_id, result in results.items():
        lines.append(f"[{result.status.value.upper():>14}] {check_id}: {result.summary}")
        if check_id != DEPENDENCY_CHECK:
            lines.extend(f"    - {f.message}" for f in result.findings if f.status is not Status.PASS)
        unreadable = result.data.get("unreadable") or {} if check_id == DEPENDENCY_CHECK else {}
        lines.extend(f"    ! {error}" for error in unreadable.values())
    findings = advisory_findings(results)
    if findings:
        lines.append("")
        lines.append(f"{len(findings)} dependency advisories (fail on {fail_on}):")
    for f in findings:
        where = f"{f['file']}:{f['line']}" if f["line"] else f["file"]
        fix = ", ".join(f["fixed_versions"]) or "no fix"
        kind = {True: "direct", False: "transitive"}.get(f["direct"], "")
        mark = "!" if reaches(f["severity"], fail_on) else " "
        lines.append(
            f" {mark} {f['severity']:<8} {f['ecosystem']} {f['package']} {f['version']} {kind}".rstrip()
            + f"  {f['advisory_id']}  fix: {fix}  ({where})"
        )
        if f["summary"]:
            lines.append(f"      {f['summary']}")
    return "\n".join(lines) + "\n"


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


def render_sarif(results: Mapping[str, CheckResult], *, fail_on: str, root: Path) -> str:
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []

    def rule_for(rule_id: str, rule: dict[str, Any]) -> int:
        """Index of the rule `rule_id` (already capped by `_rule_id`), added on first use."""
        if rule_id not in rule_index:
            rule_index[rule_id] = len(rules)
            rules.append({"id": rule_id, **rule})
        return rule_index[rule_id]

    dependency = results.get(DEPENDENCY_CHECK)
    for finding in dependency.findings if dependency else ():
        data = finding.data
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
        sarif_results.append(
            {
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
            }
        )
    for check_id, result in results.items():
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
