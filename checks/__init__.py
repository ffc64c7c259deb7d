"""The checks: one module per check, discovered here, each a pure function over a `Snapshot`.

A check module defines `ID`, `TITLE`, `NEEDS` and `run(snapshot, ctx) -> CheckResult`.
Modules whose name starts with `_` and the sub-packages (parsers, version comparators) are not checks.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Iterable
from types import ModuleType

from checks.model import Check, CheckContext, CheckResult, Need, Snapshot, Status

log = logging.getLogger(__name__)

_NOT_CHECKS = {"model", "config"}


def _discover() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.ispkg or info.name.startswith("_") or info.name in _NOT_CHECKS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if not isinstance(module, Check):
            raise TypeError(f"checks/{info.name}.py does not satisfy the Check protocol")
        if module.ID in found:
            raise ValueError(f"duplicate check id {module.ID!r}")
        found[module.ID] = module
    return dict(sorted(found.items()))


REGISTRY: dict[str, ModuleType] = _discover()


def all_needs(check_ids: Iterable[str] | None = None) -> tuple[Need, ...]:
    ids = REGISTRY.keys() if check_ids is None else check_ids
    return tuple(need for cid in ids for need in REGISTRY[cid].NEEDS)


def run_check(check_id: str, snapshot: Snapshot, ctx: CheckContext) -> CheckResult:
    """Run one check; an exception becomes an `error` result instead of aborting the others."""
    try:
        result: CheckResult = REGISTRY[check_id].run(snapshot, ctx)
    except Exception as exc:  # a crashing check must never cost the other checks' results
        log.exception("check %s crashed on %s", check_id, snapshot.repo.full_name)
        return CheckResult(check_id, Status.ERROR, f"internal error: {type(exc).__name__}: {exc}")
    return result


def run_all(
    snapshot: Snapshot, ctx: CheckContext, check_ids: Iterable[str] | None = None
) -> dict[str, CheckResult]:
    ids = list(REGISTRY) if check_ids is None else [c for c in check_ids if c in REGISTRY]
    return {cid: run_check(cid, snapshot, ctx) for cid in ids}
