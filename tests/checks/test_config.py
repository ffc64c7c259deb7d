"""`.github/repo-hygiene.yml` parsing: defaults, org merge, and every kind of bad input."""

from __future__ import annotations

from datetime import date

from checks.config import DEFAULT_CONFIG, NO_THRESHOLD, DependencyConfig, IgnoreRule, parse_config

FULL = b"""
checks:
  security-badge: {enabled: false}
pull_requests: {enabled: true, security_md: true, badge: false, on_forks: true}
security_policy:
  contact_email: security@acme.test
  response_days: 5
  disclosure_days: 45
  private_vulnerability_reporting: true
exclude: ["sandbox-*", "acme/legacy"]
dependencies:
  fail_on: critical
  mode: all
  ignore:
    - {id: GHSA-aaaa-bbbb-cccc, until: 2030-01-31, reason: not reachable}
    - {id: CVE-2024-1}
  skip_paths: ["examples/**"]
  include_fixtures: true
"""


def test_absent_files_give_defaults_and_no_errors() -> None:
    assert parse_config(None, None) == (DEFAULT_CONFIG, [])
    assert parse_config(b"", b"   \n") == (DEFAULT_CONFIG, [])


def test_full_file_is_parsed() -> None:
    config, errors = parse_config(FULL)
    assert errors == []
    assert not config.check_enabled("security-badge") and config.check_enabled("security-policy")
    assert (config.pull_requests.badge, config.pull_requests.on_forks) == (False, True)
    sp = config.security_policy
    assert (sp.contact_email, sp.response_days, sp.disclosure_days) == ("security@acme.test", 5, 45)
    assert sp.private_vulnerability_reporting is True
    assert config.is_excluded("acme/sandbox-x") and config.is_excluded("acme/legacy")
    assert not config.is_excluded("acme/app")
    deps = config.dependencies
    assert (deps.fail_on, deps.mode, deps.skip_paths, deps.include_fixtures) == (
        "critical",
        "all",
        ("examples/**",),
        True,
    )
    assert deps.ignore[0] == IgnoreRule("GHSA-aaaa-bbbb-cccc", date(2030, 1, 31), "not reachable")
    assert deps.ignore[1] == IgnoreRule("CVE-2024-1", None, "")


def test_ignore_rules_expire_and_match_aliases() -> None:
    config, _ = parse_config(FULL)
    deps = config.dependencies
    assert deps.ignored(["GHSA-zzzz", "ghsa-aaaa-bbbb-cccc"], date(2030, 1, 31)) is deps.ignore[0]
    assert deps.ignored(["GHSA-aaaa-bbbb-cccc"], date(2030, 2, 1)) is None
    assert deps.ignored(["CVE-2024-1"], date(2099, 1, 1)) is deps.ignore[1]
    assert deps.at_or_above_threshold("critical") and not deps.at_or_above_threshold("high")
    assert not deps.at_or_above_threshold("unknown")


def test_dependency_defaults_fail_on_any_advisory_unknown_severity_included() -> None:
    deps = DEFAULT_CONFIG.dependencies
    assert (deps.fail_on, deps.unknown_severity) == ("low", "fail")
    assert all(deps.fails(s) for s in ("critical", "high", "moderate", "low", "unknown", "severe"))


def test_fail_on_and_unknown_severity_decide_each_verdict() -> None:
    config, errors = parse_config(b"dependencies: {fail_on: high, unknown_severity: ignore}\n")
    deps = config.dependencies
    assert errors == [] and (deps.fail_on, deps.unknown_severity) == ("high", "ignore")
    assert [deps.fails(s) for s in ("critical", "high", "moderate", "low", "unknown")] == [
        True,
        True,
        False,
        False,
        False,
    ]
    only_threshold, _ = parse_config(b"dependencies: {fail_on: critical}\n")
    assert only_threshold.dependencies.fails("unknown")  # unknown still fails unless ignored
    assert not only_threshold.dependencies.fails("high")
    never = DependencyConfig(fail_on=NO_THRESHOLD)  # `check --fail-on none`
    assert not any(never.fails(s) for s in ("critical", "unknown"))
    bad, errors = parse_config(b"dependencies: {unknown_severity: warn}\n")
    assert bad.dependencies.unknown_severity == "fail"
    assert errors == [
        ".github/repo-hygiene.yml: dependencies.unknown_severity: expected one of fail, ignore, "
        "got 'warn'; ignored (default: fail)"
    ]


