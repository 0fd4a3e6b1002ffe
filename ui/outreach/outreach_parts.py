"""What the outreach pages share: their services, the counters' texts, and how a refusal
and the totals are said."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QLabel,
)

from models.desk.sites import StaffMember
from models.outreach.outreach import Outing, OutreachLog
from ui.widgets.texts import ntr, outreach_message, tr

# (counter, button text, the count in words) — the order of the keys 1 to 5.
COUNTER_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("adults", "+1 adulte", "%n adulte(s)"),
    ("children", "+1 enfant", "%n enfant(s)"),
    ("pregnant", "+1 femme enceinte", "%n femme(s) enceinte(s)"),
    ("flyers", "+1 flyer donné", "%n flyer(s) donné(s)"),
    ("conversations", "+1 conversation", "%n conversation(s)"),
)


@dataclass
class OutreachServices:
    log: OutreachLog
    staff: Callable[[], list[StaffMember]]
    site_commune: str
    staff_id: Callable[[], int | None]


def totals_text(outing: Outing) -> str:
    """« 12 adultes, 9 enfants, 1 femme enceinte, 2 orientations »; zeros left out."""
    parts = []
    for counter, _button, words in COUNTER_TEXTS:
        n = outing.counts.get(counter, 0)
        if n:
            parts.append(ntr(words, n))
    oriented = sum(outing.orientations.values())
    if oriented:
        parts.append(ntr("%n orientation(s)", oriented))
    return ", ".join(parts) if parts else tr("aucun contact compté")


def show_code_error(label: QLabel, code: str | None) -> None:
    label.setText(outreach_message(code) if code else "")
    label.setVisible(bool(code))


def title_label(text: str, name: str = "sectionTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    return label
