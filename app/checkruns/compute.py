"""Read, match, diff and render one check run's result (the part between create and complete)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.checkruns.diff import Conclusion, DiffResult, diff_findings, policy_from_config
from app.checkruns.escape import escape_markdown_text
from app.checkruns.inventory import FileInventory, read_inventory, select_files
from app.checkruns.output import FileReport, Output, RunFacts
from app.checkruns.reader import GitHubReader, Tree
from app.checkruns.render import render, render_simple
from app.checkruns.store import cached_blobs, save_blob
from app.store.org_config import repository_org_config_text
from checks import lockfiles
from checks.advisories.osv import normalise_name
from checks.config import CONFIG_PATH, RepoConfig, parse_config
from checks.model import AdvisoryFinding, Dependency

if TYPE_CHECKING:
    from app.checkruns.runner import RunEnv

CONFIG_PARSER = "config:text:1"


@dataclass(frozen=True)
class Computed:
    output: Output
    head_findings: tuple[AdvisoryFinding, ...] = ()
    dependencies: tuple[Dependency, ...] = ()  # at head
    result: DiffResult | None = None
    base_reused: bool = False
    base_tree_sha: str | None = None
    facts: RunFacts | None = None  # the files read at head


async def _config(
    reader: GitHubReader, session: Session, tree: Tree, repository_id: int | None
) -> tuple[RepoConfig, list[str]]:
    """The repository's `.github/repo-hygiene.yml` (read from the base, so a pull request cannot
    relax its own policy) over the organisation defaults the last scan stored (no API call)."""
    org_text = None
    if reader.name.lower() != ".github" and repository_id is not None:  # by id: logins can change hands
        org_text = repository_org_config_text(session, repository_id)
    entry = tree.by_path().get(CONFIG_PATH)
    if entry is None:
        session.rollback()
        return parse_config(None, org_text)
    cached = cached_blobs(session, [(entry.sha, CONFIG_PARSER)]).get((entry.sha, CONFIG_PARSER))
    session.rollback()  # no transaction stays open across the download
    if cached is not None:
        text = str(cached.data)
    else:
        text = (await reader.blob(entry.sha)).decode("utf-8", errors="replace")
        save_blob(session, entry.sha, CONFIG_PARSER, "yaml", text, None)
        session.commit()
    return parse_config(text, org_text)


def _dependencies(files: list[FileInventory]) -> list[Dependency]:
    return [d for f in files for d in f.dependencies]


def _file_reports(files: list[FileInventory]) -> tuple[FileReport, ...]:
    return tuple(FileReport(f.path, f.format, len(f.dependencies), f.error) for f in files)


async def compute(
    reader: GitHubReader,
    head_sha: str,
    base_ref: str | None,
    env: RunEnv,
    *,
    today: date,
    repository_id: int | None = None,
) -> Computed:
    head_tree = await reader.tree(head_sha)
    if not any(lockfiles.is_dependency_file(e.path) for e in head_tree.entries):
        return Computed(
            render_simple(
                Conclusion.SUCCESS,
                "No dependency files",
                "No lockfile or dependency manifest in this commit.",
            )
        )
    base_tree: Tree | None = None
    if base_ref:
        base_tree = head_tree if base_ref == head_sha else await reader.tree(base_ref)
    with env.sessions() as session:
        config, config_errors = await _config(reader, session, base_tree or head_tree, repository_id)
        deps_config = config.dependencies
        skip_paths, fixtures = tuple(deps_config.skip_paths), deps_config.include_fixtures
        head_entries, skipped = select_files(head_tree, skip_paths=skip_paths, include_fixtures=fixtures)
        head_files = await read_inventory(reader, session, head_entries)
        base_files: list[FileInventory] | None = None
        reused = False
        if base_tree is not None:
            base_entries, _ = select_files(base_tree, skip_paths=skip_paths, include_fixtures=fixtures)
            reused = {(e.path, e.sha) for e in base_entries} == {(e.path, e.sha) for e in head_entries}
            base_files = head_files if reused else await read_inventory(reader, session, base_entries)
        head_deps = _dependencies(head_files)
        base_deps = _dependencies(base_files or [])
        wanted = {(d.ecosystem, normalise_name(d.ecosystem, d.name)) for d in (*head_deps, *base_deps)}
        matcher = env.load_matcher(session, wanted)
    head_findings = matcher.match(head_deps)
    base_findings = None if base_files is None else head_findings if reused else matcher.match(base_deps)
    result = diff_findings(head_findings, base_findings, policy_from_config(deps_config), today)
    notes: list[str] = []
    if reused:
        notes.append("The base has the same dependency files, so every finding is already on the base.")
    if skipped:
        notes.append(f"{len(skipped)} dependency file(s) skipped (vendored, fixtures or `skip_paths`).")
    if head_tree.truncated:
        notes.append(
            "GitHub truncated this commit's file tree; some dependency files may not have been read."
        )
    notes += [f"Configuration problem: {escape_markdown_text(e, 300)}" for e in config_errors[:10]]
    facts = RunFacts(head_sha, base_ref, _file_reports(head_files), skipped, tuple(notes))
    base_tree_sha = base_tree.sha if base_tree is not None else None
    return Computed(
        render(result, facts), tuple(head_findings), tuple(head_deps), result, reused, base_tree_sha, facts
    )
