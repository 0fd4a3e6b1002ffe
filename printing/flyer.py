"""The cabane's flyer and an activity's flyer: two A5 per A4 sheet with cut marks (reportlab)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from models.programme.sheets import PosterData
from printing.fonts import FontFamily, new_canvas, register_fonts
from printing.multilingual import draw_line, register_script_fonts, wrap_words
from printing.palette import (
    ACCENT,
    BAND,
    CROP_MARK,
    INK,
    MUTED,
)
from printing.poster import FLYER_TITLE, Phrases, draw_logo, phrases
from printing.poster_programme import draw_text
from printing.programme_blocks import Block, dated_blocks, pattern_blocks
from printing.web_code import draw_qr, url_lines

FLYER_WIDTH, FLYER_HEIGHT = A4[0], A4[1] / 2  # an A5 landscape half of an A4 portrait sheet
# Cut marks from 6 to 12 mm in from each edge: home printers leave the outer 4–5 mm blank.
CROP_FROM, CROP_TO = 6 * mm, 12 * mm


def build_flyer(data: PosterData) -> bytes:
    """PDF bytes of one A4 portrait sheet holding the same A5 landscape flyer twice, with cut
    marks on the middle line."""
    fonts = register_fonts()
    register_script_fonts()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4, f"{FLYER_TITLE} — {data.cabane_name}")
    for slot in (0, 1):
        _draw_flyer(canvas, data, fonts, slot * FLYER_HEIGHT)
    _draw_cut_marks(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_cut_marks(canvas: Canvas) -> None:
    y = FLYER_HEIGHT
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.5)
    canvas.line(CROP_FROM, y, CROP_TO, y)  # cut marks at both edges, where printers print
    canvas.line(A4[0] - CROP_TO, y, A4[0] - CROP_FROM, y)
    canvas.setStrokeColor(CROP_MARK)
    canvas.setDash(3, 3)
    canvas.line(CROP_TO + 2 * mm, y, A4[0] - CROP_TO - 2 * mm, y)
    canvas.restoreState()


def _draw_flyer(canvas: Canvas, data: PosterData, fonts: FontFamily, y0: float) -> None:
    margin = 12 * mm
    x = margin
    top = y0 + FLYER_HEIGHT - margin
    bottom = y0 + margin
    width = FLYER_WIDTH - 2 * margin
    side = 32 * mm  # right column: logo, QR code
    has_side = bool(data.logo_png or data.web_address)
    text_width = width - (side + 6 * mm if has_side else 0)

    # header: name, title
    name_size = 26.0
    name_lines = simpleSplit(data.cabane_name, fonts.bold, name_size, text_width)
    while len(name_lines) > 2 and name_size > 16:
        name_size -= 1
        name_lines = simpleSplit(data.cabane_name, fonts.bold, name_size, text_width)
    y = top
    canvas.setFillColor(ACCENT)
    canvas.setFont(fonts.bold, name_size)
    for line in name_lines:
        y -= name_size
        canvas.drawString(x, y, line)
        y -= name_size * 0.15
    if data.title:  # an activity's flyer says which activity
        canvas.setFillColor(INK)
        canvas.setFont(fonts.bold, 15)
        for line in simpleSplit(data.title, fonts.bold, 15, text_width)[:2]:
            y -= 17
            canvas.drawString(x, y, line)
        canvas.setFillColor(ACCENT)
    rows = phrases(data.languages)
    french = next((row for row in rows if row.language == "fr"), None)
    if french:
        y -= 16
        canvas.setFont(fonts.bold, 14)
        canvas.drawString(x, y, f"{french.free} · {french.no_appointment}")
        canvas.setFillColor(INK)
        canvas.setFont(fonts.regular, 10)
        for line in simpleSplit(french.audience, fonts.regular, 10, text_width):
            y -= 13
            canvas.drawString(x, y, line)

    # footer: the whole sentence in the other languages, then address and hours above them
    band = _draw_languages(
        canvas, [row for row in rows if row.language != "fr"], fonts, x, bottom, width
    )
    contact_top = _flyer_contact(canvas, data, fonts, x, bottom + band + 6, text_width)

    # middle: the next sessions, as many as fit
    _flyer_programme(canvas, data, fonts, x, contact_top + 6, text_width, y - 10)

    if has_side:
        sx = x + width - side
        sy = top
        if data.logo_png:
            draw_logo(canvas, data.logo_png, sx, sy - side, side)
            sy -= side + 6 * mm
        if data.web_address:
            qr_side = min(side, sy - (bottom + band + 16))
            if qr_side > 15 * mm:
                draw_qr(canvas, data.web_address, sx + side - qr_side, sy - qr_side, qr_side)
                canvas.setFillColor(MUTED)
                canvas.setFont(fonts.regular, WEB_SIZE)
                line_y = sy - qr_side - 9
                for line in url_lines(data.web_address, fonts.regular, WEB_SIZE, side + 4 * mm):
                    canvas.drawCentredString(sx + side - qr_side / 2, line_y, line)
                    line_y -= WEB_SIZE * 1.2


LANGUAGE_SIZE = 8.0  # points, never smaller: the sentence wraps instead
WEB_SIZE = 7.0  # the web address under the code, wrapped rather than shrunk


def _draw_languages(
    canvas: Canvas,
    rows: Sequence[Phrases],
    fonts: FontFamily,
    x: float,
    bottom: float,
    width: float,
) -> float:
    """« Gratuit · Sans rendez-vous · Pour les futurs parents… » in each language, on two
    columns, wrapped; returns the band's height."""
    if not rows:
        return 0.0
    size, leading, pad = LANGUAGE_SIZE, LANGUAGE_SIZE * 1.3, 3.0
    columns = 2 if len(rows) > 1 else 1
    cell = width / columns
    cells = [
        wrap_words(
            f"{r.free} · {r.no_appointment} · {r.audience}",
            size,
            fonts.regular,
            cell - 8,
            break_words=True,
        )
        or []
        for r in rows
    ]
    grid = [list(range(i, min(i + columns, len(rows)))) for i in range(0, len(rows), columns)]
    heights = [max(len(cells[i]) for i in line) * leading + 2 for line in grid]
    band = sum(heights) + 2 * pad
    canvas.setFillColor(BAND)
    canvas.roundRect(x, bottom, width, band, 4, stroke=0, fill=1)
    canvas.setFillColor(INK)
    y = bottom + band - pad
    for line, height in zip(grid, heights, strict=True):
        for column, index in enumerate(line):
            cx, cy = x + column * cell, y - size
            for text in cells[index]:
                if rows[index].rtl:
                    draw_line(canvas, cx + cell - 4, cy, text, size, fonts.regular, align="right")
                else:
                    draw_line(canvas, cx + 4, cy, text, size, fonts.regular)
                cy -= leading
        y -= height
    return band


