"""The programme window's session form: its fields, filling them from a session, reading
them back as SessionData, and errors beside the fields. The week view is programme_window.py."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.figures.calendar import iso_week_bounds
from models.programme.programme import (
    TITLE_MAX,
    ProgrammeError,
    SessionData,
    SessionInfo,
)
from models.store.base import PARIS
from ui.programme.poster_actions import PosterBar
from ui.programme.programme_parts import (
    date_edit,
    field_error_label,
    form_button,
    people_text,
    time_edit,
    to_qdate,
)
from ui.programme.programme_services import ProgrammeServices
from ui.widgets.choices import OneOf, SeveralOf
from ui.widgets.texts import session_message, tr


class SessionFormBase(QDialog):
    """The form half of the programme window (ProgrammeWindow adds the week and the actions)."""

    _services: ProgrammeServices
    _session_id: str | None
    _week: tuple[int, int]

    # The actions the form's buttons call, done by ProgrammeWindow.
    def save(self) -> None:
        raise NotImplementedError

    def new_session(self) -> None:
        raise NotImplementedError

    def duplicate(self) -> None:
        raise NotImplementedError

    def repeat(self) -> None:
        raise NotImplementedError

    def save_attendance(self) -> None:
        raise NotImplementedError

    def print_sheet(self) -> None:
        raise NotImplementedError

    def print_activity_flyer(self) -> None:
        raise NotImplementedError

    def _confirm(self, text: str) -> None:
        raise NotImplementedError

    def _mark_selected(self) -> None:
        raise NotImplementedError

    def _build_form(self) -> QWidget:
        page = QWidget()
        self.form_title = QLabel()
        self.form_title.setObjectName("panelTitle")
        self.activity = QComboBox()
        self.activity.setAccessibleName(tr("Activité"))
        for entry in catalogues.activity_types():
            if entry.active:
                self.activity.addItem(entry.label, entry.code)
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX + 20)
        self.title.setPlaceholderText(tr("Facultatif (sinon, le nom de l'activité)"))
        self.title.setAccessibleName(tr("Titre de la séance"))
        self.day = date_edit(tr("Date de la séance"))
        self.starts = time_edit(tr("Début"))
        self.ends = time_edit(tr("Fin"))
        self.place = OneOf([("cabane", tr("À la cabane")), ("outside", tr("Ailleurs"))], "cabane")
        self.place.changed.connect(lambda _code: self._place_changed())
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("Adresse du lieu"))
        self.address.setAccessibleName(tr("Adresse du lieu"))
        self.facilitator = QLineEdit()
        self.facilitator.setMaxLength(120)
        self.facilitator.setPlaceholderText(tr("Prénom"))
        self.facilitator.setAccessibleName(tr("Animé par"))
        self.partner = QComboBox()
        self.partner.setAccessibleName(tr("Partenaire"))
        # how many led it, by kind: the funders' activity report counts them
        self.team = {kind: QSpinBox() for kind in ("salaried", "volunteers", "partner_staff")}
        for kind, name in zip(
            self.team,
            (tr("Salariés"), tr("Bénévoles"), tr("Intervenants de partenaires")),
            strict=True,
        ):
            self.team[kind].setRange(0, 20)
            self.team[kind].setAccessibleName(tr("Animateurs : {kind}").format(kind=name))
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 200)
        self.capacity.setSpecialValueText(tr("sans limite"))
        self.capacity.setAccessibleName(tr("Places"))
        self.age_min = QSpinBox()
        self.age_max = QSpinBox()
        for spin, name in ((self.age_min, tr("Âge de")), (self.age_max, tr("Âge jusqu'à"))):
            spin.setRange(0, 72)
            spin.setSuffix(tr(" mois"))
            spin.setAccessibleName(name)
        self.languages = SeveralOf(
            [(e.code, e.label) for e in catalogues.languages() if e.common and e.active]
        )
        self.status = OneOf([(e.code, e.label) for e in catalogues.session_statuses()], "planned")
        self.registrations = QPlainTextEdit()
        self.registrations.setPlaceholderText(tr("Un prénom ou un nom de famille par ligne"))
        self.registrations.setAccessibleName(tr("Inscriptions"))
        self.registrations.setTabChangesFocus(True)
        self.registrations.setFixedHeight(64)

        self.errors = {
            name: field_error_label()
            for name in (
                "activity",
                "title",
                "ends_at",
                "address",
                "partner",
                "facilitators",
                "capacity",
                "age",
                "languages",
                "status",
                "registrations",
                "session",
                "attendance",
            )
        }
        self.errors["starts_at"] = self.errors["ends_at"]
        self.errors["adults"] = self.errors["children"] = self.errors["attendance"]

        left = QGridLayout()
        left.setColumnStretch(1, 1)
        row = 0

        def add(
            label: str,
            widget: QWidget | QHBoxLayout,
            error: str | None = None,
            buddy: QWidget | None = None,
        ) -> None:
            nonlocal row
            caption = QLabel(label)
            left.addWidget(caption, row, 0)
            if isinstance(widget, QHBoxLayout):
                left.addLayout(widget, row, 1)
            else:
                left.addWidget(widget, row, 1)
            target = buddy or (widget if isinstance(widget, QWidget) else None)
            if target is not None:
                caption.setBuddy(target)
            row += 1
            if error:
                left.addWidget(self.errors[error], row, 1)
                row += 1

        add(tr("&Activité"), self.activity, "activity")
        add(tr("&Titre"), self.title, "title")
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(QLabel(tr("de")))
        when.addWidget(self.starts)
        when.addWidget(QLabel(tr("à")))
        when.addWidget(self.ends)
        when.addStretch(1)
        add(tr("&Date"), when, "ends_at", self.day)
        where = QHBoxLayout()
        where.addWidget(self.place)
        where.addWidget(self.address, 1)
        add(tr("Lieu"), where, "address")
        who = QHBoxLayout()
        who.addWidget(self.facilitator, 1)
        partner_caption = QLabel(tr("Pa&rtenaire"))
        partner_caption.setBuddy(self.partner)
        who.addWidget(partner_caption)
        who.addWidget(self.partner, 1)
        add(tr("A&nimé par"), who, "partner", self.facilitator)
        team = QHBoxLayout()
        for kind, said in zip(
            self.team, (tr("salariés"), tr("bénévoles"), tr("de partenaires")), strict=True
        ):
            team.addWidget(self.team[kind])
            team.addWidget(QLabel(said))
        team.addStretch(1)
        add(tr("Animateurs"), team, "facilitators")
        audience = QHBoxLayout()
        audience.addWidget(self.capacity)
        audience.addWidget(QLabel(tr("   Âges de")))
        audience.addWidget(self.age_min)
        audience.addWidget(QLabel(tr("à")))
        audience.addWidget(self.age_max)
        audience.addStretch(1)
        add(tr("P&laces"), audience, "capacity", self.capacity)
        left.addWidget(self.errors["age"], row, 1)
        row += 1
        add(tr("Langues"), self.languages, "languages")
        left.setRowStretch(row, 1)

        right = QVBoxLayout()
        status_line = QHBoxLayout()
        status_line.addWidget(QLabel(tr("Statut")))
        status_line.addWidget(self.status, 1)
        right.addLayout(status_line)
        right.addWidget(self.errors["status"])
        caption = QLabel(tr("&Inscriptions (facultatif)"))
        caption.setBuddy(self.registrations)
        right.addWidget(caption)
        right.addWidget(self.registrations)
        # Every family signing sees the sheet: the names go on it only when asked.
        self.sheet_names = QCheckBox(tr("Imprimer ces noms sur la feuille d'émargement"))
        self.sheet_names.setToolTip(tr("Sinon, des lignes vides : chaque famille voit la feuille"))
        right.addWidget(self.sheet_names)
        right.addWidget(self.errors["registrations"])
        right.addWidget(self._build_attendance())
        right.addLayout(self._build_copies())

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        self.save_button = form_button(tr("&Enregistrer"), self.save, "primaryAction")
        self.new_button = form_button(tr("Nouvelle s&éance"), self.new_session)
        self.sheet_button = form_button(tr("&Feuille d'émargement…"), self.print_sheet)
        self.activity_flyer_button = form_button(
            tr("Flyer de l'activité…"), self.print_activity_flyer
        )
        self.posters = PosterBar(
            self._services.programme,
            lambda: iso_week_bounds(*self._week),
            self._services.save_poster_settings,
        )
        self.poster_button = self.posters.poster_button
        self.flyer_button = self.posters.flyer_button
        self.confirmation = QLabel()
        self.confirmation.setObjectName("confirmation")
        self.confirmation.setWordWrap(True)
        self.confirmation.hide()
        actions = self.action_row = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.new_button)
        actions.addWidget(self.sheet_button)
        actions.addWidget(self.activity_flyer_button)
        actions.addWidget(self.posters)
        actions.addWidget(self.confirmation, 3)
        actions.addStretch(1)

        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 4, 0)
        top = QHBoxLayout()
        top.addWidget(self.form_title)
        top.addWidget(self.errors["session"], 1)
        column.addLayout(top)
        column.addLayout(columns)
        return page

    def _build_attendance(self) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.adults = QSpinBox()
        self.children_count = QSpinBox()
        for spin, name in (
            (self.adults, tr("Adultes présents")),
            (self.children_count, tr("Enfants")),
        ):
            spin.setRange(0, 500)
            spin.setAccessibleName(name)
        self.attendance_button = form_button(tr("Enregistrer la présen&ce"), self.save_attendance)
        self.attendance_source = QLabel()
        self.attendance_source.setWordWrap(True)
        line = QHBoxLayout()
        line.addWidget(QLabel(tr("adultes")))
        line.addWidget(self.adults)
        line.addWidget(QLabel(tr("enfants")))
        line.addWidget(self.children_count)
        line.addWidget(self.attendance_button)
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 2, 6, 2)
        column.setSpacing(2)
        title = QLabel(tr("Présents (feuille d'émargement) :"))
        title.setObjectName("sectionTitle")
        column.addWidget(title)
        column.addLayout(line)
        column.addWidget(self.attendance_source)
        column.addWidget(self.errors["attendance"])
        return box

    def _build_copies(self) -> QGridLayout:
        self.duplicate_date = date_edit(tr("Dupliquer au"))
        self.duplicate_button = form_button(tr("Dupli&quer au…"), self.duplicate)
        self.repeat_until = date_edit(tr("Répéter jusqu'au"))
        self.repeat_button = form_button(tr("Répéter chaque semaine &jusqu'au…"), self.repeat)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.duplicate_button, 0, 0)
        grid.addWidget(self.duplicate_date, 0, 1)
        grid.addWidget(self.repeat_button, 1, 0)
        grid.addWidget(self.repeat_until, 1, 1)
        grid.setColumnStretch(2, 1)
        return grid

    def _place_changed(self) -> None:
        outside = self.place.value() == "outside"
        self.address.setEnabled(outside)
        if outside:
            self.address.setFocus()

    def _load_partners(self, selected: int | None) -> None:
        self.partner.clear()
        self.partner.addItem(tr("Aucun"), None)
        for info in self._services.partners.search(""):
            self.partner.addItem(info.data.name, info.id)
        index = self.partner.findData(selected) if selected is not None else 0
        self.partner.setCurrentIndex(max(index, 0))

    def _fill(self, data: SessionData, info: SessionInfo | None) -> None:
        self._session_id = info.id if info else None
        self._clear_errors()
        self._confirm("")
        self.form_title.setText(
            tr("Séance : {label}").format(label=info.label) if info else tr("Nouvelle séance")
        )
        self.activity.setCurrentIndex(max(self.activity.findData(data.activity), 0))
        self.title.setText(data.title)
        start, end = data.starts_at.astimezone(PARIS), data.ends_at.astimezone(PARIS)
        self.day.setDate(to_qdate(start.date()))
        self.starts.setTime(QTime(start.hour, start.minute))
        self.ends.setTime(QTime(end.hour, end.minute))
        self.place.setValue("cabane" if data.at_cabane else "outside")
        self.address.setText(data.address)
        self.address.setEnabled(not data.at_cabane)
        self.facilitator.setText(data.facilitator)
        for kind, spin in self.team.items():
            spin.setValue(getattr(data, kind))
        self._load_partners(data.partner_id)
        self.capacity.setValue(data.capacity or 0)
        self.age_min.setValue(data.age_min_months)
        self.age_max.setValue(data.age_max_months)
        labels = {e.code: e.label for e in catalogues.languages()}
        self.languages.setValues(data.languages, labels)
        self.status.setValue(data.status)
        self.registrations.setPlainText("\n".join(data.registrations))
        self.duplicate_date.setDate(to_qdate(start.date() + timedelta(days=7)))
        self.repeat_until.setDate(to_qdate(start.date() + timedelta(weeks=4)))
        self.adults.setValue(info.adults if info else 0)
        self.children_count.setValue(info.children if info else 0)
        if info is None:
            self.attendance_source.clear()
        elif info.typed:
            self.attendance_source.setText(
                tr("Saisi d'après la feuille : {people}").format(
                    people=people_text(info.adults, info.children)
                )
            )
        else:
            self.attendance_source.setText(
                tr("D'après les passages : {people}").format(
                    people=people_text(info.adults, info.children)
                )
            )
        for widget in (
            self.duplicate_button,
            self.duplicate_date,
            self.repeat_button,
            self.repeat_until,
            self.sheet_button,
            self.activity_flyer_button,
            self.attendance_button,
            self.adults,
            self.children_count,
        ):
            widget.setEnabled(info is not None)
        self._mark_selected()

    def draft(self) -> SessionData:
        day: date = self.day.date().toPython()  # type: ignore[assignment]
        starts: time = self.starts.time().toPython()  # type: ignore[assignment]
        ends: time = self.ends.time().toPython()  # type: ignore[assignment]
        partner = self.partner.currentData()
        return SessionData(
            activity=str(self.activity.currentData()),
            starts_at=datetime.combine(day, starts, tzinfo=PARIS),
            ends_at=datetime.combine(day, ends, tzinfo=PARIS),
            title=self.title.text(),
            at_cabane=self.place.value() == "cabane",
            address=self.address.text(),
            facilitator=self.facilitator.text(),
            partner_id=int(partner) if partner is not None else None,
            capacity=self.capacity.value() or None,
            age_min_months=self.age_min.value(),
            age_max_months=self.age_max.value(),
            languages=self.languages.values(),
            status=self.status.value(),
            registrations=tuple(self.registrations.toPlainText().splitlines()),
            salaried=self.team["salaried"].value(),
            volunteers=self.team["volunteers"].value(),
            partner_staff=self.team["partner_staff"].value(),
        )

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def _show_error(self, error: ProgrammeError) -> None:
        self._confirm("")
        label = self.errors.get(error.field, self.errors["session"])
        label.setText(session_message(error.field, error.code))
        label.show()
