"""The ``cabane`` command as IT staff and installers use it: help, setup, self-test, demo,
--exit-when-ready and the one-instance-per-folder rule. Each test runs real subprocesses."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop import __version__
from tests.conftest import ROOT, run_cabane

RECOVERY_CODE = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){13}\b")
NO_KEYCHAIN = {
    "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    "CABANE_PASSPHRASE": "une phrase assez longue",
}
ENGLISH = ("usage:", "show this help", "positional arguments", "optional arguments")
ENGLISH_ERRORS = ("unrecognized", "are required", "invalid ", "expected one", "choose from")


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of the folder but the logs, with a hash of its content."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "logs" not in path.relative_to(folder).parts
    }


def recovery_code_in(output: str) -> str:
    codes = RECOVERY_CODE.findall(output)
    assert len(codes) == 1, output
    return codes[0]


def open_folder(folder: Path, passphrase: str | None = None):  # type: ignore[no-untyped-def]
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain

    return open_existing(folder, open_keychain(), passphrase=passphrase)


def visits_per_site(folder: Path) -> dict[str, int]:
    from models.store.entities import Site, Visit

    desk = open_folder(folder)
    try:
        with desk.factory() as session:
            rows = session.execute(
                select(Site.code, func.count(Visit.id))
                .join(Visit, Visit.site_id == Site.id)
                .group_by(Site.code)
            ).all()
    finally:
        desk.close()
    return {code: count for code, count in rows}


@pytest.fixture
def set_up_folder(data_dir: Path) -> Path:
    """A folder set up in-process (faster than ``cabane setup``), key in the test keychain."""
    from desktop.folder.desk import set_up
    from desktop.folder.secrets import open_keychain
    from models import catalogues

    desk, _code = set_up(data_dir, open_keychain(), catalogues.known_sites()[0], "Awa")
    desk.close()
    return data_dir


@pytest.fixture
def held_lock(data_dir: Path) -> Iterator[object]:
    """Another Cabane (this test process) holds the folder's instance lock."""
    from desktop.folder.instance import InstanceLock

    lock = InstanceLock(data_dir)
    lock.acquire()
    yield lock
    lock.release()


def age_recipient() -> str:
    if shutil.which("age-keygen"):
        result = subprocess.run(["age-keygen"], capture_output=True, text=True, check=True)
        found = re.search(r"age1[0-9a-z]{58}", result.stdout + result.stderr)
        assert found, result
        return found.group(0)
    from models.exchange import crypto

    return crypto.new_identity()[1]


# --- version, help and usage errors --------------------------------------------------


def test_version(data_dir: Path) -> None:
    result = run_cabane("--version", data_dir=data_dir)
    assert result.returncode == 0
    assert result.stdout.strip() == f"Cabane {__version__}"
    assert re.fullmatch(r"Cabane \d+\.\d+\.\d+", result.stdout.strip())


@pytest.mark.parametrize("args", [("--help",), ("setup", "--help"), ("demo", "--help")])
def test_help_is_french(data_dir: Path, args: tuple[str, ...]) -> None:
    result = run_cabane(*args, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Utilisation : cabane")
    assert out.count("Utilisation") == 1, out  # a subcommand once said it twice
    assert "afficher cette aide" in out
    for english in ENGLISH:
        assert english not in out.lower()


def test_help_names_the_commands(data_dir: Path) -> None:
    out = run_cabane("--help", data_dir=data_dir).stdout
    for command in ("setup", "self-test", "demo", "--data-dir", "--exit-when-ready"):
        assert command in out


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--bogus",), "--bogus"),
        (("setup",), "--site"),
        (("setup", "--site", "lilas", "--staff", "Awa", "--format", "yourte"), "yourte"),
        (("demo", "--visits", "beaucoup"), "beaucoup"),
        (("demo",), "--visits"),
        (("frobnicate",), "frobnicate"),
    ],
)
def test_bad_usage_is_refused_in_french(data_dir: Path, args: tuple[str, ...], named: str) -> None:
    result = run_cabane(*args, data_dir=data_dir)
    assert result.returncode == 2
    assert "Erreur :" in result.stderr
    assert named in result.stderr
    assert "Utilisation : cabane" in result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.split("Erreur :", 1)[1]
    for english in ENGLISH_ERRORS:
        assert english not in message, message
    assert not (data_dir / "cabane.db").exists()


