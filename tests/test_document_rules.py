"""No glyph crosses a rule, on any document: headings' rules, table lines, boxes, cut lines.

Ink is estimated from each word's baseline and size (tests/support/pdf.py); the rules are
the stroked horizontal lines of the page, followed through its transformations."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from models.orientations.orientations import NEUTRAL_HEADLINE
from models.programme.sheets import PosterSession
from printing.flyer import build_flyer
from printing.poster import build_poster
from printing.referral_slip import build_referral_slips
from printing.signin_sheet import build_signin_sheet
from tests.support.pdf import glyphs_crossing_rules, horizontal_rules, reader
from tests.test_poster_programme import busy_december, poster_data
from tests.test_referral_slip import CPAM, slip
from tests.test_signin_sheet import many, sheet


def a_long_day() -> tuple[PosterSession, ...]:
    day = date(2026, 12, 1)
    return tuple(
        PosterSession(day, time(8 + i // 2, 30 * (i % 2)), time(9 + i // 2), f"Éveil {i}")
        for i in range(22)
    )


def week() -> tuple[PosterSession, ...]:
    return tuple(s for s in busy_december() if s.day < date(2026, 12, 1) + timedelta(days=6))


def annual() -> bytes:
    from collections import Counter

    from models.exchange.annual_report import annual_report
    from models.exchange.row_figures import Figures
    from printing.annual_report import build_annual_report_pdf

    figures = Figures()
    figures.totals.update(visits=812, adults=950, children=880, first_visits=210, pregnant=3)
    figures.groups["visits_by_month"] = Counter({f"2025-{m:02d}": 40 + 9 * m for m in range(1, 13)})
    figures.groups["sessions_held_by_activity"] = Counter(open_welcome=180, baby_massage=40)
    report = annual_report(figures, 2025, "Cabane de Tremblay-en-France", publication=True)
    return build_annual_report_pdf(report, date(2026, 1, 5))


DOCUMENTS = {
    "bilan d'activité": annual,
    "affiche A4 du mois": lambda: build_poster(poster_data(busy_december()), "A4"),
    "affiche A3 du mois": lambda: build_poster(poster_data(busy_december()), "A3"),
    "affiche A4 de la semaine": lambda: build_poster(poster_data(week()), "A4"),
    "affiche d'un long mardi": lambda: build_poster(poster_data(a_long_day(), period=None)),
    "flyer du mois": lambda: build_flyer(poster_data(busy_december())),
    "fiches A6": lambda: build_referral_slips(
        [slip(first_name="أمينة", appointment="mardi 3 décembre à 14 h 30")]
    ),
    "fiches A5": lambda: build_referral_slips(
        [slip(first_name="சுமதி"), slip(partner=CPAM, theme=NEUTRAL_HEADLINE)], "a5x2"
    ),
    "feuille avec les noms": lambda: build_signin_sheet(
        sheet(registrations=("சுமதி", "أمينة بن علي", *many(30)))
    ),
    "feuille sans les noms": lambda: build_signin_sheet(sheet(print_names=False)),
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_glyph_crosses_a_rule(name: str, tmp_path: Path) -> None:
    pdf = DOCUMENTS[name]()
    pages = len(reader(pdf).pages)
    assert any(horizontal_rules(pdf, page) for page in range(pages))  # there are rules
    assert glyphs_crossing_rules(pdf, tmp_path) == []
