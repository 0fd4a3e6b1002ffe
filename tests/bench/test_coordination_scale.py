"""The coordination at the département's scale (issue 16): 110 cabanes × 10 years.

57,200 weekly files (``scale_files.py``) imported into a fresh coordination in ≤ 60 s,
any dashboard period in ≤ 0.5 s, the annual report in ≤ 3 s, memory ≤ 500 MB. The
import runs in its own process (``scale_child.py``), so that its peak memory is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from models.exchange.exchange import FORMAT_VERSION
from tests.bench.conftest import BENCH_DIR, ROOT, BenchDatabase, Recorder
from tests.bench.test_exchange import _weekly_files

pytestmark = pytest.mark.bench

SITES, WEEKS = 110, 520
IMPORT_BUDGET_S, PERIOD_BUDGET_S, REPORT_BUDGET_S, MEMORY_BUDGET_MB = 60.0, 0.5, 3.0, 500
FOLDER = BENCH_DIR / "weekly-scale"


def _scale_files(bench_db: BenchDatabase, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The 57,200 files, made once (a few minutes) and reused while the format holds."""
    from models.exchange import crypto
    from tests.bench.scale_files import make_scale_files

    marker = FOLDER / "complete.json"
    if marker.exists():
        data = json.loads(marker.read_text())
        if data.get("format_version") == FORMAT_VERSION and data.get("files") == SITES * WEEKS:
            return data
    templates, template_secret = _weekly_files(bench_db, monkeypatch)
    import shutil

    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    secret, public = crypto.new_identity()
    started = time.perf_counter()
    keys = make_scale_files(FOLDER, templates, template_secret, SITES, WEEKS, public)
    data = {
        "format_version": FORMAT_VERSION,
        "files": SITES * WEEKS,
        "secret": secret,
        "keys": keys,
        "made_in_s": round(time.perf_counter() - started, 1),
    }
    marker.write_text(json.dumps(data))
    return data


def _measure(made: dict[str, object], folder: Path, url: str = "") -> dict[str, Any]:
    """Run the scale child: a fresh coordination (its folder, or ``url``'s PostgreSQL)."""
    folder.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench.scale_child",
            str(folder),
            str(FOLDER),
            str(made["secret"]),
            json.dumps(made["keys"]),
            *([url] if url else []),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=7200,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["refused_count"] == 0, figures["refused"]
    return figures


def _record(record: Recorder, figures: dict[str, Any], prefix: str, engine: str) -> None:
    files = figures["files"]
    record(
        f"{prefix}_import",
        label=f"{engine}: import of {files} weekly files ({SITES} cabanes × 10 years)",
        measured=f"{figures['import']:.0f} s ({figures['import'] / files * 1000:.1f} ms a file)",
        budget=f"≤ {IMPORT_BUDGET_S:.0f} s",
        ok=figures["import"] <= IMPORT_BUDGET_S,
        figures=figures,
    )
    worst = max(figures["periods"].values())
    record(
        f"{prefix}_periods",
        label=f"{engine}: a year, quarter, month, 45 days, week, {SITES} cabanes (medians)",
        measured=", ".join(f"{name} {s:.2f} s" for name, s in figures["periods"].items())
        + " (median of 3; asked first: "
        + ", ".join(f"{s:.2f}" for s in figures["first_asked"].values())
        + ")",
        budget=f"≤ {PERIOD_BUDGET_S} s",
        ok=worst <= PERIOD_BUDGET_S,
        figures=figures["periods"],
    )
    record(
        f"{prefix}_report",
        label=f"{engine}: annual report of the {SITES} cabanes (figures and PDF)",
        measured=f"{figures['report']:.2f} s",
        budget=f"≤ {REPORT_BUDGET_S:.0f} s",
        ok=figures["report"] <= REPORT_BUDGET_S,
        figures={"seconds": figures["report"]},
    )
    record(
        f"{prefix}_memory",
        label=f"{engine}: peak memory of Cabane's process (import and figures)",
        measured=f"{figures['peak_mb']:.0f} MB",
        budget=f"≤ {MEMORY_BUDGET_MB} MB",
        ok=figures["peak_mb"] <= MEMORY_BUDGET_MB,
        figures={"peak_mb": figures["peak_mb"]},
    )


def test_the_coordination_at_the_departements_scale(
    bench_db: BenchDatabase, record: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _scale_files(bench_db, monkeypatch)
    monkeypatch.setenv("CABANE_TEST_KEYRING", str(tmp_path / "keyring.json"))
    _record(record, _measure(made, tmp_path / "coordination"), "scale", "SQLCipher")


def test_the_same_on_a_shared_postgresql_store(
    bench_db: BenchDatabase, record: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: the same files and figures on PostgreSQL (a local cluster of the bench's
    own, writes flushed to disk as a real server's), beside SQLCipher."""
    from tests.support.postgres import Cluster, server_bin

    bindir = server_bin()
    if bindir is None:
        pytest.skip("PostgreSQL n'est pas installé ici (initdb introuvable)")
    made = _scale_files(bench_db, monkeypatch)
    monkeypatch.setenv("CABANE_TEST_KEYRING", str(tmp_path / "keyring.json"))
    cluster = Cluster(bindir, durable=True)
    cluster.start()
    try:
        figures = _measure(made, tmp_path / "coordination", cluster.new_database())
    finally:
        cluster.stop()
    _record(record, figures, "scale_pg", "PostgreSQL")
