"""Logging to a rotating file in the data folder. Messages carry no personal data."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path
from types import TracebackType

MAX_BYTES = 1_000_000
KEEP = 3


def _rotate(path: Path) -> None:
    """Rotate at start rather than while running (logging.handlers costs start-up time)."""
    if not path.exists() or path.stat().st_size < MAX_BYTES:
        return
    for number in range(KEEP - 1, 0, -1):
        older = path.with_name(f"{path.name}.{number}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{number + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def configure_logging(folder: Path) -> Path | None:
    """Log into ``logs/cabane.log``; None if the folder refuses it (read-only, full):
    the desk or the command then says so in French (faults.probe_folder)."""
    # A log file that cannot be written (read-only folder, full disk) is dropped
    # silently: never logging's own traceback in front of a person.
    logging.raiseExceptions = False
    logs = folder / "logs"
    try:
        logs.mkdir(exist_ok=True)
    except OSError:
        logging.getLogger().addHandler(logging.NullHandler())  # not logging's stderr
        return None
    path = logs / "cabane.log"
    with contextlib.suppress(OSError):  # a log that cannot rotate must not stop the desk
        _rotate(path)
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.set_name("cabane")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if h.get_name() != "cabane"]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Alembic lists its plugins at each migration: noise, not events.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return path


def log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Only the exception type and where it happened: its message may quote user input."""
    frames = []
    while trace is not None:
        code = trace.tb_frame.f_code
        frames.append(f"{Path(code.co_filename).name}:{trace.tb_lineno} {code.co_name}")
        trace = trace.tb_next
    # Programming errors' messages name code, not people; others may quote what was typed.
    safe = isinstance(error, (AttributeError, ImportError, NameError, TypeError))
    message = str(error)[:200] if safe else ""
    logging.getLogger("cabane").error(
        "uncaught %s %s at %s", kind.__name__, message, " < ".join(frames[::-1])
    )
    print(f"Erreur inattendue ({kind.__name__}). Détails dans le journal.", file=sys.stderr)
