"""The layer rules of DESIGN.md §3, checked on every import statement of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# folder → top-level modules it must never import
FORBIDDEN = {
    "models": {"PySide6", "ui", "desktop", "printing", "reportlab", "keyring"},
    "printing": {"PySide6", "ui", "desktop", "keyring", "sqlalchemy"},
    "ui": {"desktop", "keyring", "sqlcipher3"},
    "resources": {"PySide6", "ui", "desktop", "models", "printing", "sqlalchemy"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_layer_never_imports_what_it_must_not(folder: str) -> None:
    offences = []
    for path in (ROOT / folder).rglob("*.py"):
        bad = imported_modules(path) & FORBIDDEN[folder]
        if bad:
            offences.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert offences == []


def test_widgets_run_no_queries() -> None:
    """ui/ goes through services: no session.execute, no select() in a widget."""
    offences = []
    for path in (ROOT / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith(("sqlalchemy", "models.entities"))
            ):
                names = {alias.name for alias in node.names}
                if node.module.startswith("sqlalchemy") or names - {"NOTE_MAX", "LABEL_MAX"}:
                    offences.append(f"{path.name}: from {node.module} import {sorted(names)}")
    assert offences == []


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport keyring.backends\n")
    assert imported_modules(sample) == {"PySide6", "keyring"}
