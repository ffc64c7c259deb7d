"""Storage. Importing this package registers every table on `Base.metadata` (for Alembic)."""

from app.advisories import store as advisories_store  # noqa: F401
from app.checkruns import store as checkruns_store  # noqa: F401
from app.dashboard import store as dashboard_store  # noqa: F401
from app.store import accounts, models, org_config  # noqa: F401
from app.store.base import Base

__all__ = ["Base"]
