"""The coordination keeps the rows of each imported week, replaced whole with the week."""

from __future__ import annotations

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from models.exchange.weekly_rows import WeeklyRows
from models.store.activity_entities import ImportedWeek
from models.store.coordination_entities import (
    CoordOrientation,
    CoordOuting,
    CoordReferral,
    CoordSession,
    CoordVisit,
)

ROW_TABLES = (CoordVisit, CoordOrientation, CoordReferral, CoordSession, CoordOuting)


def forget_rows(session: Session, week: ImportedWeek) -> None:
    """Delete the week's rows (in the caller's transaction)."""
    for table in ROW_TABLES:
        session.execute(delete(table).where(table.week_id == week.id))


def store_rows(session: Session, week: ImportedWeek, rows: WeeklyRows) -> None:
    """Replace the week's rows by ``rows`` (in the caller's transaction)."""
    forget_rows(session, week)
    common = {"week_id": week.id, "site_code": week.site_code}
    for table, part in (
        (CoordVisit, rows.visits),
        (CoordOrientation, rows.orientations),
        (CoordReferral, rows.referrals),
        (CoordSession, rows.sessions),
        (CoordOuting, rows.outings),
    ):
        if part:
            session.execute(insert(table), [{**common, **row} for row in part])
    week.detailed = True
