"""A visit's programmed session: a foreign key and an index

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A session id that matches no session (never expected, but never trusted) is dropped
    # rather than refusing the upgrade: the visit keeps all its counts.
    visits = sa.table("visits", sa.column("session_id", sa.String))
    sessions = sa.table("activity_sessions", sa.column("id", sa.String))
    op.execute(
        visits.update()
        .where(visits.c.session_id.is_not(None))
        .where(visits.c.session_id.not_in(sa.select(sessions.c.id)))
        .values(session_id=None)
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visits_session_id"), ["session_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_visits_session_id_activity_sessions"),
            "activity_sessions",
            ["session_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_visits_session_id_activity_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_visits_session_id"))
