"""The Procfile's processes for real (`migrate`, `serve --no-worker` twice, `worker` N times) against the
GitHub simulator on loopback: build an organisation, capture the webhooks GitHub would send for its
activity, replay them concurrently to both web processes, and read back what happened.

Used by the scale-out test and by `scripts/bench_workers.py`.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from app.advisories.sync import SOURCE as SYNC_SOURCE
from app.checkruns.runner import CHECK_NAME
from app.demo.world import COMPLIANT_POLICY, package_json, package_lock
from app.jobs.advisories import SYNC_INTERVAL, SYNC_KIND
from app.jobs.queue import enqueue
from app.store.base import make_engine, make_sessionmaker, utcnow
from app.store.models import Delivery, Job
from simulator.testing import SimulatorServer, WebhookReceiver, free_port, generate_app_keypair
from tests.advisory_data import store_advisories
from tests.conftest import PROJECT_ROOT

APP_ID = 4343
POLICY_BADGE = "[![Security policy](https://img.shields.io/badge/security-policy-brightgreen)](SECURITY.md)"
SECRET = "scaleout-webhook-secret"
BOT = "repo-hygiene[bot]"
DEVELOPER = "dev"
SUPERSEDED = "Superseded by a newer commit"
LEASE_SECONDS = 5  # the smallest lease: a killed worker's jobs are taken again within seconds
ADVISORIES = PROJECT_ROOT / "app" / "demo" / "advisories"
TRIGGERS = {("push", None), ("check_suite", "requested"), ("pull_request", "opened")}


@dataclass
class Org:
    login: str
    repos: list[str]
    compliant: set[str]
    installation_id: int = 0


def build_orgs(sim: SimulatorServer, orgs: int, repos_per_org: int, *, pull_every: int = 2) -> list[Org]:
    """Organisations of small repositories (a README, an npm manifest and lockfile; every other one with
    a compliant SECURITY.md), installed, then: a push to each default branch, and on every
    `pull_every`-th repository a branch, a pull request from it and a second push to it."""
    control = sim.control
    built: list[Org] = []
    for o in range(orgs):
        login = f"org{o}"
        control.create_org(login)
        control.create_user(f"{DEVELOPER}{o}", orgs={login: "admin"})
        org = Org(login, [f"r{r:03d}" for r in range(repos_per_org)], set())
        for index, name in enumerate(org.repos):
            files = {
                "README.md": _readme(name, compliant=index % 2 == 0),
                "package.json": package_json("4.17.20"),
                "package-lock.json": package_lock("4.17.20"),
            }
            if index % 2 == 0:
                files["SECURITY.md"] = COMPLIANT_POLICY
                org.compliant.add(name)
            control.create_repo(login, name, files=files)
        org.installation_id = control.install(login)
        control.set_budget(org.installation_id, 1_000_000)  # the rate limit is not under test here
        for index, name in enumerate(org.repos):
            readme = _readme(name, compliant=name in org.compliant) + "\nUpdated.\n"
            control.push(login, name, {"README.md": readme}, message="Update README")
            if index % pull_every == 0:
                control.push(login, name, {"package-lock.json": package_lock("4.17.15")}, branch="bump")
                control.open_pull(login, name, "bump", title="Bump lodash", by=f"{DEVELOPER}{o}")
                control.push(login, name, {"package-lock.json": package_lock("4.17.20")}, branch="bump")
        built.append(org)
    return built


@dataclass(frozen=True)
class Captured:
    event: str
    guid: str
    body: bytes
    headers: dict[str, str]


def activity(receiver: WebhookReceiver) -> list[Captured]:
    """The signed deliveries the simulator sent for the organisations' activity (not the installation)."""
    found = []
    for headers, body in receiver.received:
        event = headers.get("X-GitHub-Event", "")
        if event.startswith("installation"):
            continue
        found.append(Captured(event, headers["X-GitHub-Delivery"], body, headers))
    return found


