"""Sites, staff, visits, families and the audit journal

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.store.base

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("commune", sa.String(length=16), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("pmi_centre", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=240), nullable=False),
        sa.Column("opening_hours", sa.String(length=240), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("created_at", models.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
        sa.UniqueConstraint("code", name=op.f("uq_sites_code")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_staff_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_audit_events_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_table(
        "families",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=24), nullable=True),
        sa.Column("card_code", sa.String(length=12), nullable=False),
        sa.Column("consent_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("consent_staff_id", sa.Integer(), nullable=False),
        sa.Column("last_contact_at", models.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_staff_id"], ["staff.id"], name=op.f("fk_families_consent_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_families_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_families")),
        sa.UniqueConstraint("card_code", name=op.f("uq_families_card_code")),
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("arrived_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("mothers", sa.Integer(), nullable=False),
        sa.Column("fathers", sa.Integer(), nullable=False),
        sa.Column("other_adults", sa.Integer(), nullable=False),
        sa.Column("professionals", sa.Integer(), nullable=False),
        sa.Column("pregnant", sa.Integer(), nullable=False),
        sa.Column("children_0_5m", sa.Integer(), nullable=False),
        sa.Column("children_6_11m", sa.Integer(), nullable=False),
        sa.Column("children_12_23m", sa.Integer(), nullable=False),
        sa.Column("children_24_35m", sa.Integer(), nullable=False),
        sa.Column("children_3_5y", sa.Integer(), nullable=False),
        sa.Column("children_6y_plus", sa.Integer(), nullable=False),
        sa.Column("first_visit", sa.String(length=8), nullable=False),
        sa.Column("known_to_pmi", sa.String(length=8), nullable=False),
        sa.Column("commune", sa.String(length=16), nullable=False),
        sa.Column("heard_via", sa.String(length=24), nullable=False),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=True),
        sa.Column("family_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.String(length=280), nullable=True),
        sa.Column("created_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", models.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name=op.f("fk_visits_family_id_families"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff.id"], name=op.f("fk_visits_recorded_by_id_staff")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_visits_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visits_family_id"), ["family_id"], unique=False)
        batch_op.create_index("ix_visits_site_arrived", ["site_id", "arrived_at"], unique=False)

    op.create_table(
        "visit_languages",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_languages_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visit_id", "code", name=op.f("pk_visit_languages")),
    )
    op.create_table(
        "visit_reasons",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_reasons_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visit_id", "code", name=op.f("pk_visit_reasons")),
    )


def downgrade() -> None:
    op.drop_table("visit_reasons")
    op.drop_table("visit_languages")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_site_arrived")
        batch_op.drop_index(batch_op.f("ix_visits_family_id"))

    op.drop_table("visits")
    op.drop_table("families")
    op.drop_table("audit_events")
    op.drop_table("staff")
    op.drop_table("sites")
