"""Data shipped with Cabane (catalogues, fonts, icons) and the one small loader that reads it."""

from __future__ import annotations

import csv
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Absolute path of a shipped resource file."""
    return RESOURCES_DIR.joinpath(*parts)


def read_catalogue(name: str) -> list[dict[str, str]]:
    """Rows of ``catalogues/<name>.csv`` as dictionaries keyed by the header row."""
    with resource_path("catalogues", f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
