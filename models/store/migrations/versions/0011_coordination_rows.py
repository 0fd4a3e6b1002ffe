"""The coordination keeps every part of the weekly files (visits, orientations, referrals,
sessions, outings), row by row, so that any period can be counted (issue 16)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = (
    "coord_orientations",
    "coord_outings",
    "coord_referrals",
    "coord_sessions",
    "coord_visits",
)


def _strings(*names_and_lengths: tuple[str, int]) -> list[sa.Column[Any]]:
    return [sa.Column(name, sa.String(length=n), nullable=False) for name, n in names_and_lengths]


def _integers(*names: str) -> list[sa.Column[Any]]:
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def _table(name: str, *columns: sa.Column[Any]) -> None:
    """A table of rows of an imported week, with the columns every such row has."""
    op.create_table(
        name,
        *columns,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_id", sa.Integer(), nullable=False),
        sa.Column("site_code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["week_id"],
            ["imported_weeks.id"],
            name=op.f(f"fk_{name}_week_id_imported_weeks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )
    op.create_index(f"ix_{name}_day_site", name, ["day", "site_code"], unique=False)


def upgrade() -> None:
    _table(
        "coord_orientations",
        *_strings(("service", 40), ("status", 24)),
    )
    _table(
        "coord_outings",
        *_integers("hour", "minutes"),
        *_strings(("commune", 16)),
        *_integers("adults", "children", "pregnant", "flyers", "conversations", "orientations"),
    )
    _table(
        "coord_referrals",
        *_strings(("partner_type", 40), ("theme", 40), ("status", 24)),
    )
    _table(
        "coord_sessions",
        *_strings(("session_ref", 40), ("activity", 40)),
        *_integers("hour", "minutes"),
        *_strings(("status", 24)),
        *_integers("adults", "children"),
    )
    _table(
        "coord_visits",
        *_integers("hour"),
        *_integers(
            "mothers",
            "fathers",
            "other_adults",
            "professionals",
            "pregnant",
            "children_0_5m",
            "children_6_11m",
            "children_12_23m",
            "children_24_35m",
            "children_3_5y",
            "children_6y_plus",
        ),
        *_strings(("first_visit", 8), ("known_to_pmi", 8), ("commune", 16), ("heard_via", 24)),
        *_strings(("languages", 120)),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        *_strings(("reasons", 240), ("session_ref", 40), ("family_ref", 40)),
    )
    # Weeks imported before this revision have their totals only: their files, imported
    # again, bring their rows (the same file is not « unchanged » for them).
    op.add_column(
        "imported_weeks",
        sa.Column("detailed", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("imported_weeks", schema=None) as batch_op:
        batch_op.drop_column("detailed")
    for name in TABLES:
        op.drop_index(f"ix_{name}_day_site", table_name=name)
        op.drop_table(name)
