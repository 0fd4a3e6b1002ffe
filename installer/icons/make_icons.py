"""Render the icon (resources/icons/cabane.svg) to PNG sizes for Linux and an ICO for Windows.

Run again after changing the SVG: ``.venv/bin/python installer/icons/make_icons.py``.
The outputs are committed, so that building a bundle needs no rendering step.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "resources" / "icons" / "cabane.svg"  # also the window icon
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print("cabane.svg illisible", file=sys.stderr)
        return 1
    for size in SIZES:
        render(renderer, size).save(str(HERE / f"cabane-{size}.png"))
    (HERE / "cabane.ico").write_bytes(
        ico([(size, png_bytes(render(renderer, size))) for size in SIZES])
    )
    return 0


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def ico(images: list[tuple[int, bytes]]) -> bytes:
    """A Windows icon holding every size as PNG (Qt's own ICO writer keeps only one)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


if __name__ == "__main__":
    raise SystemExit(main())
