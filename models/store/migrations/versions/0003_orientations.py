"""PMI centres, partners, orientations, referrals

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.store.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("partner_type", sa.String(length=32), nullable=False),
        sa.Column("address", sa.String(length=240), nullable=False),
        sa.Column("commune", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=24), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=False),
        sa.Column("opening_hours", sa.String(length=240), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("contact_person", sa.String(length=120), nullable=False),
        sa.Column("notes", sa.String(length=500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", models.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partners")),
    )
    op.create_table(
        "pmi_centres",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=240), nullable=False),
        sa.Column("commune", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=24), nullable=False),
        sa.Column("opening_hours", sa.String(length=240), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pmi_centres")),
    )
    op.create_table(
        "orientations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("pmi_centre_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("appointment_at", models.store.base.UTCDateTime(), nullable=True),
        sa.Column("created_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", models.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pmi_centre_id"],
            ["pmi_centres.id"],
            name=op.f("fk_orientations_pmi_centre_id_pmi_centres"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_orientations_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orientations")),
    )
    with op.batch_alter_table("orientations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orientations_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "referrals",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("slip_printed", sa.Boolean(), nullable=False),
        sa.Column("created_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", models.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partners.id"], name=op.f("fk_referrals_partner_id_partners")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_referrals_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referrals_visit_id"), ["visit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_visit_id"))

    op.drop_table("referrals")
    with op.batch_alter_table("orientations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orientations_visit_id"))

    op.drop_table("orientations")
    op.drop_table("pmi_centres")
    op.drop_table("partners")
