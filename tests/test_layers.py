"""The layer rules of DESIGN.md §3, checked on every import statement of every module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# folder → top-level modules it must never import
FORBIDDEN = {
    "models": {"PySide6", "ui", "desktop", "printing", "reportlab", "keyring"},
    "printing": {"PySide6", "ui", "desktop", "keyring", "sqlalchemy"},
    "ui": {"desktop", "keyring", "sqlcipher3", "sqlalchemy"},
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
                and node.module.startswith(("sqlalchemy", "models.store.entities"))
            ):
                names = {alias.name for alias in node.names}
                offences.append(f"{path.name}: from {node.module} import {sorted(names)}")
    assert offences == []


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport keyring.backends\n")
    assert imported_modules(sample) == {"PySide6", "keyring"}


PACKAGES = ("desktop", "ui", "models", "printing", "resources")


def module_imports() -> dict[str, set[str]]:
    """Every first-party module → the first-party modules it imports, at any depth of its
    code (a function-level import is a dependency too), except under TYPE_CHECKING."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "versions" in path.parts:  # Alembic scripts: run by Alembic, imported by none
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}

    def visit(name: str, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                targets = [child.module] + [f"{child.module}.{a.name}" for a in child.names]
            graph[name] |= {t for t in targets if t in modules and t != name}
            visit(name, child)

    for name, path in modules.items():
        visit(name, ast.parse(path.read_text(encoding="utf-8")))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def strong(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                strong(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            strong(node)
    return found


def test_no_import_cycle_between_modules() -> None:
    assert cycles(module_imports()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_ui_capabilities_use_the_shared_kit_never_each_other() -> None:
    """DESIGN.md §3: one folder per capability in ui/; the desk uses the capabilities,
    the capabilities use ui/widgets (the shared kit), never each other."""
    offences = []
    for path in (ROOT / "ui").rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 3:
            continue
        capability = parts[1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                names = module.split(".")
                if names[0] != "ui" or len(names) < 2 or names[1] in (capability, "widgets"):
                    continue
                if capability != "desk":
                    offences.append(f"{'/'.join(parts)} imports {module}")
    assert offences == []


def first_party_sources() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "versions" not in path.parts
    ]


def test_no_module_over_500_lines() -> None:
    """STYLE.md: small files, split along their seams (a window, its form, its texts)."""
    long = {
        str(path.relative_to(ROOT)): count
        for path in first_party_sources()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}


def test_no_private_name_is_imported_from_another_module() -> None:
    """A helper two modules need is public, in the module they share (or the kit)."""
    offences = []
    for path in first_party_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                top = node.module.split(".")[0]
                private = [
                    a.name
                    for a in node.names
                    if a.name.startswith("_") and not a.name.endswith("__")
                ]
                if top in PACKAGES and private:
                    offences.append(f"{path.relative_to(ROOT)}: {node.module} {private}")
    assert offences == []


def test_every_write_of_a_service_goes_through_the_storage_guard() -> None:
    """A refused write (full disk, read-only file) is always the one StorageError."""
    offences = []
    for path in (ROOT / "models").rglob("*.py"):
        if "migrations" in path.parts or path.name == "schema.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ".begin() as session" in line and "storage_guard()" not in line:
                offences.append(f"{path.relative_to(ROOT)}:{number}")
    assert offences == []


def test_colours_come_from_the_two_palettes() -> None:
    """One palette for the windows (ui/widgets/palette.py), one for documents."""
    hex_colour = re.compile(r"#[0-9a-fA-F]{6}\b")
    palettes = {ROOT / "ui" / "widgets" / "palette.py", ROOT / "printing" / "palette.py"}
    offences = [
        str(path.relative_to(ROOT))
        for package in ("ui", "printing")
        for path in (ROOT / package).rglob("*.py")
        if path not in palettes and hex_colour.search(path.read_text(encoding="utf-8"))
    ]
    assert offences == []
