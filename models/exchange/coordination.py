"""Coordination side: import the sites' weekly files, consolidate, and report.

Each file is imported whole in one transaction, or refused whole. Importing is
idempotent: the same file twice changes nothing; only a higher revision replaces a week.
"""

from __future__ import annotations

import csv
import io
import logging
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.exchange.annual_report import MASK_BELOW, MASK_TEXT, AnnualReport
from models.exchange.batch_keeper import BatchKeeper
from models.exchange.coordination_rows import forget_rows
from models.exchange.coordination_surveys import SurveyTable, survey_tables
from models.exchange.period_figures import period_figures
from models.exchange.row_figures import ALL, Figures
from models.exchange.signing import SiteKey
from models.exchange.trust import KeyRegister
from models.exchange.week_blocks import refresh_blocks
from models.exchange.week_reader import ReadWeek, Refusal, read_paths, read_week
from models.exchange.week_store import ImportOutcome, outcome_with, store_weeks
from models.exchange.weekly_file import WeeklyContent
from models.figures.calendar import iso_monday
from models.store.activity_entities import AppSetting, ImportedWeek
from models.store.cells import safe_cell
from models.store.coordination_entities import CoordVisit
from models.store.entities import AuditEvent
from models.store.storage import StorageError, storage_guard
from resources import read_catalogue

log = logging.getLogger(__name__)  # events and counts, never personal data

REPORT_TOTALS: tuple[str, ...] = (
    "visits",
    "adults",
    "children",
    "pregnant",
    "first_visits",
    "not_known_to_pmi",
    "first_visits_not_known_to_pmi",
    "families_identified",
    "interpreter_needed",
)
ROLES = ("mother", "father", "other_adult", "professional")
BANDS = ("0-5m", "6-11m", "12-23m", "24-35m", "3-5y", "6y+")


@dataclass(frozen=True)
class WeekSummary:
    site_code: str
    site_name: str
    iso_year: int
    iso_week: int
    revision: int
    imported_at: datetime
    figures: dict[str, int]  # the report's columns only (``report_columns``): small

    def figure(self, key: str) -> int:
        """« visits », « adults_by_role.mother »…: 0 if the file did not say."""
        return self.figures.get(key, 0)


def _report_figures(indicators: dict[str, Any], keys: list[str]) -> dict[str, int]:
    """The week's indicators the reports and the weekly dashboard show (``keys``), flat."""
    figures: dict[str, int] = {}
    for key in keys:
        group, _, sub = key.partition(".")
        value = (indicators.get(group) or {}).get(sub, 0) if sub else indicators.get(key, 0)
        if isinstance(value, (int, float)) and value:
            figures[key] = int(value)
    return figures


STORE_BATCH = 200  # accepted files kept in one transaction
CONFLICT_RETRIES = 5  # a batch met by another coordinator's import runs again
# (site code, site name, fingerprint) → may this new cabane's key be trusted?
ConfirmKey = Callable[[str, str, str], bool]


