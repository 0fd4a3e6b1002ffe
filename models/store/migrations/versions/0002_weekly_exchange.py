"""Weekly exports, imported weeks, settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.store.base

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_settings")),
    )
    op.create_table(
        "imported_weeks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_code", sa.String(length=32), nullable=False),
        sa.Column("site_name", sa.String(length=120), nullable=False),
        sa.Column("iso_year", sa.Integer(), nullable=False),
        sa.Column("iso_week", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("generated_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("imported_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("app_version", sa.String(length=20), nullable=False),
        sa.Column("row_counts", sa.JSON(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_weeks")),
        sa.UniqueConstraint(
            "site_code", "iso_year", "iso_week", name=op.f("uq_imported_weeks_site_code")
        ),
    )
    op.create_table(
        "weekly_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("iso_year", sa.Integer(), nullable=False),
        sa.Column("iso_week", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=120), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("exported_at", models.store.base.UTCDateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_weekly_exports_site_id_sites")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_weekly_exports_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weekly_exports")),
        sa.UniqueConstraint(
            "site_id", "iso_year", "iso_week", "revision", name=op.f("uq_weekly_exports_site_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("weekly_exports")
    op.drop_table("imported_weeks")
    op.drop_table("app_settings")
