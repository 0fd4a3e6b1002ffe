"""Each storage fault is said truly, in French, with its own exit code, and loses nothing:
read-only folder or file, full disk, damaged first or later page, a lock held by a live
process or by another program, a wrong key, a keychain without the key. A storage fault
never speaks of the key or the recovery code; no traceback ever reaches a person."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.folder.faults import EXIT_CODES
from tests.conftest import ROOT, run_cabane
from tests.support.faults import fill, overwrite, pages, read_only, small_disk

KEY_WORDS = ("code de secours", "clé", "phrase secrète")


def set_up(folder: Path, visits: int = 0) -> str:
    """A cabane in ``folder`` with ``visits`` demo visits; returns its recovery code."""
    from desktop.folder.desk import set_up as set_up_desk
    from desktop.folder.secrets import open_keychain
    from models import catalogues, demo

    desk, code = set_up_desk(folder, open_keychain(), catalogues.known_sites()[0], "Awa")
    if visits:
        assert desk.site is not None
        demo.generate_visits(desk.factory, desk.site.id, "93045", visits, days=60, seed=1)
    desk.close()  # the last connection checkpoints the journal into cabane.db
    return code


def visit_count(folder: Path) -> int:
    from sqlalchemy import text

    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain

    desk = open_existing(folder, open_keychain())
    with desk.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM visits")).scalar()
    desk.close()
    return int(count or 0)


def said(result: subprocess.CompletedProcess[str], code: str, *words: str) -> str:
    """The command failed with ``code``'s exit number, one French sentence, no trace."""
    output = result.stdout + result.stderr
    assert result.returncode == EXIT_CODES[code], output
    assert "Traceback" not in output and "ERROR CORE" not in output, output
    assert "Erreur : " in result.stderr, output
    for word in words:
        assert word in output, output
    return output


def test_a_read_only_data_folder_is_said_and_loses_nothing(data_dir: Path) -> None:
    set_up(data_dir, visits=20)
    with read_only(data_dir):
        result = run_cabane("demo", "--visits", "5", data_dir=data_dir)
        output = said(result, "folder_read_only", "dossier des données", "protégé en écriture")
        assert not any(word in output for word in KEY_WORDS)
        started = run_cabane("--exit-when-ready", data_dir=data_dir)
        assert started.returncode == EXIT_CODES["folder_read_only"], started.stderr
        assert "protégé en écriture" in started.stderr and "Traceback" not in started.stderr
    assert visit_count(data_dir) == 20


def test_a_read_only_database_file_is_said(data_dir: Path) -> None:
    set_up(data_dir, visits=20)
    with read_only(data_dir / "cabane.db"):
        result = run_cabane("demo", "--visits", "5", data_dir=data_dir)
        output = said(result, "db_read_only", "fichier de la base", "protégé en écriture")
        assert not any(word in output for word in KEY_WORDS)
    assert visit_count(data_dir) == 20


def test_a_full_disk_is_said_and_what_was_saved_stays(tmp_path: Path) -> None:
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.desk.checkin import CheckInService, VisitDraft
    from models.store.base import paris_now
    from models.store.storage import StorageError

    with small_disk(tmp_path / "petit-disque", size_kib=6144) as folder:
        set_up(folder, visits=300)
        desk = open_existing(folder, open_keychain())
        assert desk.site is not None
        checkins = CheckInService(desk.factory, desk.site.id)
        fill(folder)
        with pytest.raises(StorageError) as refused:
            for _ in range(200):  # the WAL grows into the last free pages, then refuses
                checkins.record(VisitDraft(arrived_at=paris_now(), mothers=1), None)
        assert refused.value.cause == "disk_full"
        desk.close()
        result = run_cabane("demo", "--visits", "5", data_dir=folder)
        output = said(result, "disk_full", "disque", "plein", "Libérez de la place")
        assert not any(word in output for word in KEY_WORDS)
        (folder / "remplissage").unlink()
        assert visit_count(folder) >= 300  # nothing saved before was lost


