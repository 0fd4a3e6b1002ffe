"""The daily copies in ``backups/``: one at the first start of each day, kept 7 daily,
4 weekly and 12 monthly (DESIGN.md §7); each is the database copied with SQLite's online
backup, still encrypted with the cabane's key. Copies made before a migration or a
restore have other names and are left alone."""

from __future__ import annotations

import logging
import re
import shutil
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from desktop.folder.backups import online_copy

log = logging.getLogger(__name__)  # file names and counts only

KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12
_DAILY = re.compile(r"cabane-(\d{8})-quotidienne\.db")


def daily_name(day: date) -> str:
    return f"cabane-{day:%Y%m%d}-quotidienne.db"


def days_to_keep(days: list[date]) -> set[date]:
    """The 7 latest days, the latest day of each of the 4 latest ISO weeks, and of each of
    the 12 latest months."""
    newest_first = sorted(set(days), reverse=True)
    weeks: dict[tuple[int, int], date] = {}
    months: dict[tuple[int, int], date] = {}
    for day in newest_first:
        iso_year, iso_week, _weekday = day.isocalendar()
        weeks.setdefault((iso_year, iso_week), day)
        months.setdefault((day.year, day.month), day)
    return (
        set(newest_first[:KEEP_DAYS])
        | set(list(weeks.values())[:KEEP_WEEKS])
        | set(list(months.values())[:KEEP_MONTHS])
    )


def _daily_copies(backups: Path) -> dict[date, Path]:
    copies = {}
    for path in backups.glob("cabane-*-quotidienne.db"):
        found = _DAILY.fullmatch(path.name)
        if found is None:
            continue
        try:
            copies[datetime.strptime(found.group(1), "%Y%m%d").date()] = path
        except ValueError:
            continue
    return copies


def rotate(backups: Path) -> int:
    """Remove the daily copies no longer kept; returns how many were removed."""
    copies = _daily_copies(backups)
    kept = days_to_keep(list(copies))
    removed = 0
    for day, path in copies.items():
        if day not in kept:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def make_daily_backup(engine: Engine, key: bytes, folder: Path, today: date) -> Path | None:
    """Today's copy if there is none yet (then rotate); None when it already exists."""
    backups = folder / "backups"
    backups.mkdir(exist_ok=True)
    target = backups / daily_name(today)
    if target.exists():
        return None
    partial = backups / f".{target.name}.partiel"
    partial.unlink(missing_ok=True)  # left by a copy that was killed
    online_copy(engine, key, partial)
    partial.replace(target)
    removed = rotate(backups)
    log.info("daily backup %s written, %d older copies removed", target.name, removed)
    return target


def expire_old_copies(backups: Path, cutoff: datetime) -> int:
    """Remove the copies made before migrations or restorations, and damaged databases
    kept aside, older than ``cutoff`` (the retention): no data outlives the law in a
    copy. The daily copies are rotated by ``rotate`` (twelve months at most)."""
    removed = 0
    if not backups.is_dir():
        return 0
    for path in backups.iterdir():
        if _DAILY.fullmatch(path.name):
            continue
        try:
            if datetime.fromtimestamp(path.stat().st_mtime, tz=cutoff.tzinfo) >= cutoff:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue  # tried again at the next purge
        removed += 1
    if removed:
        log.info("%d backup copies older than the retention removed", removed)
    return removed
