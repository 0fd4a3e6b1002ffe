"""Benchmark fixtures: the cached 150,000-visit database, copies of it, and the results file.

The database (five sites, five years) is built once with the CLI into ``.bench/db-150k``
(git-ignored) and reused while its ``complete.json`` matches. Its key lives in the test
file keychain ``.bench/db-150k/keyring.json``, never in a real keychain. Every figure a
benchmark records goes into ``.bench/results.json`` with a description of the machine,
and the Markdown table of them is printed at the end of the run.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"
CACHE = BENCH_DIR / "db-150k"
RESULTS_FILE = BENCH_DIR / "results.json"
VISITS = 150_000
DAYS = 1826
SITES = 5
KEYRING_BACKEND = "tests.support.file_keyring.FileKeyring"
# "demo": bump when `cabane demo` changes what it builds (2: creation dates moved back).
BUILD_RECIPE = {"visits": VISITS, "days": DAYS, "sites": SITES, "first_site": "lilas", "demo": 2}

# What this run measured: item → {"label", "measured", "budget", "ok", "figures"}.
RESULTS: dict[str, dict[str, Any]] = {}
# 1, 5 and 15-minute load averages when the session fixture started.
LOAD_AT_START: list[float] = []
# Order of the rows in the printed table.
ROW_ORDER = (
    "start_wall",
    "start_ratio",
    "start_in_process",
    "start_memory",
    "checkin_services",
    "checkin_window",
    "weekly_export",
    "coordination_import",
    "bomb_import",
    "dashboard_open",
    "poster_a3",
    "signin_sheet",
    "backup_file",
    "restore_file",
    "daily_backup_ui",
    "frozen_start",
    "bundle_size",
)


@dataclass(frozen=True)
class BenchDatabase:
    folder: Path  # the data folder (--data-dir)
    keyring: Path  # the file keychain holding its key
    build: dict[str, Any]  # how and when it was built


def child_env(keyring_file: Path) -> dict[str, str]:
    """Environment of a ``python -m desktop`` child: test keychain, offscreen Qt, this tree."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": KEYRING_BACKEND,
        "CABANE_TEST_KEYRING": str(keyring_file),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    for name in ("CABANE_DATA_DIR", "CABANE_PASSPHRASE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def desk_command(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", "--data-dir", str(folder), *args]


def _cabane(folder: Path, keyring_file: Path, *args: str) -> str:
    result = subprocess.run(
        desk_command(folder, *args),
        capture_output=True,
        text=True,
        env=child_env(keyring_file),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=1800,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"cabane {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def _recipe() -> dict[str, Any]:
    """What the cached database must match; a new schema revision means a rebuild."""
    from models.store.migrations import HEAD_REVISION

    return {**BUILD_RECIPE, "schema": HEAD_REVISION}


def _cached() -> BenchDatabase | None:
    marker = CACHE / "complete.json"
    if not marker.exists():
        return None
    build = json.loads(marker.read_text())
    folder, keyring_file = CACHE / "data", CACHE / "keyring.json"
    recipe_ok = all(build.get(key) == value for key, value in _recipe().items())
    if not recipe_ok or not (folder / "cabane.db").exists() or not keyring_file.exists():
        return None
    return BenchDatabase(folder, keyring_file, {**build, "reused": True})


def _build() -> BenchDatabase:
    shutil.rmtree(CACHE, ignore_errors=True)
    folder, keyring_file = CACHE / "data", CACHE / "keyring.json"
    folder.mkdir(parents=True)
    started = time.perf_counter()
    _cabane(folder, keyring_file, "setup", "--site", "lilas", "--staff", "Bench")
    output = _cabane(
        folder, keyring_file, "demo", "--visits", str(VISITS), "--days", str(DAYS), "--all-sites"
    )
    if f"{VISITS} passages" not in output:
        raise RuntimeError(f"demo did not add {VISITS} visits: {output}")
    build = {
        **_recipe(),
        "built_at": datetime.now().isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 1),
    }
    (CACHE / "complete.json").write_text(json.dumps(build, indent=2))
    return BenchDatabase(folder, keyring_file, {**build, "reused": False})


