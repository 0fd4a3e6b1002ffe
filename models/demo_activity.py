"""Demo activity beside the demo visits: the programme (sessions held with attendance and
facilitators, and the next weeks planned), street outings, PMI orientations and partner
referrals with their outcomes — so that every window and document has content.

Deterministic for a seed; only codes and made-up counts, never a real person.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.demo import OPENINGS
from models.store.activity_entities import (
    ActivitySession,
    Orientation,
    OutreachOuting,
    Partner,
    Referral,
)
from models.store.base import PARIS, new_id, utc_now
from models.store.entities import Visit
from models.store.storage import storage_guard

# (ISO weekday, start, end, activity, title, facilitator, (salaried, volunteers, partners'
# staff)): a cabane's usual week; the opening slots of models.demo are « Accueil libre »
WEEK = (
    (2, time(10), time(11, 30), "baby_massage", "Massage bébé", "Awa", (1, 0, 0)),
    (2, time(14), time(16), "parents_cafe", "Café des parents", "Inès", (1, 1, 0)),
    (3, time(9, 30), time(11), "sensory_motor", "Éveil et motricité", "Léa", (1, 0, 0)),
    (4, time(10), time(12), "pmi_session", "Permanence de la puéricultrice", "PMI", (1, 0, 0)),
    (4, time(14), time(15, 30), "reading", "Lecture d'albums", "Médiathèque", (0, 1, 1)),
    *(
        (day, time(start), time(end), "open_welcome", "Accueil libre", "L'équipe", (2, 0, 0))
        for day, start, end in OPENINGS
    ),
)
OUTING_PLACES = ("Marché du centre", "Parvis de la gare", "Square des enfants", "Centre social")
PLANNED_WEEKS = 4  # the programme already written ahead
ORIENTED_SHARE, REFERRED_SHARE = 0.14, 0.08


def _paris(day: date, at: time) -> datetime:
    return datetime.combine(day, at, PARIS)


def generate_activity(
    factory: sessionmaker[Session],
    site_id: int,
    site_commune: str,
    *,
    end: date,
    days: int,
    seed: int = 93,
) -> dict[str, int]:
    """Sessions, outings, orientations and referrals over ``days`` days up to ``end``
    (and the programme of the weeks after it). Returns how many of each were added."""
    rng = random.Random(seed)
    first = end - timedelta(days=days - 1)
    activities = catalogues.codes(catalogues.activity_types())
    with storage_guard(), factory.begin() as session:
        sessions = _sessions(site_id, first, end, activities, rng)
        outings = _outings(site_id, site_commune, first, end, rng)
        if sessions:
            session.execute(insert(ActivitySession), sessions)
        if outings:
            session.execute(insert(OutreachOuting), outings)
        oriented, referred = _follow_ups(session, site_id, first, end, rng)
    from models.demo_surveys import generate_survey_answers

    sheets = generate_survey_answers(factory, site_id, end=end, days=days, seed=seed)
    return {
        "survey_answers": sheets,
        "sessions": len(sessions),
        "outings": len(outings),
        "orientations": oriented,
        "referrals": referred,
    }


def _sessions(
    site_id: int, first: date, end: date, activities: frozenset[str], rng: random.Random
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    last = end + timedelta(weeks=PLANNED_WEEKS)
    day = first
    while day <= last:
        for weekday, starts, ends, activity, title, facilitator, team in WEEK:
            if day.isoweekday() != weekday or activity not in activities:
                continue
            past = day <= end
            status = ("held" if rng.random() > 0.06 else "cancelled") if past else "planned"
            held = status == "held"
            rows.append(
                {
                    "id": new_id(),
                    "site_id": site_id,
                    "activity": activity,
                    "title": title,
                    "starts_at": _paris(day, starts),
                    "ends_at": _paris(day, ends),
                    "at_cabane": activity != "reading",
                    "address": "" if activity != "reading" else "Médiathèque, 2 rue de Paris",
                    "facilitator": facilitator,
                    "status": status,
                    "typed_adults": rng.randint(3, 11) if held else None,
                    "typed_children": rng.randint(3, 12) if held else None,
                    "facilitators_salaried": team[0],
                    "facilitators_volunteer": team[1] + (rng.random() < 0.2),
                    "facilitators_partner": team[2],
                    "registrations": [],
                    "languages": [],
                    "updated_at": utc_now(),
                }
            )
        day += timedelta(days=1)
    return rows


def _outings(
    site_id: int, commune: str, first: date, end: date, rng: random.Random
) -> list[dict[str, object]]:
    """One street outing a week, on Fridays."""
    rows: list[dict[str, object]] = []
    day = first + timedelta(days=(5 - first.isoweekday()) % 7)
    while day <= end:
        adults = rng.randint(4, 25)
        rows.append(
            {
                "id": new_id(),
                "site_id": site_id,
                "started_at": _paris(day, time(10)),
                "ended_at": _paris(day, time(12)),
                "place": rng.choice(OUTING_PLACES),
                "commune": commune,
                "staff_present": [],
                "adults": adults,
                "children": rng.randint(2, 20),
                "pregnant": rng.randint(0, max(1, adults // 5)),
                "flyers": rng.randint(5, 40),
                "conversations": rng.randint(3, adults),
                "orientations": {"pmi:childcare_nurse": rng.randint(0, 3)},
                "note": "",
                "updated_at": utc_now(),
            }
        )
        day += timedelta(days=7)
    return rows


def _follow_ups(
    session: Session, site_id: int, first: date, end: date, rng: random.Random
) -> tuple[int, int]:
    """Orientations and referrals for some of the period's visits, with outcomes."""
    visits = session.scalars(
        select(Visit.id).where(
            Visit.site_id == site_id,
            Visit.arrived_at >= _paris(first, time(0)),
            Visit.arrived_at < _paris(end + timedelta(days=1), time(0)),
        )
    ).all()
    services = sorted(catalogues.codes(catalogues.pmi_services(), active_only=True))
    statuses = ("proposed", "appointment", "honoured", "honoured", "missed")
    partners = session.execute(select(Partner.id, Partner.partner_type)).all()
    referral_statuses = ("proposed", "contacted", "done", "done", "not_done")
    orientations: list[dict[str, object]] = []
    referrals: list[dict[str, object]] = []
    now = utc_now()
    for visit_id in visits:
        if rng.random() < ORIENTED_SHARE:
            orientations.append(
                {
                    "id": new_id(),
                    "visit_id": visit_id,
                    "service": rng.choice(services),
                    "status": rng.choice(statuses),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        if partners and rng.random() < REFERRED_SHARE:
            partner_id, kind = rng.choice(partners)
            referrals.append(
                {
                    "id": new_id(),
                    "visit_id": visit_id,
                    "partner_id": partner_id,
                    "theme": catalogues.theme_for_partner_type(kind) or "other",
                    "status": rng.choice(referral_statuses),
                    "slip_printed": rng.random() < 0.7,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    if orientations:
        session.execute(insert(Orientation), orientations)
    if referrals:
        session.execute(insert(Referral), referrals)
    return len(orientations), len(referrals)
