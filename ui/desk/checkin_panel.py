"""The check-in form of the desk: one screen, keyboard-first, validation next to the fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.desk.checkin import (
    ADULT_ROLE_FIELDS,
    CHILD_BAND_FIELDS,
    MAX_COUNT,
    ValidationErrors,
    VisitDraft,
)
from models.desk.families import FamilyService
from models.store.base import PARIS, paris_now
from models.store.limits import NOTE_MAX
from ui.desk.checkin_fields import other_language_field, short_label
from ui.desk.family_picker import FamilyPicker
from ui.widgets.choices import Counter, OneOf, SeveralOf
from ui.widgets.commune import commune_box, commune_code, set_commune
from ui.widgets.forms import FormScroll, error_label, section, wheel_only_when_focused
from ui.widgets.texts import time_text, tr, validation_message
from ui.widgets.time_field import TimeField

if TYPE_CHECKING:
    from models.programme.programme import SessionInfo
    from ui.desk.family_data import FamilyDataServices


@dataclass(frozen=True)
class FormState:
    draft: VisitDraft
    editing_id: str | None
    time_touched: bool
    session_checked: bool


class CheckInPanel(QWidget):
    """Collects a VisitDraft. The main window saves it and calls ``reset`` or ``show_errors``."""

    saveRequested = Signal()
    clearRequested = Signal()
    orientRequested = Signal()

    def __init__(
        self,
        site_commune: str,
        families: FamilyService,
        parent: QWidget | None = None,
        family_data: Callable[[], FamilyDataServices] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkInPanel")
        self._site_commune = site_commune
        self.editing_id: str | None = None
        self._editing_arrival: datetime | None = None
        self._time_touched = False

        self.title = QLabel()
        self.title.setObjectName("editBanner")
        self.title.setWordWrap(True)  # a long banner never widens the window
        self.counters: dict[str, Counter] = {}
        adults = QHBoxLayout()
        adults.setSpacing(2)
        for role, field in ADULT_ROLE_FIELDS.items():
            counter = Counter(short_label(catalogues.adult_roles(), role), MAX_COUNT)
            self.counters[field] = counter
            adults.addWidget(counter)
        pregnant = self.counters["pregnant"] = Counter(tr("Dont enceintes"), MAX_COUNT)
        pregnant.setToolTip(
            tr("Parmi les mères / futures mères, combien sont enceintes (une seule touche suffit)")
        )
        adults.addWidget(pregnant)
        # A pregnant woman is a mother / future mother: « + » on « Dont enceintes » alone
        # counts her there too, and fewer mothers never leaves more pregnant women.
        mothers = self.counters["mothers"]
        pregnant.valueChanged.connect(lambda n: mothers.setValue(max(mothers.value(), n)))
        mothers.valueChanged.connect(lambda n: pregnant.setValue(min(pregnant.value(), n)))
        children = QHBoxLayout()
        children.setSpacing(2)
        for band, field in CHILD_BAND_FIELDS.items():
            counter = Counter(short_label(catalogues.age_bands(), band), MAX_COUNT)
            self.counters[field] = counter
            children.addWidget(counter)
        for counter in self.counters.values():
            counter.valueChanged.connect(self._clear_people_errors)
        self.people_error = error_label()

        answers = [(e.code, e.label) for e in catalogues.answers()]
        self.first_visit = OneOf(answers, "unknown")
        self.first_visit.setAccessibleName(tr("Première venue"))
        self.known_to_pmi = OneOf(answers, "unknown")
        self.known_to_pmi.setAccessibleName(tr("Connue de la PMI"))

        self.commune = commune_box(tr("Commune"), people=True)
        self.commune_error = error_label()

        self.arrival = TimeField()
        self.arrival.setAccessibleName(tr("Heure d'arrivée"))
        self.arrival.timeChanged.connect(self._time_typed)  # never emitted by the clock
        self.arrival_error = error_label()
        self._clock = QTimer(self)
        self._clock.setInterval(20_000)
        self._clock.timeout.connect(self._follow_clock)
        self._clock.start()

        self.channel = OneOf(
            [(e.code, e.short_label) for e in catalogues.channels() if e.active],
            "unknown",
            wrap=True,
        )
        self.channel.setAccessibleName(tr("Venue par"))

        self._language_labels = {e.code: e.label for e in catalogues.languages()}
        self.languages = SeveralOf(
            [(e.code, e.label) for e in catalogues.languages() if e.common and e.active]
        )
        self.languages.setAccessibleName(tr("Langues parlées"))
        self.other_language = other_language_field(self._add_language)
        self.languages.flow.addWidget(self.other_language)
        self.interpreter = QCheckBox(tr("Besoin d'un·e interprète"))
        self.interpreter.setMinimumHeight(32)
        self.languages.flow.addWidget(self.interpreter)

        self.reasons = SeveralOf(
            [(e.code, e.short_label) for e in catalogues.reasons() if e.active]
        )
        for entry in catalogues.reasons():
            if entry.code in self.reasons.buttons:
                self.reasons.buttons[entry.code].setToolTip(entry.label)
        self.reasons.setAccessibleName(tr("Motifs de la venue"))

        self.family = FamilyPicker(families, data=family_data)
        self.family.changed.connect(self._family_picked)
        self.family.usualChosen.connect(self._count_usual)

        # The programme's session going on now, preselected (DESIGN: the desk links the
        # check-in to it). ``current_session`` is set by the window once the desk is up.
        self.current_session: Callable[[], SessionInfo | None] | None = None
        self._session: SessionInfo | None = None
        self._editing_session_id: str | None = None
        self.session_button = QPushButton()
        self.session_button.setObjectName("choice")
        self.session_button.setCheckable(True)
        self.session_button.setMinimumHeight(34)
        self.session_button.setAccessibleName(tr("Passage pour la séance en cours"))
        self.session_button.hide()

        self.note = QLineEdit()
        self.note.setAccessibleName(tr("Note"))
        self.note.setPlaceholderText(
            tr("Note courte, facultative — jamais d'information de santé ni de nom")
        )
        self.note.textChanged.connect(self._note_changed)
        self.note_error = error_label()

        self.orient_button = QPushButton(tr("Orienter…"))
        self.orient_button.setObjectName("secondaryAction")
        self.orient_button.setToolTip(
            tr("Orienter vers un service de PMI ou un partenaire (enregistré avec le passage)")
        )
        self.orient_button.clicked.connect(self.orientRequested)
        self.clear_button = QPushButton(tr("Effacer (Échap)"))
        self.clear_button.setObjectName("secondaryAction")
        self.clear_button.clicked.connect(self.clearRequested)
        self.save_button = QPushButton(tr("Enregistrer le passage (Entrée)"))
        self.save_button.setObjectName("primaryAction")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.saveRequested)

        answers_row = QHBoxLayout()
        answers_row.addWidget(self.first_visit)
        answers_row.addSpacing(16)
        answers_row.addWidget(section(tr("Connue de la PMI ?")))
        answers_row.addWidget(self.known_to_pmi)
        answers_row.addStretch(1)
        where_row = QHBoxLayout()
        where_row.addWidget(self.commune, 1)
        where_row.addSpacing(16)
        where_row.addWidget(section(tr("Arrivée")))
        where_row.addWidget(self.arrival)
        where_row.addStretch(1)
        last_row = QHBoxLayout()
        last_row.addWidget(self.family, 1)
        last_row.addWidget(self.note, 1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        rows: list[tuple[str, QWidget | QHBoxLayout | None]] = [
            ("", self.session_button),
            (tr("Adultes"), adults),
            (tr("Enfants"), children),
            ("", self.people_error),
            (tr("Première venue ?"), answers_row),
            (tr("Commune"), where_row),
            ("", self.commune_error),
            ("", self.arrival_error),
            (tr("Venue par"), self.channel),
            (tr("Langues"), self.languages),
            (tr("Motifs"), self.reasons),
            (tr("Famille, note"), last_row),
            ("", self.note_error),
        ]
        for number, (caption, item) in enumerate(rows):
            if caption:
                grid.addWidget(section(caption), number, 0, Qt.AlignmentFlag.AlignTop)
            if isinstance(item, QWidget):
                grid.addWidget(item, number, 1)
            elif item is not None:
                grid.addLayout(item, number, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows), 1)

        form = QWidget()
        form.setLayout(grid)
        scroll = FormScroll(form)

        # The action row stays visible whatever the scroll; the window puts its
        # confirmation (with « Annuler ») just above it, in a place kept for it: a message
        # appearing never moves a button under the pointer.
        self.message_row = QHBoxLayout()
        self.action_row = QHBoxLayout()
        self.action_row.addStretch(1)
        self.action_row.addWidget(self.orient_button)
        self.action_row.addWidget(self.clear_button)
        self.action_row.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)  # shown only while correcting a saved visit
        layout.addWidget(scroll, 1)
        layout.addLayout(self.message_row)
        layout.addLayout(self.action_row)

        for keys in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._enter_pressed)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.clearRequested)
        self._wheel = wheel_only_when_focused(self)  # scrolling never changes a field
        self.reset()

    # ----- reading and filling the form

    def draft(self) -> VisitDraft:
        self.arrival.commit()  # a time typed then Entrée at once counts
        counts = {field: counter.value() for field, counter in self.counters.items()}
        return VisitDraft(
            arrived_at=self._arrival_moment(),
            first_visit=self.first_visit.value(),
            known_to_pmi=self.known_to_pmi.value(),
            commune=commune_code(self.commune),
            heard_via=self.channel.value(),
            languages=self.languages.values(),
            interpreter_needed=self.interpreter.isChecked(),
            reasons=self.reasons.values(),
            family_id=self.family.family.id if self.family.family else None,
            session_id=self._chosen_session(),
            note=self.note.text(),
            **counts,
        )

    def _chosen_session(self) -> str | None:
        if self.editing_id is not None and self._session is None:
            return self._editing_session_id
        if self._session is not None and self.session_button.isChecked():
            return self._session.id
        return None

    def refresh_session(self) -> None:
        """Show (checked) the session going on now, if any."""
        self._session = self.current_session() if self.current_session else None
        visible = self._session is not None and self.editing_id is None
        self.session_button.setVisible(visible)
        if self._session is not None:
            data = self._session.data
            self.session_button.setText(
                tr("Pour la séance en cours : {name} ({start}–{end})").format(
                    name=self._session.label,
                    start=time_text(data.starts_at),
                    end=time_text(data.ends_at),
                )
            )
            self.session_button.setChecked(True)

    def _arrival_moment(self) -> datetime:
        now = paris_now()
        base = self._editing_arrival or now
        if not self._time_touched:
            return base if self._editing_arrival else now
        chosen = self.arrival.time()
        return base.astimezone(PARIS).replace(
            hour=chosen.hour(), minute=chosen.minute(), second=0, microsecond=0
        )

    def load(self, visit_id: str, draft: VisitDraft) -> None:
        """Fill the form with a saved visit, to correct it."""
        self.reset()
        self.editing_id = visit_id
        self._editing_arrival = draft.arrived_at.astimezone(PARIS)
        self._fill(draft)
        self._editing_session_id = draft.session_id
        self._session = None
        self.session_button.hide()
        self._show_time(self._editing_arrival)
        self.title.setText(
            tr("Correction du passage de {time} — Entrée enregistre, Échap abandonne").format(
                time=time_text(self._editing_arrival)
            )
        )
        self.title.show()
        self.save_button.setText(tr("Enregistrer la correction (Entrée)"))
        self.clear_button.setText(tr("Abandonner (Échap)"))

    def state(self) -> FormState:
        """All the form holds, to put it back after Échap (Ctrl+Z)."""
        return FormState(
            self.draft(),
            self.editing_id,
            self._time_touched,
            self.session_button.isVisible() and self.session_button.isChecked(),
        )

    def is_blank(self, state: FormState) -> bool:
        """Nothing a person chose: the form as ``reset`` leaves it."""
        blank = VisitDraft(
            arrived_at=state.draft.arrived_at,
            commune=self._site_commune,
            session_id=state.draft.session_id,
        )
        return state.editing_id is None and not state.time_touched and state.draft == blank

    def put_back(self, state: FormState) -> None:
        """The form as it was before Échap: a correction goes on, a new visit too."""
        if state.editing_id is not None:
            self.load(state.editing_id, state.draft)
        else:
            self.reset()
            self._fill(state.draft)
            if state.time_touched:
                self._time_touched = True
                self._show_time(state.draft.arrived_at.astimezone(PARIS))
            self.session_button.setChecked(state.session_checked)

    def _fill(self, draft: VisitDraft) -> None:
        self.family.set_family_id(draft.family_id)  # first: what follows is the draft's
        for field, counter in self.counters.items():
            counter.setValue(draft.count(field))
        self.first_visit.setValue(draft.first_visit)
        self.known_to_pmi.setValue(draft.known_to_pmi)
        set_commune(self.commune, draft.commune)
        self.channel.setValue(draft.heard_via)
        self.languages.setValues(draft.languages, self._language_labels)
        self.interpreter.setChecked(draft.interpreter_needed)
        self.reasons.setValues(draft.reasons, {})
        self.note.setText(draft.note)

    def reset(self) -> None:
        """Empty form for the next family; the site's commune and French preselected."""
        self.editing_id = None
        self._editing_arrival = None
        self._time_touched = False
        for counter in self.counters.values():
            counter.setValue(0)
        self.first_visit.reset()
        self.known_to_pmi.reset()
        set_commune(self.commune, self._site_commune)
        self.channel.reset()
        self.languages.propose(("fr",), self._language_labels)
        self.other_language.clear()
        self.interpreter.setChecked(False)
        self.reasons.setValues((), {})
        self.family.clear()
        self.note.clear()
        self._show_time(paris_now())
        self.show_errors(ValidationErrors())
        self._editing_session_id = None
        if self.current_session is not None:
            self.refresh_session()
        self.title.setText("")
        self.title.hide()
        self.save_button.setText(tr("Enregistrer le passage (Entrée)"))
        self.clear_button.setText(tr("Effacer (Échap)"))
        first = self.counters["mothers"]
        if self.isVisible():
            first.setFocus()

    def _show_time(self, moment: datetime) -> None:
        self.arrival.blockSignals(True)
        self.arrival.setTime(QTime(moment.hour, moment.minute))
        self.arrival.blockSignals(False)

    def _follow_clock(self) -> None:
        # Never while the person is in the field: what they are typing stays.
        if not self._time_touched and self.editing_id is None and not self.arrival.hasFocus():
            self._show_time(paris_now())
        self._follow_session()

    def _follow_session(self) -> None:
        """A session that starts (or ends) shows (or hides) « Pour la séance en cours »
        within the clock's tick, without waiting for the next family."""
        if self.current_session is None or self.editing_id is not None:
            return
        now = self.current_session()
        if (now.id if now else None) != (self._session.id if self._session else None):
            self.refresh_session()

    def _time_typed(self) -> None:
        self._time_touched = True

    def _add_language(self, text: str) -> None:
        for code, label in self._language_labels.items():
            if label.lower() == text.strip().lower():
                self.languages.add_option(code, label).setChecked(True)
                break
        QTimer.singleShot(0, self.other_language.clear)

    # ----- validation shown next to the fields

    def show_pending_orientations(self, count: int) -> None:
        self.orient_button.setText(
            tr("Orienter… ({n})").format(n=count) if count else tr("Orienter…")
        )

    def show_errors(self, errors: ValidationErrors) -> None:
        by_field = errors.by_field
        people = [by_field[k] for k in ("people", "pregnant", *self.counters) if k in by_field]
        self._set_error(self.people_error, people[0] if people else None)
        self._set_error(self.commune_error, by_field.get("commune"))
        self._set_error(self.arrival_error, by_field.get("arrived_at"))
        # The family and the session have no line of their own: said on the note's line.
        beside_note = (
            by_field.get("note") or by_field.get("family_id") or by_field.get("session_id")
        )
        self._set_error(self.note_error, beside_note)
        for field, counter in self.counters.items():
            invalid = field in by_field
            if bool(counter.property("invalid")) != invalid:
                counter.setProperty("invalid", invalid)
                counter.style().unpolish(counter)  # only on change: polishing is slow
                counter.style().polish(counter)

    @staticmethod
    def _set_error(label: QLabel, code: str | None) -> None:
        label.setText(validation_message(code) if code else "")
        label.setVisible(code is not None)

    def _clear_people_errors(self) -> None:
        if self.people_error.isVisible():
            self.people_error.hide()

    def _note_changed(self, text: str) -> None:
        if len(text) > NOTE_MAX:
            self._set_error(self.note_error, "note_too_long")
        elif self.note_error.isVisible():
            self.note_error.hide()

    def _enter_pressed(self) -> None:
        """Entrée saves, except in a field that means something else (ui/widgets/keys.py)."""
        if self.other_language.hasFocus():
            if self.other_language.text().strip():
                self._add_language(self.other_language.text())
            return
        if self.family.search.hasFocus():
            self.family.pick_first()
            return
        self.saveRequested.emit()

    def _family_picked(self) -> None:
        """A known family has come before: « Première venue : Non », unless said otherwise."""
        if self.family.family is not None and self.first_visit.value() == "unknown":
            self.first_visit.setValue("no")

    def _count_usual(self, counts: dict[str, int]) -> None:
        for field, counter in self.counters.items():
            counter.setValue(counts.get(field, 0))

    def with_staff(self, staff_id: int | None) -> None:
        self.family.set_staff(staff_id)
