"""Aller-vers: start a street outing, then count contacts tap by tap with big buttons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.desk.sites import StaffMember
from models.outreach.outreach import COUNTERS, Outing, OutreachError, OutreachLog, orientation_key
from models.store.limits import NOTE_MAX
from ui.widgets.choices import SeveralOf
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.forms import error_label
from ui.widgets.search import search_as_you_type
from ui.widgets.texts import date_text, time_text, tr

PARIS = ZoneInfo("Europe/Paris")

# Read in the street, at arm's length: the counting buttons are much larger than the desk's.
LOCAL_STYLE = """
QPushButton#countTap { font-size: 17pt; font-weight: bold; min-height: 120px;
    background: #e6f0f7; border: 2px solid #1d6fa5; border-radius: 10px; padding: 6px; }
QPushButton#countTap:pressed { background: #1d6fa5; color: white; }
QPushButton#countTap:focus { border: 4px solid #f0a000; }
QPushButton#undoTap { font-size: 13pt; font-weight: bold; min-height: 56px;
    background: #fff3cd; border: 2px solid #d9a400; border-radius: 8px; padding: 4px 16px; }
QPushButton#undoTap:disabled { background: #f2f2f2; border-color: #cccccc; color: #888888; }
QPushButton#orientationTap { border: 1px solid #9fb3c2; border-radius: 6px; background: white;
    min-height: 34px; padding: 2px 10px; }
QPushButton#orientationTap[nonzero="true"] { background: #e3f1e6; border-color: #4a9a5c;
    font-weight: bold; }
