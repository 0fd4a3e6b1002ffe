"""age encryption (X25519 recipients, and passphrases for backups), through pyrage."""

from __future__ import annotations

from typing import cast

import pyrage


class WrongKey(ValueError):
    """None of the identities opens this file: it was sealed for someone else."""


class Damaged(ValueError):
    """The file is truncated, altered or not an age file."""


def new_identity() -> tuple[str, str]:
    """A fresh X25519 identity: (secret ``AGE-SECRET-KEY-1…``, public ``age1…``)."""
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def public_key_of(secret: str) -> str:
    return str(pyrage.x25519.Identity.from_str(secret.strip()).to_public())


def valid_recipient(text: str) -> bool:
    try:
        pyrage.x25519.Recipient.from_str(text.strip())
    except Exception:  # pyrage raises RecipientError, or ValueError on odd input
        return False
    return True


def encrypt(data: bytes, recipients: list[str]) -> bytes:
    parsed = [pyrage.x25519.Recipient.from_str(r.strip()) for r in recipients]
    return cast(bytes, pyrage.encrypt(data, parsed))


def decrypt(data: bytes, secret: str) -> bytes:
    return decrypt_any(data, [secret])


def decrypt_any(data: bytes, secrets: list[str]) -> bytes:
    identities = [pyrage.x25519.Identity.from_str(s.strip()) for s in secrets]
    try:
        return cast(bytes, pyrage.decrypt(data, identities))
    except pyrage.DecryptError as error:
        if "No matching keys" in str(error):
            raise WrongKey(str(error)) from error
        raise Damaged(str(error)) from error


def encrypt_with_passphrase(data: bytes, passphrase: str) -> bytes:
    return cast(bytes, pyrage.passphrase.encrypt(data, passphrase))


def decrypt_with_passphrase(data: bytes, passphrase: str) -> bytes:
    try:
        return cast(bytes, pyrage.passphrase.decrypt(data, passphrase))
    except pyrage.DecryptError as error:
        raise WrongKey(str(error)) from error
