"""The programme: sessions, repetition, attendance, and their place in the weekly file."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, timedelta

import pytest

from models.desk.checkin import CheckInService, VisitDraft
from models.exchange import crypto
from models.exchange.exporter import WeeklyExporter
from models.figures.indicators import weekly_indicators
from models.outreach.outreach import OutreachLog
from models.programme.programme import ProgrammeError, ProgrammeService, SessionData
from models.store.base import PARIS
from tests.conftest import ROOT

TUESDAY = datetime(2026, 11, 10, 14, 0, tzinfo=PARIS)


@pytest.fixture
def programme(desk) -> ProgrammeService:  # type: ignore[no-untyped-def]
    return ProgrammeService(desk.factory, desk.site.id)


def cafe(start: datetime = TUESDAY, **changes) -> SessionData:  # type: ignore[no-untyped-def]
    return SessionData("parents_cafe", start, start + timedelta(hours=2), **changes)


def test_sessions_are_checked(programme: ProgrammeService) -> None:
    with pytest.raises(ProgrammeError, match="before_start"):
        programme.create(SessionData("parents_cafe", TUESDAY, TUESDAY))
    with pytest.raises(ProgrammeError, match="address"):
        programme.create(cafe(at_cabane=False))
    with pytest.raises(ProgrammeError, match="activity"):
        programme.create(SessionData("yoga_extreme", TUESDAY, TUESDAY + timedelta(hours=1)))


def test_repeat_every_week_keeps_the_paris_time_across_the_clock_change(programme) -> None:  # type: ignore[no-untyped-def]
    first = programme.create(cafe(datetime(2026, 10, 13, 14, 0, tzinfo=PARIS)))
    copies = programme.repeat_weekly(first.id, until=date(2026, 11, 3))
    assert [c.data.starts_at.strftime("%d/%m %H:%M") for c in copies] == [
        "20/10 14:00",
        "27/10 14:00",
        "03/11 14:00",
    ]


def test_a_repeat_that_fails_half_way_adds_no_week(desk, programme) -> None:  # type: ignore[no-untyped-def]
    """One user action, one transaction: every week of « toutes les semaines », or none."""
    from sqlalchemy import event

    from models.store.storage import StorageError

    first = programme.create(cafe(datetime(2026, 10, 13, 14, 0, tzinfo=PARIS)))
    inserted: list[str] = []

    def full_at_the_third_week(conn, cursor, statement, parameters, context, many) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO activity_sessions"):
            inserted.append(statement)
            if len(inserted) == 3:
                raise desk.engine.dialect.dbapi.OperationalError("database or disk is full")

    event.listen(desk.engine, "before_cursor_execute", full_at_the_third_week)
    try:
        with pytest.raises(StorageError):
            programme.repeat_weekly(first.id, until=date(2026, 11, 10))
    finally:
        event.remove(desk.engine, "before_cursor_execute", full_at_the_third_week)
    assert len(inserted) == 3
    october = programme.between(
        datetime(2026, 10, 1, tzinfo=PARIS), datetime(2026, 12, 1, tzinfo=PARIS)
    )
    assert [s.id for s in october] == [first.id]


def test_attendance_from_check_ins_or_typed_from_the_sheet(desk, programme) -> None:  # type: ignore[no-untyped-def]
    session = programme.create(cafe())
    checkins = CheckInService(desk.factory, desk.site.id)
    for _ in range(3):
        checkins.record(
            VisitDraft(
                arrived_at=TUESDAY + timedelta(minutes=10),
                mothers=1,
                children_6_11m=1,
                session_id=session.id,
            ),
            1,
        )
    assert (programme.get(session.id).adults, programme.get(session.id).children) == (3, 3)
    typed = programme.set_attendance(session.id, 5, 7)
    assert (typed.adults, typed.children, typed.typed) == (5, 7, True)
    assert typed.data.status == "held"


def test_the_desk_finds_the_session_going_on(programme) -> None:  # type: ignore[no-untyped-def]
    session = programme.create(cafe())
    assert programme.current(TUESDAY + timedelta(minutes=30)).id == session.id
    assert programme.current(TUESDAY + timedelta(hours=3)) is None
    programme.set_status(session.id, "cancelled")
    assert programme.current(TUESDAY + timedelta(minutes=30)) is None


def test_held_sessions_and_outings_go_into_the_indicators_and_the_week_file(
    desk, programme
) -> None:  # type: ignore[no-untyped-def]
    held = programme.create(cafe(registrations=("Awa", "Lina")))
    programme.set_attendance(held.id, 4, 6)
    programme.create(cafe(TUESDAY + timedelta(days=1)))  # planned only: not counted
    log = OutreachLog(desk.factory, desk.site.id)
    outing = log.start("Marche du samedi", "93045", started_at=TUESDAY + timedelta(days=4))
    for counter in ("adults", "adults", "children", "flyers"):
        log.count(outing.id, counter)
    indicators = weekly_indicators(desk.factory, desk.site.id, 2026, 46)
    assert indicators.sessions_held_by_activity == {"parents_cafe": 1}
    assert indicators.session_participants == {"adults": 4, "children": 6}
    assert indicators.outreach == {
        "outings": 1,
        "adults": 2,
        "children": 1,
        "pregnant": 0,
        "flyers": 1,
    }
    secret, public = crypto.new_identity()
    out = desk.folder / "out"
    out.mkdir()
    record = WeeklyExporter(desk.factory, desk.site, "t").export(2026, 46, out, (public,))
    with zipfile.ZipFile(io.BytesIO(crypto.decrypt(record.path.read_bytes(), secret))) as z:
        sessions = list(csv.DictReader(io.StringIO(z.read("sessions.csv").decode())))
        outreach = list(csv.DictReader(io.StringIO(z.read("outreach.csv").decode())))
        everything = b"".join(z.read(n) for n in z.namelist())
    assert [(s["activity"], s["status"], s["adults"]) for s in sessions] == [
        ("parents_cafe", "held", "4"),
        ("parents_cafe", "planned", "0"),
    ]
    assert outreach[0]["adults"] == "2" and outreach[0]["flyers"] == "1"
    assert b"Awa" not in everything and b"Marche du samedi" not in everything


def test_the_sign_in_sheet_data_of_a_session(programme) -> None:  # type: ignore[no-untyped-def]
    session = programme.create(cafe(registrations=("Awa", "Lina"), facilitator="Nadia"))
    sheet = programme.signin_sheet(session.id)
    assert sheet.activity == "Café des parents" and sheet.registrations == ("Awa", "Lina")
    assert sheet.day == date(2026, 11, 10) and sheet.starts.hour == 14


def test_print_a_sign_in_sheet_from_the_command_line(data_dir) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from tests.conftest import run_cabane

    assert (
        run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir).returncode == 0
    )
    desk = open_existing(data_dir, open_keychain())
    ProgrammeService(desk.factory, desk.site.id).create(cafe(registrations=("Amina",)))
    desk.close()
    out = data_dir / "emargement.pdf"
    result = run_cabane(
        "print", "signin-sheet", "--date", "10/11/2026", "--out", str(out), data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Feuille d'émargement" in text and "Café des parents" in text
    assert "Amina" not in text  # names only if the cabane asks: everyone sees the sheet
    named = run_cabane(
        "print",
        "signin-sheet",
        "--date",
        "10/11/2026",
        "--names",
        "--out",
        str(out),
        data_dir=data_dir,
    )
    assert named.returncode == 0 and "Amina" in PdfReader(out).pages[0].extract_text()
    desk = open_existing(data_dir, open_keychain())
    second = ProgrammeService(desk.factory, desk.site.id).create(
        cafe(datetime(2026, 11, 10, 16, 30, tzinfo=PARIS))
    )
    desk.close()
    several = run_cabane(
        "print", "signin-sheet", "--date", "10/11/2026", "--out", str(out), data_dir=data_dir
    )
    assert several.returncode == 2 and "--session" in several.stderr
    assert f"--session {second.id}" in several.stderr  # listed, never guessed
    none = run_cabane(
        "print", "signin-sheet", "--date", "11/11/2026", "--out", str(out), data_dir=data_dir
    )
    assert none.returncode == 1 and "aucune séance" in none.stderr


def test_print_a_month_poster_and_a_flyer_from_the_command_line(data_dir) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from tests.conftest import run_cabane

    assert (
        run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir).returncode == 0
    )
    desk = open_existing(data_dir, open_keychain())
    programme = ProgrammeService(desk.factory, desk.site.id)
    programme.create(cafe())
    cancelled = programme.create(cafe(TUESDAY + timedelta(days=2)))
    programme.set_status(cancelled.id, "cancelled")
    desk.close()
    poster = data_dir / "affiche.pdf"
    result = run_cabane(
        "print",
        "poster",
        "--month",
        "11/2026",
        "--size",
        "A3",
        "--web",
        "https://example.org/lilas",
        "--out",
        str(poster),
        data_dir=data_dir,
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(poster)
    assert len(reader.pages) == 1 and round(float(reader.pages[0].mediabox.height)) == 1191
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Café des parents" in text and "novembre 2026" in text
    assert "Mardi 10 novembre" in text and "Jeudi 12 novembre" not in text  # cancelled
    flyer = data_dir / "flyer.pdf"
    made = run_cabane(
        "print", "flyer", "--month", "11/2026", "--out", str(flyer), data_dir=data_dir
    )
    assert made.returncode == 0, made.stderr
    bad = run_cabane(
        "print", "poster", "--month", "13-2026", "--out", str(poster), data_dir=data_dir
    )
    assert bad.returncode == 2 and "non reconnu" in bad.stderr


def test_poster_settings_give_the_qr_address_and_the_logo(desk, programme) -> None:  # type: ignore[no-untyped-def]
    from models.desk.sites import SetupError, set_poster_settings

    png = (ROOT / "installer" / "icons" / "cabane-64.png").read_bytes()  # a real PNG
    set_poster_settings(desk.factory, desk.site.id, "https://example.org/lilas", png, 1)
    data = programme.poster(TUESDAY, TUESDAY + timedelta(days=7), "Programme")
    assert data.web_address == "https://example.org/lilas" and data.logo_png == png
    with pytest.raises(SetupError, match="logo"):
        set_poster_settings(desk.factory, desk.site.id, "", b"not an image", 1)
    with pytest.raises(SetupError, match="web_address"):
        set_poster_settings(desk.factory, desk.site.id, "pas une adresse", None, 1)
