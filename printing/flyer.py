"""The cabane's flyer and an activity's flyer: two A5 per A4 sheet with cut marks (reportlab)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from models.programme.sheets import PosterData, PosterSession
from printing.fonts import FontFamily, new_canvas, register_fonts
from printing.multilingual import draw_line, line_width, register_script_fonts
from printing.palette import (
    ACCENT,
    BAND,
    CROP_MARK,
    INK,
    MUTED,
)
from printing.poster import (
    FLYER_TITLE,
    draw_logo,
    draw_text,
    phrases,
    poster_date,
    poster_span,
)
from printing.web_code import draw_qr

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
    rows = phrases()
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

    # footer: the other languages, then address and hours above them
    lines = [f"{row.free} · {row.no_appointment}" for row in rows if row.language != "fr"]
    size = 8.0  # never smaller: fewer columns instead
    widest = max(line_width(text, size, fonts.regular) for text in lines)
    columns = next((n for n in (4, 3) if widest <= width / n - 4), 2)
    cell = width / columns
    if widest > cell - 4:  # even on two columns (a very long phrase): the last resort
        size *= (cell - 4) / widest
    rows_needed = -(-len(lines) // columns)
    band = rows_needed * size * 1.7 + 6
    canvas.setFillColor(BAND)
    canvas.roundRect(x, bottom, width, band, 4, stroke=0, fill=1)
    canvas.setFillColor(INK)
    others = [row for row in rows if row.language != "fr"]
    for index, (row, text) in enumerate(zip(others, lines, strict=True)):
        cx = x + (index % columns) * cell
        cy = bottom + band - 3 - (index // columns + 1) * size * 1.7 + size * 0.45
        if row.rtl:
            draw_line(canvas, cx + cell - 4, cy, text, size, fonts.regular, align="right")
        else:
            draw_line(canvas, cx + 4, cy, text, size, fonts.regular)
    contact_top = _flyer_contact(canvas, data, fonts, x, bottom + band + 6, text_width)

    # middle: the next sessions, as many as fit
    _flyer_programme(canvas, data.sessions, fonts, x, contact_top + 6, text_width, y - 10)

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
                web = data.web_address
                web_size = min(7.0, 7.0 * (side + 4 * mm) / stringWidth(web, fonts.regular, 7))
                canvas.setFillColor(MUTED)
                canvas.setFont(fonts.regular, web_size)
                canvas.drawCentredString(sx + side - qr_side / 2, sy - qr_side - 9, web)


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
    sessions: Sequence[PosterSession],
    fonts: FontFamily,
    x: float,
    bottom: float,
    width: float,
    top: float,
) -> None:
    """Every session: its day, its times, its activity wrapped (never cut with « … »), and
    for an outing the place under it. The type fills the room: 12 pt when it fits, smaller
    for a full month (never below 7.5 pt), never a list that stops half-way."""
    ordered = sorted(sessions, key=lambda s: (s.day, s.starts))
    if not ordered:
        return
    room = top - bottom
    for columns in (1, 2):  # a full month goes on two columns rather than smaller type
        gap = 10.0 if columns > 1 else 0.0
        column_width = (width - gap * (columns - 1)) / columns
        size = 12.0
        while True:
            layout = _flyer_lines(ordered, fonts, size, column_width)
            parts = _split_columns(layout, room, columns)
            if parts is not None or size <= FLYER_FLOOR:
                break
            size -= 0.5
        if parts is not None:
            break
    if parts is None:  # an absurd month even on two columns: say what is left out
        parts = _split_columns(layout, room - size * 1.3, columns, force=True) or [layout]
        shown = sum(1 for part in parts for line in part if line[0] == "span")
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, size)
        canvas.drawString(x, bottom, f"… et {len(ordered) - shown} autres rendez-vous à la cabane")
    for index, part in enumerate(parts):
        _draw_flyer_lines(canvas, part, fonts, size, x + index * (column_width + gap), top)


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
    sessions: Sequence[PosterSession], fonts: FontFamily, size: float, width: float
) -> list[tuple[str, float, str, float]]:
    """(kind, x offset, text, step down) of every line at ``size``."""
    leading = size * 1.25
    span_width = stringWidth("00 h 00 – 00 h 00", fonts.bold, size) + 6
    text_width = width - span_width
    lines: list[tuple[str, float, str, float]] = []
    previous: date | None = None
    for session in sessions:
        if session.day != previous:
            gap = leading * 0.35 if previous else 0.0
            lines.append(("day", 0.0, poster_date(session.day), leading + gap))
            previous = session.day
        wrapped = simpleSplit(session.activity, fonts.regular, size, text_width) or [""]
        lines.append(("span", 0.0, poster_span(session), leading))
        lines.append(("text", span_width, wrapped[0], 0.0))  # on the times' line
        lines.extend(("text", span_width, more, leading) for more in wrapped[1:])
        if session.place.strip():  # an outing: where, or families go to the cabane
            where = simpleSplit(f"Lieu : {session.place}", fonts.regular, size * 0.9, text_width)
            lines.extend(("place", span_width, line, size * 1.12) for line in where)
    return lines
