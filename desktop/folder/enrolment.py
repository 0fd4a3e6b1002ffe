"""Making, finding and re-enrolling the database key of a data folder.

Keychain mode: a random key in the OS keychain. Passphrase mode (no keychain): the key
is derived from a passphrase asked at each start. Either way the recovery code opens
the database, and re-enrols the key into a keychain that lacks it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.folder.faults import WrongKeyError, key_check_value
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
        key = new_key()
        config = LocalConfig(key_storage="keyring", mode=mode, key_check=key_check_value(key))
        store.set(config.keyring_name, key.hex())
        save_config(folder, config)
        return Enrolment(config, key, store.where())
    if passphrase is None or len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(str(MIN_PASSPHRASE))
    salt = new_salt()
    key = passphrase_key(passphrase, salt)
    config = LocalConfig(
        key_storage="passphrase", passphrase_salt=salt, mode=mode, key_check=key_check_value(key)
    )
    save_config(folder, config)
    return Enrolment(config, key, passphrase_where())


def _unwrap(config: LocalConfig, passphrase: str) -> bytes:
    derived = passphrase_key(passphrase, config.passphrase_salt)
    if not config.wrapped_key:
        return derived
    return bytes(a ^ b for a, b in zip(derived, bytes.fromhex(config.wrapped_key), strict=True))


def find_key(folder: Path, store: SecretStore | None, passphrase: str | None = None) -> Enrolment:
    """The key of an existing folder, or KeyMissing / PassphraseNeeded."""
    config = load_config(folder)
    if config is None:
        raise FileNotFoundError(folder)
    if config.key_storage == "passphrase":
        if passphrase is None:
            raise PassphraseNeeded()
        key = _unwrap(config, passphrase)
        if config.key_check and key_check_value(key) != config.key_check:
            raise WrongKeyError("passphrase")
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

    Without a keychain the recovery code is needed at each start; only the key's
    verifier is written, if it was missing.
    """
    config = load_config(folder) or LocalConfig()
    if config.key_check != key_check_value(key):
        config = replace(config, key_check=key_check_value(key))
        if store is None:
            save_config(folder, config)
    if store is None:
        where = QCoreApplication.translate(
            "Enrolment", "code de secours, à saisir à chaque ouverture"
        )
        return Enrolment(config, key, where)
    if config.key_storage != "keyring":
        config = LocalConfig(
            install_id=config.install_id,
            key_storage="keyring",
            mode=config.mode,
            key_check=config.key_check,
        )
    store.set(config.keyring_name, key.hex())
    save_config(folder, config)
    return Enrolment(config, key, store.where())


def remember_key_check(folder: Path, enrolment: Enrolment) -> Enrolment:
    """A folder made before the key verifier existed gets it at its first good opening."""
    if enrolment.config.key_check:
        return enrolment
    config = replace(enrolment.config, key_check=key_check_value(enrolment.key))
    save_config(folder, config)
    return replace(enrolment, config=config)


def change_passphrase(folder: Path, current: str, new_passphrase: str) -> Enrolment:
    """Passphrase mode: the same key (and recovery code), opened by a new passphrase.

    ``current`` is the current passphrase or the recovery code, checked against the
    folder's key verifier. Raises WrongKeyError, PassphraseTooShort, or ValueError (a
    folder whose key is in the keychain has no passphrase).
    """
    from desktop.folder.secrets import BadRecoveryCode, parse_recovery_code

    config = load_config(folder)
    if config is None or config.key_storage != "passphrase" or not config.key_check:
        raise ValueError("not in passphrase mode")
    if len(new_passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(str(MIN_PASSPHRASE))
    key = _unwrap(config, current)
    if key_check_value(key) != config.key_check:
        try:
            key = parse_recovery_code(current)
        except BadRecoveryCode:
            raise WrongKeyError("passphrase") from None
        if key_check_value(key) != config.key_check:
            raise WrongKeyError("recovery code")
    return protect_with_passphrase(folder, key, new_passphrase, config)


def protect_with_passphrase(
    folder: Path, key: bytes, passphrase: str, config: LocalConfig | None = None
) -> Enrolment:
    """Keep an existing key under a passphrase (no keychain here): the key is stored
    wrapped, XOR scrypt(passphrase, a new salt), never in plain text."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(str(MIN_PASSPHRASE))
    salt = new_salt()
    derived = passphrase_key(passphrase, salt)
    wrapped = bytes(a ^ b for a, b in zip(derived, key, strict=True))
    config = replace(
        config or LocalConfig(),
        key_storage="passphrase",
        passphrase_salt=salt,
        wrapped_key=wrapped.hex(),
        key_check=key_check_value(key),
    )
    save_config(folder, config)
    return Enrolment(config, key, passphrase_where())
