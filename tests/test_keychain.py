"""The keychain is chosen by name for each OS (a frozen bundle loses keyring's entry points)
and said in French words; keyring's own PYTHON_KEYRING_BACKEND still wins."""

from __future__ import annotations

import pytest

from desktop.folder import keychain


def backend_from(module: str) -> object:
    return type("Keyring", (), {"__module__": module})()


@pytest.mark.parametrize(
    ("module", "words"),
    [
        ("keyring.backends.Windows", "trousseau de Windows (Gestionnaire d'identification)"),
        ("keyring.backends.macOS", "trousseau de macOS"),
        ("keyring.backends.SecretService", "trousseau du bureau Linux (Secret Service)"),
        ("keyring.backends.kwallet", "portefeuille KDE"),
        ("keyring.backends.fail", "aucun trousseau : phrase secrète"),
        ("keyring.backends.null", "aucun trousseau : phrase secrète"),
        ("some.other.backend", "trousseau du système"),
    ],
)
def test_each_keychain_is_named_in_french(module: str, words: str) -> None:
    assert keychain.french_name(backend_from(module)) == words


def test_a_backend_that_cannot_work_here_gives_passphrase_mode() -> None:
    from keyring.backends import fail

    # The Windows Credential Locker and the macOS keychain cannot work on this machine.
    assert isinstance(keychain.pick_backend("win32"), fail.Keyring)
    assert isinstance(keychain.pick_backend("darwin"), fail.Keyring)
    assert isinstance(keychain.pick_backend("sunos5"), fail.Keyring)


def test_linux_uses_secret_service_when_the_desktop_offers_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keyring.backends import SecretService, fail

    # keyring's own test (a D-Bus Secret Service answering) says yes, then no.
    monkeypatch.setattr(keychain, "_usable", lambda backend_class: True)
    assert isinstance(keychain.pick_backend("linux"), SecretService.Keyring)
    monkeypatch.setattr(keychain, "_usable", lambda backend_class: False)
    assert isinstance(keychain.pick_backend("linux"), fail.Keyring)


def test_install_backend_sets_the_chosen_backend_unless_keyring_was_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    chosen = fail.Keyring()
    monkeypatch.setattr(keychain, "pick_backend", lambda: chosen)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.file_keyring.FileKeyring")
    before = keyring.get_keyring()
    keychain.install_backend()
    assert keyring.get_keyring() is before
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    keychain.install_backend()
    assert keyring.get_keyring() is chosen
