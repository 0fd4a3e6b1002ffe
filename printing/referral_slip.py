"""Referral slips (fiches d'orientation) as PDF: one A6 slip per page, or two on A5 landscape."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A5, A6, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    HRFlowable,
    KeepInFrame,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from models.orientations.slips import PlaceContact, ReferralSlip
from printing.fonts import FontFamily, new_canvas, register_fonts
from printing.multilingual import typed_text
from printing.palette import (
    ACCENT,
    BAND,
    CUT_LINE,
    INK,
    MUTED,
)

LAYOUTS = ("a6", "a5x2")
TITLE = "Fiche d'orientation"

SLIP_WIDTH, SLIP_HEIGHT = A6  # 105 × 148 mm, also each half of an A5 landscape sheet
MARGIN = 8 * mm  # home printers cannot print the outer 4–5 mm
FOOTER_GAP = 3 * mm
FOOTER_MAX_SHARE = 0.3  # the cabane's contact never takes more than this of the slip
# Long texts first make the type smaller, down to this share of its size (line breaks are
# redone at each size); only past it is the whole block scaled down to fit.
MIN_SCALE = 0.6


def build_referral_slips(slips: Sequence[ReferralSlip], layout: str = "a6") -> bytes:
    """PDF bytes of the slips: ``a6`` puts one per page, ``a5x2`` two per A5 landscape sheet
    side by side with a cut line between them."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}, expected one of {LAYOUTS}")
    if not slips:
        raise ValueError("no slip to print")
    fonts = register_fonts()
    per_page = 1 if layout == "a6" else 2
    page_size = A6 if layout == "a6" else landscape(A5)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, page_size, TITLE)
    for start in range(0, len(slips), per_page):
        for slot, slip in enumerate(slips[start : start + per_page]):
            _draw_slip(canvas, slip, fonts, x=slot * SLIP_WIDTH, y=0.0)
        if per_page == 2:
            _draw_cut_line(canvas, SLIP_WIDTH, page_size[1])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_cut_line(canvas: Canvas, x: float, height: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(CUT_LINE)
    canvas.setLineWidth(0.6)
    canvas.setDash(4, 3)
    canvas.line(x, 3 * mm, x, height - 3 * mm)
    canvas.restoreState()


def _draw_slip(canvas: Canvas, slip: ReferralSlip, fonts: FontFamily, x: float, y: float) -> None:
    width = SLIP_WIDTH - 2 * MARGIN
    footer_max = (SLIP_HEIGHT - 2 * MARGIN) * FOOTER_MAX_SHARE
    footer = _fitted(lambda scale: _footer_flowables(slip.cabane, fonts, scale), width, footer_max)
    footer_height = min(_stack_height(footer, width), footer_max)
    _place(canvas, footer, x + MARGIN, y + MARGIN, width, footer_height)

    body_bottom = y + MARGIN + footer_height + FOOTER_GAP
    body_height = y + SLIP_HEIGHT - MARGIN - body_bottom
    body = _fitted(lambda scale: _body_flowables(slip, fonts, scale), width, body_height)
    _place(canvas, body, x + MARGIN, body_bottom, width, body_height)


def _place(
    canvas: Canvas, flowables: list[Flowable], x: float, y: float, width: float, height: float
) -> None:
    """Draw the flowables top-down in the box; whatever is still too tall is scaled down whole,
    so nothing ever runs off the slip."""
    frame = Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame.addFromList([KeepInFrame(width, height, flowables, mode="shrink")], canvas)


def _fitted(make: Callable[[float], list[Flowable]], width: float, height: float) -> list[Flowable]:
    """The flowables at the largest type scale (at most 1) whose stack fits the height."""
    flowables = make(1.0)
    needed = _stack_height(flowables, width)
    if needed <= height:
        return flowables
    # A stack's height grows about as the square of the type size (taller lines, and more of
    # them): start from that guess, then bisect. Six builds at most for the longest slip.
    low, high = MIN_SCALE, 1.0
    best: list[Flowable] | None = None
    middle = min(max(math.sqrt(height / needed), low), high)
    for _ in range(5):
        candidate = make(middle)
        if _stack_height(candidate, width) <= height:
            low, best = middle, candidate
        else:
            high = middle
        middle = (low + high) / 2
    return best if best is not None else make(MIN_SCALE)


def _stack_height(flowables: list[Flowable], width: float) -> float:
    total = 0.0
    for index, flowable in enumerate(flowables):
        _, height = flowable.wrap(width, 1_000_000)
        total += height + flowable.getSpaceAfter()
        if index:
            total += flowable.getSpaceBefore()
    return total


def _style(
    fonts: FontFamily,
    scale: float,
    size: float,
    *,
    bold: bool = False,
    color: colors.Color = INK,
    space_before: float = 0.0,
    space_after: float = 0.0,
) -> ParagraphStyle:
    font = fonts.bold if bold else fonts.regular
    return ParagraphStyle(
        name=f"slip-{size}-{bold}",
        fontName=font,
        bulletFontName=font,
        fontSize=size * scale,
        leading=size * scale * 1.22,
        textColor=color,
        alignment=TA_LEFT,
        shaping=1,  # HarfBuzz joins Arabic and builds Tamil, Bengali clusters
        spaceBefore=space_before * scale,
        spaceAfter=space_after * scale,
    )


def _phone(value: str) -> str:
    # Non-breaking spaces keep "01 48 45 12 34" on one line (a longer one still splits).
    return typed_text(value).replace(" ", "\u00a0")


def _body_flowables(slip: ReferralSlip, fonts: FontFamily, scale: float) -> list[Flowable]:
    partner = slip.partner
    items: list[Flowable] = [
        Paragraph(TITLE, _style(fonts, scale, 17, bold=True, color=ACCENT, space_after=1)),
        Paragraph(typed_text(slip.cabane.name), _style(fonts, scale, 11, color=MUTED)),
        HRFlowable(
            width="100%", thickness=0.8, color=ACCENT, spaceBefore=4 * scale, spaceAfter=6 * scale
        ),
    ]
    if slip.first_name.strip():
        items.append(
            Paragraph(
                f"Pour : <b>{typed_text(slip.first_name)}</b>",
                _style(fonts, scale, 14, space_after=6),
            )
        )
    theme = Paragraph(typed_text(slip.theme), _style(fonts, scale, 17, bold=True))
    items.append(_boxed(theme, fonts, scale, [("BACKGROUND", (0, 0), (-1, -1), BAND)], 8))
    items.append(Paragraph("Où aller :", _style(fonts, scale, 10.5, color=MUTED, space_after=1)))
    items.append(
        Paragraph(typed_text(partner.name), _style(fonts, scale, 15, bold=True, space_after=2))
    )
    if partner.address.strip():
        items.append(
            Paragraph(typed_text(partner.address), _style(fonts, scale, 12, space_after=3))
        )
    else:  # unknown: a line to write it on
        items.append(_write_in("Adresse :", fonts, scale))
    if partner.phone.strip():
        items.append(
            Paragraph(
                f'<font size="{12 * scale:.1f}">Tél.</font> {_phone(partner.phone)}',
                _style(fonts, scale, 21, bold=True, space_after=3),
            )
        )
    details = [
        ("Horaires", partner.opening_hours),
        ("Langues parlées", ", ".join(lang.strip() for lang in partner.languages if lang.strip())),
        ("Courriel", partner.email),
        ("Site internet", partner.website),
    ]
    for label, value in details:
        if value.strip():
            items.append(
                Paragraph(
                    f"{label} : {typed_text(value)}", _style(fonts, scale, 11.5, space_after=2)
                )
            )
        elif label == "Horaires":
            items.append(_write_in("Horaires :", fonts, scale))
    items.append(Spacer(1, 4 * scale))
    if slip.appointment.strip():
        appointment = Paragraph(
            f"Quand : <b>{typed_text(slip.appointment)}</b>", _style(fonts, scale, 13.5)
        )
        items.append(_boxed(appointment, fonts, scale, [("BOX", (0, 0), (-1, -1), 1.2, INK)]))
    else:  # the date is often fixed on the phone, there and then: room to write it
        items.append(_write_in("Quand :", fonts, scale))
    if slip.to_bring.strip():
        items.append(
            Paragraph(
                f"<b>À apporter :</b> {typed_text(slip.to_bring)}",
                _style(fonts, scale, 11.5, space_before=4),
            )
        )
    items.append(
        Paragraph(
            f"Fiche remise le {slip.issued_on:%d/%m/%Y}",
            _style(fonts, scale, 10.5, color=MUTED, space_before=6),
        )
    )
    return items


def _write_in(label: str, fonts: FontFamily, scale: float) -> Table:
    """« Horaires : ____ »: a label and a line to write on by hand."""
    label_width = 26 * mm * scale
    return Table(
        [[Paragraph(label, _style(fonts, scale, 11.5)), ""]],
        colWidths=[label_width, SLIP_WIDTH - 2 * MARGIN - label_width],
        rowHeights=[9 * mm * scale],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (1, 0), (1, 0), 0.7, MUTED),
            ]
        ),
    )


