"""Weekly files are trusted only for what they are: bounded decompression, a declared
schema, a recount, and one bad file never stops a batch. Files are crafted here as an
attacker with the coordination's public key would: checksums recomputed to match."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import tracemalloc
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.desk.checkin import CheckInService, VisitDraft
from models.desk.sites import current_site
from models.exchange import crypto
from models.exchange.coordination import CoordinationStore
from models.exchange.exchange import build_weekly_zip
from models.exchange.signing import sign, signing_secret
from models.exchange.weekly_file import FileRefused, read_weekly_file
from models.store.base import PARIS

WEEK = (2026, 46)


@pytest.fixture
def genuine(desk) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """The members of a genuine week's file (clear)."""
    checkins = CheckInService(desk.factory, desk.site.id)
    for hour in (9, 10, 14):
        checkins.record(
            VisitDraft(arrived_at=datetime(2026, 11, 10, hour, tzinfo=PARIS), mothers=1), 1
        )
    clear = build_weekly_zip(desk.factory, current_site(desk.factory), *WEEK, 1, "test")
    SIGNER[:] = [signing_secret(desk.factory)]  # the cabane's own key signs forgeries here
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def key() -> tuple[str, str]:
    return crypto.new_identity()


SIGNER: list[Ed25519PrivateKey] = []


def seal(members: dict[str, bytes], public: str, fix_checksums: bool = True) -> bytes:
    """Zip and encrypt ``members``; the manifest's checksums made to match and signed
    again with the cabane's key: what a cabane with a bug (or a stolen laptop) could
    send. The content checks must hold even then."""
    members = dict(members)
    if fix_checksums and "manifest.json" in members:
        manifest = json.loads(members["manifest.json"])
        manifest["sha256"] = {
            name: hashlib.sha256(data).hexdigest()
            for name, data in members.items()
            if name not in ("manifest.json", "manifest.sig")
        }
        members["manifest.json"] = json.dumps(manifest).encode()
        members["manifest.sig"] = sign(SIGNER[0], members["manifest.json"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return crypto.encrypt(buffer.getvalue(), [public])


def edited(members: dict[str, bytes], name: str, change) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    data = json.loads(members[name])
    change(data)
    return {**members, name: json.dumps(data).encode()}


def refused(sealed: bytes, secret: str) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        read_weekly_file(sealed, [secret])
    return caught.value


def test_a_genuine_file_reads(genuine, key) -> None:  # type: ignore[no-untyped-def]
    content = read_weekly_file(seal(genuine, key[1]), [key[0]])
    assert content.key == ("lilas", *WEEK) and content.indicators["visits"] == 3


@pytest.mark.parametrize(
    ("name", "change", "reason"),
    [
        ("indicators.json", lambda d: d.update(visits=10**12), "visits"),
        ("indicators.json", lambda d: d.update(adults=-1), "adults"),
        ("indicators.json", lambda d: d["visits_by_commune"].update({"=cmd": 1}), "code inconnu"),
        ("indicators.json", lambda d: d.update(visits=4), "ne correspond pas"),
        ("manifest.json", lambda d: d.update(revision=99_999), "revision"),
        ("manifest.json", lambda d: d.update(iso_year=2099, iso_week=99), "iso_week"),
        ("manifest.json", lambda d: d.update(iso_year=2027, iso_week=30), "période"),
        ("manifest.json", lambda d: d["site"].update(code="LILAS; DROP"), "site.code"),
        (
            "manifest.json",
            lambda d: d["site"].update(created_at="2026-11-20T00:00:00+00:00"),
            "création de la cabane",
        ),
        ("manifest.json", lambda d: d.update(extra="x"), "champ inconnu"),
    ],
)
def test_absurd_values_are_refused_with_the_first_reason(
    genuine, key, name, change, reason
) -> None:  # type: ignore[no-untyped-def]
    problem = refused(seal(edited(genuine, name, change), key[1]), key[0])
    assert problem.code == "invalid_content"
    assert reason in problem.detail, problem.detail


def test_malformed_json_is_refused_not_a_crash(genuine, key) -> None:  # type: ignore[no-untyped-def]
    for name in ("manifest.json", "indicators.json"):
        broken = {**genuine, name: b'{"format": "cabane-weekly", '}
        problem = refused(seal(broken, key[1], fix_checksums=name != "manifest.json"), key[0])
        assert problem.code in ("invalid_content", "unknown_format")


def test_a_bomb_is_refused_without_filling_memory(genuine, key) -> None:  # type: ignore[no-untyped-def]
    bomb = {**genuine, "visits.csv": b"\0" * (200 * 1024 * 1024)}  # deflates to ~200 KB
    sealed = seal(bomb, key[1])
    assert len(sealed) < 1024 * 1024
    tracemalloc.start()
    problem = refused(sealed, key[0])
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert problem.code == "too_large_inflated"
    assert peak < 60 * 1024 * 1024, peak


def test_extra_or_strange_members_are_refused(genuine, key) -> None:  # type: ignore[no-untyped-def]
    many = {**genuine, **{f"x{n}.csv": b"x" for n in range(25)}}
    assert refused(seal(many, key[1]), key[0]).code == "too_many_members"
    traversal = {**genuine, "../../etc/passwd": b"x"}
    assert refused(seal(traversal, key[1]), key[0]).code == "unknown_format"


def test_one_bad_file_never_stops_a_batch(genuine, key, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.folder.desk import set_up_coordination
    from desktop.folder.secrets import open_keychain

    (tmp_path / "coordination").mkdir()
    coordination = set_up_coordination(tmp_path / "coordination", open_keychain())
    batch = tmp_path / "lot"
    batch.mkdir()
    store = CoordinationStore(coordination.factory)
    files = {
        "a-bombe.age": seal({**genuine, "visits.csv": b"\0" * (30 * 1024 * 1024)}, key[1]),
        "b-faux.age": seal({**genuine, "manifest.json": b"[1, 2"}, key[1], fix_checksums=False),
        "c-vrai.age": seal(genuine, key[1]),
        "d-vide.age": b"",
    }
    for name, data in files.items():
        (batch / name).write_bytes(data)
    outcomes = store.import_paths(sorted(batch.glob("*.age")), [key[0]], lambda *_: True)
    assert [(o.source, o.status) for o in outcomes] == [
        ("a-bombe.age", "refused"),
        ("b-faux.age", "refused"),
        ("c-vrai.age", "imported"),
        ("d-vide.age", "refused"),
    ]
    coordination.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10_000), st.binary(min_size=1, max_size=8)), max_size=6)
)
def test_any_damage_to_the_zip_is_a_refusal_never_a_crash(genuine, key, cuts) -> None:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in genuine.items():
            archive.writestr(name, data)
    clear = bytearray(buffer.getvalue())
    for position, junk in cuts:
        at = position % len(clear)
        clear[at : at + len(junk)] = junk
    sealed = crypto.encrypt(bytes(clear), [key[1]])
    with contextlib.suppress(FileRefused):  # refused is fine; anything else fails
        read_weekly_file(sealed, [key[0]])


