"""Sign-in sheets (feuilles d'émargement) of one session as PDF: A4 landscape, header and
information notice on every page, numbered rows to fill by hand, a subtotal on every page
and the total on the last. Registrants' names only if the cabane chose to print them."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, HRFlowable, KeepInFrame, Paragraph, Table

from models.figures.french import french_date, french_time
from models.programme.sheets import SignInSheet
from printing.fonts import FontFamily, new_canvas, register_fonts
from printing.multilingual import typed_text
from printing.palette import (
    ACCENT,
    BAND,
    HINT,
    INK,
    MUTED,
    RULE,
    STRIPE,
)

TITLE = "Feuille d'émargement"

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)  # 841.9 × 595.3 pt
MARGIN = 10 * mm  # home printers cannot print the outer 4–5 mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
GAP = 3 * mm  # between the header, the table, the totals and the notice
HEADER_MAX_SHARE = 0.3  # past this, the header is scaled down whole (it never overflows)
FOOTER_MAX_SHARE = 0.25  # the notice stays ≥ 7 pt below this share: only an essay shrinks
ROW_HEIGHT = 1.0 * cm  # room to write by hand; a long pre-filled name makes its row taller
TOTALS_HEIGHT = 0.8 * cm  # a number to write in each box
CELL_PADDING = 4.0

COLUMNS = (
    ("N°", 11 * mm),
    ("Nom ou initiales", 64 * mm),
    ("Commune", 40 * mm),
    ("Adultes", 19 * mm),
    ("Enfants (âges)", 44 * mm),
    ("1re venue ?", 22 * mm),
)
TOTALS_COLUMNS = [30 * mm, 22 * mm, 21 * mm, 22 * mm, 19 * mm]
TOTALS_WIDTH = sum(TOTALS_COLUMNS) + 4 * mm
SIGNATURE = "Signature"
SIGNATURE_WIDTH = CONTENT_WIDTH - sum(width for _, width in COLUMNS)
COLUMN_WIDTHS = [width for _, width in COLUMNS] + [SIGNATURE_WIDTH]
NAME_COLUMN = 1
FIRST_VISIT_COLUMN = 5


def build_signin_sheet(sheet: SignInSheet) -> bytes:
    """PDF bytes of the sign-in sheet: as many A4 landscape pages as its rows need."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (PAGE_WIDTH, PAGE_HEIGHT), TITLE)

    styles = _Styles.make(fonts)
    # The header and the foot are the same on every page but for the page number and the
    # totals (their cells have fixed widths and heights): measured once.
    header_height = min(
        _stack_height(_header_flowables(sheet, styles, 99, 99)), PAGE_HEIGHT * HEADER_MAX_SHARE
    )
    table_top = PAGE_HEIGHT - MARGIN - header_height - GAP
    rows = _rows(sheet, styles)
    heading = _heading_row(styles)
    heading_height = _row_height(heading)
    # One page has a total only; a longer sheet a subtotal too: the foot is taller.
    for last in (1, 2):
        footer_height = min(
            _stack_height(_footer_flowables(sheet, styles, last, last)),
            PAGE_HEIGHT * FOOTER_MAX_SHARE,
        )
        available = table_top - (MARGIN + footer_height + GAP)
        pages = _paginate([height for _, height in rows], available - heading_height)
        if len(pages) == 1 or last == 2:  # one page: the small foot fits
            break

    first = 0
    for index, count in enumerate(pages):
        page, last = index + 1, len(pages)
        _place(
            canvas,
            _header_flowables(sheet, styles, page, last),
            PAGE_HEIGHT - MARGIN - header_height,
            header_height,
        )
        _place(canvas, _footer_flowables(sheet, styles, page, last), MARGIN, footer_height)
        table = _table(heading, heading_height, rows[first : first + count], styles.fonts)
        first += count
        _, height = table.wrap(CONTENT_WIDTH, available)
        table.drawOn(canvas, MARGIN, table_top - height)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _paginate(heights: list[float], room: float) -> list[int]:
    """How many rows go on each page: as many as fit (at least one, and one page at least)."""
    pages: list[int] = []
    used, count = 0.0, 0
    for height in heights:
        if count and used + height > room:
            pages.append(count)
            used, count = 0.0, 0
        used += height
        count += 1
    pages.append(count)
    return pages


