"""The screens Cabane is made for (issue 14), as offscreen Qt screens: a laptop at
1280×720 and 1366×768, and 1920×1080 at 150 % (1280×720 logical pixels)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

SCREENS: dict[str, tuple[int, int, float]] = {
    "1280x720": (1280, 720, 1.0),
    "1366x768": (1366, 768, 1.0),
    "1920x1080@1.5": (1920, 1080, 1.5),
}


def offscreen_platform(name: str) -> tuple[str, str]:
    """QT_QPA_PLATFORM and QT_SCALE_FACTOR for one of SCREENS."""
    width, height, scale = SCREENS[name]
    config = Path(tempfile.gettempdir()) / f"cabane-screen-{width}x{height}.json"
    screen = {"name": name, "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}", str(scale)
