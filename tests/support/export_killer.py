"""Exports one week and is killed (SIGKILL) at a chosen step; for tests/test_export_faults.py.

Usage: python -m tests.support.export_killer DATA_DIR OUT_DIR RECIPIENT STEP

STEP: before_writing (revision reserved, nothing written), while_writing (the temporary
file written and flushed, not yet renamed), after_writing (the file in place, not yet
recorded as written), after_recording (recorded, before the command returns).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any


def _die(*_args: Any, **_kwargs: Any) -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    folder, out_dir, recipient, step = Path(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:5]
    from desktop import __version__
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.exchange import exporter
    from models.store import files

    desk = open_existing(folder, open_keychain())
    assert desk.site is not None
    real_write = exporter.write_atomically
    if step == "before_writing":
        exporter.write_atomically = _die  # type: ignore[assignment]
    elif step == "while_writing":
        files.os.replace = _die  # type: ignore[assignment]
    elif step == "after_writing":

        def write_then_die(path: Path, data: bytes) -> None:
            real_write(path, data)
            _die()

        exporter.write_atomically = write_then_die  # type: ignore[assignment]
    elif step == "after_recording":
        exporter.log.info = _die  # type: ignore[method-assign]
    exporter.WeeklyExporter(desk.factory, desk.site, __version__).export(
        2026, 46, out_dir, [recipient]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
