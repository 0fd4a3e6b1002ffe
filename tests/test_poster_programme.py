"""The programme on posters and flyers: readable sizes, the weekly pattern of a long month,
day headings repeated at a column's top, nothing sticking out, the welcome tiles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from models.programme.sheets import PosterData, PosterSession
from printing.flyer import build_flyer
from printing.poster import build_poster
from printing.programme_blocks import dated_blocks, days_list, pattern_blocks
from tests.support.pdf import pdftotext, word_boxes

DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))
EM = 1.3  # poppler's word box is ~1.36 em high for Noto Sans: a box ≥ 1.3 × size
A4_WIDTH, A3_WIDTH = 595.28, 841.89
MARGIN = 14 * 72 / 25.4


def busy_december() -> tuple[PosterSession, ...]:
    """A real cabane's month: seven weekly sessions, holidays skipped, two events."""
    weekly = [
        (1, time(10), time(11, 30), "Massage bébé", ""),
        (1, time(14), time(16), "Café des parents", ""),
        (2, time(9, 30), time(11), "Atelier éveil musical", ""),
        (3, time(10), time(12), "Permanence puéricultrice de PMI", ""),
        (3, time(14), time(15, 30), "Lecture d'albums", "Médiathèque Elsa-Triolet, 2 rue de Paris"),
        (4, time(10), time(11, 30), "Motricité libre", ""),
        (5, time(10), time(12), "Jeux en famille", ""),
    ]
    sessions = []
    day = DECEMBER[0]
    while day <= DECEMBER[1]:
        for weekday, starts, ends, activity, place in weekly:
            holiday = day.day in (24, 25, 31) or (activity == "Motricité libre" and day.day > 18)
            if day.weekday() == weekday and not holiday:
                sessions.append(PosterSession(day, starts, ends, activity, place))
        day += timedelta(days=1)
    sessions.append(
        PosterSession(
            date(2026, 12, 12), time(14), time(17), "Sortie au parc", "Parc de la Poudrerie"
        )
    )
    sessions.append(PosterSession(date(2026, 12, 16), time(18), time(20), "Soirée conte", ""))
    return tuple(sessions)


def poster_data(sessions: tuple[PosterSession, ...], **changes: object) -> PosterData:
    values: dict[str, object] = {
        "cabane_name": "Cabane de Tremblay-en-France",
        "address": "Centre social Louise-Michel, 12 rue de la Liberté, 93290 Tremblay-en-France",
        "opening_hours": "Mardi et jeudi 9 h – 17 h, samedi 10 h – 12 h",
        "title": "Programme de décembre 2026",
        "sessions": sessions,
        "web_address": "https://cabanes.seine-saint-denis.fr/tremblay",
        "languages": ("fr", "ar", "ta", "bn", "tr", "zh"),
        "period": DECEMBER,
    }
    values.update(changes)
    return PosterData(**values)  # type: ignore[arg-type]


def sizes_of(boxes: list[tuple[int, float, float, float, float, str]], word: str) -> list[float]:
    return [(b[4] - b[2]) / EM for b in boxes if b[5] == word]


# ----- the weekly pattern


def test_a_month_is_said_as_its_weekly_pattern_with_the_weeks_it_skips() -> None:
    blocks = {block.heading: block for block in pattern_blocks(busy_december(), DECEMBER)}
    tuesday = blocks["Chaque mardi"]
    spans = [(e.span.replace("\u00a0", " "), e.activity, e.notes) for e in tuesday.entries]
    assert spans == [
        ("10 h – 11 h 30", "Massage bébé", ()),  # every Tuesday of December
        ("14 h – 16 h", "Café des parents", ()),
    ]
    thursday = blocks["Chaque jeudi"].entries
    assert thursday[0].notes == ("sauf les 24 et 31 décembre",)
    assert thursday[1].notes == (
        "sauf les 24 et 31 décembre",
        "Lieu : Médiathèque Elsa-Triolet, 2 rue de Paris",
    )
    assert blocks["Chaque vendredi"].entries[0].notes == ("sauf le 25 décembre",)
    # held once: by date, after the weekly pattern, with its place
    assert list(blocks)[-2:] == ["Samedi 12 décembre", "Mercredi 16 décembre"]
    assert blocks["Samedi 12 décembre"].entries[0].notes == ("Lieu : Parc de la Poudrerie",)


def test_a_session_held_some_weeks_only_lists_them() -> None:
    tuesdays = [date(2026, 12, 1), date(2026, 12, 15)]
    sessions = [PosterSession(d, time(10), time(11), "Massage bébé") for d in tuesdays]
    (block,) = pattern_blocks(sessions, DECEMBER)
    assert block.entries[0].notes == ("seulement les 1er et 15 décembre",)
    assert days_list([date(2026, 12, 29), date(2027, 1, 5), date(2027, 1, 12)]) == (
        "29 décembre et 5 et 12 janvier"
    )


