"""Quarters of ISO years and their parts, summed once: what makes a year's figures a few
summaries a cabane.

A quarter (blocks 0 to 3) is 13 ISO weeks of a cabane (the last one 13 or 14: weeks 40 to
52 or 53); each quarter has three parts (blocks 4 to 15: 4, 4 and 5 or 6 weeks), so that
the weeks a period covers outside whole quarters are mostly parts too. A block's summary
is the sum of its weeks' summaries (``row_figures.SummarySum``), refreshed in the
transaction that changes one of its weeks (import, replacement, withdrawal). A period uses
the blocks it covers whole (a quarter, else its parts), the weeks left over, and the rows
of its edge days. A store made before the parts (0.1.0 of 2026-12-01, first session)
counts those weeks one by one until they are imported again.
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
PART_WEEKS = 4  # the first two parts of a quarter; the third has the rest
FIRST_PART = 4  # blocks 4 + 3 × quarter + 0, 1, 2
Block = tuple[int, int]  # ISO year, block (0 to 15)


def weeks_in(iso_year: int) -> int:
    return date(iso_year, 12, 28).isocalendar().week  # 52 or 53


def block_of(iso_week: int) -> int:
    """The quarter of a week."""
    return min((iso_week - 1) // BLOCK_WEEKS, 3)


def blocks_of(iso_week: int) -> tuple[int, int]:
    """The two blocks holding a week: its quarter, and the part of it."""
    quarter = block_of(iso_week)
    part = min((iso_week - 1 - quarter * BLOCK_WEEKS) // PART_WEEKS, 2)
    return quarter, FIRST_PART + 3 * quarter + part


def block_weeks(iso_year: int, block: int) -> tuple[int, int]:
    """The first and last ISO week of a block."""
    if block < FIRST_PART:
        first = block * BLOCK_WEEKS + 1
        return first, first + BLOCK_WEEKS - 1 if block < 3 else weeks_in(iso_year)
    quarter, part = divmod(block - FIRST_PART, 3)
    first = quarter * BLOCK_WEEKS + 1 + part * PART_WEEKS
    if part < 2:
        return first, first + PART_WEEKS - 1
    return first, block_weeks(iso_year, quarter)[1]


def block_days(iso_year: int, block: int) -> tuple[date, date]:
    """The first Monday and the last Sunday of a block."""
    first, last = block_weeks(iso_year, block)
    return iso_monday(iso_year, first), iso_monday(iso_year, last) + timedelta(days=6)


def blocks_inside(start: date, end: date) -> list[Block]:
    """The blocks whose every day is in [start, end], in order and contiguous: each
    quarter inside whole, else those of its parts that are."""
    iso = start.isocalendar()
    year, quarter = iso.year, block_of(iso.week)
    found: list[Block] = []
    while True:
        first, last = block_days(year, quarter)
        if first > end:
            return found
        if first >= start and last <= end:
            found.append((year, quarter))
        else:
            for part in range(FIRST_PART + 3 * quarter, FIRST_PART + 3 * quarter + 3):
                part_first, part_last = block_days(year, part)
                if part_first >= start and part_last <= end:
                    found.append((year, part))
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)


def refresh_blocks(session: Session, weeks: Iterable[tuple[str, int, int]]) -> None:
    """Sum again the blocks holding these (cabane, ISO year, ISO week), in the caller's
    transaction (the weeks' changes flushed)."""
    blocks = {(site, year, block) for site, year, week in weeks for block in blocks_of(week)}
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
        for block in blocks_of(week):
            key = (site, year, block)
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
