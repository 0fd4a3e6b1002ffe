"""The cabane's poster (A4 or A3, to read from three metres); its flyer is in flyer.py.

Plain data in, PDF bytes out. The welcoming phrases come in nine languages from
``resources/catalogues/poster_phrases.csv``; :mod:`printing.multilingual` shapes and orders
the non-Latin ones.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from models.figures.french import MONTHS, WEEKDAYS, day_number, french_time
from models.programme.sheets import PosterData, PosterSession
from printing.fonts import FontFamily, new_canvas, register_fonts
from printing.multilingual import draw_line, font_for, line_width, register_script_fonts
from printing.palette import (
    ACCENT,
    BAND,
    INK,
    MUTED,
    WHITE,
)
from printing.web_code import draw_qr, url_lines
from resources import read_catalogue

SIZES = {"A4": A4, "A3": A3}
TITLE = "Affiche de la cabane"
FLYER_TITLE = "Flyer de la cabane"


ACTIVITY_WRAP = 60  # characters: longer activity names go on several lines
MIN_SCALE = 0.3  # of the programme's type size, before giving up on fitting
NAME_SIZE = 44.0  # points on A4: the cabane's name, read from three metres
NAME_FLOOR = 24.0  # a name that cannot fit at 40 pt shrinks further rather than being cut
PHRASE_LANGUAGES = ("fr", "en", "ar", "ta", "bn", "tr", "ro", "pt", "zh")


@dataclass(frozen=True)
class Phrases:
    language: str
    free: str
    no_appointment: str
    audience: str

    @property
    def rtl(self) -> bool:
        return font_for(self.free) == "NotoSansArabic"


def phrases() -> list[Phrases]:
    """The welcoming phrases, in the order of PHRASE_LANGUAGES."""
    rows = {row["language"]: row for row in read_catalogue("poster_phrases")}
    return [
        Phrases(code, rows[code]["free"], rows[code]["no_appointment"], rows[code]["audience"])
        for code in PHRASE_LANGUAGES
        if code in rows
    ]


def poster_date(day: date) -> str:
    """« Mardi 1er décembre »."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day_number(day)} {MONTHS[day.month - 1]}"


def poster_span(session: PosterSession) -> str:
    return f"{french_time(session.starts)} – {french_time(session.ends)}"


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
    bottom = _draw_phrase_band(canvas, fonts, margin, margin, inner, k)
    bottom = _draw_contact(canvas, data, fonts, margin, bottom + 8 * k, inner, k)
    _draw_programme(canvas, data.sessions, fonts, margin, bottom + 10 * k, inner, top - 10 * k, k)
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


def _draw_phrase_band(
    canvas: Canvas, fonts: FontFamily, x: float, bottom: float, width: float, k: float
) -> float:
    """« Gratuit · Sans rendez-vous » big, then one line per language; returns the band's top."""
    rows = phrases()
    pad = 8 * k
    inner = width - 2 * pad
    lines = [(row, f"{row.free} · {row.no_appointment} · {row.audience}") for row in rows]
    size = 11.0 * k
    widest = max(line_width(text, size, fonts.regular) for _, text in lines)
    if widest > inner:
        size *= inner / widest
    leading = size * 1.55
    head_size = 26 * k
    head = [row for row in rows if row.language == "fr"]
    band = 2 * pad + len(lines) * leading + (head_size * 1.3 if head else 0)
    canvas.saveState()
    canvas.setFillColor(BAND)
    canvas.roundRect(x, bottom, width, band, 6 * k, stroke=0, fill=1)
    y = bottom + band - pad - size * 1.1
    if head:
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.bold, head_size)
        y = bottom + band - pad - head_size * 0.9
        canvas.drawCentredString(x + width / 2, y, f"{head[0].free} · {head[0].no_appointment}")
        y -= head_size * 0.4 + leading
    canvas.setFillColor(INK)
    for row, text in lines:
        if row.rtl:
            draw_line(canvas, x + width - pad, y, text, size, fonts.regular, align="right")
        else:
            draw_line(canvas, x + pad, y, text, size, fonts.regular)
        y -= leading
    canvas.restoreState()
    return bottom + band


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
    label, body = 13 * k, 17 * k
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


# ------------------------------------------------------------------------------- programme


@dataclass(frozen=True)
class _Line:
    """One line of the laid-out programme: a day heading or part of a session."""

    kind: str  # "day", "time" (first line of a session), "more" (its next lines), "place"
    text: str
    time: str = ""
    height: float = 0.0
    gap_before: float = 0.0


@dataclass(frozen=True)
class _Sizes:
    day: float
    entry: float
    place: float
    time_width: float


def _sizes(fonts: FontFamily, scale: float, k: float) -> _Sizes:
    entry = 18 * k * scale
    return _Sizes(
        day=21 * k * scale,
        entry=entry,
        place=14.5 * k * scale,
        time_width=stringWidth("00 h 00 – 00 h 00", fonts.bold, entry) + 8 * k * scale,
    )


