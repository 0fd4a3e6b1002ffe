"""The database key: made once, kept in the OS keychain, or derived from a passphrase.

Nothing here ever writes the key in plain text to disk. The recovery code is the key
itself, in groups of four characters easy to read aloud, with a checksum group.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from models.store.files import write_atomically

KEYRING_SERVICE = "cabane"
CONFIG_FILENAME = "cabane.json"
KEY_BYTES = 32
_ALPHABET_FIX = str.maketrans({"0": "O", "1": "I", "8": "B"})


class SecretStore(Protocol):
    """Where a secret lives. ``where`` says it in French for the person at the desk."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...
    def where(self) -> str: ...


class KeychainUnavailable(Exception):
    """The OS keychain cannot be used (no backend, locked, or refused)."""


class KeyringStore:
    """The OS keychain through ``keyring`` (Windows Credential Manager, macOS, Secret Service)."""

    def __init__(self) -> None:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        name = type(backend).__module__
        if isinstance(backend, fail.Keyring) or name.startswith("keyring.backends.null"):
            raise KeychainUnavailable(name)
        priority = getattr(backend, "priority", 1)
        if isinstance(priority, (int, float)) and priority <= 0 and "chainer" not in name:
            raise KeychainUnavailable(name)
        self._keyring = keyring
        self._backend = backend

    def get(self, name: str) -> str | None:
        try:
            return self._keyring.get_password(KEYRING_SERVICE, name)
        except Exception as error:  # backends raise many kinds (locked, D-Bus, …)
            raise KeychainUnavailable(str(error)) from error

    def set(self, name: str, value: str) -> None:
        try:
            self._keyring.set_password(KEYRING_SERVICE, name, value)
        except Exception as error:
            raise KeychainUnavailable(str(error)) from error

    def delete(self, name: str) -> None:
        try:
            self._keyring.delete_password(KEYRING_SERVICE, name)
        except Exception as error:
            raise KeychainUnavailable(str(error)) from error

    def where(self) -> str:
        from desktop.folder.keychain import french_name

        return french_name(self._backend)


def open_keychain() -> KeyringStore | None:
    """The OS keychain, or None where there is none (passphrase mode)."""
    try:
        return KeyringStore()
    except KeychainUnavailable:
        return None


@dataclass
class LocalConfig:
    """Non-secret facts about this data folder, kept beside the database."""

    install_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    key_storage: str = "keyring"  # "keyring" or "passphrase"
    passphrase_salt: str = ""
    mode: str = "site"  # "site" (a cabane's desk) or "coordination"
    key_check: str = ""  # faults.key_check_value(key): tells a damaged file from a wrong key
    # Passphrase mode after a change of passphrase: the key XOR scrypt(passphrase, salt),
    # so that the key, and the recovery code, outlive the passphrase.
    wrapped_key: str = ""

    @property
    def keyring_name(self) -> str:
        return f"database-key-{self.install_id}"


def load_config(folder: Path) -> LocalConfig | None:
    path = folder / CONFIG_FILENAME
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {k: v for k, v in data.items() if k in LocalConfig.__dataclass_fields__}
    return LocalConfig(**known)


def save_config(folder: Path, config: LocalConfig) -> None:
    write_atomically(folder / CONFIG_FILENAME, json.dumps(asdict(config), indent=2).encode())


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def passphrase_key(passphrase: str, salt_hex: str) -> bytes:
    """A key from a passphrase (scrypt), for machines without a keychain."""
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=bytes.fromhex(salt_hex),
        n=2**15,
        r=8,
        p=1,
        maxmem=64 * 1024 * 1024,
        dklen=KEY_BYTES,
    )


def new_salt() -> str:
    return secrets.token_hex(16)


def _checksum(body: str) -> str:
    digest = hashlib.sha256(body.encode("ascii")).digest()
    return base64.b32encode(digest).decode("ascii")[:4]


def recovery_code(key: bytes) -> str:
    """The key as 13 groups of four letters and digits, then a checksum group."""
    body = base64.b32encode(key).decode("ascii").rstrip("=")
    full = body + _checksum(body)
    return "-".join(full[i : i + 4] for i in range(0, len(full), 4))


class BadRecoveryCode(ValueError):
    pass


def parse_recovery_code(text: str) -> bytes:
    """The key back from a typed recovery code; spaces, dashes and case do not matter."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_ALPHABET_FIX)
    if len(cleaned) != 56:
        raise BadRecoveryCode("length")
    body, check = cleaned[:52], cleaned[52:]
    if _checksum(body) != check:
        raise BadRecoveryCode("checksum")
    return base64.b32decode(body + "====")
