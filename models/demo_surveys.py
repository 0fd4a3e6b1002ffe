"""Demo answers to the three questionnaire templates, so that the survey windows, the
paper and the weekly file have content: « Vos besoins » at the desk's kiosk and typed in
from street outings, « Après l'atelier » after workshops, « Boîte à idées » now and then.

Deterministic for a seed; the free texts are made-up ideas naming no one.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.store.activity_entities import ActivitySession, OutreachOuting
from models.store.base import PARIS
from models.store.storage import storage_guard
from models.store.survey_entities import Survey, SurveyResponse, SurveyVersion
from models.surveys.definition import Definition, as_data, checked
from models.surveys.surveys import (
    TEMPLATES,
    AnswerValue,
    add_sheet,
    answer_rows,
    quarter_hour,
    template,
)

LANGUAGES = {"fr": 62, "ar": 24, "en": 14}
IDEAS = (
    "Un atelier cuisine pour les bébés",
    "Ouvrir aussi le samedi matin",
    "Des livres en arabe pour les enfants",
    "Un coin pour allaiter au calme",
    "Plus de sorties au parc quand il fait beau",
    "Des informations sur la crèche et les modes de garde",
    "Un groupe de parole pour les papas",
    "Un atelier chansons et comptines",
)
WORDS = (
    "Merci pour l'accueil",
    "Très bon moment avec mon bébé",
    "J'ai appris des gestes utiles",
    "Revenir la semaine prochaine",
)
# what families ask most, as a real diagnosis tends to show (weights by choice code)
FAVOURITES = {
    "days": {"sat": 5, "wed": 4, "mon": 2, "tue": 2, "thu": 2, "fri": 3},
    "hours": {"morning": 6, "afternoon": 4, "midday": 1, "evening": 2},
    "activities": {
        "baby_massage": 3,
        "free_play": 5,
        "parents_cafe": 4,
        "outing": 4,
        "food_taste": 3,
    },
    "themes": {"sleep": 6, "food": 5, "screens": 3, "crying": 3, "rights": 4},
    "next": {"baby_massage": 3, "free_play": 4, "reading": 2, "outing": 3},
}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _answers(definition: Definition, rng: random.Random, idea: bool) -> dict[str, AnswerValue]:
    answers: dict[str, AnswerValue] = {}
    for number, question in enumerate(definition.questions):
        if number and rng.random() < 0.1:
            continue  # skipped (never the first: a sheet has at least one answer)
        codes = question.choice_codes()
        if question.kind == "multiple":
            weights = FAVOURITES.get(question.key, {}) or {code: 1 for code in codes}
            weights = {code: weights.get(code, 1) for code in codes}
            chosen = {_pick(rng, weights) for _ in range(rng.randint(1, 3))}
            answers[question.key] = tuple(sorted(chosen))
        elif question.kind == "single":
            answers[question.key] = codes[min(int(rng.expovariate(1.2)), len(codes) - 1)]
        elif question.kind == "smiley":
            answers[question.key] = rng.choices(codes, (1, 2, 5, 14, 18))[0]
        elif question.kind == "number":
            answers[question.key] = min(question.maximum, rng.choice((1, 1, 1, 2, 2, 3)))
        elif idea or rng.random() < 0.15:
            answers[question.key] = rng.choice(IDEAS if question.key == "idea" else WORDS)
    return answers


def generate_survey_answers(
    factory: sessionmaker[Session], site_id: int, *, end: date, days: int, seed: int = 93
) -> int:
    """The three templates (made if missing) and their answer sheets over ``days`` days up
    to ``end``, in one transaction; how many sheets were added."""
    rng = random.Random(seed)
    first = end - timedelta(days=days - 1)
    since, until = datetime.combine(first, time(), PARIS), datetime.combine(end, time(23), PARIS)
    sheets = 0
    with storage_guard(), factory.begin() as session:
        versions = {code: _version(session, site_id, code) for code in TEMPLATES}
        workshops = session.execute(
            select(ActivitySession.id, ActivitySession.ends_at).where(
                ActivitySession.site_id == site_id,
                ActivitySession.status == "held",
                ActivitySession.activity.in_(("baby_massage", "parents_cafe", "sensory_motor")),
                ActivitySession.starts_at >= since,
                ActivitySession.starts_at < until,
            )
        ).all()
        outings = session.execute(
            select(OutreachOuting.id, OutreachOuting.started_at).where(
                OutreachOuting.site_id == site_id,
                OutreachOuting.started_at >= since,
                OutreachOuting.started_at < until,
            )
        ).all()
        plan: list[tuple[str, datetime, str, str | None, str | None]] = []
        for workshop_id, ends_at in workshops:
            for _ in range(rng.randint(1, 4)):
                plan.append(("after_workshop", ends_at, "typed", workshop_id, None))
        for outing_ref, started_at in outings:
            for _ in range(rng.randint(0, 3)):
                moment = started_at + timedelta(minutes=rng.randint(10, 90))
                plan.append(("needs", moment, "typed", None, outing_ref))
        day = first
        while day <= end:
            if day.isoweekday() <= 5:
                for _ in range(rng.choice((0, 0, 1, 1, 2))):
                    moment = datetime.combine(
                        day, time(rng.randint(9, 16), rng.randint(0, 59)), PARIS
                    )
                    plan.append(("needs", moment, "kiosk", None, None))
                if rng.random() < 0.2:
                    moment = datetime.combine(day, time(rng.randint(9, 16)), PARIS)
                    plan.append(("idea_box", moment, "kiosk", None, None))
            day += timedelta(days=1)
        for code, moment, mode, session_id, outing_id in plan:
            version_id, definition = versions[code]
            rows = answer_rows(definition, _answers(definition, rng, code == "idea_box"))
            sheet = SurveyResponse(
                site_id=site_id,
                version_id=version_id,
                answered_at=quarter_hour(moment),
                language=_pick(rng, LANGUAGES),
                mode=mode,
                session_id=session_id,
                outing_id=outing_id,
            )
            add_sheet(session, sheet, rows)
            sheets += 1
    return sheets


def _version(session: Session, site_id: int, code: str) -> tuple[int, Definition]:
    """The newest version of the cabane's questionnaire made from template ``code``."""
    found = session.execute(
        select(SurveyVersion.id, SurveyVersion.definition)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .where(Survey.site_id == site_id, Survey.template == code)
        .order_by(SurveyVersion.number.desc())
        .limit(1)
    ).first()
    if found is not None:
        return int(found[0]), checked(found[1])
    definition = template(code)
    survey = Survey(site_id=site_id, template=code)
    session.add(survey)
    session.flush()
    version = SurveyVersion(survey_id=survey.id, number=1, definition=as_data(definition))
    session.add(version)
    session.flush()
    return version.id, definition
