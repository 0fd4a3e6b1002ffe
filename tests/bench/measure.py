"""Measuring helpers for the benchmarks: timed child processes, percentiles, import times."""

from __future__ import annotations

import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = Path(__file__).with_name("spawn_measured.py")


@dataclass(frozen=True)
class ChildRun:
    """One child process: wall-clock time, peak resident memory, exit code and output."""

    wall_ms: float
    ready_ms: float  # spawn to the first line of output (the ready line)
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_child(command: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> ChildRun:
    """Run ``command`` through ``spawn_measured.py``: whole-process time and peak RSS.

    The launcher times the child from spawn to reaping and reads its ``rusage``; see its
    docstring for why the child is not spawned from pytest directly.
    """
    with (
        tempfile.TemporaryDirectory() as tmp,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        result = Path(tmp) / "result.json"
        process = subprocess.Popen(
            [sys.executable, str(LAUNCHER), str(result), *command],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        try:
            launcher_code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        if launcher_code != 0 or not result.exists():
            raise RuntimeError(f"launcher failed ({launcher_code}):\n{stderr}")
        figures = json.loads(result.read_text())
    return ChildRun(
        wall_ms=figures["wall_ms"],
        ready_ms=figures["ready_ms"],
        max_rss_mb=figures["max_rss_kib"] / 1024,
        returncode=figures["returncode"],
        stdout=stdout,
        stderr=stderr,
    )


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile (never interpolated below a measured value)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summary(samples_ms: list[float]) -> dict[str, float]:
    return {
        "n": len(samples_ms),
        "min_ms": round(min(samples_ms), 2),
        "p50_ms": round(statistics.median(samples_ms), 2),
        "p95_ms": round(percentile(samples_ms, 0.95), 2),
        "max_ms": round(max(samples_ms), 2),
        "mean_ms": round(statistics.fmean(samples_ms), 2),
    }


@dataclass(frozen=True)
class ImportLine:
    module: str
    self_us: int
    cumulative_us: int
    depth: int


def parse_importtime(text: str) -> list[ImportLine]:
    """Lines of ``python -X importtime`` (``import time: self | cumulative | name``)."""
    lines = []
    for raw in text.splitlines():
        if not raw.startswith("import time:") or "[us]" in raw:
            continue
        self_us, cumulative_us, name = raw.removeprefix("import time:").split("|", 2)
        name = name.rstrip()
        # " " then two spaces per level of nesting, then the module name
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        lines.append(ImportLine(name.strip(), int(self_us), int(cumulative_us), depth))
    return lines


def desk_only_imports(desk: list[ImportLine], floor: list[ImportLine], top: int = 15) -> dict:
    """What the desk imports that the floor does not (times in ms, from ``-X importtime``).

    - ``outermost``: desk-only modules imported by a module the floor also imports (or
      by ``__main__``), with their *desk-only cumulative* time: their own self time plus
      that of their desk-only descendants. These do not overlap; they add up to
      ``desk_only_self_ms``. (Plain cumulative times would include PySide6 or
      SQLAlchemy when a desk module happens to be the first to import them.)
    - ``top_cumulative``: every desk-only module ranked by that desk-only cumulative time
      (nested modules overlap, as in importtime's own cumulative column).
    - ``by_package_self_ms``: desk-only self time summed by top-level package.
    - ``top_self``: the desk-only modules with the largest self time.
    """
    floor_names = {line.module for line in floor}
    owned: list[int] = []
    for index, line in enumerate(desk):
        # importtime prints a module after its descendants: the lines just above it
        # with a greater depth.
        total = 0 if line.module in floor_names else line.self_us
        before = index - 1
        while before >= 0 and desk[before].depth > line.depth:
            if desk[before].module not in floor_names:
                total += desk[before].self_us
            before -= 1
        owned.append(total)
    only = [i for i, line in enumerate(desk) if line.module not in floor_names]
    outermost = []
    for index in only:
        parent = next((p for p in desk[index + 1 :] if p.depth < desk[index].depth), None)
        if parent is None or parent.module in floor_names:
            outermost.append(index)
    by_package: dict[str, int] = defaultdict(int)
    for index in only:
        by_package[desk[index].module.split(".")[0]] += desk[index].self_us
    return {
        "desk_only_modules": len(only),
        "desk_only_self_ms": round(sum(desk[i].self_us for i in only) / 1000, 1),
        "outermost": [
            {"module": desk[i].module, "desk_only_cumulative_ms": round(owned[i] / 1000, 1)}
            for i in sorted(outermost, key=lambda i: -owned[i])[:top]
        ],
        "top_cumulative": [
            {"module": desk[i].module, "desk_only_cumulative_ms": round(owned[i] / 1000, 1)}
            for i in sorted(only, key=lambda i: -owned[i])[:top]
        ],
        "by_package_self_ms": {
            name: round(us / 1000, 1)
            for name, us in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]
        },
        "top_self": [
            {"module": desk[i].module, "self_ms": round(desk[i].self_us / 1000, 1)}
            for i in sorted(only, key=lambda i: -desk[i].self_us)[:top]
        ],
    }
