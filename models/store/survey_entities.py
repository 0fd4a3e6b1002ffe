"""Anonymous needs surveys (questionnaires): a survey, its versions, the answer sheets.

A version's questions are one JSON document checked by ``models.surveys.definition``
(at most 12 questions): once a version has answers it is never changed, editing makes
the next version, so every answer sheet stays tied to the questions it answered. An
answer sheet has no identity: a language, a moment (to the quarter hour), how it was
collected, and at most a session (a workshop) or an outing it came from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from models.store import activity_entities  # noqa: F401  (the sessions and outings referred to)
from models.store.base import UUID_LEN, Base, UTCDateTime, new_id, utc_now
from models.store.limits import NOTE_MAX


class Survey(Base):
    __tablename__ = "surveys"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    template: Mapped[str] = mapped_column(String(32), default="")  # "" when built by hand
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class SurveyVersion(Base):
    __tablename__ = "survey_versions"
    __table_args__ = (UniqueConstraint("survey_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class SurveyResponse(Base):
    """One completed answer sheet (réponse), saved whole or not at all."""

    __tablename__ = "survey_responses"
    __table_args__ = (Index("ix_survey_responses_site_answered", "site_id", "answered_at"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(8))
    mode: Mapped[str] = mapped_column(String(8))  # "kiosk" or "typed" (from paper)
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("activity_sessions.id", ondelete="SET NULL"), nullable=True
    )
    outing_id: Mapped[str | None] = mapped_column(
        ForeignKey("outreach_outings.id", ondelete="SET NULL"), nullable=True
    )


class SurveyAnswer(Base):
    """One answer: a choice code (a smiley level « 1 »–« 5 », a number as its digits), or
    a short free text. Several rows for a several-choices question."""

    __tablename__ = "survey_answers"
    __table_args__ = (Index("ix_survey_answers_response", "response_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[str] = mapped_column(ForeignKey("survey_responses.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(String(16))
    choice: Mapped[str] = mapped_column(String(32), default="")
    text: Mapped[str | None] = mapped_column(String(NOTE_MAX), nullable=True)
    # a référente checked this free text names no one: it may be published
    published: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
