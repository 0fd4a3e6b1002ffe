"""Wiring of the coordination workspace: its services built from an open coordination folder."""

from __future__ import annotations

from pathlib import Path

from desktop.folder import identity
from desktop.folder.desk import OpenDesk
from desktop.folder.secrets import SecretStore
from desktop.folder.shared_store import open_coordination_store
from models.store.files import write_atomically
from ui.coordination.coordination_window import CoordinationServices, CoordinationWindow


def coordination_services(desk: OpenDesk, store: SecretStore | None) -> CoordinationServices:
    """Raises SharedStoreRefused (French reason) if the shared store cannot be used."""

    def write_backup(path: Path, passphrase: str) -> None:
        identity.write_backup(desk, store, path, passphrase)

    def restore_backup(path: Path, passphrase: str) -> str:
        return identity.restore_backup(desk, store, path, passphrase)

    weeks = open_coordination_store(desk, store)  # CABANE_COORDINATION_URL, or this folder
    return CoordinationServices(
        store=weeks.store,
        public_key=lambda: identity.public_key(desk),
        create_identity=lambda: identity.create_identity(desk, store),
        identities=lambda: [identity.secret_key(desk, store)],
        write_backup=write_backup,
        restore_backup=restore_backup,
        write_file=write_atomically,
    )


def coordination_window(desk: OpenDesk, store: SecretStore | None) -> CoordinationWindow:
    return CoordinationWindow(coordination_services(desk, store))
