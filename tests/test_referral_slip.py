"""Referral slips read back with real PDF readers: pypdf and poppler's pdftotext."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from models.orientations.slips import PlaceContact, ReferralSlip
from printing.fonts import register_fonts
from printing.referral_slip import MARGIN, SLIP_WIDTH, TITLE, build_referral_slips
from tests.support.pdf import font_dicts, is_embedded, pdftotext, reader, word_boxes

A6_POINTS = (297.6, 419.5)
A5_LANDSCAPE_POINTS = (595.3, 419.5)
BASE_14 = {
    "Courier",
    "Helvetica",
    "Times-Roman",
    "Times",
    "Symbol",
    "ZapfDingbats",
}

CABANE = PlaceContact(
    name="Cabane des Lilas",
    address="Cité des Sentes, 93260 Les Lilas",
    phone="01 43 60 12 34",
    opening_hours="Mardi et jeudi 9 h 30 – 12 h 30",
)
CAF = PlaceContact(
    name="Caisse d'Allocations familiales",
    address="2 rue Bernard-Palissy, 93000 Bobigny",
    phone="32 30",
    opening_hours="Du lundi au vendredi 8 h 30 – 16 h 30",
    languages=("arabe", "anglais"),
)
CPAM = PlaceContact(
    name="CPAM – Sécurité sociale",
    address="195 avenue Paul-Vaillant-Couturier, 93000 Bobigny",
    phone="36 46",
)
LONG_NAME = (
    "Association départementale d'accompagnement des familles et des jeunes parents du 93 (ADF)"
)
LONG_HOURS = (
    "Lundi 9 h – 12 h et 14 h – 18 h, mardi 9 h – 12 h, mercredi 14 h – 19 h (sauf pendant "
    "les vacances scolaires), jeudi 9 h – 12 h 30, vendredi 13 h 30 – 17 h, un samedi sur deux "
    "de 10 h à 12 h sur place"
)
EIGHT_LANGUAGES = ("arabe", "anglais", "tamoul", "bengali", "ourdou", "turc", "chinois", "roumain")
LONG_PARTNER = PlaceContact(
    name=LONG_NAME,
    address="Maison des associations, bâtiment C, 3e étage, 14 boulevard Jean-Jaurès, "
    "93100 Montreuil",
    phone="01 48 45 12 34 / 06 12 34 56 78",
    opening_hours=LONG_HOURS,
    languages=EIGHT_LANGUAGES,
    email="accueil@adaf93.example.org",
    website="https://www.adaf93.example.org/familles/jeunes-parents/accueil",
)


def slip(**changes: object) -> ReferralSlip:
    base = ReferralSlip(
        partner=CAF,
        theme="Ouvrir vos droits aux Allocations familiales",
        cabane=CABANE,
        issued_on=date(2026, 12, 31),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def three_slips() -> list[ReferralSlip]:
    return [
        slip(first_name="Amina", appointment="mardi 3 décembre à 14 h"),
        slip(partner=CPAM, theme="Avoir une carte Vitale (Sécurité sociale)"),
        slip(theme="Déclarer le prénom de votre bébé à la CAF"),
    ]


def pypdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(pdf).pages)


def flat(text: str) -> str:
    """Text without any white space: wrapped lines compare with the one-line original."""
    return "".join(text.split())


def page_size(pdf: bytes, index: int = 0) -> tuple[float, float]:
    box = reader(pdf).pages[index].mediabox
    return float(box.width), float(box.height)


def assert_size(actual: tuple[float, float], expected: tuple[float, float]) -> None:
    assert actual[0] == pytest.approx(expected[0], abs=1)
    assert actual[1] == pytest.approx(expected[1], abs=1)


# ----- layouts


def test_a6_puts_one_slip_on_each_a6_page() -> None:
    pdf = build_referral_slips(three_slips(), "a6")
    assert pdf.startswith(b"%PDF-")
    assert len(reader(pdf).pages) == 3
    for index in range(3):
        assert_size(page_size(pdf, index), A6_POINTS)


def test_a6_is_the_default_layout() -> None:
    assert len(reader(build_referral_slips(three_slips())).pages) == 3


def test_a5x2_puts_two_slips_side_by_side_on_a5_landscape() -> None:
    pdf = build_referral_slips(three_slips(), "a5x2")
    assert len(reader(pdf).pages) == 2
    for index in range(2):
        assert_size(page_size(pdf, index), A5_LANDSCAPE_POINTS)
    pages = [page.extract_text() for page in reader(pdf).pages]
    assert pages[0].count(TITLE) == 2
    assert pages[1].count(TITLE) == 1


def test_a5x2_keeps_each_slip_on_its_half(tmp_path: Path) -> None:
    pdf = build_referral_slips([slip(partner=CAF), slip(partner=CPAM)], "a5x2")
    boxes = word_boxes(pdf, tmp_path)
    left = [box for box in boxes if box[1] < SLIP_WIDTH]
    right = [box for box in boxes if box[1] >= SLIP_WIDTH]
    assert all(box[3] <= SLIP_WIDTH - MARGIN + 1 for box in left)
    assert all(box[1] >= SLIP_WIDTH + MARGIN - 1 for box in right)
    assert "Bernard-Palissy," in {box[5] for box in left}
    assert "Paul-Vaillant-Couturier," in {box[5] for box in right}


def test_an_unknown_layout_or_no_slip_is_refused() -> None:
    with pytest.raises(ValueError):
        build_referral_slips(three_slips(), "a4")
    with pytest.raises(ValueError):
        build_referral_slips([])


# ----- content


def test_the_slip_says_what_where_when_and_how_to_come_back() -> None:
    pdf = build_referral_slips([slip(appointment="mardi 3 décembre à 14 h")])
    text = pypdf_text(pdf)
    for expected in (
        "Fiche d'orientation",
        "Cabane des Lilas",
        "Ouvrir vos droits aux Allocations familiales",
        "Caisse d'Allocations familiales",
        "2 rue Bernard-Palissy, 93000 Bobigny",
        "32 30",
        "Du lundi au vendredi 8 h 30 – 16 h 30",
        "Langues parlées : arabe, anglais",
        "Quand : mardi 3 décembre à 14 h",
        "31/12/2026",
        "Nous joindre :",
        "Cité des Sentes, 93260 Les Lilas",
        "01 43 60 12 34",
    ):
        assert flat(expected) in flat(text.replace("\u00a0", " ")), expected


def test_optional_parts_are_left_out_and_unknown_ones_left_to_write() -> None:
    text = pypdf_text(build_referral_slips([slip(partner=CPAM)]))
    assert "Rendez-vous" not in text
    assert "Langues parlées" not in text
    assert "Horaires :" in text and "Quand :" in text  # a line to write them on


def test_the_date_is_written_the_french_way() -> None:
    text = pypdf_text(build_referral_slips([slip(issued_on=date(2026, 3, 5))]))
    assert "05/03/2026" in text
    assert "2026-03-05" not in text


def test_french_accents_survive_in_both_readers(tmp_path: Path) -> None:
    slips = [
        slip(theme="Ouvrir vos droits aux Allocations familiales"),
        slip(partner=CPAM, theme="Sécurité sociale : déclarer le prénom du bébé"),
    ]
    pdf = build_referral_slips(slips)
    for text in (pypdf_text(pdf), pdftotext(pdf, tmp_path)):
        for words in ("Allocations familiales", "Sécurité sociale", "prénom", "bébé", "parlées"):
            assert words in text


def test_the_first_name_appears_only_when_given(tmp_path: Path) -> None:
    named = build_referral_slips([slip(first_name="Amina")])
    anonymous = build_referral_slips([slip()])
    assert "Pour : Amina" in pypdf_text(named)
    assert "Amina" in pdftotext(named, tmp_path)
    for text in (pypdf_text(anonymous), pdftotext(anonymous, tmp_path)):
        assert "Pour :" not in text
        assert "Amina" not in text


def test_typed_text_is_printed_as_typed_not_read_as_markup() -> None:
    partner = replace(CAF, name="Parents & bébés <93>", opening_hours="Lundi\nMardi")
    text = pypdf_text(build_referral_slips([slip(partner=partner)]))
    assert "Parents & bébés <93>" in text
    assert "Lundi" in text and "Mardi" in text


def test_metadata_has_the_title_and_no_author() -> None:
    metadata = reader(build_referral_slips([slip(first_name="Amina")])).metadata
    assert metadata is not None
    assert metadata.title == "Fiche d'orientation"
    assert not metadata.author
    assert "Amina" not in str(dict(metadata))


# ----- long texts


def test_long_texts_wrap_and_never_leave_the_slip(tmp_path: Path) -> None:
    long_slip = slip(
        partner=LONG_PARTNER,
        first_name="Marie-Françoise",
        theme="Être accompagnée pour les démarches de la naissance et pour faire garder bébé",
        appointment="jeudi 12 février à 9 h 30, demandez Mme Diallo à l'accueil du 3e étage",
    )
    assert len(LONG_NAME) == 90 and len(LONG_HOURS) == 200
    for layout, size in (("a6", A6_POINTS), ("a5x2", A5_LANDSCAPE_POINTS)):
        pdf = build_referral_slips([long_slip, long_slip], layout)
        assert len(reader(pdf).pages) == (2 if layout == "a6" else 1)
        boxes = word_boxes(pdf, tmp_path)
        for _page, x0, y0, x1, y1, word in boxes:
            slot = 0.0 if layout == "a6" or x0 < SLIP_WIDTH else SLIP_WIDTH
            assert slot + MARGIN - 1 <= x0 and x1 <= slot + SLIP_WIDTH - MARGIN + 1, word
            assert y0 >= MARGIN - 1 and y1 <= size[1] - MARGIN + 1, word
            assert y1 - y0 >= 9, f"{word} is too small to read"  # ≥ 6.5 pt type
        text = flat(pdftotext(pdf, tmp_path))
        for expected in (LONG_NAME, LONG_HOURS, ", ".join(EIGHT_LANGUAGES), "Nous joindre"):
            assert text.count(flat(expected)) == 2, expected


def test_short_slips_keep_their_large_type(tmp_path: Path) -> None:
    boxes = word_boxes(build_referral_slips([slip()]), tmp_path)
    phone = [box for box in boxes if box[5] == "32"]
    assert phone and phone[0][4] - phone[0][2] >= 25  # the phone number is set in 21 pt


# ----- fonts


@pytest.mark.parametrize("layout", ["a6", "a5x2"])
def test_every_font_is_embedded_and_none_is_base_14(layout: str) -> None:
    pdf = build_referral_slips([*three_slips(), slip(partner=LONG_PARTNER)], layout)
    fonts = font_dicts(pdf)
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"])
        assert is_embedded(font), name
        assert name.lstrip("/").split("+")[-1].split("-")[0] not in BASE_14, name
        assert "NotoSans" in name


def test_register_fonts_is_idempotent() -> None:
    from reportlab.pdfbase import pdfmetrics

    first = register_fonts()
    assert register_fonts() == first
    assert {first.regular, first.bold} <= set(pdfmetrics.getRegisteredFontNames())


# ----- many pages (their time is measured in tests/bench)


def test_ten_slips_make_ten_pages() -> None:
    slips = [slip(first_name="Amina"), slip(partner=LONG_PARTNER)] * 5
    assert len(reader(build_referral_slips(slips)).pages) == 10


def test_a_sensitive_theme_prints_a_neutral_headline_and_no_first_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A slip carried home must not tell an abusive partner what it is about."""
    import subprocess

    from desktop.folder.desk import set_up
    from desktop.folder.secrets import open_keychain
    from models import catalogues
    from models.orientations.orientations import NEUTRAL_HEADLINE, OrientationService
    from models.orientations.partners import PartnerDirectory

    (tmp_path / "cabane").mkdir()
    desk, _code = set_up(tmp_path / "cabane", open_keychain(), catalogues.known_sites()[0], "Awa")
    assert desk.site is not None
    caf = PartnerDirectory(desk.factory).search("caf")[0].id
    service = OrientationService(desk.factory, desk.site.id)
    assert {"violence", "mental_health", "pregnancy_care"} <= catalogues.sensitive_themes()
    for theme in ("violence", "mental_health", "pregnancy_care", "other"):
        slip = service.slip_for_partner(caf, theme, first_name="Amina")
        assert slip.theme == NEUTRAL_HEADLINE, theme  # « Autre » is never a headline either
        pdf = tmp_path / f"{theme}.pdf"
        pdf.write_bytes(build_referral_slips([slip]))
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        for word in ("Violences", "Santé mentale", "grossesse", "Autre"):
            assert word not in text
        if theme != "other":
            assert "Amina" not in text  # never the first name beside a sensitive theme
    usual = service.slip_for_partner(caf, "family_benefits", first_name="Amina")
    assert usual.first_name == "Amina" and "CAF" in usual.theme
    desk.close()


