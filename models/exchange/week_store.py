"""Keeping checked weekly files at the coordination: many weeks in one transaction.

The weeks a batch already holds are read in one query, the new ones written in one flush,
and their rows in one ``executemany`` a table: a batch of 200 files costs a few
statements, not a few a file. A week met twice in one batch (two revisions in the same
folder) is decided as if the files came one after the other.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from models.exchange.coordination_rows import forget_rows, insert_rows
from models.exchange.week_blocks import refresh_blocks
from models.exchange.week_reader import ReadWeek
from models.exchange.weekly_rows import WeeklyRows
from models.store.activity_entities import ImportedWeek
from models.store.base import utc_now

log = logging.getLogger(__name__)  # events and counts, never personal data
WeekKey = tuple[str, int, int]


@dataclass(frozen=True)
class ImportOutcome:
    source: str
    status: str  # imported, replaced, unchanged, refused
    code: str = ""  # why it was refused
    site_code: str = ""
    site_name: str = ""
    iso_year: int = 0
    iso_week: int = 0
    revision: int = 0
    detail: str = ""  # the first reason of an invalid content, in French; a fingerprint
    signing_key: str = ""  # the public key of a file refused as unknown_key


def outcome_with(
    base: ImportOutcome, status: str, code: str = "", source: str = "", detail: str = ""
) -> ImportOutcome:
    return ImportOutcome(
        source or base.source,
        status,
        code,
        base.site_code,
        base.site_name,
        base.iso_year,
        base.iso_week,
        base.revision,
        detail or base.detail,
    )


def store_weeks(session: Session, items: Sequence[ReadWeek]) -> list[ImportOutcome]:
    """Keep each file read in the caller's transaction; an outcome each."""
    keys = list({read.content.key for read in items})
    key_of = tuple_(ImportedWeek.site_code, ImportedWeek.iso_year, ImportedWeek.iso_week)
    held = {
        (week.site_code, week.iso_year, week.iso_week): week
        for week in session.scalars(
            # locked until this transaction ends, always in the same order (PostgreSQL;
            # SQLite has one writer at a time): another import of these weeks waits
            select(ImportedWeek).where(key_of.in_(keys)).order_by(ImportedWeek.id).with_for_update()
        )
    }
    rows_of: dict[WeekKey, tuple[ImportedWeek, WeeklyRows]] = {}
    outcomes = [_store(session, read, held, rows_of) for read in items]
    session.flush()  # the new weeks get their ids
    insert_rows(session, list(rows_of.values()))
    kept = [
        read.content.key for read, o in zip(items, outcomes, strict=True) if o.status != "refused"
    ]
    refresh_blocks(session, kept)
    return outcomes


def _store(
    session: Session,
    read: ReadWeek,
    held: dict[WeekKey, ImportedWeek],
    rows_of: dict[WeekKey, tuple[ImportedWeek, WeeklyRows]],
) -> ImportOutcome:
    content, source = read.content, read.source
    key = content.key
    site_code, iso_year, iso_week = key
    manifest = content.manifest
    revision = int(manifest["revision"])
    site_name = str(manifest["site"].get("name", site_code))
    base = ImportOutcome(source, "", "", site_code, site_name, iso_year, iso_week, revision)
    week = held.get(key)
    if week is not None:
        if week.content_sha256 == content.content_sha256:
            if not week.detailed:  # imported before 0011: its rows now
                forget_rows(session, week)
                rows_of[key] = (week, content.rows)
                week.detailed = True
            if week.figures is None:  # imported before 0013: its summary now
                week.figures = read.figures
            return outcome_with(base, "unchanged")
        if revision < week.revision:
            return outcome_with(base, "refused", "older_revision")
        if revision == week.revision:
            return outcome_with(base, "refused", "same_revision_differs")
        if key not in rows_of:  # rows already kept (not this batch's): gone with the week
            forget_rows(session, week)
        status = "replaced"
    else:
        week = held[key] = ImportedWeek(site_code=site_code, iso_year=iso_year, iso_week=iso_week)
        session.add(week)
        status = "imported"
    week.site_name = site_name
    week.revision = revision
    week.content_sha256 = content.content_sha256
    week.generated_at = datetime.fromisoformat(manifest["generated_at"])
    week.imported_at = utc_now()
    week.app_version = str(manifest.get("app_version", ""))[:20]
    week.row_counts = dict(manifest.get("row_counts") or {})
    week.indicators = content.indicators
    week.detailed = True  # its rows follow, in this transaction
    week.figures = read.figures
    rows_of[key] = (week, content.rows)
    log.info("weekly file %s: %s %d-S%02d r%d", status, site_code, iso_year, iso_week, revision)
    return outcome_with(base, status)
