"""Say it plainly (issue 14): plurals through Qt's %n forms, never « séance(s) »; Qt's own
dialogs in French; weeks in words, never « S48 »."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "cabane_fr.ts"


def ui_sources() -> list[Path]:
    return [p for p in (ROOT / "ui").rglob("*.py")]


def test_counts_take_their_plural(qapp) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import make_application
    from ui.widgets.texts import ntr

    make_application()
    assert ntr("%n séance(s) ajoutée(s)", 1) == "1 séance ajoutée"
    assert ntr("%n séance(s) ajoutée(s)", 4) == "4 séances ajoutées"
    assert ntr("%n femme(s) enceinte(s)", 0) == "0 femme enceinte"
    assert ntr("dont %n enceinte(s)", 2) == "dont 2 enceintes"


def test_every_count_in_the_interface_has_its_plural_forms() -> None:
    sources = {m.findtext("source") for m in ElementTree.parse(TS).getroot().iter("message")}
    used = {
        text
        for path in ui_sources()
        for text in re.findall(r"ntr\(\s*[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8"))
    }
    assert used, "ntr is used"
    assert used - sources == set()


def test_no_sentence_says_s_in_brackets() -> None:
    """« 1 femmes », « séance(s) »: a count is said with ntr, never with tr."""
    found = [
        f"{path.name}: {text}"
        for path in ui_sources()
        for text in re.findall(r"\btr\(\s*[\"']([^\"']*\(s\)[^\"']*)[\"']", path.read_text("utf-8"))
    ]
    assert found == []


def test_qt_own_buttons_speak_french(qapp) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import make_application

    make_application()
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save
    )
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Annuler", "Enregistrer"}


def test_a_week_is_said_in_words() -> None:
    from ui.widgets.texts import week_text

    assert week_text(2026, 48) == "semaine du 23 au 29 novembre 2026"
    assert week_text(2026, 49) == "semaine du 30 novembre au 6 décembre 2026"
    assert week_text(2026, 53) == "semaine du 28 décembre 2026 au 3 janvier 2027"


def test_counts_on_the_command_line_agree_in_number() -> None:
    """The command line says « 1 fichier accepté », « 3 fichiers acceptés », never « (s) »."""
    from pathlib import Path

    from models.figures.french import counted

    assert counted(1, "fichier accepté") == "1 fichier accepté"
    assert counted(0, "famille connue") == "0 famille connue"
    assert counted(3, "fichier accepté") == "3 fichiers acceptés"
    assert counted(2, "note", "notes") == "2 notes"
    for path in sorted(Path("desktop").rglob("*.py")):
        assert "(s)" not in path.read_text(encoding="utf-8"), path
