"""The programme on a poster: as big as the room allows, never smaller than can be read.

The type starts at 18 pt (A4) and shrinks to fit, on one column or two, down to a floor
(14 pt on A4, 20 pt on A3), always bigger than the address block. A month that does not
fit at the floor is printed as its weekly pattern (:mod:`printing.programme_blocks`).
A column never ends on a day heading, and one that starts inside a day repeats the
heading (« Mardi 1er décembre (suite) »); words are measured, so none sticks out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from models.programme.sheets import PosterSession
from printing.fonts import FontFamily
from printing.multilingual import draw_line, font_for, wrap_words
from printing.palette import ACCENT, INK, MUTED
from printing.programme_blocks import Block, dated_blocks, pattern_blocks

ENTRY_SIZE = 18.0  # points on A4 (scaled for A3): the programme's type when it fits
MIN_ENTRY = {"A4": 14.0, "A3": 20.0}  # never smaller: read from a few metres
NOTE_FLOOR = 0.86  # of the floor: what is said under a session (12 pt on A4, 17 pt on A3)
ACTIVITY_WRAP = 60  # characters: longer activity names go on several lines
GUTTER = 12.0  # points on A4 between two columns
TWO_COLUMNS = 1.15  # two columns only for type clearly bigger than on one
RULED = 1.45  # a ruled heading's height, in ems: its rule 0.22 em above the next line


@dataclass(frozen=True)
class Line:
    """One line of the laid-out programme: a day heading or part of a session."""

    # "day" (a heading's last line, ruled), "heading" (its lines before), "time" (first line
    # of a session), "more" (its next lines), "note" (place, dates), "closing" (what is left)
    kind: str
    text: str
    time: str = ""
    height: float = 0.0
    gap_before: float = 0.0
    continued: tuple[Line, ...] = ()  # a heading's lines at the top of the next column


@dataclass(frozen=True)
class Sizes:
    day: float
    entry: float
    note: float
    time_width: float


def sizes(fonts: FontFamily, entry: float, floor: float, spans: Sequence[str] = ()) -> Sizes:
    """The type sizes for activities at ``entry`` points; the times' column as wide as the
    longest of ``spans`` (« 10 h – 11 h 30 »)."""
    widest = max((stringWidth(span, fonts.bold, entry) for span in spans), default=0.0)
    return Sizes(
        day=entry * 21 / 18,
        entry=entry,
        note=max(entry * 0.82, floor * NOTE_FLOOR),  # places, « sauf le … »
        time_width=(widest or stringWidth("00 h 00 – 00 h 00", fonts.bold, entry)) + entry * 0.6,
    )


def programme_lines(
    blocks: Sequence[Block], fonts: FontFamily, size: Sizes, width: float, *, squeeze: bool = False
) -> list[Line] | None:
    """The blocks as lines for a column ``width`` wide; None if a word is wider than its
    room (unless ``squeeze``: then it is cut with a hyphen)."""
    text_width = max(width - size.time_width, width * 0.3)
    char_width = stringWidth("n", fonts.regular, size.entry)
    wrap_width = min(text_width, ACTIVITY_WRAP * char_width)
    lines: list[Line] = []
    for block in blocks:
        heading = _heading(block.heading, fonts, size, width, squeeze)
        if heading is None:
            return None
        suite = _heading(f"{block.heading} (suite)", fonts, size, width, True) or []
        heading[-1] = replace(heading[-1], continued=tuple(suite))
        heading[0] = replace(heading[0], gap_before=size.day * 0.45)
        lines.extend(heading)
        for entry in block.entries:
            if not entry.activity and entry.notes:  # an activity's own flyer: its place
                entry = replace(entry, activity=entry.notes[0], notes=entry.notes[1:])
            wrapped = wrap_words(
                entry.activity, size.entry, fonts.regular, wrap_width, break_words=squeeze
            )
            if wrapped is None:
                return None
            for index, part in enumerate(wrapped):
                kind, span = ("time", entry.span) if index == 0 else ("more", "")
                lines.append(Line(kind, part, time=span, height=size.entry * 1.2))
            for note in entry.notes:
                parts = wrap_words(note, size.note, fonts.regular, text_width, break_words=True)
                lines.extend(Line("note", part, height=size.note * 1.25) for part in parts or [])
    return lines


def _heading(
    text: str, fonts: FontFamily, size: Sizes, width: float, squeeze: bool
) -> list[Line] | None:
    """A heading's lines, the rule under the last one."""
    parts = wrap_words(text, size.day, fonts.bold, width, break_words=squeeze)
    if parts is None:
        return None
    kinds = ["heading"] * (len(parts) - 1) + ["day"]
    return [
        Line(kind, part, height=size.day * 1.2) for kind, part in zip(kinds, parts, strict=True)
    ]


