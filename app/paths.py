"""Where the project's non-Python files live. The app runs from a checkout (`pip install -e .`), so
`templates/` beside `app/` is the one source of every page, pull-request text and SECURITY.md."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
