"""`checks/` stays pure: it imports nothing of the app or of any I/O library."""

from __future__ import annotations

import ast
from pathlib import Path

import checks

FORBIDDEN = ("app", "githubkit", "httpx", "starlette", "sqlalchemy", "uvicorn", "requests", "socket")
CHECKS_DIR = Path(checks.__file__).parent


def _imported_roots(tree: ast.AST) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_checks_import_no_io_or_app_code() -> None:
    offenders = {
        str(path.relative_to(CHECKS_DIR)): sorted(
            _imported_roots(ast.parse(path.read_text())) & set(FORBIDDEN)
        )
        for path in CHECKS_DIR.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_registered_check_satisfies_the_protocol() -> None:
    for check_id, module in checks.REGISTRY.items():
        assert module.ID == check_id
        assert check_id == check_id.lower() and " " not in check_id
        assert isinstance(module.TITLE, str) and module.TITLE
        assert isinstance(module.NEEDS, tuple)
