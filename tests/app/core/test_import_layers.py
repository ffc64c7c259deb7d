"""Every top-level module of app/ has a place in the layers contract (pyproject.toml).

import-linter checks only the modules a contract names: a module left out of the layers would be free
to import anything, so a new module must be placed before it lands.
"""

import pkgutil
import re
import tomllib
from pathlib import Path

import app

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _layered_modules() -> set[str]:
    contracts = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    return {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}


def test_every_top_level_app_module_is_in_the_layers_contract() -> None:
    top_level = {f"app.{module.name}" for module in pkgutil.iter_modules(app.__path__)}
    assert top_level, "found no modules under app/"
    assert top_level - _layered_modules() == set()


def test_the_layers_name_only_modules_that_exist() -> None:
    top_level = {f"app.{module.name}" for module in pkgutil.iter_modules(app.__path__)}
    assert {name for name in _layered_modules() if name.startswith("app.")} <= top_level