def test_a_week_is_said_day_by_day() -> None:
    week = [s for s in busy_december() if s.day <= date(2026, 12, 6)]
    assert [block.heading for block in dated_blocks(week)][:2] == [
        "Mardi 1er décembre",
        "Mercredi 2 décembre",
    ]


# ----- the poster


@pytest.mark.parametrize(("size", "floor"), [("A4", 14.0), ("A3", 20.0)])
def test_a_busy_month_stays_readable_and_whole(size: str, floor: float, tmp_path: Path) -> None:
    """At or above the floor, bigger than the address, every session said, nothing cut."""
    pdf = build_poster(poster_data(busy_december()), size)
    text = pdftotext(pdf, tmp_path)
    flat = " ".join(text.split())
    assert "Chaque mardi" in flat and "sauf les 24 et 31 décembre" in flat
    for activity in ("Massage bébé", "Jeux en famille", "Sortie au parc", "Soirée conte"):
        assert activity in flat
    assert (
        "Lieu : Parc de la Poudrerie" in flat and "…" not in text and "autres séances" not in flat
    )
    boxes = word_boxes(pdf, tmp_path)
    programme = sizes_of(boxes, "Massage") + sizes_of(boxes, "Café")
    address = sizes_of(boxes, "Louise-Michel,")
    assert programme and min(programme) >= floor - 0.2
    assert address and max(address) < min(programme)


def test_what_cannot_fit_is_said_in_words(tmp_path: Path) -> None:
    """Forty different sessions a month: as many as fit at the floor, then how many more."""
    sessions = tuple(
        PosterSession(
            date(2026, 12, 1) + timedelta(days=i % 28),
            time(9 + i % 8),
            time(10 + i % 8),
            f"Atelier n° {i}",
        )
        for i in range(60)
    )
    text = " ".join(pdftotext(build_poster(poster_data(sessions)), tmp_path).split())
    assert "autres séances : le programme complet est à la cabane." in text
    assert "…" not in text


def test_a_day_going_on_in_the_next_column_says_which_day(tmp_path: Path) -> None:
    day = date(2026, 12, 1)
    sessions = tuple(
        PosterSession(day, time(8 + i // 2, 30 * (i % 2)), time(9 + i // 2), f"Atelier {i}")
        for i in range(22)
    )
    pdf = build_poster(poster_data(sessions, period=None))
    assert "Mardi 1er décembre (suite)" in " ".join(pdftotext(pdf, tmp_path).split())
    right = A4_WIDTH - MARGIN + 0.5  # the repeated heading is measured too
    assert all(box[3] <= right for box in word_boxes(pdf, tmp_path))


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_no_word_sticks_out_of_its_column(size: str, tmp_path: Path) -> None:
    """A long unbreakable name is cut with a hyphen at the floor, not drawn over the edge."""
    long_word = "Psychomotricité-éveil-sensoriel-des-tout-petits-avec-leurs-parents"
    sessions = tuple(
        replace(s, activity=long_word) if i % 3 == 0 else s for i, s in enumerate(busy_december())
    )
    pdf = build_poster(poster_data(sessions), size)
    width = A4_WIDTH if size == "A4" else A3_WIDTH
    scale = width / A4_WIDTH
    right = width - MARGIN * scale + 0.5
    boxes = word_boxes(pdf, tmp_path)
    assert all(b[3] <= right for b in boxes), [b for b in boxes if b[3] > right]
    middle = width / 2  # two columns: a word of the left one stops before the gutter
    left = [b for b in boxes if b[1] < middle - 20 and "Psycho" in b[5]]
    assert left and all(b[3] <= middle for b in left)


@pytest.mark.parametrize(("size", "floor"), [("A4", 20.0), ("A3", 28.0)])
def test_each_language_has_a_tile_big_enough_to_read(
    size: str, floor: float, tmp_path: Path
) -> None:
    pdf = build_poster(poster_data(busy_december()), size)
    boxes = word_boxes(pdf, tmp_path)
    for word in ("Gratuit", "Sans", "Ücretsiz", "Randevusuz"):
        found = sizes_of(boxes, word)
        assert found and min(found) >= floor - 0.3, word
    text = pdftotext(pdf, tmp_path)
    assert "இலவசம்" in text and "বিনামূল্যে" in text  # chosen languages only
    assert "Free" not in text.split()


def test_a_busy_month_flyer_loses_nothing(tmp_path: Path) -> None:
    text = " ".join(pdftotext(build_flyer(poster_data(busy_december())), tmp_path).split())
    for activity in ("Massage bébé", "Jeux en famille", "Sortie au parc", "Soirée conte"):
        assert activity in text
    assert "Chaque mardi" in text and "…" not in text and "autres séances" not in text
    assert "Lieu : Parc de la Poudrerie" in text
