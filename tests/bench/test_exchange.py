"""Weekly export of one week (≤ 1 s) and coordination import of 260 files (≤ 1 s).

DESIGN.md §9. The 260 files (five sites × 52 weeks) are exported once from the
150,000-visit database into ``.bench/weekly-260`` and reused; each run imports them
into a fresh coordination workspace.
"""

from __future__ import annotations

import json
import shutil
import statistics
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from models.exchange.exchange import FORMAT_VERSION
from tests.bench.conftest import BENCH_DIR, BenchDatabase, Recorder

pytestmark = pytest.mark.bench

EXPORT_BUDGET_S = 1.0
IMPORT_BUDGET_S = 1.0  # DESIGN.md §9
FILES_DIR = BENCH_DIR / "weekly-260"
WEEKS = 52


def _sites(factory):  # type: ignore[no-untyped-def]
    from models.desk.sites import SiteInfo
    from models.store.entities import Site

    with factory() as session:
        rows = session.scalars(select(Site).order_by(Site.id)).all()
        return [
            SiteInfo(id=r.id, code=r.code, name=r.name, commune=r.commune, format=r.format)
            for r in rows
        ]


def _recent_weeks(count: int) -> list[tuple[int, int]]:
    from models.store.base import paris_now

    monday = paris_now() - timedelta(days=paris_now().isoweekday() - 1)
    weeks = []
    for back in range(1, count + 1):
        iso = (monday - timedelta(weeks=back)).isocalendar()
        weeks.append((iso.year, iso.week))
    return weeks


def test_weekly_export_of_one_week(bench_copy: Path, record: Recorder, tmp_path: Path) -> None:
    from dataclasses import replace

    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.exchange import crypto
    from models.exchange.exporter import WeeklyExporter

    desk = open_existing(bench_copy, open_keychain())
    try:
        _secret, public = crypto.new_identity()
        site = replace(desk.site, coordination_recipients=(public,))
        exporter = WeeklyExporter(desk.factory, site, "bench")
        year, week = _recent_weeks(2)[1]
        times = []
        for _ in range(5):
            started = time.perf_counter()
            exporter.export(year, week, tmp_path, site.coordination_recipients)
            times.append(time.perf_counter() - started)
    finally:
        desk.close()
    worst = max(times)
    record(
        "weekly_export",
        label="weekly export, one week (5 runs)",
        measured=f"max {worst * 1000:.0f} ms (median {statistics.median(times) * 1000:.0f} ms)",
        budget=f"≤ {EXPORT_BUDGET_S:.0f} s",
        ok=worst <= EXPORT_BUDGET_S,
        figures={"seconds": [round(t, 4) for t in times]},
    )
    assert worst <= EXPORT_BUDGET_S


def _weekly_files(
    bench_db: BenchDatabase, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[Path], str]:
    marker = FILES_DIR / "complete.json"
    if marker.exists():
        data = json.loads(marker.read_text())
        same_format = data.get("format_version") == FORMAT_VERSION
        if data.get("database_built_at") == bench_db.build.get("built_at") and same_format:
            return sorted(FILES_DIR.glob("*.age")), data["secret"]
    shutil.rmtree(FILES_DIR, ignore_errors=True)
    FILES_DIR.mkdir(parents=True)
    from dataclasses import replace

    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.exchange import crypto
    from models.exchange.exporter import WeeklyExporter

    monkeypatch.setenv("CABANE_TEST_KEYRING", str(bench_db.keyring))
    secret, public = crypto.new_identity()
    copy = FILES_DIR.parent / "weekly-260-db"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(bench_db.folder, copy, ignore=shutil.ignore_patterns("logs", "*.lock"))
    desk = open_existing(copy, open_keychain())
    try:
        for site in _sites(desk.factory):
            exporter = WeeklyExporter(
                desk.factory, replace(site, coordination_recipients=(public,)), "bench"
            )
            for year, week in _recent_weeks(WEEKS):
                exporter.export(year, week, FILES_DIR, (public,))
    finally:
        desk.close()
        shutil.rmtree(copy, ignore_errors=True)
    marker.write_text(
        json.dumps(
            {
                "database_built_at": bench_db.build.get("built_at"),
                "format_version": FORMAT_VERSION,
                "secret": secret,
            }
        )
    )
    return sorted(FILES_DIR.glob("*.age")), secret


def test_coordination_import_of_260_files(
    bench_db: BenchDatabase, record: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.folder.desk import set_up_coordination
    from desktop.folder.secrets import open_keychain
    from models.exchange.coordination import CoordinationStore

    files, secret = _weekly_files(bench_db, monkeypatch)
    assert len(files) == 5 * WEEKS
    monkeypatch.setenv("CABANE_TEST_KEYRING", str(tmp_path / "coordination-keyring.json"))
    folder = tmp_path / "coordination"
    folder.mkdir()
    desk = set_up_coordination(folder, open_keychain())
    try:
        store = CoordinationStore(desk.factory)
        started = time.perf_counter()
        # The five cabanes seen for the first time: trusted as a person would, after
        # checking their fingerprints (one per site, counted in the time).
        outcomes = store.import_paths(files, [secret], lambda *_: True)
        elapsed = time.perf_counter() - started
        statuses = {o.status for o in outcomes}
        assert statuses == {"imported"}, [o for o in outcomes if o.status != "imported"][:3]
        assert len(store.weeks()) == len(files)
    finally:
        desk.close()
    record(
        "coordination_import",
        label=f"coordination import of {len(files)} weekly files",
        measured=f"{elapsed:.2f} s ({elapsed / len(files) * 1000:.1f} ms a file)",
        budget=f"≤ {IMPORT_BUDGET_S:.0f} s",
        ok=elapsed <= IMPORT_BUDGET_S,
        figures={"seconds": round(elapsed, 3), "files": len(files)},
    )
    assert elapsed <= IMPORT_BUDGET_S


BOMB_BUDGET_MB = 200


def test_a_one_megabyte_file_inflating_to_a_gigabyte_is_refused(record: Recorder) -> None:
    """DESIGN.md §9: refused, peak memory ≤ 200 MB (the inflation is counted as it goes)."""
    import io
    import resource
    import tracemalloc
    import zipfile

    from models.exchange import crypto
    from models.exchange.weekly_file import FileRefused, read_weekly_file

    secret, public = crypto.new_identity()
    buffer = io.BytesIO()
    spaces = b" " * (1024 * 1024)
    # The manifest itself is the bomb: read first, it is met before any other check.
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("manifest.json", "w") as member,
    ):
        for _ in range(1024):  # 1 GB of JSON whitespace, streamed, never held whole
            member.write(spaces)
    sealed = crypto.encrypt(buffer.getvalue(), [public])
    size_mb = len(sealed) / 1e6
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    try:
        read_weekly_file(sealed, [secret])
    except FileRefused as refused:
        code = refused.code
    else:
        code = "accepted"
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 1024 / 1024
    record(
        "bomb_import",
        label=f"weekly file of {size_mb:.1f} MB inflating to 1 GB",
        measured=f"{code}, peak {peak_mb:.0f} MB (process before: {before:.0f} MB)",
        budget=f"refused, ≤ {BOMB_BUDGET_MB} MB",
        ok=code != "accepted" and peak_mb <= BOMB_BUDGET_MB,
        figures={"code": code, "peak_mb": round(peak_mb, 1), "file_mb": round(size_mb, 2)},
    )
    assert code != "accepted" and peak_mb <= BOMB_BUDGET_MB
