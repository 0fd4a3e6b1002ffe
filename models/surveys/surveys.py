"""Questionnaires of a cabane: made from a template or by hand, edited into a new version
once answered, and their answer sheets saved whole (one sheet, one transaction)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.desk.audit import record_event
from models.store import survey_entities  # noqa: F401  (maps the survey tables)
from models.store.activity_entities import ActivitySession, OutreachOuting
from models.store.base import utc_now
from models.store.entities import Staff
from models.store.errors import FieldError
from models.store.limits import NOTE_MAX
from models.store.storage import storage_guard
from models.store.survey_entities import Survey, SurveyAnswer, SurveyResponse, SurveyVersion
from models.surveys.definition import (
    Definition,
    DefinitionError,
    Question,
    as_data,
    checked,
)
from models.surveys.programme_match import MatchLine, asked_and_offered
from models.surveys.results import Filters, SurveyResults, survey_results
from resources import resource_path

TEMPLATES = ("needs", "after_workshop", "idea_box")
MODES = ("kiosk", "typed")
# An answer: a choice code (single, smiley), several (multiple), a number, a free text.
AnswerValue = str | int | tuple[str, ...]


class SurveyError(FieldError):
    """An answer sheet or a questionnaire refused (field, code)."""


@dataclass(frozen=True)
class SurveyInfo:
    id: str
    template: str
    version_id: int
    version: int  # its number: 1, 2…
    definition: Definition
    responses: int  # answer sheets, all versions
    archived: bool

    @property
    def title(self) -> str:
        return self.definition.title["fr"]


@cache
def template(code: str) -> Definition:
    """A shipped template (« Vos besoins », « Après l'atelier », « Boîte à idées »)."""
    if code not in TEMPLATES:
        raise SurveyError("template", "unknown")
    with resource_path("surveys", f"{code}.json").open(encoding="utf-8") as handle:
        return checked(json.load(handle))


def quarter_hour(moment: datetime) -> datetime:
    """Answer times are kept to the quarter hour (as arrivals in a weekly file)."""
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def answer_rows(definition: Definition, answers: Mapping[str, AnswerValue]) -> list[SurveyAnswer]:
    """The rows of one sheet, each answer checked against its question; SurveyError at
    the first wrong one. A skipped question has no row; a sheet with none is refused."""
    rows: list[SurveyAnswer] = []
    for key, value in answers.items():
        try:
            question = definition.question(key)
        except KeyError:
            raise SurveyError(key, "unknown_question") from None
        rows.extend(_rows_of(question, value))
    if not rows:
        raise SurveyError("answers", "empty")
    return rows


def _rows_of(question: Question, value: AnswerValue) -> list[SurveyAnswer]:
    key = question.key
    if question.kind == "multiple":
        codes = tuple(value) if isinstance(value, tuple | list) else ()
        if not codes or len(set(codes)) != len(codes):
            raise SurveyError(key, "invalid")
        if not set(codes) <= set(question.choice_codes()):
            raise SurveyError(key, "unknown_choice")
        return [SurveyAnswer(question=key, choice=code) for code in codes]
    if question.kind in ("single", "smiley"):
        if not isinstance(value, str) or value not in question.choice_codes():
            raise SurveyError(key, "unknown_choice")
        return [SurveyAnswer(question=key, choice=value)]
    if question.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise SurveyError(key, "invalid")
        if not question.minimum <= value <= question.maximum:
            raise SurveyError(key, "out_of_bounds")
        return [SurveyAnswer(question=key, choice=str(value))]
    text = " ".join(str(value).split()) if isinstance(value, str) else ""
    if len(text) > NOTE_MAX:
        raise SurveyError(key, "too_long")
    return [SurveyAnswer(question=key, text=text)] if text else []


def add_sheet(session: Session, sheet: SurveyResponse, rows: list[SurveyAnswer]) -> None:
    """Add an answer sheet and its checked answers (``answer_rows``) to the transaction."""
    session.add(sheet)
    session.flush()
    for row in rows:
        row.response_id = sheet.id
    session.add_all(rows)


class SurveyBook:
    """The questionnaires of one cabane."""

    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    # --- questionnaires -------------------------------------------------------------

    def create(
        self, definition: Definition, template_code: str = "", staff_id: int | None = None
    ) -> SurveyInfo:
        with storage_guard(), self._factory.begin() as session:
            survey = Survey(site_id=self._site_id, template=template_code)
            session.add(survey)
            session.flush()
            session.add(
                SurveyVersion(survey_id=survey.id, number=1, definition=as_data(definition))
            )
            record_event(session, staff_id, "survey.create", "survey", survey.id)
            survey_id = survey.id
        return self.get(survey_id)

    def from_template(self, code: str, staff_id: int | None = None) -> SurveyInfo:
        return self.create(template(code), code, staff_id)

    def save(self, survey_id: str, data: Any, staff_id: int | None = None) -> SurveyInfo:
        """Keep an edited questionnaire: in place while nobody answered its current
        version, else as the next version (the answers stay with theirs)."""
        try:
            definition = data if isinstance(data, Definition) else checked(data)
        except DefinitionError as error:
            raise SurveyError(error.detail or "definition", error.code) from None
        with storage_guard(), self._factory.begin() as session:
            current = self._current(session, survey_id)
            answered = session.scalar(
                select(func.count()).where(SurveyResponse.version_id == current.id)
            )
            if answered:
                session.add(
                    SurveyVersion(
                        survey_id=survey_id,
                        number=current.number + 1,
                        definition=as_data(definition),
                    )
                )
            else:
                current.definition = as_data(definition)
            record_event(session, staff_id, "survey.edit", "survey", survey_id)
        return self.get(survey_id)

    def set_archived(self, survey_id: str, archived: bool, staff_id: int | None = None) -> None:
        with storage_guard(), self._factory.begin() as session:
            survey = self._survey(session, survey_id)
            survey.archived = archived
            record_event(session, staff_id, "survey.archive", "survey", survey_id)

    def all(self, include_archived: bool = True) -> list[SurveyInfo]:
        with self._factory() as session:
            query = select(Survey.id).where(Survey.site_id == self._site_id)
            if not include_archived:
                query = query.where(Survey.archived.is_(False))
            ids = session.scalars(query.order_by(Survey.created_at)).all()
            return [self._info(session, survey_id) for survey_id in ids]

    def get(self, survey_id: str) -> SurveyInfo:
        with self._factory() as session:
            return self._info(session, survey_id)

    def versions(self, survey_id: str) -> dict[int, Definition]:
        """Every version of a questionnaire: number → questions."""
        with self._factory() as session:
            self._survey(session, survey_id)
            rows = session.execute(
                select(SurveyVersion.number, SurveyVersion.definition)
                .where(SurveyVersion.survey_id == survey_id)
                .order_by(SurveyVersion.number)
            ).all()
        return {number: checked(data) for number, data in rows}

    # --- answer sheets --------------------------------------------------------------

    def record(
        self,
        version_id: int,
        answers: Mapping[str, AnswerValue],
        language: str,
        mode: str,
        *,
        session_id: str | None = None,
        outing_id: str | None = None,
        answered_at: datetime | None = None,
        staff_id: int | None = None,
    ) -> str:
        """Save one completed answer sheet, all its answers or none; its id."""
        if mode not in MODES:
            raise SurveyError("mode", "unknown")
        moment = answered_at or utc_now()
        if moment.tzinfo is None:
            raise SurveyError("answered_at", "no_timezone")
        if moment > utc_now() + timedelta(minutes=1):
            raise SurveyError("answered_at", "in_future")
        with storage_guard(), self._factory.begin() as session:
            version = session.get(SurveyVersion, version_id)
            if version is None or self._survey(session, version.survey_id) is None:
                raise SurveyError("survey", "unknown")
            definition = checked(version.definition)
            if language not in definition.languages:
                raise SurveyError("language", "unknown")
            rows = answer_rows(definition, answers)
            self._check_origin(session, session_id, outing_id)
            sheet = SurveyResponse(
                site_id=self._site_id,
                version_id=version_id,
                answered_at=quarter_hour(moment),
                language=language,
                mode=mode,
                session_id=session_id,
                outing_id=outing_id,
            )
            add_sheet(session, sheet, rows)
            record_event(session, staff_id, f"survey.answer.{mode}", "survey", version.survey_id)
            return sheet.id

    def set_published(self, answer_id: int, published: bool, staff_id: int | None = None) -> None:
        """A référente marks a free text as naming no one: it may then be published. Only
        a référente of this cabane may (SurveyError « not_referent »)."""
        with storage_guard(), self._factory.begin() as session:
            staff = session.get(Staff, staff_id) if staff_id is not None else None
            if staff is None or staff.site_id != self._site_id or staff.role != "referent":
                raise SurveyError("publish", "not_referent")
            answer = session.get(SurveyAnswer, answer_id)
            response = session.get(SurveyResponse, answer.response_id) if answer else None
            if answer is None or response is None or response.site_id != self._site_id:
                raise SurveyError("answer", "unknown")
            if answer.text is None:
                raise SurveyError("answer", "not_text")
            answer.published = published
            record_event(session, staff_id, "survey.publish_text", "survey_answer", answer_id)

    # --- inside -------------------------------------------------------------------

    def _check_origin(
        self, session: Session, session_id: str | None, outing_id: str | None
    ) -> None:
        if session_id and outing_id:
            raise SurveyError("origin", "both")
        if session_id:
            row = session.get(ActivitySession, session_id)
            if row is None or row.site_id != self._site_id:
                raise SurveyError("session", "unknown")
        if outing_id:
            outing = session.get(OutreachOuting, outing_id)
            if outing is None or outing.site_id != self._site_id:
                raise SurveyError("outing", "unknown")

    def _survey(self, session: Session, survey_id: str) -> Survey:
        survey = session.get(Survey, survey_id)
        if survey is None or survey.site_id != self._site_id:
            raise SurveyError("survey", "unknown")
        return survey

    def _current(self, session: Session, survey_id: str) -> SurveyVersion:
        self._survey(session, survey_id)
        version = session.scalars(
            select(SurveyVersion)
            .where(SurveyVersion.survey_id == survey_id)
            .order_by(SurveyVersion.number.desc())
            .limit(1)
        ).one()
        return version

    def _info(self, session: Session, survey_id: str) -> SurveyInfo:
        survey = self._survey(session, survey_id)
        current = self._current(session, survey_id)
        responses = session.scalar(
            select(func.count())
            .select_from(SurveyResponse)
            .join(SurveyVersion, SurveyVersion.id == SurveyResponse.version_id)
            .where(SurveyVersion.survey_id == survey_id)
        )
        return SurveyInfo(
            id=survey.id,
            template=survey.template,
            version_id=current.id,
            version=current.number,
            definition=checked(current.definition),
            responses=int(responses or 0),
            archived=survey.archived,
        )

    # --- what they say ------------------------------------------------------------

    def results(self, survey_id: str, filters: Filters) -> SurveyResults:
        with self._factory() as session:
            self._survey(session, survey_id)
            return survey_results(session, survey_id, filters)

    def sessions_answered(self, survey_id: str) -> list[tuple[str, datetime, str, str]]:
        """The sessions (workshops) whose families answered this questionnaire: id, start,
        activity code, title; the most recent first."""
        with self._factory() as session:
            self._survey(session, survey_id)
            rows = session.execute(
                select(
                    ActivitySession.id,
                    ActivitySession.starts_at,
                    ActivitySession.activity,
                    ActivitySession.title,
                )
                .where(
                    ActivitySession.id.in_(
                        select(SurveyResponse.session_id)
                        .join(SurveyVersion, SurveyVersion.id == SurveyResponse.version_id)
                        .where(SurveyVersion.survey_id == survey_id)
                    )
                )
                .order_by(ActivitySession.starts_at.desc())
            ).all()
        return [(row[0], row[1], row[2], row[3]) for row in rows]

    def asked_and_offered(self, start: datetime, end: datetime) -> dict[str, tuple[MatchLine, ...]]:
        with self._factory() as session:
            return asked_and_offered(session, self._site_id, start, end)
