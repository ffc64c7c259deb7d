"""Scale-out, proven with real processes: 2 `serve --no-worker` and 3 `worker` processes (as the Procfile
runs them) on one database, the GitHub simulator on loopback, an organisation of small repositories (half
without a SECURITY.md), five signed deliveries per repository on average (pushes, check_suite.requested,
pull_request opened/synchronize, several per head commit) plus 10% sent twice (each copy to the other
web process), all concurrently to both web processes. Mid-run one worker is SIGKILLed while it holds
jobs and one web process is restarted.

Afterwards: every delivery stored once with one job; every job done (none failed, none left running or
due); one SECURITY.md pull request per non-compliant repository and none on compliant ones; per head
commit exactly one completed "Dependency advisories" run with a result (a run on a pull request's older
head may also end "Superseded", at most one per trigger kind), none left in progress; no filing claim left.

The suite runs it on 16 repositories (80 deliveries) per database; REPO_HYGIENE_SCALEOUT=1 runs the
same test on 200 repositories (1,000 deliveries), several minutes per database.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from app.checkruns.store import CheckRunRecord, FilingClaim
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

pytestmark = [pytest.mark.scaleout, pytest.mark.e2e]


@dataclass(frozen=True)
class Scale:
    repos: int
    # how long the jobs may take to drain before the test fails as stuck: generous, as the machine may
    # be shared; a healthy run drains in a fraction of it
    drain_timeout: float

    @property
    def deliveries(self) -> int:
        """Per repository a push to the default branch (push, check_suite.requested); on every other one
        also a branch push (push, check_suite.requested), a pull request (opened) and a second push to
        it (push, check_suite.requested, synchronize): five per repository on average."""
        return 5 * self.repos


FULL = Scale(repos=200, drain_timeout=900.0)
SUITE = Scale(repos=16, drain_timeout=300.0)
SCALE = FULL if os.environ.get("REPO_HYGIENE_SCALEOUT") else SUITE
WORKERS = 3
DUPLICATED = 0.10


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
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
        (org,) = build_orgs(running.sim, 1, SCALE.repos)
        running.sim.control.wait_for_webhooks(60)
        captured = activity(receiver)
        assert len(captured) == SCALE.deliveries, len(captured)
        # the app's own writes (its pull requests, branches, check runs) reach it through web1
        running.sim.control.set_webhooks(url=running.webhook_url(1))
        for index in range(WORKERS):
            running.start(f"worker{index}", "worker")
        running.start_web(0, 1)
        running.wait_idle(SCALE.drain_timeout)  # the start-up sync has read the installation, scanned

        killed: list[int] = []
        chaos: list[threading.Thread] = []
        gave_up = threading.Event()

        def on_progress(sent: int) -> None:
            if sent == SCALE.deliveries // 3:
                chaos.append(start(kill_a_busy_worker, running, killed, gave_up))
            if sent == 2 * SCALE.deliveries // 3:
                chaos.append(start(restart_web, running))

        mixed = with_duplicates(captured, DUPLICATED)
        report = send_all(running, mixed, on_progress=on_progress)
        try:
            running.wait_idle(SCALE.drain_timeout)
        finally:
            gave_up.set()
            for thread in chaos:
                thread.join(120)
        assert len(chaos) == 2 and not any(thread.is_alive() for thread in chaos), running.logs()
        running.wait_idle(SCALE.drain_timeout)  # nothing came in since

        stored = running.deliveries()
        assert {d.guid for d in captured} <= set(stored)
        assert all(jobs == 1 for jobs in stored.values()), [g for g, n in stored.items() if n != 1]
        assert report.answers["queued"] + report.answers["duplicate"] == len(mixed)
        assert report.answers["queued"] <= len(captured)

        states = running.job_states()
        assert states["failed"] == 0 and states["running"] == 0, (dict(states), failures(running))
        assert running.busy_jobs() == 0
        assert killed, "worker0 never held a job"
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
        assert len(heads) >= SCALE.repos * 2
        # the race is there: a default branch's heads get a push and a check suite, a pull request's
        # newest heads a check suite and the pull request event
        assert any({"push", "check_suite"} <= kinds for kinds in heads.values())
        assert any({"check_suite", "pull_request"} <= kinds for kinds in heads.values())
        for head, kinds in heads.items():
            found = runs.get(head, [])
            real = [r for r in found if r[2] != SUPERSEDED]
            assert len(real) == 1 and len(found) <= len(kinds), (head, kinds, found, jobs_on(running, head))


def start(target: Callable[..., None], *args: object) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def kill_a_busy_worker(running: Cluster, killed: list[int], gave_up: threading.Event) -> None:
    """SIGKILL worker0 while it holds jobs; `killed` gets them (their leases then lapse and other workers
    take them). It is stopped (SIGSTOP) before the jobs it holds are read, so it cannot finish one
    between the look and the kill; holding none at that moment, it is continued and watched again."""
    while not gave_up.is_set():
        if running.running_on(0):
            running.signal_worker(0, signal.SIGSTOP)
            held = running.running_on(0)
            if held:
                running.signal_worker(0, signal.SIGKILL)
                killed.extend(held)
                return
            running.signal_worker(0, signal.SIGCONT)
        time.sleep(0.02)


def restart_web(running: Cluster) -> None:
    running.stop_web(0)
    running.start_web(0)


def failures(running: Cluster) -> list[tuple[str, str | None]]:
    with running.session() as session:
        return list(session.execute(select(Job.kind, Job.last_error).where(Job.state == "failed")).tuples())


def jobs_on(running: Cluster, head: str) -> list[tuple[object, ...]]:
    """The runs filed on a head commit, each with the job that filed it (id, kind, trigger, attempts,
    outcome), then the check-run jobs for it that filed none."""
    with running.session() as session:
        records = session.execute(
            select(CheckRunRecord.check_run_id, CheckRunRecord.job_id, CheckRunRecord.details).where(
                CheckRunRecord.head_sha == head
            )
        ).all()
        jobs = session.execute(select(Job.id, Job.kind, Job.payload, Job.attempts, Job.outcome)).all()
    described = {
        job_id: (kind, (payload or {}).get("trigger"), attempts, outcome)
        for job_id, kind, payload, attempts, outcome in jobs
    }
    filed = [(run_id, job_id, details, described.get(job_id or 0)) for run_id, job_id, details in records]
    by_head = [
        (job_id, *described[job_id])
        for job_id, _, payload, _, _ in jobs
        if isinstance(payload, dict) and payload.get("head_sha") == head
    ]
    return [*filed, *by_head]
