"""The weekly export under faults: killed at any step, the next start leaves no temporary
file and no file the export history does not know, and no revision is ever given twice
to different content; on a database that cannot be written it refuses before writing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import __version__
from desktop.folder.desk import open_existing, set_up
from desktop.folder.secrets import open_keychain
from models import catalogues
from models.desk.checkin import CheckInService, VisitDraft
from models.exchange import crypto
from models.exchange.exporter import WeeklyExporter, settle_unfinished_exports
from models.store.activity_entities import WeeklyExport
from models.store.base import PARIS
from models.store.storage import StorageError
from tests.conftest import ROOT

STEPS = ("before_writing", "while_writing", "after_writing", "after_recording")


@pytest.fixture
def cabane(data_dir: Path) -> tuple[Path, str]:
    desk, _code = set_up(data_dir, open_keychain(), catalogues.known_sites()[0], "Awa")
    assert desk.site is not None
    checkins = CheckInService(desk.factory, desk.site.id)
    checkins.record(
        VisitDraft(arrived_at=datetime(2026, 11, 10, 10, tzinfo=PARIS), mothers=1), None
    )
    desk.close()
    _secret, public = crypto.new_identity()
    return data_dir, public


def export_and_die(folder: Path, out: Path, recipient: str, step: str) -> None:
    killed = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.support.export_killer",
            str(folder),
            str(out),
            recipient,
            step,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert killed.returncode == -9, killed.stderr


def rows(desk) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    with desk.factory() as session:
        found = session.execute(
            select(WeeklyExport.revision, WeeklyExport.status, WeeklyExport.sha256)
        )
        return sorted((int(r), str(s), str(h)) for r, s, h in found)


@pytest.mark.parametrize("step", STEPS)
def test_an_export_killed_at_any_step_leaves_nothing_unknown(
    cabane: tuple[Path, str], tmp_path: Path, step: str
) -> None:
    folder, recipient = cabane
    out = tmp_path / "exports"
    out.mkdir()
    export_and_die(folder, out, recipient, step)
    desk = open_existing(folder, open_keychain())  # the next start
    assert desk.site is not None
    settle_unfinished_exports(desk.factory)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary file
    exporter = WeeklyExporter(desk.factory, desk.site, __version__)
    known = {record.sha256 for record in exporter.history()}
    on_disk = {hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.age")}
    assert on_disk <= known  # every file on disk is in the history
    assert all(status != "pending" for _r, status, _h in rows(desk))
    taken = max(revision for revision, _s, _h in rows(desk))
    # New content, a new export: a revision never given before.
    CheckInService(desk.factory, desk.site.id).record(
        VisitDraft(arrived_at=datetime(2026, 11, 11, 10, tzinfo=PARIS), mothers=2), None
    )
    record = exporter.export(2026, 46, out, [recipient])
    assert record.revision == taken + 1
    revisions = [revision for revision, status, _h in rows(desk) if status == "written"]
    assert len(revisions) == len(set(revisions))
    desk.close()


def test_the_start_check_settles_an_export_killed_after_writing(
    qtbot, cabane: tuple[Path, str], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from desktop.desk_services import build_services
    from desktop.recovery_app import start_checks
    from ui.desk.main_window import MainWindow

    folder, recipient = cabane
    out = tmp_path / "exports"
    out.mkdir()
    export_and_die(folder, out, recipient, "after_writing")
    desk = open_existing(folder, open_keychain())
    window = MainWindow(build_services(desk))
    qtbot.addWidget(window)
    start_checks(window, desk, lambda code: None)
    qtbot.waitUntil(lambda: [s for _r, s, _h in rows(desk)] == ["written"], timeout=10_000)
    desk.close()


def test_an_export_on_a_database_that_cannot_be_written_refuses_before_writing(
    cabane: tuple[Path, str], tmp_path: Path
) -> None:
    from sqlalchemy import event

    folder, recipient = cabane
    out = tmp_path / "exports"
    out.mkdir()
    desk = open_existing(folder, open_keychain())
    assert desk.site is not None
    desk.engine.dispose()

    @event.listens_for(desk.engine, "connect")
    def _read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA query_only = ON")

    with pytest.raises(StorageError) as refused:
        WeeklyExporter(desk.factory, desk.site, __version__).export(2026, 46, out, [recipient])
    assert refused.value.cause == "read_only"
    assert list(out.iterdir()) == []
    desk.close()
