"""``cabane survey``: the templates and the cabane's questionnaires listed, a paper version
written, the results as XLSX and CSV with only the free texts marked publishable."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from models.store.base import utc_now
from models.surveys.results import Filters
from models.surveys.surveys import SurveyBook
from tests.conftest import run_cabane
from tests.support.pdf import pdftotext, reader

ARABIC_LETTER = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
SECRET = "Mon voisin Karim Benali au 06 12 34 56 78"  # never published
KIND_WORD = "Merci pour le goûter partagé"  # a référente marked it publishable
USEFUL = "Avez-vous appris quelque chose d'utile ?"


@pytest.fixture
def answered(desk: Any) -> str:
    """« Après l'atelier » answered three times: one free text kept private, one published."""
    book = SurveyBook(desk.factory, desk.site.id)
    survey = book.from_template("after_workshop")
    book.record(survey.version_id, {"felt": "5", "useful": "yes", "word": SECRET}, "fr", "kiosk")
    book.record(survey.version_id, {"felt": "4", "useful": "yes", "word": KIND_WORD}, "ar", "typed")
    book.record(survey.version_id, {"felt": "2", "useful": "no"}, "fr", "typed")
    start, end = utc_now() - timedelta(days=1), utc_now() + timedelta(days=1)
    results = book.results(survey.id, Filters(start, end))
    word = next(result for result in results.questions if result.key == "word")
    published = next(text for text in word.texts if text.text == KIND_WORD)
    from models.desk.sites import StaffDirectory

    referent = StaffDirectory(desk.factory, desk.site.id).active()[0].id
    book.set_published(published.answer_id, True, referent)
    return survey.id


def test_templates_lists_the_templates_and_the_cabanes_own(
    desk: Any, data_dir: Path, answered: str
) -> None:
    result = run_cabane("survey", "templates", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    for words in ("needs", "Vos besoins", "8 questions", "after_workshop", "idea_box"):
        assert words in result.stdout
    assert answered in result.stdout
    assert "Après l'atelier (version 1, 3 feuilles de réponses)" in result.stdout


def test_print_writes_the_paper_version(desk: Any, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "besoins.pdf"
    result = run_cabane(
        "survey", "print", "needs", "--lang", "fr,ar", "--out", str(out), data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    assert "Version papier écrite" in result.stdout
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF") and len(reader(pdf).pages) >= 2
    text = pdftotext(pdf, tmp_path)
    assert "Vos besoins" in text and ARABIC_LETTER.search(text)
    assert "Your needs" not in text
    assert desk.site.name in text.replace("\n", " ")


def test_print_a_questionnaire_of_the_cabane(data_dir: Path, answered: str, tmp_path: Path) -> None:
    out = tmp_path / "atelier.pdf"
    result = run_cabane("survey", "print", answered[:8], "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    text = pdftotext(out.read_bytes(), tmp_path)
    assert "After the workshop" in text  # every language of the questionnaire by default


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("print", "needs", "--lang", "fr,ta", "--out", "x.pdf"), "langue refusée : ta (tamoul)"),
        (("print", "wishes", "--out", "x.pdf"), "questionnaire « wishes » inconnu"),
        (("print", "needs", "--out", "x.docx"), "en .pdf"),
        (("results", "needs", "--out", "r.ods"), "en .xlsx ou en .csv"),
        (("results", "0000000000", "--out", "r.xlsx"), "inconnu"),
        (("results", "needs", "--out", "r.xlsx", "--from", "2026-13-01"), "AAAA-MM-JJ"),
    ],
)
def test_refusals_are_said_in_french(
    desk: Any, data_dir: Path, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    moved = [str(tmp_path / arg) if arg.startswith(("x.", "r.")) else arg for arg in args]
    result = run_cabane("survey", *moved, data_dir=data_dir)
    assert result.returncode == 2, result.stdout
    assert said in result.stderr
    assert result.stderr.startswith("Erreur : ")
    assert not list(tmp_path.glob("[xr].*"))


def test_an_unwritable_path_is_said(data_dir: Path, answered: str, tmp_path: Path) -> None:
    out = tmp_path / "absent" / "r.xlsx"
    result = run_cabane("survey", "results", answered, "--out", str(out), data_dir=data_dir)
    assert result.returncode == 1
    assert "impossible d'écrire" in result.stderr


def rows_of(sheet: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_results_as_xlsx_count_and_keep_private_texts_out(
    data_dir: Path, answered: str, tmp_path: Path
) -> None:
    out = tmp_path / "resultats.xlsx"
    result = run_cabane("survey", "results", answered, "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Résultats", "Textes publiés"]
    rows = rows_of(workbook["Résultats"])
    assert rows[0][0] == "Après l'atelier"
    assert any("3 feuilles de réponses" in str(row[0]) for row in rows[:4])
    counts = {(row[0], row[1]): (row[2], row[3]) for row in rows if row[0] == USEFUL}
    assert counts[(USEFUL, "Oui")] == (2, pytest.approx(66.7))
    assert counts[(USEFUL, "Non")] == (1, pytest.approx(33.3))
    felt = {row[1]: row[2] for row in rows if row[0] == "Comment s'est passé l'atelier pour vous ?"}
    assert felt["Très bien"] == 1 and felt["Bien"] == 1 and felt["Pas vraiment"] == 1
    texts = [row[3] for row in rows_of(workbook["Textes publiés"])]
    assert KIND_WORD in texts
    cells = [str(value) for sheet in workbook for row in rows_of(sheet) for value in row]
    assert not any("Karim" in cell for cell in cells)
    assert b"Karim" not in out.read_bytes()


def test_results_as_csv_for_a_french_spreadsheet(
    data_dir: Path, answered: str, tmp_path: Path
) -> None:
    out = tmp_path / "resultats.csv"
    result = run_cabane("survey", "results", answered, "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert "Karim" not in text and KIND_WORD not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Question", "Réponse", "Nombre", "Part (%)"]
    assert [USEFUL, "Oui", "2", "66,7"] in rows
    assert [USEFUL, "Non", "1", "33,3"] in rows


def test_results_of_a_period_without_answers(data_dir: Path, answered: str, tmp_path: Path) -> None:
    out = tmp_path / "resultats.xlsx"
    result = run_cabane(
        "survey", "results", "after_workshop", "--out", str(out),
        "--from", "2024-01-01", "--to", "2024-12-31", data_dir=data_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = rows_of(load_workbook(out)["Résultats"])
    assert rows[1][0] == "Période : du 1er janvier au 31 décembre 2024"
    assert any("0 feuille de réponses" in str(row[0]) for row in rows[:4])
    assert all(row[2] in (0, None, "Nombre") for row in rows[4:])


def test_help_names_survey(data_dir: Path) -> None:
    result = run_cabane("survey", "--help", data_dir=data_dir)
    assert result.returncode == 0
    for action in ("templates", "print", "results"):
        assert action in result.stdout
    assert "survey" in run_cabane("--help", data_dir=data_dir).stdout