@dataclass
class Process:
    name: str
    args: list[str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None


@dataclass
class Cluster:
    """The simulator (in this process), the database and the app's processes."""

    workdir: Path
    database_url: str
    sim: SimulatorServer
    private_key: Path
    web_ports: list[int] = field(default_factory=list)
    processes: dict[str, Process] = field(default_factory=dict)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("APP_", "PRIVATE_KEY", "DATABASE"))}
        env.update(
            PYTHONPATH=str(PROJECT_ROOT),
            APP_ID=str(APP_ID),
            PRIVATE_KEY_PATH=str(self.private_key),
            WEBHOOK_SECRET=SECRET,
            GITHUB_API_URL=self.sim.base_url,
            DATABASE_URL=self.database_url,
            JOB_LEASE_SECONDS=str(LEASE_SECONDS),
            # GitHub's pacing of an installation's writes (a second apart) is not under test here: with
            # it, every check run and pull request the app files would queue behind one write a second
            WRITE_INTERVAL_MS="0",
            LOG_LEVEL="WARNING",
            HOST="127.0.0.1",
        )
        env.update(extra)
        return env

    def run_command(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "app", *args], cwd=self.workdir, env=self.env(), check=True, timeout=120
        )

    def start(self, name: str, *args: str, **env: str) -> Process:
        log = self.workdir / f"{name}.log"
        process = self.processes.get(name) or Process(name, list(args), log)
        with log.open("ab") as out:
            process.popen = subprocess.Popen(
                [sys.executable, "-m", "app", *args],
                cwd=self.workdir,
                env=self.env(**env),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.processes[name] = process
        return process

    def start_web(self, *indexes: int) -> None:
        """Start these web processes together (the interpreters start in parallel), then wait until
        each answers /healthz."""
        for index in indexes:
            self.start(f"web{index}", "serve", "--no-worker", "--no-migrate", PORT=str(self.web_ports[index]))
        deadline = time.monotonic() + 120
        for index in indexes:
            while not self._healthy(index):
                assert time.monotonic() < deadline, f"web{index} did not start\n{self.logs()}"
                time.sleep(0.05)

    def _healthy(self, index: int) -> bool:
        popen = self.processes[f"web{index}"].popen
        assert popen is not None and popen.poll() is None, self.logs()
        try:
            answer = httpx.get(f"http://127.0.0.1:{self.web_ports[index]}/healthz", timeout=2)
        except httpx.TransportError:
            return False
        return answer.status_code == 200

    def stop_web(self, index: int) -> None:
        popen = self.processes[f"web{index}"].popen
        assert popen is not None
        popen.send_signal(signal.SIGTERM)
        popen.wait(timeout=60)

    def worker_pid(self, index: int) -> int:
        popen = self.processes[f"worker{index}"].popen
        assert popen is not None
        return popen.pid

    def signal_worker(self, index: int, signum: signal.Signals) -> None:
        popen = self.processes[f"worker{index}"].popen
        assert popen is not None
        popen.send_signal(signum)
        if signum == signal.SIGKILL:
            popen.wait(timeout=30)

    def webhook_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.web_ports[index]}/api/github/webhooks"

    def logs(self) -> str:
        parts = []
        for process in self.processes.values():
            text = process.log.read_text(errors="replace") if process.log.exists() else ""
            parts.append(f"--- {process.name} ---\n{text[-3000:]}")
        return "\n".join(parts)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.popen is not None and process.popen.poll() is None:
                process.popen.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            if process.popen is not None:
                try:
                    process.popen.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.popen.kill()
                    process.popen.wait(timeout=10)

    # --- the database, read from here -------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Any]:
        engine = make_engine(self.database_url)
        try:
            with make_sessionmaker(engine)() as session:
                yield session
        finally:
            engine.dispose()

    def job_states(self) -> Counter[str]:
        with self.session() as session:
            rows = session.execute(select(Job.state, func.count()).group_by(Job.state)).all()
        return Counter({state: count for state, count in rows})

    def busy_jobs(self) -> int:
        """Jobs running, or queued and due (the self-rescheduling ones wait for later and do not count)."""
        now = utcnow()
        with self.session() as session:
            running = session.scalar(select(func.count()).where(Job.state == "running")) or 0
            due = session.scalar(select(func.count()).where(Job.state == "queued", Job.run_after <= now)) or 0
        return int(running + due)

    def running_on(self, worker_index: int) -> list[int]:
        """The jobs the worker's process (alive, or the last one killed) holds as running."""
        pid = f":{self.worker_pid(worker_index)}:"
        with self.session() as session:
            rows = session.execute(select(Job.id, Job.locked_by).where(Job.state == "running")).all()
        return [job_id for job_id, locked_by in rows if locked_by and pid in locked_by]

    def wait_idle(self, timeout: float) -> float:
        """Wait until the simulator has sent its webhooks and no job is due or running (twice in a row);
        the seconds it took."""
        started = time.monotonic()
        quiet = 0
        while quiet < 2:
            assert time.monotonic() - started < timeout, (
                f"not idle after {timeout:.0f} s: {dict(self.job_states())}\n{self.logs()}"
            )
            self.sim.control.wait_for_webhooks(timeout)
            quiet = quiet + 1 if self.busy_jobs() == 0 else 0
            time.sleep(0.5 if quiet else 0.2)
        return time.monotonic() - started

    def deliveries(self) -> dict[str, int]:
        """GUID -> how many delivery jobs it has."""
        with self.session() as session:
            rows = session.execute(
                select(Delivery.guid, func.count(Job.id))
                .outerjoin(Job, Job.delivery_id == Delivery.id)
                .group_by(Delivery.guid)
            ).all()
        return {guid: int(count) for guid, count in rows}


def prepare_database(database_url: str) -> None:
    """What a running deployment already has: fresh advisory data (as its GitHub sync stores it; the
    simulator serves none) and the hourly sync scheduled for later."""
    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            records = [json.loads(p.read_text()) for p in sorted(ADVISORIES.glob("*.json"))]
            store_advisories(session, records, SYNC_SOURCE)
            enqueue(session, SYNC_KIND, {}, dedupe_key=SYNC_KIND, run_after=utcnow() + SYNC_INTERVAL)
    finally:
        engine.dispose()


