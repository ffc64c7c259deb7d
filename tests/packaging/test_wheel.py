"""A plain (non-editable) install carries every non-Python file the app reads at run time, and an
editable install still reads the checkout's own `templates/`.

Builds from a copy of the project, installs (wheel: `pip --target`; editable: a throwaway venv), and
probes from a subprocess whose cwd and sys.path are outside the project.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Left out of the copy the wheel is built from: at the root only, and caches anywhere.
ROOT_ONLY = {
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "tests",
    "data",
    "test-artifacts",
    ".env",
    ".hypothesis",
}
ANYWHERE = shutil.ignore_patterns("__pycache__", "*.egg-info", ".*_cache", "*.sqlite*", "*.db")


def _not_shipped(folder: str, names: list[str]) -> set[str]:
    at_root = ROOT_ONLY.intersection(names) if Path(folder) == PROJECT_ROOT else set()
    return at_root | ANYWHERE(folder, names)


PROBE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    import app
    import simulator
    from alembic.script import ScriptDirectory
    from app.store.migrate import alembic_config, upgrade
    from app.dashboard.web import STATIC_DIR
    from app.templating import templates
    from app.paths import TEMPLATES_DIR
    from app.demo.server import ADVISORIES_DIR
    from simulator.browse import TEMPLATES as SIMULATOR_TEMPLATES

    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    upgrade("sqlite:///" + sys.argv[1])
    env = templates()
    print(json.dumps({
        "app_dir": str(Path(app.__file__).parent),
        "templates_dir": str(TEMPLATES_DIR),
        "templates": sorted(p.relative_to(TEMPLATES_DIR).as_posix() for p in TEMPLATES_DIR.rglob("*.*")),
        "dashboard_index_compiles": env.get_template("dashboard/index.html").name,
        "migrations_dir": scripts.dir,
        "mako": (Path(scripts.dir) / "script.py.mako").is_file(),
        "heads": list(scripts.get_heads()),
        "static": sorted(p.name for p in STATIC_DIR.iterdir()),
        "demo_advisories": sorted(p.name for p in ADVISORIES_DIR.glob("*.json")),
        "simulator_dir": str(Path(simulator.__file__).parent),
        "simulator_templates": sorted(p.name for p in SIMULATOR_TEMPLATES.glob("*.html")),
    }))
    """
)


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180, check=False
    )


def _build_wheel(source: Path, out: Path) -> Path:
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out)]
    built = _run(*pip_wheel, "--no-build-isolation", source, cwd=source)
    if built.returncode != 0:
        # The venv's own setuptools may be older than the build-system requires (PEP 639 licence
        # needs setuptools>=77); an isolated build fetches a current one from PyPI.
        built = _run(*pip_wheel, source, cwd=source)
    if built.returncode != 0 and "satisfies the requirement setuptools" in built.stderr:
        pytest.skip("building needs setuptools>=77: not in this venv, and PyPI is unreachable")
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = out.glob("repo_hygiene-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = _copy_project(tmp / "source")
    wheel = _build_wheel(source, tmp / "dist")
    target = tmp / "site"
    done = _run(
        sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, wheel, cwd=tmp
    )
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.rmtree(source)  # the installed copy must stand alone
    return target


def _copy_project(dest: Path) -> Path:
    shutil.copytree(PROJECT_ROOT, dest, ignore=_not_shipped)
    return dest


def _package_files(root: Path, top: str) -> set[str]:
    return {
        p.relative_to(root / top).as_posix()
        for p in (root / top).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def _outside_env(site: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "REPO_HYGIENE"))}
    return {**env, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}


