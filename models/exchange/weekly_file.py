"""Reading a weekly file: decrypted, bounded, checked member by member, or refused whole."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
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
    SIGNATURE,
    SURVEYS,
)
from models.exchange.row_figures import Figures, visit_indicators_of, week_figures
from models.exchange.signing import verify
from models.exchange.survey_part import survey_rows
from models.exchange.weekly_rows import Table, WeeklyRows, read_rows
from models.exchange.weekly_schema import checked_indicators, checked_manifest


class FileRefused(ValueError):
    """The whole file is refused; ``code`` names why (the UI phrases it in French)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code} {detail}".strip())
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class WeeklyContent:
    manifest: dict[str, Any]
    indicators: dict[str, Any]
    members: Mapping[str, bytes]
    content_sha256: str  # of the clear ZIP: the same export imported twice is the same
    rows: WeeklyRows = field(default_factory=WeeklyRows)  # every part, read and checked
    figures: dict[str, Any] = field(default_factory=dict)  # the rows' (Figures.summary)
    _parsed: dict[str, Table] = field(default_factory=dict, repr=False, compare=False)

    @property
    def signing_key(self) -> str:
        """The public key that signed this file (checked against its manifest)."""
        return str(self.manifest["signing_key"]["public"])

    @property
    def site_code(self) -> str:
        return str(self.manifest["site"]["code"])

    @property
    def key(self) -> tuple[str, int, int]:
        return self.site_code, int(self.manifest["iso_year"]), int(self.manifest["iso_week"])

    def csv_table(self, member: str) -> Table:
        """The member's header and rows, empty rows skipped (parsed once: the rows'
        reader and the recount share them); a column named twice is refused."""
        table = self._parsed.get(member)
        if table is None:
            text = self.members[member].decode("utf-8")
            reader = csv.reader(io.StringIO(text, newline=""))
            header = next(reader, [])
            if len(set(header)) != len(header):
                raise ValueError(f"{member} — une colonne y est nommée deux fois")
            table = self._parsed[member] = (header, [values for values in reader if values])
        return table


MAX_MEMBERS = 20
MAX_INFLATED_BYTES = 20 * 1024 * 1024
_CHUNK = 64 * 1024


def _inflate(archive: zipfile.ZipFile, name: str, budget: list[int]) -> bytes:
    """A member's bytes, counted against the file's budget while inflating (the sizes a
    ZIP declares are not trusted): a bomb stops at the budget, not in memory."""
    parts: list[bytes] = []
    with archive.open(name) as member:
        while chunk := member.read(_CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise FileRefused("too_large_inflated", name)
            parts.append(chunk)
    return b"".join(parts)


def _period(content: WeeklyContent) -> tuple[datetime, datetime]:
    period = content.manifest["period"]
    return datetime.fromisoformat(period["start"]), datetime.fromisoformat(period["end"])


def _check_visits(indicators: dict[str, Any], figures: Figures) -> None:
    """The indicators of visits.csv equal a recount of its rows, as the coordination
    keeps them (one count: the rows checked value by value are the ones counted, and
    these figures are the ones kept with the week)."""
    recount = visit_indicators_of(figures)
    stated = {key: indicators.get(key) for key in recount}
    if json.dumps(recount, sort_keys=True) != json.dumps(stated, sort_keys=True):
        raise ValueError("indicators.json — ne correspond pas aux passages de visits.csv")


def read_weekly_file(data: bytes, identities: list[str]) -> WeeklyContent:
    """Decrypt and check a weekly file whole; FileRefused at the first problem.

    At most ``MAX_MEMBERS`` members, all known by name, and ``MAX_INFLATED_BYTES`` in
    all; the manifest matches the declared schema (weekly_schema) and is signed by the
    key it names (whether that key is the cabane's is the coordination's register to
    say); the checksums match, the indicators match their schema, and visits.csv agrees
    with them; surveys.json, when there, matches its schema (survey_part).
    """
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
    allowed = {MANIFEST, SIGNATURE, INDICATORS, SURVEYS, *MEMBERS}
    budget = [MAX_INFLATED_BYTES]
    try:
        with zipfile.ZipFile(io.BytesIO(clear)) as archive:
            infos = archive.infolist()
            names = [info.filename for info in infos]
            if len(infos) > MAX_MEMBERS:
                raise FileRefused("too_many_members", str(len(infos)))
            if MANIFEST not in names:
                raise FileRefused("unknown_format", "no manifest")
            if len(set(names)) != len(names) or not set(names) <= allowed:
                raise FileRefused("unknown_format", "unexpected member")
            raw_manifest = _inflate(archive, MANIFEST, budget)
            head = json.loads(raw_manifest)
            if not isinstance(head, dict) or head.get("format") != FORMAT:
                raise FileRefused("unknown_format", "format")
            version = head.get("format_version")
            if version == 1:
                raise FileRefused("unsigned_version")
            if version != FORMAT_VERSION:
                raise FileRefused("unknown_version", str(version)[:20])
            manifest = checked_manifest(raw_manifest)
            if SIGNATURE not in names:
                raise FileRefused("bad_signature", "no signature")
            signature = _inflate(archive, SIGNATURE, budget)
            if not verify(manifest["signing_key"]["public"], signature, raw_manifest):
                raise FileRefused("bad_signature")
            members: dict[str, bytes] = {}
            for name in (*MEMBERS, INDICATORS, SURVEYS):
                if name == SURVEYS and name not in names and name not in manifest["sha256"]:
                    continue  # a cabane not yet updated (before issue 18): no surveys
                if name not in names or name not in manifest["sha256"]:
                    raise FileRefused("missing_member", name)
                members[name] = _inflate(archive, name, budget)
                if hashlib.sha256(members[name]).hexdigest() != manifest["sha256"][name]:
                    raise FileRefused("bad_checksum", name)
    except FileRefused:
        raise
    except (zipfile.BadZipFile, EOFError, NotImplementedError, zlib.error, RuntimeError) as error:
        # RuntimeError: a damaged flag makes a member look password-protected
        raise FileRefused("damaged", type(error).__name__) from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FileRefused("invalid_content", "manifest.json — JSON illisible") from error
    except ValueError as error:
        raise FileRefused("invalid_content", str(error)) from error
    try:
        indicators = checked_indicators(members[INDICATORS], manifest)
        content = WeeklyContent(manifest, indicators, members, hashlib.sha256(clear).hexdigest())
        rows = read_rows(content.csv_table, _period(content))
        if SURVEYS in members:
            rows = replace(rows, surveys=survey_rows(members[SURVEYS], manifest))
        figures = week_figures(rows)
        _check_visits(indicators, figures)
        content = replace(content, rows=rows, figures=figures.summary())
    except (ValueError, KeyError, UnicodeDecodeError, csv.Error) as error:
        reason = str(error) if isinstance(error, ValueError) else "visits.csv illisible"
        raise FileRefused("invalid_content", reason) from error
    return content
