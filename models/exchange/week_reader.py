"""Reading weekly files for the coordination: pure work, no database, no log.

``read_week`` decrypts and checks one file and counts its week's figures; what a
refusal says is the caller's to log, and whether the signing key is the cabane's is the
coordination's register to say. (Reading on both cores in worker processes was tried:
4.4 → 3.6 ms a file on this 2-core machine, the process keeping the rows being the
bottleneck, for three processes' memory: not kept. See the README's scale benchmark.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from models.exchange.weekly_file import FileRefused, WeeklyContent, read_weekly_file


@dataclass(frozen=True)
class Refusal:
    """Why one file is refused before its key is checked (``FileRefused``'s code)."""

    source: str
    code: str
    detail: str = ""


@dataclass(frozen=True)
class ReadWeek:
    """A file read and checked, with its week's figures (``row_figures``) counted."""

    content: WeeklyContent  # without its raw members: the rows are what is kept
    source: str
    figures: dict[str, Any]


def read_week(data: bytes, identities: list[str], source: str) -> ReadWeek | Refusal:
    """One file's checked content, or why it is refused (never an exception)."""
    try:
        content = read_weekly_file(data, identities)
    except FileRefused as refused:
        return Refusal(source, refused.code, refused.detail)
    except Exception:  # one file never stops a batch (DESIGN.md §6)
        return Refusal(source, "unreadable")
    slim = replace(content, members={}, _parsed={})
    return ReadWeek(slim, source, content.figures)


def read_path(path: Path, identities: list[str]) -> ReadWeek | Refusal:
    try:
        data = path.read_bytes()
    except OSError:
        return Refusal(path.name, "unreadable")
    return read_week(data, identities, path.name)


def read_paths(paths: Iterable[Path], identities: list[str]) -> Iterator[ReadWeek | Refusal]:
    """Each path's result, in the order given."""
    for path in paths:
        yield read_path(path, identities)
