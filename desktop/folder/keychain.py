"""Which OS keychain holds the database key: chosen by name per OS, said in French.

keyring discovers its backends through package entry points, which a frozen bundle
(PyInstaller) loses; so the backend is picked explicitly here, the same way from a
checkout and from the installed program. ``PYTHON_KEYRING_BACKEND`` (keyring's own
variable, used by IT for a special set-up and by the tests) still wins.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a string for translation without importing Qt here: this module is loaded
    before PySide6 at start (see desktop/cli.py)."""
    return text


# Backend per OS: (module, class). The first one that says it works on this machine wins.
_CANDIDATES: dict[str, tuple[tuple[str, str], ...]] = {
    "win32": (("keyring.backends.Windows", "WinVaultKeyring"),),
    "darwin": (("keyring.backends.macOS", "Keyring"),),
    "linux": (("keyring.backends.SecretService", "Keyring"),),
}

# What the person at the desk reads, by backend module; never a class name.
_LINUX_DESKTOP = QT_TRANSLATE_NOOP("SecretStore", "trousseau du bureau Linux (Secret Service)")
_FRENCH_NAMES = {
    "keyring.backends.Windows": QT_TRANSLATE_NOOP(
        "SecretStore", "trousseau de Windows (Gestionnaire d'identification)"
    ),
    "keyring.backends.macOS": QT_TRANSLATE_NOOP("SecretStore", "trousseau de macOS"),
    "keyring.backends.SecretService": _LINUX_DESKTOP,
    "keyring.backends.libsecret": _LINUX_DESKTOP,
    "keyring.backends.kwallet": QT_TRANSLATE_NOOP("SecretStore", "portefeuille KDE"),
}
NO_KEYCHAIN = QT_TRANSLATE_NOOP("SecretStore", "aucun trousseau : phrase secrète")
OTHER_KEYCHAIN = QT_TRANSLATE_NOOP("SecretStore", "trousseau du système")


def platform_key(platform: str = sys.platform) -> str:
    return "linux" if platform.startswith(("linux", "freebsd")) else platform


def _usable(backend_class: Any) -> bool:
    """keyring's own viability test: ``priority`` raises where the backend cannot work."""
    try:
        priority = backend_class.priority
    except Exception:  # each backend raises its own kind (no D-Bus, wrong OS, …)
        return False
    return isinstance(priority, (int, float)) and priority > 0


def pick_backend(platform: str = sys.platform) -> Any:
    """The keychain backend for this OS, or keyring's *fail* backend (passphrase mode)."""
    from keyring.backends import fail

    for module_name, class_name in _CANDIDATES.get(platform_key(platform), ()):
        try:
            backend_class = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        if _usable(backend_class):
            return backend_class()
    return fail.Keyring()  # type: ignore[no-untyped-call]


def install_backend() -> None:
    """Make keyring use the backend picked for this OS (once, at process start)."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return
    import keyring

    keyring.set_keyring(pick_backend())


def french_name(backend: object) -> str:
    """Where the key is, in the words of the person at the desk (translated)."""
    from PySide6.QtCore import QCoreApplication

    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        name = NO_KEYCHAIN
    else:
        name = _FRENCH_NAMES.get(module, OTHER_KEYCHAIN)
    return QCoreApplication.translate("SecretStore", str(name))


def current_name() -> str:
    """The French name of the keychain keyring uses now."""
    import keyring

    return french_name(keyring.get_keyring())
