"""job priority (interactive first) and per-installation rate budgets

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.store.base

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.SmallInteger(), server_default="1", nullable=False))
        batch_op.drop_index("ix_jobs_claim")
        batch_op.create_index("ix_jobs_claim", ["state", "priority", "run_after", "id"], unique=False)
    op.create_table(
        "installation_budgets",
        sa.Column("installation_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("limit", sa.Integer(), nullable=True),
        sa.Column("remaining", sa.Integer(), nullable=True),
        sa.Column("reset_at", app.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("next_write_at", app.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", app.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("installation_id", name=op.f("pk_installation_budgets")),
    )


def downgrade() -> None:
    op.drop_table("installation_budgets")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_claim")
        batch_op.create_index("ix_jobs_claim", ["state", "run_after", "id"], unique=False)
        batch_op.drop_column("priority")
