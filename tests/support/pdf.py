"""Reading our PDFs back with real readers (pypdf, poppler's pdftotext) in the tests."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

Box = tuple[int, float, float, float, float, str]


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdftotext(pdf: bytes, tmp_path: Path, *options: str) -> str:
    """The text as poppler reads it (skips the test where poppler-utils is missing)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(source), "-"],
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def word_boxes(pdf: bytes, tmp_path: Path) -> list[Box]:
    """(page, xMin, yMin, xMax, yMax, word) of every word, as poppler lays them out."""
    html = pdftotext(pdf, tmp_path, "-bbox")
    boxes = []
    for number, page in enumerate(html.split("<page ")[1:]):
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        ):
            x0, y0, x1, y1 = (float(value) for value in match.groups()[:4])
            boxes.append((number, x0, y0, x1, y1, unescape(match.group(5))))
    return boxes


def font_dicts(pdf: bytes) -> list[DictionaryObject]:
    """Every font dictionary of every page."""
    fonts = []
    for page in reader(pdf).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", DictionaryObject()).get_object().values():
            fonts.append(font.get_object())
    return fonts


def _descriptors(font: DictionaryObject) -> list[DictionaryObject | None]:
    if "/DescendantFonts" in font:
        found: list[DictionaryObject | None] = []
        for child in font["/DescendantFonts"]:
            found += _descriptors(child.get_object())
        return found
    descriptor = font.get("/FontDescriptor")
    return [descriptor.get_object() if descriptor is not None else None]


def has_font_file(font: DictionaryObject) -> bool:
    """A TrueType font file is embedded (FontFile2), directly or in descendant fonts."""
    return all(d is not None and "/FontFile2" in d for d in _descriptors(font))


def is_embedded(font: DictionaryObject) -> bool:
    """Some font file (Type 1, TrueType or CFF) is embedded."""
    keys = ("/FontFile", "/FontFile2", "/FontFile3")
    return all(d is not None and any(k in d for k in keys) for d in _descriptors(font))


# Noto Sans in em: poppler's word box runs from the descender (-0.293) to the ascender
# (1.069); glyphs themselves reach from about -0.25 (g, p) to 0.93 (É, À).
_BOX_EM, _DESCENDER_EM, _INK_TOP_EM, _INK_BOTTOM_EM = 1.362, 0.293, 0.93, 0.25


def horizontal_rules(pdf: bytes, page: int = 0) -> list[tuple[float, float, float]]:
    """(y from the top, x from, x to) of every horizontal line stroked on the page, in
    points: the path operators are followed through the page's transformations (the
    edges of filled shapes, such as a tile's background, are not rules)."""
    document = reader(pdf)
    height = float(document.pages[page].mediabox.height)
    rules: list[tuple[float, float, float]] = []
    pending: list[tuple[float, float, float]] = []
    start: list[tuple[float, float]] = []

    def visit(operator: bytes, operands: list[object], cm: list[float], _tm: list[float]) -> None:
        if operator in (b"S", b"s", b"B", b"B*", b"b", b"b*"):
            rules.extend(pending)
        if operator in (b"S", b"s", b"B", b"B*", b"b", b"b*", b"f", b"F", b"f*", b"n"):
            pending.clear()
            return
        if operator not in (b"m", b"l") or len(operands) != 2:
            return
        x, y = (float(value) for value in operands)  # type: ignore[arg-type]
        point = (cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5])
        if operator == b"m":
            start[:] = [point]
        elif start:
            (x0, y0), (x1, y1) = start[0], point
            if abs(y1 - y0) < 0.01 and abs(x1 - x0) > 1:
                pending.append((height - y0, min(x0, x1), max(x0, x1)))
            start[:] = [point]

    document.pages[page].extract_text(visitor_operand_before=visit)
    return rules


def glyphs_crossing_rules(pdf: bytes, tmp_path: Path) -> list[str]:
    """Words whose ink (from the baseline and size poppler gives) crosses a horizontal rule
    drawn under, over or through them: « Mardi » cut by its heading's rule."""
    crossings = []
    pages = len(reader(pdf).pages)
    boxes = word_boxes(pdf, tmp_path)
    for page in range(pages):
        rules = horizontal_rules(pdf, page)
        for number, x0, y0, x1, y1, word in boxes:
            if number != page:
                continue
            size = (y1 - y0) / _BOX_EM
            baseline = y1 - _DESCENDER_EM * size
            top, bottom = baseline - _INK_TOP_EM * size, baseline + _INK_BOTTOM_EM * size
            for rule_y, left, right in rules:
                if top < rule_y < bottom and left < x1 - 0.5 and x0 + 0.5 < right:
                    crossings.append(f"{word} (page {page + 1}, règle à {rule_y:.1f})")
    return crossings
