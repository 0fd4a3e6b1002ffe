"""Cells a spreadsheet will never run (OWASP, CSV injection; DESIGN.md §7).

A text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel and LibreOffice. Every CSV Cabane writes passes its text cells through
``safe_cell``, which puts a single quote in front of such a text; XLSX cells are written
as text, never formulas (``printing/spreadsheet.py``). A phone number (digits, spaces,
dots, one leading ``+``) stays as typed: it holds nothing a spreadsheet could run.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PHONE = re.compile(r"^\+?[0-9][0-9 .]{5,19}$")


def needs_quote(text: str) -> bool:
    return text.startswith(FORMULA_START) and not PHONE.match(text)


def safe_cell(value: object) -> object:
    """``value`` as a CSV writer should receive it: numbers unchanged, texts neutralised."""
    if isinstance(value, str) and needs_quote(value):
        return "'" + value
    return value


def unquoted(text: str) -> str:
    """The text a ``safe_cell`` came from (for our own CSV read back, the directory)."""
    if text.startswith("'") and needs_quote(text[1:]):
        return text[1:]
    return text
