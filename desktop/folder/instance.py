"""One running Cabane per data folder, through a lock file that survives crashes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_FILENAME = "cabane.lock"


class AlreadyRunning(Exception):
    pass


class InstanceLock:
    """Held for the life of the process; a stale lock (killed process) is taken over."""

    def __init__(self, folder: Path) -> None:
        self._lock = QLockFile(str(folder / LOCK_FILENAME))
        self._lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age

    def acquire(self) -> None:
        if not self._lock.tryLock(200):
            raise AlreadyRunning()

    def release(self) -> None:
        self._lock.unlock()
