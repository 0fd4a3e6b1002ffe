"""The weekly exchange file (DESIGN.md §6): a ZIP of CSVs and indicators, age-encrypted.

Writing: ``build_weekly_zip`` gathers one site's week; ``models.exchange.exporter``
encrypts it to the coordination recipients, writes it and records it in the history.
Reading: ``read_weekly_file`` decrypts and checks a file whole, or refuses it whole.
No name, phone, note or card code ever goes in: codes only, families as opaque refs.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import secrets
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.desk.checkin import COUNT_FIELDS, languages_and_reasons
from models.desk.sites import SiteInfo
from models.exchange.weekly_rows import Table
from models.figures.calendar import IsoWeek, format_iso_week, iso_week_bounds, recent_weeks
from models.figures.indicators import compute_weekly_indicators, recount_visit_indicators
from models.store.activity_entities import (
    ActivitySession,
    AppSetting,
    Orientation,
    OutreachOuting,
    Partner,
    Referral,
)
from models.store.base import PARIS, utc_now
from models.store.entities import Visit
from models.store.storage import read_snapshot, storage_guard
from models.surveys.results import week_counts

log = logging.getLogger(__name__)  # events and counts, never personal data

FORMAT = "cabane-weekly"
FORMAT_VERSION = 2  # signed (DESIGN.md §6); version 1 is refused
MANIFEST = "manifest.json"
INDICATORS = "indicators.json"
SIGNATURE = "manifest.sig"  # Ed25519 over manifest.json's bytes, whose checksums cover the rest
VISIT_COLUMNS: tuple[str, ...] = (
    "visit_id",
    "arrived_at",
    *COUNT_FIELDS,
    "first_visit",
    "known_to_pmi",
    "commune",
    "heard_via",
    "languages",
    "interpreter_needed",
    "reasons",
    "session_id",
    "family_ref",
)
ORIENTATION_COLUMNS = ("visit_id", "service", "status", "appointment_at")
OUTREACH_COLUMNS = (
    "outing_id",
    "starts_at",
    "ends_at",
    "commune",
    "adults",
    "children",
    "pregnant",
    "flyers",
    "conversations",
    "orientations",
)
REFERRAL_COLUMNS = ("visit_id", "partner_type", "theme", "status", "slip_printed")
SESSION_COLUMNS = (
    "session_id",
    "activity",
    "starts_at",
    "ends_at",
    "status",
    "adults",
    "children",
    # who led it, by kind (since 0012; absent from older files, read as 0)
    "facilitators_salaried",
    "facilitators_volunteer",
    "facilitators_partner",
)
MEMBERS = ("visits.csv", "orientations.csv", "referrals.csv", "sessions.csv", "outreach.csv")
# counts per questionnaire, question and choice (issue 18; no free text): optional when
# read, files of cabanes not yet updated have none
SURVEYS = "surveys.json"
MAX_FILE_BYTES = 50 * 1024 * 1024


def week_to_remind(
    exported: set[IsoWeek], now: datetime, site_created_at: datetime | None = None
) -> IsoWeek | None:
    """From Monday on, the week that just ended, if it has not been exported yet — unless
    the cabane did not exist yet when it ended (a cabane set up today has nothing to send)."""
    previous = recent_weeks(now, 1)[0]
    if previous in exported or not site_open_during(previous, site_created_at):
        return None
    return previous


def site_open_during(week: IsoWeek, site_created_at: datetime | None) -> bool:
    """Whether the cabane existed before the end of ``week`` (nothing to export otherwise)."""
    _start, end = iso_week_bounds(*week)
    return site_created_at is None or site_created_at < end


def file_name(site_code: str, iso_year: int, iso_week: int) -> str:
    return f"cabane_{site_code}_{format_iso_week(iso_year, iso_week)}.age"


def family_ref(site_code: str, family_id: str | None, salt: str) -> str:
    """An opaque reference: counts distinct families, tells nothing about them. The salt
    is the calendar year's (``family_salts``): stable within a year, so that weeks of one
    year can count distinct families, but two years cannot be joined (DESIGN.md §6)."""
    if family_id is None:
        return ""
    return hashlib.sha256(f"{site_code}:{salt}:{family_id}".encode()).hexdigest()[:16]


SALT_KEY = "exchange.family_salt.{year}"


def family_salts(factory: sessionmaker[Session], start: datetime, end: datetime) -> dict[int, str]:
    """The yearly salts of the calendar years in [start, end), made when first needed
    (a random secret that never leaves the cabane)."""
    years = {start.astimezone(PARIS).year, (end - timedelta(microseconds=1)).astimezone(PARIS).year}
    salts: dict[int, str] = {}
    with storage_guard(), factory.begin() as session:
        for year in sorted(years):
            key = SALT_KEY.format(year=year)
            row = session.get(AppSetting, key)
            if row is None:
                row = AppSetting(key=key, value=secrets.token_hex(16))
                session.add(row)
            salts[year] = row.value
    return salts


def quarter_hour(moment: datetime) -> datetime:
    """The arrival time as the coordination receives it: to the quarter hour, below."""
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _visit_rows(
    session: Session, site: SiteInfo, start: datetime, end: datetime, salts: dict[int, str]
) -> list[list[object]]:
    of_the_week = (Visit.site_id == site.id, Visit.arrived_at >= start, Visit.arrived_at < end)
    count_columns = [Visit.__table__.c[name] for name in COUNT_FIELDS]
    visits = session.execute(
        select(
            Visit.id,
            Visit.arrived_at,
            *count_columns,
            Visit.first_visit,
            Visit.known_to_pmi,
            Visit.commune,
            Visit.heard_via,
            Visit.interpreter_needed,
            Visit.session_id,
            func.coalesce(Visit.family_id, Visit.former_family),
        )
        .where(*of_the_week)
        .order_by(Visit.arrived_at, Visit.id)
    ).all()
    languages, reasons = languages_and_reasons(session, of_the_week)
    rows: list[list[object]] = []
    for visit in visits:
        counts = list(visit[2 : 2 + len(COUNT_FIELDS)])
        first, known, commune, channel, interpreter, session_id, family_id = visit[
            2 + len(COUNT_FIELDS) :
        ]
        rows.append(
            [
                visit.id,
                quarter_hour(visit.arrived_at).isoformat(),
                *counts,
                first,
                known,
                commune,
                channel,
                "|".join(languages.get(visit.id, [])),
                "1" if interpreter else "0",
                "|".join(reasons.get(visit.id, [])),
                session_id or "",
                family_ref(site.code, family_id, salts[visit.arrived_at.astimezone(PARIS).year]),
            ]
        )
    return rows


def _follow_up_rows(
    session: Session, site: SiteInfo, start: datetime, end: datetime
) -> tuple[list[list[str]], list[list[str]]]:
    """Orientations and referrals of the week's visits: codes only (no centre or partner
    name: the coordination counts by service and by partner type)."""
    of_the_week = (Visit.site_id == site.id, Visit.arrived_at >= start, Visit.arrived_at < end)
    orientations = [
        [visit_id, service, status, at.isoformat() if at else ""]
        for visit_id, service, status, at in session.execute(
            select(
                Orientation.visit_id,
                Orientation.service,
                Orientation.status,
                Orientation.appointment_at,
            )
            .join(Visit, Visit.id == Orientation.visit_id)
            .where(*of_the_week)
            .order_by(Orientation.visit_id, Orientation.service)
        )
    ]
    referrals = [
        [visit_id, partner_type, theme, status, "1" if printed else "0"]
        for visit_id, partner_type, theme, status, printed in session.execute(
            select(
                Referral.visit_id,
                Partner.partner_type,
                Referral.theme,
                Referral.status,
                Referral.slip_printed,
            )
            .join(Visit, Visit.id == Referral.visit_id)
            .join(Partner, Partner.id == Referral.partner_id)
            .where(*of_the_week)
            .order_by(Referral.visit_id, Referral.theme)
        )
    ]
    return orientations, referrals


def _outreach_rows(
    session: Session, site: SiteInfo, start: datetime, end: datetime
) -> list[list[str]]:
    """Outings of the week: counts and commune, never the place (free text) nor the note."""
    rows = session.scalars(
        select(OutreachOuting)
        .where(
            OutreachOuting.site_id == site.id,
            OutreachOuting.started_at >= start,
            OutreachOuting.started_at < end,
        )
        .order_by(OutreachOuting.started_at, OutreachOuting.id)
    )
    return [
        [
            row.id,
            row.started_at.isoformat(),
            row.ended_at.isoformat() if row.ended_at else "",
            row.commune,
            str(row.adults),
            str(row.children),
            str(row.pregnant),
            str(row.flyers),
            str(row.conversations),
            "|".join(f"{k}={v}" for k, v in sorted((row.orientations or {}).items())),
        ]
        for row in rows
    ]


def _session_rows(
    session: Session, site: SiteInfo, start: datetime, end: datetime
) -> list[list[str]]:
    """Sessions of the week: activity code, times, status, attendance; no registrations."""
    from models.programme.programme import attendance_of, checkin_attendance

    rows = list(
        session.scalars(
            select(ActivitySession)
            .where(
                ActivitySession.site_id == site.id,
                ActivitySession.starts_at >= start,
                ActivitySession.starts_at < end,
            )
            .order_by(ActivitySession.starts_at, ActivitySession.id)
        )
    )
    linked = checkin_attendance(session, [row.id for row in rows])
    result = []
    for row in rows:
        adults, children, _typed = attendance_of(row, linked)
        result.append(
            [
                row.id,
                row.activity,
                row.starts_at.isoformat(),
                row.ends_at.isoformat(),
                row.status,
                str(adults),
                str(children),
                str(row.facilitators_salaried),
                str(row.facilitators_volunteer),
                str(row.facilitators_partner),
            ]
        )
    return result


def week_rows(
    factory: sessionmaker[Session], site: SiteInfo, iso_year: int, iso_week: int
) -> dict[str, Table]:
    """The parts of one week as the weekly file's CSV tables (member → header, rows),
    without writing a file: the cabane's own annual report counts them as the
    coordination does."""
    start, end = iso_week_bounds(iso_year, iso_week)
    salts = family_salts(factory, start, end)
    with read_snapshot(factory) as session:
        orientations, referrals = _follow_up_rows(session, site, start, end)
        parts: dict[str, tuple[tuple[str, ...], Sequence[Sequence[object]]]] = {
            "visits.csv": (VISIT_COLUMNS, _visit_rows(session, site, start, end, salts)),
            "orientations.csv": (ORIENTATION_COLUMNS, orientations),
            "referrals.csv": (REFERRAL_COLUMNS, referrals),
            "outreach.csv": (OUTREACH_COLUMNS, _outreach_rows(session, site, start, end)),
            "sessions.csv": (SESSION_COLUMNS, _session_rows(session, site, start, end)),
        }
    return {
        name: (list(columns), [list(map(str, row)) for row in rows])
        for name, (columns, rows) in parts.items()
    }


def build_weekly_zip(
    factory: sessionmaker[Session],
    site: SiteInfo,
    iso_year: int,
    iso_week: int,
    revision: int,
    app_version: str,
    generated_at: datetime | None = None,
) -> bytes:
    """The clear ZIP of one week (only ever held in memory, then encrypted)."""
    from models.exchange.signing import public_text, sign, signing_secret

    start, end = iso_week_bounds(iso_year, iso_week)
    salts = family_salts(factory, start, end)
    secret = signing_secret(factory)
    # Every part and the indicators from one read transaction: a check-in saved meanwhile
    # is in all of them or in none.
    with read_snapshot(factory) as session:
        visit_rows = _visit_rows(session, site, start, end, salts)
        orientations, referrals = _follow_up_rows(session, site, start, end)
        outreach = _outreach_rows(session, site, start, end)
        sessions = _session_rows(session, site, start, end)
        indicators = compute_weekly_indicators(session, site.id, iso_year, iso_week)
        surveys = week_counts(session, site.id, start, end)
    members: dict[str, bytes] = {
        "visits.csv": _csv(VISIT_COLUMNS, visit_rows),
        "orientations.csv": _csv(ORIENTATION_COLUMNS, orientations),
        "referrals.csv": _csv(REFERRAL_COLUMNS, referrals),
        "outreach.csv": _csv(OUTREACH_COLUMNS, outreach),
        "sessions.csv": _csv(SESSION_COLUMNS, sessions),
    }
    figures = indicators.to_json_dict()
    # The recount of visits.csv is only a check now: the same snapshot gave both.
    written = [dict(zip(VISIT_COLUMNS, map(str, row), strict=True)) for row in visit_rows]
    if _normalised(recount_visit_indicators(written)) != _normalised(
        {key: figures[key] for key in recount_visit_indicators(written)}
    ):
        raise ExportError("inconsistent", f"{iso_year}-S{iso_week:02d}")
    members[INDICATORS] = json.dumps(figures, ensure_ascii=False, sort_keys=True).encode()
    members[SURVEYS] = json.dumps({"surveys": surveys}, ensure_ascii=False).encode()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "site": {
            "code": site.code,
            "name": site.name,
            "created_at": site.created_at.isoformat() if site.created_at else None,
        },
        "signing_key": {"algorithm": "ed25519", "public": public_text(secret)},
        "iso_year": iso_year,
        "iso_week": iso_week,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "revision": revision,
        "generated_at": (generated_at or utc_now()).isoformat(),
        "app_version": app_version,
        "row_counts": {
            "visits": len(visit_rows),
            "orientations": len(orientations),
            "referrals": len(referrals),
            "outreach": len(outreach),
            "sessions": len(sessions),
            "surveys": sum(int(survey["responses"]) for survey in surveys),  # answer sheets
        },
        "sha256": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    buffer = io.BytesIO()
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, sign(secret, manifest_bytes))
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class ExportError(ValueError):
    """Export refused; ``code`` names the reason (no_recipient, bad_recipient, write_failed)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code} {detail}".strip())
        self.code = code


def _normalised(value: object) -> object:
    return json.loads(json.dumps(value, sort_keys=True))
