"""The coordination workspace's own style: big tabs, the drop zone, the import results."""

from __future__ import annotations

from ui.widgets.palette import themed

LOCAL_STYLE = themed(
    """
QTabBar::tab { padding: 8px 18px; font-size: 11pt; background: @tab; margin-right: 3px;
    border: 1px solid @border; border-bottom: none; border-top-left-radius: 6px;
    border-top-right-radius: 6px; }
QTabBar::tab:selected { background: @white; color: @accent_dark; border-color: @accent; }
QLabel#publicKey { font-family: "DejaVu Sans Mono", monospace; font-size: 12pt;
    background: @surface_blue; border: 1px solid @border; border-radius: 6px; padding: 10px; }
QFrame#dropZone { border: 3px dashed @border_strong; border-radius: 12px; background: @surface; }
QFrame#dropZone[hover="true"] { border-color: @accent; background: @accent_light; }
QLabel#dropTitle { font-size: 14pt; font-weight: bold; color: @accent_dark; }
QLabel#success { color: @success; font-weight: bold; }
QCheckBox { font-size: 11pt; spacing: 10px; }
QCheckBox::indicator { width: 22px; height: 22px; }
QListWidget#importResults { font-size: 11pt; }
QListWidget#importResults::item { padding: 4px; }
"""
)