@dataclass(frozen=True)
class _Styles:
    fonts: FontFamily
    cabane: ParagraphStyle
    page: ParagraphStyle
    title: ParagraphStyle
    activity: ParagraphStyle
    subtitle: ParagraphStyle
    when: ParagraphStyle
    detail: ParagraphStyle
    notice: ParagraphStyle
    heading: ParagraphStyle
    number: ParagraphStyle
    name: ParagraphStyle
    hint: ParagraphStyle
    totals: ParagraphStyle
    continued: ParagraphStyle

    @staticmethod
    def make(fonts: FontFamily) -> _Styles:
        def style(
            name: str,
            size: float,
            *,
            bold: bool = False,
            color: colors.Color = INK,
            alignment: int = TA_LEFT,
            space_after: float = 0.0,
        ) -> ParagraphStyle:
            font = fonts.bold if bold else fonts.regular
            return ParagraphStyle(
                name=f"signin-{name}",
                fontName=font,
                bulletFontName=font,
                fontSize=size,
                leading=size * 1.22,
                textColor=color,
                alignment=alignment,
                shaping=1,  # HarfBuzz joins Arabic and builds Tamil, Bengali clusters
                spaceAfter=space_after,
            )

        return _Styles(
            fonts=fonts,
            cabane=style("cabane", 10, color=MUTED),
            page=style("page", 10.5, bold=True, alignment=TA_RIGHT),
            title=style("title", 19, bold=True, color=ACCENT, space_after=2),
            activity=style("activity", 14, bold=True, space_after=1),
            subtitle=style("subtitle", 11.5),
            when=style("when", 12.5, bold=True, space_after=2),
            detail=style("detail", 10.5, space_after=1.5),
            notice=style("notice", 8, color=MUTED),
            heading=style("heading", 9.5, bold=True, alignment=TA_CENTER),
            number=style("number", 10, color=MUTED, alignment=TA_CENTER),
            name=style("name", 11.5),
            hint=style("hint", 8.5, color=HINT, alignment=TA_CENTER),
            totals=style("totals", 12, bold=True),
            continued=style("continued", 10, color=MUTED, alignment=TA_RIGHT),
        )


def _header_flowables(sheet: SignInSheet, styles: _Styles, page: int, pages: int) -> list[Flowable]:
    cabane = typed_text(sheet.cabane_name)
    if sheet.cabane_address.strip():
        cabane += f" — {typed_text(sheet.cabane_address)}"
    page_width = 32 * mm
    top = Table(
        [[Paragraph(cabane, styles.cabane), Paragraph(f"Page {page} / {pages}", styles.page)]],
        colWidths=[CONTENT_WIDTH - page_width, page_width],
        style=_cell_style(styles.fonts, padding=0),
    )

    left: list[Flowable] = [
        Paragraph(TITLE, styles.title),
        Paragraph(typed_text(sheet.activity), styles.activity),
    ]
    if sheet.title.strip() and sheet.title.strip().casefold() != sheet.activity.strip().casefold():
        left.append(Paragraph(typed_text(sheet.title), styles.subtitle))

    right: list[Flowable] = [
        Paragraph(f"Le {french_date(sheet.day)}", styles.when),
        Paragraph(f"{french_time(sheet.starts)} – {french_time(sheet.ends)}", styles.when),
    ]
    for label, value in (
        ("Lieu", sheet.place),
        ("Animation", sheet.facilitator),
        ("Partenaire", sheet.partner),
    ):
        if value.strip():
            right.append(Paragraph(f"<b>{label} :</b> {typed_text(value)}", styles.detail))

    left_width = CONTENT_WIDTH * 0.55
    body = Table(
        [[left, right]],
        colWidths=[left_width, CONTENT_WIDTH - left_width],
        style=_cell_style(styles.fonts, padding=0, right=[("LEFTPADDING", (1, 0), (1, 0), 12)]),
    )
    return [
        top,
        HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=3, spaceAfter=5),
        body,
    ]


def _footer_flowables(sheet: SignInSheet, styles: _Styles, page: int, pages: int) -> list[Flowable]:
    """The information notice, and beside it the totals box on the last page (or where the
    sheet goes on): it takes no row away from the table and never needs a page of its own."""
    notice: list[Flowable] = []
    if sheet.notice.strip():
        notice.append(Paragraph(typed_text(sheet.notice), styles.notice))
    side: list[Flowable] = [_totals_box(styles, "Sous-total :")] if pages > 1 else []
    if page == pages:
        side.append(_totals_box(styles, "Total :"))
    else:
        side.append(Paragraph(f"Suite page {page + 1}", styles.continued))
    foot = Table(
        [[notice, side]],
        colWidths=[CONTENT_WIDTH - TOTALS_WIDTH, TOTALS_WIDTH],
        style=_cell_style(
            styles.fonts,
            padding=0,
            right=[("LEFTPADDING", (1, 0), (1, 0), 4 * mm), ("VALIGN", (1, 0), (1, 0), "BOTTOM")],
        ),
    )
    return [
        HRFlowable(width="100%", thickness=0.5, color=MUTED, spaceBefore=0, spaceAfter=4),
        foot,
    ]


