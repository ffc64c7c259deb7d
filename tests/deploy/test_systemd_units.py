"""The systemd units in deploy/systemd/ as an operator installs them: parsed, checked by
`systemd-analyze verify` when it is available, and each ExecStart command line run with the unit's own
environment (Environment=, then the documented EnvironmentFile, repo-hygiene.env.example) against a
throwaway database and the GitHub simulator, until it answers /healthz or does its job, then stopped
with the unit's KillSignal (SIGTERM) within TimeoutStopSec.

Only what cannot work on a test machine is replaced: the install prefix (this venv's `repo-hygiene`),
/var/lib/repo-hygiene (a temporary folder), the database, the port, and the example credentials
(a generated key registered with the simulator).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.cli import SUBCOMMANDS, build_parser
from app.settings import parse_env_file
from simulator.testing import SimulatorServer, free_port, generate_app_keypair
from tests.conftest import PROJECT_ROOT

UNITS = PROJECT_ROOT / "deploy" / "systemd"
ENV_EXAMPLE = UNITS / "repo-hygiene.env.example"
INSTALLED = "/opt/repo-hygiene/.venv/bin/repo-hygiene"
STATE = "/var/lib/repo-hygiene"
ENV_FILE = "/etc/repo-hygiene/repo-hygiene.env"
LOCAL = str(Path(sys.executable).parent / "repo-hygiene")
START_SECONDS = 60.0
APP_ID = 1


@dataclass(frozen=True)
class Unit:
    name: str
    sections: dict[str, list[tuple[str, str]]]

    def values(self, section: str, key: str) -> list[str]:
        return [value for k, value in self.sections.get(section, []) if k == key]

    def value(self, section: str, key: str) -> str:
        found = self.values(section, key)
        assert len(found) == 1, f"{self.name}: [{section}] {key}= appears {len(found)} times"
        return found[0]

    @property
    def exec_start(self) -> list[str]:
        return shlex.split(self.value("Service", "ExecStart"))

    @property
    def environment(self) -> dict[str, str]:
        pairs = [item for line in self.values("Service", "Environment") for item in shlex.split(line)]
        return dict(pair.split("=", 1) for pair in pairs)

    @property
    def stop_seconds(self) -> float:
        found = self.values("Service", "TimeoutStopSec")
        return float(found[0]) if found else 90.0


def parse_unit(path: Path) -> Unit:
    sections: dict[str, list[tuple[str, str]]] = {}
    current = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        key, sep, value = line.partition("=")
        assert sep and current, f"{path.name}: not a unit file line: {raw!r}"
        sections[current].append((key.strip(), value.strip()))
    return Unit(path.name, sections)


def units() -> dict[str, Unit]:
    return {path.name: parse_unit(path) for path in sorted(UNITS.glob("*.service"))}


def test_the_units_are_the_ones_the_readme_documents() -> None:
    assert set(units()) == {
        "repo-hygiene.service",
        "repo-hygiene-migrate.service",
        "repo-hygiene-web.service",
        "repo-hygiene-worker@.service",
    }
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name in units():
        assert f"deploy/systemd/{name}" in readme or name in readme, f"the README does not mention {name}"


@pytest.mark.parametrize("name", sorted(units()))
def test_each_unit_runs_a_real_command_as_an_unprivileged_user(name: str) -> None:
    unit = units()[name]
    argv = unit.exec_start
    assert argv[0] == INSTALLED
    assert argv[1] in SUBCOMMANDS
    build_parser(argv[1:]).parse_args(argv[1:])  # every option exists (argparse exits otherwise)
    assert unit.value("Service", "User") == "repo-hygiene"
    assert unit.value("Service", "WorkingDirectory") == STATE
    assert unit.value("Service", "StateDirectory") == "repo-hygiene"
    assert unit.value("Service", "EnvironmentFile") == ENV_FILE
    assert unit.value("Service", "NoNewPrivileges") == "yes"
    assert unit.value("Service", "UMask") == "0077"


def test_the_scaled_out_units_run_the_procfile_commands() -> None:
    procfile = {
        role: shlex.split(command.strip())
        for role, _, command in (
            line.partition(":") for line in (PROJECT_ROOT / "Procfile").read_text().splitlines() if line
        )
    }
    procfile = {role: [word for word in argv if "=" not in word] for role, argv in procfile.items()}
    found = units()
    assert found["repo-hygiene-migrate.service"].exec_start[1:] == procfile["release"][1:]
    assert found["repo-hygiene-web.service"].exec_start[1:] == procfile["web"][1:]
    assert found["repo-hygiene-worker@.service"].exec_start[1:] == procfile["worker"][1:]
    for name in ("repo-hygiene-web.service", "repo-hygiene-worker@.service"):
        assert found[name].value("Unit", "Requires") == "repo-hygiene-migrate.service"
    assert found["repo-hygiene-migrate.service"].value("Service", "Type") == "oneshot"


def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    files = []
    for name in units():
        text = (UNITS / name).read_text(encoding="utf-8").replace(INSTALLED, LOCAL)
        target = tmp_path / name.replace("@.", "@1.")  # verify an instance of the template
        target.write_text(text, encoding="utf-8")
        files.append(str(target))
    result = subprocess.run(
        [analyze, "verify", "--man=no", *files], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "ignoring" not in result.stderr and "Unknown" not in result.stderr, result.stderr


@dataclass
class Host:
    """What the test machine stands in for: the state folder, the key file, the simulated GitHub."""

    state: Path
    key_path: Path
    github: str


@pytest.fixture
def host(tmp_path: Path) -> Iterator[Host]:
    private_key, public_key = generate_app_keypair()
    key_path = tmp_path / "private-key.pem"
    key_path.write_text(private_key, encoding="utf-8")
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    with SimulatorServer() as sim:
        sim.control.register_app(id=APP_ID, public_key_pem=public_key, webhook_secret="unit-test-secret")
        yield Host(state, key_path, sim.base_url)


def unit_environment(unit: Unit, host: Host, **test_values: str) -> dict[str, str]:
    """As systemd builds it: Environment=, then the EnvironmentFile (which wins), then what only a
    test machine needs; /var/lib/repo-hygiene is the test's state folder."""
    env = {**unit.environment, **parse_env_file(ENV_EXAMPLE.read_text(encoding="utf-8"))}
    env.update(
        APP_ID=str(APP_ID),
        PRIVATE_KEY_PATH=str(host.key_path),
        WEBHOOK_SECRET="unit-test-secret",
        GITHUB_API_URL=host.github,
        BASE_URL="http://127.0.0.1",
        **test_values,
    )
    env = {key: value.replace(STATE, str(host.state)) for key, value in env.items()}
    return {"PATH": os.environ["PATH"], "HOME": str(host.state), "LANG": "C.UTF-8", **env}


