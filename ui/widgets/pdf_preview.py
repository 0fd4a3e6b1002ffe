"""The one preview-and-print window of every document Cabane makes (slips, posters, sheets).

The PDF is shown with QtPdf, printed page by page as images at the printer's resolution, or
saved as it is. Every dialog goes through an ``ask_*`` attribute that tests replace; printing
and saving run off the UI thread (DESIGN.md §3). Import this module when a document is first
shown: QtPdf is not part of the start-up budget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.store.files import write_atomically
from ui.widgets.background import BackgroundOp, BusyGuard
from ui.widgets.palette import themed
from ui.widgets.screen import fit_on_screen
from ui.widgets.texts import ntr, tr

# Rendering an A3 poster at a 1200 dpi printer's resolution would need a 1 GB image; 300 dpi
# is what laser printers resolve for text and keeps a page under 70 MB.
MAX_RENDER_DPI = 300
POINTS_PER_INCH = 72.0

LOCAL_STYLE = themed(
    """
QPdfView { background: @preview_background; }
QLabel#success { color: @success; font-weight: bold; }
"""
)


class PdfError(Exception):
    """The bytes are not a PDF QtPdf can read, or the printer refused to start."""


def load_pdf(pdf_bytes: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A loaded document and the buffer it reads from: keep both alive together."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf_bytes))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PdfError(f"unreadable PDF: {document.error().name}")
    return document, buffer


def page_count_text(count: int) -> str:
    return ntr("%n page(s)", count)


def match_printer_to_document(printer: QPrinter, document: QPdfDocument) -> None:
    """Propose the document's own paper (A6, A5 landscape, A3…) in the print dialog."""
    size = document.pagePointSize(0)
    portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
    orientation = (
        QPageLayout.Orientation.Landscape
        if size.width() > size.height()
        else QPageLayout.Orientation.Portrait
    )
    page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    # No margins of our own: the documents carry theirs; the printer clips its hardware edge.
    printer.setPageLayout(
        QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    )


def print_pdf(pdf_bytes: bytes, printer: QPrinter) -> int:
    """Print every page on the configured printer; returns the number of pages printed.

    Each page is rendered to an image at the printer's resolution (at most MAX_RENDER_DPI) and
    drawn at its real size when the paper matches, fitted to the paper when it does not. Runs
    in a worker thread too: QPainter may paint on a QPrinter outside the UI thread.
    """
    document, buffer = load_pdf(pdf_bytes)
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PdfError("the printer did not start")
    pages = document.pageCount()
    try:
        for index in range(pages):
            if index and not printer.newPage():
                raise PdfError("the printer refused a new page")
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            # The painter's origin is the printable area's corner: draw relative to the paper's.
            origin = paper.topLeft() - printer.pageRect(QPrinter.Unit.DevicePixel).topLeft()
            painter.drawImage(
                _fitted(document.pagePointSize(index), QRectF(origin, paper.size())),
                _page_image(document, index, dpi),
            )
    finally:
        painter.end()
        document.close()
        buffer.close()
    return pages


