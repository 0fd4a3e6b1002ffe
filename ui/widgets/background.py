"""Slow work off the UI thread: one typed operation, one way back on the UI thread.

    BackgroundOp(self, lambda: exporter.export(...)).success(shown).failure(said).run()

Exports, imports, many-page PDFs, figures and backups go through it, so that the desk
never freezes more than 100 ms (DESIGN.md §3). In the manner of Anki's ``QueryOp``: the
operation belongs to a widget (its owner), and nothing is called back once that widget
is gone (a window closed while its work ran).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

T = TypeVar("T")


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # handed to the failure path, on the UI thread
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


_running: set[_Relay] = set()  # keeps each relay alive until its job reports


def _ignore_failure(_error: Exception) -> None:
    """No failure path given: the error is dropped (the owner shows nothing)."""


class BusyGuard:
    """What a window has running: a count, and the buttons kept disabled meanwhile (a second
    import cannot start while the first runs; closing can wait for the last one)."""

    def __init__(self, *buttons: QWidget) -> None:
        self._buttons = buttons
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def begin(self) -> None:
        self._running += 1
        for button in self._buttons:
            button.setEnabled(False)

    def end(self) -> None:
        self._running = max(0, self._running - 1)
        if not self._running:
            for button in self._buttons:
                button.setEnabled(True)


class BackgroundOp(Generic[T]):
    """``work`` run in Qt's thread pool for ``owner``; ``success`` gets its result, ``failure``
    the exception, ``always`` runs first either way (re-enable a button, count a job)."""

    def __init__(self, owner: QObject | None, work: Callable[[], T]) -> None:
        self._owner = owner
        self._work = work
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[Exception], None] = _ignore_failure
        self._always: Callable[[], None] = lambda: None
        self._guard: BusyGuard | None = None

    def success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> BackgroundOp[T]:
        self._on_failure = callback
        return self

    def always(self, callback: Callable[[], None]) -> BackgroundOp[T]:
        self._always = callback
        return self

    def guarded_by(self, guard: BusyGuard) -> BackgroundOp[T]:
        """Counted in ``guard`` (its buttons disabled) from ``run`` until the work reports."""
        self._guard = guard
        return self

    def _finish(self) -> None:
        if self._guard is not None:
            self._guard.end()
        self._always()

    def _owner_alive(self) -> bool:
        return self._owner is None or Shiboken.isValid(self._owner)

    def run(self) -> None:
        relay = _Relay()
        _running.add(relay)
        if self._guard is not None:
            self._guard.begin()

        def succeeded(result: object) -> None:
            _running.discard(relay)
            if self._owner_alive():
                self._finish()
                self._on_success(result)  # type: ignore[arg-type]  # the work's own T

        def failed(error: object) -> None:
            _running.discard(relay)
            if self._owner_alive():
                self._finish()
                self._on_failure(error if isinstance(error, Exception) else RuntimeError(error))

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        QThreadPool.globalInstance().start(_Job(self._work, relay))
