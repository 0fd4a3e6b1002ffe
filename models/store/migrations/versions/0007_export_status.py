"""Weekly exports reserve their revision before writing: a status and the folder

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every export recorded so far was written whole (one transaction with its file).
    op.add_column(
        "weekly_exports",
        sa.Column("status", sa.String(length=16), server_default="written", nullable=False),
    )
    op.add_column(
        "weekly_exports", sa.Column("folder", sa.Text(), server_default="", nullable=False)
    )


def downgrade() -> None:
    with op.batch_alter_table("weekly_exports", schema=None) as batch_op:
        batch_op.drop_column("folder")
        batch_op.drop_column("status")
