"""One check run's result (the part between create and complete): a snapshot of head and of base
through the one snapshot reader, the `dependency-advisories` check on each, their diff, the output.

The configuration is the BASE's `.github/repo-hygiene.yml` (a pull request cannot relax its own
policy) over the organisation defaults the last scan stored (no API call). A run on the whole state
of the default branch (`whole_state`: a push to it, an advisory refresh) reads the head's own file,
as the scan behind the dashboard does, and counts every finding (`mode: all`), so the check on the
default branch agrees with the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.checking import load_advisories, run_check
from app.checkruns.escape import escape_markdown_text
from app.checkruns.output import FileReport, Output, RunFacts
from app.checkruns.render import render, render_simple
from app.github.gateway import RepoReader
from app.snapshot import ByteBudget, TreeRead, read_tree, snapshot_of_tree
from app.store.org_config import repository_org_config_text
from app.store.parse_cache import ParseCache
from checks import dependency_advisories, lockfiles
from checks._yaml_safe import MAX_BYTES
from checks.advisories.coverage import gap_summary
from checks.advisories.diff import Conclusion, DiffResult, diff_results
from checks.config import CONFIG_PATH, ORG_CONFIG_PATH, RepoConfig, config_from_snapshot
from checks.model import CheckContext, CheckResult, Need, RepoFacts, Snapshot, Status

if TYPE_CHECKING:
    from app.checkruns.runner import RunEnv

CHECK_ID = dependency_advisories.ID
CONFIG_NEEDS = (Need(CONFIG_PATH, max_bytes=MAX_BYTES),)  # the repository's file only


class CheckFailed(RuntimeError):
    """The check itself crashed (its result is an error without data)."""


@dataclass(frozen=True)
class Computed:
    output: Output
    head_result: CheckResult | None = None
    result: DiffResult | None = None
    base_reused: bool = False
    base_tree_sha: str | None = None
    facts: RunFacts | None = None  # the files read at head


async def _config(
    reader: RepoReader, env: RunEnv, facts: RepoFacts, tree: TreeRead, repository_id: int | None
) -> tuple[RepoConfig, list[str]]:
    org_text = None
    if reader.name.lower() != ".github" and repository_id is not None:  # by id: logins change hands
        with env.sessions() as session:
            org_text = repository_org_config_text(session, repository_id)
    org_files = {ORG_CONFIG_PATH: org_text.encode()} if org_text is not None else {}
    snapshot = await snapshot_of_tree(
        reader, facts, tree, CONFIG_NEEDS, cache=ParseCache(env.sessions), org_files=org_files
    )
    return config_from_snapshot(snapshot)


def _selected(tree: TreeRead, config: RepoConfig) -> tuple[list[str], dict[str, str]]:
    deps = config.dependencies
    return lockfiles.select_files(
        tree.paths, skip_paths=deps.skip_paths, include_fixtures=deps.include_fixtures
    )


def _dependency_files(tree: TreeRead, config: RepoConfig) -> set[tuple[str, str]]:
    kept = set(_selected(tree, config)[0])
    return {(e.path, e.sha) for e in tree.entries if e.path in kept}


async def _snapshot(
    reader: RepoReader, env: RunEnv, facts: RepoFacts, tree: TreeRead, config: RepoConfig
) -> Snapshot:
    """The dependency files the check reads (the ones it skips are not even downloaded)."""
    _, skipped = _selected(tree, config)
    return await snapshot_of_tree(
        reader,
        facts,
        tree,
        dependency_advisories.NEEDS,
        cache=ParseCache(env.sessions),
        exclude=set(skipped),
        budget=ByteBudget(env.byte_budget),
    )


def _changed_paths(head_tree: TreeRead, base_tree: TreeRead | None) -> set[str] | None:
    """Paths the change added or changed (blob differs from the base's); None without a base."""
    if base_tree is None:
        return None
    base = {e.path: e.sha for e in base_tree.entries}
    return {e.path for e in head_tree.entries if base.get(e.path) != e.sha}


# Why the snapshot reader left a file unread; a symbolic link is not content of its own
NOT_CONTENT = ("symbolic link",)


def _not_read(snapshot: Snapshot, tree: TreeRead, config: RepoConfig) -> dict[str, str]:
    """Dependency files the check would read that the snapshot did not download (too large, ...)."""
    kept = set(_selected(tree, config)[0])
    return {
        path: reason
        for path, reason in snapshot.skipped.items()
        if path in kept and reason not in NOT_CONTENT
    }


def _checked(result: CheckResult) -> CheckResult:
    if result.status is Status.ERROR and "files" not in result.data:
        raise CheckFailed(result.summary)
    return result


def _run_facts(head_sha: str, base_ref: str | None, result: CheckResult, notes: list[str]) -> RunFacts:
    files = tuple(
        FileReport(str(f["path"]), str(f.get("format") or ""), int(f.get("count") or 0), f.get("error"))
        for f in result.data.get("files") or ()
    )
    return RunFacts(head_sha, base_ref, files, dict(result.data.get("skipped") or {}), tuple(notes))


async def compute(
    reader: RepoReader,
    head_sha: str,
    base_ref: str | None,
    env: RunEnv,
    *,
    repository_id: int | None = None,
    whole_state: bool = False,
) -> Computed:
    head_tree = await read_tree(reader, head_sha)
    if not any(lockfiles.is_dependency_file(p) for p in head_tree.paths):
        return Computed(
            render_simple(
                Conclusion.SUCCESS,
                "No dependency files",
                "No lockfile or dependency manifest in this commit.",
            )
        )
    base_tree: TreeRead | None = None
    if base_ref:
        base_tree = head_tree if base_ref == head_sha else await read_tree(reader, base_ref)
    head_facts = RepoFacts(reader.owner, reader.name, head_sha=head_sha)
    base_facts = RepoFacts(reader.owner, reader.name, head_sha=base_ref)
    policy_from_base = base_tree is not None and not whole_state
    config, config_errors = await _config(
        reader,
        env,
        base_facts if policy_from_base else head_facts,
        base_tree if base_tree is not None and policy_from_base else head_tree,
        repository_id,
    )
    if whole_state:
        config = replace(config, dependencies=replace(config.dependencies, mode="all"))
    head = await _snapshot(reader, env, head_facts, head_tree, config)
    base: Snapshot | None = None
    reused = False
    if base_tree is not None:
        reused = _dependency_files(base_tree, config) == _dependency_files(head_tree, config)
        base = head if reused else await _snapshot(reader, env, base_facts, base_tree, config)
    snapshots = [head] if base is None or reused else [head, base]
    loaded = await load_advisories(
        env.sessions,
        snapshots,
        config,
        env.load_matcher,
        coverage_loader=env.load_coverage,
        max_age=env.advisory_max_age,
    )
    context = CheckContext(
        config=config, advisories=loaded.matcher, now=env.clock(), advisory_data=loaded.coverage
    )
    head_result = _checked(await run_check(CHECK_ID, head, context))
    base_result: CheckResult | None = None
    if base is not None:
        base_result = head_result if reused else _checked(await run_check(CHECK_ID, base, context))
    result = diff_results(
        head_result,
        base_result,
        config.dependencies,
        changed=_changed_paths(head_tree, base_tree),
        also_unreadable=_not_read(head, head_tree, config),
    )
    notes: list[str] = []
    if whole_state:
        notes.append(
            "This run checks the default branch's whole state: every finding counts, as on the dashboard."
        )
    if reused and not whole_state:
        notes.append("The base has the same dependency files, so every finding is already on the base.")
    skipped = head_result.data.get("skipped") or {}
    if skipped:
        files = "1 dependency file" if len(skipped) == 1 else f"{len(skipped)} dependency files"
        notes.append(f"{files} skipped (vendored, fixtures or `skip_paths`).")
    if head_tree.incomplete:
        notes.append(
            "This commit's file tree is too large to read whole; some dependency files were not read."
        )
    notes += [f"Configuration problem: {escape_markdown_text(e, 300)}" for e in config_errors[:10]]
    facts = _run_facts(head_sha, base_ref, head_result, notes)
    facts = replace(facts, advisory_gap=gap_summary(head_result.data))
    base_tree_sha = base_tree.sha if base_tree is not None else None
    return Computed(render(result, facts), head_result, result, reused, base_tree_sha, facts)
