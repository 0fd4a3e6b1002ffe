"""Posters and flyers from the programme window: the period, the size, and the settings
they use (the QR code's web address, the logo picture)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import catalogues
from models.figures.calendar import month_bounds
from models.figures.french import month_title, week_title
from models.programme.programme import ProgrammeService
from ui.widgets.choices import SeveralOf
from ui.widgets.texts import tr

# web address, logo, the cabane's phone, themes the team marks discreet on slips, languages
# of posters and flyers (() = the most spoken); raises ValueError with .code on bad input
SaveSettings = Callable[[str, bytes | None, str, tuple[str, ...], tuple[str, ...]], None]
MAX_LANGUAGES = 6  # as models.desk.sites.MAX_POSTER_LANGUAGES: the tiles of a poster


class PosterSettingsDialog(QDialog):
    """The web address shown as a QR code on posters and flyers, the logo picture, and the
    cabane's phone printed on the families' slips (« Nous joindre »)."""

    def __init__(
        self,
        web_address: str,
        logo: bytes | None,
        save: SaveSettings,
        parent: QWidget | None = None,
        phone: str = "",
        sensitive: tuple[str, ...] = (),
        languages: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Réglages des documents"))
        self._save = save
        self.logo = logo
        self.ask_logo_path: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, tr("Logo de la cabane"), "", tr("Images (*.png *.jpg *.jpeg)")
        )[0]
        self.web = QLineEdit(web_address)
        self.web.setPlaceholderText("https://…")
        self.phone = QLineEdit(phone)
        self.phone.setPlaceholderText(tr("Par exemple : 01 43 60 00 00"))
        self.logo_state = QLabel()
        choose = QPushButton(tr("Choisir un logo…"))
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton(tr("Retirer le logo"))
        remove.clicked.connect(self._remove_logo)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_state, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        form = QFormLayout()
        form.addRow(tr("Adresse web (QR code) :"), self.web)
        form.addRow(tr("Logo :"), logo_row)
        form.addRow(tr("Téléphone de la cabane (fiches) :"), self.phone)
        # A slip goes home: for these themes it prints a neutral headline and no name.
        always = catalogues.sensitive_themes()
        self.discreet = SeveralOf(
            [(e.code, e.label) for e in catalogues.referral_themes() if e.active]
        )
        self.discreet.setAccessibleName(tr("Thèmes discrets sur les fiches"))
        self.discreet.setValues(tuple(always | set(sensitive)), {})
        for code in always:  # always discreet: shown, not changeable
            self.discreet.buttons[code].setEnabled(False)
            self.discreet.buttons[code].setToolTip(tr("Toujours discret"))

        self.languages = self._language_choice(*languages)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(720)
        self.discreet_title = discreet_title = QLabel(
            tr(
                "Thèmes discrets : la fiche d'orientation n'en dit rien (titre neutre, sans "
                "prénom) — une fiche rapportée à la maison peut être lue par d'autres."
            )
        )
        discreet_title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(discreet_title)
        layout.addWidget(self.discreet)
        languages_title = QLabel(tr("Langues des affiches et des flyers (six au plus) :"))
        languages_title.setToolTip(
            tr(
                "Proposées d'après les langues parlées par les familles venues ces trois "
                "derniers mois ; laissées ainsi, elles suivent les familles."
            )
        )
        layout.addWidget(languages_title)
        layout.addWidget(self.languages)
        # The wrapped buttons' height at the dialog's width (a flow layout is not asked).
        for several in (self.discreet, self.languages):
            several.setMinimumHeight(several.flow.heightForWidth(720 - 24))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show_logo()

    def showEvent(self, event: QShowEvent) -> None:
        """Wrapped buttons get the height their rows need once styled (the style sheet
        makes them bigger than before the dialog is shown), and the dialog grows to it."""
        super().showEvent(event)
        for several in (self.discreet, self.languages):
            several.setMinimumHeight(several.flow.heightForWidth(max(several.width(), 200)))
        self.discreet_title.setMinimumHeight(self.discreet_title.heightForWidth(self.width() - 24))
        layout = self.layout()
        assert layout is not None
        layout.invalidate()
        layout.activate()
        needed = layout.totalMinimumSize().height()
        self.setMinimumHeight(needed)
        self.resize(self.width(), max(self.height(), needed))

    def _language_choice(self, chosen: tuple[str, ...], proposed: tuple[str, ...]) -> SeveralOf:
        """The languages with a welcome phrase; French always; the team's choice, or the
        most spoken ones proposed (kept automatic if saved as proposed)."""
        labels = {entry.code: entry.label for entry in catalogues.languages()}
        self._proposed = proposed
        several = SeveralOf(
            [(code, labels.get(code, code)) for code in catalogues.poster_languages()]
        )
        several.setAccessibleName(tr("Langues des affiches et des flyers"))
        if chosen:
            several.setValues(chosen, labels)
        else:
            several.propose(proposed, labels)
        several.buttons["fr"].setChecked(True)
        several.buttons["fr"].setEnabled(False)
        several.buttons["fr"].setToolTip(tr("Toujours"))
        return several

    def _chosen_languages(self) -> tuple[str, ...]:
        """() when the choice is the proposal: the posters follow the visitors over time."""
        values = self.languages.values()
        if set(values) == set(self._proposed):
            return ()
        rank = {code: index for index, code in enumerate(self._proposed)}
        return tuple(sorted(values, key=lambda code: rank.get(code, len(rank))))

    def _show_logo(self) -> None:
        self.logo_state.setText(
            tr("un logo est choisi ({kb} ko)").format(kb=len(self.logo) // 1024 + 1)
            if self.logo
            else tr("aucun logo")
        )

    def _choose_logo(self) -> None:
        path = self.ask_logo_path()
        if not path:
            return
        from models.store.images import MAX_BYTES, checked_picture

        try:
            if Path(path).stat().st_size > MAX_BYTES:  # never read a huge file whole
                raise ValueError("too_large")
            data = Path(path).read_bytes()
            checked_picture(data)
        except OSError:
            self.error.setText(tr("Image illisible : choisissez un autre fichier."))
            return
        except ValueError:
            self.error.setText(
                tr(
                    "Ce fichier n'est pas une image PNG ou JPEG de moins de 512 ko et de "
                    "taille raisonnable : choisissez un autre logo."
                )
            )
            return
        self.error.clear()
        self.logo = data
        self._show_logo()

    def _remove_logo(self) -> None:
        self.logo = None
        self._show_logo()

    def _accept(self) -> None:
        try:
            marked = tuple(
                c for c in self.discreet.values() if c not in catalogues.sensitive_themes()
            )
            languages = self._chosen_languages()
            if len(self.languages.values()) > MAX_LANGUAGES:
                self.error.setText(tr("Six langues au plus sur une affiche : retirez-en une."))
                return
            self._save(self.web.text(), self.logo, self.phone.text(), marked, languages)
        except ValueError as error:
            code = getattr(error, "code", "")
            self.error.setText(
                {
                    "logo": tr("Le logo doit être une image PNG ou JPEG de moins de 512 ko."),
                    "phone": tr("Le téléphone : des chiffres et des espaces, 20 au plus."),
                    "languages": tr("Six langues au plus sur une affiche : retirez-en une."),
                }.get(code, tr("Adresse web non reconnue (sans espace, 200 caractères au plus)."))
            )
            return
        self.accept()


class PosterBar(QWidget):
    """« Affiche… » of the week or month shown, A4 or A3; « Flyer… »; « Réglages… »."""

    def __init__(
        self,
        programme: ProgrammeService,
        week_bounds: Callable[[], tuple[datetime, datetime]],
        save_settings: SaveSettings | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._programme = programme
        self._week_bounds = week_bounds
        self._save_settings = save_settings
        self.preview: QDialog | None = None
        self.period = QComboBox()
        self.period.addItem(tr("de la semaine"), "week")
        self.period.addItem(tr("du mois"), "month")
        self.period.setAccessibleName(tr("Période de l'affiche"))
        self.paper_size = QComboBox()
        self.paper_size.addItems(["A4", "A3"])
        self.paper_size.setAccessibleName(tr("Format de l'affiche"))
        self.poster_button = QPushButton(tr("Affiche…"))
        self.poster_button.clicked.connect(lambda: self.show_document(flyer=False))
        self.flyer_button = QPushButton(tr("Flyer…"))
        self.flyer_button.clicked.connect(lambda: self.show_document(flyer=True))
        self.settings_button = QPushButton(tr("Réglages…"))
        self.settings_button.setEnabled(save_settings is not None)
        self.settings_button.clicked.connect(self.open_settings)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.poster_button)
        row.addWidget(self.period)
        row.addWidget(self.paper_size)
        row.addWidget(self.flyer_button)
        row.addWidget(self.settings_button)

    def _range(self) -> tuple[datetime, datetime, str]:
        start, end = self._week_bounds()
        if self.period.currentData() == "week":
            return (
                start,
                end,
                week_title(start.date()),
            )
        first, following = month_bounds(start.year, start.month)
        return first, following, month_title(first.date())

    def show_document(self, flyer: bool) -> None:
        from ui.widgets.pdf_preview import preview_in_background

        start, end, title = self._range()
        data = self._programme.poster(start, end, title)
        size = self.paper_size.currentText()

        def build() -> bytes:
            from printing.flyer import build_flyer
            from printing.poster import build_poster

            return build_flyer(data) if flyer else build_poster(data, size)

        name = f"{'flyer' if flyer else 'affiche'}-{start.date().isoformat()}.pdf"
        caption = tr("Flyer de la cabane") if flyer else tr("Affiche {size}").format(size=size)
        preview_in_background(build, caption, name, self.window(), self._keep)

    def _keep(self, dialog: QDialog) -> None:
        self.preview = dialog

    def open_settings(self) -> None:
        if self._save_settings is None:
            return
        start, _end = self._week_bounds()
        current = self._programme.poster(start, start, "")
        dialog = PosterSettingsDialog(
            current.web_address,
            current.logo_png,
            self._save_settings,
            self,
            current.phone,
            self._programme.marked_sensitive_themes(),
            self._programme.poster_language_choice(start),
        )
        dialog.exec()
