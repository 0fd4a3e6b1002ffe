"""The frozen bundle (dist/cabane, built by `make dist`) against the venv, in the same run.

Both start the same 150,000-visit database, kept in passphrase mode because the bundle
cannot load the tests' file keychain (it carries only the OS keychains), alternately,
after one warm-up run each; the budget (DESIGN.md §9) is on the medians of the time from
spawn to the « Prête en » line. The bundle's size on disk and the .deb's are recorded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from desktop import __version__
from tests.bench.conftest import BENCH_DIR, DAYS, ROOT, VISITS, Recorder
from tests.bench.measure import ChildRun, run_child

pytestmark = pytest.mark.bench

RUNS = 7
BUDGET_RATIO = 1.2
BUNDLE = ROOT / "dist" / "cabane"
CACHE = BENCH_DIR / "db-150k-passphrase"
PASSPHRASE = "phrase secrète du banc d'essai"
READY = re.compile(r"Prête en (\d+) ms")


def env() -> dict[str, str]:
    values = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "CABANE_PASSPHRASE": PASSPHRASE,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    values.pop("CABANE_DATA_DIR", None)
    return values


def passphrase_database() -> Path:
    """150,000 visits over five sites and five years, in passphrase mode (cached)."""
    folder = CACHE / "data"
    marker = CACHE / "complete.json"
    from models.store.migrations import HEAD_REVISION

    recipe = {"visits": VISITS, "days": DAYS, "schema": HEAD_REVISION}
    if marker.exists() and json.loads(marker.read_text()).get("recipe") == recipe:
        return folder
    shutil.rmtree(CACHE, ignore_errors=True)
    folder.mkdir(parents=True)
    for args in (
        ("setup", "--site", "lilas", "--staff", "Bench"),
        ("demo", "--visits", str(VISITS), "--days", str(DAYS), "--all-sites"),
    ):
        subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(folder), *args],
            check=True,
            capture_output=True,
            env=env(),
            cwd=ROOT,
            timeout=1800,
        )
    marker.write_text(json.dumps({"recipe": recipe, "built_at": datetime.now().isoformat()}))
    return folder


def start(command: list[str], cwd: Path) -> ChildRun:
    run = run_child(command, env(), cwd)
    assert run.returncode == 0 and READY.search(run.stdout), run.stdout + run.stderr
    return run


def test_frozen_bundle_starts_within_budget_of_the_venv(record: Recorder) -> None:
    program = BUNDLE / "cabane"
    if not program.exists():
        pytest.fail("dist/cabane absent : lancez make dist (make bench le fait).")
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"Cabane {__version__}", "dist/cabane is out of date"
    folder = passphrase_database()
    venv = [sys.executable, "-m", "desktop", "--data-dir", str(folder), "--exit-when-ready"]
    frozen = [str(program), "--data-dir", str(folder), "--exit-when-ready"]
    start(venv, ROOT)
    start(frozen, BUNDLE)
    venv_ms: list[float] = []
    frozen_ms: list[float] = []
    for _ in range(RUNS):
        venv_ms.append(start(venv, ROOT).ready_ms)
        frozen_ms.append(start(frozen, BUNDLE).ready_ms)
        time.sleep(0.1)
    ratio = statistics.median(frozen_ms) / statistics.median(venv_ms)
    bundle_bytes = sum(p.lstat().st_size for p in BUNDLE.rglob("*") if not p.is_symlink())
    debs = sorted((ROOT / "dist").glob(f"cabane_{__version__}_*.deb"))
    deb_mb = round(debs[0].stat().st_size / 2**20) if debs else None
    record(
        "frozen_start",
        label=f"frozen bundle start ÷ venv start (median of {RUNS}, passphrase mode)",
        measured=(
            f"{ratio:.2f} × ({statistics.median(frozen_ms):.0f} / "
            f"{statistics.median(venv_ms):.0f} ms)"
        ),
        budget=f"≤ {BUDGET_RATIO} ×",
        ok=ratio <= BUDGET_RATIO,
        figures={
            "frozen_ms": [round(v, 1) for v in frozen_ms],
            "venv_ms": [round(v, 1) for v in venv_ms],
            "ratio": round(ratio, 3),
        },
    )
    record(
        "bundle_size",
        label="bundle size on disk (dist/cabane) and .deb",
        measured=f"{bundle_bytes / 2**20:.0f} MB, .deb {deb_mb} MB",
        budget="(information)",
        ok=None,
        figures={"bundle_bytes": bundle_bytes, "deb_mb": deb_mb},
    )
    assert ratio <= BUDGET_RATIO, f"frozen start {ratio:.2f} × the venv start"