def _programme_lines(
    sessions: Sequence[PosterSession], fonts: FontFamily, sizes: _Sizes, width: float
) -> list[_Line]:
    text_width = max(width - sizes.time_width, width * 0.3)
    # wrap at ACTIVITY_WRAP characters, and narrower when the column is narrower
    char_width = stringWidth("n", fonts.regular, sizes.entry)
    wrap_width = min(text_width, ACTIVITY_WRAP * char_width)
    lines: list[_Line] = []
    ordered = sorted(sessions, key=lambda s: (s.day, s.starts, s.ends, s.activity))
    for day, group in itertools.groupby(ordered, key=lambda s: s.day):
        lines.append(
            _Line("day", poster_date(day), height=sizes.day * 1.2, gap_before=sizes.day * 0.45)
        )
        for session in group:
            wrapped = simpleSplit(session.activity, fonts.regular, sizes.entry, wrap_width) or [""]
            for index, part in enumerate(wrapped):
                kind = "time" if index == 0 else "more"
                span = poster_span(session) if index == 0 else ""
                lines.append(_Line(kind, part, time=span, height=sizes.entry * 1.2))
            if session.place:
                for part in simpleSplit(session.place, fonts.regular, sizes.place, text_width):
                    lines.append(_Line("place", part, height=sizes.place * 1.25))
    return lines


def _columns(lines: list[_Line], count: int, height: float) -> list[list[_Line]] | None:
    """The lines split into ``count`` columns of at most ``height``; None if they do not fit.

    A column never ends on a day heading, nor starts with a session's continuation line.
    """
    columns: list[list[_Line]] = [[]]
    used = 0.0
    index = 0
    while index < len(lines):
        # the unit kept together: a heading with the session after it, a session with its lines
        end = index + 1
        if lines[index].kind == "day" and end < len(lines):
            end += 1
        while end < len(lines) and lines[end].kind in ("more", "place"):
            end += 1
        unit = lines[index:end]
        first_gap = 0.0 if not columns[-1] else unit[0].gap_before
        need = (
            first_gap
            + sum(line.height for line in unit)
            + sum(line.gap_before for line in unit[1:])
        )
        if used + need > height and columns[-1]:
            if len(columns) == count:
                return None
            columns.append([])
            used = 0.0
            need -= unit[0].gap_before
        if need > height:
            return None
        columns[-1].extend(unit)
        used += need
        index = end
    return columns


def _draw_programme(
    canvas: Canvas,
    sessions: Sequence[PosterSession],
    fonts: FontFamily,
    x: float,
    bottom: float,
    width: float,
    top: float,
    k: float,
) -> None:
    height = top - bottom
    if not sessions:
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, 18 * k)
        canvas.drawString(x, top - 18 * k, "Programme à venir : renseignez-vous à la cabane.")
        return
    gutter = 12 * k
    best: tuple[float, int, list[list[_Line]], _Sizes] | None = None
    for count in (1, 2):
        column_width = (width - (count - 1) * gutter) / count
        low, high = MIN_SCALE, 1.0
        found: tuple[float, list[list[_Line]], _Sizes] | None = None
        scale = 1.0
        for _ in range(9):
            sizes = _sizes(fonts, scale, k)
            laid = _columns(_programme_lines(sessions, fonts, sizes, column_width), count, height)
            if laid is not None:
                found = (scale, laid, sizes)
                if scale == 1.0:
                    break
                low = scale
            else:
                high = scale
            scale = (low + high) / 2
        if found and (best is None or found[0] > best[0] * 1.05):
            best = (found[0], count, found[1], found[2])
    if best is None:  # far too many sessions: the smallest type, cut at the bottom
        sizes = _sizes(fonts, MIN_SCALE, k)
        column_width = (width - gutter) / 2
        lines = _programme_lines(sessions, fonts, sizes, column_width)
        best = (MIN_SCALE, 2, _truncate(lines, 2, height), sizes)
    _, count, columns, sizes = best
    column_width = (width - (count - 1) * gutter) / count
    for number, column in enumerate(columns):
        cx = x + number * (column_width + gutter)
        y = top
        for index, line in enumerate(column):
            if index:
                y -= line.gap_before
            y -= line.height
            _draw_programme_line(canvas, line, fonts, sizes, cx, y, column_width)


def _truncate(lines: list[_Line], count: int, height: float) -> list[list[_Line]]:
    for end in range(len(lines), 0, -1):
        laid = _columns(lines[:end], count, height)
        if laid is not None:
            return laid
    return [[]]


def _draw_programme_line(
    canvas: Canvas,
    line: _Line,
    fonts: FontFamily,
    sizes: _Sizes,
    x: float,
    y: float,
    width: float,
) -> None:
    base = y + line.height * 0.22
    if line.kind == "day":
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.bold, sizes.day)
        canvas.drawString(x, base, line.text)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(max(sizes.day * 0.05, 0.5))
        canvas.line(x, base - sizes.day * 0.22, x + width, base - sizes.day * 0.22)
        return
    if line.kind == "place":
        canvas.setFillColor(MUTED)
        draw_text(canvas, x + sizes.time_width, base, line.text, fonts.regular, sizes.place)
        return
    canvas.setFillColor(INK)
    if line.time:
        canvas.setFont(fonts.bold, sizes.entry)
        canvas.drawString(x, base, line.time)
    draw_text(canvas, x + sizes.time_width, base, line.text, fonts.regular, sizes.entry)


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Latin text drawn as is; any other script goes through the shaping helper."""
    if font_for(text, font) == font:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
    else:
        draw_line(canvas, x, y, text, size, font)


FLYER_WIDTH, FLYER_HEIGHT = A4[0], A4[1] / 2  # an A5 landscape half of an A4 portrait sheet
