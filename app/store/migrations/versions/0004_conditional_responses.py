"""GitHub answers kept for conditional requests (ETag / Last-Modified and the body, per installation and URL)

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.store.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conditional_responses",
        sa.Column("installation_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("url_key", sa.String(length=64), nullable=False),
        sa.Column("etag", sa.String(length=255), nullable=True),
        sa.Column("last_modified", sa.String(length=64), nullable=True),
        sa.Column("credential", sa.String(length=16), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("used_at", app.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("installation_id", "url_key", name=op.f("pk_conditional_responses")),
    )
    with op.batch_alter_table("conditional_responses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conditional_responses_used_at"), ["used_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("conditional_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conditional_responses_used_at"))
    op.drop_table("conditional_responses")
