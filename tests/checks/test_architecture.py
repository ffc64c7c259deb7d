"""`checks/` stays pure: it imports nothing of the app or of any I/O library."""

from __future__ import annotations

from pathlib import Path

import checks
from tests.imports import imported_roots

FORBIDDEN = ("app", "githubkit", "httpx", "starlette", "sqlalchemy", "uvicorn", "requests", "socket")
CHECKS_DIR = Path(checks.__file__).parent


def test_checks_import_no_io_or_app_code() -> None:
    offenders = {
        str(path.relative_to(CHECKS_DIR)): sorted(imported_roots(path) & set(FORBIDDEN))
        for path in CHECKS_DIR.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_registered_check_satisfies_the_protocol() -> None:
    for check_id, module in checks.REGISTRY.items():
        assert module.ID == check_id
        assert check_id == check_id.lower() and " " not in check_id
        assert isinstance(module.TITLE, str) and module.TITLE
        assert isinstance(module.NEEDS, tuple)
