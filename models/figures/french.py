"""French dates and times for documents and screens, whatever the machine's locale."""

from __future__ import annotations

from datetime import date, time, timedelta

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
# as a chart's axis writes them
MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def day_number(day: date) -> str:
    """« 1er », « 2 », « 31 »: the first of the month is written « 1er » in French."""
    return "1er" if day.day == 1 else str(day.day)


def french_span(first: date, last: date) -> str:
    """« du 23 au 29 novembre 2026 », « du 30 novembre au 6 décembre 2026 »,
    « du 28 décembre 2026 au 3 janvier 2027 »: the words of a poster, never « S48 »."""
    end = f"{day_number(last)} {MONTHS[last.month - 1]} {last.year}"
    if first.year != last.year:
        start = f"{day_number(first)} {MONTHS[first.month - 1]} {first.year}"
    elif first.month != last.month:
        start = f"{day_number(first)} {MONTHS[first.month - 1]}"
    else:
        start = day_number(first)
    return f"du {start} au {end}"


def week_title(monday: date) -> str:
    """« Programme du 30 novembre au 6 décembre 2026 »: the whole period, with the year."""
    return f"Programme {french_span(monday, monday + timedelta(days=6))}"


def french_date(day: date) -> str:
    """« mardi 1er décembre 2026 », « mercredi 2 décembre 2026 »."""
    return f"{WEEKDAYS[day.weekday()]} {day_number(day)} {MONTHS[day.month - 1]} {day.year}"


NBSP = "\u00a0"


def times_kept_together(text: str) -> str:
    """« 8 h 30 » typed in a text never breaks across two lines on a document."""
    import re

    return re.sub(
        r"(\d{1,2}) ?h ?(\d{2})?\b", lambda m: NBSP.join(filter(None, (m[1], "h", m[2]))), text
    )


def french_time(moment: time) -> str:
    """« 14 h », « 14 h 30 »: one time format on every document, never « 14 h 00 », and
    never broken across two lines (non-breaking spaces)."""
    hours = f"{moment.hour}{NBSP}h"
    return hours if not moment.minute else f"{hours}{NBSP}{moment.minute:02d}"


def month_title(day: date) -> str:
    """« Programme de décembre 2026 »."""
    return f"Programme de {MONTHS[day.month - 1]} {day.year}"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """« 1 fichier », « 0 fichier », « 3 fichiers » (French: 0 and 1 are singular).

    ``singular`` may hold several words agreeing with the count (« famille connue »); the
    plural adds an « s » to each unless given."""
    if count < 2:
        return f"{count} {singular}"
    return f"{count} {plural or ' '.join(word + 's' for word in singular.split())}"