def _page_image(document: QPdfDocument, index: int, dpi: float) -> QImage:
    points = document.pagePointSize(index)
    scale = dpi / POINTS_PER_INCH
    rendered = document.render(
        index, QSize(round(points.width() * scale), round(points.height() * scale))
    )
    # QtPdf leaves the paper transparent; printers and PDF writers want it opaque white.
    page = QImage(rendered.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return page


def _fitted(page: QSizeF, paper: QRectF) -> QRectF:
    """The largest rectangle of the page's proportions centred on the paper."""
    scale = min(paper.width() / page.width(), paper.height() / page.height())
    size = QSizeF(page.width() * scale, page.height() * scale)
    corner = paper.center() - QPointF(size.width() / 2, size.height() / 2)
    return QRectF(corner, size)


class PdfPreviewDialog(QDialog):
    """Shows a PDF; prints it, saves it, or closes."""

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # path of the file written
    failed = Signal(str)  # the French sentence shown

    def __init__(
        self, pdf_bytes: bytes, title: str, suggested_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.pdf_bytes = pdf_bytes
        self.suggested_name = suggested_name
        # Dialogs and threads, replaced in tests.
        self.ask_save_path: Callable[[str], str | None] = self._save_path_dialog
        self.ask_printer: Callable[[], QPrinter | None] = self._printer_dialog
        self._guard = BusyGuard()
        self.setWindowTitle(title)
        self.setStyleSheet(LOCAL_STYLE)
        # The buffer and the document are attributes: QPdfView reads the document lazily.
        self.document, self._buffer = load_pdf(pdf_bytes)
        self.document.setParent(self)
        self._buffer.setParent(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setAccessibleName(tr("Aperçu du document"))

        heading = QLabel(title)
        heading.setObjectName("panelTitle")
        self.page_count = QLabel(page_count_text(self.document.pageCount()))
        self.page_count.setObjectName("sectionTitle")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.page_count)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        self.print_button = self._button(tr("&Imprimer…"), "primaryAction", self.print_document)
        self.save_button = self._button(
            tr("&Enregistrer en PDF…"), "secondaryAction", self.save_document
        )
        self.close_button = self._button(tr("&Fermer"), "secondaryAction", self.reject)
        self.print_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_document)
        self._size_to_screen()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _size_to_screen(self) -> None:
        fit_on_screen(self, 820, 900)

    # ----- dialogs (replaced in tests)

    def _save_path_dialog(self, suggested_name: str) -> str | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder) / suggested_name) if folder else suggested_name
        name, _filter = QFileDialog.getSaveFileName(
            self, tr("Enregistrer en PDF"), start, tr("Document PDF (*.pdf)")
        )
        return name or None

    def _printer_dialog(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        match_printer_to_document(printer, self.document)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Imprimer"))
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    # ----- actions

    def busy(self) -> bool:
        return self._guard.busy

    def print_document(self) -> None:
        if not self.print_button.isEnabled():
            return
        printer = self.ask_printer()
        if printer is None:
            return
        self.print_button.setEnabled(False)
        self._show(tr("Impression en cours…"), ok=True)
        data = self.pdf_bytes

        def done(pages: int) -> None:
            self.print_button.setEnabled(True)
            self._show(
                tr("Envoyé à l'imprimante : {pages}.").format(pages=page_count_text(pages)),
                ok=True,
            )
            self.printed.emit(pages)

        def failed(_error: Exception) -> None:
            self.print_button.setEnabled(True)
            self._fail(
                tr(
                    "L'impression n'a pas pu se faire. Vérifiez que l'imprimante est allumée "
                    "et reliée, puis réessayez, ou enregistrez le document en PDF."
                )
            )

        # The closure keeps the printer alive until the worker is done with it.
        self._start(lambda: print_pdf(data, printer), done, failed)

    def save_document(self) -> None:
        if not self.save_button.isEnabled():
            return
        name = self.ask_save_path(self.suggested_name)
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(f"{path.name}.pdf")
        self.save_button.setEnabled(False)
        data = self.pdf_bytes

        def done(_none: object) -> None:
            self.save_button.setEnabled(True)
            self._show(tr("Document enregistré : {path}").format(path=path), ok=True)
            self.saved.emit(str(path))

        def failed(_error: Exception) -> None:
            self.save_button.setEnabled(True)
            self._fail(
                tr(
                    "Impossible d'enregistrer {path} (disque plein, clé retirée ou dossier "
                    "protégé). Choisissez un autre emplacement."
                ).format(path=path)
            )

        self._start(lambda: write_atomically(path, data), done, failed)

    def _start(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        BackgroundOp(self, work).guarded_by(self._guard).success(done).failure(failed).run()

    def _show(self, text: str, ok: bool) -> None:
        self.status.setObjectName("success" if ok else "fieldError")
        self.status.setText(text)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.show()

    def _fail(self, text: str) -> None:
        self._show(text, ok=False)
        self.failed.emit(text)


def preview_in_background(
    build: Callable[[], bytes],
    title: str,
    suggested_name: str,
    parent: QWidget | None,
    shown: Callable[[PdfPreviewDialog], None],
    failed: Callable[[str], None] | None = None,
) -> None:
    """Build a document off the UI thread (reportlab can take a few hundred ms the first
    time), then show it in the preview; ``shown`` receives the dialog to keep it alive."""

    def done(pdf: object) -> None:
        assert isinstance(pdf, bytes)
        dialog = PdfPreviewDialog(pdf, title, suggested_name, parent)
        shown(dialog)
        dialog.show()
        dialog.raise_()

    def went_wrong(_error: Exception) -> None:
        if failed is not None:
            failed(
                tr(
                    "Le document n'a pas pu être préparé. Réessayez ; si cela continue, "
                    "prévenez la coordination."
                )
            )

    BackgroundOp(parent, build).success(done).failure(went_wrong).run()
