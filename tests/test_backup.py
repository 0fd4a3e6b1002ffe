"""The backup file for a USB key: written from the cabane, restored on another computer
with the recovery code alone; refused whole when it is not what it says."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cabane

CODE = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){13}\b")


@pytest.fixture
def cabane(tmp_path: Path) -> tuple[Path, str]:
    """A cabane with visits, a known family, a session and the partner directory."""
    folder = tmp_path / "cabane"
    setup = run_cabane("setup", "--site", "stains", "--staff", "Nadia", data_dir=folder)
    assert setup.returncode == 0, setup.stderr
    code = CODE.findall(setup.stdout)[0]
    assert run_cabane("demo", "--visits", "120", "--days", "14", data_dir=folder).returncode == 0
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.desk.families import FamilyService
    from models.desk.sites import StaffDirectory
    from models.programme.programme import ProgrammeService, SessionData
    from models.store.base import paris_now

    desk = open_existing(folder, open_keychain())
    assert desk.site is not None
    staff = StaffDirectory(desk.factory, desk.site.id).active()[0].id
    FamilyService(desk.factory, desk.site.id).create("Maman de Lina", "", True, staff)
    start = paris_now().replace(hour=10, minute=0, second=0, microsecond=0)
    ProgrammeService(desk.factory, desk.site.id).create(
        SessionData("parents_cafe", start, start.replace(hour=11))
    )
    desk.close()
    return folder, code


def contents(folder: Path) -> dict[str, object]:
    from sqlalchemy import func, select, table

    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain

    desk = open_existing(folder, open_keychain())
    try:
        with desk.engine.connect() as connection:
            counts = {
                name: connection.execute(select(func.count()).select_from(table(name))).scalar()
                for name in ("visits", "families", "activity_sessions", "partners")
            }
        assert desk.site is not None
        return {"site": desk.site.code, **counts}
    finally:
        desk.close()


def backup_of(folder: Path, usb: Path) -> Path:
    result = run_cabane("backup", "--out", str(usb), data_dir=folder)
    assert result.returncode == 0, result.stderr
    files = list(usb.glob("cabane_stains_*.sauvegarde"))
    assert len(files) == 1
    return files[0]


def test_a_backup_and_the_recovery_code_alone_restore_the_cabane(
    cabane: tuple[Path, str], tmp_path: Path
) -> None:
    folder, code = cabane
    before = contents(folder)
    assert before["visits"] == 120 and before["families"] == 1 + 12  # 12 from the demo
    assert before["activity_sessions"] > 1 and before["partners"]  # the demo programme too
    saved = backup_of(folder, tmp_path / "usb")
    with zipfile.ZipFile(saved) as archive:  # encrypted: plain SQLite cannot read it
        (tmp_path / "inside.db").write_bytes(archive.read("cabane.db"))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(tmp_path / "inside.db").execute("SELECT * FROM sqlite_master").fetchall()

    new_laptop = tmp_path / "nouvel-ordinateur"
    restored = run_cabane(
        "restore", str(saved), data_dir=new_laptop, env={"CABANE_RECOVERY_CODE": code}
    )
    assert restored.returncode == 0, restored.stderr
    assert "Cabane restaurée" in restored.stdout and "120 passages" in restored.stdout
    assert contents(new_laptop) == before
    assert run_cabane("self-test", data_dir=new_laptop).returncode == 0


def test_a_wrong_or_mistyped_code_restores_nothing(
    cabane: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _code = cabane
    saved = backup_of(folder, tmp_path / "usb")
    other = run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=tmp_path / "autre")
    other_code = CODE.findall(other.stdout)[0]
    target = tmp_path / "cible"
    for given, said in ((other_code, "n'est pas celui"), ("ABCD-EFGH", "mal recopié")):
        result = run_cabane(
            "restore", str(saved), data_dir=target, env={"CABANE_RECOVERY_CODE": given}
        )
        assert result.returncode == 1
        assert said in result.stderr
        assert not (target / "cabane.db").exists()


def test_a_file_that_is_not_a_backup_is_refused_in_french(tmp_path: Path) -> None:
    forged = tmp_path / "cabane_lilas_2026-11-30.sauvegarde"
    with zipfile.ZipFile(forged, "w") as archive:
        archive.writestr("manifest.json", '{"format": "autre chose"}')
        archive.writestr("cabane.db", b"x")
    truncated = tmp_path / "coupe.sauvegarde"
    truncated.write_bytes(forged.read_bytes()[:40])
    for path, said in ((forged, "n'est pas une sauvegarde"), (truncated, "abîmé")):
        result = run_cabane("restore", str(path), data_dir=tmp_path / "cible")
        assert result.returncode == 1
        assert said in result.stderr
        assert "Traceback" not in result.stderr


def test_restoring_over_a_cabane_keeps_a_copy_of_it_first(
    cabane: tuple[Path, str], tmp_path: Path
) -> None:
    folder, code = cabane
    saved = backup_of(folder, tmp_path / "usb")
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.desk.checkin import CheckInService, VisitDraft
    from models.store.base import paris_now

    desk = open_existing(folder, open_keychain())  # the cabane goes on after the backup
    assert desk.site is not None
    for _ in range(5):
        CheckInService(desk.factory, desk.site.id).record(
            VisitDraft(arrived_at=paris_now(), mothers=1), None
        )
    desk.close()
    assert contents(folder)["visits"] == 125
    result = run_cabane("restore", str(saved), data_dir=folder, env={"CABANE_RECOVERY_CODE": code})
    assert result.returncode == 0, result.stderr
    assert contents(folder)["visits"] == 120
    kept = list((folder / "backups").glob("avant-restauration-*/cabane.db"))
    assert len(kept) == 1


NO_KEYCHAIN = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def test_a_computer_without_keychain_restores_under_a_passphrase_and_can_change_it(
    cabane: tuple[Path, str], tmp_path: Path
) -> None:
    folder, code = cabane
    saved = backup_of(folder, tmp_path / "usb")
    bare = tmp_path / "sans-trousseau"
    restored = run_cabane(
        "restore",
        str(saved),
        data_dir=bare,
        env={
            **NO_KEYCHAIN,
            "CABANE_RECOVERY_CODE": code,
            "CABANE_PASSPHRASE": "phrase de la cabane",
        },
    )
    assert restored.returncode == 0, restored.stderr
    assert "phrase secrète" in restored.stdout
    config = (bare / "cabane.json").read_text()
    assert code.replace("-", "") not in config.replace("-", "").upper()  # never the key itself
    opened = run_cabane(
        "self-test", data_dir=bare, env={**NO_KEYCHAIN, "CABANE_PASSPHRASE": "phrase de la cabane"}
    )
    assert opened.returncode == 0, opened.stdout
    changed = run_cabane(
        "passphrase",
        data_dir=bare,
        env={
            **NO_KEYCHAIN,
            "CABANE_PASSPHRASE": "phrase de la cabane",
            "CABANE_NEW_PASSPHRASE": "une toute nouvelle phrase",
        },
    )
    assert changed.returncode == 0, changed.stderr
    assert "Le code de secours reste le même" in changed.stdout
    old = run_cabane(
        "demo",
        "--visits",
        "1",
        data_dir=bare,
        env={**NO_KEYCHAIN, "CABANE_PASSPHRASE": "phrase de la cabane"},
    )
    assert old.returncode == 9 and "Phrase secrète incorrecte" in old.stderr
    new = run_cabane(
        "demo",
        "--visits",
        "1",
        data_dir=bare,
        env={**NO_KEYCHAIN, "CABANE_PASSPHRASE": "une toute nouvelle phrase"},
    )
    assert new.returncode == 0, new.stderr
    by_code = run_cabane(  # a forgotten passphrase: the unchanged recovery code opens it
        "passphrase",
        data_dir=bare,
        env={**NO_KEYCHAIN, "CABANE_PASSPHRASE": code, "CABANE_NEW_PASSPHRASE": "encore une autre"},
    )
    assert by_code.returncode == 0, by_code.stderr


def test_a_backup_of_an_older_schema_is_migrated_on_restore(
    cabane: tuple[Path, str], tmp_path: Path
) -> None:
    from desktop.folder.backups import read_backup_info, restore_backup_file, write_backup_file
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.store import schema
    from models.store.base import paris_now
    from models.store.migrations import HEAD_REVISION

    folder, code = cabane
    before = contents(folder)
    desk = open_existing(folder, open_keychain())
    schema.downgrade(desk.engine, "0006")  # as an older Cabane left it
    saved = write_backup_file(desk, tmp_path / "usb", paris_now())
    desk.close()
    assert read_backup_info(saved.path).schema_revision == "0006"
    restored = restore_backup_file(saved.path, tmp_path / "neuf", open_keychain(), code)
    with restored.engine.connect() as connection:
        assert schema.current_revision(connection) == HEAD_REVISION
    restored.close()
    assert contents(tmp_path / "neuf") == before
    assert list((tmp_path / "neuf" / "backups").glob("*avant-migration-0006.db"))
