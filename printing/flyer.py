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
    draw_qr,
    draw_text,
    phrases,
    poster_date,
    poster_span,
)

FLYER_WIDTH, FLYER_HEIGHT = A4[0], A4[1] / 2  # an A5 landscape half of an A4 portrait sheet
CROP = 6 * mm


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
    canvas.line(0, y, CROP, y)  # crop marks at both edges, in the margins
    canvas.line(A4[0] - CROP, y, A4[0], y)
    canvas.setStrokeColor(CROP_MARK)
    canvas.setDash(3, 3)
    canvas.line(CROP + 2 * mm, y, A4[0] - CROP - 2 * mm, y)
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
    cell = width / 4
    size = 8.0
    widest = max(line_width(text, size, fonts.regular) for text in lines)
    if widest > cell - 4:
        size *= (cell - 4) / widest
    rows_needed = -(-len(lines) // 4)
    band = rows_needed * size * 1.7 + 6
    canvas.setFillColor(BAND)
    canvas.roundRect(x, bottom, width, band, 4, stroke=0, fill=1)
    canvas.setFillColor(INK)
    others = [row for row in rows if row.language != "fr"]
    for index, (row, text) in enumerate(zip(others, lines, strict=True)):
        cx = x + (index % 4) * cell
        cy = bottom + band - 3 - (index // 4 + 1) * size * 1.7 + size * 0.45
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
    """One line per session (« Mar. 1 déc. 14 h – 16 h Café des parents »), while they fit."""
    size = 9.5
    leading = size * 1.3
    room = int((top - bottom) // leading)
    ordered = sorted(sessions, key=lambda s: (s.day, s.starts))
    if room <= 0 or not ordered:
        return
    shown = ordered if len(ordered) <= room else ordered[: room - 1]
    y = top
    day_width = stringWidth("Mercredi 30 septembre", fonts.bold, size) + 6
    span_width = stringWidth("00 h 00 – 00 h 00", fonts.regular, size) + 6
    previous: date | None = None
    for session in shown:
        y -= leading
        if session.day != previous:
            canvas.setFillColor(ACCENT)
            canvas.setFont(fonts.bold, size)
            canvas.drawString(x, y, poster_date(session.day))
            previous = session.day
        canvas.setFillColor(INK)
        canvas.setFont(fonts.regular, size)
        canvas.drawString(x + day_width, y, poster_span(session))
        room_left = width - day_width - span_width
        text = session.activity
        if stringWidth(text, fonts.regular, size) > room_left:
            while text and stringWidth(text + "…", fonts.regular, size) > room_left:
                text = text[:-1]
            text = text.rstrip() + "…"
        draw_text(canvas, x + day_width + span_width, y, text, fonts.regular, size)
    if len(shown) < len(ordered):
        y -= leading
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, size)
        canvas.drawString(x, y, f"… et {len(ordered) - len(shown)} autres rendez-vous à la cabane")
