"""The coordination's age identity: its secret in the keychain, a passphrase-sealed backup.

The secret never goes to a site laptop. Without a keychain on the coordination machine,
it is kept inside the coordination database, itself encrypted by the passphrase.
"""

from __future__ import annotations

from pathlib import Path

from desktop.folder.desk import OpenDesk
from desktop.folder.secrets import KeychainUnavailable, SecretStore
from models.exchange import crypto
from models.exchange.coordination import CoordinationStore
from models.store.files import write_atomically

PUBLIC_SETTING = "coordination_public_key"
SECRET_SETTING = "coordination_secret_key"  # only where there is no keychain
BACKUP_MIN_PASSPHRASE = 12


class IdentityMissing(Exception):
    """No coordination identity here yet (or its secret was lost: restore the backup)."""


class BackupRefused(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _name(desk: OpenDesk) -> str:
    return f"coordination-identity-{desk.enrolment.config.install_id}"


def public_key(desk: OpenDesk) -> str | None:
    return CoordinationStore(desk.factory).setting(PUBLIC_SETTING)


def _keep(desk: OpenDesk, store: SecretStore | None, secret: str) -> str:
    public = crypto.public_key_of(secret)
    coordination = CoordinationStore(desk.factory)
    if store is not None:
        store.set(_name(desk), secret)
    else:
        coordination.set_setting(SECRET_SETTING, secret)
    coordination.set_setting(PUBLIC_SETTING, public)
    return public


def create_identity(desk: OpenDesk, store: SecretStore | None) -> str:
    """Make the identity (once); returns its public key, to hand to the sites."""
    existing = public_key(desk)
    if existing:
        return existing
    secret, _public = crypto.new_identity()
    return _keep(desk, store, secret)


def secret_key(desk: OpenDesk, store: SecretStore | None) -> str:
    if store is not None:
        try:
            secret = store.get(_name(desk))
        except KeychainUnavailable as error:
            raise IdentityMissing("keychain") from error
    else:
        secret = CoordinationStore(desk.factory).setting(SECRET_SETTING)
    if not secret:
        raise IdentityMissing("secret")
    return secret


def write_backup(desk: OpenDesk, store: SecretStore | None, path: Path, passphrase: str) -> None:
    """An age file sealed with a passphrase (readable by ``age -d`` too)."""
    if len(passphrase) < BACKUP_MIN_PASSPHRASE:
        raise BackupRefused("passphrase_too_short")
    sealed = crypto.encrypt_with_passphrase(secret_key(desk, store).encode(), passphrase)
    write_atomically(path, sealed)


def restore_backup(desk: OpenDesk, store: SecretStore | None, path: Path, passphrase: str) -> str:
    try:
        sealed = path.read_bytes()
    except OSError as error:
        raise BackupRefused("unreadable") from error
    try:
        secret = crypto.decrypt_with_passphrase(sealed, passphrase).decode().strip()
        crypto.public_key_of(secret)
    except (crypto.WrongKey, UnicodeDecodeError, ValueError) as error:
        raise BackupRefused("wrong_passphrase_or_file") from error
    except Exception as error:  # pyrage's own error kinds for a file that is not a key
        raise BackupRefused("wrong_passphrase_or_file") from error
    return _keep(desk, store, secret)
