"""« Vos données à la cabane »: the information notice for families (RGPD art. 13), A4.
Page 1 in French, whole; page 2 the same in short in the poster's languages, shaped and
right-to-left where needed (``printing.multilingual``)."""

from __future__ import annotations

import io
import re

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph, Spacer

from models import catalogues
from printing.fonts import new_canvas, register_fonts
from printing.multilingual import draw_line, is_rtl, line_width
from printing.palette import ACCENT, INK, MUTED
from resources import read_catalogue

TITLE = "Vos données à la cabane"
MARGIN = 18 * mm
SIZE = 11.5  # other languages: readable held in the hand
FRENCH = (
    (
        "Venir sans dire son nom",
        "À la cabane, vous pouvez venir sans donner votre nom. L'équipe note seulement "
        "combien de personnes viennent, l'âge des enfants, votre commune, la langue "
        "parlée et pourquoi vous venez : ces nombres servent à organiser les cabanes et "
        "à rendre compte de leur activité, sans jamais dire qui vous êtes.",
    ),
    (
        "Si vous acceptez d'être reconnue",
        "Avec votre accord, nous gardons un nom que vous choisissez (par exemple « Maman "
        "de Lina »), votre numéro de téléphone si vous le donnez, et une carte avec un "
        "code, pour retrouver vos venues et les orientations proposées (PMI, CAF, "
        "associations). Nous ne notons jamais de détail de santé.",
    ),
    (
        "Combien de temps",
        "Ces informations sont effacées 24 mois après votre dernière venue. Vos passages "
        "restent seulement comptés, sans lien avec vous. Le journal des actions de "
        "l'équipe est gardé 12 mois.",
    ),
    (
        "Qui les voit",
        "L'équipe de la cabane, sur un ordinateur dont les données sont chiffrées. La "
        "coordination départementale reçoit chaque semaine des nombres et des lignes "
        "sans nom, sans téléphone, sans note et sans code de carte.",
    ),
    (
        "Vos droits",
        "À tout moment, demandez à l'équipe de voir vos informations (nous vous les "
        "imprimons), de les corriger, de ne plus relier vos venues ou de tout effacer. "
        "Vos passages restent comptés, sans vous.",
    ),
    (
        "Responsable",
        "Département de la Seine-Saint-Denis, service de protection maternelle et "
        "infantile (PMI), dans le cadre de sa mission de service public. Vous pouvez "
        "aussi vous adresser à la CNIL (www.cnil.fr).",
    ),
)


def _words(text: str) -> list[str]:
    """Pieces a line may break after: words, or characters for Chinese."""
    if re.search(r"[\u2e80-\u9fff]", text):
        return list(text)
    return re.findall(r"\S+\s*", text)


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for piece in _words(text):
        trial = current + piece
        if current and line_width(trial.rstrip(), size) > width:
            lines.append(current.rstrip())
            current = piece
        else:
            current = trial
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _draw_french(canvas: Canvas, site_name: str) -> None:
    fonts = register_fonts()
    width, height = A4
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=12, leading=16.5, textColor=INK, shaping=1
    )
    heading = ParagraphStyle(
        "heading", parent=body, fontName=fonts.bold, fontSize=14, leading=19, textColor=ACCENT
    )
    title = ParagraphStyle("title", parent=heading, fontSize=26, leading=32)
    small = ParagraphStyle("small", parent=body, fontSize=10, leading=13, textColor=MUTED)
    story: list[object] = [Paragraph(TITLE, title), Paragraph(site_name, small), Spacer(1, 5 * mm)]
    for head, text in FRENCH:
        story += [Paragraph(head, heading), Paragraph(text, body), Spacer(1, 2 * mm)]
    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, showBoundary=0)
    frame.addFromList(story, canvas)


def _draw_languages(canvas: Canvas) -> None:
    fonts = register_fonts()
    width, height = A4
    room = width - 2 * MARGIN
    names = catalogues.languages()
    y = height - MARGIN - 20
    canvas.setFillColor(ACCENT)
    canvas.setFont(fonts.bold, 20)
    canvas.drawString(MARGIN, y, TITLE)
    y -= 14 * mm
    for row in read_catalogue("privacy_notice"):
        text = row["text"]
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.bold, 10)
        canvas.drawString(MARGIN, y, catalogues.label(names, row["language"]))
        y -= SIZE * 1.5
        canvas.setFillColor(INK)
        rtl = is_rtl(text)
        for line in _wrap(text, room, SIZE):
            if rtl:
                draw_line(canvas, width - MARGIN, y, line, SIZE, align="right")
            else:
                draw_line(canvas, MARGIN, y, line, SIZE)
            y -= SIZE * 1.45
        y -= 4 * mm


def build_privacy_notice(site_name: str) -> bytes:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, A4, TITLE)
    _draw_french(canvas, site_name)
    canvas.showPage()
    _draw_languages(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