class CoordinationStore:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.register = KeyRegister(factory)

    def engine(self) -> Engine:
        """The database these weeks are kept in (SQLCipher, or a shared PostgreSQL)."""
        bind = self._factory.kw["bind"]
        assert isinstance(bind, Engine)
        return bind

    # ----- settings (the identity's public key, never its secret unless no keychain)

    def setting(self, key: str) -> str | None:
        with self._factory() as session:
            row = session.get(AppSetting, key)
            return row.value if row else None

    def set_setting(self, key: str, value: str) -> None:
        with storage_guard(), self._factory.begin() as session:
            row = session.get(AppSetting, key)
            if row is None:
                session.add(AppSetting(key=key, value=value))
            else:
                row.value = value

    # ----- import

    def import_data(
        self,
        data: bytes,
        identities: list[str],
        source: str,
        confirm_new_key: ConfirmKey | None = None,
        known_keys: dict[str, str] | None = None,
    ) -> ImportOutcome:
        """Read, check and keep one weekly file; a file not signed by its cabane's
        registered key is refused whole. A cabane seen for the first time is trusted only
        if ``confirm_new_key(site_code, site_name, fingerprint)`` says so (a person who
        checked the fingerprint); else refused as ``unknown_key``."""
        read = self._checked(read_week(data, identities, source), confirm_new_key, known_keys)
        if isinstance(read, ImportOutcome):
            return read
        return self._store_reads([read])[0]

    def _checked(
        self, read: ReadWeek | Refusal, confirm: ConfirmKey | None, known: dict[str, str] | None
    ) -> ReadWeek | ImportOutcome:
        """The file read, if signed by its cabane's key; else its refusal."""
        if isinstance(read, Refusal):
            log.info("weekly file refused: %s", read.code)
            return ImportOutcome(read.source, "refused", read.code, detail=read.detail)
        refusal = self._check_key(read.content, confirm, known)
        if refusal is not None:
            log.info("weekly file refused: %s", refusal.code)
            return replace(refusal, source=read.source)
        return read

    def _check_key(
        self,
        content: WeeklyContent,
        confirm: ConfirmKey | None,
        known: dict[str, str] | None = None,
    ) -> ImportOutcome | None:
        """None if the file is signed by its cabane's registered key (``known``: the
        register read once for a batch, kept up to date here), else the refusal."""
        site_code = content.site_code
        site_name = str(content.manifest["site"]["name"])
        key = SiteKey(site_code, site_name, content.signing_key)
        registered = known.get(site_code) if known is not None else self.register.trusted(site_code)
        year, week = content.key[1], content.key[2]
        revision = int(content.manifest["revision"])
        refused = ImportOutcome("", "refused", "", site_code, site_name, year, week, revision)
        if registered is None:
            if confirm is None or not confirm(site_code, site_name, key.fingerprint):
                unknown = outcome_with(refused, "refused", "unknown_key", detail=key.fingerprint)
                return replace(unknown, signing_key=key.public)
            self.register.trust(key)
            if known is not None:
                known[site_code] = key.public
            return None
        if registered != key.public:
            foreign = outcome_with(refused, "refused", "untrusted_key", detail=key.fingerprint)
            return replace(foreign, signing_key=key.public)
        return None

    def withdraw(self, site_code: str, iso_year: int, iso_week: int, reason: str) -> None:
        """Withdraw an imported week (a file that should not have been imported): a lower
        revision can then be imported. Audited, with the reason."""
        reason = reason.strip()
        if not reason or len(reason) > 500:
            raise ValueError("reason")
        with storage_guard(), self._factory.begin() as session:
            row = session.scalars(
                select(ImportedWeek).where(
                    ImportedWeek.site_code == site_code,
                    ImportedWeek.iso_year == iso_year,
                    ImportedWeek.iso_week == iso_week,
                )
            ).first()
            if row is None:
                raise LookupError("no_such_week")
            forget_rows(session, row)
            session.delete(row)
            session.flush()
            refresh_blocks(session, [(site_code, iso_year, iso_week)])
            week = f"{site_code}:{iso_year}-S{iso_week:02d}"
            session.add(
                AuditEvent(
                    staff_id=None,
                    action="week.withdraw",
                    entity="imported_week",
                    entity_id=week[:36],
                    detail=f"révision {row.revision} : {reason}",
                )
            )

    def import_paths(
        self,
        paths: Iterable[Path],
        identities: list[str],
        confirm_new_key: ConfirmKey | None = None,
    ) -> list[ImportOutcome]:
        """Every file checked alone (one bad file is refused alone), then the accepted
        ones kept by batches of ``STORE_BATCH`` in one transaction each (a commit a file
        would cost a disk flush a file), on a thread of their own while the next files
        are read (batch_keeper)."""
        outcomes: list[ImportOutcome | None] = []

        def keep(waiting: list[tuple[int, ReadWeek]]) -> None:
            stored = self._store_reads([read for _at, read in waiting])
            for (at, _read), outcome in zip(waiting, stored, strict=True):
                outcomes[at] = outcome

        known = self.register.all()
        waiting: list[tuple[int, ReadWeek]] = []
        with BatchKeeper(keep) as keeper:
            for read in read_paths(paths, identities):
                checked = self._checked(read, confirm_new_key, known)
                if isinstance(checked, ImportOutcome):
                    outcomes.append(checked)
                    continue
                waiting.append((len(outcomes), checked))
                outcomes.append(None)
                if len(waiting) >= STORE_BATCH:
                    keeper.add(waiting)
                    waiting = []
            keeper.add(waiting)
        return [outcome for outcome in outcomes if outcome is not None]

    def _store_reads(self, reads: list[ReadWeek]) -> list[ImportOutcome]:
        """Keep these files in one transaction. Another coordinator importing the same
        weeks at the same moment (a shared PostgreSQL store) makes it meet a new week's
        unique key, a deadlock or a lock held too long: the transaction is run again from
        the start, and then sees the other's weeks (the highest revision still wins)."""
        for attempt in range(1, CONFLICT_RETRIES + 1):
            try:
                with storage_guard(), self._factory.begin() as session:
                    return store_weeks(session, reads)
            except (IntegrityError, StorageError) as error:
                met = isinstance(error, IntegrityError) or error.cause in ("conflict", "locked")
                if not met or attempt == CONFLICT_RETRIES:
                    raise
                log.info("weekly files met another import (attempt %d): again", attempt)
                time.sleep(random.uniform(0.05, 0.2) * attempt)
        raise AssertionError("unreachable")

    # ----- consolidated view and report

    def figures(self, first: date, last: date, sites: list[str] | None) -> dict[str, Figures]:
        """Every figure of [first, last] per cabane and together (period_figures)."""
        return period_figures(self._factory, first, last, sites)

    def surveys(
        self, first: date, last: date, sites: list[str] | None, publication: bool = False
    ) -> list[SurveyTable]:
        """The questionnaires answered in [first, last], per cabane and together, masked
        for publication on demand (coordination_surveys)."""
        return survey_tables(self._factory, first, last, sites, publication)

    def annual_report(self, year: int, site: str | None, publication: bool) -> AnnualReport:
        """The « Bilan d'activité » of ``year`` for one cabane, or all of them together."""
        from models.exchange.annual_report import annual_report, year_bounds
        from models.figures.french import counted

        figures = self.figures(*year_bounds(year), [site] if site else None)
        if site:
            scope = self.site_names().get(site, site)
        else:
            scope = f"Ensemble des cabanes ({counted(len(figures) - 1, 'cabane')})"
        return annual_report(figures[ALL], year, scope, publication)

    def latest_day(self) -> date:
        """The last day with a visit imported (today if none): where figures start. Found
        in the latest weeks, through the indexes (57,200 weeks of the département)."""
        with self._factory() as session:
            latest = _latest_weeks(session)
            if not latest:
                return date.today()
            monday = iso_monday(*divmod(max(latest.values()), 100))
            day = session.scalar(
                select(func.max(CoordVisit.day)).where(
                    CoordVisit.site_code.in_(list(latest)), CoordVisit.day >= monday
                )
            )
        return day or date.today()

    def site_names(self) -> dict[str, str]:
        """The cabanes imported so far: code → the name of its latest file."""
        with self._factory() as session:
            latest = _latest_weeks(session)
            rows = session.execute(
                select(ImportedWeek.site_code, ImportedWeek.site_name).where(
                    tuple_(
                        ImportedWeek.site_code, ImportedWeek.iso_year, ImportedWeek.iso_week
                    ).in_([(code, *divmod(key, 100)) for code, key in latest.items()])
                )
            ).all()
        return dict(sorted(((code, name) for code, name in rows), key=lambda kv: kv[1]))

    def weeks(self) -> list[WeekSummary]:
        """Every week imported, with the report's figures (the département's ten years
        are 57,200 weeks: their indicators are read, only these figures kept)."""
        w, keys = ImportedWeek, report_columns()[2:]
        with self._factory() as session:
            rows = session.execute(
                select(
                    w.site_code,
                    w.site_name,
                    w.iso_year,
                    w.iso_week,
                    w.revision,
                    w.imported_at,
                    w.indicators,
                ).order_by(w.iso_year, w.iso_week, w.site_code)
            )
            return [
                WeekSummary(code, name, year, week, revision, at, _report_figures(indicators, keys))
                for code, name, year, week, revision, at, indicators in rows
            ]


