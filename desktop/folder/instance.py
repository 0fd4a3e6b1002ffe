"""One running Cabane per data folder, through a lock file that survives crashes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from desktop.folder.faults import OpenRefused, probe_folder

LOCK_FILENAME = "cabane.lock"


class AlreadyRunning(OpenRefused):
    """Another Cabane, a live process, holds this data folder."""

    def __init__(self) -> None:
        super().__init__("in_use")


class InstanceLock:
    """Held for the life of the process; a stale lock (killed process) is taken over."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._lock = QLockFile(str(folder / LOCK_FILENAME))
        self._lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age

    def acquire(self) -> None:
        """Raises AlreadyRunning, or the folder's true fault (read-only, disk full)."""
        if self._lock.tryLock(200):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            raise AlreadyRunning()
        probe_folder(self._folder)  # raises folder_read_only or disk_full
        raise OpenRefused("storage", "lock file")

    def release(self) -> None:
        self._lock.unlock()
