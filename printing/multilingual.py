"""Text in other scripts than Latin: which shipped font draws it, and how to lay a line out.

reportlab 5.1 shapes with uharfbuzz but orders right-to-left runs only with rlbidi, which
is not available (DESIGN.md §10). So a line is first put in visual order with python-bidi,
then cut into runs: each right-to-left run is put back in logical order and shaped by
HarfBuzz (which draws it right to left), each other run is shaped left to right, and the
runs are drawn one after the other from the left.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bidi import get_display  # type: ignore[import-untyped,unused-ignore]
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import register_fonts
from resources import resource_path

ARABIC = "NotoSansArabic"
TAMIL = "NotoSansTamil"
BENGALI = "NotoSansBengali"
CHINESE = "DroidSansFallback"
_FILES = {
    ARABIC: "NotoSansArabic-Regular.ttf",
    TAMIL: "NotoSansTamil-Regular.ttf",
    BENGALI: "NotoSansBengali-Regular.ttf",
    CHINESE: "DroidSansFallbackFull.ttf",
}

# (first, last code point) → font; anything else is drawn with Noto Sans.
_RANGES = (
    (0x0590, 0x08FF, ARABIC),  # Hebrew is not shipped; Arabic, Syriac, Arabic supplements
    (0xFB50, 0xFDFF, ARABIC),  # Arabic presentation forms A
    (0xFE70, 0xFEFF, ARABIC),  # Arabic presentation forms B
    (0x0964, 0x0965, BENGALI),  # danda and double danda, shared with Devanagari
    (0x0980, 0x09FF, BENGALI),
    (0x0B80, 0x0BFF, TAMIL),
    (0x2E80, 0x9FFF, CHINESE),  # CJK radicals, punctuation, kana, unified ideographs
    (0xF900, 0xFAFF, CHINESE),
    (0xFF00, 0xFFEF, CHINESE),  # full-width forms
)
_RTL_LETTER = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# A right-to-left run in visual order: RTL letters, possibly with spaces and the Arabic
# comma between them (never digits: those keep their left-to-right order inside the run).
_RTL_RUN = re.compile(f"[{_RTL_LETTER}]+(?:[ \u00a0\u060c]+[{_RTL_LETTER}]+)*")

_lock = threading.Lock()
_registered = False


def register_script_fonts() -> None:
    """Register the Arabic, Tamil, Bengali and Chinese faces once (thread-safe)."""
    global _registered
    register_fonts()
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
            _registered = True


def script_font(char: str, default: str) -> str:
    """The font of one character, ``default`` for Latin, digits, spaces and punctuation."""
    code = ord(char)
    for first, last, font in _RANGES:
        if first <= code <= last:
            return font
    return default


def font_for(text: str, default: str = "NotoSans") -> str:
    """The font for a text: that of its first non-Latin letter, else ``default``."""
    for char in text:
        font = script_font(char, default)
        if font != default:
            return font
    return default


def is_rtl(text: str) -> bool:
    return any(_RTL_RUN.match(char) for char in text)


def visual(text: str) -> str:
    """The line in visual (left-to-right drawing) order, for a line of right-to-left text.

    Letters of a right-to-left word come out reversed: draw them unshaped only with
    presentation forms; :func:`draw_line` re-shapes each run instead.
    """
    if not is_rtl(text):
        return text
    # The base direction comes from the line's first strong letter (Unicode bidi P2–P3):
    # « Amina أمينة » keeps the French first, an Arabic line reads from the right.
    return str(get_display(text))


@dataclass(frozen=True)
class Run:
    """A piece of a line, in drawing order: its text in logical order, font and direction."""

    text: str
    font: str
    rtl: bool


def runs(text: str, default: str = "NotoSans") -> list[Run]:
    """The runs of a line, left to right as drawn."""
    line = visual(text)
    result: list[Run] = []
    position = 0
    for match in _RTL_RUN.finditer(line):
        if match.start() > position:
            result.extend(_ltr_runs(line[position : match.start()], default))
        logical = match.group()[::-1]
        result.append(Run(logical, font_for(logical, default), True))
        position = match.end()
    if position < len(line):
        result.extend(_ltr_runs(line[position:], default))
    return result


def _ltr_runs(text: str, default: str) -> Iterator[Run]:
    """Consecutive characters of one font. Spaces join the run they follow (every font has
    one); any other character outside the script ranges is drawn with ``default``."""
    current = ""
    current_font = ""
    for char in text:
        if char.isspace() and current:
            current += char
            continue
        font = script_font(char, default)
        if current and font != current_font:
            yield Run(current, current_font, False)
            current = ""
        current_font = font
        current += char
    if current:
        yield Run(current, current_font, False)


def paragraph_markup(text: str, default: str = "NotoSans") -> str:
    """One line of any script as reportlab paragraph markup: each run in its font, in
    drawing order. A paragraph lays its words out left to right and HarfBuzz shapes each
    word: the words of a right-to-left run are given right to left."""
    from xml.sax.saxutils import escape

    register_script_fonts()
    pieces = []
    for run in runs(text, default):
        body = escape(" ".join(reversed(run.text.split(" "))) if run.rtl else run.text)
        pieces.append(body if run.font == default else f'<font name="{run.font}">{body}</font>')
    return "".join(pieces)


def typed_text(value: str) -> str:
    """Text a person typed (a name, a place, hours), as paragraph markup for any document:
    safe from reportlab's markup, each script in its font, times kept on one line, line
    breaks kept."""
    from models.figures.french import times_kept_together

    lines = value.strip().splitlines()
    return "<br/>".join(paragraph_markup(times_kept_together(line)) for line in lines)


def _words(run: Run, size: float) -> list[tuple[str, float]]:
    """The run cut into words and spaces, in drawing order, each with its width.

    Each word is shaped alone: a PDF reader then finds the words of the line (each has its
    own /ActualText, :mod:`printing.actual_text`), and a right-to-left run gives its words
    from the right."""
    pieces = re.split(r"([ \u00a0]+)", run.text)
    if run.rtl:
        pieces.reverse()
    laid: list[tuple[str, float]] = []
    for piece in pieces:
        if not piece:
            continue
        if piece.isspace():
            laid.append((piece, pdfmetrics.stringWidth(piece, run.font, size)))
            continue
        text = shapeStr(piece, run.font, size, force=True)
        data = getattr(text, "__shapeData__", None)
        if data is None:  # nothing to shape: plain text, plain width
            laid.append((piece, pdfmetrics.stringWidth(piece, run.font, size)))
        else:
            laid.append((text, sum(glyph.x_advance for glyph in data) * size / 1000))
    return laid


def line_width(text: str, size: float, default: str = "NotoSans") -> float:
    """Width of the shaped line, in points."""
    register_script_fonts()
    return sum(width for run in runs(text, default) for _, width in _words(run, size))


def draw_line(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    default: str = "NotoSans",
    align: str = "left",
) -> float:
    """Draw one line of any script at (x, y): ``align`` is left, right or centre of x.

    Returns the line's width.
    """
    register_script_fonts()
    laid = [(run, _words(run, size)) for run in runs(text, default)]
    width = sum(word_width for _, words in laid for _, word_width in words)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for run, words in laid:
        canvas.setFont(run.font, size)
        for word, word_width in words:
            if not word.isspace():
                canvas.drawString(x, y, word)
            x += word_width
    return width


@lru_cache(maxsize=8192)
def _wrapped(
    text: str, size: float, font: str, width: float, break_words: bool
) -> tuple[str, ...] | None:
    lines = _wrap(text, size, font, width, break_words)
    return None if lines is None else tuple(lines)


def forget_measures() -> None:
    """Drop the kept answers of :func:`wrap_words` (benchmarks measure from scratch)."""
    _wrapped.cache_clear()


def wrap_words(
    text: str, size: float, font: str, width: float, *, break_words: bool = False
) -> list[str] | None:
    """The text cut into lines of at most ``width`` points, measured as drawn (any script).

    A word wider than the line gives None, or, with ``break_words``, is cut (after one of
    its hyphens, else between letters with a hyphen): nothing ever sticks out of its
    column. Layouts try many sizes: the answers are kept."""
    lines = _wrapped(text, size, font, width, break_words)
    return None if lines is None else list(lines)


def _wrap(text: str, size: float, font: str, width: float, break_words: bool) -> list[str] | None:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if line_width(candidate, size, font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while line_width(current, size, font) > width:
            if not break_words:
                return None
            hyphens = [i + 1 for i, char in enumerate(current[:-1]) if char == "-"]
            fitting = [i for i in hyphens if line_width(current[:i], size, font) <= width]
            if fitting:  # after a hyphen of the word itself (« éveil-sensoriel »)
                lines.append(current[: fitting[-1]])
                current = current[fitting[-1] :]
                continue
            cut = len(current) - 1
            while cut > 1 and line_width(current[:cut] + "-", size, font) > width:
                cut -= 1
            lines.append(current[:cut] + "-")
            current = current[cut:]
    if current:
        lines.append(current)
    return lines or [""]
