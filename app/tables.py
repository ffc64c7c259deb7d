"""Every table of the app: importing this module registers all of them on `Base.metadata`.

The store's core tables live in `app.store`; the advisory, check-run and dashboard packages own theirs.
Alembic's environment and the tests that create a schema import this module."""

from app.advisories import store as advisories_store  # noqa: F401
from app.checkruns import store as checkruns_store  # noqa: F401
from app.dashboard import store as dashboard_store  # noqa: F401
from app.store import Base
from app.store import budgets as budget_store  # noqa: F401
from app.store import conditional as conditional_store  # noqa: F401
from app.store import tokens as token_store  # noqa: F401

__all__ = ["Base"]