def _latest_weeks(session: Session) -> dict[str, int]:
    """Each cabane's latest week imported, as year × 100 + week (read from the index on
    cabane, year and week alone: never the weeks' figures)."""
    key = ImportedWeek.iso_year * 100 + ImportedWeek.iso_week
    found = session.execute(
        select(ImportedWeek.site_code, func.max(key)).group_by(ImportedWeek.site_code)
    )
    return {code: int(latest) for code, latest in found}


def report_columns() -> list[str]:
    return [
        "site",
        "semaine",
        *REPORT_TOTALS,
        *(f"adults_by_role.{r}" for r in ROLES),
        *(f"children_by_age.{b}" for b in BANDS),
    ]


def report_headings() -> list[str]:
    """The columns' French titles (resources/catalogues/report_columns.csv), in the order of
    ``report_columns()``: the same from the window and from the command line."""
    names = {row["code"]: row["label"] for row in read_catalogue("report_columns")}
    for band in BANDS:
        label = catalogues.label(catalogues.age_bands(), band)
        names[f"children_by_age.{band}"] = f"Enfants {label}"
    return [names.get(code, code) for code in report_columns()]


def report_rows(weeks: Sequence[WeekSummary], publication: bool) -> list[list[object]]:
    """One row per site and week; with ``publication``, counts of 1 to 4 become « <5 »."""
    columns = report_columns()[2:]
    rows: list[list[object]] = []
    for week in weeks:
        values: list[object] = []
        for key in columns:
            figure = week.figure(key)
            values.append(MASK_TEXT if publication and 0 < figure < MASK_BELOW else figure)
        rows.append([week.site_name, f"{week.iso_year}-S{week.iso_week:02d}", *values])
    return rows


def report_csv(weeks: Sequence[WeekSummary], publication: bool) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")  # opens in French Excel
    writer.writerow(report_headings())
    writer.writerows([safe_cell(value) for value in row] for row in report_rows(weeks, publication))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