QPushButton#orientationTap:focus { border: 2px solid #f0a000; }
QPushButton#primaryAction { font-size: 12pt; min-height: 56px; }
QLabel#countingPlace { font-size: 15pt; font-weight: bold; color: #1d4e6b; }
QLabel#noteWarning { color: #8a5a00; font-weight: bold; }
"""

# (counter, button text, singular, plural) — the order of the keys 1 to 5.
COUNTER_TEXTS: tuple[tuple[str, str, str, str], ...] = (
    ("adults", "+1 adulte", "adulte", "adultes"),
    ("children", "+1 enfant", "enfant", "enfants"),
    ("pregnant", "+1 femme enceinte", "femme enceinte", "femmes enceintes"),
    ("flyers", "+1 flyer donné", "flyer donné", "flyers donnés"),
    ("conversations", "+1 conversation", "conversation", "conversations"),
)
assert tuple(c[0] for c in COUNTER_TEXTS) == COUNTERS


@dataclass
class OutreachServices:
    log: OutreachLog
    staff: Callable[[], list[StaffMember]]
    site_commune: str
    staff_id: Callable[[], int | None]


def error_message(code: str) -> str:
    messages = {
        "required": tr("Indiquez le lieu de la sortie."),
        "too_long": tr("Trop long : raccourcissez le texte."),
        "unknown": tr("Choisissez dans la liste."),
        "in_future": tr("L'heure de début est dans le futur : corrigez-la."),
        "out_of_range": tr("Rien à annuler : ce compteur est déjà à 0 (ou au maximum)."),
        "before_start": tr("L'heure de fin est avant le début de la sortie."),
    }
    return messages.get(code, tr("Valeur à corriger."))


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


def _show_error(label: QLabel, code: str | None) -> None:
    label.setText(error_message(code) if code else "")
    label.setVisible(bool(code))


def _title(text: str, name: str = "sectionTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    return label


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
        self.place_error = error_label()
        self.quick_places = QWidget()
        self.quick_flow = FlowLayout(self.quick_places, spacing=5)
        self.place_buttons: dict[str, QPushButton] = {}

        self.commune = QComboBox()
        self.commune.setEditable(True)
        self.commune.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.commune.setAccessibleName(tr("Commune"))
        self.commune.setMinimumWidth(260)
        towns = [e for e in catalogues.communes() if e.active and e.code.startswith("93")]
        for entry in sorted(towns, key=lambda e: e.label):
            self.commune.addItem(entry.label, entry.code)
        for entry in catalogues.communes():
            if entry.active and not entry.code.startswith("93"):
                self.commune.addItem(entry.label, entry.code)
        search_as_you_type(self.commune)
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
        layout.addWidget(_title(tr("Nouvelle sortie"), "panelTitle"))
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        layout.addLayout(start_row)
        layout.addWidget(_title(tr("Sorties récentes")))
        layout.addWidget(recent_scroll, 1)

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
            _show_error(label, None)
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
        _show_error(self.place_error, by_field.get("place"))
        _show_error(self.commune_error, by_field.get("commune"))
        _show_error(self.time_error, by_field.get("started_at"))
        if error and error.field == "place":
            self.place.setFocus()


class CountingPage(QWidget):
    """Five big buttons, the undo of the last tap, orientations given on the spot, a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("countingPlace")
        self.heading.setWordWrap(True)
        self.message = error_label()
        self.count_buttons: dict[str, QPushButton] = {}
        taps = QGridLayout()
        taps.setSpacing(8)
        for index, (counter, _text, _one, _many) in enumerate(COUNTER_TEXTS):
            button = QPushButton()
            button.setObjectName("countTap")
            button.setAutoDefault(False)
            button.setMinimumHeight(120)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setToolTip(tr("Touche {key}").format(key=index + 1))
            self.count_buttons[counter] = button
            taps.addWidget(button, 0, index)
        self.undo_button = QPushButton(tr("Annuler le dernier"))
        self.undo_button.setObjectName("undoTap")
        self.undo_button.setAutoDefault(False)
        self.undo_button.setToolTip(tr("Ctrl+Z ou Retour arrière"))
        self.finish_button = QPushButton(tr("Terminer la sortie"))
        self.finish_button.setObjectName("primaryAction")
        self.finish_button.setAutoDefault(False)
        hint = QLabel(tr("Au clavier : touches 1 à 5, Ctrl+Z pour annuler."))
        actions = QHBoxLayout()
        actions.addWidget(self.undo_button)
        actions.addWidget(hint, 1)
        actions.addWidget(self.finish_button)

        self.orientation_buttons: dict[str, QPushButton] = {}
        self.orientation_labels: dict[str, str] = {}
        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.setSpacing(4)
        for kind, title, entries in (
            ("pmi", tr("Services de la PMI"), catalogues.pmi_services()),
            ("partner", tr("Partenaires"), catalogues.partner_types()),
        ):
            rows_layout.addWidget(QLabel(title))
            holder = QWidget()
            flow = FlowLayout(holder, spacing=4)
            for entry in entries:
                if not entry.active:
                    continue
                key = orientation_key(kind, entry.code)
                button = QPushButton()
                button.setObjectName("orientationTap")
                button.setAutoDefault(False)
                button.setProperty("nonzero", False)
                self.orientation_buttons[key] = button
                # « Santé mentale (CMP, CMPP, CAMSP) » → « Santé mentale »; the full label as tip.
                self.orientation_labels[key] = entry.short_label.split(" (")[0]
                button.setToolTip(entry.label)
                flow.addWidget(button)
            rows_layout.addWidget(holder)
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(rows)

        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setAccessibleName(tr("Note de la sortie"))
        self.note.setPlaceholderText(tr("Note (météo, lieu, partenaires rencontrés…)"))
        warning = QLabel(tr("Pas de nom, pas d'information de santé"))
        warning.setObjectName("noteWarning")
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(tr("Note")))
        note_row.addWidget(self.note, 1)
        note_row.addWidget(warning)

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(taps)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(_title(tr("Orientations données sur place")))
        layout.addWidget(scroll, 1)
        layout.addLayout(note_row)

    def show_outing(self, outing: Outing) -> None:
        for index, (counter, text, _one, _many) in enumerate(COUNTER_TEXTS):
            n = outing.counts.get(counter, 0)
            button = self.count_buttons[counter]
            button.setText(f"{tr(text)}\n({n})")
            button.setAccessibleName(
                tr("{text}, touche {key} : {n} comptés").format(text=tr(text), key=index + 1, n=n)
            )
        for key, button in self.orientation_buttons.items():
            n = outing.orientations.get(key, 0)
            label = self.orientation_labels[key]
            button.setText(f"{label}  ({n})" if n else label)
            button.setAccessibleName(tr("Orientation {label} : {n}").format(label=label, n=n))
            if button.property("nonzero") != bool(n):
                button.setProperty("nonzero", bool(n))
                button.style().unpolish(button)
                button.style().polish(button)


