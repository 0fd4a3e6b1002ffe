"""The preview-and-print window: page count, save, print to a PDF file read back, close."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from models.orientations.slips import PlaceContact, ReferralSlip
from printing.referral_slip import build_referral_slips
from ui.widgets.pdf_preview import (
    PdfError,
    PdfPreviewDialog,
    load_pdf,
    match_printer_to_document,
    print_pdf,
)

LEFT = Qt.MouseButton.LeftButton


def slips(count: int) -> list[ReferralSlip]:
    cabane = PlaceContact(name="Cabane des Lilas", address="Cité des Sentes, 93260 Les Lilas")
    partner = PlaceContact(name="CPAM – Sécurité sociale", phone="36 46")
    return [
        ReferralSlip(partner=partner, theme="Avoir une carte Vitale", cabane=cabane, issued_on=d)
        for d in [date(2026, 12, 31)] * count
    ]


@pytest.fixture(scope="module")
def two_pages() -> bytes:
    return build_referral_slips(slips(3), "a5x2")


@pytest.fixture(scope="module")
def one_page() -> bytes:
    return build_referral_slips(slips(1), "a6")


@pytest.fixture
def dialog(qtbot, two_pages: bytes) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    opened = PdfPreviewDialog(two_pages, "Fiches d'orientation", "fiches-orientation.pdf")
    qtbot.addWidget(opened)

    def no_real_dialog(*_args: object) -> None:
        raise AssertionError("a test opened a real dialog")

    opened.ask_save_path = no_real_dialog
    opened.ask_printer = no_real_dialog
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_count(path: Path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_dialog_shows_every_page_and_says_how_many(dialog: PdfPreviewDialog) -> None:
    assert dialog.windowTitle() == "Fiches d'orientation"
    assert dialog.page_count.text() == "2 pages"
    assert dialog.document.pageCount() == 2
    assert dialog.view.document() is dialog.document
    assert dialog.view.pageMode().name == "MultiPage"
    assert dialog.view.zoomMode().name == "FitToWidth"


def test_a_one_page_document_says_one_page(qtbot, one_page: bytes) -> None:  # type: ignore[no-untyped-def]
    opened = PdfPreviewDialog(one_page, "Fiche d'orientation", "fiche.pdf")
    qtbot.addWidget(opened)
    assert opened.page_count.text() == "1 page"


def test_save_writes_the_same_bytes_where_asked(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: PdfPreviewDialog,
    two_pages: bytes,
    tmp_path: Path,
) -> None:
    asked: list[str] = []

    def ask(suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "fiches")  # typed without the extension

    dialog.ask_save_path = ask
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    target = tmp_path / "fiches.pdf"
    assert asked == ["fiches-orientation.pdf"]
    assert saved.args == [str(target)]
    assert target.read_bytes() == two_pages
    assert [path.name for path in tmp_path.iterdir()] == ["fiches.pdf"]  # no temporary left
    assert "fiches.pdf" in dialog.status.text()


def test_cancelling_the_save_writes_nothing(dialog: PdfPreviewDialog, tmp_path: Path) -> None:
    dialog.ask_save_path = lambda _suggested: None
    dialog.save_button.click()
    assert not dialog.busy()
    assert not dialog.status.isVisible()
    assert list(tmp_path.iterdir()) == []


def test_a_refused_save_says_what_to_do(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: PdfPreviewDialog,
    tmp_path: Path,
) -> None:
    dialog.ask_save_path = lambda _suggested: str(tmp_path / "absent" / "fiches.pdf")
    with qtbot.waitSignal(dialog.failed, timeout=5000) as failed:
        dialog.save_button.click()
    assert "autre emplacement" in failed.args[0]
    assert dialog.status.text() == failed.args[0]
    assert dialog.save_button.isEnabled()


def test_print_sends_every_page_to_the_printer(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: PdfPreviewDialog,
    tmp_path: Path,
) -> None:
    output = tmp_path / "imprime.pdf"
    dialog.ask_printer = lambda: pdf_printer(output)
    with qtbot.waitSignal(dialog.printed, timeout=20000) as printed:
        qtbot.mouseClick(dialog.print_button, LEFT)
    assert printed.args == [2]
    assert page_count(output) == 2
    assert "2 pages" in dialog.status.text()
    assert dialog.print_button.isEnabled()


def test_cancelling_the_print_dialog_prints_nothing(dialog: PdfPreviewDialog) -> None:
    dialog.ask_printer = lambda: None
    dialog.print_button.click()
    assert not dialog.busy()
    assert dialog.print_button.isEnabled()


def test_close_closes(qtbot, dialog: PdfPreviewDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_escape_closes(qtbot, dialog: PdfPreviewDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_print_pdf_prints_without_the_dialog(qapp, two_pages: bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    output = tmp_path / "imprime.pdf"
    assert print_pdf(two_pages, pdf_printer(output)) == 2
    assert page_count(output) == 2
    text = PdfReader(str(output)).pages[0].extract_text()
    assert text == ""  # pages are printed as images, at the printer's resolution


def test_the_printer_is_offered_the_document_s_paper(
    qapp, one_page: bytes, two_pages: bytes
) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter()
    document, _buffer = load_pdf(one_page)
    match_printer_to_document(printer, document)
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A6
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait
    document, _buffer = load_pdf(two_pages)
    match_printer_to_document(printer, document)
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A5
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape


def test_bytes_that_are_not_a_pdf_are_refused(qapp) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PdfError):
        load_pdf(b"not a PDF")
