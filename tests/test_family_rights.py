"""A known family's rights: everything stored about it (on screen and as a PDF to hand
over), correction, objection (no longer linked) and erasure; every count is kept, and the
audit journal names the act, never the family's label or phone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.desk.checkin import CheckInService, VisitDraft
from models.desk.families import FamilyError, FamilyService
from models.desk.family_rights import FamilyRights
from models.figures.indicators import weekly_indicators
from models.orientations.orientations import OrientationRequest, ReferralRequest
from models.orientations.partners import PartnerDirectory, PmiCentres
from models.store.base import PARIS
from models.store.entities import AuditEvent, Family, Visit
from printing.family_record import build_family_record
from tests.support.pdf import pdftotext

MONDAY = datetime(2026, 11, 16, 10, 0, tzinfo=PARIS)
WEEK = (2026, 47)


@pytest.fixture
def family(desk):  # type: ignore[no-untyped-def]
    """« Maman de Lina »: two visits, an orientation with an appointment, a referral."""
    summary = FamilyService(desk.factory, desk.site.id).create(
        "Maman de Lina", "06 12 34 56 78", True, 1
    )
    checkins = CheckInService(desk.factory, desk.site.id)
    centre = PmiCentres(desk.factory).all()[0].id
    partner = PartnerDirectory(desk.factory).search()[0].id
    checkins.record(
        VisitDraft(
            arrived_at=MONDAY,
            mothers=1,
            children_0_5m=1,
            family_id=summary.id,
            note="a demandé les horaires",
            reasons=("breastfeeding",),
        ),
        1,
        [
            OrientationRequest(
                "postnatal_consultation", centre, "appointment", MONDAY.replace(day=20)
            ),
            ReferralRequest(partner, "family_benefits"),
        ],
    )
    checkins.record(
        VisitDraft(arrived_at=MONDAY.replace(hour=15), mothers=1, family_id=summary.id), 1
    )
    checkins.record(VisitDraft(arrived_at=MONDAY.replace(hour=16), fathers=1), 1)
    return summary


def test_access_shows_everything_and_prints_it(desk, family, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rights = FamilyRights(desk.factory, desk.site.id)
    assert rights.find(family.card_code.lower().replace("-", "")) == family.id
    record = rights.record(family.id, 1)
    assert record.label == "Maman de Lina" and record.consent_by == "Awa"
    assert len(record.visits) == 2 and record.visits[0].note == "a demandé les horaires"
    assert [o.status for o in record.orientations] == ["appointment"]
    assert [r.theme for r in record.referrals] == ["family_benefits"]
    pdf = build_family_record(record, desk.site.name, MONDAY.date())
    (tmp_path / "fiche.pdf").write_bytes(pdf)
    text = pdftotext(pdf, tmp_path)
    for expected in (
        "Vos données à la cabane",
        "Maman de Lina",
        "06 12 34 56 78",
        family.card_code,
        "16/11/2026 10:00",
        "a demandé les horaires",
        "Vos droits",
        "24 mois",
    ):
        assert expected in text, expected


def test_correcting_the_record(desk, family) -> None:  # type: ignore[no-untyped-def]
    rights = FamilyRights(desk.factory, desk.site.id)
    rights.correct(family.id, "Maman de Lina et Adam", "", 1)
    record = rights.record(family.id)
    assert (record.label, record.phone) == ("Maman de Lina et Adam", "")
    with pytest.raises(FamilyError):
        rights.correct(family.id, "", "", 1)


@pytest.mark.parametrize("act", ["stop_linking", "erase"])
def test_objection_and_erasure_keep_every_count(desk, family, act: str) -> None:  # type: ignore[no-untyped-def]
    before = weekly_indicators(desk.factory, desk.site.id, *WEEK)
    rights = FamilyRights(desk.factory, desk.site.id)
    assert getattr(rights, act)(family.id, 1) == 2
    assert weekly_indicators(desk.factory, desk.site.id, *WEEK) == before
    with desk.factory() as session:
        assert session.get(Family, family.id) is None
        assert session.scalar(select(func.count()).select_from(Visit)) == 3
        notes = set(session.scalars(select(Visit.note)))
        actions = session.scalars(select(AuditEvent.action)).all()
        details = " ".join(
            f"{e.entity} {e.entity_id} {e.detail}" for e in session.scalars(select(AuditEvent))
        )
    assert ("a demandé les horaires" in notes) == (act == "stop_linking")
    assert {"stop_linking": "family.unlink", "erase": "family.erase"}[act] in actions
    assert "Lina" not in details and "06 12" not in details
    with pytest.raises(FamilyError):
        rights.record(family.id)


def test_from_the_desk_the_family_sees_corrects_and_erases(
    qtbot, window, services, desk, family, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from tests.test_setup_gui import when_modal
    from ui.desk.family_data import FamilyDataDialog

    picker = window.panel.family
    picker.set_family(family)
    assert picker.data_button.isVisibleTo(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    seen: dict[str, str] = {}
    ines = services.staff.add("Inès", "accueil", 1).id

    def steps(dialog: FamilyDataDialog) -> None:
        seen["text"] = dialog.text.text()
        dialog.label_edit.clear()
        qtbot.keyClicks(dialog.label_edit, "Maman de Lina et Adam")
        qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
        seen["corrected"] = dialog.text.text()
        dialog.staff_id = ines  # an accueillante cannot erase
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
        seen["refused"] = dialog.error.text()
        dialog.staff_id = 1  # the référente can
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    failures = when_modal(qtbot, FamilyDataDialog, steps)
    qtbot.mouseClick(picker.data_button, Qt.MouseButton.LeftButton)
    assert failures == []
    assert "Maman de Lina" in seen["text"] and "a demandé les horaires" in seen["text"]
    assert "Maman de Lina et Adam" in seen["corrected"]
    assert "réservé à la référente" in seen["refused"]
    assert picker.family is None  # erased: the desk no longer shows it
    assert FamilyRights(desk.factory, desk.site.id).find(family.card_code) is None


def test_the_command_line_shows_exports_and_erases(desk, family, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run_cabane

    folder = desk.folder
    desk.close()
    shown = run_cabane("family", "show", family.card_code.lower(), data_dir=folder)
    assert shown.returncode == 0, shown.stderr
    assert "Maman de Lina" in shown.stdout and "Passages (2)" in shown.stdout
    out = tmp_path / "famille.pdf"
    exported = run_cabane("family", "export", family.card_code, "--out", str(out), data_dir=folder)
    assert exported.returncode == 0 and "Maman de Lina" in pdftotext(out.read_bytes(), tmp_path)
    erased = run_cabane("family", "erase", family.card_code, data_dir=folder)
    assert erased.returncode == 0 and "sans lien ni note : 2 passages." in erased.stdout
    again = run_cabane("family", "show", family.card_code, data_dir=folder)
    assert again.returncode == 1 and "aucune famille connue" in again.stderr
