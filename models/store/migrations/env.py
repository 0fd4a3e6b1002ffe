"""Alembic environment: migrates the connection handed over in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from models.store import activity_entities, coordination_entities, entities  # noqa: F401
from models.store.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables.
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
