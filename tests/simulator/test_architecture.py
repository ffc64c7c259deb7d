"""`simulator/` stands alone: it imports nothing of the app or of the checks. Only the demo
(`app/commands/demo.py`) composes the two."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import simulator
from tests.imports import imported_roots

FORBIDDEN = ("app", "checks")
SIMULATOR_DIR = Path(simulator.__file__).parent


def test_simulator_modules_import_neither_app_nor_checks() -> None:
    offenders = {
        str(path.relative_to(SIMULATOR_DIR)): sorted(imported_roots(path) & set(FORBIDDEN))
        for path in SIMULATOR_DIR.rglob("*.py")
    }
    assert len(offenders) > 20  # the walk found the package
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_simulator_module_loads_no_app_or_checks_module() -> None:
    """Catches what the source walk cannot see (an import through a helper or a string)."""
    modules = sorted(f"simulator.{m.name}" for m in pkgutil.iter_modules([str(SIMULATOR_DIR)]))
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('app', 'checks')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=SIMULATOR_DIR.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
