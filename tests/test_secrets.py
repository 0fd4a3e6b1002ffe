"""The database key: keychain, passphrase mode without keychain, and the recovery code."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.folder.desk import open_existing, open_with_recovery_code, set_up
from desktop.folder.enrolment import KeyMissing, PassphraseNeeded, PassphraseTooShort
from desktop.folder.faults import WrongKeyError
from desktop.folder.secrets import (
    BadRecoveryCode,
    load_config,
    new_key,
    open_keychain,
    parse_recovery_code,
    recovery_code,
)
from models import catalogues

LILAS = catalogues.known_sites()[0]


def test_recovery_code_reads_back_the_key_despite_case_spaces_and_look_alikes() -> None:
    key = new_key()
    code = recovery_code(key)
    groups = code.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert parse_recovery_code(code) == key
    sloppy = " ".join(groups).lower().replace("o", "0").replace("i", "1")
    assert parse_recovery_code(sloppy) == key


def test_a_mistyped_recovery_code_is_refused() -> None:
    code = recovery_code(new_key())
    wrong = ("A" if code[0] != "A" else "B") + code[1:]
    with pytest.raises(BadRecoveryCode):
        parse_recovery_code(wrong)
    with pytest.raises(BadRecoveryCode):
        parse_recovery_code(code[:-5])


def test_the_key_lives_in_the_keychain(data_dir: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    desk, _code = set_up(data_dir, open_keychain(), LILAS, "Awa")
    desk.close()
    config = load_config(data_dir)
    assert config is not None and config.key_storage == "keyring"
    stored = memory_keyring.get_password("cabane", config.keyring_name)
    assert bytes.fromhex(stored) == desk.enrolment.key
    reopened = open_existing(data_dir, open_keychain())
    assert reopened.site is not None and reopened.site.code == "lilas"
    reopened.close()


def test_recovery_code_re_enrols_a_lost_key(data_dir: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    desk, code = set_up(data_dir, open_keychain(), LILAS, "Awa")
    desk.close()
    config = load_config(data_dir)
    assert config is not None
    memory_keyring.delete_password("cabane", config.keyring_name)  # a new account, a wiped keychain
    with pytest.raises(KeyMissing):
        open_existing(data_dir, open_keychain())
    with pytest.raises(WrongKeyError):
        open_with_recovery_code(data_dir, open_keychain(), recovery_code(new_key()))
    reopened = open_with_recovery_code(data_dir, open_keychain(), code)
    reopened.close()
    assert memory_keyring.get_password("cabane", config.keyring_name) == desk.enrolment.key.hex()
    open_existing(data_dir, open_keychain()).close()  # and the next start needs no code


def test_without_keychain_a_passphrase_protects_the_database(data_dir: Path, no_keychain) -> None:  # type: ignore[no-untyped-def]
    assert open_keychain() is None
    with pytest.raises(PassphraseTooShort):
        set_up(data_dir, None, LILAS, "Awa", passphrase="court")
    desk, code = set_up(data_dir, None, LILAS, "Awa", passphrase="le jardin des lilas")
    desk.close()
    assert "phrase secrète" in desk.enrolment.where
    with pytest.raises(PassphraseNeeded):
        open_existing(data_dir, None)
    with pytest.raises(WrongKeyError):
        open_existing(data_dir, None, passphrase="le jardin des roses")
    open_existing(data_dir, None, passphrase="le jardin des lilas").close()
    # The recovery code opens it too (a forgotten passphrase).
    open_with_recovery_code(data_dir, None, code).close()
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert desk.enrolment.key.hex().encode() not in content
            assert b"le jardin des lilas" not in content


def test_an_interrupted_setup_is_finished_with_the_same_key(data_dir: Path) -> None:
    from desktop.folder.database import open_database
    from desktop.folder.desk import db_path
    from desktop.folder.enrolment import enrol_new

    enrolment = enrol_new(data_dir, open_keychain())
    engine, _ = open_database(db_path(data_dir), enrolment.key)  # then the power went off
    engine.dispose()
    desk, code = set_up(data_dir, open_keychain(), LILAS, "Awa")
    desk.close()
    assert parse_recovery_code(code) == enrolment.key
