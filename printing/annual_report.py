"""« Bilan d'activité »: the annual report as a PDF to hand to the Département, the CAF or
the ARS, and the same lines as an XLSX workbook (plain data in, bytes out)."""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from models.exchange.annual_report import MASK_BELOW, AnnualReport, number
from models.figures.french import MONTHS_SHORT, french_date
from printing.fonts import FontFamily, register_fonts
from printing.palette import ACCENT, BAND, INK, MUTED, RULE, STRIPE

MARGIN = 16 * mm
KEY_FIGURES = (
    ("Accueil", "Passages (familles ou groupes accueillis)", "passages"),
    ("Accueil", "Personnes accueillies (adultes et enfants)", "personnes accueillies"),
    ("Familles", "Nouvelles familles (premières venues)", "nouvelles familles"),
    ("Accueil", "Heures d'ouverture (accueil libre)", "heures d'ouverture"),
)


def title_of(report: AnnualReport) -> str:
    return f"Bilan d'activité {report.year} — {report.scope}"


def note_of(report: AnnualReport) -> str:
    if report.publication:
        return (
            "Effectifs de 1 à 4 masqués (« <5 ») ; parts et moyennes sur moins de 5 non "
            "données (« — »)."
        )
    return "Effectifs exacts : document interne, à ne pas diffuser tel quel."


def build_annual_report_pdf(report: AnnualReport, made_on: date) -> bytes:
    fonts = register_fonts()
    styles = _styles(fonts)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=title_of(report),
        author="",
        creator="Cabane",
        lang="fr-FR",
        initialFontName=fonts.regular,
    )
    width = A4[0] - 2 * MARGIN
    story: list[object] = [
        Paragraph(escape(f"Bilan d'activité {report.year}"), styles["title"]),
        Paragraph(escape(report.scope), styles["scope"]),
        Paragraph(
            escape(
                f"Établi le {french_date(made_on)} à partir des passages, séances et "
                f"sorties enregistrés par les cabanes. {note_of(report)}"
            ),
            styles["small"],
        ),
        Spacer(1, 5 * mm),
        _key_figures(report, styles, width),
        Spacer(1, 6 * mm),
        Paragraph("Passages par mois", styles["heading"]),
        _month_chart(report, fonts, width),
    ]
    for section in report.sections:
        story.append(_section(report, section, styles, width))

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, title_of(report))
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2 * mm, f"page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _styles(fonts: FontFamily) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=10.5, leading=14, textColor=INK, shaping=1
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12, textColor=MUTED),
        "title": ParagraphStyle(
            "title", parent=body, fontName=fonts.bold, fontSize=24, leading=29, textColor=ACCENT
        ),
        "scope": ParagraphStyle("scope", parent=body, fontSize=15, leading=20, spaceAfter=4),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=fonts.bold,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "figure": ParagraphStyle(
            "figure", parent=body, fontName=fonts.bold, fontSize=22, leading=26, textColor=ACCENT
        ),
        "value": ParagraphStyle("value", parent=body, alignment=2),
    }


def _value(report: AnnualReport, section: str, label: str) -> str:
    return next((line.value for line in report.section(section) if line.label == label), "—")


def _key_figures(report: AnnualReport, styles: dict[str, ParagraphStyle], width: float) -> Table:
    cells = [
        [
            Paragraph(escape(_value(report, section, label)), styles["figure"]),
            Paragraph(escape(said), styles["small"]),
        ]
        for section, label, said in KEY_FIGURES
    ]
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), BAND),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEAFTER", (0, 0), (-2, -1), 2, STRIPE),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _month_chart(report: AnnualReport, fonts: FontFamily, width: float) -> Drawing:
    """Bars of the visits of each month; a month of 1 to 4 shows no bar, « <5 » above."""
    height = 62 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 22
    chart.width, chart.height = width - 40, height - 36
    values = [
        0 if count is None or (report.publication and 0 < count < MASK_BELOW) else count
        for _, count in report.months
    ]
    chart.data = [values]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    ceiling = max(values) * 1.18 or 1  # room above the tallest bar for its figure
    chart.valueAxis.valueMax = ceiling
    chart.valueAxis.labels.fontName = fonts.regular
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.labelTextFormat = lambda value: number(value)
    chart.categoryAxis.categoryNames = list(MONTHS_SHORT)
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.strokeColor = RULE
    chart.barLabelFormat = lambda value: ""
    drawing.add(chart)
    step = chart.width / len(values)
    for index, (_name, count) in enumerate(report.months):
        if count is None:  # nothing recorded that month: no bar, no figure
            continue
        said = "<5" if report.publication and 0 < count < MASK_BELOW else number(count)
        y = chart.y + chart.height * values[index] / ceiling + 3
        label = String(chart.x + step * (index + 0.5), y, said, textAnchor="middle")
        label.fontName, label.fontSize, label.fillColor = fonts.regular, 7.5, MUTED
        drawing.add(label)
    return drawing


def _section(
    report: AnnualReport, section: str, styles: dict[str, ParagraphStyle], width: float
) -> KeepTogether:
    rows = [
        [
            Paragraph(escape(line.label), styles["body"]),
            Paragraph(escape(line.value), styles["value"]),
        ]
        for line in report.section(section)
    ]
    table = Table(rows, colWidths=[width * 0.75, width * 0.25])
    table.setStyle(
        TableStyle(
            [
                ("ROWBACKGROUNDS", (0, 0), (-1, -1), [STRIPE, None]),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return KeepTogether([Paragraph(escape(section), styles["heading"]), table])


def build_annual_report_xlsx(report: AnnualReport) -> bytes:
    """The same lines as a workbook: one row a figure, then the visits of each month."""
    from printing.spreadsheet import report_xlsx

    rows: list[list[object]] = [
        [line.section, line.label, _cell(line.value)] for line in report.lines
    ]
    rows += [
        [
            "Passages par mois",
            name,
            _cell(
                "—"
                if count is None
                else number(count)
                if not report.publication or count == 0 or count >= MASK_BELOW
                else "<5"
            ),
        ]
        for name, count in report.months
    ]
    return report_xlsx(
        f"Bilan {report.year}",
        ["Thème", "Chiffre", "Valeur"],
        rows,
        f"{title_of(report)}. {note_of(report)}",
    )


def _cell(value: str) -> object:
    """A number as a number (for sums in the spreadsheet), anything else as text."""
    plain = value.replace("\u202f", "")
    if plain.isdigit():
        return int(plain)
    return value