def _flyer_contact(
    canvas: Canvas, data: PosterData, fonts: FontFamily, x: float, bottom: float, width: float
) -> float:
    size = 9.5
    lines = simpleSplit(data.address, fonts.regular, size, width) + simpleSplit(
        data.opening_hours, fonts.regular, size, width
    )
    y = bottom + len(lines) * size * 1.25
    top = y
    canvas.setFillColor(INK)
    canvas.setFont(fonts.regular, size)
    for line in lines:
        y -= size * 1.25
        canvas.drawString(x, y + size * 0.25, line)
    return top


def _flyer_programme(
    canvas: Canvas,
    data: PosterData,
    fonts: FontFamily,
    x: float,
    bottom: float,
    width: float,
    top: float,
) -> None:
    """Every session: its day, its times, its activity wrapped (never cut), and for an
    outing the place under it. The type fills the room: 12 pt when it fits, smaller for
    a full month (never below 7.5 pt); a month still too long is said as its weekly
    pattern (« Chaque mardi »), never as a list that stops half-way."""
    if not data.sessions:
        return
    room = top - bottom
    for blocks in (dated_blocks(data.sessions), pattern_blocks(data.sessions, data.period)):
        fitted = _fit(blocks, fonts, width, room)
        if fitted is not None:
            break
    else:  # an absurd month even as a pattern: what is left out is said, in words
        size, columns = FLYER_FLOOR, 2
        column_width = (width - 10.0) / columns
        layout = _flyer_lines(blocks, fonts, size, column_width)
        parts = _split_columns(layout, room - size * 1.3, columns, force=True) or [layout]
        shown = sum(1 for part in parts for line in part if line[0] == "span")
        total = sum(len(block.entries) for block in blocks)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, size)
        canvas.drawString(
            x, bottom, f"Et {total - shown} autres séances : le programme complet est à la cabane."
        )
        fitted = (size, column_width, parts)
    size, column_width, parts = fitted
    for index, part in enumerate(parts):
        _draw_flyer_lines(canvas, part, fonts, size, x + index * (column_width + 10.0), top)


