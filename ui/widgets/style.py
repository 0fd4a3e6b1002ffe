"""The desk's look: large targets and readable text for a shared laptop at 1366×768."""

from ui.widgets.palette import themed

STYLE_SHEET = themed(
    """
QWidget { font-size: 10.5pt; }
QLabel#siteName { font-size: 14pt; font-weight: bold; padding: 0 8px; }
QLabel#panelTitle { font-size: 13pt; font-weight: bold; color: @accent_dark; }
QLabel#editBanner { font-size: 12pt; font-weight: bold; color: white; background: @warning_text;
    border-radius: 6px; padding: 6px 10px; }
QLabel#sectionTitle { font-weight: bold; color: #333; margin-top: 4px; }
QLabel#fieldError { color: @error; font-weight: bold; }
QLabel#counterValue { font-size: 14pt; font-weight: bold; }
QLabel#dayCount { font-size: 20pt; font-weight: bold; color: @accent_dark; }
QLabel#familyChip { background: @accent_light; border-radius: 6px; padding: 4px 8px; }
QLabel#recoveryCode { font-family: monospace; font-size: 15pt; font-weight: bold;
    background: @notice_light; border: 1px solid @notice_border; padding: 10px; }
QWidget#counter { border: 1px solid @border; border-radius: 6px; background: @surface; }
QWidget#counter[nonzero="true"] { background: @green_light; border-color: @green; }
QWidget#counter[invalid="true"] { border: 2px solid @error; }
QWidget#counter:focus { border: 2px solid @accent; }
QPushButton { min-height: 30px; padding: 2px 10px; }
QPushButton#choice { border: 1px solid @border_strong; border-radius: 6px; background: @white;
    padding: 5px 11px; }
QPushButton#choice:checked { background: @accent; color: white; border-color: @accent; }
QPushButton#choice[proposed="true"]:checked { background: @accent_light; color: @accent_dark;
    border: 1px dashed @accent_dark; }
QPushButton#choice:focus { border: 2px solid @focus; padding: 4px 10px; }
QPushButton#primaryAction { background: @accent; color: white; font-weight: bold;
    min-height: 40px; padding: 4px 18px; border-radius: 6px; border: 3px solid @accent; }
QPushButton#primaryAction:focus { border-color: @focus; }
QPushButton#primaryAction:disabled { background: @disabled_background; color: @disabled_text;
    border-color: @disabled_border; }
QPushButton#secondaryAction { min-height: 40px; padding: 4px 14px; }
QPushButton#reminder { background: @warning_light; border: 2px solid @warning_border;
    border-radius: 6px; font-weight: bold; padding: 4px 12px; }
QFrame#confirmation { background: @green_light; border: 1px solid @green; border-radius: 6px; }
QFrame#confirmation[problem="true"] { background: @error_light; border: 2px solid @error; }
QLineEdit, QComboBox, QTimeEdit { min-height: 30px; }
"""
)
