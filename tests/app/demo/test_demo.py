"""The demo's parts: the seeded organisation, the maintainer's pull request, the shipped advisories, the
settings it gives the app, and its signal handling. The whole command runs in test_demo_e2e.py."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

import pytest

from app.cli import main as cli
from app.demo.world import (
    BUMP_BRANCH,
    COMPLIANT_POLICY,
    DEMO_MEMBER,
    DEMO_ORG,
    VULNERABLE_REPO,
    open_lodash_bump,
    seed_demo_org,
)
from tests.simulator.conftest import World, api, installation_token


def test_seed_demo_org(world: World) -> None:
    seeded = seed_demo_org(world.control)
    assert len(seeded) == 5
    c = world.control
    assert "SECURITY.md" not in c.repo(DEMO_ORG, "no-policy")["files"]
    assert "security-ecosystem@nodejs.org" in c.repo(DEMO_ORG, "stale-policy")["files"]["SECURITY.md"]
    lock = json.loads(c.repo(DEMO_ORG, VULNERABLE_REPO)["files"]["package-lock.json"])
    assert lock["packages"]["node_modules/lodash"]["version"] == "4.17.15"
    compliant = c.repo(DEMO_ORG, "compliant")["files"]
    assert "Supported Versions" in compliant["SECURITY.md"] and "badge" in compliant["README.md"]
    assert c.repo(DEMO_ORG, "archived-project")["archived"] is True
    installation_id = c.install(DEMO_ORG)
    c.wait_for_webhooks()
    world.installation_id = installation_id
    with api(world, installation_token(world)) as client:
        repos = client.get("/installation/repositories").json()
        assert repos["total_count"] == 5
        policy = client.get(f"/repos/{DEMO_ORG}/compliant/contents/SECURITY.md")
        assert policy.status_code == 200 and policy.json()["type"] == "file"


def test_lodash_bump_pull_request_is_opened_by_the_member(world: World) -> None:
    c = world.control
    seed_demo_org(c)
    c.install(DEMO_ORG)
    c.wait_for_webhooks()
    before = len(world.receiver.received)
    number = open_lodash_bump(c)
    c.wait_for_webhooks()
    repo = c.repo(DEMO_ORG, VULNERABLE_REPO)
    pull = next(p for p in repo["pulls"] if p["number"] == number)
    assert (pull["user"], pull["head"], pull["base"], pull["state"]) == (
        DEMO_MEMBER,
        BUMP_BRANCH,
        "main",
        "open",
    )
    assert "4.17.20" in pull["title"]
    assert '"version": "4.17.15"' in repo["files"]["package-lock.json"]  # the default branch is unchanged
    events = [(h["X-GitHub-Event"], json.loads(b).get("action")) for h, b in world.receiver.received[before:]]
    assert ("pull_request", "opened") in events and ("check_suite", "requested") in events
    opened = next(
        json.loads(b) for h, b in world.receiver.received[before:] if h["X-GitHub-Event"] == "pull_request"
    )
    assert opened["sender"]["login"] == DEMO_MEMBER
    assert opened["pull_request"]["head"]["sha"] == repo["refs"][f"refs/heads/{BUMP_BRANCH}"]


def test_demo_advisories_load_with_the_store_importer_and_match_lodash(tmp_path: Path) -> None:
    from app.advisories.matcher import DatabaseMatcher
    from app.demo.server import ADVISORIES_DIR, load_demo_advisories
    from app.store.base import Base, make_engine, make_sessionmaker
    from checks.model import Dependency

    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    Base.metadata.create_all(engine)
    sessions = make_sessionmaker(engine)
    report = load_demo_advisories(sessions)
    assert report.stats.inserted == 2 and report.rejected_count == 0
    assert load_demo_advisories(sessions).stats.unchanged == 2  # a reused database: no duplicates
    assert (ADVISORIES_DIR / "README.md").read_text().count("CC-BY-4.0") >= 1

    def found(version: str) -> set[str]:
        dep = Dependency("npm", "lodash", version, "package-lock.json", 14, True)
        return {f.advisory_id for f in DatabaseMatcher(sessions).match([dep])}

    assert found("4.17.15") == {"GHSA-p6mc-m468-83gw", "GHSA-35jh-r3h4-6jhm"}
    assert found("4.17.20") == {"GHSA-35jh-r3h4-6jhm"}  # the bump the demo's pull request makes
    assert found("4.17.21") == set()
    engine.dispose()


def test_demo_advisories_refuse_a_broken_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.demo import server as demo_app
    from app.store.base import Base, make_engine, make_sessionmaker

    (tmp_path / "GHSA-bad.json").write_text('{"id": "GHSA-bad", "affected": ')
    monkeypatch.setattr(demo_app, "ADVISORIES_DIR", tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    Base.metadata.create_all(engine)
    with pytest.raises(demo_app.DemoError, match=r"GHSA-bad\.json: invalid JSON"):
        demo_app.load_demo_advisories(make_sessionmaker(engine))
    engine.dispose()


def test_demo_settings_ignore_dotenv_and_point_the_dashboard_at_auth_callback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_keys: tuple[str, str]
) -> None:
    from app.demo.server import demo_settings

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("APP_ID=999\nGITHUB_API_URL=https://api.github.com\n")
    monkeypatch.setenv("SESSION_SECRET", "a-real-deployment-secret")
    monkeypatch.setenv("GITHUB_API_URL", "https://api.github.com")
    settings = demo_settings(
        port=4321,
        sim_url="http://127.0.0.1:4322",
        database_url="sqlite:///x.db",
        private_key=app_keys[0],
        webhook_secret="w",
        client_secret="c",
    )
    assert settings.app_id == 1 and settings.port == 4321
    assert settings.github_api_url == "http://127.0.0.1:4322"
    assert settings.base_url == "http://127.0.0.1:4321"
    assert settings.session_secret is None  # derived from the demo's own secrets instead


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_stop_signals_set_the_event_and_restore_handlers(signum: int) -> None:
    from app.commands.demo import stop_signals

    before = signal.getsignal(signum)
    stop = threading.Event()
    with stop_signals(stop):
        os.kill(os.getpid(), signum)
        assert stop.wait(2)
    assert signal.getsignal(signum) is before


def test_demo_command_sim_only(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import httpx

    from app.cli import build_parser
    from app.commands import demo
    from simulator.testing import free_port

    seen: dict[str, object] = {}

    def look_instead_of_waiting(stop: threading.Event, alive: object = None) -> None:
        seen.update(httpx.get(f"http://127.0.0.1:{port}/_sandbox/state").json())

    port = free_port()
    monkeypatch.setattr(demo, "wait_until", look_instead_of_waiting)
    args = build_parser(["demo"]).parse_args(["demo", "--sim-only", "--sim-port", str(port)])
    assert demo.run(args) == 0
    assert len(seen["repos"]) == 5  # type: ignore[arg-type]
    assert seen["installations"][0]["account"] == DEMO_ORG  # type: ignore[index]
    assert "/_sandbox/ui/" in capsys.readouterr().out


def test_demo_command_reports_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from app.cli import build_parser
    from app.commands import demo
    from simulator.testing import free_port

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = build_parser(["demo"]).parse_args(["demo", "--sim-only", "--sim-port", str(port)])
        assert demo.run(args) == 1
        app_argv = ["demo", "--port", str(port), "--sim-port", str(free_port())]
        app_args = build_parser(["demo"]).parse_args(app_argv)
        assert demo.run(app_args) == 1
    out = capsys.readouterr().out
    assert f"port {port} (--sim-port) is not free" in out and f"port {port} (--port) is not free" in out


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["--port", "70000"], "a port is between 1 and 65535, not 70000"),
        (["--sim-port", "web"], "not a port number: 'web'"),
        (["--log-level", "loud"], "invalid choice: 'LOUD'"),
    ],
)
def test_demo_options_are_checked(
    argv: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["demo", *argv])
    assert exited.value.code == 2 and complaint in capsys.readouterr().err


def test_demo_command_reports_an_unusable_database_without_its_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main
    from simulator.testing import free_port

    port, sim_port = free_port(), free_port()
    url = "postgresql+psycopg://hygiene:s3cret-pw@127.0.0.1:1/hygiene"  # nothing listens on port 1
    assert main(["demo", "--port", str(port), "--sim-port", str(sim_port), "--database-url", url]) == 1
    out = capsys.readouterr().out
    assert "could not create the schema in postgresql+psycopg://hygiene:***@127.0.0.1:1/hygiene" in out
    assert "s3cret-pw" not in out and "Stopped." in out


def test_the_demo_server_has_the_connection_limits_of_serve(tmp_path: Path) -> None:
    from app.demo.server import DEMO_SHUTDOWN_SECONDS, DemoApp
    from app.server_limits import (
        KEEP_ALIVE_SECONDS,
        LIMIT_CONCURRENCY,
        MAX_HEADER_BYTES,
        HeaderTimeoutH11Protocol,
    )
    from app.settings import Settings

    settings = Settings(port=3999, database_url=f"sqlite:///{tmp_path / 'demo.db'}", session_secret="s" * 32)
    demo = DemoApp(settings)
    config = demo.server_config()
    assert config.http is HeaderTimeoutH11Protocol  # the header deadline
    assert config.limit_concurrency == LIMIT_CONCURRENCY
    assert config.timeout_keep_alive == KEEP_ALIVE_SECONDS
    assert config.h11_max_incomplete_event_size == MAX_HEADER_BYTES
    assert config.timeout_graceful_shutdown == DEMO_SHUTDOWN_SECONDS
    assert (config.host, config.port) == ("127.0.0.1", 3999)
    demo.services.sessions.kw["bind"].dispose()


def test_the_compliant_repository_passes_the_policy_and_badge_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the seeded files as the app reads them: the screenshots show this repository passing
    (tmp_path / "SECURITY.md").write_text(COMPLIANT_POLICY)
    badge = "[![Security policy](https://img.shields.io/badge/security-policy-brightgreen)](SECURITY.md)"
    (tmp_path / "README.md").write_text(f"# compliant\n\n{badge}\n")
    assert cli(["check", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "[PASS]  security-policy" in printed and "[PASS]  security-badge" in printed
