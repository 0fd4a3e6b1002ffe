"""Slow work off the UI thread: one helper, one way back (success or failure, on the UI thread).

Exports, imports, many-page PDFs and backups go through ``run_in_background`` so that the
desk never freezes more than 100 ms (DESIGN.md §3).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # handed to the caller's failure callback, on the UI thread
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


_running: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
) -> None:
    """Run ``work`` in Qt's thread pool; call back on the UI thread when it ends."""
    relay = _Relay()
    _running.add(relay)  # keep the relay alive until the job reports

    def succeeded(result: object) -> None:
        _running.discard(relay)
        on_success(result)

    def failed(error: object) -> None:
        _running.discard(relay)
        on_failure(error if isinstance(error, Exception) else RuntimeError(str(error)))

    relay.succeeded.connect(succeeded)
    relay.failed.connect(failed)
    QThreadPool.globalInstance().start(_Job(work, relay))
