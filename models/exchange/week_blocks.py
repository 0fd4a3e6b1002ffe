"""Quarters of ISO years, summed once: what makes a year's figures a few summaries a cabane.

A block is 13 ISO weeks of a cabane (the last one 13 or 14: weeks 40 to 52 or 53). Its
summary is the sum of its weeks' summaries (``row_figures.SummarySum``), refreshed in the
transaction that changes one of its weeks (import, replacement, withdrawal). A period
uses the blocks it covers whole, the weeks left over, and the rows of its edge days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from models.exchange.row_figures import SummarySum
from models.figures.calendar import iso_monday
from models.store.activity_entities import ImportedWeek
from models.store.coordination_entities import CoordBlockFigures

BLOCK_WEEKS = 13
Block = tuple[int, int]  # ISO year, block (0 to 3)


def block_of(iso_week: int) -> int:
    return min((iso_week - 1) // BLOCK_WEEKS, 3)


def block_days(iso_year: int, block: int) -> tuple[date, date]:
    """The first Monday and the last Sunday of a block."""
    first = iso_monday(iso_year, block * BLOCK_WEEKS + 1)
    if block < 3:
        return first, first + timedelta(weeks=BLOCK_WEEKS, days=-1)
    last_week = date(iso_year, 12, 28).isocalendar().week  # 52 or 53
    return first, iso_monday(iso_year, last_week) + timedelta(days=6)


def blocks_inside(start: date, end: date) -> list[Block]:
    """The blocks whose every day is in [start, end], in order (contiguous)."""
    iso = start.isocalendar()
    year, block = iso.year, block_of(iso.week)
    found: list[Block] = []
    while True:
        first, last = block_days(year, block)
        if last > end:
            return found
        if first >= start:
            found.append((year, block))
        year, block = (year + 1, 0) if block == 3 else (year, block + 1)


def refresh_blocks(session: Session, weeks: Iterable[tuple[str, int, int]]) -> None:
    """Sum again the blocks holding these (cabane, ISO year, ISO week), in the caller's
    transaction (the weeks' changes flushed)."""
    blocks = {(site, year, block_of(week)) for site, year, week in weeks}
    if not blocks:
        return
    keys = list(blocks)
    block_key = tuple_(
        CoordBlockFigures.site_code, CoordBlockFigures.iso_year, CoordBlockFigures.block
    )
    # another import summing the same quarters waits here until this one is kept, then
    # reads its weeks (PostgreSQL; SQLite has one writer at a time)
    session.execute(
        select(CoordBlockFigures.id)
        .where(block_key.in_(keys))
        .order_by(CoordBlockFigures.id)
        .with_for_update()
    ).all()
    pairs = list({(site, year) for site, year, _block in blocks})
    found = session.execute(
        select(
            ImportedWeek.site_code,
            ImportedWeek.iso_year,
            ImportedWeek.iso_week,
            ImportedWeek.figures,
        ).where(
            tuple_(ImportedWeek.site_code, ImportedWeek.iso_year).in_(pairs),
            ImportedWeek.detailed,
        )
    )
    sums: dict[tuple[str, int, int], SummarySum | None] = defaultdict(SummarySum)
    for site, year, week, figures in found:
        key = (site, year, block_of(week))
        if key not in blocks:
            continue
        summed = sums[key]
        if figures is None or summed is None:
            sums[key] = None
        else:
            summed.add(figures)
    session.execute(delete(CoordBlockFigures).where(block_key.in_(keys)))
    session.add_all(
        CoordBlockFigures(
            site_code=site,
            iso_year=year,
            block=block,
            figures=None if summed is None else summed.summary(),
        )
        for (site, year, block), summed in sums.items()
    )
