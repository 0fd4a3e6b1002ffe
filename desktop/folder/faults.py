"""Why a data folder cannot be opened, said truly: a storage fault is never a key problem.

Every refusal to open is an ``OpenRefused`` with one ``code``; the desk and the commands
phrase it (``ui/widgets/texts.fault_message``) and the commands exit with its own number
(``EXIT_CODES``, README « Codes de sortie »).
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
from pathlib import Path

from models.store.storage import storage_cause

# One exit code per cause (0 done, 1 refused or failed, 2 bad usage: DESIGN.md §8).
EXIT_CODES = {
    "in_use": 3,  # another Cabane (a live process) holds this data folder
    "folder_read_only": 4,
    "disk_full": 5,
    "db_read_only": 6,
    "damaged_header": 7,  # the first page does not decrypt although the key is right
    "damaged_page": 8,  # a later page is damaged (quick_check / integrity_check)
    "wrong_key": 9,  # wrong key, passphrase or recovery code
    "wrong_passphrase": 9,
    "key_missing": 10,  # the keychain has no key for this folder
    "locked": 11,  # another program holds the database's lock (busy past the timeout)
    "storage": 12,  # any other input/output failure
}
DAMAGED = frozenset({"damaged_header", "damaged_page"})
_PROBE_BYTES = 64 * 1024


class OpenRefused(Exception):
    """The data folder cannot be opened (or written); ``code`` says why (EXIT_CODES)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code


class WrongKeyError(OpenRefused):
    """The key does not open this database, and nothing says the file is damaged."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("wrong_key", detail)


class DamagedDatabase(OpenRefused):
    """The key is right but the database is damaged: ``key`` still opens its backups,
    so the desk can offer the latest good one."""

    def __init__(self, code: str, key: bytes) -> None:
        super().__init__(code)
        self.key = key


def key_check_value(key: bytes) -> str:
    """A verifier kept beside the database: says whether a key is this folder's key
    without opening the database, so that a damaged first page is not taken for a
    wrong key. An HMAC of a fixed text under the key: it tells nothing of the key."""
    return hmac.new(key, b"cabane: key check", hashlib.sha256).hexdigest()[:32]


def _os_fault(error: OSError, read_only_code: str) -> OpenRefused:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return OpenRefused("disk_full", error.strerror or "")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return OpenRefused(read_only_code, error.strerror or "")
    return OpenRefused("storage", error.strerror or "")


def os_fault(error: OSError) -> OpenRefused:
    """The refusal an OS error writing into the data folder means."""
    return _os_fault(error, "folder_read_only")


def probe_folder(folder: Path) -> None:
    """Refuse a data folder that cannot take a write: read-only, or its disk full.

    Writes (and removes) a small file, as a save would: cheap, and true on every OS
    and for every user (root ignores file modes, not a read-only mount).
    """
    probe = folder / f".cabane-essai-{os.getpid()}"
    try:
        try:
            with probe.open("wb") as handle:
                handle.write(b"\0" * _PROBE_BYTES)
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            probe.unlink(missing_ok=True)
    except OSError as error:
        raise _os_fault(error, "folder_read_only") from error


def probe_database_file(path: Path) -> None:
    """Refuse a database file that cannot be written (file mode, read-only mount)."""
    if not path.exists():
        return
    try:
        with path.open("r+b"):
            pass
    except OSError as error:
        raise _os_fault(error, "db_read_only") from error


def fault_of(error: BaseException, key_is_right: bool) -> OpenRefused:
    """The refusal a driver error means. ``key_is_right``: the verifier (or a backup)
    says the key is this folder's, so "not a database" means a damaged first page."""
    cause = storage_cause(error)
    if cause == "not_a_database":
        return OpenRefused("damaged_header") if key_is_right else WrongKeyError()
    return OpenRefused(
        {
            "damaged": "damaged_page",
            "disk_full": "disk_full",
            "read_only": "db_read_only",
            "cant_open": "folder_read_only",
            "locked": "locked",
        }.get(cause, "storage")
    )
