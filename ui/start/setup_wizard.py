"""First run: choose the cabane, name the first person, and keep the recovery code."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from models import catalogues
from models.desk.sites import SetupError, short_name
from ui.start.centre_page import CentrePage
from ui.start.restore_form import RestoreForm, RestoreServices
from ui.widgets.screen import fit_on_screen, room_on_screen
from ui.widgets.texts import tr

# (site, or None for the coordination workspace; first staff name; passphrase or None)
# → recovery code. Raises SetupError or ValueError.
SetupAction = Callable[[catalogues.KnownSite | None, str, str | None], str]
OTHER = "__other__"
COORDINATION = "__coordination__"
RESTORE = "__restore__"
PAGE_SITE, PAGE_NEW_SITE, PAGE_TEAM, PAGE_CODE, PAGE_RESTORE, PAGE_CENTRE = range(6)


def setup_error_message(code: str) -> str:
    return {
        "site_code": tr("Le code du lieu : lettres minuscules et chiffres, 32 au plus."),
        "site_name": tr("Indiquez le nom du lieu."),
        "commune": tr("Choisissez la commune du lieu."),
        "staff_name": tr("Indiquez votre prénom ou nom (80 caractères au plus)."),
        "recipient": tr("Clé de la coordination non reconnue (elle commence par age1)."),
        "already_set_up": tr("Cette cabane est déjà installée dans ce dossier."),
        "passphrase": tr("La phrase secrète doit faire au moins 10 caractères."),
        "passphrase_mismatch": tr("Les deux phrases secrètes ne sont pas identiques."),
    }.get(code, tr("Vérifiez les informations."))


class SitePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Bienvenue dans Cabane"))
        self.setSubTitle(tr("Quel est le lieu d'accueil de cet ordinateur ?"))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for site in catalogues.known_sites():
            button = QRadioButton(
                f"{site.name} — {catalogues.label(catalogues.communes(), site.commune)}"
            )
            button.setProperty("code", site.code)
            button.setMinimumHeight(32)
            self.group.addButton(button)
            layout.addWidget(button)
        other = QRadioButton(tr("Un autre lieu (nouvelle cabane)"))
        other.setProperty("code", OTHER)
        other.setMinimumHeight(32)
        self.group.addButton(other)
        layout.addWidget(other)
        layout.addSpacing(12)
        coordination = QRadioButton(tr("L'espace de coordination (équipe départementale)"))
        coordination.setProperty("code", COORDINATION)
        coordination.setMinimumHeight(32)
        self.group.addButton(coordination)
        layout.addWidget(coordination)
        layout.addSpacing(12)
        restore = QRadioButton(tr("Restaurer une sauvegarde (nouvel ordinateur)"))
        restore.setProperty("code", RESTORE)
        restore.setMinimumHeight(32)
        self.group.addButton(restore)
        layout.addWidget(restore)
        self.restore_button = restore
        layout.addStretch(1)
        self.group.buttonToggled.connect(lambda *_: self.completeChanged.emit())

    def chosen(self) -> str | None:
        button = self.group.checkedButton()
        return str(button.property("code")) if button else None

    def isComplete(self) -> bool:
        return self.chosen() is not None

    def nextId(self) -> int:
        pages = {OTHER: PAGE_NEW_SITE, RESTORE: PAGE_RESTORE, COORDINATION: PAGE_TEAM}
        return pages.get(self.chosen() or "", PAGE_CENTRE)


class RestorePage(QWizardPage):
    """A new laptop: the cabane comes back from its backup file and recovery code."""

    def __init__(self, services: RestoreServices) -> None:
        super().__init__()
        self.setTitle(tr("Restaurer une sauvegarde"))
        self.setSubTitle(tr("Les données de la cabane reviennent sur cet ordinateur."))
        self.form = RestoreForm(services)
        self.form.changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return self.form.ready()

    def nextId(self) -> int:
        return -1  # the last page: « Restaurer et ouvrir »

    def validatePage(self) -> bool:
        return self.form.attempt()


class NewSitePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Nouveau lieu"))
        self.setSubTitle(tr("Décrivez le lieu d'accueil."))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Par exemple : Cabane de Bondy"))
        self.commune = QComboBox()
        for entry in sorted(
            (e for e in catalogues.communes() if e.active and e.code.startswith("93")),
            key=lambda e: e.label,
        ):
            self.commune.addItem(entry.label, entry.code)
        self.format = QComboBox()
        for entry in catalogues.site_formats():
            self.format.addItem(entry.label, entry.code)
        self.address = QLineEdit()
        self.hours = QLineEdit()
        form = QFormLayout(self)
        form.addRow(tr("Nom du lieu :"), self.name)
        form.addRow(tr("Commune :"), self.commune)
        form.addRow(tr("Type de lieu :"), self.format)
        form.addRow(tr("Adresse :"), self.address)
        form.addRow(tr("Horaires d'ouverture :"), self.hours)
        self.name.textChanged.connect(lambda *_: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return bool(short_name(self.name.text()).strip("-")) and bool(self.name.text().strip())

    def site(self) -> catalogues.KnownSite:
        return catalogues.KnownSite(
            code=short_name(self.name.text()),  # made by the app, never asked
            name=self.name.text().strip(),
            commune=str(self.commune.currentData()),
            format=str(self.format.currentData()),
            pmi_centre="",  # asked on the next page
            address=self.address.text().strip(),
            opening_hours=self.hours.text().strip(),
        )

    def nextId(self) -> int:
        return PAGE_CENTRE


class TeamPage(QWizardPage):
    def __init__(self, keychain_available: bool) -> None:
        super().__init__()
        self.setTitle(tr("Votre équipe"))
        self.setSubTitle(tr("Qui installe Cabane ? Cette personne sera la référente du lieu."))
        self.keychain_available = keychain_available
        self.staff_name = QLineEdit()
        self.staff_name.setPlaceholderText(tr("Votre prénom ou le nom affiché"))
        self.staff_name.setAccessibleName(tr("Prénom de la première personne de l'équipe"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(tr("Phrase secrète"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(tr("Phrase secrète, une seconde fois"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        self.form = form
        form.addRow(tr("Votre prénom :"), self.staff_name)
        if keychain_available:
            where = QLabel(
                tr(
                    "La clé qui chiffre les données sera gardée dans le trousseau sécurisé "
                    "de cet ordinateur."
                )
            )
            where.setWordWrap(True)
            form.addRow(where)
        else:
            warning = QLabel(
                tr(
                    "Cet ordinateur n'a pas de trousseau sécurisé. Les données seront protégées "
                    "par une phrase secrète que Cabane demandera à chaque ouverture "
                    "(10 caractères au moins). Partagez-la seulement avec l'équipe."
                )
            )
            warning.setWordWrap(True)
            form.addRow(warning)
            form.addRow(tr("Phrase secrète :"), self.passphrase)
            form.addRow(tr("Une seconde fois :"), self.confirm)
        form.addRow(self.error)
        self.staff_name.textChanged.connect(lambda *_: self.completeChanged.emit())

    def for_coordination(self) -> bool:
        wizard = self.wizard()
        return isinstance(wizard, SetupWizard) and wizard.site_page.chosen() == COORDINATION

    def initializePage(self) -> None:
        coordination = self.for_coordination()
        self.form.setRowVisible(self.staff_name, not coordination)
        self.setTitle(tr("Protection des données") if coordination else tr("Votre équipe"))
        self.setSubTitle(
            tr("Protection des données de la coordination.")
            if coordination
            else tr("Qui installe Cabane ? Cette personne sera la référente du lieu.")
        )

    def isComplete(self) -> bool:
        return self.for_coordination() or bool(self.staff_name.text().strip())

    def nextId(self) -> int:
        return PAGE_CODE


class CodePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Votre code de secours"))
        self.setSubTitle(
            tr("Il est affiché une seule fois. Imprimez-le ou recopiez-le, et rangez-le à clé.")
        )
        self.code = QLabel()
        self.code.setObjectName("recoveryCode")
        self.code.setWordWrap(True)
        self.code.setAccessibleName(tr("Code de secours"))
        self.explanation = explanation = QLabel()
        explanation.setWordWrap(True)
        self.print_button = QPushButton(tr("Imprimer le code…"))
        self.kept = QCheckBox(tr("J'ai imprimé ou recopié le code et je le range en lieu sûr"))
        self.kept.toggled.connect(lambda *_: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.code)
        layout.addWidget(explanation)
        layout.addWidget(self.print_button)
        layout.addStretch(1)
        layout.addWidget(self.kept)

    def initializePage(self) -> None:
        wizard = self.wizard()
        coordination = isinstance(wizard, SetupWizard) and wizard.site_page.chosen() == COORDINATION
        whose = tr("de la coordination") if coordination else tr("de la cabane")
        self.explanation.setText(
            tr(
                "Ce code ouvre les données {whose} si la clé est perdue : nouvel ordinateur, "
                "nouveau compte, trousseau effacé. Sans lui, les données seraient perdues. Ne "
                "le donnez à personne en dehors de l'équipe."
            ).format(whose=whose)
        )

    def isComplete(self) -> bool:
        return self.kept.isChecked()

    def nextId(self) -> int:
        return -1  # the last page of a setup (the restore page comes after it by number)


class SetupWizard(QWizard):
    def _fit_screen(self) -> None:
        """Roomy where the screen allows, never taller or wider than it: at 150 % on a
        1280×720 laptop, a fixed 720×520 would push « Suivant » below the screen."""
        room = room_on_screen(self)
        self.setMinimumSize(min(room.width(), 560), min(room.height(), 400))
        fit_on_screen(self, 720, 520)

    def __init__(
        self,
        perform_setup: SetupAction,
        keychain_available: bool,
        parent: QWidget | None = None,
        restore: RestoreServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Installation de Cabane"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Suivant"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("Précédent"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Quitter"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Ouvrir l'accueil"))
        self._fit_screen()
        self._perform_setup = perform_setup
        self.recovery_code: str | None = None
        self.site_page = SitePage()
        self.new_site_page = NewSitePage()
        self.team_page = TeamPage(keychain_available)
        self.code_page = CodePage()
        self.code_page.print_button.clicked.connect(self.print_code)
        self.setPage(PAGE_SITE, self.site_page)
        self.setPage(PAGE_NEW_SITE, self.new_site_page)
        self.setPage(PAGE_TEAM, self.team_page)
        self.setPage(PAGE_CODE, self.code_page)
        self.centre_page = CentrePage(next_page=PAGE_TEAM)
        self.setPage(PAGE_CENTRE, self.centre_page)
        self.site_page.restore_button.setVisible(restore is not None)
        if restore is not None:
            self.restore_page = RestorePage(restore)
            self.setPage(PAGE_RESTORE, self.restore_page)
        self.currentIdChanged.connect(self._name_finish)

    def _name_finish(self, page: int) -> None:
        if page == PAGE_CENTRE:
            self.centre_page.prefill(self._site_without_centre())
        if page == PAGE_RESTORE:
            finish = tr("Restaurer et ouvrir")
        elif self.site_page.chosen() == COORDINATION:
            finish = tr("Ouvrir la coordination")
        else:
            finish = tr("Ouvrir l'accueil")
        self.setButtonText(QWizard.WizardButton.FinishButton, finish)

    def chosen_site(self) -> catalogues.KnownSite | None:
        """The cabane being set up, or None for the coordination workspace."""
        code = self.site_page.chosen()
        if code == COORDINATION:
            return None
        return self.centre_page.with_centre(self._site_without_centre())

    def _site_without_centre(self) -> catalogues.KnownSite:
        if self.site_page.chosen() == OTHER:
            return self.new_site_page.site()
        return next(s for s in catalogues.known_sites() if s.code == self.site_page.chosen())

    def validateCurrentPage(self) -> bool:
        if self.currentId() != PAGE_TEAM or self.recovery_code is not None:
            return super().validateCurrentPage()
        page = self.team_page
        passphrase: str | None = None
        if not page.keychain_available:
            passphrase = page.passphrase.text()
            if passphrase != page.confirm.text():
                page.error.setText(setup_error_message("passphrase_mismatch"))
                return False
            if len(passphrase) < 10:
                page.error.setText(setup_error_message("passphrase"))
                return False
        try:
            self.recovery_code = self._perform_setup(
                self.chosen_site(), page.staff_name.text(), passphrase
            )
        except SetupError as error:
            page.error.setText(setup_error_message(error.code))
            return False
        self.code_page.code.setText(self.recovery_code)
        # The site now exists: going back would offer to set it up twice.
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        return True

    def recovery_document(self) -> QTextDocument:
        site = self.chosen_site()
        document = QTextDocument()
        document.setHtml(
            "<h1>{title}</h1><p>{site}</p><p style='font-size:18pt;font-family:monospace'>"
            "<b>{code}</b></p><p>{help}</p>".format(
                title=tr("Cabane — code de secours"),
                site=site.name if site else tr("Espace de coordination"),
                code=self.recovery_code or "",
                help=tr(
                    "Ce code ouvre les données chiffrées de la cabane si la clé du trousseau "
                    "est perdue. Rangez cette feuille à clé. Ne la photographiez pas."
                ),
            )
        )
        return document

    def print_code(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.recovery_document().print_(printer)
