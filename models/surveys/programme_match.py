"""What families ask for beside what the programme offers over the same period: the
activities, themes, days and times of day, from the questions that carry a ``topic``
(their choices are the programme's own codes) and from the sessions not cancelled.

Sessions have no theme code: a session offers a theme when its title names it (« Causerie
sommeil » offers sleep), by the French words of ``THEME_WORDS``.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import catalogues
from models.store.activity_entities import ActivitySession
from models.store.base import PARIS
from models.store.survey_entities import SurveyAnswer, SurveyResponse, SurveyVersion
from models.surveys.definition import TOPICS, WEEKDAYS, checked, topic_codes

THEME_WORDS = {
    "sleep": ("sommeil", "dodo", "nuit"),
    "food": ("aliment", "repas", "diversification", "nutrition"),
    "breastfeeding": ("allaitement", "allaiter", "tetee"),
    "screens": ("ecran",),
    "crying": ("pleur", "colere", "emotion"),
    "development": ("developpement", "eveil", "langage", "motricite"),
    "parent_health": ("sante", "bien-etre", "post-partum", "fatigue"),
    "rights": ("droit", "demarche", "papiers"),
}
TOPIC_LABELS = {
    "days": dict(
        zip(
            WEEKDAYS,
            ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"),
            strict=True,
        )
    ),
    "hours": {
        "morning": "Le matin (avant midi)",
        "midday": "Le midi (12 h – 14 h)",
        "afternoon": "L'après-midi (14 h – 17 h)",
        "evening": "En fin de journée (après 17 h)",
    },
    "themes": {
        "sleep": "Le sommeil",
        "food": "L'alimentation",
        "breastfeeding": "L'allaitement",
        "screens": "Les écrans",
        "crying": "Les pleurs, les émotions",
        "development": "Le développement de l'enfant",
        "parent_health": "La santé des parents",
        "rights": "Les droits et les démarches",
    },
}


@dataclass(frozen=True)
class MatchLine:
    code: str
    label: str
    asked: int  # answer sheets that chose it
    offered: int  # sessions of the programme


def time_of_day(moment: datetime) -> str:
    hour = moment.astimezone(PARIS).hour
    return (
        "morning"
        if hour < 12
        else "midday"
        if hour < 14
        else "afternoon"
        if hour < 17
        else "evening"
    )


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _offered(
    session: Session, site_id: int, start: datetime, end: datetime
) -> dict[str, Counter[str]]:
    offered: dict[str, Counter[str]] = {topic: Counter() for topic in TOPICS}
    sessions = session.execute(
        select(ActivitySession.activity, ActivitySession.title, ActivitySession.starts_at).where(
            ActivitySession.site_id == site_id,
            ActivitySession.starts_at >= start,
            ActivitySession.starts_at < end,
            ActivitySession.status != "cancelled",
        )
    )
    for activity, title, starts_at in sessions:
        offered["activities"][activity] += 1
        offered["days"][WEEKDAYS[starts_at.astimezone(PARIS).weekday()]] += 1
        offered["hours"][time_of_day(starts_at)] += 1
        words = _plain(title)
        for theme, stems in THEME_WORDS.items():
            if any(stem in words for stem in stems):
                offered["themes"][theme] += 1
    return offered


def _asked(
    session: Session, site_id: int, start: datetime, end: datetime
) -> dict[str, Counter[str]]:
    asked: dict[str, Counter[str]] = {topic: Counter() for topic in TOPICS}
    versions = session.execute(
        select(SurveyVersion.id, SurveyVersion.definition).where(
            SurveyVersion.id.in_(
                select(SurveyResponse.version_id).where(
                    SurveyResponse.site_id == site_id,
                    SurveyResponse.answered_at >= start,
                    SurveyResponse.answered_at < end,
                )
            )
        )
    ).all()
    for version_id, data in versions:
        topics = {q.key: q.topic for q in checked(data).questions if q.topic}
        if not topics:
            continue
        answers = session.execute(
            select(SurveyAnswer.question, SurveyAnswer.choice)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(
                SurveyResponse.version_id == version_id,
                SurveyResponse.site_id == site_id,
                SurveyResponse.answered_at >= start,
                SurveyResponse.answered_at < end,
                SurveyAnswer.question.in_(list(topics)),
            )
        )
        for question, choice in answers:
            asked[topics[question]][choice] += 1
    return asked


def asked_and_offered(
    session: Session, site_id: int, start: datetime, end: datetime
) -> dict[str, tuple[MatchLine, ...]]:
    """Per topic, every code asked or offered, most asked first."""
    asked = _asked(session, site_id, start, end)
    offered = _offered(session, site_id, start, end)
    activity_labels = {entry.code: entry.label for entry in catalogues.activity_types()}
    table: dict[str, tuple[MatchLine, ...]] = {}
    for topic in TOPICS:
        labels = activity_labels if topic == "activities" else TOPIC_LABELS[topic]
        codes = [code for code in topic_codes(topic) if asked[topic][code] or offered[topic][code]]
        lines = [
            MatchLine(code, labels.get(code, code), asked[topic][code], offered[topic][code])
            for code in codes
        ]
        table[topic] = tuple(sorted(lines, key=lambda line: (-line.asked, -line.offered)))
    return table
