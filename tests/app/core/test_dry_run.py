"""Dry run end to end: the app under uvicorn, the GitHub simulator delivering signed webhooks.

`dry_run: true` in one organisation's `.github` defaults: installing the app, a push and a pull
request there make no write request to GitHub (only the installation token and reads), while the
results are stored and the would-be writes recorded; another organisation on the same app is written
to as usual. Removing the key makes the next scans write normally.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.jobs.context import Services
from app.main import build_services
from app.settings import Settings
from app.store.intended_writes import IntendedWrite
from app.store.migrate import upgrade
from app.store.models import CheckResultRow, HygienePullRequest, Repository
from simulator.testing import SimControl, SimulatorServer
from tests.advisory_data import record_fresh_sync
from tests.app.core.test_e2e import BRANCH, SECRET, RunningApp, keys, settle, sim  # noqa: F401

pytestmark = [pytest.mark.e2e]

WRITES = ("POST", "PATCH", "PUT", "DELETE")
# the installation token and GraphQL (which a dry run uses only to read: it commits nothing)
ALLOWED_WRITES = {"POST /app/installations/{installation_id}/access_tokens", "POST /graphql"}
DRY_RUN_CONFIG = "dry_run: true\n"


@pytest.fixture(params=[False], ids=["dry-run-off"])
def services(
    sim: SimulatorServer,  # noqa: F811
    keys: tuple[str, str],  # noqa: F811
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[Services]:
    settings = Settings(
        dry_run=request.param,
        app_id=4242,
        private_key=keys[0],
        webhook_secret=SECRET,
        github_api_url=sim.base_url,
        write_interval_ms=0,  # no pacing of writes against the simulator
        database_url=f"sqlite:///{tmp_path / 'dry-run.db'}",
        worker_concurrency=2,
    )
    upgrade(settings.database_url)
    services = build_services(settings)
    with services.sessions() as session, session.begin():
        record_fresh_sync(session)
    yield services
    services.sessions.kw["bind"].dispose()


def seed(control: SimControl, public_key: str, webhook_url: str) -> None:
    control.register_app(
        id=4242,
        slug="repo-hygiene",
        public_key_pem=public_key,
        webhook_secret=SECRET,
        webhook_url=webhook_url,
    )
    for org in ("acme", "beta"):
        control.create_org(org)
        control.create_repo(org, "widgets", files={"README.md": "# widgets\n"})
    control.create_repo("acme", ".github", files={".github/repo-hygiene.yml": DRY_RUN_CONFIG})


def writes_of(control: SimControl, installation_id: int) -> list[str]:
    return [
        d["endpoint"]
        for d in control.calls()["detail"]
        if d["installation_id"] == installation_id
        and d["endpoint"].split(" ", 1)[0] in WRITES
        and d["endpoint"] not in ALLOWED_WRITES
    ]


def intended(services: Services, owner: str) -> dict[str, list[str]]:
    with services.sessions() as session:
        rows = session.execute(
            select(Repository.name, IntendedWrite.summary)
            .join(IntendedWrite, IntendedWrite.repository_id == Repository.id)
            .where(Repository.owner == owner)
            .order_by(IntendedWrite.source, IntendedWrite.position)
        ).all()
    out: dict[str, list[str]] = {}
    for name, summary in rows:
        out.setdefault(name, []).append(summary)
    return out


def test_org_dry_run_writes_nothing_shows_everything_and_switching_off_writes(
    sim: SimulatorServer,  # noqa: F811
    services: Services,
    keys: tuple[str, str],  # noqa: F811
) -> None:
    control = sim.control
    with RunningApp(services, run_worker=True) as app:
        seed(control, keys[1], app.url)
        acme = control.install("acme")
        beta = control.install("beta")
        settle(control, services)
        control.push("acme", "widgets", {"src/app.py": "print(1)\n"}, branch="feature")
        control.open_pull("acme", "widgets", "feature", title="A feature")
        control.push("acme", "widgets", {"docs/a.md": "a\n"})
        settle(control, services)

        assert writes_of(control, acme) == []
        widgets = control.repo("acme", "widgets")
        assert [p["user"] for p in widgets["pulls"]] == ["acme"]  # only the person's own
        assert f"refs/heads/{BRANCH}" not in widgets["refs"] and widgets["check_runs"] == []
        beta_widgets = control.repo("beta", "widgets")
        assert writes_of(control, beta) != [] and len(beta_widgets["pulls"]) == 1  # beta is not in dry run

        with services.sessions() as session:
            acme_ids = session.scalars(select(Repository.id).where(Repository.owner == "acme")).all()
            stored = session.scalars(select(CheckResultRow).where(CheckResultRow.repository_id.in_(acme_ids)))
            assert {r.check_id for r in stored} >= {"security-policy"}
            assert (
                session.scalars(
                    select(HygienePullRequest).where(HygienePullRequest.repository_id.in_(acme_ids))
                ).all()
                == []
            )
        would = intended(services, "acme")["widgets"]
        assert any(w.startswith("would open pull request ") for w in would), would
        assert any(w.startswith("would file check run: ") for w in would), would
        assert intended(services, "beta") == {}

        control.push("acme", ".github", {".github/repo-hygiene.yml": "exclude: []\n"})
        settle(control, services)
        widgets = control.repo("acme", "widgets")
        assert [p["head"] for p in widgets["pulls"] if p["user"] != "acme"] == [BRANCH]
        assert writes_of(control, acme) != []
        with services.sessions() as session:
            left = session.scalars(
                select(IntendedWrite.source).where(IntendedWrite.repository_id.in_(acme_ids))
            ).all()
        assert "scan" not in left  # the scan wrote for real: no "would" left for it


@pytest.mark.parametrize("services", [True], ids=["DRY_RUN=true"], indirect=True)
def test_the_dry_run_setting_covers_every_installation(
    sim: SimulatorServer,  # noqa: F811
    services: Services,
    keys: tuple[str, str],  # noqa: F811
) -> None:
    control = sim.control
    with RunningApp(services, run_worker=True) as app:
        seed(control, keys[1], app.url)
        beta = control.install("beta")
        settle(control, services)
        control.push("beta", "widgets", {"src/app.py": "print(1)\n"}, branch="feature")
        control.open_pull("beta", "widgets", "feature", title="A feature")
        settle(control, services)
        assert writes_of(control, beta) == []
        assert control.repo("beta", "widgets")["check_runs"] == []
        would = intended(services, "beta")["widgets"]
        assert any(w.startswith("would open pull request ") for w in would), would
        assert any(w.startswith("would file check run: ") for w in would), would
