"""Which languages a cabane's posters and flyers welcome families in.

Chosen by the team (site setting « poster_languages »), or else the languages its visitors
spoke most over the last three months, from the check-ins: a poster in Tamil helps where
Tamil families come, not everywhere.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import catalogues
from models.desk.sites import MAX_POSTER_LANGUAGES
from models.store.base import PARIS
from models.store.entities import Site, Visit, VisitLanguage

LOOK_BACK = timedelta(days=91)  # three months of check-ins


def most_spoken(session: Session, site_id: int, until: datetime) -> tuple[str, ...]:
    """French, then the phrase languages most spoken at the cabane in the three months
    before ``until`` (most first), completed in the catalogue's order up to the most a
    poster holds."""
    available = catalogues.poster_languages()
    since = until - LOOK_BACK
    if until.tzinfo is None:
        since, until = since.replace(tzinfo=PARIS), until.replace(tzinfo=PARIS)
    counted = session.execute(
        select(VisitLanguage.code, func.count())
        .join(Visit, Visit.id == VisitLanguage.visit_id)
        .where(
            Visit.site_id == site_id,
            Visit.arrived_at >= since,
            Visit.arrived_at < until,
            VisitLanguage.code.in_(available),
            VisitLanguage.code != "fr",
        )
        .group_by(VisitLanguage.code)
    ).all()
    ranked = [code for code, _ in sorted(counted, key=lambda row: (-row[1], row[0]))]
    ordered = list(dict.fromkeys(["fr", *ranked, *available]))
    return tuple(ordered[:MAX_POSTER_LANGUAGES])


def poster_languages(session: Session, site: Site, until: datetime) -> tuple[str, ...]:
    """The team's choice if it made one, else :func:`most_spoken`."""
    chosen = [
        code
        for code in (site.settings or {}).get("poster_languages", [])
        if code in catalogues.poster_languages()
    ]
    return tuple(chosen) if chosen else most_spoken(session, site.id, until)