def test_the_cabanes_phone_set_in_the_settings_is_on_every_slip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    import pytest

    from desktop.folder.desk import set_up
    from desktop.folder.secrets import open_keychain
    from models import catalogues
    from models.desk.sites import SetupError, set_poster_settings
    from models.orientations.orientations import OrientationService
    from models.orientations.partners import PartnerDirectory

    (tmp_path / "cabane").mkdir()
    desk, _code = set_up(tmp_path / "cabane", open_keychain(), catalogues.known_sites()[0], "Awa")
    assert desk.site is not None
    with pytest.raises(SetupError):
        set_poster_settings(desk.factory, desk.site.id, "", None, 1, phone="appelez-nous")
    set_poster_settings(desk.factory, desk.site.id, "", None, 1, phone="01 48 00 00 00")
    caf = PartnerDirectory(desk.factory).search("caf")[0].id
    slip = OrientationService(desk.factory, desk.site.id).slip_for_partner(caf, "family_benefits")
    pdf = tmp_path / "fiche.pdf"
    pdf.write_bytes(build_referral_slips([slip]))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Nous joindre" in text and "01 48 00 00 00" in text.replace("\u00a0", " ")
    desk.close()


def test_a_first_name_in_arabic_is_printed_in_its_own_font() -> None:
    """Today's desk has families writing their names in any script: none may vanish."""
    import re
    import unicodedata

    pdf = build_referral_slips([slip(first_name="أمينة")])
    assert b"NotoSansArabic" in b" ".join(re.findall(rb"/BaseFont /\S+", pdf))
    text = unicodedata.normalize("NFKC", pypdf_text(pdf))
    line = next(line for line in text.splitlines() if line.startswith("Pour :"))
    letters = line.removeprefix("Pour :").strip()
    # Extracted in drawing order (right to left); its letters all there, none replaced.
    assert sorted(letters) == sorted("أمينة") and "?" not in letters


