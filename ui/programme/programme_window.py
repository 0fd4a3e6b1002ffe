"""Programme des activités: a week of sessions, and the form to plan, repeat and count one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.figures.calendar import iso_week_bounds, iso_week_of
from models.orientations.partners import PartnerDirectory
from models.programme.programme import (
    TITLE_MAX,
    ProgrammeError,
    ProgrammeService,
    SessionData,
    SessionInfo,
)
from models.store.base import PARIS
from ui.programme.poster_actions import PosterBar, SaveSettings
from ui.programme.programme_parts import (
    card_text,
    date_edit,
    error_message,
    field_error_label,
    form_button,
    people_text,
    time_edit,
    to_qdate,
)
from ui.widgets.choices import OneOf, SeveralOf
from ui.widgets.texts import date_text, tr, week_text

DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
SESSION_ID = Qt.ItemDataRole.UserRole

LOCAL_STYLE = """
QLabel#weekTitle { font-size: 13pt; font-weight: bold; color: #1d4e6b; }
QLabel#dayHeader { font-weight: bold; padding: 2px 4px; }
QLabel#dayHeader[today="true"] { background: #1d6fa5; color: white; border-radius: 4px; }
QListWidget#dayList { border: 1px solid #c8d3dc; border-radius: 4px; background: #fafcfd; }
QListWidget#dayList::item { border: 1px solid #9fb3c2; border-radius: 5px; margin: 2px;
    padding: 2px 4px; background: white; }
