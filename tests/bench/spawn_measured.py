"""Run a command and write its wall-clock time, exit code and peak RSS as JSON.

Usage: ``python spawn_measured.py RESULT.json COMMAND…`` (the command keeps this
process's stdin and stderr; its stdout is relayed line by line).

``ready_ms`` is the time from spawn to the child's first line of output (« Prête en … »
or « Floor ready … », both flushed when the window is up and idle): start to ready,
without the process teardown that ``wall_ms`` also counts.

Why a launcher: on Linux a child's ``ru_maxrss`` is at least the resident size of the
process it was forked from (``exec`` keeps the high-water mark of the address space it
replaces, and ``vfork``/``posix_spawn`` share the parent's). Forked straight from pytest,
every child would report pytest's own size. Forked from this small process instead, the
figure is the child's own peak. The wall-clock time is taken here too, from just before
the spawn to the reaping of the child, so the launcher's own start is not counted.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    result_path, *command = sys.argv[1:]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE)
    assert process.stdout is not None
    ready: float | None = None
    for line in process.stdout:
        if ready is None:
            ready = time.perf_counter() - started
        sys.stdout.buffer.write(line)
    sys.stdout.flush()
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    Path(result_path).write_text(
        json.dumps(
            {
                "wall_ms": wall * 1000,
                "ready_ms": (ready if ready is not None else wall) * 1000,
                "returncode": process.returncode,
                # kibibytes on Linux, bytes on macOS
                "max_rss_kib": usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