def test_a_damaged_first_page_is_not_taken_for_a_wrong_key(data_dir: Path) -> None:
    from desktop.folder.desk import open_with_recovery_code
    from desktop.folder.faults import DamagedDatabase
    from desktop.folder.secrets import open_keychain

    code = set_up(data_dir, visits=50)
    overwrite(data_dir / "cabane.db", page=1, offset=200)
    result = run_cabane("demo", "--visits", "5", data_dir=data_dir)
    output = said(result, "damaged_header", "abîmée", "son début est illisible", "Restaurer")
    assert "code de secours" not in output and "clé" not in output
    # Even the right recovery code says "damaged", not "wrong code".
    with pytest.raises(DamagedDatabase) as damaged:
        open_with_recovery_code(data_dir, open_keychain(), code)
    assert damaged.value.code == "damaged_header"


def test_a_folder_without_key_verifier_tells_damage_from_its_backups(data_dir: Path) -> None:
    """A folder made before the verifier existed: a key that opens its own backups is
    the right key, so the database is damaged."""
    from datetime import date

    from desktop.folder.daily_backups import make_daily_backup
    from desktop.folder.desk import open_existing
    from desktop.folder.faults import DamagedDatabase
    from desktop.folder.secrets import open_keychain

    set_up(data_dir, visits=10)
    desk = open_existing(data_dir, open_keychain())
    make_daily_backup(desk.engine, desk.enrolment.key, data_dir, date(2026, 11, 29))
    desk.close()
    config = json.loads((data_dir / "cabane.json").read_text())
    config.pop("key_check")
    (data_dir / "cabane.json").write_text(json.dumps(config))
    overwrite(data_dir / "cabane.db", page=1)
    with pytest.raises(DamagedDatabase):
        open_existing(data_dir, open_keychain())


def test_a_damaged_later_page_is_never_written_to(data_dir: Path) -> None:
    set_up(data_dir, visits=3000)
    database = data_dir / "cabane.db"
    overwrite(database, page=pages(database) // 2)
    before = database.read_bytes()
    result = run_cabane("demo", "--visits", "5", data_dir=data_dir)
    output = said(result, "damaged_page", "abîmée", "une partie est illisible")
    assert "code de secours" not in output
    assert database.read_bytes() == before
    check = run_cabane("self-test", data_dir=data_dir)
    assert check.returncode == 1
    line = next(x for x in check.stdout.splitlines() if x.startswith("ÉCHEC"))
    assert line.startswith("ÉCHEC  Base de la cabane : La base de données de Cabane est abîmée")
    assert len(check.stdout.splitlines()) == 5  # never pages of raw SQLite output


def test_a_wrong_key_and_a_missing_key_say_so(data_dir: Path) -> None:
    set_up(data_dir)
    keyring_file = Path(os.environ["CABANE_TEST_KEYRING"])
    entries = json.loads(keyring_file.read_text())
    name = next(iter(entries))
    keyring_file.write_text(json.dumps({name: "00" * 32}))
    wrong = run_cabane("demo", "--visits", "5", data_dir=data_dir)
    said(wrong, "wrong_key", "code de secours")
    keyring_file.unlink()
    missing = run_cabane("demo", "--visits", "5", data_dir=data_dir)
    said(missing, "key_missing", "trousseau", "code de secours")


def test_a_lock_held_by_a_live_process_and_then_a_killed_one(data_dir: Path) -> None:
    set_up(data_dir)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from desktop.folder.instance import InstanceLock;"
            "lock = InstanceLock(Path(sys.argv[1])); lock.acquire(); print('pris', flush=True);"
            "time.sleep(120)",
            str(data_dir),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "pris"
        busy = run_cabane("demo", "--visits", "5", data_dir=data_dir)
        said(busy, "in_use", "ouverte sur ce dossier")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    after = run_cabane("demo", "--visits", "5", data_dir=data_dir)  # a dead owner's lock
    assert after.returncode == 0, after.stderr
    assert visit_count(data_dir) == 5


def test_a_database_locked_by_another_program_is_said(data_dir: Path) -> None:
    import sqlcipher3.dbapi2 as sqlcipher

    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain

    set_up(data_dir)
    key = open_existing(data_dir, open_keychain())
    key.close()
    other = sqlcipher.connect(str(data_dir / "cabane.db"), isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{key.enrolment.key.hex()}'\"")
    other.execute("BEGIN EXCLUSIVE")
    try:
        result = run_cabane("demo", "--visits", "5", data_dir=data_dir)
    finally:
        other.execute("ROLLBACK")
        other.close()
    output = said(result, "locked", "occupée par un autre programme")
    assert not any(word in output for word in KEY_WORDS)
