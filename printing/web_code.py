"""The web address of a cabane on paper: a QR code with its quiet zone, and the address
under it in lines that fit (never shrunk)."""

from __future__ import annotations

import itertools

import qrcode
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing.palette import INK


def draw_qr(canvas: Canvas, text: str, x: float, y: float, side: float) -> None:
    """A QR code as filled squares (one rectangle per run of dark modules in a row)."""
    # A quiet zone of four light modules all round, inside ``side``: nothing printed
    # beside the code (the address under it, a block's text) can touch it.
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    count = len(matrix)
    module = side / count
    canvas.saveState()
    canvas.setFillColor(INK)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        column = 0
        for dark, group in itertools.groupby(row):
            length = len(list(group))
            if dark:
                path.rect(
                    x + column * module,
                    y + side - (row_index + 1) * module,
                    length * module,
                    module,
                )
            column += length
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def url_lines(url: str, font: str, size: float, room: float) -> list[str]:
    """A web address in lines that fit ``room``, broken after « / » or « . » where
    possible, never shrunk."""
    lines: list[str] = []
    rest = url
    while rest:
        if stringWidth(rest, font, size) <= room:
            lines.append(rest)
            break
        cut = 1
        while cut < len(rest) and stringWidth(rest[: cut + 1], font, size) <= room:
            cut += 1
        soft = max(rest.rfind(mark, 0, cut) for mark in "/.")
        cut = soft + 1 if soft > 0 else cut
        lines.append(rest[:cut])
        rest = rest[cut:]
    return lines
