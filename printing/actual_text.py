"""Shaped text copies out of our PDFs as the letters that were typed.

HarfBuzz turns Arabic, Tamil or Bengali letters into glyphs: joined forms, conjuncts,
vowel signs drawn before their consonant. A PDF reader that only sees the glyphs gives
back presentation forms, private-use codes or letters in the wrong order. PDF 32000
§14.9.4 lets a document say what a run of glyphs stands for: a marked-content span with
an /ActualText entry. reportlab 5.1 does not write one, so two of its functions are
wrapped here, once: the shaper remembers the logical text of each shaped word, and the
text writer puts that word's glyphs in a span saying so. Latin text is not shaped
differently and gets no span.
"""

from __future__ import annotations

import re
import threading
from typing import Any

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_lock = threading.Lock()
_installed = False


def _hex_utf16(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _remember_logical_text(shape: Any, latin: frozenset[str]) -> Any:
    def shape_frag_word(word: Any, *args: Any, **kwargs: Any) -> Any:
        if all(getattr(f, "fontName", "") in latin for f, _ in word[1:]):
            # Latin words are drawn as typed, as before shaping was on: no ligature
            # glyph to decode, and each word stays a word for a reader.
            return word
        shaped = shape(word, *args, **kwargs)
        logical = "".join(s for f, s in word[1:] if not hasattr(f, "cbDefn"))
        if shaped is word or _RTL.search(logical):
            # Right-to-left words keep no span: readers put a right-to-left span's letters
            # back in reading order themselves, and Poppler would reverse them twice.
            # Their joined forms come out as presentation forms, equal after NFKC.
            return shaped
        pieces = [piece for piece in shaped[1:] if isinstance(piece, tuple) or piece]
        first = True
        for piece in pieces:
            text = piece[1] if len(piece) > 1 else None
            if text is not None and hasattr(text, "__shapeData__"):
                # the first piece carries the whole word, the others nothing: a reader
                # puts the word where its first glyph is
                text.actual_text = logical if first else ""
                first = False
        return shaped

    return shape_frag_word


def _text_of(piece: Any) -> str | None:
    """What a piece of a line stands for: its remembered text, a plain string itself,
    None for shaped glyphs with nothing remembered."""
    if hasattr(piece, "__shapeData__"):
        return getattr(piece, "actual_text", None)
    return str(piece)


def _joins_keep_text(shaped_str: Any) -> None:
    """Paragraphs join the words of a line with « + »: the joined line keeps its text."""
    add, radd = shaped_str.__add__, shaped_str.__radd__

    def joined(left: Any, right: Any, result: Any) -> Any:
        texts = (_text_of(left), _text_of(right))
        if None not in texts:
            result.actual_text = "".join(texts)  # type: ignore[arg-type]
        return result

    shaped_str.__add__ = lambda self, other: joined(self, other, add(self, other))
    shaped_str.__radd__ = lambda self, other: joined(other, self, radd(self, other))


def _spans_shaped_text(format_text: Any) -> Any:
    def formatted(self: Any, text: Any) -> str:
        code = format_text(self, text)
        actual = getattr(text, "actual_text", None)
        if actual is None:
            return str(code)
        return f"/Span <</ActualText {_hex_utf16(actual)}>> BDC {code} EMC"

    return formatted


def install(latin: frozenset[str]) -> None:
    """Wrap reportlab's shaper and text writer (idempotent, thread-safe). Words set in the
    ``latin`` faces only are left unshaped."""
    global _installed
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase import ttfonts
        from reportlab.pdfgen import textobject
        from reportlab.platypus import paragraph

        wrapped = _remember_logical_text(ttfonts.shapeFragWord, latin)
        ttfonts.shapeFragWord = wrapped  # shapeStr looks it up here
        paragraph.shapeFragWord = wrapped  # paragraphs imported it by name
        _joins_keep_text(ttfonts.ShapedStr)
        textobject.PDFTextObject._formatText = _spans_shaped_text(
            textobject.PDFTextObject._formatText
        )
        _installed = True
