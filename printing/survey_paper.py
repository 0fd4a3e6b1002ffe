"""The paper version of a questionnaire (A4 portrait, tick boxes) for workshops and
outreach: every text in the chosen languages, French first, shaped and right-to-left
scripts drawn as on the posters (:mod:`printing.multilingual`).

The page is laid out in rows (a title, a question's heading, a line of choices…): a
question's rows are kept on one page, and only a question taller than a whole page is
broken, between two of its rows.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from models.surveys.definition import SMILEY_LEVELS, Choice, Definition, Question, in_language
from models.surveys.definition import phrase as survey_phrase
from printing.fonts import new_canvas, register_fonts
from printing.multilingual import draw_line, is_rtl, line_width, register_script_fonts, wrap_words
from printing.palette import ACCENT, BAND, INK, MUTED, RULE, WHITE
from printing.pictogram import draw_pictogram, draw_smiley

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
FOOTER = 12 * mm  # the footer's band above the bottom margin
CONTENT = PAGE_WIDTH - 2 * MARGIN
INDENT = 12 * mm  # a question's texts and answers start right of its number
TICK = 6 * mm  # a tick box's side: generous for a pen held by a tired hand
PICTO = 8 * mm
FACE = 13 * mm
DIGIT_WIDTH, DIGIT_HEIGHT = 9 * mm, 11 * mm
WRITING_LINE = 10 * mm  # between two ruled lines of a free text
QUESTION_GAP = 7 * mm

TITLE_SIZE = 22.0
SUBTITLE_SIZE = 16.0
QUESTION_SIZE = 13.0
TRANSLATION_SIZE = 12.0
LABEL_SIZE = 11.5
HINT_SIZE = 11.0  # never smaller: everything on the sheet is read by the respondent

REGULAR, BOLD = "NotoSans", "NotoSans-Bold"
HINTS = {
    "single": "one_answer",
    "smiley": "one_answer",
    "multiple": "several_answers",
    "number": "number_hint",
    "text": "text_warning",
}


@dataclass(frozen=True)
class Line:
    """One laid-out line: its text, size, face and direction (right-to-left: aligned right)."""

    text: str
    size: float
    font: str = REGULAR
    colour: Color = INK

    @property
    def rtl(self) -> bool:
        return is_rtl(self.text)

    @property
    def leading(self) -> float:
        # Arabic letters reach higher and lower than Latin ones: a little more room
        return self.size * (1.55 if self.rtl else 1.3)


@dataclass(frozen=True)
class Row:
    """A piece of the sheet that is never cut: its height and how to draw it from its top."""

    height: float
    draw: Callable[[Canvas, float], None]


# ----------------------------------------------------------------------------- texts


def _in_languages(texts: dict[str, str], languages: Sequence[str]) -> list[str]:
    """The text in each language, in order, a missing translation (French again) once."""
    seen: list[str] = []
    for language in languages:
        text = in_language(texts, language)
        if text not in seen:
            seen.append(text)
    return seen


def _phrase(key: str, languages: Sequence[str]) -> list[str]:
    return _in_languages({lang: survey_phrase(key, lang) for lang in languages}, languages)


def _wrapped(
    texts: Sequence[str], width: float, size: float, font: str = REGULAR, colour: Color = INK
) -> list[Line]:
    """The texts cut into lines of ``width`` (measured as drawn, any script)."""
    lines: list[Line] = []
    for text in texts:
        for part in wrap_words(text, size, font, width, break_words=True) or [text]:
            lines.append(Line(part, size, font, colour))
    return lines


def _height(lines: Sequence[Line]) -> float:
    return sum(line.leading for line in lines)


def _draw_lines(
    canvas: Canvas, lines: Sequence[Line], x: float, top: float, width: float, centre: bool = False
) -> None:
    """Lines from ``top`` down, in the column (x, width): right-to-left ones aligned right,
    or every line centred."""
    y = top
    for line in lines:
        baseline = y - line.leading + line.size * (0.45 if line.rtl else 0.3)
        canvas.setFillColor(line.colour)
        if centre:
            draw_line(canvas, x + width / 2, baseline, line.text, line.size, line.font, "centre")
        elif line.rtl:
            draw_line(canvas, x + width, baseline, line.text, line.size, line.font, "right")
        else:
            draw_line(canvas, x, baseline, line.text, line.size, line.font)
        y -= line.leading


def _tick_box(canvas: Canvas, x: float, top: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setFillColor(WHITE)
    canvas.setLineWidth(1.2)
    canvas.rect(x, top - TICK, TICK, TICK, stroke=1, fill=1)
    canvas.restoreState()


# ------------------------------------------------------------------------------- rows


def _title_rows(definition: Definition, languages: Sequence[str]) -> list[Row]:
    titles = _in_languages(definition.title, languages)
    lines = _wrapped(titles[:1], CONTENT, TITLE_SIZE, BOLD, ACCENT)
    lines += _wrapped(titles[1:], CONTENT, SUBTITLE_SIZE, BOLD, ACCENT)
    notice = _wrapped(_phrase("anonymous", languages), CONTENT - 8 * mm, HINT_SIZE)
    band = _height(notice) + 4 * mm

    def draw_titles(canvas: Canvas, top: float) -> None:
        _draw_lines(canvas, lines, MARGIN, top, CONTENT)

    def draw_notice(canvas: Canvas, top: float) -> None:
        canvas.setFillColor(BAND)
        canvas.roundRect(MARGIN, top - band, CONTENT, band, 4, stroke=0, fill=1)
        _draw_lines(canvas, notice, MARGIN + 4 * mm, top - 2 * mm, CONTENT - 8 * mm)

    return [
        Row(_height(lines) + 2 * mm, draw_titles),
        Row(band + QUESTION_GAP, draw_notice),
    ]


def _heading_row(number: int, question: Question, languages: Sequence[str]) -> Row:
    width = CONTENT - INDENT
    texts = _in_languages(question.text, languages)
    lines = _wrapped(texts[:1], width, QUESTION_SIZE, BOLD)
    lines += _wrapped(texts[1:], width, TRANSLATION_SIZE)
    radius = 4.5 * mm

    def draw(canvas: Canvas, top: float) -> None:
        canvas.setFillColor(ACCENT)
        canvas.circle(MARGIN + radius, top - radius, radius, stroke=0, fill=1)
        canvas.setFillColor(WHITE)
        canvas.setFont(BOLD, QUESTION_SIZE)
        canvas.drawCentredString(MARGIN + radius, top - radius - QUESTION_SIZE * 0.35, str(number))
        _draw_lines(canvas, lines, MARGIN + INDENT, top, width)

    return Row(max(_height(lines), 2 * radius) + 1.5 * mm, draw)


def _hint_row(key: str, languages: Sequence[str]) -> Row:
    """« Une seule réponse · One answer » on the left, the right-to-left ones on the right
    of the same line when there is room; a longer hint, one language a line."""
    width = CONTENT - INDENT
    texts = _phrase(key, languages)
    latin = " · ".join(text for text in texts if not is_rtl(text))
    rtl = " · ".join(text for text in texts if is_rtl(text))
    room = line_width(latin, HINT_SIZE) + line_width(rtl, HINT_SIZE) + 10 * mm
    if latin and rtl and room <= width:
        left = Line(latin, HINT_SIZE, REGULAR, MUTED)
        right = Line(rtl, HINT_SIZE, REGULAR, MUTED)

        def draw_both(canvas: Canvas, top: float) -> None:
            _draw_lines(canvas, [left], MARGIN + INDENT, top, width)
            _draw_lines(canvas, [right], MARGIN + INDENT, top, width)

        return Row(right.leading + 1 * mm, draw_both)
    joined = [latin, rtl] if line_width(latin, HINT_SIZE) <= width else texts
    lines = _wrapped([text for text in joined if text], width, HINT_SIZE, colour=MUTED)

    def draw(canvas: Canvas, top: float) -> None:
        _draw_lines(canvas, lines, MARGIN + INDENT, top, width)

    return Row(_height(lines) + 1 * mm, draw)


def _choice_rows(question: Question, languages: Sequence[str]) -> list[Row]:
    """The choices three or two by two: a tick box, the pictogram, the text in each
    language (three a line when every text holds on one line)."""
    gutter = 5 * mm
    for columns in (3, 2):
        cell = (CONTENT - INDENT - gutter * (columns - 1)) / columns
        laid = [_choice_lines(choice, languages, cell) for choice in question.choices]
        if columns == 2 or all(
            len(lines) == len(_in_languages(choice.text, languages))
            for choice, lines in zip(question.choices, laid, strict=True)
        ):
            break
    rows: list[Row] = []
    for start in range(0, len(question.choices), columns):
        group = question.choices[start : start + columns]
        cells = laid[start : start + columns]
        height = max(max(_height(lines), PICTO, TICK) for lines in cells) + 3 * mm

        def draw(
            canvas: Canvas,
            top: float,
            group: Sequence[Choice] = group,
            cells: Sequence[list[Line]] = cells,
            cell: float = cell,
        ) -> None:
            for column, (choice, lines) in enumerate(zip(group, cells, strict=True)):
                x = MARGIN + INDENT + column * (cell + gutter)
                _draw_choice(canvas, choice, lines, x, top - 1 * mm, cell)

        rows.append(Row(height, draw))
    return rows


def _choice_text_x(choice: Choice) -> float:
    return float(TICK + 3 * mm + (PICTO + 2.5 * mm if choice.pictogram else 0))


def _choice_lines(choice: Choice, languages: Sequence[str], cell: float) -> list[Line]:
    return _wrapped(
        _in_languages(choice.text, languages), cell - _choice_text_x(choice), LABEL_SIZE
    )


def _draw_choice(
    canvas: Canvas, choice: Choice, lines: Sequence[Line], x: float, top: float, cell: float
) -> None:
    text_height = _height(lines)
    middle = top - max(text_height, PICTO) / 2
    _tick_box(canvas, x, middle + TICK / 2)
    if choice.pictogram:
        draw_pictogram(canvas, choice.pictogram, x + TICK + 3 * mm, middle - PICTO / 2, PICTO)
    text_x = x + _choice_text_x(choice)
    # right-to-left lines end where the longest line ends, close to their box
    block = max(line_width(line.text, line.size, line.font) for line in lines)
    width = min(x + cell - text_x, block)
    _draw_lines(canvas, lines, text_x, middle + text_height / 2, width)


def _smiley_row(languages: Sequence[str]) -> Row:
    """Five faces from sad to happy, each with its tick box and its words."""
    column = (CONTENT - INDENT) / len(SMILEY_LEVELS)
    labels = [
        _wrapped(_phrase(f"smiley_{level}", languages), column - 2 * mm, LABEL_SIZE)
        for level in SMILEY_LEVELS
    ]
    words = max(_height(lines) for lines in labels)

    def draw(canvas: Canvas, top: float) -> None:
        for index, lines in enumerate(labels):
            x = MARGIN + INDENT + index * column
            centre = x + column / 2
            draw_smiley(canvas, index + 1, centre - FACE / 2, top - 1 * mm - FACE, FACE)
            box_top = top - FACE - 3 * mm
            _tick_box(canvas, centre - TICK / 2, box_top)
            _draw_lines(canvas, lines, x + 1 * mm, box_top - TICK - 1.5 * mm, column - 2 * mm, True)

    return Row(FACE + TICK + words + 7 * mm, draw)


def _number_row(question: Question) -> Row:
    digits = max(2, len(str(question.maximum)))

    def draw(canvas: Canvas, top: float) -> None:
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.2)
        for index in range(digits):
            x = MARGIN + INDENT + index * (DIGIT_WIDTH + 2 * mm)
            canvas.rect(x, top - 1 * mm - DIGIT_HEIGHT, DIGIT_WIDTH, DIGIT_HEIGHT, stroke=1)
        canvas.restoreState()

    return Row(DIGIT_HEIGHT + 3 * mm, draw)


def _writing_row() -> Row:
    lines = 3

    def draw(canvas: Canvas, top: float) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        for index in range(1, lines + 1):
            y = top - index * WRITING_LINE
            canvas.line(MARGIN + INDENT, y, MARGIN + CONTENT, y)
        canvas.restoreState()

    return Row(lines * WRITING_LINE + 3 * mm, draw)


def _question_rows(number: int, question: Question, languages: Sequence[str]) -> list[Row]:
    rows = [_heading_row(number, question, languages), _hint_row(HINTS[question.kind], languages)]
    if question.kind in ("single", "multiple"):
        rows += _choice_rows(question, languages)
    elif question.kind == "smiley":
        rows.append(_smiley_row(languages))
    elif question.kind == "number":
        rows.append(_number_row(question))
    else:
        rows.append(_writing_row())
    last = rows[-1]
    rows[-1] = Row(last.height + QUESTION_GAP, last.draw)  # room before the next one
    return rows


def _thanks_rows(languages: Sequence[str]) -> list[Row]:
    texts = _phrase("thanks", languages)
    lines = _wrapped(texts[:1], CONTENT, LABEL_SIZE, BOLD, ACCENT)
    lines += _wrapped(texts[1:], CONTENT, LABEL_SIZE, REGULAR, ACCENT)
    return [
        Row(_height(lines), lambda canvas, top: _draw_lines(canvas, lines, MARGIN, top, CONTENT))
    ]


# ----------------------------------------------------------------------------- layout


def _paginate(blocks: Sequence[Sequence[Row]]) -> list[list[tuple[float, Row]]]:
    """Each block (a title, a question) on the page where it fits whole; a block taller
    than a page starts on a new one and breaks between its rows."""
    top, bottom = PAGE_HEIGHT - MARGIN, MARGIN + FOOTER
    pages: list[list[tuple[float, Row]]] = [[]]
    y = top
    for block in blocks:
        height = sum(row.height for row in block)
        if height > y - bottom and pages[-1]:
            pages.append([])
            y = top
        for row in block:
            if row.height > y - bottom and pages[-1]:
                pages.append([])
                y = top
            pages[-1].append((y, row))
            y -= row.height
    return pages


def _footer(canvas: Canvas, site_name: str, version: int, page: int, pages: int) -> None:
    parts = ["Questionnaire anonyme", site_name, f"version {version}", f"page {page}/{pages}"]
    text = " · ".join(part for part in parts if part)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, MARGIN + FOOTER - 3 * mm, MARGIN + CONTENT, MARGIN + FOOTER - 3 * mm)
    canvas.setFillColor(MUTED)
    draw_line(canvas, PAGE_WIDTH / 2, MARGIN + 2 * mm, text, HINT_SIZE, REGULAR, "centre")


def survey_paper(
    definition: Definition, languages: tuple[str, ...], site_name: str, version: int
) -> bytes:
    """PDF bytes of the paper questionnaire in ``languages`` (French always first)."""
    register_fonts()
    register_script_fonts()
    chosen = tuple(dict.fromkeys(("fr", *languages)))
    blocks: list[list[Row]] = [_title_rows(definition, chosen)]
    for number, question in enumerate(definition.questions, start=1):
        blocks.append(_question_rows(number, question, chosen))
    blocks.append(_thanks_rows(chosen))
    pages = _paginate(blocks)
    buffer = io.BytesIO()
    title = f"{definition.title['fr']} — questionnaire papier"
    canvas = new_canvas(buffer, A4, f"{title} — {site_name}" if site_name else title)
    for number, placed in enumerate(pages, start=1):
        for top, row in placed:
            row.draw(canvas, top)
        _footer(canvas, site_name, version, number, len(pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
