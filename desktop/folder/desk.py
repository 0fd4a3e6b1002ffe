"""Opening a data folder: first-run setup, finding the key, recovery, and the desk's services."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.folder.database import DB_FILENAME, open_database
from desktop.folder.enrolment import (
    Enrolment,
    enrol_new,
    find_key,
    passphrase_where,
    re_enrol,
    remember_key_check,
)
from desktop.folder.faults import (
    DAMAGED,
    DamagedDatabase,
    OpenRefused,
    WrongKeyError,
    key_check_value,
)
from desktop.folder.secrets import (
    LocalConfig,
    SecretStore,
    load_config,
    parse_recovery_code,
    recovery_code,
)
from models import catalogues
from models.desk.sites import SetupError, SiteInfo, current_site, setup_site, validate_setup


@dataclass
class OpenDesk:
    folder: Path
    engine: Engine
    factory: sessionmaker[Session]
    enrolment: Enrolment
    site: SiteInfo | None

    def close(self) -> None:
        self.engine.dispose()


def db_path(folder: Path) -> Path:
    return folder / DB_FILENAME


def needs_setup(folder: Path) -> bool:
    """True on first run: no key configuration or no database file yet."""
    return load_config(folder) is None or not db_path(folder).exists()


def _open_database(
    folder: Path, key: bytes, key_check: str
) -> tuple[Engine, sessionmaker[Session]]:
    """open_database, with a damaged file said as DamagedDatabase (carrying the key)."""
    try:
        return open_database(db_path(folder), key, key_check)
    except OpenRefused as refused:
        if refused.code in DAMAGED:
            raise DamagedDatabase(refused.code, key) from refused
        raise


def _open(folder: Path, enrolment: Enrolment) -> OpenDesk:
    engine, factory = _open_database(folder, enrolment.key, enrolment.config.key_check)
    enrolment = remember_key_check(folder, enrolment)
    return OpenDesk(folder, engine, factory, enrolment, current_site(factory))


def open_existing(
    folder: Path, store: SecretStore | None, passphrase: str | None = None
) -> OpenDesk:
    """Open with the key from the keychain (or the passphrase). Raises KeyMissing,
    PassphraseNeeded, WrongKeyError (a wrong passphrase) or OpenRefused (the true cause
    of a storage fault: read-only, disk full, damaged…)."""
    return _open(folder, find_key(folder, store, passphrase))


def open_with_key(folder: Path, store: SecretStore | None, key: bytes) -> OpenDesk:
    """Reopen with a key already known to be right (after a damaged database was
    replaced by its latest good copy)."""
    config = load_config(folder) or LocalConfig()
    keychain = config.key_storage == "keyring" and store is not None
    where = store.where() if keychain and store is not None else passphrase_where()
    return _open(folder, Enrolment(config, key, where))


def open_with_recovery_code(folder: Path, store: SecretStore | None, code: str) -> OpenDesk:
    """Open with the recovery code, then put the key back into the keychain.

    Raises BadRecoveryCode (typo), WrongKeyError (a code of another cabane) or
    OpenRefused (a storage fault: the right code does not mend a damaged file).
    """
    key = parse_recovery_code(code)
    config = load_config(folder)
    known = config.key_check if config is not None else ""
    if known and known != key_check_value(key):
        raise WrongKeyError("recovery code")
    engine, factory = _open_database(folder, key, known)
    enrolment = re_enrol(folder, store, key)
    return OpenDesk(folder, engine, factory, enrolment, current_site(factory))


def set_up_coordination(
    folder: Path, store: SecretStore | None, passphrase: str | None = None
) -> OpenDesk:
    """First run of the coordination workspace: the key, the database, no site."""
    if not needs_setup(folder):
        raise SetupError("already_set_up")
    return _open(folder, enrol_new(folder, store, passphrase, mode="coordination"))


def is_coordination(folder: Path) -> bool:
    config = load_config(folder)
    return config is not None and config.mode == "coordination"


def set_up(
    folder: Path,
    store: SecretStore | None,
    site: catalogues.KnownSite,
    staff_name: str,
    recipients: tuple[str, ...] = (),
    passphrase: str | None = None,
) -> tuple[OpenDesk, str]:
    """First run: make and keep the key, create the database and the site.

    Returns the open desk and the recovery code, to be shown once.
    """
    validate_setup(site, staff_name, recipients)
    if is_coordination(folder):
        raise SetupError("already_set_up")
    if db_path(folder).exists() and load_config(folder) is not None:
        desk = open_existing(folder, store, passphrase)  # an interrupted setup: reuse its key
    else:
        desk = _open(folder, enrol_new(folder, store, passphrase))
    site_info, staff = setup_site(desk.factory, site, staff_name, recipients)
    desk.site = site_info
    # The directory starts with the national numbers and the cabane's own PMI centre.
    from models.orientations.partners import CentreInfo, PartnerDirectory, PmiCentres

    PartnerDirectory(desk.factory).seed()
    centres = PmiCentres(desk.factory)
    if not centres.all():
        centre = CentreInfo(
            0,
            site.pmi_centre or "Centre de PMI",
            address=site.pmi_centre_address,
            commune=site.commune,
            phone=site.pmi_centre_phone,
            opening_hours=site.pmi_centre_hours,
        )
        centres.save(centre, staff.id)
    return desk, recovery_code(desk.enrolment.key)