def test_repo_file_overrides_org_defaults_key_by_key() -> None:
    org = b"""
pull_requests: {on_forks: true, badge: false}
security_policy: {contact_email: sec@org.test, response_days: 2}
exclude: ["archive-*"]
"""
    repo = b"pull_requests: {badge: true}\nsecurity_policy: {response_days: 7}\n"
    config, errors = parse_config(repo, org)
    assert errors == []
    assert config.pull_requests.on_forks is True  # from org
    assert config.pull_requests.badge is True  # repo wins
    assert config.security_policy.contact_email == "sec@org.test"
    assert config.security_policy.response_days == 7
    assert config.exclude == ("archive-*",)


def test_wrong_types_keep_defaults_and_the_rest_still_applies() -> None:
    text = b"""
pull_requests: {badge: "yes please", on_forks: true, colour: blue}
security_policy: {response_days: 30, disclosure_days: "ninety", contact_email: not-an-email}
dependencies: {fail_on: severe, mode: all, ignore: [{until: 2030-01-01}], skip_paths: "x"}
exclude: "*"
checks: {no-such-check: {enabled: false}, security-policy: {enabled: maybe}}
surprise: 1
"""
    config, errors = parse_config(text)
    assert config.pull_requests.badge is True and config.pull_requests.on_forks is True
    assert config.security_policy == DEFAULT_CONFIG.security_policy
    assert config.dependencies.mode == "all" and config.dependencies.fail_on == "low"
    assert config.dependencies.ignore == () and config.exclude == ()
    assert config.check_enabled("security-policy")
    joined = "\n".join(errors)
    for expected in (
        "pull_requests.badge: expected true or false, got 'yes please'",
        "pull_requests: unknown key 'colour'",
        "security_policy.response_days: must be from 1 to 14, got 30",
        "security_policy.disclosure_days: expected a whole number from 1 to 365, got 'ninety'",
        "security_policy.contact_email: expected an email address or null",
        "dependencies.fail_on: expected one of critical, high, moderate, low, got 'severe'",
        "dependencies.ignore: item 1: 'id' must be an advisory id",
        "dependencies.skip_paths: expected a list of glob strings",
        "exclude: expected a list of glob strings",
        "checks: unknown check 'no-such-check'",
        "checks.security-policy.enabled: expected true or false, got 'maybe'",
        "unknown key 'surprise'",
    ):
        assert expected in joined, expected
    assert all(e.startswith(".github/repo-hygiene.yml: ") for e in errors)


def test_bad_yaml_is_reported_and_ignored() -> None:
    config, errors = parse_config(b"pull_requests: [\n", b"exclude: ['a-*']\n")
    assert config.exclude == ("a-*",)
    assert len(errors) == 1 and "invalid YAML at line" in errors[0]


def test_non_mapping_and_invalid_utf8_and_oversize() -> None:
    assert "expected a mapping at the top level, got list" in parse_config(b"- 1\n- 2\n")[1][0]
    assert "not valid UTF-8" in parse_config(b"exclude: ['\xff']\n")[1][0]
    assert "over the 65536-byte limit" in parse_config(b"#" * 70_000)[1][0]
    assert "invalid YAML" in parse_config(b"!!python/object/apply:os.system ['true']\n")[1][0]


def test_alias_bomb_is_rejected_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        ref = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([ref] * 10)}]")
    lines.append("exclude: *a8")
    config, errors = parse_config("\n".join(lines).encode())
    assert config == DEFAULT_CONFIG
    assert errors == [
        ".github/repo-hygiene.yml: document expands to more than 10000 nodes (aliases?); ignored"
    ]


def test_org_errors_are_labelled_as_org() -> None:
    _, errors = parse_config(None, b"pull_requests: {enabled: 1}\n")
    assert errors == [
        "org .github/repo-hygiene.yml: pull_requests.enabled: expected true or false, got 1;"
        " ignored (default: true)"
    ]


