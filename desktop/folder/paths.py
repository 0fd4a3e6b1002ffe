"""Where Cabane keeps its files: --data-dir, CABANE_DATA_DIR, or the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Cabane"
APP_AUTHOR = "PMI93"


def data_dir(explicit: str | None = None) -> Path:
    chosen = explicit or os.environ.get("CABANE_DATA_DIR")
    if chosen:
        path = Path(chosen).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()