@contextmanager
def cluster(workdir: Path, database_url: str, *, webs: int = 2) -> Iterator[Cluster]:
    """The simulator with its App registered, webhooks going to a recorder; the schema migrated."""
    private, public = generate_app_keypair()
    key = workdir / "app.pem"
    key.write_text(private)
    with SimulatorServer() as sim:
        running = Cluster(workdir, database_url, sim, key, [free_port() for _ in range(webs)])
        sim.control.register_app(id=APP_ID, slug="repo-hygiene", public_key_pem=public, webhook_secret=SECRET)
        try:
            running.run_command("migrate")
            prepare_database(database_url)
            yield running
        finally:
            running.stop_all()


@dataclass
class SendReport:
    answers: Counter[str] = field(default_factory=Counter)
    retries: int = 0


def send_all(
    cluster: Cluster,
    deliveries: list[Captured],
    *,
    threads: int = 8,
    on_progress: Any = None,
) -> SendReport:
    """POST every delivery (in the given order) from `threads` threads, alternating the web processes;
    a delivery sent again goes to another web process than its previous copy. A refused or failed POST
    is tried again on the next process, as a load balancer would."""
    report = SendReport()
    lock = threading.Lock()
    sent = [0]
    webs = len(cluster.web_ports)
    targets: list[int] = []
    last_target: dict[str, int] = {}
    for index, delivery in enumerate(deliveries):
        previous = last_target.get(delivery.guid)
        last_target[delivery.guid] = index % webs if previous is None else (previous + 1) % webs
        targets.append(last_target[delivery.guid])

    def send(index_and_delivery: tuple[int, Captured]) -> None:
        index, delivery = index_and_delivery
        target = targets[index]
        for attempt in range(40):
            try:
                response = httpx.post(
                    cluster.webhook_url(target), content=delivery.body, headers=delivery.headers, timeout=30
                )
                if response.status_code == 202:
                    with lock:
                        report.answers[response.json()["status"]] += 1
                        sent[0] += 1
                        done = sent[0]
                    if on_progress is not None:
                        on_progress(done)
                    return
            except httpx.TransportError:
                pass
            with lock:
                report.retries += 1
            target = (target + 1) % webs
            time.sleep(0.05 * (attempt + 1))
        raise AssertionError(f"delivery {delivery.guid} was never accepted")

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(send, enumerate(deliveries)))
    return report


def with_duplicates(deliveries: list[Captured], share: float, seed: int = 7) -> list[Captured]:
    """The deliveries plus `share` of them again (same X-GitHub-Delivery), shuffled together."""
    rng = random.Random(seed)
    copies = rng.sample(deliveries, int(len(deliveries) * share))
    mixed = [*deliveries, *copies]
    rng.shuffle(mixed)
    return mixed


def trigger_heads(cluster: Cluster) -> dict[str, set[str]]:
    """Head commit -> the trigger kinds (push, check_suite, pull_request) that asked for a check run on it,
    from every delivery the app stored."""
    heads: dict[str, set[str]] = {}
    with cluster.session() as session:
        rows = session.execute(select(Delivery.event, Delivery.action, Delivery.body)).all()
    for event, action, body in rows:
        payload = json.loads(body)
        head = None
        if event == "push":
            ref = payload.get("ref")
            if ref == f"refs/heads/{payload['repository']['default_branch']}" and not payload.get("deleted"):
                head = payload.get("after")
        elif event == "check_suite" and action == "requested":
            head = payload["check_suite"]["head_sha"]
        elif event == "pull_request" and action in ("opened", "synchronize"):
            head = payload["pull_request"]["head"]["sha"]
        if head:
            heads.setdefault(head, set()).add(event)
    return heads


def check_runs(sim: SimulatorServer) -> dict[str, list[tuple[str, str | None, str]]]:
    """Head commit -> (status, conclusion, title) of each "Dependency advisories" run on it."""
    runs: dict[str, list[tuple[str, str | None, str]]] = {}
    with sim.state.lock:
        for run in sim.state.check_runs.values():
            if run.name == CHECK_NAME:
                title = str((run.output or {}).get("title") or "")
                runs.setdefault(run.head_sha, []).append((run.status, run.conclusion, title))
    return runs


def hygiene_pulls(sim: SimulatorServer, org: Org) -> dict[str, int]:
    """Repository -> pull requests the app opened on it."""
    counts = {}
    for name in org.repos:
        pulls = sim.control.repo(org.login, name)["pulls"]
        counts[name] = sum(1 for p in pulls if p["user"] == BOT)
    return counts


def _readme(name: str, *, compliant: bool) -> str:
    """A compliant repository's README carries the policy badge, so it gets no pull request."""
    badge = f"\n{POLICY_BADGE}\n" if compliant else ""
    return f"# {name}\n{badge}"
