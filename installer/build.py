"""`make dist`: the frozen bundle, then the .deb (Linux) and the Windows installer check.

    python installer/build.py [--skip-bundle]

Writes dist/cabane/ (the bundle), dist/cabane_<version>_<arch>.deb on Linux, and, where
`wixl` (msitools) is installed, compiles installer/windows/cabane.wxs against the
bundle's file list into build/windows/ — an MSI of Linux files, only to prove that the
installer source builds. The real MSI is built on Windows (installer/windows/build.ps1).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from linux.deb import build_deb  # noqa: E402
from windows.files import fragment  # noqa: E402


def version() -> str:
    """The one version number of Cabane, from desktop/__init__.py."""
    text = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise SystemExit("Version introuvable dans desktop/__init__.py")
    return found.group(1)


def bundle(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
            str(ROOT / "installer" / "cabane.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / "cabane"


def windows_check(folder: Path, number: str, work: Path) -> Path | None:
    """Compile the WiX source with wixl against the bundle's files; None without wixl."""
    wixl = shutil.which("wixl")
    if wixl is None:
        print("wixl absent (paquet Debian wixl) : installeur Windows non vérifié.")
        return None
    out = work / "windows"
    out.mkdir(parents=True, exist_ok=True)
    files = out / "files.wxs"
    files.write_text(fragment(folder), encoding="utf-8")
    msi = out / f"Cabane-{number}-verification-linux.msi"

    def relative(path: Path) -> str:  # wixl refuses absolute paths in -D and sources
        return os.path.relpath(path, ROOT)

    result = subprocess.run(
        [
            wixl,
            "--arch",
            "x64",
            "-D",
            f"Version={number}",
            "-D",
            f"SourceDir={relative(folder)}",
            "-D",
            "IconFile=installer/icons/cabane.ico",
            "-o",
            relative(msi),
            "installer/windows/cabane.wxs",
            relative(files),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    complaints = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or complaints:
        raise SystemExit(f"L'installeur Windows ne se construit pas :\n{complaints}")
    return msi


def human(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} Mo"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Construit le paquet de Cabane.")
    parser.add_argument("--skip-bundle", action="store_true", help="réutiliser dist/cabane")
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="dossier de sortie")
    parser.add_argument(
        "--fast",
        action="store_true",
        help="paquet Debian compressé en gzip, sans vérification Windows (essais)",
    )
    args = parser.parse_args(argv)
    dist, work = Path(args.dist).resolve(), ROOT / "build"
    number = version()
    started = time.monotonic()
    folder = dist / "cabane" if args.skip_bundle else bundle(dist, work)
    size = sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink())
    print(f"Paquet : {folder} ({human(size)}, {time.monotonic() - started:.0f} s)")
    if sys.platform.startswith("linux"):
        deb = build_deb(folder, number, dist, work, compression="gzip" if args.fast else "xz")
        print(f"Paquet Debian : {deb} ({human(deb.stat().st_size)})")
    msi = None if args.fast else windows_check(folder, number, work)
    if msi is not None:
        print(f"Installeur Windows vérifié (wixl) : {msi.name}")
    print(f"Terminé en {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
