"""Weekly files at the département's scale (issue 16): 110 cabanes × 10 years.

Exporting 57,200 weeks through desks would take half an hour, so each file is made from
one of the 260 real weekly files of the 150,000-visit benchmark database (the content of
a real cabane's week), moved to its cabane and week: every time shifted by whole weeks,
the visits' indicators recounted, a manifest for its cabane, signed with that cabane's
own key and encrypted to the coordination — files the import reads exactly like real
ones. Made once into ``.bench/weekly-scale`` and reused.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from models.exchange import crypto
from models.exchange.exchange import INDICATORS, MANIFEST, MEMBERS, SIGNATURE, file_name
from models.exchange.signing import public_text, sign
from models.figures.calendar import iso_week_bounds
from models.figures.indicators import recount_visit_indicators

TIMES = {
    "visits.csv": ("arrived_at",),
    "orientations.csv": ("appointment_at",),
    "sessions.csv": ("starts_at", "ends_at"),
    "outreach.csv": ("starts_at", "ends_at"),
}


def templates(paths: list[Path], secret: str) -> list[dict[str, bytes]]:
    """The members of each real file, in the clear (kept in memory: a few MB)."""
    made = []
    for path in paths:
        clear = crypto.decrypt(path.read_bytes(), secret)
        with zipfile.ZipFile(io.BytesIO(clear)) as archive:
            made.append({name: archive.read(name) for name in archive.namelist()})
    return made


def weeks_back(count: int, last_monday: datetime) -> list[tuple[int, int]]:
    weeks = []
    for back in range(count, 0, -1):
        iso = (last_monday - timedelta(weeks=back)).isocalendar()
        weeks.append((iso.year, iso.week))
    return weeks


def _shifted(
    data: bytes, columns: tuple[str, ...], by: timedelta
) -> tuple[bytes, list[dict[str, str]]]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    if not rows:
        return data, rows
    for row in rows:
        for column in columns:
            if row.get(column):
                row[column] = (datetime.fromisoformat(row[column]) + by).isoformat()
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8"), rows


def week_file(
    template: dict[str, bytes],
    site: tuple[str, str],
    key: Ed25519PrivateKey,
    week: tuple[int, int],
    recipient: str,
) -> bytes:
    """One encrypted, signed weekly file of ``site`` for ``week``, from ``template``."""
    manifest = json.loads(template[MANIFEST])
    old_start = datetime.fromisoformat(manifest["period"]["start"])
    start, end = iso_week_bounds(*week)
    by = timedelta(weeks=round((start - old_start).days / 7))
    members: dict[str, bytes] = {}
    visits: list[dict[str, str]] = []
    for name in MEMBERS:
        members[name], rows = _shifted(template[name], TIMES.get(name, ()), by)
        if name == "visits.csv":
            visits = [r for r in rows if start <= datetime.fromisoformat(r["arrived_at"]) < end]
            if len(visits) != len(rows):  # a visit pushed out by a change of hour: left out
                members[name] = _kept(members[name], visits)
    indicators = json.loads(template[INDICATORS])
    indicators.update(recount_visit_indicators(visits, (start, end)))
    indicators.update(
        iso_year=week[0],
        iso_week=week[1],
        site_code=site[0],
        period_start=start.isoformat(),
        period_end=end.isoformat(),
    )
    members[INDICATORS] = json.dumps(indicators, ensure_ascii=False, sort_keys=True).encode()
    manifest.update(
        site={"code": site[0], "name": site[1], "created_at": "2015-01-05T00:00:00+00:00"},
        signing_key={"algorithm": "ed25519", "public": public_text(key)},
        iso_year=week[0],
        iso_week=week[1],
        period={"start": start.isoformat(), "end": end.isoformat()},
        revision=1,
        row_counts={**manifest["row_counts"], "visits": len(visits)},
        sha256={name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    )
    raw = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, raw)
        archive.writestr(SIGNATURE, sign(key, raw))
        for name, data in members.items():
            archive.writestr(name, data)
    return crypto.encrypt(buffer.getvalue(), [recipient])


def _kept(data: bytes, rows: list[dict[str, str]]) -> bytes:
    header = data.decode("utf-8").split("\r\n", 1)[0].split(",")
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def scale_sites(count: int) -> Iterator[tuple[str, str]]:
    for number in range(1, count + 1):
        yield f"pmi{number:03d}", f"Centre de PMI n° {number}"


def make_scale_files(
    folder: Path, paths: list[Path], secret: str, sites: int, weeks: int, recipient: str
) -> dict[str, str]:
    """Write every file into ``folder``; returns each cabane's public signing key."""
    made = templates(paths, secret)
    today = datetime.now().astimezone()
    this_monday = iso_week_bounds(*today.isocalendar()[:2])[0]
    plan = weeks_back(weeks, this_monday)  # the last ``weeks`` weeks ended
    keys: dict[str, str] = {}
    for index, site in enumerate(scale_sites(sites)):
        key = Ed25519PrivateKey.generate()
        keys[site[0]] = public_text(key)
        for number, week in enumerate(plan):
            template = made[(index * 7 + number) % len(made)]
            data = week_file(template, site, key, week, recipient)
            (folder / file_name(site[0], *week)).write_bytes(data)
    return keys
