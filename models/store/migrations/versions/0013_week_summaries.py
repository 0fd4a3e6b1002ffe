"""The coordination keeps each imported week's figures, counted at import, and their sums by
quarter of ISO year; it indexes its rows by cabane then day: a year of the département's
110 cabanes is summed from some 600 summaries, and a cabane's weeks are written side by
side (issue 16)

Weeks imported before have no summary (nor their quarters): their rows are counted when
a period asks, until their file is imported again.

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
    op.create_table(
        "coord_block_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_code", sa.String(length=32), nullable=False),
        sa.Column("iso_year", sa.Integer(), nullable=False),
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coord_block_figures")),
        sa.UniqueConstraint(
            "site_code",
            "iso_year",
            "block",
            name=op.f("uq_coord_block_figures_site_code"),
        ),
    )
    for table in TABLES:
        op.drop_index(f"ix_{table}_day_site", table_name=table)
        op.create_index(f"ix_{table}_site_day", table, ["site_code", "day"])


def downgrade() -> None:
    op.drop_table("coord_block_figures")
    for table in TABLES:
        op.drop_index(f"ix_{table}_site_day", table_name=table)
        op.create_index(f"ix_{table}_day_site", table, ["day", "site_code"])
    with op.batch_alter_table("imported_weeks", schema=None) as batch_op:
        batch_op.drop_column("figures")
