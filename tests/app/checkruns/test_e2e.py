"""End to end: the simulator sends signed webhooks to the app under uvicorn; the app files check runs."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.e2e_harness import World, start_world

pytestmark = pytest.mark.e2e

HOSTILE = "Prototype pollution <img src=x onerror=alert(1)> in `merge` | zipObjectDeep"
LODASH = {
    "id": "GHSA-p6mc-m468-83gw",
    "aliases": ["CVE-2020-8203"],
    "modified": "2024-01-01T00:00:00Z",
    "summary": HOSTILE,
    "database_specific": {"severity": "HIGH"},
    "affected": [
        {
            "package": {"ecosystem": "npm", "name": "lodash"},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.19"}]}],
        }
    ],
}


def lock(lodash: str) -> str:
    return npm_lock({"express": "4.17.1", "lodash": lodash}).decode()


CLEAN = {"package-lock.json": lock("4.17.21"), "README.md": "# c\n"}
LEGACY = {"package-lock.json": lock("4.17.15"), "README.md": "# l\n"}


def branch(world: World, repo: str, name: str, changes: dict[str, str]) -> str:
    """A branch with the default branch's files plus `changes` (the simulator starts new branches empty)."""
    files = dict(CLEAN if repo == "clean" else LEGACY)
    return str(world.control.push("acme", repo, {**files, **changes}, branch=name))


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = start_world(tmp_path)
    try:
        w.add_advisories(LODASH)
        w.control.create_org("acme")
        w.control.create_user("alice", orgs={"acme": "admin"})
        w.control.create_repo(
            "acme", "clean", files={"package-lock.json": lock("4.17.21"), "README.md": "# c\n"}
        )
        w.control.create_repo(
            "acme", "legacy", files={"package-lock.json": lock("4.17.15"), "README.md": "# l\n"}
        )
        w.control.install("acme")
        w.settle()
        yield w
        assert w.job_errors() == []
    finally:
        w.app.stop()
        w.sim.stop()


def test_pr_adding_a_vulnerable_version_fails_with_annotation_on_the_line(world: World) -> None:
    content = lock("4.17.15")
    head = branch(world, "clean", "bump", {"package-lock.json": content})
    world.open_pull("acme", "clean", "bump")
    world.settle()
    run = world.completed_run(head)
    assert run.conclusion == "failure"
    assert run.output["title"] == "1 introduced (1 high)"
    (note,) = run.annotations
    assert note["path"] == "package-lock.json" and note["annotation_level"] == "failure"
    assert content.splitlines()[note["start_line"] - 1].strip() == '"node_modules/lodash": {'
    # the hostile advisory summary is shown as text
    summary = run.output["summary"]
    assert "<img" not in summary
    assert html.unescape(summary).count("<img src\\=x onerror\\=alert\\(1\\)>") == 1
    assert "\\`merge\\` \\| zipObjectDeep" in summary
    assert all(r.status == "completed" for r in world.runs(head))


def test_a_branch_pushed_before_its_pr_is_checked_once(world: World) -> None:
    head = branch(world, "clean", "early", {"package-lock.json": lock("4.17.15")})
    world.settle()  # check_suite.requested has been handled: one run, against the default branch
    assert [r.conclusion for r in world.runs(head)] == ["failure"]
    world.open_pull("acme", "clean", "early")
    world.settle()  # pull_request.opened: same head, same base tree -> nothing new filed
    assert [r.conclusion for r in world.runs(head)] == ["failure"]


def test_docs_only_pr_on_a_repo_with_old_findings_is_neutral(world: World) -> None:
    head = branch(world, "legacy", "docs", {"docs/usage.md": "How to use\n"})
    world.open_pull("acme", "legacy", "docs")
    world.settle()
    run = world.completed_run(head)
    assert run.conclusion == "neutral", run.output
    assert "introduces no advisories" in run.output["summary"]
    assert run.output["title"] == "1 still present (1 high)"
    assert run.annotations == []


def test_pr_upgrading_past_the_fix_turns_green(world: World) -> None:
    head = branch(world, "legacy", "upgrade", {"package-lock.json": lock("4.17.19")})
    world.open_pull("acme", "legacy", "upgrade")
    world.settle()
    run = world.completed_run(head)
    assert run.conclusion == "success" and run.output["title"] == "No known advisories; 1 fixed"
    assert "fixes CVE\\-2020\\-8203" in run.output["summary"]


def test_rerequest_and_recheck_button_file_fresh_runs(world: World) -> None:
    head = branch(world, "clean", "bump", {"package-lock.json": lock("4.17.15")})
    world.open_pull("acme", "clean", "bump")
    world.settle()
    first = world.completed_run(head)
    before = len(world.runs(head))
    assert first.actions == [
        {
            "label": "Re-check advisories",
            "description": "Re-check with the latest advisories",
            "identifier": "recheck",
        }
    ]
    world.control.rerequest_check_run(first.id)
    world.settle()
    assert len(world.runs(head)) == before + 1
    rerun = world.runs(head)[-1]
    assert rerun.status == "completed" and rerun.conclusion == "failure"

    world.control.click_check_run_action(rerun.id, "recheck")
    world.settle()
    runs = world.runs(head)
    assert len(runs) == before + 2
    assert runs[-1].status == "completed" and runs[-1].conclusion == "failure"