@pytest.fixture(scope="session")
def bench_db() -> BenchDatabase:
    """The 150,000-visit database, built on the first run and then reused."""
    LOAD_AT_START.extend(os.getloadavg())
    database = _cached() or _build()
    size = sum(p.stat().st_size for p in database.folder.glob("cabane.db*"))
    database.build["db_megabytes"] = round(size / 2**20, 1)
    state = "reused" if database.build["reused"] else "built"
    print(
        f"\n[bench] database {state}: {database.folder} "
        f"({database.build['db_megabytes']} MB, built in {database.build['build_seconds']} s)"
    )
    return database


@pytest.fixture
def bench_copy(
    bench_db: BenchDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: object,
) -> Path:
    """A private copy of the database folder and its keychain, for benchmarks that write.

    The in-process keychain (tests/conftest.py installs the FileKeyring) is pointed at the
    copy's keychain file instead of the empty per-test one.
    """
    folder = tmp_path / "data"
    shutil.copytree(
        bench_db.folder, folder, ignore=shutil.ignore_patterns("logs", "backups", "*.lock")
    )
    keyring_file = tmp_path / "keyring.json"
    shutil.copyfile(bench_db.keyring, keyring_file)
    monkeypatch.setenv("CABANE_TEST_KEYRING", str(keyring_file))
    return folder


Recorder = Callable[..., None]


@pytest.fixture(scope="session")
def record(bench_db: BenchDatabase) -> Recorder:
    """``record(item, label=…, measured=…, budget=…, ok=…, figures=…)`` for the results."""
    RESULTS.setdefault("_database", {"figures": bench_db.build})

    def _record(
        item: str,
        *,
        label: str,
        measured: str,
        budget: str = "—",
        ok: bool | None = None,
        figures: dict[str, Any] | None = None,
    ) -> None:
        RESULTS[item] = {
            "label": label,
            "measured": measured,
            "budget": budget,
            "ok": ok,
            "figures": figures or {},
        }
        verdict = {True: "pass", False: "FAIL", None: "info"}[ok]
        print(f"\n[bench] {label}: {measured} (budget {budget}) → {verdict}")

    return _record


def machine() -> dict[str, Any]:
    import PySide6
    import sqlalchemy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
        # Other work on the machine skews the wall-clock figures; the ratio to the floor
        # (measured alternately in the same run) much less.
        "load_average_at_start": LOAD_AT_START,
        "load_average_at_end": os.getloadavg(),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def markdown_table(results: dict[str, dict[str, Any]], about: dict[str, Any]) -> str:
    rows = [key for key in ROW_ORDER if key in results]
    rows += [key for key in results if key not in rows and not key.startswith("_")]
    database = results.get("_database", {}).get("figures", {})
    lines = [
        f"Benchmarks of {about['date'][:10]} on {about['cpu']} ({about['cores']} cores), "
        f"{about['platform']}, Python {about['python']}, PySide6 {about['pyside6']}; "
        f"database of {thousands(database.get('visits', VISITS))} visits over {SITES} sites "
        f"and {DAYS} days ({database.get('db_megabytes', '?')} MB).",
        "",
        "| what | measured | budget (DESIGN.md §9) | verdict |",
        "|---|---|---|---|",
    ]
    for key in rows:
        entry = results[key]
        verdict = {True: "pass", False: "**over budget**", None: "—"}[entry["ok"]]
        lines.append(f"| {entry['label']} | {entry['measured']} | {entry['budget']} | {verdict} |")
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not [key for key in RESULTS if not key.startswith("_")]:
        return
    about = machine()
    table = markdown_table(RESULTS, about)
    BENCH_DIR.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(
        json.dumps(
            {"machine": about, "results": RESULTS, "markdown": table},
            indent=2,
            ensure_ascii=False,
            default=str,
        )
        + "\n",
        encoding="utf-8",
    )
    terminalreporter.section("benchmarks (DESIGN.md §9)")
    for line in table.splitlines():
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"\nFigures written to {RESULTS_FILE}")


@pytest.fixture
def qt_app() -> Iterator[object]:
    """The desk's own QApplication (style sheet, French locale), as ``cabane`` makes it."""
    from desktop.app import make_application

    yield make_application()
