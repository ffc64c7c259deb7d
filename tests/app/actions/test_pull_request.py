"""The PR writer against a stateful fake GitHub on respx, through a real githubkit client."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx
from githubkit import GitHub
from githubkit.cache import MemCacheStrategy
from sqlalchemy.orm import Session

import checks
from app.actions.plan import BRANCH
from app.actions.pull_request import ensure_security_pr
from app.errors import RateLimited, ServerError
from app.store.base import Base, make_engine, make_sessionmaker
from app.store.models import HygienePullRequest, Installation, Repository
from checks.config import DEFAULT_CONFIG, RepoConfig, parse_config
from checks.model import RepoFacts, Snapshot
from tests.checks.snapshots import context
from tests.conftest import shared_path
from tests.fakes.github import FakeGitHub

API = "https://gh.test/"
README = b"# Widget\n\nA widget.\n"
POLICY = (
    b"Supported: latest. Report privately to sec@acme.dev. We reply within 2 days; disclosure in 90 days.\n"
)


@pytest.fixture
def session() -> Iterator[Session]:
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    with make_sessionmaker(engine)() as s:
        s.add(Installation(id=1, account_login="acme", account_id=1, account_type="Organization"))
        s.add(Repository(id=10, installation_id=1, owner="acme", name="widget"))
        s.commit()
        yield s
    engine.dispose()


@pytest.fixture
async def gh() -> AsyncIterator[GitHub[Any]]:
    client = GitHub(
        "ghs_test", base_url=API, auto_retry=False, http_cache=False, cache_strategy=MemCacheStrategy()
    )
    async with client:
        yield client


class World:
    """The fake GitHub plus what a scan job would pass: snapshot of the default branch and results."""

    def __init__(
        self,
        files: dict[str, bytes],
        org_files: dict[str, bytes] | None = None,
        *,
        graphql: bool = True,
        **facts: Any,
    ) -> None:
        self.fake = FakeGitHub.with_files(files, name="widget", api=API, graphql=graphql)
        self.org_files = org_files or {}
        self.facts = {"private_vulnerability_reporting": True, **facts}

    def snapshot(self) -> Snapshot:
        files = self.fake.files_at("main")
        facts = RepoFacts("acme", "widget", head_sha=self.fake.refs["main"], **self.facts)
        return Snapshot(facts, tuple(files), files, self.org_files)

    async def run(self, gh: GitHub[Any], session: Session, config: RepoConfig = DEFAULT_CONFIG) -> str:
        snap = self.snapshot()
        results = checks.run_all(snap, context(config), ["security-policy", "security-badge"])
        repo = session.get(Repository, 10)
        assert repo is not None
        return await ensure_security_pr(gh, session, repo, snap, results, config)

    def merge_into_main(self, files: dict[str, bytes]) -> None:
        self.fake.refs["main"] = self.fake.commit(
            [self.fake.refs["main"]], {**self.fake.files_at("main"), **files}
        )


def _row(session: Session) -> HygienePullRequest:
    row = session.get(HygienePullRequest, 10)
    assert row is not None
    return row


@pytest.mark.anyio
async def test_first_open_then_rerun_updates_nothing(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "opened #1"
        branch_files = world.fake.files_at(BRANCH)
        assert b"sec" in branch_files["SECURITY.md"] or b"advisories/new" in branch_files["SECURITY.md"]
        assert b"](SECURITY.md)" in branch_files["README.md"]
        parents = world.fake.parents[world.fake.refs[BRANCH]]
        assert parents == [world.fake.base_sha]  # one commit on top of the default head
        pr = world.fake.prs[0]
        assert pr["title"] == (
            "Add a security policy (SECURITY.md) and link the security policy from the README"
        )
        assert "private" in pr["body"] and "{{" not in pr["body"]
        assert (
            "- Add a security policy (SECURITY.md)\n- Link the security policy from the README" in pr["body"]
        )
        assert "**`SECURITY.md`**: widget has no security policy" in pr["body"]
        assert '**`README.md`**: a "Security Policy" badge under the title' in pr["body"]
        row = _row(session)
        assert (row.number, row.state, row.branch) == (1, "open", BRANCH)
        assert row.head_sha == world.fake.refs[BRANCH] and row.html_url.endswith("/pull/1")

        writes_before = len(world.fake.writes())
        assert await world.run(gh, session) == "updated #1"
        assert len(world.fake.writes()) == writes_before + 1  # only the 422 "Reference already exists"
        assert len(world.fake.prs) == 1 and len(world.fake.graphql_inputs) == 1


@pytest.mark.anyio
async def test_default_branch_moved_resets_branch_with_one_commit(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        await world.run(gh, session)
        world.merge_into_main({"README.md": b"# Widget\n\nA better widget.\n"})
        assert await world.run(gh, session) == "updated #1"
        head = world.fake.refs[BRANCH]
        parents, files = world.fake.parents[head], world.fake.commits[head]
        assert parents == [world.fake.refs["main"]]
        assert b"A better widget" in files["README.md"] and b"Security-Policy" in files["README.md"]
        assert ("PATCH", f"/repos/acme/widget/git/refs/heads/{BRANCH}") in world.fake.requests
        assert len(world.fake.prs) == 1


@pytest.mark.anyio
async def test_reference_exists_from_a_crashed_run_is_reused(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README})
    world.fake.refs[BRANCH] = world.fake.base_sha  # a branch left behind, no PR, no DB row
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "opened #1"
        assert len(world.fake.prs) == 1 and b"Security" in world.fake.files_at(BRANCH)["README.md"]


@pytest.mark.anyio
async def test_pull_request_already_exists_is_found_and_updated(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        await world.run(gh, session)
        world.fake.prs[0]["title"] = "stale title"
        listings = {"n": 0}

        def first_listing_is_stale(request: httpx.Request) -> httpx.Response:
            if request.method == "GET" and request.url.path.endswith("/pulls") and listings["n"] == 0:
                listings["n"] += 1
                return httpx.Response(200, json=[])
            return world.fake.handle(request)

        router.routes.clear()
        router.route(host="gh.test").mock(side_effect=first_listing_is_stale)
        session.delete(_row(session))
        session.commit()
        assert await world.run(gh, session) == "updated #1"
        assert len(world.fake.prs) == 1 and world.fake.prs[0]["title"] != "stale title"
        assert any(m == "POST" and p.endswith("/pulls") for m, p in world.fake.requests[-6:])
        assert _row(session).state == "open"


@pytest.mark.anyio
async def test_declined_is_remembered_even_without_db_row(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        await world.run(gh, session)
        world.fake.human_closes(1)
        result = await world.run(gh, session)
        assert result == "no action: a maintainer closed #1 without merging; not asking again"
        assert _row(session).state == "declined" and _row(session).closed_at is not None
        session.delete(_row(session))
        session.commit()
        writes = len(world.fake.writes())
        assert (await world.run(gh, session)).startswith("no action: a maintainer closed #1")
        assert len(world.fake.writes()) == writes and len(world.fake.prs) == 1


@pytest.mark.anyio
async def test_self_close_with_comment_when_fixed_another_way(gh: GitHub[Any], session: Session) -> None:
    world = World({})  # no README: the PR only adds SECURITY.md
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "opened #1"
        world.merge_into_main({"docs/SECURITY.md": POLICY})  # a human wrote their own
        assert await world.run(gh, session) == "closed #1: fixed another way"
        assert world.fake.prs[0]["state"] == "closed" and BRANCH not in world.fake.refs
        assert world.fake.comments == [(1, world.fake.comments[0][1])]
        assert "docs/SECURITY.md" in world.fake.comments[0][1]
        assert _row(session).state == "closed_by_app"
        writes = len(world.fake.writes())
        assert await world.run(gh, session) == "no action: compliant"
        assert len(world.fake.writes()) == writes


@pytest.mark.anyio
async def test_readme_less_repo_gets_only_security_md(gh: GitHub[Any], session: Session) -> None:
    world = World({"src/main.py": b"print()\n"}, private_vulnerability_reporting=None)
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "opened #1"
        [commit_input] = world.fake.graphql_inputs
        assert [a["path"] for a in commit_input["fileChanges"]["additions"]] == ["SECURITY.md"]
        assert commit_input["message"]["headline"] == "Add a security policy (SECURITY.md)"
        assert commit_input["message"]["body"] == "Proposed by repo-hygiene:\n- SECURITY.md: " + (
            "Add a security policy (SECURITY.md)"
        )
        assert world.fake.prs[0]["title"] == "Add a security policy (SECURITY.md)"
        assert "may not be enabled" in world.fake.prs[0]["body"]


@pytest.mark.anyio
async def test_merged_pr_is_recorded_and_compliant(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        await world.run(gh, session)
        world.merge_into_main(world.fake.files_at(BRANCH))
        world.fake.human_closes(1, merged=True)
        assert await world.run(gh, session) == "no action: compliant"
        assert _row(session).state == "merged"


@pytest.mark.anyio
async def test_org_policy_and_archived_make_no_writes(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README}, archived=True)
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "no action: archived"
        assert world.fake.writes() == []


@pytest.mark.anyio
async def test_real_github_pull_request_body_is_accepted(gh: GitHub[Any], session: Session) -> None:
    example = json.loads(shared_path("fixtures", "rest", "pulls", "create.json").read_text())
    body = next(iter(example["responses"]["201"]["content"]["application/json"]["examples"].values()))[
        "value"
    ]
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        real_create = world.fake._create_pr

        def create_with_github_shape(payload: dict[str, Any]) -> httpx.Response:
            real_create(payload)
            world.fake.prs[-1] = {**body, "head": {**body["head"], "ref": BRANCH}, "state": "open"}
            return httpx.Response(201, json=world.fake.prs[-1])

        world.fake._create_pr = create_with_github_shape  # type: ignore[method-assign]
        assert await world.run(gh, session) == f"opened #{body['number']}"
        assert _row(session).html_url == body["html_url"]


def test_closed_pr_state_for_the_webhook_handler() -> None:
    from app.actions.pull_request import closed_pr_state

    pr = {"number": 4, "merged_at": None}
    assert closed_pr_state({"number": 4, "merged_at": "2026-01-01T00:00:00Z"}, None) == "merged"
    assert closed_pr_state(pr, None) == "declined"
    assert (
        closed_pr_state(pr, None, closed_by="repo-hygiene[bot]", app_login="repo-hygiene[bot]")
        == "closed_by_app"
    )
    assert closed_pr_state(pr, None, closed_by="octocat", app_login="repo-hygiene[bot]") == "declined"
    row = HygienePullRequest(repository_id=1, number=4, branch=BRANCH, state="closed_by_app")
    assert closed_pr_state(pr, row) == "closed_by_app"


@pytest.mark.anyio
async def test_failure_mid_way_then_rerun_converges_to_one_pr(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README})
    failed = {"done": False}

    def pr_create_fails_once(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/pulls") and not failed["done"]:
            failed["done"] = True
            return httpx.Response(502, json={"message": "Server Error"})
        return world.fake.handle(request)

    with respx.mock(assert_all_mocked=True) as router:
        router.route(host="gh.test").mock(side_effect=pr_create_fails_once)
        with pytest.raises(ServerError):
            await world.run(gh, session)
        assert world.fake.prs == [] and BRANCH in world.fake.refs  # the branch and commit were made
        assert await world.run(gh, session) == "opened #1"
        assert await world.run(gh, session) == "updated #1"
        assert len(world.fake.prs) == 1 and len(world.fake.graphql_inputs) == 1


@pytest.mark.anyio
async def test_without_graphql_the_git_data_api_makes_the_same_single_commit(
    gh: GitHub[Any], session: Session
) -> None:
    world = World({"README.md": README}, graphql=False)
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "opened #1"
        head = world.fake.refs[BRANCH]
        parents, files = world.fake.parents[head], world.fake.commits[head]
        assert parents == [world.fake.base_sha]
        assert set(files) == {"README.md", "SECURITY.md"} and b"Security-Policy" in files["README.md"]
        assert ("POST", "/repos/acme/widget/git/trees") in world.fake.requests
        assert await world.run(gh, session) == "updated #1"
        world.merge_into_main({"NEWS.md": b"news\n"})
        assert await world.run(gh, session) == "updated #1"
        head = world.fake.refs[BRANCH]
        parents, files = world.fake.parents[head], world.fake.commits[head]
        assert parents == [world.fake.refs["main"]] and "NEWS.md" in files
        assert len(world.fake.prs) == 1


@pytest.mark.anyio
async def test_close_interrupted_after_comment_does_not_comment_twice(
    gh: GitHub[Any], session: Session
) -> None:
    world = World({})
    failed = {"done": False}

    def close_fails_once(request: httpx.Request) -> httpx.Response:
        is_close = request.method == "PATCH" and "/pulls/" in request.url.path
        if is_close and not failed["done"]:
            failed["done"] = True
            return httpx.Response(502, json={"message": "Server Error"})
        return world.fake.handle(request)

    with respx.mock(assert_all_mocked=True) as router:
        router.route(host="gh.test").mock(side_effect=close_fails_once)
        assert await world.run(gh, session) == "opened #1"
        world.merge_into_main({"SECURITY.md": POLICY})
        with pytest.raises(ServerError):
            await world.run(gh, session)
        assert world.fake.prs[0]["state"] == "open" and len(world.fake.comments) == 1
        assert await world.run(gh, session) == "closed #1: fixed another way"
        assert world.fake.prs[0]["state"] == "closed" and len(world.fake.comments) == 1
        assert _row(session).state == "closed_by_app"


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "body", "outcome"),
    [
        (
            403,
            {"message": "Resource not accessible by integration"},
            "blocked: GitHub refused the write (403",
        ),
        (409, {"message": "Git Repository is empty."}, "no action: empty repository"),
        (403, {"message": "You have exceeded a secondary rate limit."}, "raises"),
    ],
)
async def test_permanent_refusals_complete_with_a_reason(
    gh: GitHub[Any], session: Session, status: int, body: dict[str, str], outcome: str
) -> None:
    world = World({"README.md": README})

    def refuse_ref_creation(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/git/refs"):
            return httpx.Response(status, json=body)
        return world.fake.handle(request)

    with respx.mock(assert_all_mocked=True) as router:
        router.route(host="gh.test").mock(side_effect=refuse_ref_creation)
        if outcome == "raises":  # a rate limit is not a refusal: the job must be retried
            with pytest.raises(RateLimited):
                await world.run(gh, session)
        else:
            assert (await world.run(gh, session)).startswith(outcome)
        assert world.fake.prs == []


@pytest.mark.anyio
async def test_ruleset_rejection_of_the_commit_is_reported(gh: GitHub[Any], session: Session) -> None:
    world = World({"README.md": README})

    def rules_reject_commit(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/graphql":
            error = {"message": "Repository rule violations found: Commits must have verified signatures."}
            return httpx.Response(200, json={"data": None, "errors": [error]})
        return world.fake.handle(request)

    with respx.mock(assert_all_mocked=True) as router:
        router.route(host="gh.test").mock(side_effect=rules_reject_commit)
        outcome = await world.run(gh, session)
        assert outcome.startswith("blocked: repository rules rejected the change") and world.fake.prs == []


@pytest.mark.anyio
async def test_a_file_the_pr_no_longer_needs_is_dropped_from_its_branch(
    gh: GitHub[Any], session: Session
) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "opened #1"
        body = world.fake.prs[0]["body"]
        assert "<!-- repo-hygiene-fixes: security-policy=SECURITY.md security-badge=README.md -->" in body
        # the organisation's defaults switch the badge off: the default branch does not move
        no_badge, _ = parse_config(b"checks: {security-badge: {fix: false}}")
        assert await world.run(gh, session, no_badge) == "updated #1"
        head = world.fake.refs[BRANCH]
        parents, files = world.fake.parents[head], world.fake.commits[head]
        assert parents == [world.fake.base_sha] and files["README.md"] == README
        assert world.fake.prs[0]["title"] == "Add a security policy (SECURITY.md)"
        assert world.fake.prs[0]["body"].endswith(
            "<!-- repo-hygiene-fixes: security-policy=SECURITY.md -->\n"
        )
        assert len(world.fake.prs) == 1
