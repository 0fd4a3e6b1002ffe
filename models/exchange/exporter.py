"""Writing a week's file and keeping the history of what was written (DESIGN.md §6).

An export is three short transactions around the file, so that a process killed at any
point leaves nothing the history does not know and never gives a revision twice:

1. reserve the revision (a ``pending`` row: the number is taken for good);
2. record the file's checksum, then write the file (temporary name, fsync, rename);
3. mark it ``written``, with its audit event.

``settle_unfinished_exports`` (at the next start, and before each export) turns a
``pending`` row into ``written`` when its file is on disk with that checksum, else into
``abandoned``, and removes a temporary file left beside it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.desk.audit import record_event
from models.desk.sites import SiteInfo
from models.exchange import crypto
from models.exchange.exchange import ExportError, build_weekly_zip, file_name
from models.figures.calendar import iso_week_bounds
from models.store.activity_entities import WeeklyExport
from models.store.files import write_atomically
from models.store.storage import storage_guard

log = logging.getLogger(__name__)  # weeks, revisions and sizes only


@dataclass(frozen=True)
class ExportRecord:
    iso_year: int
    iso_week: int
    revision: int
    path: Path
    sha256: str
    exported_at: datetime


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")  # write_atomically's temporary name


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def settle_unfinished_exports(factory: sessionmaker[Session]) -> int:
    """Settle the exports a killed process left ``pending``; returns how many.

    A row whose folder cannot be reached now (a USB key taken out) stays pending until
    it can: its revision stays taken either way.
    """
    with storage_guard(), factory.begin() as session:
        rows = session.scalars(select(WeeklyExport).where(WeeklyExport.status == "pending"))
        settled = 0
        for row in rows:
            folder = Path(row.folder)
            if not row.folder or not folder.is_dir():
                continue
            path = folder / row.file_name
            _temporary(path).unlink(missing_ok=True)
            if row.sha256 and _file_digest(path) == row.sha256:
                row.status = "written"
                record_event(session, row.staff_id, "export.write", "weekly_export", row.id)
            else:
                row.status = "abandoned"
            settled += 1
    if settled:
        log.warning("%d unfinished weekly exports settled", settled)
    return settled


class WeeklyExporter:
    """Exports the weeks of one site and keeps the history of what was exported."""

    def __init__(self, factory: sessionmaker[Session], site: SiteInfo, app_version: str) -> None:
        self._factory = factory
        self._site = site
        self._app_version = app_version

    def _of_week(self, iso_year: int, iso_week: int) -> tuple[Any, ...]:
        return (
            WeeklyExport.site_id == self._site.id,
            WeeklyExport.iso_year == iso_year,
            WeeklyExport.iso_week == iso_week,
        )

    def next_revision(self, iso_year: int, iso_week: int) -> int:
        """The revision the next export of this week will carry (for the screen)."""
        with self._factory() as session:
            current = session.scalar(
                select(func.max(WeeklyExport.revision)).where(*self._of_week(iso_year, iso_week))
            )
        return int(current or 0) + 1

    def _reserve(self, iso_year: int, iso_week: int, path: Path, staff_id: int | None) -> int:
        """Step 1: take the next revision for good (the statement that inserts the row
        computes it, so two exports never get the same one)."""
        with storage_guard(), self._factory.begin() as session:
            following = (
                select(func.coalesce(func.max(WeeklyExport.revision), 0) + 1)
                .where(*self._of_week(iso_year, iso_week))
                .scalar_subquery()
            )
            row = WeeklyExport(
                site_id=self._site.id,
                iso_year=iso_year,
                iso_week=iso_week,
                revision=following,
                file_name=path.name,
                sha256="",
                staff_id=staff_id,
                status="pending",
                folder=str(path.parent.resolve()),
            )
            session.add(row)
            session.flush()
            session.refresh(row)
            return row.id

    def _update(self, row_id: int, **values: object) -> WeeklyExport:
        with storage_guard(), self._factory.begin() as session:
            row = session.get_one(WeeklyExport, row_id)
            for name, value in values.items():
                setattr(row, name, value)
            if values.get("status") == "written":
                record_event(session, row.staff_id, "export.write", "weekly_export", row.id)
            session.flush()
            session.expunge(row)
            return row

    def export(
        self,
        iso_year: int,
        iso_week: int,
        out_dir: Path,
        recipients: Iterable[str],
        staff_id: int | None = None,
    ) -> ExportRecord:
        """Write the week's file and record it; refused (ExportError, StorageError) before
        any file is written when the keys are bad or the database cannot be written."""
        recipients = [r.strip() for r in recipients if r.strip()]
        if not recipients:
            raise ExportError("no_recipient")
        iso_week_bounds(iso_year, iso_week)  # ValueError for a week that does not exist
        try:
            crypto.encrypt(b"", recipients)
        except Exception as error:  # pyrage raises its own kinds for malformed keys
            raise ExportError("bad_recipient", type(error).__name__) from error
        settle_unfinished_exports(self._factory)
        path = out_dir / file_name(self._site.code, iso_year, iso_week)
        row_id = self._reserve(iso_year, iso_week, path, staff_id)
        row = self._update(row_id)
        clear = build_weekly_zip(
            self._factory, self._site, iso_year, iso_week, row.revision, self._app_version
        )
        sealed = crypto.encrypt(clear, recipients)
        self._update(row_id, sha256=hashlib.sha256(sealed).hexdigest())
        try:
            write_atomically(path, sealed)
        except OSError as error:
            self._update(row_id, status="abandoned")
            raise ExportError("write_failed", error.strerror or "") from error
        row = self._update(row_id, status="written")
        log.info(
            "weekly export %d-S%02d revision %d written (%d bytes)",
            iso_year,
            iso_week,
            row.revision,
            len(sealed),
        )
        return ExportRecord(iso_year, iso_week, row.revision, path, row.sha256, row.exported_at)

    def history(self, limit: int = 50) -> list[ExportRecord]:
        with self._factory() as session:
            rows = session.execute(
                select(WeeklyExport)
                .where(WeeklyExport.site_id == self._site.id, WeeklyExport.status == "written")
                .order_by(WeeklyExport.exported_at.desc())
                .limit(limit)
            ).scalars()
            return [
                ExportRecord(
                    r.iso_year,
                    r.iso_week,
                    r.revision,
                    Path(r.folder or ".") / r.file_name,  # where it was written
                    r.sha256,
                    r.exported_at,
                )
                for r in rows
            ]

    def exported_weeks(self) -> set[tuple[int, int]]:
        with self._factory() as session:
            rows = session.execute(
                select(WeeklyExport.iso_year, WeeklyExport.iso_week)
                .where(WeeklyExport.site_id == self._site.id, WeeklyExport.status == "written")
                .distinct()
            )
            return {(int(y), int(w)) for y, w in rows}
