"""Each cabane signs its weekly files (Ed25519, DESIGN.md §6 version 2), so that the
coordination, whose public age key every cabane holds, can tell a genuine file from a
forged one.

The secret signing key lives in the cabane's encrypted database (``app_settings``):
protected by the database key like everything else there, and carried by the backups,
so a laptop restored from its backup keeps signing with the key the coordination knows.
The public key travels in every file's manifest and in a small key file the cabane
hands to the coordination (``cabane signing-key``, or the export screen).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session, sessionmaker

from models.store.activity_entities import AppSetting
from models.store.storage import storage_guard

ALGORITHM = "ed25519"
SECRET_KEY = "exchange.signing_secret"
KEY_FILE_FORMAT = "cabane-signing-key"
MAX_KEY_FILE_BYTES = 4096


def signing_secret(factory: sessionmaker[Session]) -> Ed25519PrivateKey:
    """The cabane's signing key, made at its first export."""
    with storage_guard(), factory.begin() as session:
        row = session.get(AppSetting, SECRET_KEY)
        if row is None:
            secret = Ed25519PrivateKey.generate()
            raw = secret.private_bytes_raw()
            session.add(AppSetting(key=SECRET_KEY, value=raw.hex()))
            return secret
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row.value))


def public_text(secret: Ed25519PrivateKey) -> str:
    raw = secret.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def fingerprint(public: str) -> str:
    """What two people read to each other to check a key: 16 letters and digits."""
    digest = hashlib.sha256(base64.b64decode(public)).digest()
    text = base64.b32encode(digest).decode("ascii")[:16]
    return " ".join(text[i : i + 4] for i in range(0, 16, 4))


def sign(secret: Ed25519PrivateKey, data: bytes) -> bytes:
    return secret.sign(data)


def verify(public: str, signature: bytes, data: bytes) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
        key.verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class SiteKey:
    site_code: str
    site_name: str
    public: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)


def key_file(key: SiteKey) -> bytes:
    """The file a cabane hands to the coordination (JSON, no secret in it)."""
    return json.dumps(
        {
            "format": KEY_FILE_FORMAT,
            "site": {"code": key.site_code, "name": key.site_name},
            "algorithm": ALGORITHM,
            "public": key.public,
        },
        ensure_ascii=False,
        indent=2,
    ).encode()


def read_key_file(raw: bytes) -> SiteKey:
    """A key file read back; ValueError when it is not one (bounded, checked)."""
    from models.exchange.weekly_schema import checked_key_file

    if len(raw) > MAX_KEY_FILE_BYTES:
        raise ValueError("too_large")
    data = checked_key_file(raw)
    return SiteKey(data["site"]["code"], data["site"]["name"], data["public"])