QListWidget#dayList::item:selected { border: 2px solid #f0a000; color: black; }
QLabel#confirmation { color: #2d6b3a; font-weight: bold; padding: 4px 8px; }
QDateEdit, QSpinBox { min-height: 30px; }
"""


@dataclass
class ProgrammeServices:
    programme: ProgrammeService
    partners: PartnerDirectory
    staff_id: Callable[[], int | None]
    now: Callable[[], datetime]
    # (web address, logo) of the posters; None where the settings cannot be changed
    save_poster_settings: SaveSettings | None = None


class ProgrammeWindow(QDialog):
    """The week's sessions in seven columns; the selected (or new) one in the form below."""

    def __init__(self, services: ProgrammeServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._session_id: str | None = None
        self._week = iso_week_of(services.now())
        self.preview: QDialog | None = None
        self.setModal(False)
        self.setWindowTitle(tr("Programme des activités"))
        self.setStyleSheet(LOCAL_STYLE)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_week_bar())
        layout.addLayout(self._build_days(), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        form = self._build_form()
        scroll.setWidget(form)
        # The whole form shows at 740 px high (style applied); smaller windows scroll it.
        scroll.setMinimumHeight(400)
        layout.addWidget(scroll, 0)
        layout.addLayout(self.action_row)
        self.form_area = scroll
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_session)
        self.show_week(*self._week)
        self.new_session()

    # --- week view -------------------------------------------------------------------

    def _build_week_bar(self) -> QHBoxLayout:
        self.prev_button = form_button(tr("◀ Semaine &précédente"), lambda: self._shift_week(-1))
        self.next_button = form_button(tr("Semaine &suivante ▶"), lambda: self._shift_week(1))
        self.this_week_button = form_button(tr("Cette se&maine"), self._go_to_this_week)
        self.week_label = QLabel()
        self.week_label.setObjectName("weekTitle")
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(self.week_label, 1)
        bar.addWidget(self.next_button)
        bar.addWidget(self.this_week_button)
        return bar

    def _build_days(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(4)
        self.day_headers: list[QLabel] = []
        self.day_lists: list[QListWidget] = []
        for column in range(7):
            header = QLabel()
            header.setObjectName("dayHeader")
            listing = QListWidget()
            listing.setObjectName("dayList")
            listing.setMinimumHeight(110)
            listing.setWordWrap(True)
            listing.setTextElideMode(Qt.TextElideMode.ElideNone)
            listing.setResizeMode(QListWidget.ResizeMode.Adjust)
            listing.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.itemClicked.connect(self._item_chosen)
            listing.currentItemChanged.connect(lambda item, _old: self._item_chosen(item))
            grid.addWidget(header, 0, column)
            grid.addWidget(listing, 1, column)
            grid.setColumnStretch(column, 1)
            self.day_headers.append(header)
            self.day_lists.append(listing)
            listing.viewport().installEventFilter(self)
        grid.setRowStretch(1, 1)
        return grid

    def week_monday(self) -> date:
        return iso_week_bounds(*self._week)[0].date()

    def show_week(self, iso_year: int, iso_week: int) -> None:
        self._week = (iso_year, iso_week)
        start, end = iso_week_bounds(iso_year, iso_week)
        sunday = (end - timedelta(days=1)).date()
        self.week_label.setText(
            tr("{week} — du {first} au {last}").format(
                week=week_text(iso_year, iso_week),
                first=start.strftime("%d/%m"),
                last=sunday.strftime("%d/%m"),
            )
        )
        today = self._services.now().astimezone(PARIS).date()
        by_day: list[list[SessionInfo]] = [[] for _ in range(7)]
        for info in self._services.programme.between(start, end):
            by_day[info.data.starts_at.astimezone(PARIS).weekday()].append(info)
        for column, (header, listing) in enumerate(
            zip(self.day_headers, self.day_lists, strict=True)
        ):
            day = start.date() + timedelta(days=column)
            header.setText(f"{tr(DAY_NAMES[column])} {day.strftime('%d/%m')}")
            header.setProperty("today", day == today)
            header.style().unpolish(header)
            header.style().polish(header)
            listing.setAccessibleName(
                tr("Séances du {day}").format(
                    day=f"{tr(DAY_NAMES[column])} {day.strftime('%d/%m')}"
                )
            )
            listing.blockSignals(True)
            listing.clear()
            for info in by_day[column]:
                listing.addItem(self._card(info))
            listing.blockSignals(False)
            self._fit_cards(listing)
        self._mark_selected()

    def _card(self, info: SessionInfo) -> QListWidgetItem:
        item = QListWidgetItem(card_text(info))
        item.setData(SESSION_ID, info.id)
        item.setToolTip(card_text(info))
        font = item.font()
        if info.data.status == "cancelled":
            font.setStrikeOut(True)
            item.setForeground(QBrush(QColor("#888888")))
        elif info.data.status == "held":
            item.setBackground(QBrush(QColor("#e3f1e6")))
        item.setFont(font)
        return item

    def _fit_cards(self, listing: QListWidget) -> None:
        """Heights from the wrapped text: the view's own estimate cuts the last line."""
        width = max(listing.viewport().width() - 20, 60)
        metrics = listing.fontMetrics()
        for row in range(listing.count()):
            item = listing.item(row)
            height = metrics.boundingRect(
                QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text()
            ).height()
            item.setSizeHint(QSize(width, height + 14))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            for listing in self.day_lists:
                if watched is listing.viewport():
                    self._fit_cards(listing)
        return super().eventFilter(watched, event)

    def _mark_selected(self) -> None:
        for listing in self.day_lists:
            listing.blockSignals(True)
            listing.clearSelection()
            listing.setCurrentRow(-1)
            for row in range(listing.count()):
                item = listing.item(row)
                if self._session_id and item.data(SESSION_ID) == self._session_id:
                    listing.setCurrentItem(item)
            listing.blockSignals(False)

    def _shift_week(self, weeks: int) -> None:
        self.show_week(*iso_week_of(iso_week_bounds(*self._week)[0] + timedelta(weeks=weeks)))

    def _go_to_this_week(self) -> None:
        self.show_week(*iso_week_of(self._services.now()))

    def session_texts(self, column: int) -> list[str]:
        listing = self.day_lists[column]
        return [listing.item(row).text() for row in range(listing.count())]

    def _item_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.select_session(str(item.data(SESSION_ID)))

    # --- form -------------------------------------------------------------------------

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

    def session_id(self) -> str | None:
        return self._session_id

    def new_session(self) -> None:
        now = self._services.now().astimezone(PARIS)
        monday = self.week_monday()
        day = now.date() if monday <= now.date() < monday + timedelta(days=7) else monday
        start = datetime.combine(day, time(10, 0), tzinfo=PARIS)
        self._fill(SessionData("parents_cafe", start, start + timedelta(hours=2)), None)
        self.activity.setFocus()

    def select_session(self, session_id: str) -> None:
        try:
            info = self._services.programme.get(session_id)
        except ProgrammeError as error:
            self._show_error(error)
            return
        self._fill(info.data, info)

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
        )

    # --- actions ----------------------------------------------------------------------

    def _confirm(self, text: str) -> None:
        self.confirmation.setText(text)
        self.confirmation.setVisible(bool(text))

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def _show_error(self, error: ProgrammeError) -> None:
        self._confirm("")
        label = self.errors.get(error.field, self.errors["session"])
        label.setText(error_message(error.field, error.code))
        label.show()

    def _show_saved(self, info: SessionInfo, text: str) -> None:
        self.show_week(*iso_week_of(info.data.starts_at))
        self._fill(info.data, info)
        self._confirm(text)

    def save(self) -> None:
        self._clear_errors()
        programme, staff = self._services.programme, self._services.staff_id()
        try:
            if self._session_id is None:
                info = programme.create(self.draft(), staff)
            else:
                info = programme.update(self._session_id, self.draft(), staff)
        except ProgrammeError as error:
            self._show_error(error)
            return
        self._show_saved(info, tr("Séance enregistrée."))

    def duplicate(self) -> None:
        if self._session_id is None:
            return
        self._clear_errors()
        day: date = self.duplicate_date.date().toPython()  # type: ignore[assignment]
        starts: time = self.starts.time().toPython()  # type: ignore[assignment]
        try:
            info = self._services.programme.duplicate(
                self._session_id,
                datetime.combine(day, starts, tzinfo=PARIS),
                self._services.staff_id(),
            )
        except ProgrammeError as error:
            self._show_error(error)
            return
        self._show_saved(
            info, tr("Copie enregistrée le {day}.").format(day=date_text(info.data.starts_at))
        )

    def repeat(self) -> None:
        if self._session_id is None:
            return
        self._clear_errors()
        until: date = self.repeat_until.date().toPython()  # type: ignore[assignment]
        try:
            made = self._services.programme.repeat_weekly(
                self._session_id, until, self._services.staff_id()
            )
        except ProgrammeError as error:
            self._show_error(error)
            return
        self.show_week(*self._week)
        if made:
            text = tr("{n} séance(s) ajoutée(s), jusqu'au {day}.").format(
                n=len(made), day=date_text(made[-1].data.starts_at)
            )
        else:
            text = tr("Aucune séance ajoutée : choisissez une date plus lointaine.")
        self._confirm(text)

    def save_attendance(self) -> None:
        if self._session_id is None:
            return
        self._clear_errors()
        try:
            info = self._services.programme.set_attendance(
                self._session_id,
                self.adults.value(),
                self.children_count.value(),
                self._services.staff_id(),
            )
        except ProgrammeError as error:
            self._show_error(error)
            return
        self._show_saved(
            info,
            tr("Présence enregistrée : {people}.").format(
                people=people_text(info.adults, info.children)
            ),
        )

    def print_activity_flyer(self) -> None:
        """An A5 flyer (two per A4) of the selected session's activity and its next dates."""
        if self._session_id is None:
            return
        from printing.flyer import build_flyer
        from ui.widgets.pdf_preview import preview_in_background

        data = self._services.programme.activity_flyer(self._session_id)
        preview_in_background(
            lambda: build_flyer(data),
            tr("Flyer de l'activité"),
            "flyer-activite.pdf",
            self,
            self._keep_preview,
        )

    def print_sheet(self) -> None:
        if self._session_id is None:
            return
        from printing.signin_sheet import build_signin_sheet
        from ui.widgets.pdf_preview import preview_in_background

        try:
            sheet = self._services.programme.signin_sheet(self._session_id)
        except ProgrammeError as error:
            self._show_error(error)
            return
        name = f"emargement-{sheet.day.isoformat()}-{sheet.starts.strftime('%Hh%M')}.pdf"
        preview_in_background(
            lambda: build_signin_sheet(sheet),
            tr("Feuille d'émargement"),
            name,
            self,
            self._keep_preview,
        )

    def _keep_preview(self, dialog: QDialog) -> None:
        self.preview = dialog
