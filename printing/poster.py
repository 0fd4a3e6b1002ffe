"""The cabane's poster (A4 or A3, to read from three metres); its flyer is in flyer.py.

Plain data in, PDF bytes out. The welcoming phrases come in nine languages from
``resources/catalogues/poster_phrases.csv``; :mod:`printing.multilingual` shapes and orders
the non-Latin ones.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from models import catalogues
from models.programme.sheets import PosterData
from printing.fonts import FontFamily, new_canvas, register_fonts
from printing.multilingual import draw_line, font_for, line_width, register_script_fonts, wrap_words
from printing.palette import (
    ACCENT,
    BAND,
    INK,
    MUTED,
    WHITE,
)
from printing.poster_programme import draw_programme
from printing.web_code import draw_qr, url_lines
from resources import read_catalogue

SIZES = {"A4": A4, "A3": A3}
TITLE = "Affiche de la cabane"
FLYER_TITLE = "Flyer de la cabane"
NAME_SIZE = 44.0  # points on A4: the cabane's name, read from three metres
NAME_FLOOR = 24.0  # a name that cannot fit at 40 pt shrinks further rather than being cut
DEFAULT_LANGUAGES = 6  # with no choice made: the catalogue's first six
TILE_SIZE = 20.0  # points on A4 (28 on A3): « Gratuit · Sans rendez-vous » in each language


@dataclass(frozen=True)
class Phrases:
    language: str
    free: str
    no_appointment: str
    audience: str

    @property
    def rtl(self) -> bool:
        return font_for(self.free) == "NotoSansArabic"


def phrases(languages: Sequence[str] = ()) -> list[Phrases]:
    """The welcoming phrases of ``languages`` (in that order; none: the catalogue's first
    six), French first."""
    rows = {row["language"]: row for row in read_catalogue("poster_phrases")}
    chosen = list(languages) or list(catalogues.poster_languages()[:DEFAULT_LANGUAGES])
    ordered = dict.fromkeys(["fr", *chosen])
    return [
        Phrases(code, rows[code]["free"], rows[code]["no_appointment"], rows[code]["audience"])
        for code in ordered
        if code in rows
    ]


# ---------------------------------------------------------------------------------- poster


def build_poster(data: PosterData, size: str = "A4") -> bytes:
    """PDF bytes of a one-page portrait poster, A4 or A3 (the same page scaled up)."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}, expected one of {tuple(SIZES)}")
    fonts = register_fonts()
    register_script_fonts()
    width, height = SIZES[size]
    k = width / A4[0]  # every length is given for A4, then scaled
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (width, height), f"{TITLE} — {data.cabane_name}")
    margin = 14 * mm * k
    inner = width - 2 * margin

    top = _draw_header(canvas, data, fonts, margin, height - margin, inner, k)
    bottom = _draw_phrase_tiles(canvas, phrases(data.languages), fonts, margin, inner, k)
    bottom = _draw_contact(canvas, data, fonts, margin, bottom + 8 * k, inner, k)
    box = (margin, bottom + 10 * k, inner, top - 10 * k)
    draw_programme(canvas, data.sessions, data.period, fonts, box, k, size)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_header(
    canvas: Canvas,
    data: PosterData,
    fonts: FontFamily,
    x: float,
    top: float,
    width: float,
    k: float,
) -> float:
    """The cabane's name and the poster's title in an accent band; returns the band's bottom."""
    logo_side = 0.0
    if data.logo_png:
        logo_side = 34 * mm * k
    text_width = width - 2 * 8 * k - (logo_side + 8 * k if logo_side else 0)
    name_size = NAME_SIZE * k

    def too_wide(lines: list[str], size: float) -> bool:
        """A word longer than the room (« Tremblay-en-France ») is never cut: measured."""
        return any(stringWidth(line, fonts.bold, size) > text_width for line in lines)

    lines = simpleSplit(data.cabane_name, fonts.bold, name_size, text_width)
    while (len(lines) > 2 or too_wide(lines, name_size)) and name_size > NAME_FLOOR * k:
        name_size -= 1 * k
        lines = simpleSplit(data.cabane_name, fonts.bold, name_size, text_width)
    title_size = 24 * k
    title_lines = (
        simpleSplit(data.title, fonts.regular, title_size, text_width) if data.title else []
    )
    pad = 10 * k
    text_height = len(lines) * name_size * 1.1 + len(title_lines) * title_size * 1.25
    band = max(text_height + 2 * pad, logo_side + 2 * pad)
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.roundRect(x, top - band, width, band, 6 * k, stroke=0, fill=1)
    canvas.setFillColor(WHITE)
    y = top - pad - name_size * 0.95
    for line in lines:
        canvas.setFont(fonts.bold, name_size)
        canvas.drawString(x + 8 * k, y, line)
        y -= name_size * 1.1
    y += name_size * 1.1 - name_size * 0.3 - title_size
    for line in title_lines:
        canvas.setFont(fonts.regular, title_size)
        canvas.drawString(x + 8 * k, y, line)
        y -= title_size * 1.25
    canvas.restoreState()
    if data.logo_png:
        draw_logo(
            canvas, data.logo_png, x + width - 8 * k - logo_side, top - pad - logo_side, logo_side
        )
    return top - band


