"""A cabane's backup file for a USB key, and restoring it on this computer.

``cabane_<site>_<AAAA-MM-JJ>.sauvegarde`` is a ZIP of two members: ``manifest.json``
(format, version, site, date, schema revision, counts, SHA-256 of the database) and
``cabane.db``, a consistent copy made with SQLite's online backup and still encrypted
with the cabane's key: the recovery code alone opens it, on any computer.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, table

from desktop.folder.database import DB_FILENAME, check_key, make_engine, sqlite_url
from desktop.folder.desk import OpenDesk, open_existing, open_with_recovery_code
from desktop.folder.enrolment import MIN_PASSPHRASE, protect_with_passphrase
from desktop.folder.faults import OpenRefused, key_check_value
from desktop.folder.secrets import (
    CONFIG_FILENAME,
    BadRecoveryCode,
    LocalConfig,
    SecretStore,
    load_config,
    parse_recovery_code,
    save_config,
)
from models.store.schema import current_revision

log = logging.getLogger(__name__)  # file names, sizes and counts only

FORMAT = "cabane-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEMBERS = {MANIFEST, DB_FILENAME}
SUFFIX = ".sauvegarde"
MAX_MANIFEST_BYTES = 64 * 1024
MAX_DATABASE_BYTES = 4 * 1024**3
# What the manifest counts (tables of every capability): for the person restoring.
COUNTED = ("visits", "families", "activity_sessions", "partners", "outreach_outings")


class BackupRefused(ValueError):
    """A backup file that cannot be restored; ``code`` says why (the UI phrases it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    site_code: str
    site_name: str
    created_at: datetime
    schema_revision: str
    counts: dict[str, int]


def online_copy(engine: Engine, key: bytes, target: Path) -> None:
    """A consistent copy of the live database (SQLite's online backup), same key."""
    import sqlcipher3.dbapi2 as sqlcipher

    source = engine.raw_connection()
    destination = sqlcipher.connect(str(target))
    try:
        destination.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        source.driver_connection.backup(destination)  # type: ignore[union-attr]
    finally:
        destination.close()
        source.close()


def count_rows(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: int(
                connection.execute(select(func.count()).select_from(table(name))).scalar() or 0
            )
            for name in COUNTED
        }


def file_name(site_code: str, day: date) -> str:
    return f"cabane_{site_code}_{day.isoformat()}{SUFFIX}"


def write_backup_file(desk: OpenDesk, out_dir: Path, now: datetime) -> BackupInfo:
    """Write the cabane's backup file into ``out_dir`` (atomically) and describe it."""
    assert desk.site is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / file_name(desk.site.code, now.date())
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".cabane-sauvegarde-") as tmp:
        copy = Path(tmp) / DB_FILENAME
        online_copy(desk.engine, desk.enrolment.key, copy)
        engine = make_engine(sqlite_url(copy), desk.enrolment.key)
        try:
            counts = count_rows(engine)
            with engine.connect() as connection:
                revision = current_revision(connection) or ""
        finally:
            engine.dispose()
        digest = hashlib.sha256(copy.read_bytes()).hexdigest()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "site": {"code": desk.site.code, "name": desk.site.name},
            "created_at": now.isoformat(),
            "schema_revision": revision,
            "counts": counts,
            "sha256": digest,
            "key_check": key_check_value(desk.enrolment.key),
        }
        partial = Path(tmp) / "partial.zip"
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
            archive.write(copy, DB_FILENAME)
        with partial.open("rb+") as handle:  # on the disk before it takes the final name
            os.fsync(handle.fileno())
        partial.replace(target)
    log.info("backup file %s written (%d bytes)", target.name, target.stat().st_size)
    return BackupInfo(target, desk.site.code, desk.site.name, now, revision, counts)


def _checked_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupRefused("not_backup") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused("not_backup")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupRefused("unknown_version")
    site, counts = manifest.get("site"), manifest.get("counts")
    valid = (
        isinstance(site, dict)
        and isinstance(site.get("code"), str)
        and isinstance(site.get("name"), str)
        and isinstance(counts, dict)
        and all(isinstance(k, str) and type(v) is int and v >= 0 for k, v in counts.items())
        and isinstance(manifest.get("sha256"), str)
        and isinstance(manifest.get("schema_revision"), str)
        and isinstance(manifest.get("created_at"), str)
    )
    if not valid:
        raise BackupRefused("not_backup")
    try:
        datetime.fromisoformat(manifest["created_at"])
    except ValueError as error:
        raise BackupRefused("not_backup") from error
    return manifest


