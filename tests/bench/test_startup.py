"""Start to ready and resident memory after start (DESIGN.md §9).

``cabane --exit-when-ready`` on the 150,000-visit database against the floor: a bare
PySide6 window whose script also imports SQLAlchemy's ORM, sqlcipher3 and keyring
(``floor_window.py``). Both are timed from spawn to their ready line (wall clock),
alternately, after one warm-up run each; the budget is on the medians. The whole-process
time (with teardown) is recorded too, for information.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.bench.conftest import BENCH_DIR, ROOT, BenchDatabase, Recorder, child_env, desk_command
from tests.bench.measure import ChildRun, desk_only_imports, parse_importtime, run_child

pytestmark = pytest.mark.bench

RUNS = 9
BUDGET_MS = 1000
BUDGET_RATIO = 1.5
BUDGET_RSS_MB = 250
FLOOR_SCRIPT = Path(__file__).with_name("floor_window.py")
READY = re.compile(r"Prête en (\d+) ms")


def _floor(env: dict[str, str]) -> ChildRun:
    run = run_child([sys.executable, str(FLOOR_SCRIPT)], env, ROOT)
    assert run.returncode == 0, f"floor script failed:\n{run.stderr}"
    return run


def _desk(folder: Path, env: dict[str, str]) -> tuple[ChildRun, int]:
    run = run_child(desk_command(folder, "--exit-when-ready"), env, ROOT)
    assert run.returncode == 0, f"cabane --exit-when-ready failed:\n{run.stdout}\n{run.stderr}"
    ready = READY.search(run.stdout)
    assert ready, f"no « Prête en N ms » line in:\n{run.stdout}"
    return run, int(ready.group(1))


def _import_report(folder: Path, env: dict[str, str]) -> dict[str, Any]:
    """``-X importtime`` of the desk and of the floor: what only the desk imports."""
    desk = run_child(
        [sys.executable, "-X", "importtime", *desk_command(folder, "--exit-when-ready")[1:]],
        env,
        ROOT,
    )
    floor = run_child([sys.executable, "-X", "importtime", str(FLOOR_SCRIPT)], env, ROOT)
    (BENCH_DIR / "importtime-desk.txt").write_text(desk.stderr)
    (BENCH_DIR / "importtime-floor.txt").write_text(floor.stderr)
    return desk_only_imports(parse_importtime(desk.stderr), parse_importtime(floor.stderr))


@pytest.fixture(scope="module")
def start(bench_db: BenchDatabase, record: Recorder) -> dict[str, Any]:
    env = child_env(bench_db.keyring)
    warm_floor = _floor(env)
    warm_desk, warm_ready = _desk(bench_db.folder, env)
    floors: list[ChildRun] = []
    desks: list[ChildRun] = []
    ready_ms: list[int] = []
    for _ in range(RUNS):
        floors.append(_floor(env))
        run, ready = _desk(bench_db.folder, env)
        desks.append(run)
        ready_ms.append(ready)

    floor_ms = statistics.median(r.ready_ms for r in floors)
    desk_ms = statistics.median(r.ready_ms for r in desks)
    desk_total_ms = statistics.median(r.wall_ms for r in desks)
    floor_total_ms = statistics.median(r.wall_ms for r in floors)
    ratio = desk_ms / floor_ms
    in_process_ms = statistics.median(ready_ms)
    desk_rss = max(r.max_rss_mb for r in desks)
    floor_rss = max(r.max_rss_mb for r in floors)
    figures = {
        "runs": RUNS,
        "desk_to_ready_line_ms": [round(r.ready_ms, 1) for r in desks],
        "floor_to_ready_line_ms": [round(r.ready_ms, 1) for r in floors],
        "desk_total_median_ms": round(desk_total_ms, 1),
        "floor_total_median_ms": round(floor_total_ms, 1),
        "desk_wall_ms": [round(r.wall_ms, 1) for r in desks],
        "floor_wall_ms": [round(r.wall_ms, 1) for r in floors],
        "desk_ready_ms": ready_ms,
        "desk_median_ms": round(desk_ms, 1),
        "floor_median_ms": round(floor_ms, 1),
        "ratio": round(ratio, 3),
        "in_process_median_ms": in_process_ms,
        "warm_up": {
            "desk_wall_ms": round(warm_desk.wall_ms, 1),
            "desk_ready_ms": warm_ready,
            "floor_wall_ms": round(warm_floor.wall_ms, 1),
        },
        "desk_max_rss_mb": [round(r.max_rss_mb, 1) for r in desks],
        "floor_max_rss_mb": [round(r.max_rss_mb, 1) for r in floors],
    }
    over = desk_ms >= BUDGET_MS or ratio > BUDGET_RATIO
    if over:
        figures["imports"] = _import_report(bench_db.folder, env)
        report = figures["imports"]
        print(
            f"\n[bench] start over budget; the desk imports {report['desk_only_modules']} "
            f"modules the floor does not ({report['desk_only_self_ms']} ms of self time, "
            "under -X importtime). Largest, by desk-only cumulative time:"
        )
        for entry in report["top_cumulative"][:12]:
            print(f"[bench]   {entry['desk_only_cumulative_ms']:8.1f} ms  {entry['module']}")
        print("[bench] Desk-only self time by top-level package:")
        for name, ms in report["by_package_self_ms"].items():
            print(f"[bench]   {ms:8.1f} ms  {name}")
        print(f"[bench] Raw: {BENCH_DIR / 'importtime-desk.txt'}, importtime-floor.txt")

    record(
        "start_wall",
        label=f"start to ready, spawn to ready line (median of {RUNS})",
        measured=f"{desk_ms:.0f} ms (floor {floor_ms:.0f} ms)",
        budget=f"< {BUDGET_MS} ms",
        ok=desk_ms < BUDGET_MS,
        figures=figures,
    )
    record(
        "start_ratio",
        label="start to ready ÷ floor",
        measured=f"{ratio:.2f} × ({desk_ms:.0f} / {floor_ms:.0f} ms)",
        budget=f"≤ {BUDGET_RATIO} ×",
        ok=ratio <= BUDGET_RATIO,
        figures={"ratio": round(ratio, 3)},
    )
    record(
        "start_in_process",
        label=f"start to ready, in-process « Prête en » (median of {RUNS})",
        measured=f"{in_process_ms:.0f} ms",
        budget="(information)",
        ok=None,
        figures={"desk_ready_ms": ready_ms},
    )
    record(
        "start_memory",
        label=f"resident memory after start (peak RSS, max of {RUNS})",
        measured=f"{desk_rss:.0f} MB (floor {floor_rss:.0f} MB)",
        budget=f"≤ {BUDGET_RSS_MB} MB",
        ok=desk_rss <= BUDGET_RSS_MB,
        figures={"desk_max_rss_mb": round(desk_rss, 1), "floor_max_rss_mb": round(floor_rss, 1)},
    )
    return {"desk_ms": desk_ms, "floor_ms": floor_ms, "ratio": ratio, "desk_rss_mb": desk_rss}


def test_start_to_ready_under_one_second(start: dict[str, Any]) -> None:
    assert start["desk_ms"] < BUDGET_MS, (
        f"start to ready {start['desk_ms']:.0f} ms (budget < {BUDGET_MS} ms)"
    )


def test_start_to_ready_within_floor_ratio(start: dict[str, Any]) -> None:
    assert start["ratio"] <= BUDGET_RATIO, (
        f"start to ready {start['desk_ms']:.0f} ms is {start['ratio']:.2f} × the floor "
        f"({start['floor_ms']:.0f} ms); budget ≤ {BUDGET_RATIO} ×"
    )


def test_resident_memory_after_start(start: dict[str, Any]) -> None:
    assert start["desk_rss_mb"] <= BUDGET_RSS_MB, (
        f"peak resident memory {start['desk_rss_mb']:.0f} MB (budget ≤ {BUDGET_RSS_MB} MB)"
    )