def test_an_arabic_first_name_is_joined_and_copies_out_as_the_name(tmp_path: Path) -> None:
    """Shaped (its letters joined, as presentation forms for a reader) and, after NFKC,
    the name itself in reading order: search and screen readers find it."""
    import unicodedata

    text = pdftotext(build_referral_slips([slip(first_name="أمينة")]), tmp_path)
    line = next(line for line in text.splitlines() if line.startswith("Pour"))
    assert any("\ufe70" <= char <= "\ufeff" for char in line)  # joined forms were drawn
    assert "أمينة" in unicodedata.normalize("NFKC", line)


def test_a_line_mixing_french_and_arabic_reads_french_first(tmp_path: Path) -> None:
    """« Amina أمينة »: the line's first strong letter is Latin, so it reads left to right
    and the French comes first, on the page and when copied out."""
    import unicodedata

    pdf = build_referral_slips([slip(first_name="Amina أمينة")])
    line = next(x for x in pdftotext(pdf, tmp_path).splitlines() if x.startswith("Pour"))
    words = unicodedata.normalize("NFKC", line).replace("\u202b", " ").replace("\u202c", " ")
    assert words.split()[-2:] == ["Amina", "أمينة"]
    boxes = word_boxes(pdf, tmp_path)
    amina = next(b for b in boxes if b[5] == "Amina")
    arabic = next(b for b in boxes if unicodedata.normalize("NFKC", b[5])[::-1] == "أمينة")
    assert arabic[1] > amina[3] and arabic[2] < amina[4] and amina[2] < arabic[4]  # at its right


