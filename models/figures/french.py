"""French dates and times for documents and screens, whatever the machine's locale."""

from __future__ import annotations

from datetime import date, time

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: date) -> str:
    """« mardi 1 décembre 2026 »."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def french_time(moment: time) -> str:
    """« 14 h 00 »."""
    return f"{moment.hour} h {moment.minute:02d}"


def month_title(day: date) -> str:
    """« Programme de décembre 2026 »."""
    return f"Programme de {MONTHS[day.month - 1]} {day.year}"
