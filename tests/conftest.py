"""Fixtures: offscreen Qt, an in-memory keychain and a fresh data folder for every test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# the throwaway PostgreSQL cluster's fixtures, for every test (issue 17)
from tests.support.postgres import postgres_cluster, postgres_url  # noqa: E402, F401


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true", help="show windows instead of offscreen")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--onscreen"):
        from tests.support.screens import offscreen_platform

        # The smallest screen Cabane is made for: every window is tested on it.
        os.environ["QT_QPA_PLATFORM"], _scale = offscreen_platform("1280x720")
    # Subprocesses (CLI, crash test) get a file keychain of their own, never the real one.
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
    os.environ.pop("CABANE_DATA_DIR", None)
    os.environ.pop("CABANE_PASSPHRASE", None)


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Each test starts with an empty keychain (a file in its own tmp folder)."""
    import keyring

    from tests.support.file_keyring import FileKeyring

    monkeypatch.setenv("CABANE_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    backend = FileKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keychain() -> Iterator[None]:
    """A machine without a usable keychain (keyring's fail backend)."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "donnees"
    folder.mkdir()
    return folder


@pytest.fixture
def desk(data_dir: Path):  # type: ignore[no-untyped-def]
    """A set-up cabane (Les Lilas, staff « Awa ») with its key in the keychain."""
    from desktop.folder.desk import set_up
    from desktop.folder.secrets import open_keychain
    from models import catalogues
    from models.desk.sites import current_site

    opened, _code = set_up(data_dir, open_keychain(), catalogues.known_sites()[0], "Awa")
    backdate_sites(opened.factory)
    opened.site = current_site(opened.factory)
    yield opened
    opened.close()


def backdate_sites(factory) -> None:  # type: ignore[no-untyped-def]
    """Tests record weeks of the past: the cabane existed then (as the demo makes it)."""
    from datetime import UTC, datetime

    from sqlalchemy import update

    from models.store.entities import Site

    with factory.begin() as session:
        session.execute(update(Site).values(created_at=datetime(2023, 1, 2, tzinfo=UTC)))


@pytest.fixture
def services(desk):  # type: ignore[no-untyped-def]
    from desktop.desk_services import build_services

    return build_services(desk)


@pytest.fixture
def window(qtbot, services):  # type: ignore[no-untyped-def]
    from desktop.app import make_application
    from ui.desk.main_window import MainWindow

    make_application()
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    return win


def run_cabane(*args: str, data_dir: Path, env: dict[str, str] | None = None, timeout: int = 60):  # type: ignore[no-untyped-def]
    """Run ``python -m desktop`` in a subprocess with the test keychain."""
    import subprocess

    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def log(desk):  # type: ignore[no-untyped-def]
    from models.outreach.outreach import OutreachLog

    return OutreachLog(desk.factory, desk.site.id)


@pytest.fixture
def outreach(qtbot, desk, log):  # type: ignore[no-untyped-def]
    from desktop.app import make_application

    make_application()
    from models.desk.sites import StaffDirectory
    from ui.outreach.outreach_parts import OutreachServices
    from ui.outreach.outreach_window import OutreachWindow

    services = OutreachServices(
        log,
        lambda: StaffDirectory(desk.factory, desk.site.id).active(),
        desk.site.commune,
        lambda: 1,
    )
    win = OutreachWindow(services)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture(scope="session", autouse=True)
def french_application(pytestconfig: pytest.Config):  # type: ignore[no-untyped-def]
    """The application as Cabane makes it (French Qt dialogs, French plural forms), made
    first so that every test, whatever the order, sees what a person sees."""
    from desktop.app import make_application

    return make_application()
