"""The coordination keeps every row of the weekly files and counts any period from them."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from models.desk.checkin import CheckInService, VisitDraft
from models.desk.sites import set_coordination_recipients
from models.exchange import crypto
from models.exchange.coordination import CoordinationStore
from models.exchange.exporter import WeeklyExporter
from models.exchange.period_figures import period_figures
from models.exchange.row_figures import ALL
from models.store.base import PARIS
from tests.conftest import backdate_sites
from tests.support.postgres import ENGINES, coordination_factory

WEEKS = [(2025, 52), (2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5)]


def trust(_site: str, _name: str, _fingerprint: str) -> bool:
    return True


@pytest.fixture
def coordination(tmp_path: Path):  # type: ignore[no-untyped-def]
    from desktop.folder.desk import set_up_coordination
    from desktop.folder.secrets import open_keychain

    folder = tmp_path / "coordination"
    folder.mkdir()
    desk = set_up_coordination(folder, open_keychain())
    yield desk
    desk.close()


@pytest.fixture(params=ENGINES)
def weeks_store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Where the coordination keeps its weeks: each test runs on a folder's SQLCipher
    database and on a shared PostgreSQL store (issue 17; skipped with its reason where no
    server is installed, required in CI)."""
    from types import SimpleNamespace

    with coordination_factory(request, tmp_path / "weeks") as factory:
        yield SimpleNamespace(factory=factory)


