"""Screenshots of the *installed* Cabane in a real X window (Xvfb + openbox), as a person
sees it after installing the .deb: the first-run wizard and the desk, at 100 % and 150 %.

    make installed-screenshots      (writes screenshots/installed/*.png)

Needs the package installed and the Debian packages xvfb and openbox. The screen is
grabbed with Qt from this checkout's venv; the program shown is /usr/bin/cabane.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots" / "installed"
PROGRAM = "/usr/bin/cabane"
PASSPHRASE = "phrase secrète des captures"
GRAB = "import sys\nfrom PySide6.QtGui import QGuiApplication\napp = QGuiApplication([])\n" + (
    "app.primaryScreen().grabWindow(0).save(sys.argv[1])\n"
)


def grab(display: str, target: Path) -> None:
    env = {**os.environ, "DISPLAY": display}
    env.pop("QT_QPA_PLATFORM", None)
    subprocess.run([sys.executable, "-c", GRAB, str(target)], env=env, check=True)


def program_env(home: Path, display: str, scale: float, data: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "DISPLAY": display,
        "QT_SCALE_FACTOR": str(scale),
        "CABANE_DATA_DIR": str(data),
        "CABANE_PASSPHRASE": PASSPHRASE,
    }


def shoot(display: str, env: dict[str, str], target: Path, wait: float = 5.0) -> None:
    process = subprocess.Popen([PROGRAM], env=env, cwd=env["HOME"])
    try:
        time.sleep(wait)
        grab(display, target)
    finally:
        process.terminate()
        process.wait(10)


def main() -> int:
    if not Path(PROGRAM).exists() or shutil.which("Xvfb") is None or not shutil.which("openbox"):
        print("Il faut le paquet installé (make dist, apt install), xvfb et openbox.")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    display = ":93"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x720x24", "-nolisten", "tcp"])
    time.sleep(1)
    manager = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": display})
    time.sleep(1)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            desk_data = home / "cabane"
            setup = program_env(home, display, 1.0, desk_data)
            for args in (
                ("setup", "--site", "lilas", "--staff", "Awa"),
                ("demo", "--visits", "60", "--days", "1"),
            ):
                subprocess.run([PROGRAM, *args], env=setup, check=True, capture_output=True)
            for scale in (1.0, 1.5):
                percent = round(scale * 100)
                fresh = home / f"neuf-{percent}"
                shoot(
                    display, program_env(home, display, scale, fresh), OUT / f"wizard-{percent}.png"
                )
                shoot(
                    display,
                    program_env(home, display, scale, desk_data),
                    OUT / f"desk-{percent}.png",
                )
    finally:
        manager.terminate()
        server.terminate()
    print(f"Captures dans {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