def draw_logo(canvas: Canvas, png: bytes, x: float, y: float, side: float) -> None:
    """The logo in a white square (it must stay legible on the accent band)."""
    canvas.saveState()
    canvas.setFillColor(WHITE)
    canvas.roundRect(x, y, side, side, 3 * mm, stroke=0, fill=1)
    image = ImageReader(io.BytesIO(png))
    inset = side * 0.08
    canvas.drawImage(
        image,
        x + inset,
        y + inset,
        side - 2 * inset,
        side - 2 * inset,
        preserveAspectRatio=True,
        anchor="c",
        mask="auto",
    )
    canvas.restoreState()


SEPARATOR = " · "


@dataclass(frozen=True)
class _Tile:
    row: Phrases
    lines: tuple[tuple[str, str], ...]  # (bold part, regular part) of each line
    width: float  # natural width, padding included


def _tile(row: Phrases, fonts: FontFamily, size: float, pad: float, room: float) -> _Tile:
    """« Gratuit · Sans rendez-vous » on one line if it fits the page, else one under the
    other, each wrapped (a word is never cut: the tile takes the page's width)."""

    def width_of(bold: str, regular: str) -> float:
        return line_width(bold, size, fonts.bold) + line_width(regular, size, fonts.regular)

    one = ((row.free, SEPARATOR + row.no_appointment),)
    if width_of(*one[0]) <= room - 2 * pad:
        return _Tile(row, one, width_of(*one[0]) + 2 * pad)
    free = wrap_words(row.free, size, fonts.bold, room - 2 * pad, break_words=True) or []
    rest = wrap_words(row.no_appointment, size, fonts.regular, room - 2 * pad, break_words=True)
    lines = tuple((line, "") for line in free) + tuple(("", line) for line in rest or [])
    return _Tile(row, lines, max(width_of(*line) for line in lines) + 2 * pad)


