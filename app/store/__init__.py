"""Storage: the declarative base, the core tables and their queries.

Feature packages define their own tables on the same `Base`; `app.tables` imports every one of them
(Alembic's target metadata)."""

from app.store import accounts, intended_writes, models, org_config, parse_cache  # noqa: F401
from app.store.base import Base

__all__ = ["Base"]
