"""Programme sessions

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.store.base

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("starts_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("ends_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("at_cabane", sa.Boolean(), nullable=False),
        sa.Column("address", sa.String(length=240), nullable=False),
        sa.Column("facilitator", sa.String(length=120), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("age_min_months", sa.Integer(), nullable=False),
        sa.Column("age_max_months", sa.Integer(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("registrations", sa.JSON(), nullable=False),
        sa.Column("typed_adults", sa.Integer(), nullable=True),
        sa.Column("typed_children", sa.Integer(), nullable=True),
        sa.Column("updated_at", models.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partners.id"], name=op.f("fk_activity_sessions_partner_id_partners")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_activity_sessions_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_sessions")),
    )
    with op.batch_alter_table("activity_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activity_sessions_site_starts", ["site_id", "starts_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("activity_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_sessions_site_starts")

    op.drop_table("activity_sessions")
