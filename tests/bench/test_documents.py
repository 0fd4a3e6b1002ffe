"""Documents (DESIGN.md §9): an A3 month poster ≤ 0.5 s, a 5-page sign-in sheet ≤ 0.3 s."""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta
from datetime import time as clock

import pytest

from tests.bench.conftest import Recorder

pytestmark = pytest.mark.bench

RUNS = 5


def _timed(build) -> list[float]:  # type: ignore[no-untyped-def]
    from printing.multilingual import forget_measures

    build()  # fonts registered once per process, as in the app
    times = []
    for _ in range(RUNS):
        forget_measures()  # each document measured from scratch, as a new one would be
        started = time.perf_counter()
        build()
        times.append(time.perf_counter() - started)
    return times


def test_a3_month_poster(record: Recorder) -> None:
    from models.programme.sheets import PosterData, PosterSession
    from printing.poster import build_poster

    first = date(2026, 12, 1)
    sessions = tuple(
        PosterSession(
            first + timedelta(days=i % 30),
            clock(10),
            clock(12, 30),
            "Causerie thématique : le sommeil du tout-petit et les écrans à la maison",
        )
        for i in range(40)
    )
    data = PosterData(
        "Cabane des Lilas",
        "Cité des Sentes, 93260 Les Lilas",
        "Mardi et jeudi 9 h – 17 h",
        "Programme de décembre 2026",
        sessions,
        "https://example.org/lilas",
    )
    times = _timed(lambda: build_poster(data, "A3"))
    worst = max(times)
    record(
        "poster_a3",
        label="A3 month poster, 40 sessions, 6 languages (worst of 5)",
        measured=f"{worst * 1000:.0f} ms (median {statistics.median(times) * 1000:.0f} ms)",
        budget="≤ 0,5 s",
        ok=worst <= 0.5,
        figures={"seconds": times},
    )
    assert worst <= 0.5


def test_five_page_signin_sheet(record: Recorder) -> None:
    from models.programme.sheets import SignInSheet
    from printing.signin_sheet import build_signin_sheet

    sheet = SignInSheet(
        "Cabane des Lilas",
        "Cité des Sentes, 93260 Les Lilas",
        "Café des parents",
        "Café des parents",
        date(2026, 12, 1),
        clock(14),
        clock(16),
        "À la cabane",
        registrations=tuple(f"Parent {n}" for n in range(40)),
        blank_rows=12,
    )
    pages = build_signin_sheet(sheet).count(b"/Type /Page\n") or None
    times = _timed(lambda: build_signin_sheet(sheet))
    worst = max(times)
    record(
        "signin_sheet",
        label="5-page sign-in sheet (worst of 5)",
        measured=f"{worst * 1000:.0f} ms (median {statistics.median(times) * 1000:.0f} ms)",
        budget="≤ 0,3 s",
        ok=worst <= 0.3,
        figures={"seconds": times, "pages": pages},
    )
    assert worst <= 0.3