def _cell_style(
    fonts: FontFamily, *, padding: float, right: list[tuple[object, ...]] | None = None
) -> list[tuple[object, ...]]:
    return [
        # A table cell sets its own font even around a paragraph: never Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        *(right or []),
    ]


_Row = tuple[list[Flowable | str], float]


def _heading_row(styles: _Styles) -> list[Flowable | str]:
    return [Paragraph(escape(label), styles.heading) for label, _ in COLUMNS] + [
        Paragraph(SIGNATURE, styles.heading)
    ]


def _row_height(cells: list[Flowable | str]) -> float:
    tallest = 0.0
    for cell, width in zip(cells, COLUMN_WIDTHS, strict=True):
        if isinstance(cell, Flowable):
            _, height = cell.wrap(width - 2 * CELL_PADDING, PAGE_HEIGHT)
            tallest = max(tallest, height)
    return tallest + 2 * CELL_PADDING


def _rows(sheet: SignInSheet, styles: _Styles) -> list[_Row]:
    registered = [name for name in sheet.registrations if name.strip()]
    names = registered if sheet.print_names else []  # else a blank row for each of them
    total = len(registered) + max(sheet.blank_rows, 0)
    rows: list[_Row] = []
    for index in range(total):
        cells: list[Flowable | str] = [""] * len(COLUMN_WIDTHS)
        cells[0] = Paragraph(str(index + 1), styles.number)
        if index < len(names):
            cells[NAME_COLUMN] = Paragraph(typed_text(names[index]), styles.name)
        cells[FIRST_VISIT_COLUMN] = Paragraph("oui / non", styles.hint)
        rows.append((cells, max(ROW_HEIGHT, _row_height(cells))))
    return rows


def _table(
    heading: list[Flowable | str], heading_height: float, rows: list[_Row], fonts: FontFamily
) -> Table:
    data = [heading, *(cells for cells, _ in rows)]
    commands: list[tuple[object, ...]] = [
        *_cell_style(fonts, padding=CELL_PADDING),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), BAND),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
    ]
    commands += [("BACKGROUND", (0, row), (-1, row), STRIPE) for row in range(2, len(data), 2)]
    return Table(
        data,
        colWidths=COLUMN_WIDTHS,
        rowHeights=[heading_height, *(height for _, height in rows)],
        style=commands,
    )


def _totals_box(styles: _Styles, caption: str) -> Table:
    """« Total : [ ] adultes, [ ] enfants », the boxes left empty to fill by hand: the
    page's subtotal on every page of a long sheet, the total on the last."""
    cells = [
        Paragraph(caption, styles.totals),
        "",
        Paragraph("adultes,", styles.totals),
        "",
        Paragraph("enfants", styles.totals),
    ]
    return Table(
        [cells],
        colWidths=TOTALS_COLUMNS,
        rowHeights=[TOTALS_HEIGHT],
        hAlign="RIGHT",
        style=[
            *_cell_style(styles.fonts, padding=0),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (1, 0), (1, 0), 1.2, INK),
            ("BOX", (3, 0), (3, 0), 1.2, INK),
        ],
    )


def _place(canvas: Canvas, flowables: list[Flowable], y: float, height: float) -> None:
    """Draw the flowables top-down in a full-width box; whatever is still too tall is
    scaled down whole, so nothing ever runs off the page."""
    frame = Frame(
        MARGIN,
        y,
        CONTENT_WIDTH,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    frame.addFromList([KeepInFrame(CONTENT_WIDTH, height, flowables, mode="shrink")], canvas)


def _stack_height(flowables: list[Flowable]) -> float:
    total = 0.0
    for index, flowable in enumerate(flowables):
        _, height = flowable.wrap(CONTENT_WIDTH, 1_000_000)
        total += height + flowable.getSpaceAfter()
        if index:
            total += flowable.getSpaceBefore()
    return total
