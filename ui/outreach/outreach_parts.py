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
from ui.widgets.texts import outreach_message, tr

# (counter, button text, singular, plural) — the order of the keys 1 to 5.
COUNTER_TEXTS: tuple[tuple[str, str, str, str], ...] = (
    ("adults", "+1 adulte", "adulte", "adultes"),
    ("children", "+1 enfant", "enfant", "enfants"),
    ("pregnant", "+1 femme enceinte", "femme enceinte", "femmes enceintes"),
    ("flyers", "+1 flyer donné", "flyer donné", "flyers donnés"),
    ("conversations", "+1 conversation", "conversation", "conversations"),
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
    for counter, _button, one, many in COUNTER_TEXTS:
        n = outing.counts.get(counter, 0)
        if n:
            parts.append(f"{n} {tr(one) if n == 1 else tr(many)}")
    oriented = sum(outing.orientations.values())
    if oriented:
        parts.append(f"{oriented} {tr('orientation') if oriented == 1 else tr('orientations')}")
    return ", ".join(parts) if parts else tr("aucun contact compté")


def show_code_error(label: QLabel, code: str | None) -> None:
    label.setText(outreach_message(code) if code else "")
    label.setVisible(bool(code))


def title_label(text: str, name: str = "sectionTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    return label