# --- setup ---------------------------------------------------------------------------


def test_setup_prints_recovery_code_and_site(data_dir: Path) -> None:
    from desktop.folder.secrets import parse_recovery_code

    result = run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Cabane des Lilas" in result.stdout
    assert "Code de secours" in result.stdout
    code = recovery_code_in(result.stdout)
    assert len(code.split("-")) == 14
    key = parse_recovery_code(code)

    desk = open_folder(data_dir)
    try:
        assert desk.enrolment.key == key  # the printed code is the key that opens it
        assert desk.site is not None and desk.site.code == "lilas"
    finally:
        desk.close()
    # Keychain mode: the key lives in the keychain, never in the data folder.
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert key not in content and key.hex().encode() not in content, path
            assert code.encode() not in content, path


def test_setup_twice_is_refused_and_leaves_the_database_alone(set_up_folder: Path) -> None:
    before = fingerprint(set_up_folder)
    keychain = Path(os.environ["CABANE_TEST_KEYRING"]).read_text()
    result = run_cabane("setup", "--site", "stains", "--staff", "Bob", data_dir=set_up_folder)
    assert result.returncode != 0
    assert "Erreur" in result.stderr and "déjà installée" in result.stderr
    assert not RECOVERY_CODE.search(result.stdout + result.stderr)
    assert fingerprint(set_up_folder) == before
    assert Path(os.environ["CABANE_TEST_KEYRING"]).read_text() == keychain
    desk = open_folder(set_up_folder)
    try:
        assert desk.site is not None and desk.site.code == "lilas"
    finally:
        desk.close()


@pytest.mark.parametrize(
    "extra",
    [(), ("--name", "Cabane de Bondy"), ("--commune", "93010")],
)
def test_setup_of_a_new_site_needs_name_and_commune(data_dir: Path, extra: tuple[str, ...]) -> None:
    result = run_cabane("setup", "--site", "bondy", "--staff", "Awa", *extra, data_dir=data_dir)
    assert result.returncode == 2
    assert "--name" in result.stderr and "--commune" in result.stderr
    assert not (data_dir / "cabane.db").exists()
    assert not (data_dir / "cabane.json").exists()


def test_setup_of_a_new_site_outside_the_departement_is_refused(data_dir: Path) -> None:
    result = run_cabane(
        "setup",
        "--site",
        "paris",
        "--staff",
        "Awa",
        "--name",
        "Cabane de Paris",
        "--commune",
        "75056",
        data_dir=data_dir,
    )
    assert result.returncode == 2
    assert "commune inconnue" in result.stderr
    assert not (data_dir / "cabane.json").exists()


def test_setup_of_a_new_site(data_dir: Path) -> None:
    result = run_cabane(
        "setup",
        "--site",
        "bondy",
        "--staff",
        "Awa",
        "--name",
        "Cabane de Bondy",
        "--commune",
        "93010",
        "--format",
        "modulaire",
        data_dir=data_dir,
    )
    assert result.returncode == 0, result.stderr
    assert "Cabane de Bondy" in result.stdout
    recovery_code_in(result.stdout)
    desk = open_folder(data_dir)
    try:
        site = desk.site
        assert site is not None
        assert (site.code, site.name, site.commune, site.format) == (
            "bondy",
            "Cabane de Bondy",
            "93010",
            "modulaire",
        )
    finally:
        desk.close()


