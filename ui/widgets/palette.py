"""The desk's one palette: every colour of the style sheets and of the windows' drawings.

Style sheets write colours as ``@name`` and go through ``themed()``; Python code takes
``colour("name")``. Changing the look (contrast, a colour-blind check) happens here only.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtGui import QColor

COLOURS: dict[str, str] = {
    # the cabane's blues
    "accent": "#1d6fa5",
    "accent_dark": "#1d4e6b",
    "accent_light": "#e6f0f7",
    # surfaces and lines
    "white": "#ffffff",
    "black": "#000000",
    "surface": "#fafcfd",
    "surface_blue": "#f4f8fb",
    "tab": "#e9eef2",
    "grid": "#e0e6eb",
    "border": "#c8d3dc",
    "border_strong": "#9fb3c2",
    "preview_background": "#8a9aa6",
    "disabled_background": "#f2f2f2",
    "disabled_border": "#cccccc",
    "disabled_text": "#888888",
    "greyed_text": "#666666",
    "muted_text": "#6b6b6b",
    # meanings
    "focus": "#f0a000",
    "error": "#b00020",
    "error_light": "#fdecea",
    "success": "#1e6b34",
    "confirmed": "#2d6b3a",
    "green": "#4a9a5c",
    "green_light": "#e3f1e6",
    "warning_text": "#8a5a00",
    "warning_light": "#fff3cd",
    "warning_border": "#d9a400",
    "notice_light": "#fff8e1",
    "notice_border": "#d9b300",
    "to_export_text": "#8a3b00",
    "to_export_background": "#fff1d6",
    "orange": "#d9822b",
    # the communes' tile map, from no family to the most, and the text on each
    "map_0": "#f3f5f7",
    "map_0_text": "#3a4450",
    "map_1": "#dbe8f4",
    "map_2": "#a9c8e4",
    "map_3": "#2f6a9c",
    "map_4": "#1d4e6b",
    "map_dark_text": "#13202c",
}

_TOKEN = re.compile(r"@([a-z_]+)")


def themed(style_sheet: str) -> str:
    """A style sheet with its ``@name`` colours replaced by the palette's."""
    return _TOKEN.sub(lambda found: COLOURS[found.group(1)], style_sheet)


@cache
def colour(name: str) -> QColor:
    return QColor(COLOURS[name])
