"""Keeping batches of checked weekly files on a thread of their own while the next files
are read.

Reading a file is Python's work (the interpreter's lock held); keeping a batch is mostly
the database's (SQLCipher encrypting pages and writing them, or a PostgreSQL server
inserting), during which the lock is released: on two cores the two overlap. Batches are
kept one after the other, in the order given, each in its own transaction, exactly as
without the thread; at most ``AHEAD`` batches wait, so memory stays bounded. An error
while keeping (a full disk, a lost server) stops the reading and is raised to the caller
once the batches before it are kept.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

Item = TypeVar("Item")
AHEAD = 1  # batches read and waiting while one is being kept


class BatchKeeper(Generic[Item]):
    """``with BatchKeeper(keep) as keeper: keeper.add(batch)…``; ``keep`` runs on the
    keeper's thread, batch after batch; leaving the block waits for the last one."""

    def __init__(self, keep: Callable[[list[Item]], None]) -> None:
        self._keep = keep
        self._batches: queue.Queue[list[Item] | None] = queue.Queue(maxsize=AHEAD)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="cabane-import", daemon=True)

    def __enter__(self) -> BatchKeeper[Item]:
        self._thread.start()
        return self

    def add(self, batch: list[Item]) -> None:
        """Hand a batch over (waits while ``AHEAD`` others wait); raises the keeper's
        error if keeping an earlier batch failed."""
        if self._error is not None:
            raise self._error
        if batch:
            self._batches.put(batch)

    def _run(self) -> None:
        while (batch := self._batches.get()) is not None:
            if self._error is not None:
                continue  # after a failure: the batches left are not kept
            try:
                self._keep(batch)
            except BaseException as error:  # raised again on the caller's thread
                self._error = error

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._batches.put(None)
        self._thread.join()
        if kind is None and self._error is not None:
            raise self._error
