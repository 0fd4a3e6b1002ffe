"""What the answers say: counts and shares per question, for a period, a version, a
session, a language; the free texts for reading (only those a référente marked may be
published); and the counts of a week that travel in the weekly file (no free text)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.store.base import PARIS
from models.store.survey_entities import Survey, SurveyAnswer, SurveyResponse, SurveyVersion
from models.surveys.definition import SMILEY_LEVELS, Definition, Question, checked, phrase


@dataclass(frozen=True)
class Filters:
    start: datetime
    end: datetime
    version: int | None = None  # a version's number; None: every version
    session_id: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class ChoiceCount:
    code: str
    label: str  # French
    count: int
    pictogram: str = ""


@dataclass(frozen=True)
class FreeText:
    answer_id: int
    text: str
    day: date
    language: str
    published: bool


@dataclass(frozen=True)
class QuestionResult:
    key: str
    kind: str
    text: str  # French
    answered: int  # answer sheets that answered it
    choices: tuple[ChoiceCount, ...] = ()
    texts: tuple[FreeText, ...] = ()
    mean: float | None = None  # numbers and smileys

    def share(self, count: int) -> float:
        """Of the sheets that answered the question (several choices add up beyond 1)."""
        return count / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class SurveyResults:
    survey_id: str
    title: str
    responses: int
    by_language: dict[str, int]
    by_mode: dict[str, int]
    questions: tuple[QuestionResult, ...]
    versions: tuple[int, ...] = field(default=())  # the numbers counted


def _sheets(session: Session, survey_id: str, filters: Filters) -> list[Any]:
    query = (
        select(
            SurveyResponse.id,
            SurveyResponse.answered_at,
            SurveyResponse.language,
            SurveyResponse.mode,
            SurveyVersion.number,
        )
        .join(SurveyVersion, SurveyVersion.id == SurveyResponse.version_id)
        .where(
            SurveyVersion.survey_id == survey_id,
            SurveyResponse.answered_at >= filters.start,
            SurveyResponse.answered_at < filters.end,
        )
    )
    if filters.version is not None:
        query = query.where(SurveyVersion.number == filters.version)
    if filters.session_id:
        query = query.where(SurveyResponse.session_id == filters.session_id)
    if filters.language:
        query = query.where(SurveyResponse.language == filters.language)
    return list(session.execute(query).all())


def _questions(definitions: dict[int, Definition], wanted: list[int]) -> list[Question]:
    """The questions of the versions counted, newest wording first, in the newest order."""
    seen: dict[str, Question] = {}
    for number in sorted(wanted or definitions, reverse=True):
        for question in definitions[number].questions:
            seen.setdefault(question.key, question)
    return list(seen.values())


def _choices(question: Question, counts: Counter[str]) -> tuple[ChoiceCount, ...]:
    if question.kind == "smiley":
        return tuple(
            ChoiceCount(level, phrase(f"smiley_{level}", "fr"), counts[level])
            for level in SMILEY_LEVELS
        )
    if question.kind == "number":
        values = sorted(counts, key=int)
        return tuple(ChoiceCount(value, value, counts[value]) for value in values)
    return tuple(
        ChoiceCount(choice.code, choice.text["fr"], counts[choice.code], choice.pictogram)
        for choice in question.choices
    )


def survey_results(session: Session, survey_id: str, filters: Filters) -> SurveyResults:
    """The results of one questionnaire under ``filters``."""
    definitions = {
        number: checked(data)
        for number, data in session.execute(
            select(SurveyVersion.number, SurveyVersion.definition).where(
                SurveyVersion.survey_id == survey_id
            )
        )
    }
    sheets = _sheets(session, survey_id, filters)
    ids = [sheet.id for sheet in sheets]
    days = {sheet.id: sheet.answered_at.astimezone(PARIS).date() for sheet in sheets}
    languages = {sheet.id: sheet.language for sheet in sheets}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    answered: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, list[FreeText]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        for row in session.execute(
            select(
                SurveyAnswer.id,
                SurveyAnswer.response_id,
                SurveyAnswer.question,
                SurveyAnswer.choice,
                SurveyAnswer.text,
                SurveyAnswer.published,
            ).where(SurveyAnswer.response_id.in_(ids[start : start + 500]))
        ):
            answered[row.question].add(row.response_id)
            if row.text is not None:
                if not row.text:
                    continue  # erased at the end of its retention: counted, not shown
                texts[row.question].append(
                    FreeText(
                        row.id,
                        row.text,
                        days[row.response_id],
                        languages[row.response_id],
                        row.published,
                    )
                )
            else:
                counts[row.question][row.choice] += 1
    results = []
    for question in (
        _questions(definitions, [sheet.number for sheet in sheets]) if definitions else []
    ):
        tally = counts[question.key]
        mean = None
        total = tally.total()
        if question.kind in ("number", "smiley") and total:
            mean = sum(int(code) * n for code, n in tally.items()) / total
        results.append(
            QuestionResult(
                question.key,
                question.kind,
                question.text["fr"],
                len(answered[question.key]),
                _choices(question, tally),
                tuple(sorted(texts[question.key], key=lambda text: text.day, reverse=True)),
                mean,
            )
        )
    title = definitions[max(definitions)].title["fr"] if definitions else ""
    return SurveyResults(
        survey_id,
        title,
        len(sheets),
        dict(Counter(sheet.language for sheet in sheets).most_common()),
        dict(Counter(sheet.mode for sheet in sheets).most_common()),
        tuple(results),
        tuple(sorted({sheet.number for sheet in sheets})),
    )


def week_counts(
    session: Session, site_id: int, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    """The survey part of a weekly file: for each questionnaire version answered in the
    week, its answer sheets, by language, and per question the sheets that answered and
    the count of each choice (a number's value, a smiley's level). Free texts are only
    counted, never carried. French labels ride along so the coordination can read them."""
    rows = session.execute(
        select(Survey.id, Survey.template, SurveyVersion.number, SurveyVersion.definition)
        .join(SurveyVersion, SurveyVersion.survey_id == Survey.id)
        .where(
            SurveyVersion.id.in_(
                select(SurveyResponse.version_id).where(
                    SurveyResponse.site_id == site_id,
                    SurveyResponse.answered_at >= start,
                    SurveyResponse.answered_at < end,
                )
            )
        )
        .order_by(Survey.id, SurveyVersion.number)
    ).all()
    part = []
    for survey_id, template_code, number, data in rows:
        definition = checked(data)
        filters = Filters(start, end, number)
        results = survey_results(session, survey_id, filters)
        part.append(
            {
                "survey": survey_id,
                "template": template_code,
                "version": number,
                "title": definition.title["fr"],
                "responses": results.responses,
                "languages": results.by_language,
                "questions": [
                    {
                        "key": result.key,
                        "kind": result.kind,
                        "text": result.text,
                        "answered": result.answered,
                        "choices": [
                            {"code": choice.code, "text": choice.label, "count": choice.count}
                            for choice in result.choices
                        ],
                    }
                    for result in results.questions
                ],
            }
        )
    return part