def split_columns(lines: list[Line], count: int, height: float) -> list[list[Line]] | None:
    """The lines in ``count`` columns of at most ``height``; None if they do not fit."""
    columns: list[list[Line]] = [[]]
    used = 0.0
    index = 0
    heading: Line | None = None
    while index < len(lines):
        # kept together: a heading with the session after it, a session with its lines
        end = index + 1
        while end < len(lines) and lines[end - 1].kind in ("heading", "day"):
            end += 1
        while end < len(lines) and lines[end].kind in ("more", "note"):
            end += 1
        unit = lines[index:end]
        if unit[0].kind in ("heading", "day"):
            heading = next(line for line in unit if line.kind == "day")
        need = _height(unit, at_top=not columns[-1])
        if used + need > height and columns[-1]:
            if len(columns) == count:
                return None
            columns.append([])
            if unit[0].kind not in ("heading", "day") and heading is not None:  # say which day
                unit = [*heading.continued, *unit]
            used, need = 0.0, _height(unit, at_top=True)
        if need > height:
            return None
        columns[-1].extend(unit)
        used += need
        index = end
    return columns


def _height(unit: Sequence[Line], at_top: bool) -> float:
    gaps = sum(line.gap_before for line in unit[1:])
    return (0.0 if at_top else unit[0].gap_before) + sum(line.height for line in unit) + gaps


def draw_programme(
    canvas: Canvas,
    sessions: Sequence[PosterSession],
    period: tuple[date, date] | None,
    fonts: FontFamily,
    box: tuple[float, float, float, float],  # x, bottom, width, top
    k: float,
    paper: str,
) -> float:
    """Lay the programme out in ``box``; returns the activities' type size."""
    x, bottom, width, top = box
    height = top - bottom
    floor = MIN_ENTRY[paper]
    if not sessions:
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, floor)
        canvas.drawString(x, top - floor, "Programme à venir : renseignez-vous à la cabane.")
        return floor
    gutter = GUTTER * k
    for blocks in (dated_blocks(sessions), pattern_blocks(sessions, period)):
        laid = _largest(blocks, fonts, width, height, gutter, ENTRY_SIZE * k, floor)
        if laid is not None:
            break
    else:  # even the weekly pattern is too long: the floor, and what is left out said
        laid = _truncated(blocks, fonts, width, height, gutter, floor)
    size, columns = laid
    column_width = (width - (len(columns) - 1) * gutter) / len(columns)
    for number, column in enumerate(columns):
        cx = x + number * (column_width + gutter)
        y = top
        for index, line in enumerate(column):
            if index:
                y -= line.gap_before
            y -= line.height
            _draw_line(canvas, line, fonts, size, cx, y, column_width)
    return size.entry