def test_fork_pull_request_is_checked_with_the_base_installation(world: World) -> None:
    """A stranger forks acme/clean, adds a vulnerable lockfile entry on a branch of the fork and opens
    a pull request to acme. The app is installed on acme only: it hears `pull_request.opened` (no push
    or check suite for the fork) and files the run on the base repository for the fork's head."""
    world.control.create_user("stranger")
    world.control.fork("acme", "clean", to="stranger")
    world.settle()
    content = lock("4.17.15")
    head = world.control.push(
        "stranger", "clean", {"package-lock.json": content}, branch="patch-1", author="stranger"
    )
    pull = world.open_pull("acme", "clean", "stranger:patch-1", by="stranger")
    assert pull["head"]["repo"]["full_name"] == "stranger/clean" and pull["head"]["sha"] == head
    world.settle()
    run = world.completed_run(head)
    assert run.conclusion == "failure" and run.output["title"] == "1 introduced (1 high)"
    (note,) = run.annotations
    assert note["path"] == "package-lock.json" and note["annotation_level"] == "failure"
    assert content.splitlines()[note["start_line"] - 1].strip() == '"node_modules/lodash": {'
    assert len(world.runs(head)) == 1
    with world.sim.state.lock:
        base_repo = world.sim.state.repo_by_name("acme", "clean")
        assert base_repo is not None and run.repo_id == base_repo.id
        sent = [(d.event, d.repository_id) for d in world.sim.state.deliveries]
    fork_id = world.control.repo("stranger", "clean")["id"]
    assert all(repo_id != fork_id for _, repo_id in sent)  # nothing about the fork reached the app
    # Re-run: GitHub leaves fork PRs out of the run's `pull_requests`; the app compares with the base
    world.control.rerequest_check_run(run.id)
    world.settle()
    assert [r.conclusion for r in world.runs(head)] == ["failure", "failure"]
    # the stranger pushes a fix to the fork: pull_request.synchronize, and the new head turns green
    fixed = world.control.push("stranger", "clean", {"package-lock.json": lock("4.17.21")}, branch="patch-1")
    world.settle()
    assert world.completed_run(fixed).conclusion == "success"


def test_merging_into_the_default_branch_checks_the_push_once(world: World) -> None:
    branch(world, "clean", "bump", {"package-lock.json": lock("4.17.15")})
    pull = world.open_pull("acme", "clean", "bump")
    world.settle()
    merged = world.control.merge_pull("acme", "clean", pull["number"])
    world.settle()  # push (base: before) and check_suite.requested (base: before) for the merge commit
    assert [r.conclusion for r in world.runs(merged)] == ["failure"]


def test_new_advisories_recheck_the_default_branch_and_refresh_the_stored_result(world: World) -> None:
    from sqlalchemy import select

    from app.jobs.queue import enqueue
    from app.store.models import CheckResultRow, Repository

    with world.services.sessions() as session:
        repo = session.scalars(select(Repository).where(Repository.name == "legacy")).one()
        stored = session.scalars(
            select(CheckResultRow).where(
                CheckResultRow.repository_id == repo.id, CheckResultRow.check_id == "dependency-advisories"
            )
        ).one()
        assert ["npm", "lodash", "4.17.15"] in stored.details["data"]["packages"]  # from the scan
    legacy_head = world.control.repo("acme", "legacy")["refs"]["refs/heads/main"]
    other = world.control.repo("acme", "clean")["refs"]["refs/heads/main"]
    world.control.create_repo("acme", "python", files={"requirements.txt": "jinja2==2.10\n"})
    world.settle()
    python_head = world.control.repo("acme", "python")["refs"]["refs/heads/main"]
    before = {sha: len(world.runs(sha)) for sha in (legacy_head, other, python_head)}
    with world.services.sessions() as session, session.begin():
        enqueue(session, "advisories.changed", {"packages": [["npm", "lodash"]]})
    world.settle()
    after = {sha: len(world.runs(sha)) for sha in (legacy_head, other, python_head)}
    # both repositories using lodash are re-checked (by name: the new advisory may cover any version)
    assert after == {
        legacy_head: before[legacy_head] + 1,
        other: before[other] + 1,
        python_head: before[python_head],
    }
    head = legacy_head
    run = world.runs(head)[-1]
    # the default branch's whole state: the advisory already on it fails, as the stored result says
    assert run.conclusion == "failure" and run.output["title"] == "1 still present (1 high)"
    with world.services.sessions() as session:
        row = session.scalars(
            select(CheckResultRow).where(
                CheckResultRow.repository_id == repo.id, CheckResultRow.check_id == "dependency-advisories"
            )
        ).one()
        assert row.status == "fail" and row.commit_sha == head
        assert [f["code"] for f in row.details["findings"]] == ["GHSA-p6mc-m468-83gw"]


def test_a_push_to_the_default_branch_fails_on_an_advisory_already_there_as_the_dashboard_does(
    world: World,
) -> None:
    from sqlalchemy import select

    from app.store.models import CheckResultRow, Repository

    docs = world.control.push("acme", "legacy", {**LEGACY, "README.md": "# l, documented\n"}, branch="main")
    world.settle()
    (run,) = world.runs(docs)
    assert (
        run.conclusion == "failure"
    )  # lodash 4.17.15 (high) was on `before` too: the branch is checked whole
    assert run.output["title"] == "1 still present (1 high)"
    with world.services.sessions() as session:
        repo = session.scalars(select(Repository).where(Repository.name == "legacy")).one()
        stored = session.scalars(
            select(CheckResultRow).where(
                CheckResultRow.repository_id == repo.id, CheckResultRow.check_id == "dependency-advisories"
            )
        ).one()
    assert (stored.status, stored.commit_sha) == ("fail", docs)  # the scan behind the dashboard agrees