class OutreachWindow(QDialog):
    """« Aller-vers »: non-modal; every tap is committed at once by the service."""

    def __init__(self, services: OutreachServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._outing: Outing | None = None
        self._taps: list[tuple[str, str]] = []  # ("counter" | "orientation", key), last on top
        self.setWindowTitle(tr("Aller-vers"))
        self.setModal(False)
        self.setStyleSheet(LOCAL_STYLE)
        self.start_page = StartPage(services)
        self.counting = CountingPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.counting)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.start_page.start_button.clicked.connect(self.start_outing)
        for counter, button in self.counting.count_buttons.items():
            button.clicked.connect(lambda _=False, c=counter: self.tap("counter", c))
        for key, button in self.counting.orientation_buttons.items():
            button.clicked.connect(lambda _=False, k=key: self.tap("orientation", k))
        self.counting.undo_button.clicked.connect(self.undo_last)
        self.counting.finish_button.clicked.connect(self.finish_outing)
        self.counting.note.editingFinished.connect(self.save_note)
        self.start_page.resumeRequested.connect(self.resume)
        self.start_page.reset()
        self.resize(1100, 700)

    def outing(self) -> Outing | None:
        return self._outing

    def start_outing(self) -> None:
        page = self.start_page
        try:
            outing = self._services.log.start(
                page.place.text(),
                page.commune_code(),
                staff_present=page.staff_present(),
                started_at=page.started_at(),
                staff_id=self._services.staff_id(),
            )
        except OutreachError as error:
            page.show_error(error)
            return
        page.show_error(None)
        page.summary.hide()
        self._enter_counting(outing)

    def resume(self, outing_id: str) -> None:
        try:
            outing = self._services.log.get(outing_id)
        except OutreachError:
            self.start_page.refresh()
            return
        self._enter_counting(outing)

    def _enter_counting(self, outing: Outing) -> None:
        self._outing = outing
        self._taps = []
        labels = {e.code: e.label for e in catalogues.communes()}
        self.counting.heading.setText(
            tr("Sortie en cours : {place}, {commune} — depuis {time}").format(
                place=outing.place,
                commune=labels.get(outing.commune, ""),
                time=time_text(outing.started_at),
            )
        )
        self.counting.note.setText(outing.note)
        _show_error(self.counting.message, None)
        self.counting.show_outing(outing)
        self.counting.undo_button.setEnabled(False)
        self.pages.setCurrentWidget(self.counting)
        self.counting.count_buttons["adults"].setFocus()

    def tap(self, kind: str, key: str, delta: int = 1) -> None:
        """One +1 (or −1 when undoing) saved at once; the buttons show what was saved."""
        if self._outing is None:
            return
        log = self._services.log
        try:
            if kind == "counter":
                outing = log.count(self._outing.id, key, delta)
            else:
                outing = log.count_orientation(self._outing.id, key, delta)
        except OutreachError as error:
            _show_error(self.counting.message, error.code)
            return
        _show_error(self.counting.message, None)
        if delta > 0:
            self._taps.append((kind, key))
        self._outing = outing
        self.counting.show_outing(outing)
        self.counting.undo_button.setEnabled(bool(self._taps))

    def undo_last(self) -> None:
        if not self._taps:
            return
        kind, key = self._taps.pop()
        self.tap(kind, key, -1)
        self.counting.undo_button.setEnabled(bool(self._taps))

    def save_note(self) -> None:
        if self._outing is None or self.counting.note.text().strip() == self._outing.note:
            return
        try:
            self._outing = self._services.log.set_note(self._outing.id, self.counting.note.text())
        except OutreachError as error:
            _show_error(self.counting.message, error.code)

    def finish_outing(self) -> None:
        if self._outing is None:
            return
        self.save_note()
        try:
            outing = self._services.log.finish(self._outing.id, staff_id=self._services.staff_id())
        except OutreachError as error:
            _show_error(self.counting.message, error.code)
            return
        self._outing = None
        self._taps = []
        page = self.start_page
        page.reset()
        page.summary.setText(tr("Sortie terminée : {totals}.").format(totals=totals_text(outing)))
        page.summary.show()
        self.pages.setCurrentWidget(page)
        page.place.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys 1 to 5 count, Ctrl+Z or Backspace undo — on the counting page only."""
        if self.pages.currentWidget() is self.counting:
            key = event.key()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers == Qt.KeyboardModifier.NoModifier and Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                self.tap("counter", COUNTERS[key - Qt.Key.Key_1])
                return
            undo = key == Qt.Key.Key_Z and modifiers == Qt.KeyboardModifier.ControlModifier
            if undo or (key == Qt.Key.Key_Backspace and not modifiers):
                self.undo_last()
                return
        super().keyPressEvent(event)
