"""The coordination's figures for any period and any cabanes.

``period_figures(factory, first, last, sites)`` gives, for each cabane asked and for all of
them together (``ALL``), the figures of DESIGN.md §5 over [first, last] (Paris dates,
both included): visits, people by role and age, first visits and families not known to
the PMI, communes, channels, languages, reasons, interpreter needs, orientations and how
many were honoured, referrals, sessions held and attendance, outreach, weekdays and hours,
and the trend week by week. Exact counts: masking small cells is for what is published.

The weeks the period covers whole are summed from their summaries, counted once at
import (``row_figures``); only the days left at its edges are counted from their rows (a
year of the département's 110 cabanes is 5,720 summaries, not 740,000 visits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from models.exchange.coordination_rows import driver_marks
from models.exchange.row_figures import ALL, Figures, SummarySum, figures_of_rows
from models.exchange.week_blocks import block_days, blocks_inside, blocks_of
from models.figures.calendar import iso_monday
from models.store.activity_entities import ImportedWeek
from models.store.coordination_entities import (
    CoordBlockFigures,
    CoordOrientation,
    CoordOuting,
    CoordReferral,
    CoordSession,
    CoordVisit,
)

ROW_TABLES: tuple[Any, ...] = (
    CoordVisit,
    CoordOrientation,
    CoordReferral,
    CoordSession,
    CoordOuting,
)
DayRange = tuple[str, date, date]  # a cabane, its first and last day to count from rows


def period_figures(
    factory: sessionmaker[Session], first: date, last: date, sites: Sequence[str] | None = None
) -> dict[str, Figures]:
    """Figures per cabane code over [first, last], and ``ALL`` for them together."""
    by_site: dict[str, Figures] = defaultdict(Figures)
    with factory() as session:
        codes = list(sites) if sites is not None else _site_codes(session)
        whole = _whole_weeks(first, last)
        from_rows: list[DayRange] = []
        if whole:
            start, end = whole
            from_rows += [(code, first, start - timedelta(days=1)) for code in codes]
            from_rows += [(code, end + timedelta(days=1), last) for code in codes]
            from_rows += _add_summaries(session, codes, start, end, by_site)
        else:
            from_rows += [(code, first, last) for code in codes]
        _add_rows(session, [r for r in from_rows if r[1] <= r[2]], by_site)
    together = Figures()
    for figures in by_site.values():
        together.add(figures)
    return {**dict(sorted(by_site.items())), ALL: together}


def _site_codes(session: Session) -> list[str]:
    return list(session.scalars(select(ImportedWeek.site_code).distinct()))


def _whole_weeks(first: date, last: date) -> tuple[date, date] | None:
    """The first Monday and the last Sunday of the ISO weeks inside [first, last]."""
    start = first + timedelta(days=-first.weekday() % 7)
    end = last - timedelta(days=(last.weekday() + 1) % 7)
    return (start, end) if start < end else None


def _add_summaries(
    session: Session, codes: list[str], start: date, end: date, by_site: dict[str, Figures]
) -> list[DayRange]:
    """Add the summaries of the whole weeks from ``start`` to ``end``: of the quarters
    and parts of quarters they cover whole (``week_blocks``), then of the weeks left. The
    weeks kept without a summary (imported before they were made) are given back, to be
    counted from rows."""
    sums: dict[str, SummarySum] = defaultdict(SummarySum)
    blocks = blocks_inside(start, end)
    if not blocks:
        missing = _add_weeks(session, codes, start, end, sums)
    else:
        blocks_start, blocks_end = block_days(*blocks[0])[0], block_days(*blocks[-1])[1]
        kept = session.execute(
            select(
                CoordBlockFigures.site_code,
                CoordBlockFigures.iso_year,
                CoordBlockFigures.block,
                CoordBlockFigures.figures,
            ).where(
                CoordBlockFigures.site_code.in_(codes),
                CoordBlockFigures.iso_year.between(blocks[0][0], blocks[-1][0]),
                tuple_(CoordBlockFigures.iso_year, CoordBlockFigures.block).in_(blocks),
            )
        )
        held = {(code, year, block): figures for code, year, block, figures in kept}
        lacking: set[tuple[str, int, int]] = set()
        for code in codes:
            for year, block in blocks:
                figures = held.get((code, year, block))
                if figures is None:
                    lacking.add((code, year, block))
                else:
                    sums[code].add(figures)
        missing = _add_weeks(session, codes, start, blocks_start - timedelta(days=1), sums)
        missing += _add_weeks(session, codes, blocks_end + timedelta(days=1), end, sums)
        if lacking:  # counted week by week
            lacking_codes = sorted({code for code, _year, _block in lacking})
            missing += _add_weeks(
                session, lacking_codes, blocks_start, blocks_end, sums, within=lacking
            )
    for code, summed in sums.items():
        by_site[code].add(summed.figures())
    return missing


def _add_weeks(
    session: Session,
    codes: list[str],
    start: date,
    end: date,
    sums: dict[str, SummarySum],
    within: set[tuple[str, int, int]] | None = None,
) -> list[DayRange]:
    """Add the week summaries from ``start`` to ``end`` (``within``: of these blocks only);
    give back the weeks without one."""
    if start > end:
        return []
    first_key, last_key = _week_key(start), _week_key(end)
    week_key = ImportedWeek.iso_year * 100 + ImportedWeek.iso_week
    query = select(
        ImportedWeek.site_code, ImportedWeek.iso_year, ImportedWeek.iso_week, ImportedWeek.figures
    ).where(
        ImportedWeek.site_code.in_(codes),
        ImportedWeek.iso_year.between(first_key // 100, last_key // 100),  # the index's
        ImportedWeek.detailed,
        week_key >= first_key,
        week_key <= last_key,
    )
    missing: list[DayRange] = []
    for code, iso_year, iso_week, summary in session.execute(query):
        if within is not None and not any(
            (code, iso_year, block) in within for block in blocks_of(iso_week)
        ):
            continue
        if summary is None:
            monday = iso_monday(iso_year, iso_week)
            missing.append((code, monday, monday + timedelta(days=6)))
        else:
            sums[code].add(summary)
    return missing


def _week_key(day: date) -> int:
    iso = day.isocalendar()
    return iso.year * 100 + iso.week


def _add_rows(session: Session, ranges: list[DayRange], by_site: dict[str, Figures]) -> None:
    """Count the rows of each cabane's days in ``ranges``: one query a table for the
    cabanes sharing the same days (through the (cabane, day) index), read from the
    driver as stored (thousands of rows for a year's edge days: visits stay tuples)."""
    shared: dict[tuple[date, date], list[str]] = defaultdict(list)
    for code, first, last in ranges:
        shared[(first, last)].append(code)
    cursor = session.connection().connection.cursor()
    sqlite = session.get_bind().dialect.name == "sqlite"  # dates kept as ISO texts there
    mark = driver_marks(session, 1)
    try:
        for (first, last), codes in shared.items():
            parts: dict[str, list[list[Any]]] = defaultdict(lambda: [[] for _ in ROW_TABLES])
            days = (first.isoformat(), last.isoformat()) if sqlite else (first, last)
            for at, (sql, names) in enumerate(_ROW_QUERIES):
                marks = {"codes": driver_marks(session, len(codes)), "day": mark}
                cursor.execute(sql.format(**marks), (*codes, *days))
                site = names.index("site_code")
                for values in cursor.fetchall():
                    row = values if at == 0 else dict(zip(names, values, strict=True))
                    parts[values[site]][at].append(row)
            visit_columns = _ROW_QUERIES[0][1]
            for code, rows in parts.items():
                by_site[code].add(figures_of_rows(*rows, visit_columns=visit_columns))
    finally:
        cursor.close()


def _row_query(table: Any) -> tuple[str, tuple[str, ...]]:
    """The SQL reading a table's rows of some cabanes and days (their placeholders to
    fill, as the driver writes them)."""
    names = tuple(c.name for c in table.__table__.columns if c.name not in ("id", "week_id"))
    sql = (
        f"SELECT {', '.join(names)} FROM {table.__tablename__} "
        "WHERE site_code IN ({codes}) AND day >= {day} AND day <= {day}"
    )
    return sql, names


_ROW_QUERIES = [_row_query(table) for table in ROW_TABLES]