def _boxed(
    paragraph: Paragraph,
    fonts: FontFamily,
    scale: float,
    commands: list[tuple[object, ...]],
    space_after: float = 0.0,
) -> Table:
    """A paragraph in a full-width box (a one-cell table: its padding is measured, unlike a
    paragraph's own border padding)."""
    return Table(
        [[paragraph]],
        colWidths=[SLIP_WIDTH - 2 * MARGIN],
        style=TableStyle(
            [
                # A table cell sets its own font even around a paragraph: never Helvetica.
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("LEFTPADDING", (0, 0), (-1, -1), 7 * scale),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7 * scale),
                ("TOPPADDING", (0, 0), (-1, -1), 5 * scale),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7 * scale),
                *commands,
            ]
        ),
        spaceAfter=space_after * scale,
    )


def _footer_flowables(cabane: PlaceContact, fonts: FontFamily, scale: float) -> list[Flowable]:
    contact = ", ".join(
        typed_text(part)
        for part in (cabane.name, cabane.address, cabane.opening_hours)
        if part.strip()
    )
    if cabane.phone.strip():  # the number never breaks across lines
        contact += f", Tél. <b>{typed_text(cabane.phone).replace(' ', '&nbsp;')}</b>"
    return [
        HRFlowable(width="100%", thickness=0.6, color=MUTED, spaceBefore=0, spaceAfter=4 * scale),
        Paragraph(
            f"<b>Nous joindre :</b> {contact}",
            _style(fonts, scale, 10),
        ),
    ]
