"""Who led each session, by kind (salaried staff, volunteers, partners' staff), at the
cabane and in the coordination's rows: the funders' activity report asks (issue 16)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = {
    "activity_sessions": (
        "facilitators_salaried",
        "facilitators_volunteer",
        "facilitators_partner",
    ),
    "coord_sessions": ("salaried", "volunteers", "partner_staff"),
}


def upgrade() -> None:
    for table, names in COLUMNS.items():
        for name in names:
            op.add_column(table, sa.Column(name, sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    for table, names in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in names:
                batch_op.drop_column(name)