def test_a_member_marked_as_password_protected_is_refused_as_damaged(genuine, key) -> None:  # type: ignore[no-untyped-def]
    """One flipped bit makes a member look encrypted to zipfile (found by the test
    above): the file is refused as damaged, never a crash."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in genuine.items():
            archive.writestr(name, data)
    clear = bytearray(buffer.getvalue())
    central = clear.index(b"PK\x01\x02")  # the first member's central directory entry
    clear[central + 8] |= 0x01  # its general purpose flags: « encrypted »
    sealed = crypto.encrypt(bytes(clear), [key[1]])
    assert refused(sealed, key[0]).code == "damaged"


def _first_visit_id(members: dict[str, bytes]) -> str:
    lines = members["visits.csv"].decode().splitlines()
    return lines[1].split(",")[lines[0].split(",").index("visit_id")]


@pytest.mark.parametrize(
    ("member", "rows", "reason"),
    [
        (
            "orientations.csv",
            "visit_id,service,status,appointment_at\r\n{v},astrologie,proposed,\r\n",
            "orientations.csv — ligne 2 : code « astrologie » inconnu pour « service »",
        ),
        (
            "orientations.csv",
            "visit_id,service,status,appointment_at\r\n{v},child_follow_up,proposed,\r\n"
            "ailleurs,child_follow_up,proposed,\r\n",
            "orientations.csv — ligne 3 : code « ailleurs » inconnu pour « visit_id »",
        ),
        (
            "referrals.csv",
            "visit_id,partner_type,theme,status,slip_printed\r\n{v},caf,childcare\r\n",
            "referrals.csv — ligne 2 : colonne « status » absente",
        ),
        (
            "referrals.csv",
            "visit_id,partner_type,theme,status,status\r\n{v},caf,childcare,done,done\r\n",
            "referrals.csv — une colonne y est nommée deux fois",
        ),
    ],
)
def test_a_forged_row_refuses_the_file_saying_where(genuine, key, member, rows, reason) -> None:  # type: ignore[no-untyped-def]
    """Orientations and referrals are read column by column when usual, row by row when
    not: the refusal names the member, the line and the value."""
    forged = {**genuine, member: rows.format(v=_first_visit_id(genuine)).encode()}
    problem = refused(seal(forged, key[1]), key[0])
    assert problem.code == "invalid_content"
    assert reason in problem.detail, problem.detail


def test_usual_orientations_and_referrals_are_kept_on_their_visits_day(genuine, key) -> None:  # type: ignore[no-untyped-def]
    visit = _first_visit_id(genuine)
    members = {
        **genuine,
        "orientations.csv": (
            "visit_id,service,status,appointment_at\r\n"
            f"{visit},child_follow_up,honoured,\r\n{visit},childcare_nurse,proposed,\r\n"
        ).encode(),
        "referrals.csv": (
            f"visit_id,partner_type,theme,status,slip_printed\r\n{visit},caf,childcare,done,1\r\n"
        ).encode(),
    }
    rows = read_weekly_file(seal(members, key[1]), [key[0]]).rows
    assert rows.orientations == [
        {"day": "2026-11-10", "service": "child_follow_up", "status": "honoured"},
        {"day": "2026-11-10", "service": "childcare_nurse", "status": "proposed"},
    ]
    assert rows.referrals == [
        {"day": "2026-11-10", "partner_type": "caf", "theme": "childcare", "status": "done"}
    ]
