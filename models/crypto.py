"""age encryption (X25519 recipients) of exchange files, through pyrage."""

from __future__ import annotations

from typing import cast

import pyrage


def new_identity() -> tuple[str, str]:
    """A fresh X25519 identity: (secret ``AGE-SECRET-KEY-1…``, public ``age1…``)."""
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def encrypt(data: bytes, recipients: list[str]) -> bytes:
    parsed = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    return cast(bytes, pyrage.encrypt(data, parsed))


def decrypt(data: bytes, secret: str) -> bytes:
    return cast(bytes, pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(secret)]))