def start(unit: Unit, host: Host, instance: str = "", **test_values: str) -> subprocess.Popen[str]:
    argv = [LOCAL if word == INSTALLED else word.replace("%i", instance) for word in unit.exec_start]
    return subprocess.Popen(
        argv,
        cwd=unit.value("Service", "WorkingDirectory").replace(STATE, str(host.state)),
        env=unit_environment(unit, host, **test_values),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_healthy(process: subprocess.Popen[str], port: int) -> httpx.Response:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"exited {process.returncode} before answering /healthz:\n{output(process)}")
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
        except httpx.HTTPError:
            response = None
        if response is not None and response.status_code == 200:
            return response
        time.sleep(0.25)
    process.kill()
    pytest.fail(f"no answer on /healthz within {START_SECONDS:.0f} s:\n{output(process)}")


def output(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        process.kill()
    text, _ = process.communicate(timeout=10)
    return text


def stop(process: subprocess.Popen[str], unit: Unit) -> None:
    process.send_signal(signal.SIGTERM)  # systemd's default KillSignal
    try:
        code = process.wait(unit.stop_seconds)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{unit.name} did not stop within TimeoutStopSec:\n{output(process)}")
    text = output(process)
    # uvicorn shuts down gracefully, then re-raises the signal; systemd counts an exit by SIGTERM as
    # clean for every type but oneshot (SuccessExitStatus), as it counts 0
    assert code in (0, -signal.SIGTERM), f"{unit.name} exited {code}:\n{text}"
    assert "Traceback" not in text, text


@pytest.mark.e2e
def test_the_single_process_unit_serves_on_sqlite(host: Host) -> None:
    unit = units()["repo-hygiene.service"]
    assert unit.environment["DATABASE_URL"] == f"sqlite:///{STATE}/repo-hygiene.db"
    port = free_port()
    process = start(unit, host, PORT=str(port))
    try:
        assert wait_healthy(process, port).json() == {"ok": True}
    finally:
        stop(process, unit)
    database = host.state / "repo-hygiene.db"
    assert database.is_file() and database.stat().st_mode & 0o077 == 0


@pytest.fixture
def postgres_database(postgres_url: str) -> Iterator[str]:
    """A database of its own on the throwaway server, so that `migrate` starts from nothing."""
    import psycopg

    name = f"units_{uuid.uuid4().hex[:12]}"
    admin = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.e2e
@pytest.mark.postgres
def test_the_scaled_out_units_run_on_postgresql(host: Host, postgres_database: str) -> None:
    found = units()
    database = {"DATABASE_URL": postgres_database}
    migrate = found["repo-hygiene-migrate.service"]
    migration = start(migrate, host, **database)
    assert migration.wait(120) == 0, output(migration)
    output(migration)

    web_unit, worker_unit = found["repo-hygiene-web.service"], found["repo-hygiene-worker@.service"]
    port = free_port()
    web = start(web_unit, host, PORT=str(port), **database)
    workers = [start(worker_unit, host, instance=str(n), **database) for n in (1, 2)]
    try:
        assert wait_healthy(web, port).json() == {"ok": True}
        assert httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
        time.sleep(2)  # the workers have claimed the start-up jobs by now, or are waiting for work
        assert all(worker.poll() is None for worker in workers), [output(w) for w in workers]
    finally:
        stop(web, web_unit)
        for worker in workers:
            stop(worker, worker_unit)