@pytest.fixture
def files(desk, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Six weeks of a demo cabane (one of them across the new year), exported."""
    from models.demo import generate_visits

    secret, public = crypto.new_identity()
    desk.site = set_coordination_recipients(desk.factory, desk.site.id, (public,), None)
    backdate_sites(desk.factory)
    generate_visits(desk.factory, desk.site.id, "93045", 420, end=date(2026, 2, 1), days=42)
    out = tmp_path / "out"
    out.mkdir()
    exporter = WeeklyExporter(desk.factory, desk.site, "0.1.0")
    paths = [exporter.export(y, w, out, desk.site.coordination_recipients).path for y, w in WEEKS]
    return desk, secret, paths


def visits_csv(path: Path, secret: str) -> list[dict[str, str]]:
    clear = crypto.decrypt(path.read_bytes(), secret)
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        text = archive.read("visits.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_a_years_figures_equal_a_recount_of_the_files(files, weeks_store) -> None:  # type: ignore[no-untyped-def]
    desk, secret, paths = files
    store = CoordinationStore(weeks_store.factory)
    assert {o.status for o in store.import_paths(paths, [secret], trust)} == {"imported"}
    rows = [
        row
        for path in paths
        for row in visits_csv(path, secret)
        if datetime.fromisoformat(row["arrived_at"]).astimezone(PARIS).year == 2026
    ]
    assert len(rows) > 100  # the recount has something to count
    figures = period_figures(weeks_store.factory, date(2026, 1, 1), date(2026, 12, 31))
    code = desk.site.code
    assert set(figures) == {code, ALL}
    got = figures[code]
    people = ("mothers", "fathers", "other_adults", "professionals")
    bands = [name for name in rows[0] if name.startswith("children_")]
    assert got.value("visits") == len(rows)
    assert got.value("adults") == sum(int(r[n]) for r in rows for n in people)
    assert got.value("children") == sum(int(r[n]) for r in rows for n in bands)
    assert got.value("adults_by_role.mother") == sum(int(r["mothers"]) for r in rows)
    assert got.value("children_by_age.0-5m") == sum(int(r["children_0_5m"]) for r in rows)
    assert got.value("pregnant") == sum(int(r["pregnant"]) for r in rows)
    assert got.value("first_visits") == sum(r["first_visit"] == "yes" for r in rows)
    assert got.value("not_known_to_pmi") == sum(r["known_to_pmi"] == "no" for r in rows)
    assert got.value("interpreter_needed") == sum(r["interpreter_needed"] == "1" for r in rows)
    assert got.groups["visits_by_commune"] == Counter(r["commune"] for r in rows)
    assert got.groups["visits_by_channel"] == Counter(r["heard_via"] for r in rows)
    languages = Counter(code for r in rows for code in set(r["languages"].split("|")) if code)
    assert got.groups["visits_by_language"] == languages
    # all cabanes together: here the one cabane
    assert figures[ALL].value("visits") == len(rows)


def test_a_period_of_days_counts_only_those_days(files, weeks_store) -> None:  # type: ignore[no-untyped-def]
    _desk, secret, paths = files
    store = CoordinationStore(weeks_store.factory)
    store.import_paths(paths, [secret], trust)
    first, last = date(2026, 1, 7), date(2026, 1, 20)  # from a Wednesday to a Tuesday
    rows = [
        row
        for path in paths
        for row in visits_csv(path, secret)
        if first <= datetime.fromisoformat(row["arrived_at"]).astimezone(PARIS).date() <= last
    ]
    assert period_figures(weeks_store.factory, first, last)[ALL].value("visits") == len(rows)
    assert period_figures(weeks_store.factory, first, last, ["ailleurs"])[ALL].value("visits") == 0


def test_week_summaries_give_the_same_figures_as_the_rows(files, weeks_store) -> None:  # type: ignore[no-untyped-def]
    """Weeks a period covers whole are summed from the summaries kept at import; weeks
    imported before summaries existed (migration 0013) are counted from their rows: the
    same figures either way, whatever the period's edges. Importing such a week's file
    again gives it its summary."""
    from sqlalchemy import delete, update

    from models.store.activity_entities import ImportedWeek
    from models.store.coordination_entities import CoordBlockFigures

    _desk, secret, paths = files
    store = CoordinationStore(weeks_store.factory)
    store.import_paths(paths, [secret], trust)
    periods = [
        (date(2025, 12, 22), date(2026, 2, 1)),  # whole weeks only
        (date(2025, 12, 24), date(2026, 1, 27)),  # edges on both sides
        (date(2026, 1, 1), date(2026, 1, 3)),  # inside one week
        (date(2026, 1, 5), date(2026, 1, 11)),  # one whole week
    ]
    summed = [store.figures(first, last, None) for first, last in periods]
    with weeks_store.factory.begin() as session:
        session.execute(update(ImportedWeek).values(figures=None))
        session.execute(delete(CoordBlockFigures))
    from_rows = [store.figures(first, last, None) for first, last in periods]
    for by_summaries, by_rows in zip(summed, from_rows, strict=True):
        assert by_summaries[ALL].value("visits") > 0
        for code in by_rows:
            assert by_summaries[code].totals == by_rows[code].totals
            assert by_summaries[code].groups == by_rows[code].groups
            assert by_summaries[code].families == by_rows[code].families
    again = store.import_paths(paths, [secret], trust)
    assert {outcome.status for outcome in again} == {"unchanged"}
    with weeks_store.factory() as session:
        assert all(week.figures for week in session.query(ImportedWeek))


def test_a_higher_revision_replaces_the_weeks_rows(files, weeks_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk, secret, paths = files
    store = CoordinationStore(weeks_store.factory)
    store.import_paths(paths, [secret], trust)
    monday = date(2026, 1, 5)
    before = period_figures(weeks_store.factory, monday, date(2026, 1, 11))[ALL].value("visits")
    CheckInService(desk.factory, desk.site.id).record(
        VisitDraft(arrived_at=datetime(2026, 1, 6, 10, tzinfo=PARIS), mothers=1), 1
    )
    again = tmp_path / "again"
    again.mkdir()
    exporter = WeeklyExporter(desk.factory, desk.site, "0.1.0")
    newer = exporter.export(2026, 2, again, desk.site.coordination_recipients).path
    assert store.import_paths([newer], [secret], trust)[0].status == "replaced"
    after = period_figures(weeks_store.factory, monday, date(2026, 1, 11))[ALL].value("visits")
    assert after == before + 1  # the week's rows replaced, not added to
    store.withdraw(desk.site.code, 2026, 2, "fichier de test")
    gone = period_figures(weeks_store.factory, monday, date(2026, 1, 11))[ALL].value("visits")
    assert gone == 0


def test_who_led_the_sessions_and_the_hours_open_reach_the_coordination(
    files,  # type: ignore[no-untyped-def]
    weeks_store,
    tmp_path: Path,
) -> None:
    from models.programme.programme import ProgrammeService, SessionData

    desk, secret, _paths = files
    programme = ProgrammeService(desk.factory, desk.site.id)
    for activity, hours, team in (("open_welcome", 4, (2, 1, 0)), ("reading", 1, (0, 1, 1))):
        info = programme.create(
            SessionData(
                activity=activity,
                starts_at=datetime(2026, 1, 13, 9, tzinfo=PARIS),
                ends_at=datetime(2026, 1, 13, 9 + hours, tzinfo=PARIS),
                salaried=team[0],
                volunteers=team[1],
                partner_staff=team[2],
            )
        )
        programme.set_status(info.id, "held")
    out = tmp_path / "week3"
    out.mkdir()
    exporter = WeeklyExporter(desk.factory, desk.site, "0.1.0")
    path = exporter.export(2026, 3, out, desk.site.coordination_recipients).path
    store = CoordinationStore(weeks_store.factory)
    assert store.import_paths([path], [secret], trust)[0].status == "imported"
    got = period_figures(weeks_store.factory, date(2026, 1, 12), date(2026, 1, 18))[ALL]
    assert got.groups["sessions_held_by_activity"] == Counter(open_welcome=1, reading=1)
    assert got.groups["minutes_held_by_activity"]["open_welcome"] == 240
    assert got.groups["facilitators"] == Counter(salaried=2, volunteers=2, partner_staff=1)


def test_a_file_made_before_facilitators_were_recorded_is_read_with_none() -> None:
    from datetime import timedelta

    from models.exchange.weekly_rows import read_rows

    start = datetime(2026, 1, 12, tzinfo=PARIS)
    members = {
        "visits.csv": [],
        "orientations.csv": [],
        "referrals.csv": [],
        "outreach.csv": [],
        "sessions.csv": [
            {
                "session_id": "s1",
                "activity": "reading",
                "starts_at": "2026-01-13T09:00:00+01:00",
                "ends_at": "2026-01-13T10:00:00+01:00",
                "status": "held",
                "adults": "3",
                "children": "4",
            }
        ],
    }
    tables = _tables(members)
    rows = read_rows(tables.__getitem__, (start, start + timedelta(days=7)))
    assert rows.sessions[0]["salaried"] == 0 and rows.sessions[0]["partner_staff"] == 0


def test_quarters_summed_once_give_the_same_figures_as_their_weeks(
    desk,  # type: ignore[no-untyped-def]
    weeks_store,
    tmp_path: Path,
) -> None:
    """A year is summed from the quarters of ISO weeks it covers whole (kept at import),
    else their parts, the weeks left and the edge days: the same figures as week by week
    and from rows, also after a week of a quarter is replaced by a higher revision or
    withdrawn."""
    from sqlalchemy import delete, update

    from models.demo import generate_visits
    from models.store.activity_entities import ImportedWeek
    from models.store.coordination_entities import CoordBlockFigures

    secret, public = crypto.new_identity()
    desk.site = set_coordination_recipients(desk.factory, desk.site.id, (public,), None)
    backdate_sites(desk.factory)
    generate_visits(desk.factory, desk.site.id, "93045", 900, end=date(2026, 4, 12), days=112)
    out = tmp_path / "out"
    out.mkdir()
    exporter = WeeklyExporter(desk.factory, desk.site, "0.1.0")
    weeks = [(2025, 52), *((2026, w) for w in range(1, 16))]
    paths = [exporter.export(y, w, out, desk.site.coordination_recipients).path for y, w in weeks]
    store = CoordinationStore(weeks_store.factory)
    assert {o.status for o in store.import_paths(paths, [secret], trust)} == {"imported"}
    with weeks_store.factory() as session:
        assert session.query(CoordBlockFigures).filter_by(iso_year=2026, block=0).count() == 1
        # and its parts (weeks 1–4, 5–8, 9–13): the calendar year below starts on week 1's
        # Thursday, so uses the second and third parts, not the quarter
        assert {row.block for row in session.query(CoordBlockFigures).filter_by(iso_year=2026)} >= {
            0,
            4,
            5,
            6,
        }
    CheckInService(desk.factory, desk.site.id).record(
        VisitDraft(arrived_at=datetime(2026, 2, 3, 10, tzinfo=PARIS), mothers=1), 1
    )
    again = tmp_path / "again"
    again.mkdir()
    newer = exporter.export(2026, 6, again, desk.site.coordination_recipients).path
    assert store.import_paths([newer], [secret], trust)[0].status == "replaced"
    store.withdraw(desk.site.code, 2026, 9, "fichier de test")
    periods = [
        (date(2025, 12, 24), date(2026, 4, 8)),  # a quarter inside, weeks and days around
        (date(2025, 12, 29), date(2026, 3, 29)),  # exactly the first quarter of 2026
        (date(2026, 1, 1), date(2026, 12, 31)),  # a calendar year
    ]
    by_blocks = [store.figures(first, last, None) for first, last in periods]
    with weeks_store.factory.begin() as session:
        session.execute(delete(CoordBlockFigures))
    by_weeks = [store.figures(first, last, None) for first, last in periods]
    with weeks_store.factory.begin() as session:
        session.execute(update(ImportedWeek).values(figures=None))
    by_rows = [store.figures(first, last, None) for first, last in periods]
    for blocks, weekly, rows in zip(by_blocks, by_weeks, by_rows, strict=True):
        assert blocks[ALL].value("visits") > 400
        for figures in (weekly, rows):
            assert blocks[ALL].totals == figures[ALL].totals
            assert blocks[ALL].groups == figures[ALL].groups
            assert blocks[ALL].families == figures[ALL].families


def test_an_unusual_but_valid_row_is_kept_as_the_usual_one() -> None:
    """« 07 » for 7 is read row by row (not the column fast path): the visit kept is the
    same, key for key, as the usual row's."""
    from datetime import timedelta

    from models.exchange.exchange import VISIT_COLUMNS
    from models.exchange.weekly_rows import VISIT_KEYS, read_rows

    start = datetime(2026, 1, 12, tzinfo=PARIS)

    def visits(mothers: str) -> list[tuple[object, ...]]:
        row = dict.fromkeys(VISIT_COLUMNS, "0")
        row.update(
            visit_id="v1", arrived_at="2026-01-13T09:00:00+01:00", mothers=mothers,
            first_visit="yes", known_to_pmi="no", commune="93045", heard_via="street",
            languages="fr", interpreter_needed="1", reasons="play", session_id="",
            family_ref="f",
        )  # fmt: skip
        members = {"visits.csv": [row], "orientations.csv": [], "referrals.csv": []}
        members |= {"outreach.csv": [], "sessions.csv": []}
        tables = _tables(members)
        return read_rows(tables.__getitem__, (start, start + timedelta(days=7))).visits

    usual, unusual = visits("7"), visits("07")
    assert unusual == usual and usual[0][VISIT_KEYS.index("mothers")] == 7
    assert len(usual[0]) == len(VISIT_KEYS)  # the same columns, in the same order


def _tables(
    members: dict[str, list[dict[str, str]]],
) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Members written as rows of column → value, as the weekly file's CSV tables."""
    tables = {}
    for name, rows in members.items():
        header = list(rows[0]) if rows else []
        tables[name] = (header, [[row[column] for column in header] for row in rows])
    return tables


def test_a_full_disk_during_an_import_keeps_the_batches_before_and_says_it(
    files,  # type: ignore[no-untyped-def]
    weeks_store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Batches are kept on a thread of their own while the next files are read: a batch
    that cannot be written stops the import, the error reaches the caller, the batches
    before it stay kept and none after it is written."""
    import models.exchange.coordination as coordination
    from models.store.storage import StorageError

    _desk, secret, paths = files
    store = CoordinationStore(weeks_store.factory)
    kept_batches: list[int] = []
    real_store_weeks = coordination.store_weeks

    def store_weeks(session, reads):  # type: ignore[no-untyped-def]
        if len(kept_batches) == 2:
            raise StorageError("disk_full")
        kept_batches.append(len(reads))
        return real_store_weeks(session, reads)

    monkeypatch.setattr(coordination, "STORE_BATCH", 2)
    monkeypatch.setattr(coordination, "store_weeks", store_weeks)
    with pytest.raises(StorageError) as caught:
        store.import_paths(paths, [secret], trust)
    assert caught.value.cause == "disk_full"
    kept = [(week.iso_year, week.iso_week) for week in store.weeks()]
    assert kept == WEEKS[:4]  # two batches of two; the third and after never written