def test_tamil_and_bengali_names_copy_out_as_their_letters(tmp_path: Path) -> None:
    """Conjuncts and vowel signs drawn before their consonant still copy out in typed order."""
    for name in ("முன்பதிவு", "অ্যাপয়েন্টমেন্ট"):
        text = pdftotext(build_referral_slips([slip(first_name=name)]), tmp_path)
        assert name in text
        assert not any("\ue000" <= char <= "\uf8ff" for char in text)  # no private-use codes


def test_what_to_bring_comes_from_the_partner_else_from_the_theme(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    from dataclasses import replace as changed

    from desktop.folder.desk import set_up
    from desktop.folder.secrets import open_keychain
    from models import catalogues
    from models.orientations.orientations import OrientationService
    from models.orientations.partners import PartnerDirectory

    (tmp_path / "cabane").mkdir()
    desk, _code = set_up(tmp_path / "cabane", open_keychain(), catalogues.known_sites()[0], "Awa")
    assert desk.site is not None
    directory = PartnerDirectory(desk.factory)
    caf = directory.search("caf")[0]
    service = OrientationService(desk.factory, desk.site.id)
    usual = service.slip_for_partner(caf.id, "family_benefits")
    assert "justificatif de domicile" in usual.to_bring  # the theme's list
    directory.update(caf.id, changed(caf.data, to_bring="Votre dernier avis d'imposition"))
    own = service.slip_for_partner(caf.id, "family_benefits")
    assert own.to_bring == "Votre dernier avis d'imposition"  # the partner's own, typed
    pdf = tmp_path / "fiche.pdf"
    pdf.write_bytes(build_referral_slips([own]))
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "À apporter : Votre dernier avis d'imposition" in text
    directory.update(caf.id, changed(caf.data, to_bring=""))
    quiet = service.slip_for_partner(caf.id, "mental_health")
    assert quiet.to_bring == ""  # a sensitive theme never lists papers that give it away
    desk.close()
