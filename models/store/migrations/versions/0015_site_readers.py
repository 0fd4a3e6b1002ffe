"""Which login of a shared PostgreSQL store may read which cabane's rows (row-level
security, issue 17); an empty table on SQLCipher

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coord_site_readers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("site_code", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coord_site_readers")),
        sa.UniqueConstraint("login", name=op.f("uq_coord_site_readers_login")),
    )


def downgrade() -> None:
    op.drop_table("coord_site_readers")
