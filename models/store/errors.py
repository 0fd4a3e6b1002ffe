"""The one error type of a refused field: which field, and a code the UI phrases in French."""

from __future__ import annotations


class FieldError(ValueError):
    """``field`` is wrong for the reason ``code`` (``unknown``, ``too_long``…)."""

    def __init__(self, field_name: str, code: str) -> None:
        super().__init__(f"{field_name}: {code}")
        self.field = field_name
        self.code = code