def _draw_phrase_tiles(
    canvas: Canvas, rows: Sequence[Phrases], fonts: FontFamily, x: float, width: float, k: float
) -> float:
    """One tile per language, « Gratuit · Sans rendez-vous » big enough to read from afar
    (20 pt on A4, 28 pt on A3), the tiles flowing in rows across the page, then whom the
    cabane is for, in French; the long sentence in every language is on the flyer.
    Returns the band's top."""
    size, pad, gap = TILE_SIZE * k, 7 * k, 6 * k
    bottom = 14 * mm * k
    tiles = [_tile(row, fonts, size, pad, width) for row in rows]
    grid: list[list[_Tile]] = [[]]
    for tile in tiles:  # in the given order, as many a row as fit
        used = sum(t.width for t in grid[-1]) + gap * len(grid[-1])
        if grid[-1] and used + tile.width > width:
            grid.append([])
        grid[-1].append(tile)
    leading = size * 1.25
    heights = [max(len(t.lines) for t in line) * leading + 2 * pad for line in grid]
    audience = next((row.audience for row in rows if row.language == "fr"), "")
    audience_size = 14 * k
    audience_lines = simpleSplit(audience, fonts.regular, audience_size, width)
    total = sum(heights) + gap * (len(grid) - 1) + len(audience_lines) * audience_size * 1.3
    y = bottom + total
    canvas.saveState()
    for line, height in zip(grid, heights, strict=True):
        y -= height
        stretch = (width - gap * (len(line) - 1)) / sum(t.width for t in line)
        tx = x
        for tile in line:  # the row's tiles widened alike to fill the page's width
            tile_width = tile.width * stretch
            canvas.setFillColor(BAND)
            canvas.roundRect(tx, y, tile_width, height, 5 * k, stroke=0, fill=1)
            _draw_tile_text(canvas, tile, fonts, size, (tx, y + height - pad, tile_width, pad))
            tx += tile_width + gap
        y -= gap
    y += gap
    canvas.setFillColor(INK)
    canvas.setFont(fonts.regular, audience_size)
    for text in audience_lines:
        y -= audience_size * 1.3
        canvas.drawString(x, y + audience_size * 0.3, text)
    canvas.restoreState()
    return float(bottom + total)


def _draw_tile_text(
    canvas: Canvas, tile: _Tile, fonts: FontFamily, size: float, box: tuple[float, ...]
) -> None:
    """Bold « Gratuit » in the accent colour, then the rest; from the right for Arabic."""
    x, top, width, pad = box
    y = top - size
    for bold, regular in tile.lines:
        parts = [(bold, fonts.bold, ACCENT), (regular, fonts.regular, INK)]
        if tile.row.rtl:  # « Gratuit » rightmost, then « · Sans rendez-vous » to its left
            cursor = x + width - pad
            for text, font, colour in parts:
                if text.strip():
                    canvas.setFillColor(colour)
                    cursor -= draw_line(canvas, cursor, y, text.strip(), size, font, align="right")
                    cursor -= line_width(" ", size, font)
        else:
            cursor = x + pad
            for text, font, colour in parts:
                if text:
                    canvas.setFillColor(colour)
                    cursor += draw_line(canvas, cursor, y, text, size, font)
        y -= size * 1.25


def _draw_contact(
    canvas: Canvas,
    data: PosterData,
    fonts: FontFamily,
    x: float,
    bottom: float,
    width: float,
    k: float,
) -> float:
    """Address and opening hours, with the QR code on the right; returns the block's top."""
    qr_side = 30 * mm * k if data.web_address else 0.0
    text_width = width - (qr_side + 10 * k if qr_side else 0)
    label, body = 11 * k, 13 * k  # smaller than the programme, which is read from afar
    blocks = [
        ("Adresse", simpleSplit(data.address, fonts.regular, body, text_width)),
        ("Horaires d'ouverture", simpleSplit(data.opening_hours, fonts.regular, body, text_width)),
    ]
    text_height = sum(label * 1.3 + len(lines) * body * 1.2 + 4 * k for _, lines in blocks)
    web_size = 9 * k  # never smaller: a long address wraps instead
    web_lines = url_lines(data.web_address, fonts.regular, web_size, qr_side + 10 * k)
    qr_block = qr_side + web_size * (0.4 + 1.2 * len(web_lines)) if qr_side else 0.0
    height = max(text_height, qr_block)
    y = bottom + height
    for heading, lines in blocks:
        y -= label
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.bold, label)
        canvas.drawString(x, y, heading)
        y -= label * 0.3
        canvas.setFillColor(INK)
        canvas.setFont(fonts.regular, body)
        for line in lines:
            y -= body * 1.2
            canvas.drawString(x, y + body * 0.25, line)
        y -= 4 * k
    if qr_side:
        qx = x + width - qr_side
        draw_qr(canvas, data.web_address, qx, bottom + height - qr_side, qr_side)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, web_size)
        line_y = bottom + height - qr_side - web_size * 1.2  # below the code's quiet zone
        for line in web_lines:
            canvas.drawCentredString(qx + qr_side / 2, line_y, line)
            line_y -= web_size * 1.2
    return bottom + height
