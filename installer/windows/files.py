"""Write the WiX fragment listing every file of the bundle (like WiX's heat, on any OS).

    python installer/windows/files.py dist/cabane build/windows/files.wxs

Each file gets its own component whose GUID is derived from its path, so the same file
keeps the same component from one version to the next (clean major upgrades).
"""

from __future__ import annotations

import hashlib
import sys
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

# Fixed namespace for component GUIDs: changing it would orphan installed components.
COMPONENT_NAMESPACE = uuid.UUID("2f0b6c1e-93c7-4a5b-9d57-2ce5e3b1a093")


def _id(prefix: str, relative: str) -> str:
    """A WiX identifier (letters, digits, dots, underscores; at most 72 characters)."""
    return f"{prefix}_{hashlib.sha1(relative.encode('utf-8')).hexdigest()[:32]}"


def fragment(bundle: Path) -> str:
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    if not files:
        raise SystemExit(
            f"Aucun fichier dans {bundle} : construisez d'abord le paquet (make dist)."
        )
    lines = ['<?xml version="1.0" encoding="utf-8"?>']
    lines.append('<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">')
    lines.append("  <Fragment>")
    components: list[str] = []

    def emit_directory(folder: Path, indent: str) -> None:
        for path in sorted(folder.iterdir()):
            relative = path.relative_to(bundle).as_posix()
            if path.is_dir():
                lines.append(
                    f"{indent}<Directory Id={quoteattr(_id('d', relative))} "
                    f"Name={quoteattr(path.name)}>"
                )
                emit_directory(path, indent + "  ")
                lines.append(f"{indent}</Directory>")
            elif path.is_file():
                component = _id("c", relative)
                guid = str(uuid.uuid5(COMPONENT_NAMESPACE, relative)).upper()
                source = "$(var.SourceDir)/" + relative
                lines.append(f'{indent}<Component Id="{component}" Guid="{guid}" Win64="yes">')
                lines.append(
                    f"{indent}  <File Id={quoteattr(_id('f', relative))} "
                    f'Name={quoteattr(path.name)} Source={quoteattr(source)} KeyPath="yes" />'
                )
                lines.append(f"{indent}</Component>")
                components.append(component)

    lines.append('    <DirectoryRef Id="INSTALLDIR">')
    emit_directory(bundle, "      ")
    lines.append("    </DirectoryRef>")
    lines.append('    <ComponentGroup Id="BundleFiles">')
    lines.extend(f'      <ComponentRef Id="{component}" />' for component in components)
    lines.append("    </ComponentGroup>")
    lines.append("  </Fragment>")
    lines.append("</Wix>")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("Utilisation : files.py DOSSIER_DU_PAQUET FICHIER.wxs", file=sys.stderr)
        return 2
    bundle, out = Path(argv[0]), Path(argv[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(fragment(bundle), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
