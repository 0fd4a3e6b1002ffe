"""The paper questionnaire read back with pypdf and poppler's pdftotext: the questions in
French and Arabic, a tick box per choice, no question cut by a page, fonts embedded."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.units import mm

from models.surveys.definition import Definition, as_data, checked, phrase, pictograms
from models.surveys.surveys import template
from printing.survey_paper import survey_paper
from tests.support.pdf import font_dicts, has_font_file, pdftotext, reader

BASE_14 = {"Courier", "Helvetica", "Times-Roman", "Times", "Symbol", "ZapfDingbats"}
ARABIC_LETTER = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
TICK = 6 * mm
SITE = "Cabane des Lilas"


def flat(text: str) -> str:
    return "".join(text.replace("\u00a0", " ").split())


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    pages = len(reader(pdf).pages)
    return [flat(pdftotext(pdf, tmp_path, "-f", str(n), "-l", str(n))) for n in range(1, pages + 1)]


def content(pdf: bytes) -> list[str]:
    streams = [page.get_contents() for page in reader(pdf).pages]
    return [stream.get_data().decode("latin-1") for stream in streams if stream is not None]


def tick_boxes(pdf: bytes) -> int:
    """Squares of the tick box's side drawn on every page (``x y w h re``)."""
    number = r"(-?[\d.]+)"
    found = 0
    for stream in content(pdf):
        for match in re.finditer(rf"{number} {number} {number} {number} re", stream):
            width, height = float(match.group(3)), float(match.group(4))
            found += abs(width - TICK) < 0.2 and abs(height - TICK) < 0.2
    return found


def last_words(question: Any) -> str:
    """The French words that end a question's block: its last choice, else its text."""
    if question.choices:
        return str(question.choices[-1].text["fr"])
    return str(question.text["fr"])


@pytest.fixture(scope="module")
def needs_pdf() -> bytes:
    return survey_paper(template("needs"), ("fr", "ar"), SITE, 2)


def test_the_questions_read_back_in_french_and_arabic(needs_pdf: bytes, tmp_path: Path) -> None:
    text = pdftotext(needs_pdf, tmp_path)
    whole = flat(text)
    definition = template("needs")
    assert flat(definition.title["fr"]) in whole
    assert flat(phrase("anonymous", "fr")) in whole
    for question in definition.questions:
        assert flat(question.text["fr"]) in whole, question.key
        for choice in question.choices:
            assert flat(choice.text["fr"]) in whole, choice.code
    assert flat(phrase("text_warning", "fr")) in whole
    assert ARABIC_LETTER.search(text)
    names = [str(font["/BaseFont"]) for font in font_dicts(needs_pdf)]
    assert any("NotoSansArabic" in name for name in names)
    assert "Your needs" not in text  # English was not asked for


def test_a_tick_box_for_every_choice_and_face(tmp_path: Path) -> None:
    for code in ("needs", "after_workshop", "idea_box"):
        definition = template(code)
        expected = sum(
            5 if question.kind == "smiley" else len(question.choices)
            for question in definition.questions
        )
        assert tick_boxes(survey_paper(definition, ("fr", "ar", "en"), SITE, 1)) == expected


def test_no_question_is_cut_by_a_page(needs_pdf: bytes, tmp_path: Path) -> None:
    pages = page_texts(needs_pdf, tmp_path)
    assert len(pages) >= 2
    for question in template("needs").questions:
        holding = [n for n, text in enumerate(pages) if flat(question.text["fr"]) in text]
        assert len(holding) == 1, question.key
        assert flat(last_words(question)) in pages[holding[0]], question.key


def test_the_footer_says_site_version_and_page(needs_pdf: bytes, tmp_path: Path) -> None:
    pages = page_texts(needs_pdf, tmp_path)
    for number, text in enumerate(pages, start=1):
        assert (
            flat(f"Questionnaire anonyme · {SITE} · version 2 · page {number}/{len(pages)}") in text
        )


def test_fonts_are_embedded_and_big_enough(needs_pdf: bytes) -> None:
    fonts = font_dicts(needs_pdf)
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"])
        assert has_font_file(font), name
        assert name.lstrip("/").split("+")[-1].split("-")[0] not in BASE_14, name
    assert b"Helvetica" not in needs_pdf
    sizes = [
        float(size)
        for stream in content(needs_pdf)
        for size in re.findall(r"/F\S+ ([\d.]+) Tf", stream)
    ]
    assert sizes and min(sizes) >= 11


def test_french_comes_first_and_a_missing_translation_falls_back(tmp_path: Path) -> None:
    data = as_data(template("idea_box"))
    del data["questions"][1]["text"]["ar"]  # « Votre idée » not yet translated
    pdf = survey_paper(checked(data), ("ar",), SITE, 1)
    text = pdftotext(pdf, tmp_path)
    assert flat("Votre idée") in flat(text)
    assert flat("Boîte à idées") in flat(text) and ARABIC_LETTER.search(text)


def twelve_questions() -> Definition:
    """The longest questionnaire allowed: 12 questions, every kind, 12 choices apiece."""
    base = as_data(template("needs"))
    choices = [
        {
            "code": f"c{i}",
            "text": {"fr": f"Réponse numéro {i} assez longue", "ar": f"الإجابة رقم {i}"},
            "pictogram": sorted(pictograms())[i],
        }
        for i in range(12)
    ]
    kinds = ["multiple", "single", "smiley", "number", "text"]
    questions = []
    for n in range(12):
        kind = kinds[n % len(kinds)]
        question: dict[str, Any] = {
            "key": f"q{n}",
            "kind": kind,
            "text": {"fr": f"Question douze fois posée {n} ?", "ar": f"السؤال {n}؟"},
        }
        if kind in ("single", "multiple"):
            question["choices"] = choices
        questions.append(question)
    return checked(base | {"questions": questions, "languages": ["fr", "ar", "en"]})


def test_twelve_questions_still_print_whole(tmp_path: Path) -> None:
    definition = twelve_questions()
    pdf = survey_paper(definition, ("fr", "ar", "en"), SITE, 1)
    pages = page_texts(pdf, tmp_path)
    assert len(pages) >= 3
    for question in definition.questions:
        holding = [n for n, text in enumerate(pages) if flat(question.text["fr"]) in text]
        assert len(holding) == 1, question.key
        assert flat(last_words(question)) in pages[holding[0]], question.key


def test_every_pictogram_and_face_draws(tmp_path: Path) -> None:
    import io

    from reportlab.pdfgen.canvas import Canvas

    from printing.pictogram import draw_pictogram, draw_smiley

    canvas = Canvas(io.BytesIO())
    for index, name in enumerate(pictograms()):
        assert draw_pictogram(canvas, name, 20 + index * 25, 700, 22)
    assert not draw_pictogram(canvas, "unicorn", 20, 600, 22)
    for level in range(1, 6):
        draw_smiley(canvas, level, 20 + level * 40, 500, 36)
    canvas.save()
