"""Reading a weekly file: decrypted, bounded, checked member by member, or refused whole."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models.exchange import crypto
from models.exchange.exchange import (
    FORMAT,
    FORMAT_VERSION,
    INDICATORS,
    MANIFEST,
    MAX_FILE_BYTES,
    MEMBERS,
)


class FileRefused(ValueError):
    """The whole file is refused; ``code`` names why (the UI phrases it in French)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code} {detail}".strip())
        self.code = code


@dataclass(frozen=True)
class WeeklyContent:
    manifest: dict[str, Any]
    indicators: dict[str, Any]
    members: Mapping[str, bytes]
    content_sha256: str  # of the clear ZIP: the same export imported twice is the same

    @property
    def site_code(self) -> str:
        return str(self.manifest["site"]["code"])

    @property
    def key(self) -> tuple[str, int, int]:
        return self.site_code, int(self.manifest["iso_year"]), int(self.manifest["iso_week"])

    def csv_rows(self, member: str) -> list[dict[str, str]]:
        text = self.members[member].decode("utf-8")
        return list(csv.DictReader(io.StringIO(text, newline="")))


def read_weekly_file(data: bytes, identities: list[str]) -> WeeklyContent:
    """Decrypt and check a weekly file whole; FileRefused at the first problem."""
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused("too_large")
    if not data.startswith(b"age-encryption.org/v1"):
        raise FileRefused("not_age")
    try:
        clear = crypto.decrypt_any(data, identities)
    except crypto.WrongKey as error:
        raise FileRefused("wrong_key") from error
    except crypto.Damaged as error:
        raise FileRefused("damaged") from error
    try:
        with zipfile.ZipFile(io.BytesIO(clear)) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise FileRefused("unknown_format", "no manifest")
            manifest = json.loads(archive.read(MANIFEST))
            if manifest.get("format") != FORMAT:
                raise FileRefused("unknown_format", str(manifest.get("format")))
            if manifest.get("format_version") != FORMAT_VERSION:
                raise FileRefused("unknown_version", str(manifest.get("format_version")))
            expected = manifest.get("sha256") or {}
            members: dict[str, bytes] = {}
            for name in (*MEMBERS, INDICATORS):
                if name not in names or name not in expected:
                    raise FileRefused("missing_member", name)
                members[name] = archive.read(name)
                if hashlib.sha256(members[name]).hexdigest() != expected[name]:
                    raise FileRefused("bad_checksum", name)
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as error:
        if isinstance(error, FileRefused):
            raise
        raise FileRefused("damaged", type(error).__name__) from error
    indicators = json.loads(members[INDICATORS])
    try:
        int(manifest["iso_year"]), int(manifest["iso_week"]), int(manifest["revision"])
        str(manifest["site"]["code"]), datetime.fromisoformat(manifest["generated_at"])
    except (KeyError, TypeError, ValueError) as error:
        raise FileRefused("unknown_format", "manifest fields") from error
    return WeeklyContent(manifest, indicators, members, hashlib.sha256(clear).hexdigest())
