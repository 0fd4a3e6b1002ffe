"""Known families for the demonstration (fictitious labels and phones): most seen
lately, a few last seen more than 24 months ago, so that the retention has something to
erase on a demo (``cabane purge --dry-run``)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from models.desk.families import new_card_code
from models.store.base import PARIS
from models.store.entities import Family, Staff, Visit
from models.store.storage import storage_guard

FIRST_NAMES = ("Lina", "Adam", "Inaya", "Moussa", "Aya", "Sami", "Nour", "Ilyes", "Maya", "Ayan")
RECENT, FORMER = 8, 4


def add_known_families(
    factory: sessionmaker[Session], site_id: int, now: datetime, seed: int = 93
) -> int:
    """Add ``RECENT`` + ``FORMER`` known families, each linked to a few visits of its
    period when the demo has visits then; returns how many were added."""
    rng = random.Random(seed)
    with storage_guard(), factory.begin() as session:
        staff_id = session.scalar(select(Staff.id).where(Staff.site_id == site_id).limit(1))
        if staff_id is None:
            return 0
        for number in range(RECENT + FORMER):
            former = number >= RECENT
            months = rng.randint(25, 30) if former else rng.randint(0, 6)
            last = now - timedelta(days=months * 30 + rng.randint(0, 20))
            name = FIRST_NAMES[number % len(FIRST_NAMES)]
            family = Family(
                site_id=site_id,
                label=f"Maman de {name} (démo {number + 1})",
                phone=f"06 00 00 {number:02d} {rng.randint(10, 99)}",
                card_code=new_card_code(),
                consent_at=last - timedelta(days=rng.randint(30, 200)),
                consent_staff_id=staff_id,
                last_contact_at=last,
            )
            session.add(family)
            session.flush()
            window_start = family.consent_at
            visits = session.scalars(
                select(Visit.id)
                .where(
                    Visit.site_id == site_id,
                    Visit.family_id.is_(None),
                    Visit.arrived_at >= window_start,
                    Visit.arrived_at <= last,
                )
                .limit(rng.randint(2, 5))
            ).all()
            if visits:
                session.execute(
                    update(Visit).where(Visit.id.in_(visits)).values(family_id=family.id)
                )
                newest = session.scalar(
                    select(Visit.arrived_at)
                    .where(Visit.family_id == family.id)
                    .order_by(Visit.arrived_at.desc())
                )
                if newest is not None:
                    family.last_contact_at = newest.astimezone(PARIS)
    return RECENT + FORMER
