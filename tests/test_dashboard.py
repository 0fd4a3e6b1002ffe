"""The cabane's dashboard: period figures equal the indicators, periods in Paris time, window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.demo import add_other_known_sites
from models.desk.checkin import CheckInService, VisitDraft
from models.figures.calendar import (
    day_range_bounds,
    iso_week_bounds,
    this_month_bounds,
    this_week_bounds,
    today_bounds,
)
from models.figures.dashboard import SHARED_KEYS, period_figures, visits_per_week
from models.figures.indicators import weekly_indicators
from models.orientations.orientations import OrientationService
from models.orientations.partners import PartnerDirectory
from models.outreach.outreach import OutreachLog
from models.store.base import PARIS

STAFF = 1
# The dashboard's clock in these tests: Saturday of ISO week 2026-S48, Paris time.
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=PARIS)


def paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def record(desk, when: datetime, site_id: int | None = None, **fields) -> str:  # type: ignore[no-untyped-def]
    fields.setdefault("mothers", 1)
    service = CheckInService(desk.factory, desk.site.id if site_id is None else site_id)
    return service.record(VisitDraft(arrived_at=when, **fields), STAFF)


def figures(desk, start: datetime, end: datetime):  # type: ignore[no-untyped-def]
    return period_figures(desk.factory, desk.site.id, start, end)


@pytest.fixture
def busy_week(desk):  # type: ignore[no-untyped-def]
    """Visits, orientations, referrals and outings in and around 2026-S47 (16–22 Nov)."""
    first = record(
        desk,
        paris("2026-11-16T00:00"),  # the week's first instant
        mothers=1,
        pregnant=1,
        children_6_11m=1,
        first_visit="yes",
        known_to_pmi="no",
    )
    second = record(
        desk,
        paris("2026-11-18T14:30"),
        fathers=1,
        other_adults=1,
        children_0_5m=2,
        children_3_5y=1,
        first_visit="no",
        known_to_pmi="yes",
    )
    record(desk, paris("2026-11-22T23:59"), mothers=2, children_6y_plus=1, known_to_pmi="no")
    record(desk, paris("2026-11-15T23:59"), mothers=3)  # Sunday of S46
    record(desk, paris("2026-11-23T00:00"), mothers=4)  # Monday of S48
    (other_site, _code), *_ = add_other_known_sites(desk.factory, desk.site.code)
    record(desk, paris("2026-11-18T10:00"), site_id=other_site, mothers=5)
    orientations = OrientationService(desk.factory, desk.site.id)
    orientations.orient(first, "vaccination", None)
    orientations.orient(first, "child_follow_up", None)
    orientations.orient(second, "vaccination", None)
    caf = PartnerDirectory(desk.factory).search("caf")[0].id
    orientations.refer(second, caf, "family_benefits")
    log = OutreachLog(desk.factory, desk.site.id)
    outing = log.start("Marché", desk.site.commune, started_at=paris("2026-11-19T10:00"))
    for counter in ("adults", "adults", "children", "pregnant", "flyers"):
        log.count(outing.id, counter)
    log.start("Gare", desk.site.commune, started_at=paris("2026-11-24T10:00"))  # S48
    return desk


# --- the figures equal the indicators -------------------------------------------------------


def test_a_whole_iso_week_gives_the_weekly_indicators_of_that_week(busy_week) -> None:  # type: ignore[no-untyped-def]
    desk = busy_week
    indicators = weekly_indicators(desk.factory, desk.site.id, 2026, 47)
    shown = figures(desk, *iso_week_bounds(2026, 47))
    for key in SHARED_KEYS:
        assert getattr(shown, key) == getattr(indicators, key), key
    # and the figures are the right ones, not merely equal
    assert (shown.visits, shown.adults, shown.children, shown.pregnant) == (3, 6, 5, 1)
    assert (shown.first_visits, shown.not_known_to_pmi) == (1, 2)
    assert shown.children_by_age == {
        "0-5m": 2,
        "6-11m": 1,
        "12-23m": 0,
        "24-35m": 0,
        "3-5y": 1,
        "6y+": 1,
    }
    assert shown.orientations_by_service == {"child_follow_up": 1, "vaccination": 2}
    assert shown.referrals_by_partner_type == {"caf": 1}
    # The pregnant woman met is one of the three adults (one tap counts her in both).
    assert shown.outreach == {"outings": 1, "adults": 3, "children": 1, "pregnant": 1, "flyers": 1}
    assert shown.outreach_contacts == 4
    assert (shown.orientations, shown.referrals) == (3, 1)
    assert shown.visits_by_weekday_hour == {(1, 0): 1, (3, 14): 1, (7, 23): 1}


def test_several_whole_weeks_are_the_sum_of_their_weekly_indicators(busy_week) -> None:  # type: ignore[no-untyped-def]
    desk = busy_week
    start, _ = iso_week_bounds(2026, 46)
    _, end = iso_week_bounds(2026, 48)
    shown = figures(desk, start, end)
    weeks = [weekly_indicators(desk.factory, desk.site.id, 2026, w) for w in (46, 47, 48)]
    for key in ("visits", "adults", "children", "pregnant", "first_visits", "not_known_to_pmi"):
        assert getattr(shown, key) == sum(getattr(w, key) for w in weeks), key
    assert shown.outreach["outings"] == sum(w.outreach["outings"] for w in weeks) == 2


def test_a_single_day_counts_only_that_day_in_paris_time(busy_week) -> None:  # type: ignore[no-untyped-def]
    desk = busy_week
    sunday = figures(desk, *today_bounds(paris("2026-11-22T12:00")))
    assert (sunday.visits, sunday.adults, sunday.children) == (1, 2, 1)
    nothing = figures(desk, *today_bounds(paris("2026-11-17T12:00")))
    assert nothing.visits == 0
    assert nothing.children_by_age == dict.fromkeys(nothing.children_by_age, 0)
    assert len(nothing.children_by_age) == 6


def test_a_naive_or_reversed_period_is_refused(desk) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="naive_datetime"):
        figures(desk, datetime(2026, 11, 1), datetime(2026, 11, 2))
    with pytest.raises(ValueError, match="end_before_start"):
        figures(desk, NOW, NOW - timedelta(days=1))


# --- periods in Paris time -------------------------------------------------------------------


def test_today_this_week_and_this_month_in_paris_time() -> None:
    assert today_bounds(NOW) == (paris("2026-11-28T00:00"), paris("2026-11-29T00:00"))
    assert this_week_bounds(NOW) == (paris("2026-11-23T00:00"), paris("2026-11-30T00:00"))
    assert this_month_bounds(NOW) == (paris("2026-11-01T00:00"), paris("2026-12-01T00:00"))


def test_late_evening_in_utc_is_already_the_next_day_and_month_in_paris() -> None:
    moment = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 1 December, 00:30 in Paris
    assert today_bounds(moment) == (paris("2026-12-01T00:00"), paris("2026-12-02T00:00"))
    assert this_week_bounds(moment) == (paris("2026-11-30T00:00"), paris("2026-12-07T00:00"))
    assert this_month_bounds(moment) == (paris("2026-12-01T00:00"), paris("2027-01-01T00:00"))
    sunday_night = datetime(2026, 11, 29, 22, 59, tzinfo=UTC)  # Sunday 23:59 Paris
    assert this_week_bounds(sunday_night)[0] == paris("2026-11-23T00:00")


def test_the_month_of_the_clock_change_has_one_hour_less() -> None:
    start, end = this_month_bounds(paris("2026-03-15T12:00"))
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(days=31, hours=-1)
    assert day_range_bounds(paris("2026-03-02").date(), paris("2026-03-02").date()) == (
        paris("2026-03-02T00:00"),
        paris("2026-03-03T00:00"),
    )
    with pytest.raises(ValueError, match="naive_datetime"):
        today_bounds(datetime(2026, 11, 28, 9, 0))


# --- visits per week -------------------------------------------------------------------------


def test_visits_per_week_counts_the_last_26_iso_weeks_of_the_site(busy_week) -> None:  # type: ignore[no-untyped-def]
    desk = busy_week
    record(desk, paris("2026-06-01T09:00"))  # Monday of S23, the oldest week shown
    record(desk, paris("2026-05-31T23:59"))  # Sunday of S22: too old
    weeks = visits_per_week(desk.factory, desk.site.id, now=NOW)
    assert len(weeks) == 26
    assert weeks[0] == ((2026, 23), 1)
    assert weeks[-1] == ((2026, 48), 1)
    found = dict(weeks)
    assert (found[(2026, 46)], found[(2026, 47)]) == (1, 3)  # not the other site's visit
    assert sum(found.values()) == 6
    across_years = visits_per_week(
        desk.factory, desk.site.id, weeks=3, now=paris("2027-01-06T12:00")
    )
    assert [week for week, _n in across_years] == [(2026, 52), (2026, 53), (2027, 1)]


# --- the window --------------------------------------------------------------------------


def window_services(desk, calls: list[tuple[datetime, datetime]] | None = None):  # type: ignore[no-untyped-def]
    from ui.dashboard.dashboard import DashboardServices

    def figures_of(start: datetime, end: datetime):  # type: ignore[no-untyped-def]
        if calls is not None:
            calls.append((start, end))
        return period_figures(desk.factory, desk.site.id, start, end)

    return DashboardServices(
        figures=figures_of,
        visits_per_week=lambda: visits_per_week(desk.factory, desk.site.id, now=NOW),
        now=lambda: NOW,
    )


def open_window(qtbot, services):  # type: ignore[no-untyped-def]
    from desktop.app import make_application
    from ui.dashboard.dashboard import DashboardWindow

    make_application()
    window = DashboardWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.computations >= 1 and not window.busy)
    return window


def shown(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {code: label.text() for code, label in window.figure_labels.items()}


def wait_for(qtbot, window, start: datetime) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: not window.busy and window.figures is not None and window.figures.start == start
    )


@pytest.fixture
def this_month(desk):  # type: ignore[no-untyped-def]
    """Two visits today (as the test clock says), one this week, one this month, one before."""
    record(desk, paris("2026-11-28T08:10"), mothers=1, children_6_11m=1, first_visit="yes")
    record(desk, paris("2026-11-28T08:40"), fathers=1, known_to_pmi="no")
    visit = record(desk, paris("2026-11-24T10:00"), mothers=1, pregnant=1)
    record(desk, paris("2026-11-02T15:00"), other_adults=2, children_3_5y=2)
    record(desk, paris("2026-10-30T10:00"), mothers=1)
    OrientationService(desk.factory, desk.site.id).orient(visit, "vaccination", None)
    return desk


def test_the_window_shows_the_figures_of_each_period(qtbot, this_month) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate, Qt

    window = open_window(qtbot, window_services(this_month))
    assert window.windowTitle() == "Tableau de bord de la cabane"
    assert not window.isModal()
    figures_today = shown(window)
    assert figures_today["visits"] == "2"
    assert figures_today["adults"] == "3"  # the helper adds a mother when none is given
    assert figures_today["first_visits"] == "1"
    assert figures_today["not_known_to_pmi"] == "1"
    assert window.period_label.text() == "Samedi 28 novembre 2026"

    qtbot.mouseClick(window.period_buttons["week"], Qt.MouseButton.LeftButton)
    wait_for(qtbot, window, paris("2026-11-23T00:00"))
    assert shown(window)["visits"] == "3"
    assert shown(window)["pregnant"] == "1"
    assert shown(window)["orientations"] == "1"
    assert "Vaccination" in window.breakdowns["orientations_by_service"].text()
    assert window.start_edit.text() == "23/11/2026"
    assert window.end_edit.text() == "29/11/2026"

    qtbot.mouseClick(window.period_buttons["month"], Qt.MouseButton.LeftButton)
    wait_for(qtbot, window, paris("2026-11-01T00:00"))
    assert shown(window)["visits"] == "4"
    assert shown(window)["children"] == "3"
    assert "3 à 5 ans" in window.breakdowns["children_by_age"].text()

    window.start_edit.setDate(QDate(2026, 10, 30))
    window.end_edit.setDate(QDate(2026, 11, 2))
    wait_for(qtbot, window, paris("2026-10-30T00:00"))
    assert window.period_buttons["chosen"].isChecked()
    assert window.figures is not None and window.figures.end == paris("2026-11-03T00:00")
    assert shown(window)["visits"] == "2"
    assert window.period_label.text() == ("Du vendredi 30 octobre 2026 au lundi 2 novembre 2026")


def test_refresh_after_a_check_in_updates_the_figures(qtbot, this_month) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, window_services(this_month))
    before = window.computations
    record(this_month, paris("2026-11-28T08:55"), mothers=1, children_0_5m=1)
    window.refresh()
    qtbot.waitUntil(lambda: window.computations > before and not window.busy)
    assert shown(window)["visits"] == "3"
    assert shown(window)["children"] == "2"


def test_refresh_runs_at_most_one_computation_at_a_time(qtbot, this_month) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[datetime, datetime]] = []
    window = open_window(qtbot, window_services(this_month, calls))
    calls.clear()
    before = window.computations
    for _ in range(5):
        window.refresh()
    qtbot.waitUntil(lambda: window.computations > before and not window.busy)
    # The first refresh computes; the four asked meanwhile make one more computation,
    # whose figures are the ones shown.
    assert len(calls) == 2
    assert window.computations == before + 1


def test_the_charts_show_weeks_busy_hours_and_age_bands(qtbot, this_month) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window = open_window(qtbot, window_services(this_month))
    qtbot.mouseClick(window.period_buttons["month"], Qt.MouseButton.LeftButton)
    wait_for(qtbot, window, paris("2026-11-01T00:00"))
    weeks = window.week_chart().series()
    assert len(weeks) == 1
    bars = weeks[0].barSets()[0]
    assert bars.count() == 26
    assert [bars.at(i) for i in range(22, 26)] == [1.0, 0.0, 0.0, 3.0]  # S45–S48
    axis = window.week_chart().axes(Qt.Orientation.Horizontal)[0]
    assert axis.categories()[-1] == "S48"
    assert axis.titleText() == "Semaine (2026)"
    ages = window.age_chart().series()
    assert len(ages) == 1
    age_bars = ages[0].barSets()[0]
    assert [age_bars.at(i) for i in range(age_bars.count())] == [0, 1, 0, 0, 2, 0]
    table = window.heat_map
    saturday = 5
    eight = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index("8 h")
    assert table.item(saturday, eight).text() == "2"
    assert table.verticalHeaderItem(saturday).text() == "Samedi"


def test_a_failed_computation_is_said_in_french(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import make_application
    from ui.dashboard.dashboard import DashboardServices, DashboardWindow

    def broken(start: datetime, end: datetime):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk")

    make_application()
    window = DashboardWindow(DashboardServices(broken, lambda: [], lambda: NOW))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "pas pu être calculés" in window.status.text())
    assert not window.busy
