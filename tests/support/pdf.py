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