@pytest.mark.parametrize(
    "recipient",
    ["age1xyz", "AGE-SECRET-KEY-1" + "Q" * 58],  # truncated; the secret key by mistake
)
def test_setup_refuses_an_invalid_coordination_recipient(data_dir: Path, recipient: str) -> None:
    result = run_cabane(
        "setup",
        "--site",
        "lilas",
        "--staff",
        "Awa",
        f"--coordination-recipient={recipient}",
        data_dir=data_dir,
    )
    assert result.returncode == 2
    assert "clé publique de la coordination invalide" in result.stderr
    assert not RECOVERY_CODE.search(result.stdout)
    assert not (data_dir / "cabane.db").exists()
    # Nothing half-made: no key left in the keychain for a folder that was not set up.
    keychain = Path(os.environ["CABANE_TEST_KEYRING"])
    assert not keychain.exists() or "database-key" not in keychain.read_text()


def test_setup_stores_coordination_recipients(data_dir: Path) -> None:
    from models.desk.sites import current_site

    first, second = age_recipient(), age_recipient()
    result = run_cabane(
        "setup",
        "--site",
        "courneuve",
        "--staff",
        "Awa",
        "--coordination-recipient",
        first,
        "--coordination-recipient",
        second,
        data_dir=data_dir,
    )
    assert result.returncode == 0, result.stderr
    desk = open_folder(data_dir)
    try:
        site = current_site(desk.factory)
        assert site is not None
        assert site.coordination_recipients == (first, second)
    finally:
        desk.close()


# --- no keychain: passphrase mode ------------------------------------------------------


def test_setup_without_keychain_uses_the_passphrase_and_never_writes_the_key(
    data_dir: Path,
) -> None:
    from desktop.folder.enrolment import PassphraseNeeded
    from desktop.folder.faults import WrongKeyError
    from desktop.folder.secrets import parse_recovery_code

    result = run_cabane(
        "setup", "--site", "tremblay", "--staff", "Awa", data_dir=data_dir, env=NO_KEYCHAIN
    )
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert "Pas de trousseau" in said
    assert "phrase secrète" in result.stdout  # « Clé de la base : phrase secrète … »
    key = parse_recovery_code(recovery_code_in(result.stdout))

    passphrase = NO_KEYCHAIN["CABANE_PASSPHRASE"]
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert any(path.name == "cabane.db" for path in files)
    for path in files:
        content = path.read_bytes()
        assert key not in content, f"raw key in {path}"
        assert key.hex().encode() not in content, f"hex key in {path}"
        assert key.hex().upper().encode() not in content, f"hex key in {path}"
        assert passphrase.encode() not in content, f"passphrase in {path}"

    with pytest.raises(PassphraseNeeded):
        open_folder(data_dir)
    with pytest.raises(WrongKeyError):
        open_folder(data_dir, passphrase="une autre phrase bien longue")
    desk = open_folder(data_dir, passphrase=passphrase)
    try:
        assert desk.enrolment.key == key
        assert desk.site is not None and desk.site.code == "tremblay"
    finally:
        desk.close()


def test_setup_without_keychain_refuses_a_short_passphrase(data_dir: Path) -> None:
    env = {**NO_KEYCHAIN, "CABANE_PASSPHRASE": "court"}
    result = run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir, env=env)
    assert result.returncode == 2
    assert "au moins 10 caractères" in result.stderr
    assert not RECOVERY_CODE.search(result.stdout)


def test_setup_without_keychain_nor_passphrase_is_refused(data_dir: Path) -> None:
    env = {"PYTHON_KEYRING_BACKEND": NO_KEYCHAIN["PYTHON_KEYRING_BACKEND"]}
    result = run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir, env=env)
    assert result.returncode == 2
    assert "CABANE_PASSPHRASE" in result.stderr
    assert not (data_dir / "cabane.db").exists()


