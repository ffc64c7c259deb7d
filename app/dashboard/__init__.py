"""The compliance dashboard for org admins: `dashboard_app(services)` is a Starlette sub-app.

Kept import-light: `app.store` imports the dashboard's tables from here without pulling in the web stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from app.jobs.context import Services


def dashboard_app(services: Services, **options: Any) -> Starlette:
    """Build the dashboard (options: `transport` for GitHub HTTP calls, `now` clock for tests)."""
    from app.dashboard.web import build_app

    return build_app(services, **options)


__all__ = ["dashboard_app"]