def test_config_from_snapshot_reads_repo_and_org_files() -> None:
    from checks.config import CONFIG_NEEDS, config_from_snapshot
    from checks.model import RepoFacts, Snapshot

    assert CONFIG_NEEDS[0].matches(".github/repo-hygiene.yml") and CONFIG_NEEDS[0].org_fallback
    snap = Snapshot(
        RepoFacts("acme", "widget"),
        files={".github/repo-hygiene.yml": b"pull_requests: {badge: false}\n"},
        org_files={".github/repo-hygiene.yml": b"exclude: ['x-*']\n"},
    )
    config, errors = config_from_snapshot(snap)
    assert errors == [] and config.exclude == ("x-*",) and config.pull_requests.badge is False
    skipped = Snapshot(RepoFacts("acme", "widget"), skipped={".github/repo-hygiene.yml": "too large"})
    assert config_from_snapshot(skipped) == (
        DEFAULT_CONFIG,
        [".github/repo-hygiene.yml: not read (too large); ignored"],
    )


def test_ignore_rule_shapes_and_deep_nesting() -> None:
    text = b"""
dependencies:
  ignore:
    - {id: GHSA-1, until: "2030-01-31", reason: quoted date}
"""
    config, errors = parse_config(text)
    assert errors == [] and config.dependencies.ignore == (
        IgnoreRule("GHSA-1", date(2030, 1, 31), "quoted date"),
    )
    for bad, message in (
        (b"dependencies: {ignore: GHSA-1}", "expected a list of {id, until, reason}"),
        (b"dependencies: {ignore: [GHSA-1]}", "item 1: expected a mapping"),
        (b"dependencies: {ignore: [{id: GHSA-1, by: me}]}", "item 1: unknown key(s) by"),
        (b"dependencies: {ignore: [{id: GHSA-1, reason: 5}]}", "item 1: 'reason' must be text"),
        (b"dependencies: {ignore: [{id: GHSA-1, until: soon}]}", "item 1: 'until': expected a date"),
        (b"security_policy: [1]", "security_policy: expected a mapping"),
        (b"checks: [1]", "checks: expected a mapping of check id"),
        (
            b"checks: {security-policy: true}",
            "checks.security-policy: expected {enabled: true|false, fix: true|false}",
        ),
        (b"checks: {security-policy: {fix: maybe}}", "checks.security-policy.fix: expected true or false"),
        (b"[" * 3000 + b"]" * 3000, "nesting too deep"),
    ):
        config, errors = parse_config(bad)
        assert len(errors) == 1 and message in errors[0], (bad[:40], errors)
        assert config.dependencies.ignore == ()


def test_per_check_fix_switches_merge_over_the_org_defaults() -> None:
    org = b"checks: {security-badge: {fix: false}, dependency-advisories: {fix: true}}\n"
    repo = b"checks: {security-badge: {enabled: true}, security-policy: {fix: false, enabled: true}}\n"
    config, errors = parse_config(repo, org)
    assert errors == []
    assert dict(config.fixes) == {
        "security-badge": False,
        "dependency-advisories": True,
        "security-policy": False,
    }
    assert not config.fix_enabled("security-badge") and config.fix_enabled(
        "dependency-advisories", opt_in=True
    )
    default = parse_config(None)[0]
    assert default.fix_enabled("dependency-advisories") and not default.fix_enabled(
        "dependency-advisories", True
    )
    legacy = parse_config(b"pull_requests: {badge: false}")[0]
    assert not legacy.fix_enabled("security-badge") and legacy.fix_enabled("security-policy")


def test_dry_run_is_a_top_level_switch_off_by_default() -> None:
    assert parse_config(None)[0].dry_run is False
    assert parse_config("exclude: []\n", org_defaults="dry_run: true\n")[0].dry_run is True
    config, errors = parse_config("dry_run: sometimes\n")
    assert config.dry_run is False
    assert errors == [
        ".github/repo-hygiene.yml: dry_run: expected true or false, got 'sometimes'; ignored (default: false)"
    ]
