"""The coordination keeps each imported week's figures, counted at import, and indexes its
rows by cabane then day: a year of the département's 110 cabanes is summed from 5,720
week summaries, and a cabane's weeks are written side by side (issue 16)

Weeks imported before have no summary: their rows are counted when a period asks.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TABLES = (
    "coord_orientations",
    "coord_outings",
    "coord_referrals",
    "coord_sessions",
    "coord_visits",
)


def upgrade() -> None:
    op.add_column("imported_weeks", sa.Column("figures", sa.JSON(), nullable=True))
    for table in TABLES:
        op.drop_index(f"ix_{table}_day_site", table_name=table)
        op.create_index(f"ix_{table}_site_day", table, ["site_code", "day"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_site_day", table_name=table)
        op.create_index(f"ix_{table}_day_site", table, ["day", "site_code"])
    with op.batch_alter_table("imported_weeks", schema=None) as batch_op:
        batch_op.drop_column("figures")
