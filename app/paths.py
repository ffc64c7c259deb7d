"""Where the project's non-Python files live.

`templates/` at the project root is the one source of every page, pull-request text and SECURITY.md.
A wheel ships that folder as `app/_templates` (package data of `app._templates`, see setup.py); a
checkout (tests run with the project root on sys.path, or `pip install -e .`) reads it in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

APP_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = APP_DIR.parent
INSTALLED_TEMPLATES = "_templates"


def _templates_dir() -> Path:
    # A checkout is recognised by its pyproject.toml, so a stray top-level `templates` folder in
    # site-packages (left by some other distribution) is never mistaken for ours.
    checkout = PROJECT_ROOT / "templates"
    if (PROJECT_ROOT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    installed = resources.files("app").joinpath(INSTALLED_TEMPLATES)
    # Jinja's FileSystemLoader needs a real folder; pip installs wheels unzipped, so this is one.
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    raise RuntimeError(f"templates not found: neither {checkout} nor {installed} exists")


TEMPLATES_DIR = _templates_dir()


@cache
def check_templates() -> Mapping[str, str]:
    """The text of every top-level file of `templates/`, by file name: the checks render their fixes
    from these (`CheckContext.templates`), since they read no files themselves. Read once."""
    files = sorted(p for p in TEMPLATES_DIR.iterdir() if p.is_file())
    return MappingProxyType({p.name: p.read_text(encoding="utf-8") for p in files})
