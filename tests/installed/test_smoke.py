"""The installed Cabane does what IT checks after installing it: version, headless setup,
demo data, weekly export (decrypted by the real age tool), a poster (read back by
pdftotext), self-test naming the keychain in French, and a start to a ready window."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.installed.conftest import INSTALL_DIR, Installed, __version__, installed_version

pytestmark = pytest.mark.installed


def last_week() -> tuple[int, int]:
    year, week, _ = (date.today() - timedelta(days=7)).isocalendar()
    return year, week


def test_the_package_is_this_version_and_runs_without_the_source_tree(
    installed: Installed,
) -> None:
    assert installed_version() == __version__
    assert installed.program.resolve() == INSTALL_DIR / "cabane"
    result = installed.run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Cabane {__version__}"
    # Nothing of Python's own tree is used: the bundle carries its interpreter.
    assert not (INSTALL_DIR / "_internal" / "desktop" / "__init__.py").exists()


def test_setup_demo_export_print_self_test_and_ready(
    installed: Installed, coordination_key: tuple[Path, str], tmp_path: Path
) -> None:
    identity, public = coordination_key
    setup = installed.run(
        "setup", "--site", "lilas", "--staff", "Awa", "--coordination-recipient", public
    )
    assert setup.returncode == 0, setup.stderr
    assert "Cabane installée : Cabane des Lilas." in setup.stdout
    assert re.search(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){13}", setup.stdout), setup.stdout

    demo = installed.run("demo", "--visits", "2000", "--days", "60")
    assert demo.returncode == 0, demo.stderr
    assert "2000 passages fictifs ajoutés." in demo.stdout

    year, week = last_week()
    out = tmp_path / "export"
    out.mkdir()
    export = installed.run("export", "--week", f"{year}-S{week:02d}", "--out", str(out))
    assert export.returncode == 0, export.stderr
    weekly = out / f"cabane_lilas_{year}-S{week:02d}.age"
    decrypted = subprocess.run(
        ["age", "-d", "-i", str(identity), str(weekly)], check=True, capture_output=True
    ).stdout
    with zipfile.ZipFile(io.BytesIO(decrypted)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        visits = archive.read("visits.csv").decode("utf-8").splitlines()
        surveys = json.loads(archive.read("surveys.json"))["surveys"]
    assert manifest["app_version"] == __version__
    assert surveys  # the demo's answers to the questionnaires travel as counts
    assert {survey["title"] for survey in surveys} <= {
        "Vos besoins",
        "Après l'atelier",
        "Boîte à idées",
    }
    assert manifest["site"]["code"] == "lilas"
    assert len(visits) > 1  # a header and the week's visits of the demo

    poster = tmp_path / "affiche.pdf"
    printed = installed.run(
        "print", "poster", "--week", f"{year}-S{week:02d}", "--out", str(poster)
    )
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(
        ["pdftotext", str(poster), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Cabane des Lilas" in text

    paper = tmp_path / "questionnaire.pdf"  # the templates and fonts are in the bundle
    printed = installed.run("survey", "print", "needs", "--lang", "fr,ar", "--out", str(paper))
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(
        ["pdftotext", str(paper), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Qu'est-ce qui vous aiderait le plus ?" in text

    check = installed.run("self-test")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Trousseau : aucun trousseau : phrase secrète" in check.stdout
    assert "Tout fonctionne." in check.stdout
    assert "Keyring" not in check.stdout  # never a class name

    ready = installed.run("--exit-when-ready")
    assert ready.returncode == 0, ready.stderr
    assert re.fullmatch(r"Prête en \d+ ms", ready.stdout.strip()), ready.stdout

    usb = tmp_path / "usb"
    saved = installed.run("backup", "--out", str(usb))
    assert saved.returncode == 0, saved.stderr
    assert "2\u202f000 passages" in saved.stdout  # the desk's number format
    backups = list(usb.glob("cabane_lilas_*.sauvegarde"))
    assert len(backups) == 1
    code = re.search(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){13}", setup.stdout)
    assert code is not None
    elsewhere = tmp_path / "nouvel-ordinateur"
    restored = installed.run(  # no keychain here: under a new passphrase
        "restore",
        str(backups[0]),
        CABANE_DATA_DIR=str(elsewhere),
        CABANE_RECOVERY_CODE=code.group(0),
        CABANE_PASSPHRASE="une autre phrase secrète",
    )
    assert restored.returncode == 0, restored.stderr
    assert "Cabane restaurée sur cet ordinateur : Cabane des Lilas" in restored.stdout
    damaged = elsewhere / "cabane.db"
    with damaged.open("r+b") as handle:  # a damaged first page: said as such, exit 7
        handle.seek(200)
        handle.write(b"\xa5" * 64)
    refused = installed.run(
        "self-test", CABANE_DATA_DIR=str(elsewhere), CABANE_PASSPHRASE="une autre phrase secrète"
    )
    assert refused.returncode == 1
    assert "La base de données de Cabane est abîmée (son début est illisible)" in refused.stdout


def test_exit_when_ready_never_waits_for_a_passphrase(installed: Installed) -> None:
    """Without CABANE_PASSPHRASE, a folder protected by a passphrase is refused in French."""
    assert (installed.data / "cabane.db").exists()  # set up by the test above
    result = installed.run("--exit-when-ready", timeout=60, CABANE_PASSPHRASE="")
    assert result.returncode == 1
    assert "CABANE_PASSPHRASE" in result.stderr


def test_the_bundle_carries_what_cabane_uses_and_no_more() -> None:
    internal = INSTALL_DIR / "_internal"
    qt = internal / "PySide6" / "Qt"
    for needed in (
        "plugins/platforms/libqxcb.so",
        "plugins/platforms/libqwayland.so",
        "plugins/platforms/libqoffscreen.so",
        "plugins/printsupport/libcupsprintersupport.so",
        "plugins/imageformats/libqsvg.so",
        "plugins/imageformats/libqjpeg.so",
        "lib/libQt6Pdf.so.6",
        "lib/libQt6Charts.so.6",
        "translations/qtbase_fr.qm",
    ):
        assert (qt / needed).exists(), needed
    names = {path.name for path in internal.rglob("*")}
    for unused in ("WebEngine", "Qt6Quick", "Qt6Qml", "Qt63D", "Multimedia", "VirtualKeyboard"):
        assert not [name for name in names if unused in name], unused
    assert not [name for name in names if name.endswith(".qm") and not name.endswith("_fr.qm")]
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    for shipped in ("catalogues/communes-93.csv", "fonts/NotoSans-Regular.ttf", "fonts/OFL.txt"):
        assert (internal / "resources" / shipped).exists(), shipped
    assert (internal / "models" / "store" / "migrations" / "versions" / "0001_initial.py").exists()


def test_menu_entry_and_icon_are_installed() -> None:
    entry = Path("/usr/share/applications/cabane.desktop")
    assert "Exec=cabane" in entry.read_text(encoding="utf-8")
    assert Path("/usr/share/icons/hicolor/48x48/apps/cabane.png").exists()
    assert Path("/usr/share/icons/hicolor/scalable/apps/cabane.svg").exists()
    validator = shutil.which("desktop-file-validate")
    if validator is not None:
        result = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_installed_coordination_works_on_a_shared_postgresql_store(
    installed: Installed, tmp_path: Path
) -> None:
    """The bundle carries the PostgreSQL driver: « cabane coordination --database … »
    imports a demo's weekly files into a throwaway server and reports from it."""
    from tests.support.postgres import Cluster, server_bin

    bindir = server_bin()
    if bindir is None:
        pytest.skip("PostgreSQL n'est pas installé ici (initdb introuvable)")
    cluster = Cluster(bindir)
    cluster.start()
    try:
        address = cluster.new_database().replace("postgresql+psycopg://", "postgresql://")
        folder = tmp_path / "coordination"
        demo = installed.run(
            "--data-dir", str(folder), "coordination", "--database", address,
            "demo", "--sites", "1", "--weeks", "2", timeout=300,
        )  # fmt: skip
        assert demo.returncode == 0, demo.stderr
        assert "2 fichiers hebdomadaires importés (0 refusé)" in demo.stdout, demo.stdout
        report = tmp_path / "rapport.csv"
        done = installed.run(
            "--data-dir", str(folder), "coordination", "--database", address,
            "report", "--out", str(report),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert len(report.read_text(encoding="utf-8-sig").splitlines()) == 3  # header, 2 weeks
    finally:
        cluster.stop()