def _largest(
    blocks: Sequence[Block],
    fonts: FontFamily,
    width: float,
    height: float,
    gutter: float,
    ceiling: float,
    floor: float,
) -> tuple[Sizes, list[list[Line]]] | None:
    """The biggest type that fits, on one column or (clearly bigger) two."""
    best: tuple[Sizes, list[list[Line]]] | None = None
    spans = [entry.span for block in blocks for entry in block.entries]
    for count in (1, 2):
        column_width = (width - (count - 1) * gutter) / count

        def attempt(
            entry: float, count: int = count, column_width: float = column_width
        ) -> tuple[Sizes, list[list[Line]]] | None:
            size = sizes(fonts, entry, floor, spans)
            # at the floor a word wider than its column is cut with a hyphen
            squeeze = entry <= floor
            lines = programme_lines(blocks, fonts, size, column_width, squeeze=squeeze)
            columns = split_columns(lines, count, height) if lines is not None else None
            return (size, columns) if columns is not None else None

        found = attempt(ceiling)
        if found is None:
            found = attempt(floor)
            low, high = floor, ceiling
            for _ in range(7 if found else 0):  # bisect between the floor and the ceiling
                middle = (low + high) / 2
                better = attempt(middle)
                if better is not None:
                    found, low = better, middle
                else:
                    high = middle
        if found and (best is None or found[0].entry > best[0].entry * TWO_COLUMNS):
            best = found
    return best


def _truncated(
    blocks: Sequence[Block],
    fonts: FontFamily,
    width: float,
    height: float,
    gutter: float,
    floor: float,
) -> tuple[Sizes, list[list[Line]]]:
    """As many sessions as fit at the floor on two columns, then « Et N autres séances »."""
    size = sizes(fonts, floor, floor, [e.span for block in blocks for e in block.entries])
    column_width = (width - gutter) / 2
    total = sum(len(block.entries) for block in blocks)

    def laid(shown: int) -> list[list[Line]] | None:
        kept: list[Block] = []
        left = shown
        for block in blocks:
            if left <= 0:
                break
            kept.append(Block(block.heading, block.entries[:left]))
            left -= len(block.entries)
        closing = f"Et {total - shown} autres séances : le programme complet est à la cabane."
        lines = programme_lines(kept, fonts, size, column_width, squeeze=True) or []
        said = wrap_words(closing, size.entry, fonts.bold, column_width, break_words=True)
        lines += [Line("closing", part, height=size.entry * 1.25) for part in said or []]
        return split_columns(lines, 2, height)

    low, high = 0, total - 1  # the most sessions shown that still fit: by bisection
    best = laid(0)
    while low < high:
        middle = (low + high + 1) // 2
        columns = laid(middle)
        if columns is not None:
            best, low = columns, middle
        else:
            high = middle - 1
    return size, best or [[]]


def _draw_line(
    canvas: Canvas, line: Line, fonts: FontFamily, size: Sizes, x: float, y: float, width: float
) -> None:
    base = y + (size.day * (RULED - 0.93) if line.kind == "day" else line.height * 0.22)
    if line.kind in ("heading", "closing"):
        canvas.setFillColor(ACCENT)
        draw_text(
            canvas,
            x,
            base,
            line.text,
            fonts.bold,
            size.day if line.kind == "heading" else size.entry,
        )
        return
    if line.kind == "day":
        canvas.setFillColor(ACCENT)
        draw_text(canvas, x, base, line.text, fonts.bold, size.day)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(max(size.day * 0.05, 0.5))
        # under the descenders: no glyph crosses the rule
        rule = base - size.day * 0.3
        canvas.line(x, rule, x + width, rule)
        return
    if line.kind == "note":
        canvas.setFillColor(MUTED)
        draw_text(canvas, x + size.time_width, base, line.text, fonts.regular, size.note)
        return
    canvas.setFillColor(INK)
    if line.time:
        canvas.setFont(fonts.bold, size.entry)
        canvas.drawString(x, base, line.time)
    draw_text(canvas, x + size.time_width, base, line.text, fonts.regular, size.entry)


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Latin text drawn as is; any other script goes through the shaping helper."""
    if font_for(text, font) == font:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
    else:
        draw_line(canvas, x, y, text, size, font)
