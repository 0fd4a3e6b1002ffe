"""The weekly exchange file: written encrypted, read by the real age tool, imported once."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from models.desk.checkin import CheckInService, VisitDraft
from models.desk.families import FamilyService
from models.desk.sites import set_coordination_recipients
from models.exchange import crypto
from models.exchange.coordination import CoordinationStore, report_csv
from models.exchange.exchange import (
    FORMAT,
    MANIFEST,
    ExportError,
    build_weekly_zip,
    file_name,
)
from models.exchange.exporter import WeeklyExporter
from models.figures.indicators import recount_from_visit_rows
from models.store.base import PARIS
from tests.support.postgres import ENGINES, coordination_factory

AGE = shutil.which("age")
WEEK = (2026, 46)


def TRUST(_site: str, _name: str, _fingerprint: str) -> bool:
    """A person at the coordination who checked the fingerprint with the cabane."""
    return True  # Monday 9 to Sunday 15 November 2026


@pytest.fixture
def identity() -> tuple[str, str]:
    return crypto.new_identity()


@pytest.fixture
def week_desk(desk, identity):  # type: ignore[no-untyped-def]
    """A cabane with a busy week: families, two languages, a note, and one visit outside."""
    site = set_coordination_recipients(desk.factory, desk.site.id, (identity[1],), None)
    desk.site = site
    checkins = CheckInService(desk.factory, site.id)
    family = FamilyService(desk.factory, site.id).create("Maman de Lina", "0612345678", True, 1)
    monday = datetime(2026, 11, 9, 9, 30, tzinfo=PARIS)
    drafts = [
        VisitDraft(
            arrived_at=monday,
            mothers=1,
            children_6_11m=1,
            first_visit="yes",
            known_to_pmi="no",
            heard_via="street",
            commune="93045",
            note="secret note",
        ),
        VisitDraft(
            arrived_at=monday + timedelta(days=1, hours=2),
            mothers=1,
            pregnant=1,
            languages=("ta", "fr"),
            interpreter_needed=True,
            family_id=family.id,
            commune="93055",
            reasons=("pregnancy",),
        ),
        VisitDraft(
            arrived_at=monday + timedelta(days=6, hours=14, minutes=29),
            fathers=1,
            children_24_35m=2,
            commune="paris",
            family_id=family.id,
        ),
        # Monday 00:00 of the next week: not in this file.
        VisitDraft(arrived_at=datetime(2026, 11, 16, 0, 0, tzinfo=PARIS), mothers=1),
    ]
    for draft in drafts:
        checkins.record(draft, 1)
    return desk


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def members_of(sealed: bytes, secret: str) -> dict[str, bytes]:
    clear = crypto.decrypt(sealed, secret)
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def export(desk, out: Path):  # type: ignore[no-untyped-def]
    return WeeklyExporter(desk.factory, desk.site, "0.1.0").export(
        *WEEK, out, desk.site.coordination_recipients
    )


@pytest.mark.skipif(AGE is None, reason="the age tool is installed by .ci/run")
def test_the_standard_age_tool_decrypts_the_export(week_desk, identity, out: Path) -> None:  # type: ignore[no-untyped-def]
    record = export(week_desk, out)
    assert record.path.name == "cabane_lilas_2026-S46.age"
    assert [p.name for p in out.iterdir()] == [record.path.name]  # no temporary left
    key_file = out.parent / "identity.txt"
    key_file.write_text(identity[0] + "\n")
    clear = subprocess.run(
        [AGE, "-d", "-i", str(key_file), str(record.path)], capture_output=True, check=True
    ).stdout
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read(MANIFEST))
        indicators = json.loads(archive.read("indicators.json"))
        visits = list(csv.DictReader(io.StringIO(archive.read("visits.csv").decode())))
        for name, digest in manifest["sha256"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    assert names == {
        MANIFEST,
        "manifest.sig",
        "indicators.json",
        "visits.csv",
        "orientations.csv",
        "referrals.csv",
        "sessions.csv",
        "outreach.csv",
        "surveys.json",  # issue 18: counts per questionnaire, question and choice
    }
    assert manifest["format"] == FORMAT and manifest["revision"] == 1
    assert (manifest["iso_year"], manifest["iso_week"]) == WEEK
    assert manifest["site"]["code"] == "lilas" and manifest["site"]["name"] == "Cabane des Lilas"
    assert manifest["site"]["created_at"].startswith("2023-01-02")
    assert manifest["row_counts"]["visits"] == 3
    # The counts of indicators.json equal a recount from visits.csv.
    recount = recount_from_visit_rows(visits)
    for key, value in recount.items():
        assert indicators[key] == value, key
    assert indicators["visits"] == 3 and indicators["families_identified"] == 1
    assert indicators["visits_by_language"]["ta"] == 1
    assert indicators["visits_by_language"]["fr"] == 3
    assert record.sha256 == hashlib.sha256(record.path.read_bytes()).hexdigest()


def test_no_name_phone_note_or_card_code_leaves_the_site(week_desk, identity, tmp_path) -> None:  # type: ignore[no-untyped-def]
    record = export(week_desk, tmp_path)
    sealed = record.path.read_bytes()
    everything = b"".join(members_of(sealed, identity[0]).values())
    family = FamilyService(week_desk.factory, week_desk.site.id).search("Lina")[0]
    for secret in (
        b"Lina",
        b"0612345678",
        b"secret note",
        family.card_code.encode(),
        family.id.encode(),
    ):
        assert secret not in everything
    assert b"Lina" not in sealed  # and of course nothing in clear in the file


def test_exporting_again_writes_a_higher_revision(week_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = export(week_desk, tmp_path)
    second = export(week_desk, tmp_path)
    assert (first.revision, second.revision) == (1, 2)
    history = WeeklyExporter(week_desk.factory, week_desk.site, "0.1.0").history()
    assert [h.revision for h in history][:2] in ([2, 1], [1, 2])
    assert {h.sha256 for h in history} == {first.sha256, second.sha256}


def test_export_needs_a_coordination_key(desk, out: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ExportError, match="no_recipient"):
        WeeklyExporter(desk.factory, desk.site, "0.1.0").export(*WEEK, out, ())
    assert list(out.iterdir()) == []


@pytest.fixture(params=ENGINES)
def coordination(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The coordination's store, on SQLCipher and on PostgreSQL (issue 17)."""
    with coordination_factory(request, tmp_path) as factory:
        yield CoordinationStore(factory)


