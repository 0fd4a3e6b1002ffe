"""A cabane's own figures for a year, counted exactly as the coordination counts them.

The weeks are read as the weekly file would carry them (``exchange.week_rows``), checked
by the coordination's reader (``weekly_rows.read_rows``) and kept in a scratch store
with the coordination's tables, from which ``period_figures`` counts: the cabane's annual
report and the coordination's agree by construction. The scratch store is the caller's
(an in-memory database, never written to disk).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from models.desk.sites import SiteInfo
from models.exchange.annual_report import year_bounds
from models.exchange.coordination_rows import store_rows, week_summary
from models.exchange.exchange import week_rows
from models.exchange.period_figures import period_figures
from models.exchange.row_figures import ALL, Figures
from models.exchange.weekly_rows import read_rows
from models.figures.calendar import iso_week_bounds
from models.store.activity_entities import ImportedWeek
from models.store.base import utc_now
from models.store.storage import storage_guard


def year_weeks(year: int) -> list[tuple[int, int]]:
    """The ISO weeks holding at least one day of ``year``."""
    first, last = year_bounds(year)
    weeks: list[tuple[int, int]] = []
    day = first - timedelta(days=first.weekday())
    while day <= last:
        iso = day.isocalendar()
        weeks.append((iso.year, iso.week))
        day += timedelta(weeks=1)
    return weeks


def own_year_figures(
    desk: sessionmaker[Session], site: SiteInfo, year: int, scratch: sessionmaker[Session]
) -> Figures:
    """The site's figures over the calendar ``year`` (scratch: empty coordination tables)."""
    for iso_year, iso_week in year_weeks(year):
        parts = week_rows(desk, site, iso_year, iso_week)
        rows = read_rows(parts.__getitem__, iso_week_bounds(iso_year, iso_week))
        with storage_guard(), scratch.begin() as session:
            week = ImportedWeek(
                site_code=site.code,
                site_name=site.name,
                iso_year=iso_year,
                iso_week=iso_week,
                revision=1,
                content_sha256="",
                generated_at=utc_now(),
                app_version="",
                detailed=True,
                figures=week_summary(rows),
            )
            session.add(week)
            session.flush()
            store_rows(session, week, rows)
    return period_figures(scratch, *year_bounds(year))[ALL]
