"""Power cut / task-manager kill while the desk is saving check-ins.

A helper process (tests/support/checkin_writer.py) saves visits in a loop and prints each
id once ``record()`` returned. We SIGKILL it mid-write, then check that the database is
intact and that every confirmed check-in is there, and that the lock it left behind does
not stop the next start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import ROOT, run_cabane

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX-only")

CONFIRMED_BEFORE_KILL = 50
WRITER_TIMEOUT = 60.0


# Every visit of the writers arrives at this moment: a day in the past, fixed, so that
# checking the day's list never depends on today's date (nor on midnight).
WRITER_ARRIVAL = "2026-01-15T10:30:00+01:00"


@pytest.fixture
def set_up_folder(data_dir: Path) -> Path:
    from desktop.folder.desk import set_up
    from desktop.folder.secrets import open_keychain
    from models import catalogues

    desk, _code = set_up(data_dir, open_keychain(), catalogues.known_sites()[0], "Awa")
    desk.close()
    return data_dir


def start_writer(folder: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.checkin_writer",
            str(folder),
            "--at",
            WRITER_ARRIVAL,
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )


def kill_while_writing(process: subprocess.Popen[str], wanted: int) -> list[str]:
    """Read confirmed ids until ``wanted`` of them, SIGKILL the writer, and return every id
    it confirmed (including those still in the pipe when it died)."""
    assert process.stdout is not None
    confirmed: list[str] = []
    timer = threading.Timer(WRITER_TIMEOUT, process.kill)  # never hang the suite
    timer.start()
    try:
        assert process.stdout.readline().strip() == "READY", process.stderr
        while len(confirmed) < wanted:
            line = process.stdout.readline()
            if not line:
                break
            confirmed.append(line.strip())
        assert process.poll() is None, "the writer stopped before being killed"
        os.kill(process.pid, signal.SIGKILL)
        rest, errors = process.communicate(timeout=WRITER_TIMEOUT)
    finally:
        timer.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
    assert len(confirmed) >= wanted, errors
    assert process.returncode == -signal.SIGKILL
    # A last line cut by the kill is not a confirmation: keep only whole lines.
    confirmed += [line for line in rest.split("\n")[:-1] if line]
    return confirmed


def check_database(folder: Path, confirmed: list[str]) -> int:
    """integrity_check is ok and every confirmed id is saved; returns the visit count."""
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.desk.checkin import CheckInService
    from models.store.entities import Visit

    desk = open_existing(folder, open_keychain())
    try:
        with desk.engine.connect() as connection:
            integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            assert integrity == ["ok"]
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        with desk.factory() as session:
            saved = set(session.scalars(select(Visit.id)))
        missing = [visit_id for visit_id in confirmed if visit_id not in saved]
        assert not missing, f"{len(missing)} confirmed check-ins lost, e.g. {missing[:3]}"
        # The desk's own list of that day shows every one of them.
        assert desk.site is not None
        day = datetime.fromisoformat(WRITER_ARRIVAL)
        listed = {row.id for row in CheckInService(desk.factory, desk.site.id).day_list(day)}
        assert set(confirmed) <= listed
        # At most the one save in flight at the kill can be there without a confirmation.
        assert len(saved) - len(set(confirmed)) <= 1
        return len(saved)
    finally:
        desk.close()


def test_kill_while_saving_loses_no_confirmed_check_in(set_up_folder: Path) -> None:
    confirmed = kill_while_writing(start_writer(set_up_folder), CONFIRMED_BEFORE_KILL)
    assert len(set(confirmed)) == len(confirmed)
    first_count = check_database(set_up_folder, confirmed)

    # The desk starts again on the killed folder and keeps saving; kill it once more.
    confirmed += kill_while_writing(start_writer(set_up_folder), CONFIRMED_BEFORE_KILL)
    assert check_database(set_up_folder, confirmed) >= first_count + CONFIRMED_BEFORE_KILL


def test_lock_of_a_killed_process_does_not_block_the_next_start(set_up_folder: Path) -> None:
    from desktop.folder.instance import LOCK_FILENAME

    writer = start_writer(set_up_folder, "--lock")
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "READY"
        assert writer.stdout.readline().strip()  # holds the lock and is saving
        # While it runs, it really holds the folder.
        busy = run_cabane("--exit-when-ready", data_dir=set_up_folder)
        assert busy.returncode == 3, busy.stderr
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.communicate(timeout=WRITER_TIMEOUT)
    assert (set_up_folder / LOCK_FILENAME).exists()  # left behind by the killed process

    ready = run_cabane("--exit-when-ready", data_dir=set_up_folder)
    assert ready.returncode == 0, ready.stderr
    assert "Prête en" in ready.stdout
    demo = run_cabane("demo", "--visits", "3", data_dir=set_up_folder)
    assert demo.returncode == 0, demo.stderr
