"""Only genuine weekly files: each cabane signs its files; the coordination keeps a
register of the cabanes' keys and refuses a file not signed by its cabane's key, a forged
one, an unsigned (version 1) one. A week can be withdrawn; keys are replaced explicitly."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from models.desk.checkin import CheckInService, VisitDraft
from models.desk.sites import current_site
from models.exchange import crypto
from models.exchange.coordination import CoordinationStore
from models.exchange.exchange import build_weekly_zip
from models.exchange.signing import (
    SiteKey,
    fingerprint,
    key_file,
    public_text,
    read_key_file,
    sign,
    signing_secret,
)
from models.exchange.trust import TrustRefused
from models.store.base import PARIS
from tests.conftest import run_cabane
from tests.support.postgres import ENGINES, coordination_factory

WEEK = (2026, 46)
YES = lambda *_: True  # noqa: E731 — a person who checked the fingerprint


@pytest.fixture
def cabane(desk):  # type: ignore[no-untyped-def]
    CheckInService(desk.factory, desk.site.id).record(
        VisitDraft(arrived_at=datetime(2026, 11, 10, 10, tzinfo=PARIS), mothers=1), 1
    )
    return desk


@pytest.fixture(params=ENGINES)
def coordination(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The coordination's store, on SQLCipher and on PostgreSQL (issue 17)."""
    with coordination_factory(request, tmp_path) as factory:
        yield CoordinationStore(factory)


@pytest.fixture
def age_key() -> tuple[str, str]:
    return crypto.new_identity()