def test_import_is_idempotent_and_keeps_the_highest_revision(
    week_desk,
    identity,
    coordination,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    out1, out2 = tmp_path / "r1", tmp_path / "r2"
    out1.mkdir()
    out2.mkdir()
    first = export(week_desk, out1).path
    CheckInService(week_desk.factory, week_desk.site.id).record(
        VisitDraft(arrived_at=datetime(2026, 11, 12, 10, tzinfo=PARIS), mothers=2), 1
    )
    second = export(week_desk, out2).path
    ids = [identity[0]]
    assert coordination.import_paths([first], ids, TRUST)[0].status == "imported"
    assert coordination.import_paths([first], ids, TRUST)[0].status == "unchanged"
    assert len(coordination.weeks()) == 1
    assert coordination.import_paths([second], ids, TRUST)[0].status == "replaced"
    outcome = coordination.import_paths([first], ids, TRUST)[0]
    assert (outcome.status, outcome.code) == ("refused", "older_revision")
    weeks = coordination.weeks()
    assert len(weeks) == 1 and weeks[0].revision == 2 and weeks[0].figure("visits") == 4


def test_broken_or_foreign_files_are_refused_whole(
    week_desk,
    identity,
    coordination,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    sealed = export(week_desk, tmp_path).path.read_bytes()
    ids = [identity[0]]
    _other_secret, other_public = crypto.new_identity()
    clear = crypto.decrypt(sealed, identity[0])

    def rezip(change: dict[str, bytes]) -> bytes:
        with zipfile.ZipFile(io.BytesIO(clear)) as archive:
            members = {n: archive.read(n) for n in archive.namelist()}
        members.update(change)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return crypto.encrypt(buffer.getvalue(), [identity[1]])

    manifest = json.loads(zipfile.ZipFile(io.BytesIO(clear)).read(MANIFEST))
    foreign = dict(manifest, format="autre-chose")
    cases = {
        "wrong_key": crypto.encrypt(clear, [other_public]),
        "not_age": b"PK\x03\x04 not encrypted at all",
        "damaged": sealed[: len(sealed) // 2],
        "tampered": sealed[:-40] + bytes([sealed[-40] ^ 0x55]) + sealed[-39:],
        "not_zip": crypto.encrypt(b"hello", [identity[1]]),
        "unknown_format": rezip({MANIFEST: json.dumps(foreign).encode()}),
        "bad_checksum": rezip({"visits.csv": b"visit_id\r\nforged\r\n"}),
    }
    expected = {"tampered": "damaged", "not_zip": "damaged"}
    for name, data in cases.items():
        outcome = coordination.import_data(data, ids, name, TRUST)
        assert outcome.status == "refused", name
        assert outcome.code == expected.get(name, name), name
    assert coordination.weeks() == []  # nothing of any refused file was stored


def test_published_report_masks_counts_of_one_to_four(
    week_desk,
    identity,
    coordination,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    coordination.import_paths([export(week_desk, tmp_path).path], [identity[0]], TRUST)
    weeks = coordination.weeks()
    internal = report_csv(weeks, publication=False).decode("utf-8-sig")
    published = report_csv(weeks, publication=True).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(internal), delimiter=";"))
    header, row = rows[0], rows[1]
    assert header[:3] == ["Cabane", "Semaine", "Passages"]  # French, as in the window
    assert row[header.index("Passages")] == "3"
    public_row = list(csv.reader(io.StringIO(published), delimiter=";"))[1]
    assert public_row[header.index("Passages")] == "<5"
    assert public_row[header.index("Femmes enceintes")] == "<5"
    assert public_row[header.index("Professionnel·les")] == "0"


def test_file_name_follows_the_exchange_format() -> None:
    assert file_name("lilas", 2026, 48) == "cabane_lilas_2026-S48.age"
    assert file_name("stains", 2027, 1) == "cabane_stains_2027-S01.age"


def test_building_a_week_does_not_depend_on_the_clock(week_desk) -> None:  # type: ignore[no-untyped-def]
    moment = datetime(2026, 11, 20, 12, tzinfo=PARIS)
    a = build_weekly_zip(week_desk.factory, week_desk.site, *WEEK, 1, "0.1.0", moment)
    b = build_weekly_zip(week_desk.factory, week_desk.site, *WEEK, 1, "0.1.0", moment)
    assert zipfile.ZipFile(io.BytesIO(a)).read("visits.csv") == zipfile.ZipFile(io.BytesIO(b)).read(
        "visits.csv"
    )


def test_a_check_in_saved_during_an_export_is_in_every_part_or_in_none(
    week_desk, identity, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The desk goes on while the file is built: a visit with an orientation is saved
    between the reading of visits.csv and of orientations.csv. The file is one snapshot."""
    import models.exchange.exchange as exchange
    from models.orientations.orientations import OrientationRequest

    checkins = CheckInService(week_desk.factory, week_desk.site.id)
    read_follow_up = exchange._follow_up_rows
    saved: list[str] = []

    def with_a_check_in_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        saved.append(
            checkins.record(
                VisitDraft(arrived_at=datetime(2026, 11, 12, 10, 0, tzinfo=PARIS), mothers=1),
                None,
                [OrientationRequest("vaccination", None)],
            )
        )
        return read_follow_up(*args, **kwargs)

    monkeypatch.setattr(exchange, "_follow_up_rows", with_a_check_in_meanwhile)
    data = build_weekly_zip(week_desk.factory, week_desk.site, *WEEK, 1, "test")
    assert saved  # the writer did write while the file was being built
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        visits = list(csv.DictReader(io.StringIO(archive.read("visits.csv").decode())))
        orientations = list(csv.DictReader(io.StringIO(archive.read("orientations.csv").decode())))
        indicators = json.loads(archive.read("indicators.json"))
        manifest = json.loads(archive.read(MANIFEST))
    visit_ids = {row["visit_id"] for row in visits}
    assert saved[0] not in visit_ids  # saved after the snapshot: in no part
    assert {row["visit_id"] for row in orientations} <= visit_ids
    assert sum(indicators["orientations_by_service"].values()) == len(orientations)
    assert indicators["visits"] == len(visits) == manifest["row_counts"]["visits"]
    assert manifest["row_counts"]["orientations"] == len(orientations)


def test_what_leaves_is_minimised(desk) -> None:  # type: ignore[no-untyped-def]
    """Arrival times to the quarter hour; a family's reference stable within a calendar
    year, different from one year to the next (DESIGN.md §6, minimised)."""
    from models.desk.sites import current_site

    family = FamilyService(desk.factory, desk.site.id).create("Maman de Lina", "", True, 1)
    checkins = CheckInService(desk.factory, desk.site.id)
    days = (
        datetime(2025, 11, 12, 10, 7, tzinfo=PARIS),
        datetime(2026, 11, 11, 10, 7, tzinfo=PARIS),
        datetime(2026, 11, 18, 16, 59, tzinfo=PARIS),
    )
    for day in days:
        checkins.record(VisitDraft(arrived_at=day, mothers=1, family_id=family.id), 1)
    site = current_site(desk.factory)
    refs, times = [], []
    for day in days:
        iso = day.isocalendar()
        clear = build_weekly_zip(desk.factory, site, iso.year, iso.week, 1, "test")
        with zipfile.ZipFile(io.BytesIO(clear)) as archive:
            text = archive.read("visits.csv").decode()
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 1
        refs.append(rows[0]["family_ref"])
        times.append(datetime.fromisoformat(rows[0]["arrived_at"]).astimezone(PARIS))
    assert [(t.hour, t.minute) for t in times] == [(10, 0), (10, 0), (16, 45)]
    assert refs[1] == refs[2] and refs[0] != refs[1] and all(refs)
