"""Programme des activités: a week of sessions, and the form to plan, repeat and count one."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.figures.calendar import iso_week_bounds, iso_week_of
from models.programme.programme import (
    ProgrammeError,
    SessionData,
    SessionInfo,
)
from models.store.base import PARIS
from ui.programme.programme_parts import (
    card_text,
    form_button,
    people_text,
)
from ui.programme.programme_services import ProgrammeServices
from ui.programme.session_form import SessionFormBase
from ui.widgets.forms import wheel_only_when_focused
from ui.widgets.palette import colour, themed
from ui.widgets.texts import capitalised, date_text, ntr, tr, week_text

DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
SESSION_ID = Qt.ItemDataRole.UserRole

LOCAL_STYLE = themed(
    """
QLabel#weekTitle { font-size: 13pt; font-weight: bold; color: @accent_dark; }
QLabel#dayHeader { font-weight: bold; padding: 2px 4px; }
QLabel#dayHeader[today="true"] { background: @accent; color: white; border-radius: 4px; }
QListWidget#dayList { border: 1px solid @border; border-radius: 4px; background: @surface; }
QListWidget#dayList::item { border: 1px solid @border_strong; border-radius: 5px; margin: 2px;
    padding: 2px 4px; background: white; }
QListWidget#dayList::item:selected { border: 2px solid @focus; color: black; }
QLabel#confirmation { color: @confirmed; font-weight: bold; padding: 4px 8px; }
QDateEdit, QSpinBox { min-height: 30px; }
"""
)


class ProgrammeWindow(SessionFormBase):
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
        # The whole form shows at 740 px high (style applied); smaller windows scroll it,
        # down to a 1280×720 screen with its title bar (ui/widgets/screen.py).
        scroll.setMinimumHeight(320)
        layout.addWidget(scroll, 0)
        layout.addLayout(self.action_row)
        self.form_area = scroll
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_session)
        self.show_week(*self._week)
        self.new_session()
        self._wheel = wheel_only_when_focused(self)  # scrolling never changes a field

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
        self.week_label.setText(capitalised(week_text(iso_year, iso_week)))
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
            item.setForeground(QBrush(colour("disabled_text")))
        elif info.data.status == "held":
            item.setBackground(QBrush(colour("green_light")))
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

    # --- actions ----------------------------------------------------------------------

    def _confirm(self, text: str) -> None:
        self.confirmation.setText(text)
        self.confirmation.setVisible(bool(text))

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
            text = tr("{added}, jusqu'au {day}.").format(
                added=ntr("%n séance(s) ajoutée(s)", len(made)),
                day=date_text(made[-1].data.starts_at),
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
            sheet = self._services.programme.signin_sheet(
                self._session_id, self.sheet_names.isChecked()
            )
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
