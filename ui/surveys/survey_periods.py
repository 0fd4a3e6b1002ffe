"""The periods a survey's results and the programme comparison are read over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QComboBox

from models.figures.calendar import day_range_bounds, this_month_bounds
from models.store.base import paris_now
from ui.widgets.texts import tr

SINCE_EVER = datetime(2020, 1, 1, tzinfo=UTC)


def period_box() -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(tr("Période"))
    for key, text in (
        ("3m", tr("Les 3 derniers mois")),
        ("month", tr("Ce mois-ci")),
        ("year", tr("Les 12 derniers mois")),
        ("all", tr("Depuis le début")),
    ):
        box.addItem(text, key)
    return box


def period_bounds(key: str, now: datetime | None = None) -> tuple[datetime, datetime]:
    now = now or paris_now()
    today = now.date()
    if key == "month":
        return this_month_bounds(now)
    if key == "3m":
        return day_range_bounds(today - timedelta(days=91), today)
    if key == "year":
        return day_range_bounds(today - timedelta(days=365), today)
    return SINCE_EVER, day_range_bounds(today, today)[1]
