"""The coordination keeps the rows of each imported week, replaced whole with the week."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from models.exchange.weekly_rows import WeeklyRows
from models.figures.calendar import iso_monday
from models.store.activity_entities import ImportedWeek
from models.store.coordination_entities import (
    CoordOrientation,
    CoordOuting,
    CoordReferral,
    CoordSession,
    CoordVisit,
)

ROW_TABLES = (CoordVisit, CoordOrientation, CoordReferral, CoordSession, CoordOuting)


def _insert_many(session: Session, name: str, rows: list[dict[str, Any]]) -> None:
    """One executemany straight to the driver: a year of a cabane is thousands of rows,
    and their values need no conversion (codes, counts, flags, dates already written as
    SQLite keeps them)."""
    columns = list(rows[0])
    sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    values = [tuple(row.values()) for row in rows]  # every row built in the same order
    session.connection().exec_driver_sql(sql, values)


def forget_rows(session: Session, week: ImportedWeek) -> None:
    """Delete the week's rows (in the caller's transaction): its cabane's rows of its seven
    days, through the (day, cabane) index."""
    monday = iso_monday(week.iso_year, week.iso_week)
    days = (monday.isoformat(), (monday + timedelta(days=6)).isoformat())
    for table in ROW_TABLES:
        session.execute(
            delete(table).where(
                table.site_code == week.site_code, table.day >= days[0], table.day <= days[1]
            )
        )


def store_rows(session: Session, week: ImportedWeek, rows: WeeklyRows, new: bool = False) -> None:
    """Replace the week's rows by ``rows`` (in the caller's transaction); ``new``: the
    week was never imported, there is nothing to replace."""
    if not new:
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
            _insert_many(session, table.__tablename__, [{**common, **row} for row in part])
