"""The desk's look: large targets and readable text for a shared laptop at 1366×768."""

STYLE_SHEET = """
QWidget { font-size: 10.5pt; }
QLabel#siteName { font-size: 14pt; font-weight: bold; padding: 0 8px; }
QLabel#panelTitle { font-size: 13pt; font-weight: bold; color: #1d4e6b; }
QLabel#editBanner { font-size: 12pt; font-weight: bold; color: white; background: #8a5a00;
    border-radius: 6px; padding: 6px 10px; }
QLabel#sectionTitle { font-weight: bold; color: #333; margin-top: 4px; }
QLabel#fieldError { color: #b00020; font-weight: bold; }
QLabel#counterValue { font-size: 14pt; font-weight: bold; }
QLabel#dayCount { font-size: 20pt; font-weight: bold; color: #1d4e6b; }
QLabel#familyChip { background: #e6f0f7; border-radius: 6px; padding: 4px 8px; }
QLabel#recoveryCode { font-family: monospace; font-size: 15pt; font-weight: bold;
    background: #fff8e1; border: 1px solid #d9b300; padding: 10px; }
QWidget#counter { border: 1px solid #c8d3dc; border-radius: 6px; background: #fafcfd; }
QWidget#counter[nonzero="true"] { background: #e3f1e6; border-color: #4a9a5c; }
QWidget#counter[invalid="true"] { border: 2px solid #b00020; }
QWidget#counter:focus { border: 2px solid #1d6fa5; }
QPushButton { min-height: 30px; padding: 2px 10px; }
QPushButton#choice { border: 1px solid #9fb3c2; border-radius: 6px; background: #ffffff;
    padding: 4px 10px; }
QPushButton#choice:checked { background: #1d6fa5; color: white; border-color: #1d6fa5; }
QPushButton#choice:focus { border: 2px solid #f0a000; }
QPushButton#primaryAction { background: #1d6fa5; color: white; font-weight: bold;
    min-height: 40px; padding: 4px 18px; border-radius: 6px; }
QPushButton#primaryAction:focus { border: 3px solid #f0a000; }
QPushButton#secondaryAction { min-height: 40px; padding: 4px 14px; }
QPushButton#reminder { background: #fff3cd; border: 2px solid #d9a400; border-radius: 6px;
    font-weight: bold; padding: 4px 12px; }
QFrame#confirmation { background: #e3f1e6; border: 1px solid #4a9a5c; border-radius: 6px; }
QFrame#confirmation[problem="true"] { background: #fdecea; border: 2px solid #b00020; }
QLineEdit, QComboBox, QTimeEdit { min-height: 30px; }
"""
