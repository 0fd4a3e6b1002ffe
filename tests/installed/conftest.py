"""The installed program (the .deb), run as IT would: no .venv, no source tree, offscreen.

These tests need the package installed first (``make dist`` then
``apt-get install ./dist/cabane_<version>_<arch>.deb``, as root); ``make smoke`` runs them.
Every program they start gets a bare environment: a home folder of its own, the system
PATH, no PYTHONPATH, and a working directory outside the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
INSTALLED = Path(os.environ.get("CABANE_INSTALLED", "/usr/bin/cabane"))
INSTALL_DIR = Path("/opt/cabane")
PASSPHRASE = "phrase secrète du test d'installation"


@dataclass
class Installed:
    program: Path
    home: Path
    data: Path

    def env(self, **extra: str) -> dict[str, str]:
        return {
            "HOME": str(self.home),
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "CABANE_DATA_DIR": str(self.data),
            "CABANE_PASSPHRASE": PASSPHRASE,
            **extra,
        }

    def run(self, *args: str, timeout: int = 180, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.program), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self.env(**extra),
            cwd=self.home,
            stdin=subprocess.DEVNULL,
        )


def installed_version() -> str | None:
    """The version dpkg says is installed, or None."""
    if shutil.which("dpkg-query") is None:
        return None
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status} ${Version}", "cabane"],
        capture_output=True,
        text=True,
    )
    words = result.stdout.split()
    return words[-1] if result.returncode == 0 and "installed" in words else None


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    if not INSTALLED.exists():
        pytest.fail(
            f"{INSTALLED} absent : construisez et installez d'abord le paquet "
            "(make dist, puis apt-get install ./dist/cabane_*.deb)."
        )
    home = tmp_path_factory.mktemp("home")
    return Installed(program=INSTALLED, home=home, data=home / "donnees")


@pytest.fixture(scope="module")
def coordination_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An age identity made by the real age-keygen: (identity file, public key)."""
    folder = tmp_path_factory.mktemp("coordination")
    identity = folder / "identite.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    public = next(
        line.split(": ", 1)[1]
        for line in identity.read_text().splitlines()
        if line.startswith("# public key: ")
    )
    return identity, public


__all__ = ["INSTALL_DIR", "PASSPHRASE", "ROOT", "Installed", "__version__", "installed_version"]