def read_backup_info(path: Path) -> BackupInfo:
    """What a backup file holds, from its manifest (checked, bounded); BackupRefused."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if set(infos) != MEMBERS:
                raise BackupRefused("not_backup")
            if infos[MANIFEST].file_size > MAX_MANIFEST_BYTES:
                raise BackupRefused("not_backup")
            if infos[DB_FILENAME].file_size > MAX_DATABASE_BYTES:
                raise BackupRefused("too_large")
            manifest = _checked_manifest(archive.read(MANIFEST))
    except (zipfile.BadZipFile, EOFError) as error:
        raise BackupRefused("damaged") from error
    except OSError as error:
        raise BackupRefused("unreadable") from error
    return BackupInfo(
        path,
        manifest["site"]["code"],
        manifest["site"]["name"],
        datetime.fromisoformat(manifest["created_at"]),
        manifest["schema_revision"],
        dict(manifest["counts"]),
    )


def restore_backup_file(
    path: Path,
    folder: Path,
    store: SecretStore | None,
    code: str,
    passphrase: str | None = None,
) -> OpenDesk:
    """Restore a backup file into ``folder`` with the cabane's recovery code.

    Checks the file and the code before touching the folder; a cabane already there is
    copied into ``backups/`` first; the key goes into this computer's keychain (without
    one, it is protected by ``passphrase``, asked at each start) and an older schema is
    migrated. Raises BackupRefused (``bad_code``, ``wrong_code``, ``no_keychain``,
    ``short_passphrase``, ``damaged``…), and leaves the folder as it was.
    """
    if store is None and passphrase is None:
        raise BackupRefused("no_keychain")
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise BackupRefused("short_passphrase")
    read_backup_info(path)
    try:
        key = parse_recovery_code(code)
    except BadRecoveryCode as error:
        raise BackupRefused("bad_code") from error
    folder.mkdir(parents=True, exist_ok=True)
    staged = folder / f".{DB_FILENAME}.restauration"
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _checked_manifest(archive.read(MANIFEST))
            known = manifest.get("key_check")
            if isinstance(known, str) and known and known != key_check_value(key):
                raise BackupRefused("wrong_code")  # before a byte is written here
            digest = hashlib.sha256()
            with archive.open(DB_FILENAME) as source, staged.open("wb") as target:
                while chunk := source.read(1024 * 1024):
                    digest.update(chunk)
                    target.write(chunk)
        if digest.hexdigest() != manifest["sha256"]:
            raise BackupRefused("damaged")
        engine = make_engine(sqlite_url(staged), key)
        try:
            check_key(engine, key_is_right=known == key_check_value(key))
        except OpenRefused as refused:
            raise BackupRefused(
                "wrong_code" if refused.code == "wrong_key" else "damaged"
            ) from refused
        finally:
            engine.dispose()
        _keep_what_is_there(folder)
        for stale in (f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm"):
            (folder / stale).unlink(missing_ok=True)
        staged.replace(folder / DB_FILENAME)
    except (zipfile.BadZipFile, EOFError) as error:
        raise BackupRefused("damaged") from error
    finally:
        staged.unlink(missing_ok=True)
    config = load_config(folder)
    if store is None:
        assert passphrase is not None
        protect_with_passphrase(folder, key, passphrase)
        desk = open_existing(folder, None, passphrase)
    else:
        if config is None or config.mode != "site" or config.key_check != key_check_value(key):
            save_config(folder, LocalConfig())
        desk = open_with_recovery_code(folder, store, code)
    log.info("backup file %s restored", path.name)
    return desk


def _keep_what_is_there(folder: Path) -> None:
    """Copy the cabane already in ``folder`` (database, its journal, config) into backups/."""
    database = folder / DB_FILENAME
    if not database.exists():
        return
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / "backups" / f"avant-restauration-{stamp}"
    kept.mkdir(parents=True)
    for name in (DB_FILENAME, f"{DB_FILENAME}-wal", CONFIG_FILENAME):
        if (folder / name).exists():
            shutil.copy2(folder / name, kept / name)
    log.info("the cabane already there was copied into backups/%s", kept.name)
