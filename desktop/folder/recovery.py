"""A damaged database: the start check, the latest good copy in ``backups/``, and
putting that copy back (the damaged file is kept aside, never deleted)."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from desktop.folder.backups import count_rows
from desktop.folder.daily_backups import make_daily_backup
from desktop.folder.database import DB_FILENAME, check_key, make_engine, quick_check, sqlite_url
from desktop.folder.faults import OpenRefused

log = logging.getLogger(__name__)  # file names, counts and fault codes only

# Copies looked at when the database is damaged, newest first (a few are enough).
MAX_CANDIDATES = 12
DAMAGED = "abimee-"  # the folder, in backups/, where a damaged database is kept


@dataclass(frozen=True)
class GoodCopy:
    path: Path
    made_at: datetime
    counts: dict[str, int]


def check_then_back_up(engine: Engine, key: bytes, folder: Path, today: date) -> str | None:
    """At start, off the UI thread: ``PRAGMA quick_check``, then today's copy if the
    database is sound. Returns the fault code of a damaged database (no copy made:
    a damaged copy must never rotate a good one out), else None."""
    damaged = quick_check(engine)
    if damaged is not None:
        log.error("start check: %s", damaged)
        return damaged
    make_daily_backup(engine, key, folder, today)
    return None


def _candidates(folder: Path) -> list[Path]:
    backups = folder / "backups"
    found = list(backups.glob("*.db")) + [
        path
        for path in backups.glob(f"*/{DB_FILENAME}")
        if not path.parent.name.startswith(DAMAGED)
    ]
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)[:MAX_CANDIDATES]


def latest_good_copy(folder: Path, key: bytes) -> GoodCopy | None:
    """The newest copy in ``backups/`` that this key opens and that passes quick_check."""
    for path in _candidates(folder):
        engine = make_engine(sqlite_url(path), key)
        try:
            check_key(engine, key_is_right=True)
            if quick_check(engine) is not None:
                continue
            counts = count_rows(engine)
        except OpenRefused:
            continue
        finally:
            engine.dispose()
        made_at = datetime.fromtimestamp(path.stat().st_mtime)
        return GoodCopy(path, made_at, counts)
    return None


def put_back(folder: Path, copy: GoodCopy) -> Path:
    """Replace the damaged database by ``copy``; the damaged files go to
    ``backups/abimee-<date>/`` (never deleted: a specialist may still read them).
    Returns where the damaged files were kept. The caller reopens the folder, which
    migrates an older copy."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / "backups" / f"{DAMAGED}{stamp}"
    kept.mkdir(parents=True)
    staged = folder / f".{DB_FILENAME}.restauration"
    shutil.copyfile(copy.path, staged)
    with staged.open("rb+") as handle:  # on the disk before it takes the database's name
        os.fsync(handle.fileno())
    for name in (DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm"):
        if (folder / name).exists():
            shutil.move(folder / name, kept / name)
    staged.replace(folder / DB_FILENAME)
    log.info("damaged database kept in backups/%s, %s put back", kept.name, copy.path.name)
    return kept
