"""The weekly exchange from the command line, end to end, as IT scripts would run it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from models.store.base import PARIS
from tests.conftest import run_cabane

AGE = shutil.which("age")


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    made = {name: tmp_path / name for name in ("site", "coordination", "out")}
    for folder in made.values():
        folder.mkdir()
    return made


def test_site_exports_and_coordination_imports_and_reports(folders: dict[str, Path]) -> None:
    init = run_cabane("coordination", "init", data_dir=folders["coordination"])
    assert init.returncode == 0, init.stderr
    public = init.stdout.strip().splitlines()[-1]
    assert public.startswith("age1")
    key = run_cabane("coordination", "key", data_dir=folders["coordination"])
    assert key.stdout.strip() == public

    setup = run_cabane(
        "setup",
        "--site",
        "stains",
        "--staff",
        "Nadia",
        "--coordination-recipient",
        public,
        data_dir=folders["site"],
    )
    assert setup.returncode == 0, setup.stderr
    demo = run_cabane("demo", "--visits", "300", "--days", "60", data_dir=folders["site"])
    assert demo.returncode == 0, demo.stderr
    # Last week, whatever today is (in January, it may belong to last year).
    last_week = (datetime.now(PARIS) - timedelta(days=7)).isocalendar()
    week = f"{last_week.year}-S{last_week.week:02d}"
    exported = run_cabane(
        "export", "--week", week, "--out", str(folders["out"]), data_dir=folders["site"]
    )
    assert exported.returncode == 0, exported.stderr
    files = list(folders["out"].glob("cabane_stains_*.age"))
    assert [f.name for f in files] == [f"cabane_stains_{week}.age"]

    imported = run_cabane(
        "coordination", "import", "--trust-new", str(files[0]), data_dir=folders["coordination"]
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "importé" in imported.stdout
    again = run_cabane("coordination", "import", str(files[0]), data_dir=folders["coordination"])
    assert "déjà importé" in again.stdout

    for name in ("rapport.csv", "rapport.xlsx"):
        report = run_cabane(
            "coordination",
            "report",
            "--out",
            str(folders["out"] / name),
            data_dir=folders["coordination"],
        )
        assert report.returncode == 0, report.stderr
    text = (folders["out"] / "rapport.csv").read_text(encoding="utf-8-sig")
    assert "Cabane de Stains" in text and week in text
    from openpyxl import load_workbook

    from models.exchange.coordination import report_headings

    sheet = load_workbook(folders["out"] / "rapport.xlsx").active
    assert sheet["A2"].value == "Cabane de Stains"
    # The same French headings as the workbook written from the coordination window.
    assert [cell.value for cell in sheet[1]] == report_headings()
    assert text.splitlines()[0].split(";") == report_headings()


def test_a_foreign_file_is_refused_with_a_french_reason(folders: dict[str, Path]) -> None:
    run_cabane("coordination", "init", data_dir=folders["coordination"])
    bogus = folders["out"] / "cabane_lilas_2026-S47.age"
    bogus.write_bytes(b"ceci n'est pas un fichier chiffre")
    result = run_cabane("coordination", "import", str(bogus), data_dir=folders["coordination"])
    assert result.returncode == 1
    assert "REFUSÉ" in result.stdout and "pas un fichier chiffré age" in result.stdout


def test_export_refuses_a_bad_week_or_a_site_without_coordination_key(
    folders: dict[str, Path],
) -> None:
    run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=folders["site"])
    bad = run_cabane(
        "export", "--week", "2026-S60", "--out", str(folders["out"]), data_dir=folders["site"]
    )
    assert bad.returncode == 2 and "non reconnue" in bad.stderr
    no_key = run_cabane(
        "export", "--week", "2026-S40", "--out", str(folders["out"]), data_dir=folders["site"]
    )
    assert no_key.returncode == 1 and "clé de la coordination" in no_key.stderr
    assert list(folders["out"].iterdir()) == []


@pytest.mark.skipif(AGE is None, reason="the age tool is installed by .ci/run")
def test_identity_backup_is_a_standard_age_passphrase_file(folders: dict[str, Path]) -> None:
    run_cabane("coordination", "init", data_dir=folders["coordination"])
    backup = folders["out"] / "cle-coordination.age"
    env = {"CABANE_BACKUP_PASSPHRASE": "une longue phrase de secours"}
    made = run_cabane(
        "coordination", "backup", "--out", str(backup), data_dir=folders["coordination"], env=env
    )
    assert made.returncode == 0, made.stderr
    assert b"AGE-SECRET-KEY" not in backup.read_bytes()
    restored = run_cabane(
        "coordination", "restore", str(backup), data_dir=folders["coordination"], env=env
    )
    assert restored.returncode == 0, restored.stderr
    wrong = run_cabane(
        "coordination",
        "restore",
        str(backup),
        data_dir=folders["coordination"],
        env={"CABANE_BACKUP_PASSPHRASE": "une autre phrase"},
    )
    assert wrong.returncode == 1 and "incorrecte" in wrong.stderr
    assert subprocess.run([AGE, "--version"], capture_output=True).returncode == 0


def test_a_coordination_folder_opens_the_coordination_workspace(folders: dict[str, Path]) -> None:
    run_cabane("coordination", "init", data_dir=folders["coordination"])
    ready = run_cabane("--exit-when-ready", data_dir=folders["coordination"])
    assert ready.returncode == 0, ready.stderr
    assert "Prête en" in ready.stdout
    # and a site command refuses it plainly
    export = run_cabane(
        "export",
        "--week",
        "2026-S40",
        "--out",
        str(folders["out"]),
        data_dir=folders["coordination"],
    )
    assert export.returncode == 1 and "aucune cabane" in export.stderr
