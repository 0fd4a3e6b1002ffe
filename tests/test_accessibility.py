"""Accessibility (issue 14): text contrast of at least 4.5:1 over the whole palette, and a
keyboard focus that follows the visual order. That every control has a name a screen
reader can say is checked window by window with the screenshots (tests/screenshots.py)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QWidget

import ui
from ui.coordination.commune_map import SHADES
from ui.widgets.palette import COLOURS

# Where text sits when a rule gives no background: Qt's window grey and a field's white.
WINDOW, BASE = "#efefef", "#ffffff"
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def style_sheets() -> dict[str, str]:
    """Every style sheet of ui/: the desk's and each window's own."""
    found = {}
    for module_info in pkgutil.walk_packages(ui.__path__, "ui."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if "STYLE" in name and isinstance(value, str) and "{" in value:
                found[f"{module_info.name}.{name}"] = value
    return found


def declared(body: str, prop: str) -> str | None:
    match = re.search(rf"(?<![-\w]){prop}\s*:\s*(#[0-9a-fA-F]{{6}}|white|black)", body)
    if match is None:
        return None
    return {"white": "#ffffff", "black": "#000000"}.get(match.group(1), match.group(1).lower())


def test_every_text_colour_reads_at_4_5_to_1() -> None:
    sheets = style_sheets()
    assert "ui.widgets.style.STYLE_SHEET" in sheets
    poor = []
    for where, sheet in sheets.items():
        for selector, body in RULE.findall(sheet):
            if ":disabled" in selector:
                continue  # a control that cannot be used (WCAG leaves it out)
            text = declared(body, "color")
            background = declared(body, "background") or declared(body, "background-color")
            pairs = [(text or "#000000", background)] if background else []
            if text and not background:
                pairs = [(text, WINDOW), (text, BASE)]
            for fore, back in pairs:
                if back is not None and contrast(fore, back) < 4.5:
                    ratio = round(contrast(fore, back), 2)
                    poor.append(f"{where}: {selector.strip()} {fore} sur {back} ({ratio})")
    assert poor == []


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("to_export_text", "to_export_background"),
        ("error", "error_light"),
        ("success", WINDOW),
        ("confirmed", WINDOW),
        ("warning_text", "warning_light"),
        ("greyed_text", BASE),
        ("muted_text", BASE),
        ("accent_dark", "accent_light"),
        ("white", "accent"),
        *SHADES,  # the communes' tile map
    ],
)
def test_palette_pairs_drawn_in_code_read_at_4_5_to_1(text: str, background: str) -> None:
    fore = COLOURS.get(text, text)
    back = COLOURS.get(background, background)
    assert contrast(fore, back) >= 4.5


def focus_chain(root: QWidget, first: QWidget) -> list[QWidget]:
    """The controls Tab visits from ``first``, inside ``root``, in order."""
    first.setFocus()
    chain, widget = [], first
    for _ in range(500):
        proxied = isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        )
        if (
            root.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not proxied
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is first:
            break
    return chain


def out_of_reading_order(root: QWidget, chain: list[QWidget]) -> list[str]:
    """Pairs where Tab goes back up, or leftwards on the same line."""
    wrong = []
    for before, after in pairwise(chain):
        a, b = before.mapTo(root, QPoint(0, 0)), after.mapTo(root, QPoint(0, 0))
        same_line = abs(a.y() - b.y()) <= 8
        if (same_line and b.x() <= a.x()) or (not same_line and b.y() < a.y()):
            wrong.append(f"{before.accessibleName()} → {after.accessibleName()}")
    return wrong


def test_tab_follows_the_check_in_form_in_reading_order(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    chain = focus_chain(panel, panel.counters["mothers"])
    assert chain[-1] is panel.save_button  # the form, then its buttons
    assert out_of_reading_order(panel, chain) == []
    assert len(chain) >= 40  # every counter and choice is reachable by Tab


def test_tab_follows_the_outing_start_in_reading_order(outreach) -> None:  # type: ignore[no-untyped-def]
    page = outreach.start_page
    chain = focus_chain(page, page.place)
    assert page.start_button in chain
    assert out_of_reading_order(page, chain[: chain.index(page.start_button) + 1]) == []
