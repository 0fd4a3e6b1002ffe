"""Making, finding and re-enrolling the database key of a data folder.

Keychain mode: a random key in the OS keychain. Passphrase mode (no keychain): the key
is derived from a passphrase asked at each start. Either way the recovery code opens
the database, and re-enrols the key into a keychain that lacks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.folder.secrets import (
    KeychainUnavailable,
    LocalConfig,
    SecretStore,
    load_config,
    new_key,
    new_salt,
    passphrase_key,
    save_config,
)

MIN_PASSPHRASE = 10
# The passphrase of a folder without keychain, for scripts and unattended starts.
PASSPHRASE_ENV = "CABANE_PASSPHRASE"


class KeyMissing(Exception):
    """The keychain has no key for this folder: the recovery code is needed."""


class PassphraseNeeded(Exception):
    """This folder is in passphrase mode: ask for the passphrase."""


class PassphraseTooShort(ValueError):
    pass


@dataclass(frozen=True)
class Enrolment:
    config: LocalConfig
    key: bytes
    where: str  # where the key lives, in French, for the UI


def passphrase_where() -> str:
    return QCoreApplication.translate(
        "Enrolment", "phrase secrète demandée à chaque ouverture (pas de trousseau ici)"
    )


def enrol_new(
    folder: Path, store: SecretStore | None, passphrase: str | None = None, mode: str = "site"
) -> Enrolment:
    """First run: make the key, keep it, and write the folder's (non-secret) config."""
    if store is not None:
        config = LocalConfig(key_storage="keyring", mode=mode)
        key = new_key()
        store.set(config.keyring_name, key.hex())
        save_config(folder, config)
        return Enrolment(config, key, store.where())
    if passphrase is None or len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(str(MIN_PASSPHRASE))
    config = LocalConfig(key_storage="passphrase", passphrase_salt=new_salt(), mode=mode)
    key = passphrase_key(passphrase, config.passphrase_salt)
    save_config(folder, config)
    return Enrolment(config, key, passphrase_where())


def find_key(folder: Path, store: SecretStore | None, passphrase: str | None = None) -> Enrolment:
    """The key of an existing folder, or KeyMissing / PassphraseNeeded."""
    config = load_config(folder)
    if config is None:
        raise FileNotFoundError(folder)
    if config.key_storage == "passphrase":
        if passphrase is None:
            raise PassphraseNeeded()
        key = passphrase_key(passphrase, config.passphrase_salt)
        return Enrolment(config, key, passphrase_where())
    if store is None:
        raise KeyMissing("no keychain")
    try:
        stored = store.get(config.keyring_name)
    except KeychainUnavailable as error:
        raise KeyMissing(str(error)) from error
    if not stored:
        raise KeyMissing("not in keychain")
    return Enrolment(config, bytes.fromhex(stored), store.where())


def re_enrol(folder: Path, store: SecretStore | None, key: bytes) -> Enrolment:
    """After the recovery code opened the database: put the key back in the keychain.

    Without a keychain the recovery code is needed at each start; nothing is written.
    """
    config = load_config(folder) or LocalConfig()
    if store is None:
        where = QCoreApplication.translate(
            "Enrolment", "code de secours, à saisir à chaque ouverture"
        )
        return Enrolment(config, key, where)
    if config.key_storage != "keyring":
        config = LocalConfig(install_id=config.install_id, key_storage="keyring", mode=config.mode)
    store.set(config.keyring_name, key.hex())
    save_config(folder, config)
    return Enrolment(config, key, store.where())
