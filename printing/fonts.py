"""The shipped TrueType fonts, registered once with reportlab so every PDF embeds its text."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from printing import actual_text
from resources import resource_path


@dataclass(frozen=True)
class FontFamily:
    """reportlab names of one registered family; ``family`` makes <b> work in a Paragraph."""

    family: str
    regular: str
    bold: str


# reportlab's base-14 Helvetica is not embedded (DESIGN.md §10): every text uses these.
NOTO_SANS = FontFamily(family="NotoSans", regular="NotoSans", bold="NotoSans-Bold")
_FILES = {
    NOTO_SANS.regular: "NotoSans-Regular.ttf",
    NOTO_SANS.bold: "NotoSans-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


def _distinct_subset_tags() -> None:
    """Every embedded subset gets its own six-letter tag (PDF 32000 §9.6.4): reportlab
    names the first subset of every font « AAAAAA+ ». The tag is made from the font's
    name and the subset's number, so a document stays the same from one build to the
    next. Documents are built from worker threads: the swap is made under a lock."""
    import hashlib

    from reportlab.pdfbase import ttfonts

    original = ttfonts.TTFont.addObjects
    numbered = ttfonts.SUBSETN
    swap = threading.Lock()

    def tag(face: bytes, n: int) -> bytes:
        digest = hashlib.sha256(face + b"/" + str(n).encode()).digest()
        return bytes(65 + byte % 26 for byte in digest[:6])

    def add_objects(self: TTFont, doc: object) -> None:
        with swap:
            ttfonts.SUBSETN = lambda n, face=self.face.name: tag(face, n)
            try:
                original(self, doc)
            finally:
                ttfonts.SUBSETN = numbered

    ttfonts.TTFont.addObjects = add_objects


def register_fonts() -> FontFamily:
    """Register Noto Sans (regular, bold) with reportlab; later calls only return the names.

    Safe to call from a worker thread: documents are built off the UI thread.
    """
    global _registered
    with _lock:
        if not _registered:
            _distinct_subset_tags()
            actual_text.install(frozenset(_FILES))
            for name, filename in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
            regular, bold = NOTO_SANS.regular, NOTO_SANS.bold
            # Italic falls back to the upright faces: we ship no italic.
            for is_bold, is_italic, face in (
                (0, 0, regular),
                (1, 0, bold),
                (0, 1, regular),
                (1, 1, bold),
            ):
                addMapping(NOTO_SANS.family, is_bold, is_italic, face)
            _registered = True
    return NOTO_SANS


def new_canvas(buffer: object, pagesize: tuple[float, float], title: str) -> Canvas:
    """A canvas in the house style: shipped fonts only, French, title set, no author."""
    fonts = register_fonts()
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        initialFontName=fonts.regular,  # otherwise the page preamble names Helvetica
        lang="fr-FR",
        pageCompression=1,
    )
    canvas.setTitle(title)
    canvas.setAuthor("")  # reportlab's default author is "anonymous": say nothing instead
    canvas.setSubject("")
    canvas.setCreator("Cabane")
    return canvas
