"""Starting an outing: place, commune, who goes, when."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.outreach.outreach import Outing, OutreachError
from models.store.base import PARIS
from ui.outreach.outreach_parts import OutreachServices, show_code_error, title_label, totals_text
from ui.widgets.choices import SeveralOf
from ui.widgets.commune import commune_box
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.forms import error_label, wheel_only_when_focused
from ui.widgets.keys import suggestion_on_enter
from ui.widgets.texts import date_text, time_text, tr


class StartPage(QWidget):
    """« Nouvelle sortie »: where, which commune, who, since when; and the recent outings."""

    resumeRequested = Signal(str)

    def __init__(self, services: OutreachServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._time_edited = False
        self.place = QLineEdit()
        self.place.setAccessibleName(tr("Lieu de la sortie"))
        self.place.setPlaceholderText(tr("Marché, sortie d'école, parc, centre d'hébergement…"))
        self.place.setMaxLength(120)
        self.place_completer = QCompleter([], self.place)
        self.place_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.place_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.place.setCompleter(self.place_completer)
        suggestion_on_enter(self.place_completer)
        self.place_error = error_label()
        self.quick_places = QWidget()
        self.quick_flow = FlowLayout(self.quick_places, spacing=5)
        self.place_buttons: dict[str, QPushButton] = {}

        self.commune = commune_box(tr("Commune"), people=True)
        self.commune.setMinimumWidth(260)
        self.commune_error = error_label()

        members = services.staff()
        self.staff = SeveralOf([(str(m.id), m.display_name) for m in members])
        self.staff.setAccessibleName(tr("Équipe présente"))

        self.start_time = QTimeEdit()
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setAccessibleName(tr("Heure de début"))
        self.start_time.timeChanged.connect(self._time_changed)
        self.time_error = error_label()

        self.start_button = QPushButton(tr("Commencer le comptage"))
        self.start_button.setObjectName("primaryAction")
        self.start_button.setDefault(True)
        self.summary = QLabel()
        self.summary.setObjectName("confirmation")
        self.summary.setWordWrap(True)
        self.summary.setMargin(8)
        self.summary.hide()

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        rows: list[tuple[str, QWidget, QLabel | None]] = [
            (tr("Lieu"), self.place, self.place_error),
            ("", self.quick_places, None),
            (tr("Commune"), self.commune, self.commune_error),
            (tr("Équipe présente"), self.staff, None),
            (tr("Début"), self.start_time, self.time_error),
        ]
        for row, (caption, widget, error) in enumerate(rows):
            if caption:
                label = QLabel(caption)
                label.setBuddy(widget)
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
            if error is not None:
                grid.addWidget(error, row, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.start_time.setMaximumWidth(120)

        self.resume_buttons: dict[str, QPushButton] = {}
        self.recent_scroll = recent_scroll = QScrollArea()
        recent_scroll.setWidgetResizable(True)
        recent_scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(tr("Nouvelle sortie"), "panelTitle"))
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        layout.addLayout(start_row)
        layout.addWidget(title_label(tr("Sorties récentes")))
        layout.addWidget(recent_scroll, 1)
        self._wheel = wheel_only_when_focused(self)  # scrolling never changes a field

    def reset(self) -> None:
        """Empty form: the site's commune, the person at the desk present, the time now."""
        self.place.clear()
        index = self.commune.findData(self._services.site_commune)
        self.commune.setCurrentIndex(max(index, 0))
        me = self._services.staff_id()
        for code, button in self.staff.buttons.items():
            button.setChecked(me is not None and code == str(me))
        self.start_time.blockSignals(True)
        now = datetime.now(PARIS)
        self.start_time.setTime(QTime(now.hour, now.minute))
        self.start_time.blockSignals(False)
        self._time_edited = False
        for label in (self.place_error, self.commune_error, self.time_error):
            show_code_error(label, None)
        self.refresh()

    def refresh(self) -> None:
        """Recent places (completer and quick picks) and recent outings, read again."""
        log = self._services.log
        places = log.recent_places(12)
        self.place_completer.model().setStringList(places)  # type: ignore[attr-defined]
        for button in self.place_buttons.values():
            self.quick_flow.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.place_buttons = {}
        for place in places[:6]:
            button = QPushButton(place)
            button.setObjectName("choice")
            button.setAccessibleName(tr("Lieu récent : {place}").format(place=place))
            button.clicked.connect(lambda _=False, p=place: self._pick_place(p))
            self.place_buttons[place] = button
            self.quick_flow.addWidget(button)
        self.quick_places.setVisible(bool(places))
        self._fill_recent(log.recent(8))

    def _fill_recent(self, outings: list[Outing]) -> None:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.resume_buttons = {}
        labels = {e.code: e.label for e in catalogues.communes()}
        if not outings:
            grid.addWidget(QLabel(tr("Aucune sortie pour l'instant.")), 0, 0)
        for row, outing in enumerate(outings):
            end = time_text(outing.ended_at) if outing.ended_at else tr("en cours")
            when = f"{date_text(outing.started_at)}  {time_text(outing.started_at)} – {end}"
            where = f"{outing.place} ({labels.get(outing.commune, '')})"
            for column, text in enumerate((when, where, totals_text(outing))):
                label = QLabel(text)
                label.setWordWrap(column == 2)
                grid.addWidget(label, row, column)
            if outing.ended_at is None:
                button = QPushButton(tr("Reprendre"))
                button.setObjectName("secondaryAction")
                button.setAccessibleName(tr("Reprendre la sortie {place}").format(place=where))
                button.clicked.connect(lambda _=False, i=outing.id: self.resumeRequested.emit(i))
                self.resume_buttons[outing.id] = button
                grid.addWidget(button, row, 3)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(outings) + 1, 1)
        self.recent_scroll.setWidget(box)  # the former list is deleted with its widget

    def _pick_place(self, place: str) -> None:
        self.place.setText(place)
        self.commune.setFocus()

    def _time_changed(self) -> None:
        self._time_edited = True

    def started_at(self) -> datetime | None:
        """None (now) unless the time was changed by hand: then today at that time."""
        if not self._time_edited:
            return None
        chosen = self.start_time.time()
        today = datetime.now(PARIS)
        return today.replace(hour=chosen.hour(), minute=chosen.minute(), second=0, microsecond=0)

    def commune_code(self) -> str:
        text = self.commune.currentText().strip()
        index = self.commune.findText(text, Qt.MatchFlag.MatchFixedString)
        return str(self.commune.itemData(index)) if index >= 0 else ""

    def staff_present(self) -> tuple[int, ...]:
        return tuple(int(code) for code in self.staff.values())

    def show_error(self, error: OutreachError | None) -> None:
        by_field = {error.field: error.code} if error else {}
        show_code_error(self.place_error, by_field.get("place"))
        show_code_error(self.commune_error, by_field.get("commune"))
        show_code_error(self.time_error, by_field.get("started_at"))
        if error and error.field == "place":
            self.place.setFocus()
