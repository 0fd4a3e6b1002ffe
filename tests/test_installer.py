"""The installer's sources: one version number, the WiX file list, the icons, the menu
entry. The bundle itself is built and run by `make dist` and tests/installed."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"


def load(path: Path) -> ModuleType:
    sys.path.insert(0, str(INSTALLER))
    try:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(INSTALLER))


def test_one_version_number_for_the_package_the_installers_and_the_changelog() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert load(INSTALLER / "build.py").version() == __version__
    assert f"## {__version__} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def fake_bundle(folder: Path) -> Path:
    bundle = folder / "cabane"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "cabane.exe").write_bytes(b"MZ")
    (bundle / "_internal" / "resources" / "communes 93.csv").write_text("code;nom\n")
    return bundle


def test_the_wix_file_list_keeps_each_file_in_the_same_component(tmp_path: Path) -> None:
    files = load(INSTALLER / "windows" / "files.py")
    first = files.fragment(fake_bundle(tmp_path / "a"))
    second = files.fragment(fake_bundle(tmp_path / "b"))
    assert first == second  # GUIDs come from the paths, not from chance or the folder
    assert first.count("<Component ") == 2
    assert 'Name="communes 93.csv"' in first
    assert 'Source="$(var.SourceDir)/_internal/resources/communes 93.csv"' in first


def test_the_windows_installer_source_compiles(tmp_path: Path) -> None:
    wixl = shutil.which("wixl")
    if wixl is None:
        pytest.skip("wixl (paquet Debian wixl) absent : installé par .ci/run")
    files = load(INSTALLER / "windows" / "files.py")
    bundle = fake_bundle(tmp_path)
    fragment = tmp_path / "files.wxs"
    fragment.write_text(files.fragment(bundle), encoding="utf-8")
    msi = tmp_path / "cabane.msi"
    shutil.copy2(INSTALLER / "icons" / "cabane.ico", tmp_path / "cabane.ico")
    result = subprocess.run(
        [
            wixl,
            "--arch",
            "x64",
            "-D",
            f"Version={__version__}",
            "-D",
            f"SourceDir={bundle.relative_to(tmp_path)}",
            "-D",
            "IconFile=cabane.ico",
            "-o",
            "cabane.msi",
            str(INSTALLER / "windows" / "cabane.wxs"),
            "files.wxs",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and not result.stderr, result.stderr
    upgrade = subprocess.run(
        ["msiinfo", "export", str(msi), "Upgrade"], capture_output=True, text=True, check=True
    ).stdout
    assert "{83FCFCB6-6895-4F31-970A-2BBFB3200195}" in upgrade  # the stable upgrade code
    shortcut = subprocess.run(
        ["msiinfo", "export", str(msi), "Shortcut"], capture_output=True, text=True, check=True
    ).stdout
    assert "ProgramMenuFolder\tCabane" in shortcut


def test_the_icon_has_every_size_each_platform_needs() -> None:
    icons = INSTALLER / "icons"
    data = (icons / "cabane.ico").read_bytes()
    _reserved, kind, count = struct.unpack_from("<HHH", data)
    sides = {struct.unpack_from("<B", data, 6 + 16 * n)[0] or 256 for n in range(count)}
    assert kind == 1 and {16, 32, 48, 256} <= sides
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = (icons / f"cabane-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)


def test_the_menu_entry_is_valid() -> None:
    entry = INSTALLER / "linux" / "cabane.desktop"
    text = entry.read_text(encoding="utf-8")
    assert "Exec=cabane\n" in text and "Icon=cabane\n" in text and "Terminal=false" in text
    validator = shutil.which("desktop-file-validate")
    if validator is not None:
        result = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout
