"""Small pieces of the programme window: French texts of a session and form widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton, QTimeEdit

from models.programme.programme import SessionInfo
from ui.widgets.texts import ntr, time_text, tr


def people_text(adults: int, children: int) -> str:
    """« 12 adultes, 9 enfants »."""
    return f"{ntr('%n adulte(s)', adults)}, {ntr('%n enfant(s)', children)}"


def card_text(info: SessionInfo) -> str:
    data = info.data
    lines = [f"{time_text(data.starts_at)}–{time_text(data.ends_at)} {info.label}"]
    if data.status == "cancelled":
        lines.append(tr("Annulée"))
    elif data.status == "held":
        lines.append(people_text(info.adults, info.children))
    else:
        if not data.at_cabane:
            lines.append(tr("Ailleurs : {address}").format(address=data.address))
        if data.registrations:
            count = len(data.registrations)
            lines.append(ntr("%n inscrit(s)", count))
    return "\n".join(lines)


def field_error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    return edit


def time_edit(name: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    return edit


def form_button(text: str, slot: Callable[[], Any], name: str = "secondaryAction") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _=False: slot())
    return button