def test_self_test_in_passphrase_mode(data_dir: Path) -> None:
    setup = run_cabane(
        "setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir, env=NO_KEYCHAIN
    )
    assert setup.returncode == 0, setup.stderr
    good = run_cabane("self-test", data_dir=data_dir, env=NO_KEYCHAIN)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Tout fonctionne." in good.stdout
    assert "OK     Trousseau : aucun trousseau : phrase secrète" in good.stdout
    wrong = run_cabane(
        "self-test",
        data_dir=data_dir,
        env={**NO_KEYCHAIN, "CABANE_PASSPHRASE": "pas la bonne phrase"},
    )
    assert wrong.returncode == 1
    assert "ÉCHEC  Base de la cabane : Phrase secrète incorrecte." in wrong.stdout
    assert len(wrong.stdout.splitlines()) == 5  # one line a check, then the verdict


# --- self-test -----------------------------------------------------------------------


def test_self_test_on_a_set_up_folder(set_up_folder: Path) -> None:
    result = run_cabane("self-test", data_dir=set_up_folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ÉCHEC" not in result.stdout
    assert "Cabane des Lilas" in result.stdout
    assert "intégrité vérifiée" in result.stdout
    assert result.stdout.rstrip().endswith("Tout fonctionne.")
    # The keychain in French words, never a backend's class name.
    assert "OK     Trousseau : trousseau du système" in result.stdout
    assert "Keyring" not in result.stdout


def test_self_test_on_an_empty_folder_does_not_set_it_up(data_dir: Path) -> None:
    from desktop.folder.desk import needs_setup

    result = run_cabane("self-test", data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pas encore installée" in result.stdout
    assert "Tout fonctionne." in result.stdout
    assert needs_setup(data_dir)
    assert not (data_dir / "cabane.db").exists()


def test_self_test_fails_on_a_corrupted_database(set_up_folder: Path) -> None:
    path = set_up_folder / "cabane.db"
    size = path.stat().st_size
    assert size >= 8 * 4096
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xa5" * 1024)
    result = run_cabane("self-test", data_dir=set_up_folder)
    assert result.returncode == 1
    assert "ÉCHEC  Base de la cabane" in result.stdout
    assert "Au moins une vérification a échoué." in result.stdout
    assert "Tout fonctionne." not in result.stdout
    assert "Traceback" not in result.stderr


def test_self_test_fails_when_the_keychain_lost_the_key(set_up_folder: Path) -> None:
    Path(os.environ["CABANE_TEST_KEYRING"]).unlink()
    result = run_cabane("self-test", data_dir=set_up_folder)
    assert result.returncode == 1
    assert "ÉCHEC  Base de la cabane : La clé de la base n'est pas dans le trousseau" in (
        result.stdout
    )
    assert "code de secours" in result.stdout


# --- demo ----------------------------------------------------------------------------


def test_demo_sets_up_a_site_and_adds_visits(data_dir: Path) -> None:
    result = run_cabane("demo", "--visits", "500", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "500 passages fictifs ajoutés" in result.stdout
    recovery_code_in(result.stdout)
    assert visits_per_site(data_dir) == {"lilas": 500}

    again = run_cabane("demo", "--visits", "20", "--days", "7", data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    assert not RECOVERY_CODE.search(again.stdout)  # no second setup
    assert visits_per_site(data_dir) == {"lilas": 520}


def test_demo_all_sites_spreads_visits_over_the_five_cabanes(data_dir: Path) -> None:
    from models import catalogues

    result = run_cabane("demo", "--visits", "500", "--all-sites", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    counts = visits_per_site(data_dir)
    assert set(counts) == {site.code for site in catalogues.known_sites()}
    assert len(counts) == 5
    assert sum(counts.values()) == 500
    assert all(count == 100 for count in counts.values()), counts


@pytest.mark.parametrize(
    "args",
    [("--visits", "-5"), ("--visits", "3000000"), ("--visits", "10", "--days", "0")],
)
def test_demo_refuses_absurd_values(data_dir: Path, args: tuple[str, ...]) -> None:
    result = run_cabane("demo", *args, data_dir=data_dir)
    assert result.returncode == 2
    assert "Erreur" in result.stderr
    assert not (data_dir / "cabane.db").exists()


# --- --exit-when-ready ---------------------------------------------------------------


def test_exit_when_ready_on_a_set_up_folder(set_up_folder: Path) -> None:
    result = run_cabane("--exit-when-ready", data_dir=set_up_folder)
    assert result.returncode == 0, result.stderr
    found = re.search(r"Prête en (\d+) ms", result.stdout)
    assert found, result.stdout
    assert int(found.group(1)) > 0  # its value is measured by tests/bench, not here


def test_exit_when_ready_opens_a_passphrase_folder_without_asking(data_dir: Path) -> None:
    """An unattended start (installer check, IT script) never waits on a dialog."""
    setup = run_cabane(
        "setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir, env=NO_KEYCHAIN
    )
    assert setup.returncode == 0, setup.stderr
    ready = run_cabane("--exit-when-ready", data_dir=data_dir, env=NO_KEYCHAIN, timeout=30)
    assert ready.returncode == 0, ready.stderr
    assert "Prête en" in ready.stdout

    no_passphrase = {**NO_KEYCHAIN, "CABANE_PASSPHRASE": ""}
    refused = run_cabane("--exit-when-ready", data_dir=data_dir, env=no_passphrase, timeout=30)
    assert refused.returncode == 1
    assert "CABANE_PASSPHRASE" in refused.stderr
    assert "Prête" not in refused.stdout

    wrong = {**NO_KEYCHAIN, "CABANE_PASSPHRASE": "pas la bonne phrase"}
    refused = run_cabane("--exit-when-ready", data_dir=data_dir, env=wrong, timeout=30)
    assert refused.returncode == 9  # wrong key or passphrase (README, codes de sortie)
    assert "Phrase secrète incorrecte" in refused.stderr
    assert "Prête" not in refused.stdout


def test_exit_when_ready_on_a_folder_not_set_up(data_dir: Path) -> None:
    result = run_cabane("--exit-when-ready", data_dir=data_dir)
    assert result.returncode != 0
    assert "pas encore installée" in result.stderr
    assert "cabane setup" in result.stderr
    assert "Prête" not in result.stdout


# --- one instance per data folder ------------------------------------------------------


@pytest.mark.usefixtures("set_up_folder")
def test_second_instance_is_refused_while_the_folder_is_open(
    data_dir: Path, held_lock: object
) -> None:
    ready = run_cabane("--exit-when-ready", data_dir=data_dir)
    assert ready.returncode == 3
    assert "Cabane est déjà ouverte" in ready.stderr
    assert "Prête" not in ready.stdout

    demo = run_cabane("demo", "--visits", "1", data_dir=data_dir)
    assert demo.returncode == 3
    assert "Cabane est ouverte" in demo.stderr
    assert visits_per_site(data_dir) == {}

    setup = run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir)
    assert setup.returncode == 3


def test_start_works_again_once_the_other_instance_closed(set_up_folder: Path) -> None:
    from desktop.folder.instance import InstanceLock

    lock = InstanceLock(set_up_folder)
    lock.acquire()
    try:
        assert run_cabane("demo", "--visits", "1", data_dir=set_up_folder).returncode == 3
    finally:
        lock.release()
    demo = run_cabane("demo", "--visits", "1", data_dir=set_up_folder)
    assert demo.returncode == 0, demo.stderr
    ready = run_cabane("--exit-when-ready", data_dir=set_up_folder)
    assert ready.returncode == 0, ready.stderr
    assert "Prête en" in ready.stdout


def test_the_start_loads_the_database_and_the_desk_before_qt() -> None:
    """Start-up budget (DESIGN.md §9): what `_import_before_qt` loads never pulls PySide6
    in (PySide6 would then read the source of each of them), and the tables of the other
    capabilities are mapped only when first used."""
    code = (
        "import sys; import desktop.cli as cli; cli._import_before_qt(); "
        "print('PySide6' in sys.modules, 'models.store.activity_entities' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
