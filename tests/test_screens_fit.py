"""Every window fits the screens Cabane is made for (issue 14): ``make screenshots`` run
for the two smallest — 1280×720, and 1920×1080 at 150 % — in its own process, as each
screen must be chosen before Qt starts. It fails when a window, its smallest size, a
form's width or a button's text (focused or not) does not fit (tests/support/fit.py), or
when a control has no name a screen reader could say (tests/support/a11y.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.screens import SCREENS, offscreen_platform

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("screen", ["1280x720", "1920x1080@1.5"])
def test_every_window_fits_the_screen_and_names_its_controls(screen: str, tmp_path: Path) -> None:
    platform, scale = offscreen_platform(screen)
    env = os.environ | {"QT_QPA_PLATFORM": platform, "QT_SCALE_FACTOR": scale}
    out = tmp_path / screen
    done = subprocess.run(
        [sys.executable, "-m", "tests.screenshots", "--screen", str(out)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    problems = [line for line in done.stderr.splitlines() if "PROBLÈME" in line]
    assert problems == [], "\n".join(problems)
    assert done.returncode == 0, done.stderr[-2000:]
    width, height, _scale = SCREENS[screen]
    pictures = sorted(out.glob("*.png"))
    names = {p.stem for p in pictures}
    for window in (
        "desk-1-vide",
        "desk-4-correction",
        "programme",
        "export",
        "aller-vers-comptage",
    ):
        assert window in names
    assert any(name.startswith("coordination") for name in names)
    for picture in pictures:
        image = QImage(str(picture))
        assert 0 < image.width() <= width and 0 < image.height() <= height, picture.name