def _fit(
    blocks: Sequence[Block], fonts: FontFamily, width: float, room: float
) -> tuple[float, float, list[list[tuple[str, float, str, float]]]] | None:
    """(type size, column width, columns) of the biggest type that fits, on one column
    or two; None below the floor."""
    for columns in (1, 2):  # a full month goes on two columns rather than smaller type
        column_width = (width - 10.0 * (columns - 1)) / columns
        size = 12.0
        while size >= FLYER_FLOOR:
            parts = _split_columns(_flyer_lines(blocks, fonts, size, column_width), room, columns)
            if parts is not None:
                return size, column_width, parts
            size -= 0.5
    return None


def _split_columns(
    layout: list[tuple[str, float, str, float]], room: float, columns: int, force: bool = False
) -> list[list[tuple[str, float, str, float]]] | None:
    """The lines cut into ``columns`` of at most ``room`` high, a new column starting at a
    session (its times line) or a day; None if they do not fit (unless ``force``)."""
    parts: list[list[tuple[str, float, str, float]]] = [[]]
    used = 0.0
    day: tuple[str, float, str, float] | None = None
    for line in layout:
        kind, _x, _text, step = line
        if used + step > room and kind in ("day", "span") and len(parts) < columns:
            parts.append([])
            used = 0.0
            if kind == "day":
                line = (kind, _x, _text, step - step * 0.35 / 1.35)  # no gap at a column's top
            elif day is not None:  # the day goes on: its heading again at the column's top
                heading = (day[0], day[1], day[2], line[3])
                parts[-1].append(heading)
                used += heading[3]
        if kind == "day":
            day = line
        if used + step > room:
            if force:
                return [_no_orphan_day(part) for part in parts]
            return None
        parts[-1].append(line)
        used += line[3]
    return [_no_orphan_day(part) for part in parts]


def _no_orphan_day(
    part: list[tuple[str, float, str, float]],
) -> list[tuple[str, float, str, float]]:
    """A day heading never ends a column: its sessions follow it in the next one."""
    return part[:-1] if part and part[-1][0] == "day" else part


def _draw_flyer_lines(
    canvas: Canvas,
    lines: list[tuple[str, float, str, float]],
    fonts: FontFamily,
    size: float,
    x: float,
    top: float,
) -> None:
    y = top
    for kind, column, text, step in lines:
        y -= step
        if kind == "day":
            canvas.setFillColor(ACCENT)
            canvas.setFont(fonts.bold, size)
            canvas.drawString(x, y, text)
        elif kind == "place":
            canvas.setFillColor(MUTED)
            draw_text(canvas, x + column, y, text, fonts.regular, size * 0.9)
        else:
            canvas.setFillColor(INK)
            font = fonts.bold if kind == "span" else fonts.regular
            draw_text(canvas, x + column, y, text, font, size)


FLYER_FLOOR = 7.5


def _flyer_lines(
    blocks: Sequence[Block], fonts: FontFamily, size: float, width: float
) -> list[tuple[str, float, str, float]]:
    """(kind, x offset, text, step down) of every line at ``size``."""
    leading = size * 1.25
    span_width = stringWidth("00 h 00 – 00 h 00", fonts.bold, size) + 6
    text_width = width - span_width
    lines: list[tuple[str, float, str, float]] = []
    for number, block in enumerate(blocks):
        gap = leading * 0.35 if number else 0.0
        lines.append(("day", 0.0, block.heading, leading + gap))
        for entry in block.entries:
            if not entry.activity and entry.notes:  # an activity's own flyer: its place
                entry = replace(entry, activity=entry.notes[0], notes=entry.notes[1:])
            wrapped = wrap_words(entry.activity, size, fonts.regular, text_width, break_words=True)
            lines.append(("span", 0.0, entry.span, leading))
            parts = wrapped or [""]
            lines.append(("text", span_width, parts[0], 0.0))  # on the times' line
            lines.extend(("text", span_width, more, leading) for more in parts[1:])
            for note in entry.notes:  # an outing's place, « sauf le 24 décembre »
                where = wrap_words(note, size * 0.9, fonts.regular, text_width, break_words=True)
                lines.extend(("place", span_width, line, size * 1.12) for line in where or [])
    return lines
