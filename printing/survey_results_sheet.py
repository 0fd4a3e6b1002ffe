"""A questionnaire's results as a spreadsheet: XLSX (openpyxl) or CSV for a French
spreadsheet (UTF-8 with a byte order mark, « ; » between cells, as the coordination's
report). Counts and shares only; the free texts a référente marked publishable go to
their own sheet of the XLSX, and no other free text is ever written."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from models.figures.french import counted, french_date
from models.store.cells import safe_cell

if TYPE_CHECKING:
    from models.surveys.results import QuestionResult, SurveyResults

HEADINGS = ("Question", "Réponse", "Nombre", "Part (%)")
TEXT_HEADINGS = ("Question", "Jour", "Langue", "Texte")
ANSWERED = "(personnes ayant répondu)"
WRITTEN = "(textes écrits)"
PUBLISHED_NOTE = (
    "Seuls les textes qu'une référente a relus et marqués publiables (ils ne nomment "
    "personne) figurent ici."
)


def _share(result: QuestionResult, count: int) -> float:
    return round(100 * result.share(count), 1)


def result_rows(results: SurveyResults) -> list[tuple[str, str, int, float | str]]:
    """Question, answer, count, share in % of those who answered the question: first the
    number who answered, then one line per choice (a free text only says how many)."""
    rows: list[tuple[str, str, int, float | str]] = []
    for result in results.questions:
        rows.append((result.text, ANSWERED, result.answered, ""))
        if result.kind == "text":
            rows.append((result.text, WRITTEN, len(result.texts), ""))
            continue
        for choice in result.choices:
            rows.append((result.text, choice.label, choice.count, _share(result, choice.count)))
    return rows


def _header(results: SurveyResults, period: str) -> list[str]:
    sheets = counted(results.responses, "feuille de réponses", "feuilles de réponses")
    said = [f"Période : {period}"] if period else []
    return [results.title, *said, f"Questionnaires remplis : {sheets}"]


def _text_row(sheet: Worksheet, values: Sequence[object], bold: bool = False) -> None:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula, whatever it begins with
        if bold:
            cell.font = Font(bold=True)


def results_xlsx(results: SurveyResults, period: str = "") -> bytes:
    """The workbook: « Résultats » (the counts) and « Textes publiés » (only the free
    texts marked publishable). ``period`` is said in French (« du 1er au 31 mars 2026 »),
    or left out."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Résultats"
    for index, line in enumerate(_header(results, period)):
        _text_row(sheet, [line], bold=index == 0)
    sheet.append([])
    _text_row(sheet, HEADINGS, bold=True)
    for question, answer, count, share in result_rows(results):
        _text_row(sheet, [question, answer, count, share])
    sheet.freeze_panes = sheet.cell(row=len(_header(results, period)) + 3, column=1)
    for column, width in zip("ABCD", (48, 36, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width

    texts = workbook.create_sheet("Textes publiés")
    _text_row(texts, [results.title], bold=True)
    _text_row(texts, [PUBLISHED_NOTE])
    texts.append([])
    _text_row(texts, TEXT_HEADINGS, bold=True)
    for result in results.questions:
        for text in result.texts:
            if text.published:
                _text_row(texts, [result.text, french_date(text.day), text.language, text.text])
    for column, width in zip("ABCD", (40, 26, 8, 80), strict=True):
        texts.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def results_csv(results: SurveyResults) -> bytes:
    """The counts as CSV (question, answer, count, share in %), no free text at all."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")  # opens in French Excel
    writer.writerow(HEADINGS)
    for question, answer, count, share in result_rows(results):
        shown = str(share).replace(".", ",") if isinstance(share, float) else share
        writer.writerow([safe_cell(question), safe_cell(answer), count, shown])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
