"""Build the Debian package of Cabane from the frozen bundle (dpkg-deb, no root needed).

Layout: the bundle in /opt/cabane, `cabane` on PATH (/usr/bin/cabane), a menu entry and
the icon in every size. Nothing is written in the users' data folders, so removing the
package never removes a cabane's data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICONS = HERE.parent / "icons"
SVG_ICON = HERE.parent.parent / "resources" / "icons" / "cabane.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
MAINTAINER = os.environ.get("CABANE_DEB_MAINTAINER", "Équipe Cabane, PMI 93 <cabane@invalid>")

# What Qt needs from the system (DESIGN.md §10) and PyInstaller leaves to it.
DEPENDS = (
    "libc6 (>= 2.31), libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3, "
    "libglib2.0-0, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, "
    "libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-shape0, libxcb-randr0, "
    "libxcb-xinerama0, libx11-xcb1"
)

CONTROL = """Package: cabane
Version: {version}
Architecture: {arch}
Maintainer: {maintainer}
Installed-Size: {size_kib}
Depends: {depends}
Recommends: gnome-keyring | kwalletmanager, fonts-dejavu-core
Section: misc
Priority: optional
Description: accueil des cabanes des 1000 premiers jours (PMI 93)
 Cabane est l'application des accueils des cabanes des 1000 premiers jours de la
 PMI de la Seine-Saint-Denis : passages anonymes, orientations, programme des
 activités, documents imprimés, aller-vers et export hebdomadaire chiffré.
 .
 Les données restent dans le dossier de chaque utilisateur (~/.local/share/Cabane),
 chiffrées ; désinstaller le paquet ne les supprime pas.
"""

COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Cabane

Files: *
Copyright: Département de la Seine-Saint-Denis
License: EUPL-1.2

Files: opt/cabane/_internal/resources/fonts/*
Copyright: Google LLC, The Android Open Source Project
License: OFL-1.1 and Apache-2.0
 The licence texts are in /opt/cabane/_internal/resources/fonts/.

Files: opt/cabane/_internal/PySide6/*
Copyright: The Qt Company Ltd.
License: LGPL-3.0
"""


def _dpkg_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def _normalise_modes(root: Path) -> None:
    """Directories 755, executables 755, everything else 644 (the bundle keeps umask bits)."""
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & 0o111
            path.chmod(0o755 if executable else 0o644)


def build_deb(
    bundle: Path, version: str, out_dir: Path, work: Path, compression: str = "xz"
) -> Path:
    """Write cabane_<version>_<arch>.deb into ``out_dir`` and return its path."""
    arch = _dpkg_architecture()
    root = work / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / "opt" / "cabane", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "cabane").symlink_to("/opt/cabane/cabane")
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(HERE / "cabane.desktop", applications / "cabane.desktop")
    icons = root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = icons / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(ICONS / f"cabane-{size}.png", target / "cabane.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(SVG_ICON, icons / "scalable" / "apps" / "cabane.svg")
    doc = root / "usr" / "share" / "doc" / "cabane"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    shutil.copy2(HERE.parent.parent / "CHANGELOG.md", doc / "CHANGELOG.md")
    _normalise_modes(root)
    size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
    debian = root / "DEBIAN"
    debian.mkdir()
    control = CONTROL.format(
        version=version, arch=arch, maintainer=MAINTAINER, size_kib=size_kib, depends=DEPENDS
    )
    (debian / "control").write_text(control, encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"cabane_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(root)
    return deb
