"""The poster and the flyer read back with pypdf and poppler's pdftotext."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

import pytest
from PIL import Image

from models.programme.sheets import PosterData, PosterSession
from printing.flyer import build_flyer
from printing.multilingual import font_for, runs, visual
from printing.poster import build_poster, phrases
from printing.programme_blocks import poster_date, poster_span
from tests.support.pdf import font_dicts, has_font_file, pdftotext, reader

BASE_14 = {"Courier", "Helvetica", "Times-Roman", "Times", "Symbol", "ZapfDingbats"}
LONG_ACTIVITY = "Causerie thématique : le sommeil du tout-petit et les écrans"
ACTIVITIES = ("Café des parents", "Atelier éveil musical", LONG_ACTIVITY, "Massage bébé")
LATIN = ("fr", "en", "tr", "ro", "pt")
ARABIC_LETTER = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def month(count: int = 40) -> tuple[PosterSession, ...]:
    """Two sessions a weekday from Tuesday 1 December 2026, some with a place."""
    sessions: list[PosterSession] = []
    day = date(2026, 12, 1)
    while len(sessions) < count:
        if day.weekday() < 5:
            for hour in (10, 14):
                index = len(sessions)
                sessions.append(
                    PosterSession(
                        day,
                        clock(hour, 0),
                        clock(hour + 2, 30 if hour == 10 else 0),
                        ACTIVITIES[index % len(ACTIVITIES)],
                        "Médiathèque Elsa-Triolet" if index % 5 == 0 else "",
                    )
                )
        day += timedelta(days=1)
    return tuple(sessions[:count])


def logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (220, 110, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def data(count: int = 40, **changes: object) -> PosterData:
    values: dict[str, object] = {
        "cabane_name": "Cabane des Lilas",
        "address": "Cité des Sentes, 12 rue de la Liberté, 93260 Les Lilas",
        "opening_hours": "Mardi et jeudi 9 h – 17 h, samedi 10 h – 12 h",
        "title": "Programme de décembre 2026",
        "sessions": month(count),
        "web_address": "https://cabanes.seine-saint-denis.fr/lilas",
        "logo_png": logo(),
    }
    values.update(changes)
    return PosterData(**values)  # type: ignore[arg-type]


def flat(text: str) -> str:
    return "".join(text.replace("\u00a0", " ").split())


# ----- page


@pytest.mark.parametrize(("size", "points"), [("A4", (595.3, 841.9)), ("A3", (841.9, 1190.6))])
def test_a_month_fits_one_portrait_page(size: str, points: tuple[float, float]) -> None:
    pages = reader(build_poster(data(40), size)).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert float(box.width) == pytest.approx(points[0], abs=1)
    assert float(box.height) == pytest.approx(points[1], abs=1)


def test_unknown_size_is_refused() -> None:
    with pytest.raises(ValueError):
        build_poster(data(), "A2")


def test_the_french_text_reads_back(tmp_path: Path) -> None:
    pdf = build_poster(data(12))
    text = flat(pdftotext(pdf, tmp_path))
    assert flat("Cabane des Lilas") in text
    assert flat("Programme de décembre 2026") in text
    assert flat("Mardi 1er décembre") in text
    assert flat("14 h – 16 h") in text
    assert flat("Café des parents") in text
    assert flat(LONG_ACTIVITY) in text  # wrapped, yet all there
    assert flat("Cité des Sentes, 12 rue de la Liberté, 93260 Les Lilas") in text
    assert flat("Mardi et jeudi 9 h – 17 h, samedi 10 h – 12 h") in text
    # every day is on the page
    for session in month(12):
        assert flat(poster_date(session.day)) in text


def test_pypdf_reads_the_name_too() -> None:
    text = reader(build_poster(data(40))).pages[0].extract_text()
    assert "Cabane des Lilas" in text


def test_the_cabane_name_is_big_enough_to_read_from_three_metres(tmp_path: Path) -> None:
    """pdftotext's bounding box of « Cabane » is at least 40 pt high on A4 (font size)."""
    pdf = build_poster(data(40))
    source = tmp_path / "poster.pdf"
    source.write_bytes(pdf)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    html = subprocess.run(
        ["pdftotext", "-bbox", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    boxes = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Cabane<', html)
    assert boxes
    assert max(float(y1) - float(y0) for y0, y1 in boxes) >= 40


# ----- phrases


def test_the_catalogue_has_the_nine_languages() -> None:
    from models import catalogues

    rows = phrases(catalogues.poster_languages())
    assert [row.language for row in rows] == ["fr", "en", "ar", "ta", "bn", "tr", "ro", "pt", "zh"]
    assert all(row.free and row.no_appointment and row.audience for row in rows)
    # no choice made: six, French first; a choice is kept in its order, French first
    assert [row.language for row in phrases()] == ["fr", "en", "ar", "ta", "bn", "tr"]
    assert [row.language for row in phrases(("ta", "ar"))] == ["fr", "ta", "ar"]


def test_the_latin_phrases_read_back(tmp_path: Path) -> None:
    """The poster's tiles say « Gratuit · Sans rendez-vous » in each language chosen; the
    flyer says the whole sentence in each."""
    chosen = data(12, languages=LATIN)
    poster = flat(pdftotext(build_poster(chosen), tmp_path))
    flyer = flat(pdftotext(build_flyer(chosen), tmp_path))
    for row in phrases(LATIN):
        for phrase in (row.free, row.no_appointment):
            assert flat(phrase) in poster, (row.language, phrase)
        assert flat(row.audience) in flyer, row.language
    assert flat("Free") not in flat(pdftotext(build_poster(data(12, languages=("tr",))), tmp_path))


def test_arabic_is_drawn_with_the_arabic_font(tmp_path: Path) -> None:
    pdf = build_poster(data(40, languages=("ar", "ta", "bn", "zh")))
    names = [str(font["/BaseFont"]) for font in font_dicts(pdf)]
    for face in ("NotoSansArabic", "NotoSansTamil", "NotoSansBengali", "DroidSansFallback"):
        assert any(face in name for name in names), face
    assert ARABIC_LETTER.search(pdftotext(pdf, tmp_path))


def test_every_font_is_embedded_and_none_is_base_14() -> None:
    for pdf in (build_poster(data(40)), build_poster(data(40), "A3"), build_flyer(data(40))):
        fonts = font_dicts(pdf)
        assert fonts
        for font in fonts:
            name = str(font["/BaseFont"])
            assert has_font_file(font), name
            assert name.lstrip("/").split("+")[-1].split("-")[0] not in BASE_14, name
        assert b"Helvetica" not in pdf


# ----- the right-to-left helper


def test_fonts_follow_the_script() -> None:
    assert font_for("Gratuit") == "NotoSans"
    assert font_for("مجاني") == "NotoSansArabic"
    assert font_for("இலவசம்") == "NotoSansTamil"
    assert font_for("বিনামূল্যে") == "NotoSansBengali"
    assert font_for("免费") == "DroidSansFallback"


def test_an_arabic_line_is_laid_out_right_to_left() -> None:
    """« من 0 إلى 3 سنوات » (from 0 to 3 years): drawn from the left, the last word comes
    first, each Arabic run stays in logical order for HarfBuzz, the digits keep their order."""
    line = "من 0 إلى 3 سنوات"
    laid = [(run.text.strip(), run.rtl) for run in runs(line)]
    assert laid == [("سنوات", True), ("3", False), ("إلى", True), ("0", False), ("من", True)]
    assert visual("Gratuit") == "Gratuit"
    assert visual("بدون موعد") == "دعوم نودب"


# ----- flyer and budget


def test_the_flyer_is_two_a5_on_one_a4_sheet(tmp_path: Path) -> None:
    pdf = build_flyer(data(40))
    pages = reader(pdf).pages
    assert len(pages) == 1
    assert float(pages[0].mediabox.width) == pytest.approx(595.3, abs=1)
    assert float(pages[0].mediabox.height) == pytest.approx(841.9, abs=1)
    text = pdftotext(pdf, tmp_path)
    assert text.count("Cabane des Lilas") == 2
    assert flat("Gratuit · Sans rendez-vous") in flat(text)
    assert flat(poster_span(month(1)[0].starts, month(1)[0].ends)) in flat(text)


def test_a_poster_without_sessions_logo_or_web_address_still_prints(tmp_path: Path) -> None:
    bare = data(0, web_address="", logo_png=None)
    for pdf in (build_poster(bare), build_flyer(bare)):
        assert len(reader(pdf).pages) == 1
        assert "Cabane des Lilas" in pdftotext(pdf, tmp_path)


def test_an_a3_month_poster_of_forty_sessions_is_one_page() -> None:
    """Its time is measured by tests/bench (DESIGN.md §9), not here."""
    assert len(reader(build_poster(data(40), "A3")).pages) == 1


def test_a_line_mixing_french_and_arabic_keeps_the_french_first() -> None:
    """The base direction comes from the line's first strong letter (Unicode bidi P2)."""
    from printing.multilingual import runs

    mixed = runs("Atelier أمينة 10 h")
    assert mixed[0].text.startswith("Atelier") and not mixed[0].rtl
    arabic_first = runs("أمينة Atelier")
    assert arabic_first[-1].rtl  # an Arabic line reads from the right: Arabic rightmost


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_every_cabanes_full_name_fits_beside_the_logo(size: str, tmp_path: Path) -> None:
    """Measured, never cut: « Cabane de Tremblay-en-France » stays whole and left of the
    logo (14 mm margin, 8 pt padding and a 34 mm logo, all × the page's scale)."""
    from models import catalogues
    from tests.support.pdf import word_boxes

    width = {"A4": 595.3, "A3": 841.9}[size]
    scale = width / 595.3
    mm = 72 / 25.4
    logo_left = width - 14 * mm * scale - 8 * scale - 34 * mm * scale  # margin, pad, logo
    for site in catalogues.known_sites():
        pdf = build_poster(data(12, cabane_name=site.name), size)
        text = flat(pdftotext(pdf, tmp_path))
        assert flat(site.name) in text and "…" not in text, site.name
        name_words = set(site.name.split())
        boxes = [b for b in word_boxes(pdf, tmp_path) if b[5] in name_words and b[2] < 200]
        assert boxes and max(b[3] for b in boxes) <= logo_left - 4 * scale, site.name


def test_a_week_poster_says_the_whole_period_with_the_year() -> None:
    from models.figures.french import week_title

    assert week_title(date(2026, 11, 30)) == "Programme du 30 novembre au 6 décembre 2026"
    assert week_title(date(2026, 12, 28)) == "Programme du 28 décembre 2026 au 3 janvier 2027"


def test_a_long_web_address_wraps_at_nine_points_under_the_code(tmp_path: Path) -> None:
    from tests.support.pdf import word_boxes

    long_url = "https://www.seinesaintdenis.fr/enfance-et-famille/les-cabanes-des-1000-premiers-jours/lilas"
    pdf = build_poster(data(8, web_address=long_url), "A4")
    text = flat(reader(pdf).pages[0].extract_text())
    assert flat(long_url) in text  # whole, on as many lines as it needs (never shrunk)
    pieces = [
        b for b in word_boxes(pdf, tmp_path) if "seinesaintdenis" in b[5] or "cabanes" in b[5]
    ]
    assert pieces and all(b[4] - b[2] >= 9 for b in pieces)  # ≥ 9 pt type


def test_a_week_flyer_wraps_says_where_outings_are_and_fills_the_page(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.support.pdf import word_boxes

    week = data(8)
    sessions = list(week.sessions)
    sessions[1] = replace(sessions[1], activity="Sortie", place="Parc de la Poudrerie, Sevran")
    sessions[2] = replace(
        sessions[2], activity="Causerie : le sommeil du tout-petit, les écrans et les rituels"
    )
    pdf = build_flyer(replace(week, sessions=tuple(sessions)))
    text = flat(reader(pdf).pages[0].extract_text())
    assert flat("Lieu : Parc de la Poudrerie, Sevran") in text  # never « Sortie » alone
    assert flat("les écrans et les rituels") in text and "…" not in text  # wrapped, not cut
    assert "autres rendez-vous" not in text
    heights = [b[4] - b[2] for b in word_boxes(pdf, tmp_path) if b[0] == 0 and b[5] == "Sortie"]
    assert heights and min(heights) >= 11  # type that fills the page, not 9.5 pt


def test_the_flyers_cut_marks_are_where_a_home_printer_prints() -> None:
    """Solid marks from 6 to 12 mm in from each edge, on the middle line."""
    contents = reader(build_flyer(data(4))).pages[0].get_contents()
    assert contents is not None
    content = contents.get_data()
    segments = [
        tuple(float(v) for v in found)
        for found in re.findall(rb"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l", content)
    ]
    middle = 841.89 / 2
    marks = [(x0, x1) for x0, y0, x1, y1 in segments if abs(y0 - middle) < 1 and abs(x1 - x0) < 20]
    mm = 72 / 25.4
    assert sorted(marks) == [
        pytest.approx((6 * mm, 12 * mm), abs=0.5),
        pytest.approx((595.28 - 12 * mm, 595.28 - 6 * mm), abs=0.5),
    ]


def test_the_flyers_languages_are_at_eight_points_at_least(tmp_path: Path) -> None:
    from tests.support.pdf import word_boxes

    pdf = build_flyer(data(4))
    boxes = [b for b in word_boxes(pdf, tmp_path) if b[0] == 0 and b[5] in {"Ücretsiz", "Gratuito"}]
    assert boxes and min(b[4] - b[2] for b in boxes) >= 8 * 1.2  # a box is ~1.36 em high


def test_shaped_phrases_copy_out_as_words(tmp_path: Path) -> None:
    """Tamil and Bengali welcome phrases read back as typed (PDF /ActualText), not as
    glyph fragments or private-use codes."""
    text = pdftotext(build_poster(data(4)), tmp_path)
    for phrase in ("இலவசம்", "முன்பதிவு", "বিনামূল্যে", "অ্যাপয়েন্টমেন্ট"):
        assert phrase in text
    assert not any("\ue000" <= char <= "\uf8ff" for char in text)


def test_every_embedded_subset_has_its_own_tag() -> None:
    """PDF 32000 §9.6.4: different subsets in one file have different six-letter tags."""
    pdf = build_poster(data(40))
    tags = [name.split(b"+")[0] for name in re.findall(rb"/BaseFont /(\S+)", pdf)]
    assert len(tags) >= 4 and len(set(tags)) == len(tags)
    assert all(re.fullmatch(rb"[A-Z]{6}", tag) for tag in tags)
    assert build_poster(data(40)) == pdf or tags == [  # the same tags from one build to the next
        name.split(b"+")[0] for name in re.findall(rb"/BaseFont /(\S+)", build_poster(data(40)))
    ]
