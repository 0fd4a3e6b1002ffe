"""The coordination keeps the rows of each imported week, replaced whole with the week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from models.exchange.row_figures import week_figures
from models.exchange.weekly_rows import VISIT_KEYS, WeeklyRows
from models.figures.calendar import iso_monday
from models.store.activity_entities import ImportedWeek
from models.store.coordination_entities import (
    CoordOrientation,
    CoordOuting,
    CoordReferral,
    CoordSession,
    CoordSurveyCount,
    CoordVisit,
)

ROW_TABLES = (
    CoordVisit,
    CoordOrientation,
    CoordReferral,
    CoordSession,
    CoordOuting,
    CoordSurveyCount,
)


def week_summary(rows: WeeklyRows) -> dict[str, Any]:
    """The figures of a week's rows, kept with the week (``ImportedWeek.figures``)."""
    return week_figures(rows).summary()


def forget_rows(session: Session, week: ImportedWeek) -> None:
    """Delete the week's rows (in the caller's transaction): its cabane's rows of its seven
    days, through the (day, cabane) index."""
    monday = iso_monday(week.iso_year, week.iso_week)
    days = (monday, monday + timedelta(days=6))
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
    insert_rows(session, [(week, rows)])


def insert_rows(session: Session, weeks: list[tuple[ImportedWeek, WeeklyRows]]) -> None:
    """Insert the rows of these weeks (flushed: their ids known), one statement a table."""
    for table, part in (
        (CoordVisit, "visits"),
        (CoordOrientation, "orientations"),
        (CoordReferral, "referrals"),
        (CoordSession, "sessions"),
        (CoordOuting, "outings"),
        (CoordSurveyCount, "surveys"),  # the week's Monday (survey_part.survey_rows)
    ):
        values: list[tuple[Any, ...]] = []
        columns: Sequence[str] = VISIT_KEYS  # visits are tuples, the other parts dicts
        for week, rows in weeks:
            found = getattr(rows, part)
            if not found:
                continue
            common = (week.id, week.site_code)
            if part == "visits":
                values += [(*common, *row) for row in found]
            else:
                columns = list(found[0])
                values += [(*common, *row.values()) for row in found]
        if not values:
            continue
        names = ", ".join(("week_id", "site_code", *columns))
        if session.get_bind().dialect.name == "postgresql":
            _copy_rows(session, table.__tablename__, names, values)
        else:
            marks = driver_marks(session, len(columns) + 2)
            sql = f"INSERT INTO {table.__tablename__} ({names}) VALUES ({marks})"
            session.connection().exec_driver_sql(sql, values)


def _copy_rows(session: Session, table: str, names: str, values: list[tuple[Any, ...]]) -> None:
    """PostgreSQL: the rows sent with ``COPY`` (one stream, not a statement a row) into a
    table of this transaction, then inserted from it in one statement. Straight into
    ``table`` would not do: ``COPY FROM`` refuses a table under row-level security
    (shared_roles), and the ``INSERT`` keeps its policies. The rows are already checked."""
    staging = f"staging_{table}"
    driver = session.connection().connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} ON COMMIT DROP "
            f"AS SELECT {names} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging}")
        cursor.execute(f"TRUNCATE {staging}")


def driver_marks(session: Session, count: int) -> str:
    """``count`` positional placeholders as the database's driver writes them (« ? » for
    SQLCipher, « %s » for PostgreSQL's psycopg): statements sent to the driver as they
    are, for thousands of rows."""
    mark = "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)
