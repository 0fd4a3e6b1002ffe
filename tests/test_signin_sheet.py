"""Sign-in sheets read back with real PDF readers: pypdf and poppler's pdftotext."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from datetime import time as clock
from pathlib import Path

import pytest

from models.programme.sheets import SignInSheet
from printing.signin_sheet import (
    COLUMN_WIDTHS,
    MARGIN,
    ROW_HEIGHT,
    TITLE,
    build_signin_sheet,
    french_date,
)
from tests.support.pdf import Box, font_dicts, has_font_file, pdftotext, reader, word_boxes

A4_LANDSCAPE_POINTS = (841.9, 595.3)
BASE_14 = {"Courier", "Helvetica", "Times-Roman", "Times", "Symbol", "ZapfDingbats"}

LONG_ACTIVITY = "Causerie thématique : le sommeil du tout-petit et les écrans"
LONG_PLACE = (
    "Salle du centre social Dulcie-September, 2e étage, 10 avenue de Sevran, "
    "entrée par la cour, 93390 Clichy-sous-Bois (bus)"
)
LONG_NAME = "Marie-Françoise et Jean-Baptiste Nkounkou-Delaroche avec les jumeaux"


def sheet(**changes: object) -> SignInSheet:
    base = SignInSheet(
        cabane_name="Cabane des Lilas",
        cabane_address="Cité des Sentes, 93260 Les Lilas",
        activity="Café des parents",
        title="Café des parents",
        day=date(2026, 12, 1),
        starts=clock(14, 0),
        ends=clock(16, 0),
        place="À la cabane",
        facilitator="Fatou, EJE",
        partner="Médiathèque des Lilas",
        registrations=("Amina", "Karim", "Léa"),
        blank_rows=6,
        print_names=True,  # the cabane chose it (the default prints blank rows)
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def many(count: int) -> tuple[str, ...]:
    return tuple(f"Parent{number:02d}" for number in range(1, count + 1))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def flat(text: str) -> str:
    """Text without any white space: wrapped lines compare with the one-line original."""
    return "".join(text.replace("\u00a0", " ").split())


def row_numbers(boxes: list[Box]) -> list[tuple[int, int]]:
    """(page, number) of every number printed in the « N° » column, top to bottom."""
    column_end = MARGIN + COLUMN_WIDTHS[0]
    return [(box[0], int(box[5])) for box in boxes if box[3] <= column_end and box[5].isdigit()]


# ----- page


def test_every_page_is_a4_landscape() -> None:
    pdf = build_signin_sheet(sheet(registrations=many(40), blank_rows=12))
    assert pdf.startswith(b"%PDF-")
    pages = reader(pdf).pages
    assert len(pages) > 1
    for page in pages:
        assert float(page.mediabox.width) == pytest.approx(A4_LANDSCAPE_POINTS[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(A4_LANDSCAPE_POINTS[1], abs=1)


def test_metadata_has_the_title_and_no_author() -> None:
    metadata = reader(build_signin_sheet(sheet())).metadata
    assert metadata is not None
    assert metadata.title == "Feuille d'émargement" == TITLE
    assert not metadata.author
    assert "Amina" not in str(dict(metadata))


# ----- content


def test_the_header_says_what_where_when_and_who(tmp_path: Path) -> None:
    pdf = build_signin_sheet(sheet(title="Spécial fêtes de fin d'année"))
    for text in (page_texts(pdf)[0], pdftotext(pdf, tmp_path)):
        for expected in (
            "Cabane des Lilas",
            "Feuille d'émargement",
            "Café des parents",
            "Spécial fêtes de fin d'année",
            "mardi 1er décembre 2026",
            "14 h – 16 h",
            "À la cabane",
            "Fatou, EJE",
            "Médiathèque des Lilas",
            "Page 1 / 1",
        ):
            assert flat(expected) in flat(text), expected


def test_the_title_is_not_repeated_when_it_is_the_activity() -> None:
    text = page_texts(build_signin_sheet(sheet()))[0]
    assert text.count("Café des parents") == 1


def test_optional_facilitator_and_partner_are_left_out() -> None:
    text = page_texts(build_signin_sheet(sheet(facilitator="", partner="")))[0]
    assert "Animation" not in text
    assert "Partenaire" not in text


def test_registrants_names_are_printed_only_if_the_cabane_chose_it(tmp_path: Path) -> None:
    """Every family signing sees the sheet: by default a blank row for each registrant."""
    default = sheet(print_names=False)
    text = pdftotext(build_signin_sheet(default), tmp_path)
    assert not {"Amina", "Karim", "Léa"} & set(text.split())
    numbers = [n for _, n in row_numbers(word_boxes(build_signin_sheet(default), tmp_path))]
    assert numbers == list(range(1, 3 + 6 + 1))  # room for the 3 registered, and 6 more


def test_the_notice_names_the_controller_and_the_way_to_ones_rights(tmp_path: Path) -> None:
    said = flat(pdftotext(build_signin_sheet(sheet()), tmp_path))
    assert flat("responsable : Département de la Seine-Saint-Denis, service de PMI") in said
    assert flat("Pour voir, corriger ou effacer vos informations") in said


def test_the_table_has_its_columns_and_the_registrations_one_per_row(tmp_path: Path) -> None:
    pdf = build_signin_sheet(sheet(print_names=True))
    text = pdftotext(pdf, tmp_path)
    for column in (
        "N°",
        "Nom ou initiales",
        "Commune",
        "Adultes",
        "Enfants (âges)",
        "1re venue ?",
        "Signature",
    ):
        assert column in text, column
    boxes = [box for box in word_boxes(pdf, tmp_path) if box[0] == 0]
    rows = {box[5]: box[2] for box in boxes if box[5] in {"Amina", "Karim", "Léa"}}
    assert len(rows) == 3
    tops = sorted(rows.values())
    assert all(b - a >= ROW_HEIGHT - 1 for a, b in itertools.pairwise(tops))
    numbers = [number for _, number in row_numbers(boxes)]
    assert numbers == list(range(1, 3 + 6 + 1))  # 3 names, then 6 blank rows


def test_rows_are_tall_enough_to_write_by_hand() -> None:
    assert ROW_HEIGHT >= 0.9 * 72 / 2.54


def test_the_french_date_needs_no_locale() -> None:
    assert french_date(date(2026, 12, 1)) == "mardi 1er décembre 2026"
    assert french_date(date(2026, 12, 2)) == "mercredi 2 décembre 2026"
    assert french_date(date(2027, 2, 14)) == "dimanche 14 février 2027"
    assert french_date(date(2026, 8, 3)) == "lundi 3 août 2026"


def test_minutes_are_written_with_two_digits() -> None:
    text = page_texts(build_signin_sheet(sheet(starts=clock(9, 5), ends=clock(11, 30))))[0]
    assert "9 h 05 – 11 h 30" in text


def test_typed_text_is_printed_as_typed_not_read_as_markup() -> None:
    pdf = build_signin_sheet(
        sheet(activity="Jeux <libres> & goûter", registrations=("Léa & Tom", "<b>Zoé</b>"))
    )
    text = page_texts(pdf)[0]
    assert "Jeux <libres> & goûter" in text
    assert "Léa & Tom" in text
    assert "<b>Zoé</b>" in text


# ----- pages


def test_many_rows_make_several_pages_with_the_header_and_notice_on_each(
    tmp_path: Path,
) -> None:
    long_sheet = sheet(activity=LONG_ACTIVITY, registrations=many(40), blank_rows=12)
    pdf = build_signin_sheet(long_sheet)
    texts = page_texts(pdf)
    count = len(texts)
    assert count >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} / {count}" in text
        assert TITLE in text
        assert flat(LONG_ACTIVITY) in flat(text)
        assert flat(long_sheet.notice) in flat(text)
        assert "Nom ou initiales" in text  # the table heading is repeated
    everything = flat("\n".join(texts))
    for name in many(40):
        assert everything.count(name) == 1, name
    # Numbering continues from page to page, up to the last blank row.
    numbered = row_numbers(word_boxes(pdf, tmp_path))
    assert [number for _, number in numbered] == list(range(1, 53))
    pages_of = {number: page for page, number in numbered}
    assert pages_of[1] == 0 and pages_of[52] == count - 1


def test_page_count_grows_with_rows() -> None:
    counts = [
        len(reader(build_signin_sheet(sheet(registrations=many(n), blank_rows=0))).pages)
        for n in (5, 30, 60, 90)
    ]
    assert counts[0] == 1
    assert counts == sorted(counts) and counts[-1] > counts[1] > counts[0]


def test_page_two_of_two_and_totals_only_on_the_last_page() -> None:
    texts = page_texts(build_signin_sheet(sheet(registrations=many(14), blank_rows=2)))
    assert len(texts) == 2
    assert "Page 1 / 2" in texts[0]
    assert "Page 2 / 2" in texts[1]
    assert "Total" not in texts[0]
    assert "Suite page 2" in texts[0]
    for text in texts:  # a subtotal on every page, to count page by page
        assert flat("Sous-total : adultes, enfants") in flat(text)
    assert flat("Total : adultes, enfants") in flat(texts[1])


def test_a_sheet_with_no_row_still_prints_its_header_and_totals() -> None:
    texts = page_texts(build_signin_sheet(sheet(registrations=(), blank_rows=0)))
    assert len(texts) == 1
    assert "Nom ou initiales" in texts[0] and "Total" in texts[0]


# ----- long texts and small type


def test_long_texts_wrap_and_never_leave_the_page(tmp_path: Path) -> None:
    assert len(LONG_ACTIVITY) == 60 and len(LONG_PLACE) == 120
    long_sheet = sheet(
        activity=LONG_ACTIVITY,
        title="Sommeil, écrans et rituels du soir : on en parle ensemble autour d'un thé",
        place=LONG_PLACE,
        facilitator="Mme Diallo, puéricultrice de la PMI, et Mme Benali, psychologue",
        partner="Association départementale des femmes relais médiatrices interculturelles",
        registrations=(LONG_NAME, *many(20)),
    )
    pdf = build_signin_sheet(long_sheet)
    width, height = A4_LANDSCAPE_POINTS
    boxes = word_boxes(pdf, tmp_path)
    for _page, x0, y0, x1, y1, word in boxes:
        assert x0 >= MARGIN - 1 and x1 <= width - MARGIN + 1, word
        assert y0 >= MARGIN - 1 and y1 <= height - MARGIN + 1, word
    notice_words = set(long_sheet.notice.split())
    for _page, _x0, y0, _x1, y1, word in boxes:
        if word in notice_words:
            assert y1 - y0 >= 9, f"{word} is too small to read"  # ≥ 7 pt type
    text = flat(pdftotext(pdf, tmp_path))
    for expected in (LONG_ACTIVITY, LONG_PLACE, LONG_NAME):
        assert flat(expected) in text, expected


# ----- fonts


def test_every_font_is_embedded_and_none_is_base_14() -> None:
    pdf = build_signin_sheet(sheet(registrations=many(40), blank_rows=12))
    fonts = font_dicts(pdf)
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"])
        assert has_font_file(font), name
        assert name.lstrip("/").split("+")[-1].split("-")[0] not in BASE_14, name
        assert "NotoSans" in name
    assert b"Helvetica" not in pdf


# ----- many pages (their time is measured in tests/bench)


def test_forty_five_registrations_make_five_pages() -> None:
    """Its time is measured by tests/bench (DESIGN.md §9), not here."""
    five_pages = sheet(
        activity=LONG_ACTIVITY, place=LONG_PLACE, registrations=many(45), blank_rows=12
    )
    assert len(reader(build_signin_sheet(five_pages)).pages) == 5


def test_names_in_any_script_are_printed_each_in_its_font(tmp_path: Path) -> None:
    import re

    pdf = build_signin_sheet(sheet(registrations=("சுமதி", "أمينة بن علي", "Karim")))
    fonts = b" ".join(re.findall(rb"/BaseFont /\S+", pdf))
    assert b"NotoSansTamil" in fonts and b"NotoSansArabic" in fonts
    text = pdftotext(pdf, tmp_path)
    assert "சுமதி" in text and "Karim" in text  # Tamil copies out as its letters
