"""Where the families come from: a tile map of Seine-Saint-Denis, one square per commune,
placed to echo the map (resources/catalogues/commune_tiles.csv), darker where more
families came. No outline is shipped: a tile map needs no licence, reads at a glance,
and every commune gets the same room. The numbers are written on the tiles and in the
table beside it, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from models import catalogues
from resources import read_catalogue
from ui.widgets.palette import COLOURS
from ui.widgets.texts import ntr, tr

# From no family to the most: background, text (palette names; contrast ≥ 4.5:1)
SHADES = (
    ("map_0", "map_0_text"),
    ("map_1", "map_dark_text"),
    ("map_2", "map_dark_text"),
    ("map_3", "white"),
    ("map_4", "white"),
)
TILE_WIDTH, TILE_HEIGHT = 104, 48
OUTSIDE = ("paris", "hors93", "sans_domicile", "unknown")


def shade(count: int, most: int) -> tuple[str, str]:
    """The tile's colours: none, then four steps up to the most visited commune."""
    if count <= 0 or most <= 0:
        return SHADES[0]
    return SHADES[min(4, 1 + (count * 4 - 1) // most)]


class CommuneMap(QWidget):
    """The tiles, a sentence on how to read them, and the families from outside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        names = {entry.code: entry.label for entry in catalogues.communes()}
        self._names = names
        grid = QGridLayout()
        grid.setSpacing(3)
        self.tiles: dict[str, QLabel] = {}
        for row in read_catalogue("commune_tiles"):
            tile = QLabel()
            tile.setObjectName("communeTile")
            tile.setFixedSize(TILE_WIDTH, TILE_HEIGHT)
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tile.setWordWrap(True)
            grid.addWidget(tile, int(row["row"]), int(row["column"]))
            self.tiles[row["insee"]] = tile
        legend = QLabel(tr("Plus la case est foncée, plus les familles de la commune sont venues."))
        legend.setWordWrap(True)
        self.outside = QLabel()
        self.outside.setWordWrap(True)
        grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(grid)
        layout.addWidget(legend)
        layout.addWidget(self.outside)
        layout.addStretch(1)
        self.set_counts({})

    def set_counts(self, counts: Mapping[str, int]) -> None:
        most = max((counts.get(code, 0) for code in self.tiles), default=0)
        for code, tile in self.tiles.items():
            count = counts.get(code, 0)
            name = self._names.get(code, code)
            background, ink = (COLOURS[name] for name in shade(count, most))
            tile.setText(f"<small>{_short(name)}</small><br><b>{count}</b>")
            tile.setStyleSheet(
                f"QLabel#communeTile {{ background: {background}; color: {ink}; "
                "border-radius: 4px; }"
            )
            said = ntr("%n passage(s)", count)
            tile.setToolTip(f"{name} : {said}")
            tile.setAccessibleName(f"{name} : {said}")
        outside = [
            f"{self._names.get(code, code)} : {counts.get(code, 0)}"
            for code in OUTSIDE
            if counts.get(code, 0)
        ]
        self.outside.setText(
            tr("Hors des communes du département — {list}").format(list=", ".join(outside))
            if outside
            else ""
        )


def _short(name: str) -> str:
    """A long name on two lines at its hyphens (« Tremblay-en-France »)."""
    if len(name) <= 12:
        return name
    head, sep, tail = name.partition("-")
    return f"{head}{sep}<br>{tail}" if sep else name