def members(clear: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(parts: dict[str, bytes], public: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return crypto.encrypt(buffer.getvalue(), [public])


def genuine(desk, revision: int = 1) -> bytes:  # type: ignore[no-untyped-def]
    return build_weekly_zip(desk.factory, current_site(desk.factory), *WEEK, revision, "test")


def forged_by(other: Ed25519PrivateKey, clear: bytes, revision: int) -> dict[str, bytes]:
    """The same week of the same cabane, signed with an attacker's own key."""
    parts = members(clear)
    manifest = json.loads(parts["manifest.json"])
    manifest["revision"] = revision
    manifest["signing_key"]["public"] = public_text(other)
    parts["manifest.json"] = json.dumps(manifest).encode()
    parts["manifest.sig"] = sign(other, parts["manifest.json"])
    return parts


def test_a_new_cabane_is_trusted_only_when_confirmed(cabane, coordination, age_key) -> None:  # type: ignore[no-untyped-def]
    sealed = crypto.encrypt(genuine(cabane), [age_key[1]])
    first = coordination.import_data(sealed, [age_key[0]], "a.age")
    expected = fingerprint(public_text(signing_secret(cabane.factory)))
    assert (first.status, first.code, first.detail) == ("refused", "unknown_key", expected)
    seen: list[tuple[str, str, str]] = []
    confirmed = coordination.import_data(
        sealed, [age_key[0]], "a.age", lambda *args: seen.append(args) or True
    )
    assert confirmed.status == "imported"
    assert seen == [("lilas", "Cabane des Lilas", expected)]


def test_a_file_signed_by_another_key_is_refused_and_locks_nothing_out(
    cabane, coordination, age_key
) -> None:  # type: ignore[no-untyped-def]
    clear = genuine(cabane)
    assert (
        coordination.import_data(crypto.encrypt(clear, [age_key[1]]), [age_key[0]], "g", YES).status
        == "imported"
    )
    attacker = Ed25519PrivateKey.generate()
    forged = rezip(forged_by(attacker, clear, 9999), age_key[1])
    outcome = coordination.import_data(forged, [age_key[0]], "forged.age", YES)
    assert (outcome.status, outcome.code) == ("refused", "untrusted_key")
    # The genuine revision 2 still imports: nothing was locked out.
    second = crypto.encrypt(genuine(cabane, revision=2), [age_key[1]])
    assert coordination.import_data(second, [age_key[0]], "g2", YES).status == "replaced"


def test_a_changed_or_unsigned_manifest_is_refused(cabane, coordination, age_key) -> None:  # type: ignore[no-untyped-def]
    parts = members(genuine(cabane))
    manifest = json.loads(parts["manifest.json"])
    manifest["revision"] = 5
    changed = {**parts, "manifest.json": json.dumps(manifest).encode()}
    unsigned = {name: data for name, data in parts.items() if name != "manifest.sig"}
    for bad in (changed, unsigned):
        outcome = coordination.import_data(rezip(bad, age_key[1]), [age_key[0]], "x", YES)
        assert (outcome.status, outcome.code) == ("refused", "bad_signature")


def test_version_one_is_refused_with_a_clear_reason(cabane, coordination, age_key) -> None:  # type: ignore[no-untyped-def]
    parts = members(genuine(cabane))
    manifest = json.loads(parts["manifest.json"])
    manifest["format_version"] = 1
    del manifest["signing_key"]
    parts = {n: d for n, d in parts.items() if n != "manifest.sig"}
    parts["manifest.json"] = json.dumps(manifest).encode()
    outcome = coordination.import_data(rezip(parts, age_key[1]), [age_key[0]], "v1", YES)
    assert (outcome.status, outcome.code) == ("refused", "unsigned_version")


def test_the_key_file_registers_and_replacing_is_explicit(cabane, coordination) -> None:  # type: ignore[no-untyped-def]
    key = SiteKey("lilas", "Cabane des Lilas", public_text(signing_secret(cabane.factory)))
    read = read_key_file(key_file(key))
    assert read == key and len(key.fingerprint) == 19
    assert coordination.register.trust(read) is True
    assert coordination.register.trust(read) is False
    other = SiteKey("lilas", "Cabane des Lilas", public_text(Ed25519PrivateKey.generate()))
    with pytest.raises(TrustRefused):
        coordination.register.trust(other)
    assert coordination.register.trust(other, replace=True) is True
    assert coordination.register.trusted("lilas") == other.public
    with pytest.raises(ValueError):
        read_key_file(b'{"format": "cabane-signing-key", "public": "x"}')


def test_a_withdrawn_week_lets_a_lower_revision_in(cabane, coordination, age_key) -> None:  # type: ignore[no-untyped-def]
    high = crypto.encrypt(genuine(cabane, revision=7), [age_key[1]])
    low = crypto.encrypt(genuine(cabane, revision=2), [age_key[1]])
    assert coordination.import_data(high, [age_key[0]], "r7", YES).status == "imported"
    assert coordination.import_data(low, [age_key[0]], "r2", YES).code == "older_revision"
    coordination.withdraw("lilas", *WEEK, "révision 7 envoyée par erreur")
    assert coordination.import_data(low, [age_key[0]], "r2", YES).status == "imported"
    with pytest.raises(LookupError):
        coordination.withdraw("lilas", 2026, 1, "rien")


def test_the_command_line_writes_and_trusts_the_key(tmp_path: Path) -> None:
    site, coord = tmp_path / "cabane", tmp_path / "coordination"
    assert (
        run_cabane("setup", "--site", "stains", "--staff", "Nadia", data_dir=site).returncode == 0
    )
    out = tmp_path / "cle-stains.json"
    written = run_cabane("signing-key", "--out", str(out), data_dir=site)
    assert written.returncode == 0, written.stderr
    assert "Empreinte" in written.stdout
    assert run_cabane("coordination", "init", data_dir=coord).returncode == 0
    trusted = run_cabane("coordination", "trust", str(out), data_dir=coord)
    assert trusted.returncode == 0, trusted.stderr
    assert "enregistrée" in trusted.stdout
    held = json.loads(out.read_text())  # plain JSON, no secret: safe to hand over
    assert set(held) == {"format", "site", "algorithm", "public"}
