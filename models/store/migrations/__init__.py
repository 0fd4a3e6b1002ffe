"""Alembic migrations of Cabane's schema, run programmatically (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent

# The newest revision. A test checks it equals Alembic's head, so that starting the
# desk can tell "nothing to migrate" without importing Alembic (start-up budget).
HEAD_REVISION = "0016"
