"""Scale-out, proven with real processes: 2 `serve --no-worker` and 3 `worker` processes (as the Procfile
runs them) on one database, the GitHub simulator on loopback, 200 repositories (half without a
SECURITY.md), 1,000 signed deliveries (pushes, check_suite.requested, pull_request opened/synchronize,
several per head commit) plus 10% sent twice, all concurrently to both web processes. Mid-run one worker
is SIGKILLed while it holds jobs and one web process is restarted.

Afterwards: every delivery stored once with one job; every job done (none failed, none left running or
due); one SECURITY.md pull request per non-compliant repository and none on compliant ones; per head
commit exactly one completed "Dependency advisories" run with a result (a run on a pull request's older
head may also end "Superseded", at most one per trigger kind), none left in progress; no filing claim left.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from app.checkruns.store import FilingClaim
from app.store.models import Job
from simulator.testing import WebhookReceiver
from tests.app.scaleout.cluster import (
    SUPERSEDED,
    Cluster,
    activity,
    build_orgs,
    check_runs,
    cluster,
    hygiene_pulls,
    send_all,
    trigger_heads,
    with_duplicates,
)

# Each backend takes about 7 minutes on a shared 2-core machine today (the scans of one installation run
# one at a time), too long for every run of the suite: REPO_HYGIENE_SCALEOUT=1 runs it.
pytestmark = [
    pytest.mark.scaleout,
    pytest.mark.e2e,
    pytest.mark.skipif(not os.environ.get("REPO_HYGIENE_SCALEOUT"), reason="set REPO_HYGIENE_SCALEOUT=1"),
]

REPOS = 200
DELIVERIES = 1000
WORKERS = 3
IDLE_TIMEOUT = 240.0


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    server: str = request.getfixturevalue("postgres_url")
    name = f"scaleout_{tmp_path.name.lower().replace('-', '_')}"[:60]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_two_webs_three_workers_a_killed_worker_and_a_restarted_web(
    tmp_path: Path, database_url: str
) -> None:
    with cluster(tmp_path, database_url) as running, WebhookReceiver() as receiver:
        running.sim.control.set_webhooks(url=receiver.url)
        (org,) = build_orgs(running.sim, 1, REPOS)
        running.sim.control.wait_for_webhooks(60)
        captured = activity(receiver)
        assert len(captured) == DELIVERIES, len(captured)
        # the app's own writes (its pull requests, branches, check runs) reach it through web1
        running.sim.control.set_webhooks(url=running.webhook_url(1))
        for index in range(2):
            running.start_web(index)
        for index in range(WORKERS):
            running.start(f"worker{index}", "worker")
        running.wait_idle(IDLE_TIMEOUT)  # the start-up sync has read the installation and its repositories

        killed: list[int] = []
        chaos_done = threading.Event()

        def chaos(sent: int) -> None:
            if sent == DELIVERIES // 3 and not killed:
                threading.Thread(target=kill_a_busy_worker, args=(running, killed), daemon=True).start()
            if sent == 2 * DELIVERIES // 3:
                threading.Thread(target=restart_web, args=(running, chaos_done), daemon=True).start()

        report = send_all(running, with_duplicates(captured, 0.10), on_progress=chaos)
        assert chaos_done.wait(120), running.logs()
        running.wait_idle(IDLE_TIMEOUT)

        stored = running.deliveries()
        assert {d.guid for d in captured} <= set(stored)
        assert all(jobs == 1 for jobs in stored.values()), [g for g, n in stored.items() if n != 1]
        assert report.answers["queued"] + report.answers["duplicate"] == len(captured) + DELIVERIES // 10
        assert report.answers["queued"] <= len(captured)

        states = running.job_states()
        assert states["failed"] == 0 and states["running"] == 0, (dict(states), failures(running))
        assert running.busy_jobs() == 0
        assert killed, "no worker was killed while holding a job"
        with running.session() as session:
            taken_over = session.execute(select(Job.state, Job.attempts).where(Job.id.in_(killed))).all()
            assert all(state == "done" and attempts >= 2 for state, attempts in taken_over), taken_over
            assert session.scalar(select(func.count()).select_from(FilingClaim)) == 0

        pulls = hygiene_pulls(running.sim, org)
        assert {name for name, n in pulls.items() if n} == set(org.repos) - org.compliant, pulls
        assert all(n == 1 for name, n in pulls.items() if name not in org.compliant), pulls

        runs = check_runs(running.sim)
        assert all(status == "completed" for found in runs.values() for status, _, _ in found), runs
        heads = trigger_heads(running)
        assert len(heads) >= REPOS * 2
        for head, kinds in heads.items():
            found = runs.get(head, [])
            real = [r for r in found if r[2] != SUPERSEDED]
            assert len(real) == 1 and len(found) <= len(kinds), (head, kinds, found)


def kill_a_busy_worker(running: Cluster, killed: list[int]) -> None:
    """SIGKILL worker0 at a moment it holds at least one running job (whose lease then lapses)."""
    for _ in range(400):
        held = running.running_on(0)
        if held:
            running.kill_worker(0)
            killed.extend(held)
            return
        threading.Event().wait(0.02)


def restart_web(running: Cluster, done: threading.Event) -> None:
    running.stop_web(0)
    running.start_web(0)
    done.set()


def failures(running: Cluster) -> list[tuple[str, str | None]]:
    with running.session() as session:
        return list(session.execute(select(Job.kind, Job.last_error).where(Job.state == "failed")).tuples())
