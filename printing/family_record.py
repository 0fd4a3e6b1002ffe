"""« Vos données à la cabane »: everything stored about a known family, A4, to hand over
(right of access). Dates in Paris time, codes as French words, fonts embedded."""

from __future__ import annotations

import io
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from models import catalogues
from models.desk.family_rights import FamilyRecord
from models.figures.french import french_date
from models.store.base import PARIS
from printing.fonts import register_fonts
from printing.palette import ACCENT, BAND, INK, MUTED, RULE, STRIPE

TITLE = "Vos données à la cabane"
MARGIN = 16 * mm


def _paris(moment: datetime) -> datetime:
    return moment.astimezone(PARIS)


def _day(moment: datetime) -> str:
    return _paris(moment).strftime("%d/%m/%Y")


def _day_time(moment: datetime | None) -> str:
    return "" if moment is None else _paris(moment).strftime("%d/%m/%Y %H:%M")


def build_family_record(record: FamilyRecord, site_name: str, printed_on: date) -> bytes:
    """PDF bytes of the family's record."""
    fonts = register_fonts()
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=10.5, leading=14, textColor=INK, shaping=1
    )
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12, textColor=MUTED)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=fonts.bold, fontSize=13, leading=17, textColor=ACCENT
    )
    title = ParagraphStyle("title", parent=heading, fontSize=20, leading=25)
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12)
    head_cell = ParagraphStyle("head", parent=cell, fontName=fonts.bold)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    def table(headings: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        """A table; ``headings`` empty: a key/value table without heading row."""
        data = [[para(h, head_cell) for h in headings]] if headings else []
        data += [[para(value, cell) for value in row] for row in rows]
        first = 1 if headings else 0
        shown = Table(data, colWidths=widths, repeatRows=first)
        style = [
            ("ROWBACKGROUNDS", (0, first), (-1, -1), [None, STRIPE]),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if headings:
            style.append(("BACKGROUND", (0, 0), (-1, 0), BAND))
        shown.setStyle(TableStyle(style))
        return shown

    width = A4[0] - 2 * MARGIN
    story: list[object] = [
        para(TITLE, title),
        para(f"{site_name} — fiche imprimée le {french_date(printed_on)}", small),
        Spacer(1, 6 * mm),
        para("Votre fiche", heading),
        table(
            [],
            [
                ["Nom choisi", record.label],
                ["Téléphone", record.phone or "(aucun)"],
                ["Code de la carte", record.card_code],
                ["Accord donné", f"le {_day(record.consent_at)}, auprès de {record.consent_by}"],
                ["Dernière venue", _day(record.last_contact_at)],
            ],
            [45 * mm, width - 45 * mm],
        ),
        Spacer(1, 5 * mm),
        para(f"Vos passages ({len(record.visits)})", heading),
    ]
    reasons = catalogues.reasons()
    if record.visits:
        story.append(
            table(
                ["Date et heure", "Adultes", "Enfants", "Motifs", "Note de l'équipe"],
                [
                    [
                        _day_time(v.arrived_at),
                        str(v.adults),
                        str(v.children),
                        ", ".join(catalogues.label(reasons, code) for code in v.reasons),
                        v.note,
                    ]
                    for v in record.visits
                ],
                [32 * mm, 18 * mm, 18 * mm, 50 * mm, width - 118 * mm],
            )
        )
    else:
        story.append(para("Aucun passage relié à cette fiche."))
    story += [Spacer(1, 5 * mm), para("Orientations vers la PMI", heading)]
    if record.orientations:
        services, statuses = catalogues.pmi_services(), catalogues.orientation_statuses()
        story.append(
            table(
                ["Date", "Service", "Centre", "Suite", "Rendez-vous"],
                [
                    [
                        _day(o.at),
                        catalogues.label(services, o.service),
                        o.centre,
                        catalogues.label(statuses, o.status),
                        _day_time(o.appointment_at),
                    ]
                    for o in record.orientations
                ],
                [24 * mm, 45 * mm, width - 130 * mm, 30 * mm, 31 * mm],
            )
        )
    else:
        story.append(para("Aucune."))
    story += [Spacer(1, 5 * mm), para("Orientations vers des partenaires", heading)]
    if record.referrals:
        themes, statuses = catalogues.referral_themes(), catalogues.referral_statuses()
        story.append(
            table(
                ["Date", "Partenaire", "Pour", "Suite"],
                [
                    [
                        _day(r.at),
                        r.partner,
                        catalogues.label(themes, r.theme),
                        catalogues.label(statuses, r.status),
                    ]
                    for r in record.referrals
                ],
                [24 * mm, 60 * mm, width - 114 * mm, 30 * mm],
            )
        )
    else:
        story.append(para("Aucune."))
    story += [
        Spacer(1, 8 * mm),
        para("Vos droits", heading),
        para(
            "Ces informations sont gardées 24 mois après votre dernière venue, puis effacées ; "
            "vos passages restent seulement comptés, sans votre nom. Vous pouvez à tout moment "
            "demander à l'équipe de la cabane de les corriger, de ne plus relier vos passages "
            "(vous ne serez plus reconnue) ou de tout effacer. Responsable du traitement : "
            "Département de la Seine-Saint-Denis, service de protection maternelle et "
            "infantile (PMI). Vous pouvez aussi vous adresser à la CNIL (www.cnil.fr)."
        ),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=TITLE,
        author="",
        lang="fr-FR",
        initialFontName=fonts.regular,
    )
    document.build(story)
    return buffer.getvalue()