@pytest.mark.slow
def test_installed_wheel_finds_templates_migrations_and_data(installed: Path, tmp_path: Path) -> None:
    probe = _run(
        sys.executable, "-c", PROBE, tmp_path / "db.sqlite", cwd=tmp_path, env=_outside_env(installed)
    )
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)

    app_dir = installed / "app"
    assert found["app_dir"] == str(app_dir)
    assert found["templates_dir"] == str(app_dir / "_templates")
    assert {"SECURITY.md.j2", "security_pr_body.md.j2", "dashboard/index.html", "dashboard/repo.html"} <= set(
        found["templates"]
    )
    assert found["templates"] == sorted(
        p.relative_to(PROJECT_ROOT / "templates").as_posix()
        for p in (PROJECT_ROOT / "templates").rglob("*.*")
    )
    assert found["dashboard_index_compiles"] == "dashboard/index.html"
    assert found["migrations_dir"] == str(app_dir / "store" / "migrations")
    assert found["mako"] is True
    assert len(found["heads"]) == 1
    assert (tmp_path / "db.sqlite").stat().st_size > 0
    assert "dashboard.css" in found["static"]
    assert found["demo_advisories"] == sorted(
        p.name for p in (PROJECT_ROOT / "app" / "demo" / "advisories").glob("*.json")
    )
    assert found["simulator_dir"] == str(installed / "simulator")
    assert {"base.html", "pull.html"} <= set(found["simulator_templates"])


@pytest.mark.slow
def test_wheel_holds_every_file_of_the_packages_and_templates(installed: Path) -> None:
    expected = {f"app/{f}" for f in _package_files(PROJECT_ROOT, "app")}
    expected |= {f"checks/{f}" for f in _package_files(PROJECT_ROOT, "checks")}
    expected |= {f"simulator/{f}" for f in _package_files(PROJECT_ROOT, "simulator")}
    expected |= {f"app/_templates/{f}" for f in _package_files(PROJECT_ROOT, "templates")}
    shipped = {f"app/{f}" for f in _package_files(installed, "app")}
    shipped |= {f"checks/{f}" for f in _package_files(installed, "checks")}
    shipped |= {f"simulator/{f}" for f in _package_files(installed, "simulator")}
    # A new kind of data file needs its pattern in pyproject's [tool.setuptools.package-data].
    assert sorted(expected - shipped) == []
    assert sorted(shipped - expected) == []


@pytest.mark.slow
def test_installed_wheel_runs_the_cli(installed: Path, tmp_path: Path) -> None:
    done = _run(sys.executable, "-m", "app", "--help", cwd=tmp_path, env=_outside_env(installed))
    assert done.returncode == 0, done.stderr
    assert "repo-hygiene" in done.stdout


@pytest.mark.slow
def test_installed_wheel_runs_the_demo(installed: Path, tmp_path: Path) -> None:
    """The demo composes the app and the simulator package, both from the wheel: seeding, migrations,
    shipped advisories, the simulator's HTML pages and the app's health check all answer."""
    import httpx

    from simulator.testing import free_port

    port, sim_port = free_port(), free_port()
    env = {**_outside_env(installed), "PYTHONUNBUFFERED": "1"}
    argv = [sys.executable, "-m", "app", "demo", "--port", str(port), "--sim-port", str(sim_port)]
    process = subprocess.Popen(
        argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        for line in process.stdout:  # bounded by the demo's own start timeouts
            lines.append(line)
            if "Ctrl-C" in line:
                break
        output = "".join(lines)
        assert "Ctrl-C" in output, output
        ui = httpx.get(f"http://127.0.0.1:{sim_port}/_sandbox/ui/", timeout=10)
        assert ui.status_code == 200 and "GitHub sandbox" in ui.text and "demo-org" in ui.text
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    assert process.returncode == 0, output + rest
    assert "Stopped." in rest and "Traceback" not in output + rest


@pytest.mark.slow
def test_editable_install_reads_the_checkouts_templates(tmp_path: Path) -> None:
    checkout = _copy_project(tmp_path / "checkout")
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    # The throwaway venv borrows this interpreter's installed dependencies.
    venv_site = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (venv_site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "-e"]
    done = _run(*pip, checkout, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr

    editable_probe = (
        "import app.templating as templating, app.paths as paths;"
        "templating.templates().get_template('dashboard/index.html'); print(paths.TEMPLATES_DIR)"
    )
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    probe = _run(python, "-c", editable_probe, cwd=tmp_path, env=clean_env)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == str(checkout / "templates")
