"""Outreach outings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.store.base

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outreach_outings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("started_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("ended_at", models.store.base.UTCDateTime(), nullable=True),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("commune", sa.String(length=16), nullable=False),
        sa.Column("staff_present", sa.JSON(), nullable=False),
        sa.Column("adults", sa.Integer(), nullable=False),
        sa.Column("children", sa.Integer(), nullable=False),
        sa.Column("pregnant", sa.Integer(), nullable=False),
        sa.Column("flyers", sa.Integer(), nullable=False),
        sa.Column("conversations", sa.Integer(), nullable=False),
        sa.Column("orientations", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=280), nullable=False),
        sa.Column("updated_at", models.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_outreach_outings_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_outings")),
    )
    with op.batch_alter_table("outreach_outings", schema=None) as batch_op:
        batch_op.create_index("ix_outreach_site_started", ["site_id", "started_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outreach_outings", schema=None) as batch_op:
        batch_op.drop_index("ix_outreach_site_started")

    op.drop_table("outreach_outings")
