"""Alembic environment: the URL comes from the Alembic config, else DATABASE_URL/settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

import app.tables  # noqa: F401  (registers every table on Base.metadata)
from app.settings import load_settings
from app.store.base import Base, make_engine

config = context.config
url = config.get_main_option("sqlalchemy.url") or load_settings(require_github=False).database_url


def run_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
