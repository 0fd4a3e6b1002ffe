"""Realistic synthetic visits for demonstrations and benchmarks (no real person in them)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.desk.checkin import CHILD_FIELDS
from models.store.base import PARIS
from models.store.entities import Site, Visit, VisitLanguage, VisitReason
from models.store.storage import storage_guard

CHUNK = 5000
# Opening sessions of a typical cabane: (ISO weekday, start hour, end hour).
OPENINGS = ((1, 9, 13), (2, 9, 13), (3, 9, 13), (3, 14, 17), (4, 9, 13), (5, 14, 17))
BAND_WEIGHTS = (24, 22, 22, 14, 12, 6)
CHANNEL_WEIGHTS = {
    "street": 26,
    "pmi": 18,
    "partner": 12,
    "word_of_mouth": 20,
    "flyer": 5,
    "social_media": 3,
    "passing_by": 10,
    "other": 2,
    "unknown": 4,
}
LANGUAGE_WEIGHTS = {
    "ar": 14,
    "en": 6,
    "ta": 5,
    "bn": 5,
    "snk": 4,
    "bm": 3,
    "tr": 2,
    "zh": 2,
    "ro": 3,
    "pt": 2,
    "ur": 2,
}
REASON_WEIGHTS = {
    "play": 40,
    "activity": 15,
    "meet_parents": 20,
    "parenting": 25,
    "pregnancy": 8,
    "breastfeeding": 5,
    "pmi_info": 10,
    "rights": 8,
    "childcare": 6,
    "basic_needs": 5,
    "other": 3,
}


def _commune_picker(site_commune: str, rng: random.Random) -> Iterator[str]:
    towns = [e.code for e in catalogues.communes() if e.active and e.code.startswith("93")]
    neighbours = rng.sample([t for t in towns if t != site_commune], 3)
    others = [t for t in towns if t != site_commune and t not in neighbours]
    while True:
        roll = rng.random()
        if roll < 0.55:
            yield site_commune
        elif roll < 0.78:
            yield rng.choice(neighbours)
        elif roll < 0.88:
            yield rng.choice(others)
        else:
            yield rng.choice(("paris", "hors93", "sans_domicile", "unknown"))


def _opening_slots(start: date, days: int) -> list[tuple[date, int, int]]:
    slots = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        slots += [(day, a, b) for (wd, a, b) in OPENINGS if wd == day.isoweekday()]
    return slots


def generate_visits(
    factory: sessionmaker[Session],
    site_id: int,
    site_commune: str,
    count: int,
    *,
    staff_id: int | None = None,
    end: date | None = None,
    days: int = 365,
    seed: int = 93,
) -> int:
    """Insert ``count`` visits spread over the opening hours of ``days`` days up to ``end``."""
    rng = random.Random(seed)
    last = end or datetime.now(PARIS).date() - timedelta(days=1)
    slots = _opening_slots(last - timedelta(days=days - 1), days)
    if not slots or count <= 0:
        return 0
    commune = _commune_picker(site_commune, rng)
    channels, channel_w = zip(*CHANNEL_WEIGHTS.items(), strict=True)
    langs, lang_w = zip(*LANGUAGE_WEIGHTS.items(), strict=True)
    reasons, reason_w = zip(*REASON_WEIGHTS.items(), strict=True)
    created = datetime.now(UTC)
    visits: list[dict[str, object]] = []
    languages: list[dict[str, object]] = []
    reason_rows: list[dict[str, object]] = []
    inserted = 0

    def flush(session: Session) -> None:
        session.execute(insert(Visit), visits)
        session.execute(insert(VisitLanguage), languages)
        if reason_rows:
            session.execute(insert(VisitReason), reason_rows)
        visits.clear()
        languages.clear()
        reason_rows.clear()

    with storage_guard(), factory.begin() as session:
        for _ in range(count):
            day, first_hour, last_hour = rng.choice(slots)
            minute = rng.randrange((last_hour - first_hour) * 60)
            local = datetime.combine(day, time(first_hour), tzinfo=PARIS) + timedelta(
                minutes=minute
            )
            mothers = 1 if rng.random() < 0.86 else rng.choice((0, 2))
            fathers = 1 if rng.random() < 0.18 else 0
            other_adults = 1 if rng.random() < 0.12 else 0
            professionals = 1 if rng.random() < 0.04 else 0
            if mothers + fathers + other_adults + professionals == 0:
                mothers = 1
            children = dict.fromkeys(CHILD_FIELDS, 0)
            for _child in range(rng.choices((0, 1, 2, 3), (8, 60, 26, 6))[0]):
                field = rng.choices(CHILD_FIELDS, BAND_WEIGHTS)[0]
                children[field] += 1
            pregnant = (
                1 if mothers and rng.random() < (0.5 if not any(children.values()) else 0.1) else 0
            )
            first = rng.choices(("yes", "no", "unknown"), (22, 74, 4))[0]
            visit_id = str(uuid.uuid4())
            codes = ["fr"] if rng.random() < 0.62 else []
            if not codes or rng.random() < 0.2:
                codes.append(rng.choices(langs, lang_w)[0])
            visits.append(
                {
                    "id": visit_id,
                    "site_id": site_id,
                    "recorded_by_id": staff_id,
                    "arrived_at": local.astimezone(UTC),
                    "mothers": mothers,
                    "fathers": fathers,
                    "other_adults": other_adults,
                    "professionals": professionals,
                    "pregnant": pregnant,
                    **children,
                    "first_visit": first,
                    "known_to_pmi": rng.choices(("yes", "no", "unknown"), (55, 35, 10))[0],
                    "commune": next(commune),
                    "heard_via": rng.choices(channels, channel_w)[0],
                    "interpreter_needed": "fr" not in codes and rng.random() < 0.5,
                    "session_id": None,
                    "family_id": None,
                    "note": None,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            languages += [
                {"visit_id": visit_id, "code": c, "position": i} for i, c in enumerate(codes)
            ]
            for code in set(rng.choices(reasons, reason_w, k=rng.choice((1, 1, 2)))):
                reason_rows.append({"visit_id": visit_id, "code": code})
            if len(visits) >= CHUNK:
                inserted += len(visits)
                flush(session)
        inserted += len(visits)
        if visits:
            flush(session)
        # The cabane existed for the whole demo period (DESIGN.md §8): its creation date
        # goes back to the period's first day, never forward.
        opened = datetime.combine(slots[0][0], time(0), tzinfo=PARIS).astimezone(UTC)
        session.execute(
            update(Site)
            .where(Site.id == site_id, (Site.created_at.is_(None)) | (Site.created_at > opened))
            .values(created_at=opened)
        )
    return inserted


def add_other_known_sites(factory: sessionmaker[Session], own_code: str) -> list[tuple[int, str]]:
    """Create (once) the other cabanes of the département, for a multi-site test database."""
    result = []
    with storage_guard(), factory.begin() as session:
        for known in catalogues.known_sites():
            if known.code == own_code:
                continue
            site = session.scalars(select(Site).where(Site.code == known.code)).first()
            if site is None:
                site = Site(
                    code=known.code,
                    name=known.name,
                    commune=known.commune,
                    format=known.format,
                    pmi_centre=known.pmi_centre,
                    address=known.address,
                    opening_hours=known.opening_hours,
                    settings={},
                )
                session.add(site)
                session.flush()
            result.append((site.id, site.commune))
    return result
