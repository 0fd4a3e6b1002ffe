"""Storage faults made real for tests: read-only mounts or modes, a small full disk,
bytes overwritten in a page of the database."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PAGE = 4096  # SQLCipher's page size


def _run(*command: str) -> bool:
    return subprocess.run(command, capture_output=True).returncode == 0


def _cannot(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must be able to test this fault: {reason}")
    pytest.skip(reason)


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (a folder or a file) cannot be written, even by root: a read-only bind
    mount for root, the file mode otherwise."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if not _run("mount", "--bind", str(path), str(path)):
        _cannot("mount --bind refused (no CAP_SYS_ADMIN here)")
    try:
        if not _run("mount", "-o", "remount,ro,bind", str(path)):
            _cannot("read-only remount refused")
        yield
    finally:
        _run("umount", str(path))


@contextmanager
def small_disk(folder: Path, size_kib: int = 4096) -> Iterator[Path]:
    """A tmpfs of ``size_kib`` mounted on ``folder`` (root only)."""
    if os.geteuid() != 0:
        _cannot("a tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder)):
        _cannot("mount -t tmpfs refused")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path) -> None:
    """Fill the disk under ``folder`` to the last byte."""
    with (folder / "remplissage").open("wb", buffering=0) as handle:
        for size in (65536, 4096, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                pass


def overwrite(path: Path, page: int, offset: int = 100, length: int = 64) -> None:
    """Overwrite ``length`` bytes inside page ``page`` (1-based) of the database file."""
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE + offset)
        handle.write(b"\xa5" * length)


def pages(path: Path) -> int:
    return path.stat().st_size // PAGE


def copy_folder(source: Path, target: Path) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True)
