"""The consolidated report as an XLSX workbook (openpyxl): plain rows in, file bytes out."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def report_xlsx(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], note: str
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it begins with
    sheet.freeze_panes = "C2"
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(28, len(name) + 2))
    notes = workbook.create_sheet("Notes")
    notes.append([note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


REPORT_NOTES = {
    True: "Effectifs de 1 à 4 masqués (« <5 »).",
    False: "Effectifs exacts : document interne à la coordination, ne pas publier.",
}


def coordination_report_xlsx(
    headings: Sequence[str], rows: Sequence[Sequence[object]], publication: bool
) -> bytes:
    """The consolidated report, the same from the window and from ``cabane coordination``
    (``models.exchange.coordination.report_headings`` and ``report_rows`` give its content)."""
    return report_xlsx("Cabanes", headings, rows, REPORT_NOTES[publication])
