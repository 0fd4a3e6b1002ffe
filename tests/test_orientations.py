"""Orientation to PMI services, referrals to partners, the directory and its CSV files."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

import pytest

from models.desk.checkin import CheckInService, VisitDraft
from models.exchange import crypto
from models.exchange.exporter import WeeklyExporter
from models.figures.indicators import weekly_indicators
from models.orientations.orientations import OrientationError, OrientationService
from models.orientations.partners import PartnerData, PartnerDirectory, PartnerError, PmiCentres
from models.store.base import PARIS, paris_now

FRENCH_EXCEL = (
    "\ufeffNom;Type;Adresse;Commune;Téléphone;Courriel;Site web;Horaires;Langues;Contact;Notes\r\n"
    "Maison des femmes;Violences faites aux femmes (Maison des femmes, CIDFF);"
    "1 chemin du Moulin basset;Saint-Denis;01 42 35 61 28;;;Lundi–vendredi 9 h–17 h;"
    "Français, Arabe;Mme Bérénice;Accueil sans rendez-vous le mardi\r\n"
    "Épicerie solidaire « Le Panier »;Aide alimentaire;12 rue de l'Église;Bagnolet;;"
    "contact@panier.fr;;Mercredi 14 h;;;\r\n"
)


@pytest.fixture
def directory(desk) -> PartnerDirectory:  # type: ignore[no-untyped-def]
    return PartnerDirectory(desk.factory)


def test_a_new_cabane_starts_with_national_numbers_and_its_pmi_centre(desk, directory) -> None:  # type: ignore[no-untyped-def]
    names = [p.data.name for p in directory.search()]
    assert "CAF de la Seine-Saint-Denis" in names and len(names) == 5
    centres = PmiCentres(desk.factory).all()
    assert [c.name for c in centres] == ["Centre de PMI des Lilas"]


def test_french_excel_csv_imports_unchanged(directory: PartnerDirectory) -> None:
    report = directory.import_csv(FRENCH_EXCEL.encode("utf-8"))
    assert report.refused == [] and report.imported == 2
    women = directory.search("maison des femmes")[0].data
    assert women.partner_type == "violence_against_women"
    assert women.commune == "93066" and women.phone == "01 42 35 61 28"
    assert women.languages == ("fr", "ar") and women.contact_person == "Mme Bérénice"
    assert women.opening_hours == "Lundi–vendredi 9 h–17 h"
    shop = directory.search("panier")[0].data
    assert shop.name == "Épicerie solidaire « Le Panier »" and shop.address == "12 rue de l'Église"
    # Exported, then imported again into another directory: the same partners.
    exported = directory.export_csv()
    assert exported.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["nom", "type", "adresse"]
    assert any(r[0] == "Épicerie solidaire « Le Panier »" for r in rows)


def test_a_cp1252_comma_file_is_read_too(directory: PartnerDirectory) -> None:
    raw = 'nom,type,commune\r\nCrèche Les Petits Pas,"Mode d\'accueil (crèche, RPE)",Pantin\r\n'
    report = directory.import_csv(raw.encode("cp1252"))
    assert report.imported == 1, report.refused
    assert directory.search("petits pas")[0].data.commune == "93055"


def test_bad_lines_are_reported_and_good_ones_kept(directory: PartnerDirectory) -> None:
    raw = (
        "nom;type;commune;téléphone;courriel;langues\n"
        "Bon partenaire;CAF;Bondy;01 02 03 04 05;;\n"
        ";CAF;Bondy;;;\n"
        "Type inconnu;Garage;Bondy;;;\n"
        "Commune inconnue;CAF;Marseille;;;\n"
        "Mauvais courriel;CAF;Bondy;;pas-un-courriel;\n"
        "Langue inconnue;CAF;Bondy;;;klingon\n"
        "Second bon;LAEP;;;;anglais\n"
    )
    report = directory.import_csv(raw.encode())
    assert report.imported == 2
    assert report.refused == [
        (3, "name", "required"),
        (4, "partner_type", "unknown"),
        (5, "commune", "unknown"),
        (6, "email", "format"),
        (7, "languages", "unknown"),
    ]
    assert {p.data.name for p in directory.search("bon")} == {"Bon partenaire", "Second bon"}


def test_a_file_without_a_name_column_is_refused(directory: PartnerDirectory) -> None:
    report = directory.import_csv(b"foo;bar\n1;2\n")
    assert report.imported == 0 and report.refused == [(1, "nom", "missing_column")]


def test_edit_deactivate_and_search_as_you_type(directory: PartnerDirectory) -> None:
    created = directory.create(PartnerData("LAEP La Ribambelle", "laep", commune="93048"))
    with pytest.raises(PartnerError, match="phone"):
        directory.update(created.id, PartnerData("LAEP La Ribambelle", "laep", phone="abc"))
    directory.update(
        created.id,
        PartnerData("LAEP La Ribambelle", "laep", commune="93048", phone="01 48 00 00 00"),
    )
    assert [p.id for p in directory.search("ribam")] == [created.id]
    assert [p.id for p in directory.search("montreuil")] == [created.id]  # by commune
    directory.set_active(created.id, False)
    assert directory.search("ribam") == []
    assert directory.search("ribam", include_inactive=True)[0].active is False


@pytest.fixture
def visit(desk) -> str:  # type: ignore[no-untyped-def]
    return CheckInService(desk.factory, desk.site.id).record(
        VisitDraft(arrived_at=paris_now(), mothers=1, children_0_5m=1), 1
    )


def test_orient_refer_and_follow_up(desk, directory, visit: str) -> None:  # type: ignore[no-untyped-def]
    service = OrientationService(desk.factory, desk.site.id)
    centre = PmiCentres(desk.factory).all()[0]
    caf = directory.search("CAF")[0]
    appointment = datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    oid = service.orient(visit, "child_follow_up", centre.id, "appointment", appointment, 1)
    rid = service.refer(visit, caf.id, "family_benefits", staff_id=1)
    with pytest.raises(OrientationError):
        service.orient(visit, "epds_score", centre.id)  # never a screening
    with pytest.raises(OrientationError):
        service.refer(visit, caf.id, "family_benefits", status="lost")
    items = service.for_visit(visit)
    assert [(i.kind, i.what, i.status) for i in items] == [
        ("orientation", "child_follow_up", "appointment"),
        ("referral", "CAF de la Seine-Saint-Denis", "proposed"),
    ]
    assert items[0].appointment_at == appointment and items[0].detail == centre.name
    service.set_status("orientation", oid, "honoured", 1)
    assert [i.id for i in service.open_items()] == [rid]
    service.set_status("referral", rid, "done", 1)
    assert service.open_items() == []


def test_the_slip_has_the_partner_and_the_cabane_and_no_personal_data(
    desk, directory, visit
) -> None:  # type: ignore[no-untyped-def]
    partner = directory.create(
        PartnerData(
            "Maison des femmes",
            "violence_against_women",
            address="1 chemin du Moulin",
            commune="93066",
            phone="01 42 35 61 28",
            opening_hours="Lundi–vendredi",
            languages=("fr", "ar"),
        )
    )
    service = OrientationService(desk.factory, desk.site.id)
    rid = service.refer(visit, partner.id, "violence")
    slip = service.slip(rid)
    assert slip.partner.address == "1 chemin du Moulin, Saint-Denis"
    assert slip.partner.languages == ("français", "arabe")
    assert slip.theme == "Une adresse utile pour vous"  # violences: never said on the slip
    assert slip.cabane.name == "Cabane des Lilas" and slip.first_name == ""
    assert service.slip(rid, first_name=" Awa ").first_name == ""  # nor a name beside it
    caf = service.refer(visit, directory.search("caf")[0].id, "family_benefits")
    assert service.slip(caf, first_name=" Awa ").first_name == "Awa"
    service.mark_slip_printed(rid)
    assert next(i for i in service.for_visit(visit) if i.id == rid).slip_printed


def test_the_week_file_and_indicators_count_orientations_and_referrals(desk, directory) -> None:  # type: ignore[no-untyped-def]
    when = datetime(2026, 11, 10, 10, tzinfo=PARIS)
    checkins = CheckInService(desk.factory, desk.site.id)
    first = checkins.record(VisitDraft(arrived_at=when, mothers=1), 1)
    second = checkins.record(VisitDraft(arrived_at=when, fathers=1), 1)
    service = OrientationService(desk.factory, desk.site.id)
    centre = PmiCentres(desk.factory).all()[0].id
    service.orient(first, "vaccination", centre)
    service.orient(second, "vaccination", centre, "appointment")
    service.refer(first, directory.search("CAF")[0].id, "family_benefits")
    indicators = weekly_indicators(desk.factory, desk.site.id, 2026, 46)
    assert indicators.orientations_by_service == {"vaccination": 2}
    assert indicators.orientations_by_status == {"appointment": 1, "proposed": 1}
    assert indicators.referrals_by_partner_type == {"caf": 1}
    assert indicators.referrals_by_theme == {"family_benefits": 1}
    secret, public = crypto.new_identity()
    out = desk.folder / "out"
    out.mkdir()
    record = WeeklyExporter(desk.factory, desk.site, "t").export(2026, 46, out, (public,))
    clear = crypto.decrypt(record.path.read_bytes(), secret)
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        orientations = list(csv.DictReader(io.StringIO(archive.read("orientations.csv").decode())))
        referrals = archive.read("referrals.csv").decode()
    assert {row["service"] for row in orientations} == {"vaccination"}
    assert "caf,family_benefits" in referrals and "CAF de la" not in referrals


def test_deleting_a_visit_then_undoing_keeps_its_orientations(desk, directory, visit) -> None:  # type: ignore[no-untyped-def]
    service = OrientationService(desk.factory, desk.site.id)
    checkins = CheckInService(desk.factory, desk.site.id)
    service.orient(visit, "vaccination", None)
    kept = service.snapshot(visit)
    draft = checkins.delete(visit, 1)
    assert service.for_visit(visit) == []  # gone with the visit
    checkins.restore(visit, draft, 1, kept)  # one transaction: the visit and what it had
    assert [i.what for i in service.for_visit(visit)] == ["vaccination"]


def test_print_referral_slip_from_the_command_line(data_dir) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from tests.conftest import run_cabane

    assert (
        run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir).returncode == 0
    )
    out = data_dir / "fiche.pdf"
    result = run_cabane(
        "print",
        "referral-slip",
        "--partner",
        "caf",
        "--theme",
        "family_benefits",
        "--layout",
        "a5x2",
        "--out",
        str(out),
        data_dir=data_dir,
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "CAF de la Seine-Saint-Denis" in text and "Cabane des Lilas" in text
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A5 landscape
    unknown = run_cabane(
        "print",
        "referral-slip",
        "--partner",
        "caf",
        "--theme",
        "licorne",
        "--out",
        str(out),
        data_dir=data_dir,
    )
    assert unknown.returncode == 2 and "inconnu" in unknown.stderr


def test_importing_the_same_file_twice_does_not_double_the_directory(directory) -> None:  # type: ignore[no-untyped-def]
    first = directory.import_csv(FRENCH_EXCEL.encode("utf-8"))
    again = directory.import_csv(FRENCH_EXCEL.encode("utf-8"))
    assert first.imported == 2 and again.imported == 0
    assert again.refused == [(2, "name", "duplicate"), (3, "name", "duplicate")]
    assert len(directory.search("panier")) == 1
