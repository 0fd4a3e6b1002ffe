"""Coordination side: every part of the imported weekly files, row by row.

Times are kept as what is counted (the Paris hour, a duration in minutes): rows are
inserted by the thousand at each import, with no conversion to make. Each row belongs to
the imported week it came from (``week_id``) and goes with it: a higher revision of a
week replaces all its rows (found by cabane and day: the one index, which figures use
too; cabane first, so that a cabane's weeks imported one after the other are written side
by side in it, not across ten years of other cabanes' days). ``day`` is the Paris date of the
arrival, session or outing, so that any period (a month, a quarter, chosen dates) is
counted from the rows, not only whole weeks. Codes, never labels; no names, notes or
card codes (the weekly file has none). A visit's own id is not kept: it only ties an
orientation or a referral to its visit's day, done when the file is read; a session's id
is, on the session and on the visits that came for it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.store.base import Base


class _WeekRow:
    """Columns every imported row has: its week, its cabane, its day."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("imported_weeks.id", ondelete="CASCADE"))
    site_code: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)


class CoordVisit(_WeekRow, Base):
    __tablename__ = "coord_visits"
    __table_args__ = (Index("ix_coord_visits_site_day", "site_code", "day"),)

    hour: Mapped[int] = mapped_column(Integer)  # of arrival, Paris time
    mothers: Mapped[int] = mapped_column(Integer)
    fathers: Mapped[int] = mapped_column(Integer)
    other_adults: Mapped[int] = mapped_column(Integer)
    professionals: Mapped[int] = mapped_column(Integer)
    pregnant: Mapped[int] = mapped_column(Integer)
    children_0_5m: Mapped[int] = mapped_column(Integer)
    children_6_11m: Mapped[int] = mapped_column(Integer)
    children_12_23m: Mapped[int] = mapped_column(Integer)
    children_24_35m: Mapped[int] = mapped_column(Integer)
    children_3_5y: Mapped[int] = mapped_column(Integer)
    children_6y_plus: Mapped[int] = mapped_column(Integer)
    first_visit: Mapped[str] = mapped_column(String(8))
    known_to_pmi: Mapped[str] = mapped_column(String(8))
    commune: Mapped[str] = mapped_column(String(16))
    heard_via: Mapped[str] = mapped_column(String(24))
    languages: Mapped[str] = mapped_column(String(120))  # codes joined with « | »
    interpreter_needed: Mapped[bool] = mapped_column(Boolean)
    reasons: Mapped[str] = mapped_column(String(240))  # codes joined with « | »
    session_ref: Mapped[str] = mapped_column(String(40))
    family_ref: Mapped[str] = mapped_column(String(40))


class CoordOrientation(_WeekRow, Base):
    __tablename__ = "coord_orientations"
    __table_args__ = (Index("ix_coord_orientations_site_day", "site_code", "day"),)

    service: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(24))


class CoordReferral(_WeekRow, Base):
    __tablename__ = "coord_referrals"
    __table_args__ = (Index("ix_coord_referrals_site_day", "site_code", "day"),)

    partner_type: Mapped[str] = mapped_column(String(40))
    theme: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(24))


class CoordSession(_WeekRow, Base):
    __tablename__ = "coord_sessions"
    __table_args__ = (Index("ix_coord_sessions_site_day", "site_code", "day"),)

    session_ref: Mapped[str] = mapped_column(String(40))
    activity: Mapped[str] = mapped_column(String(40))
    hour: Mapped[int] = mapped_column(Integer)  # it starts, Paris time
    minutes: Mapped[int] = mapped_column(Integer)  # how long it lasted
    status: Mapped[str] = mapped_column(String(24))
    adults: Mapped[int] = mapped_column(Integer)
    children: Mapped[int] = mapped_column(Integer)
    # facilitators by kind; 0 in files made before they were recorded (migration 0012)
    salaried: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    volunteers: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    partner_staff: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CoordOuting(_WeekRow, Base):
    __tablename__ = "coord_outings"
    __table_args__ = (Index("ix_coord_outings_site_day", "site_code", "day"),)

    hour: Mapped[int] = mapped_column(Integer)  # it started, Paris time
    minutes: Mapped[int] = mapped_column(Integer)  # how long it lasted (0: not ended)
    commune: Mapped[str] = mapped_column(String(16))
    adults: Mapped[int] = mapped_column(Integer)
    children: Mapped[int] = mapped_column(Integer)
    pregnant: Mapped[int] = mapped_column(Integer)
    flyers: Mapped[int] = mapped_column(Integer)
    conversations: Mapped[int] = mapped_column(Integer)
    orientations: Mapped[int] = mapped_column(Integer)


class CoordBlockFigures(Base):
    """The sum of the week summaries of a cabane's quarter of an ISO year (weeks 1–13,
    14–26, 27–39, 40–52 or 53), or of a part of one (4, 4 and 5 or 6 weeks), kept up to
    date at each import and withdrawal: a year is summed from a few of these, not
    fifty-two weeks. ``figures`` is None while one of its
    weeks has no summary (imported before migration 0013): its weeks are then counted."""

    __tablename__ = "coord_block_figures"
    __table_args__ = (UniqueConstraint("site_code", "iso_year", "block"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_code: Mapped[str] = mapped_column(String(32))
    iso_year: Mapped[int] = mapped_column(Integer)
    block: Mapped[int] = mapped_column(Integer)  # quarters 0 to 3, their parts 4 to 15
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class SiteReader(Base):
    """A login of a shared PostgreSQL store allowed to read one cabane's rows only
    (row-level security: models/exchange/shared_roles.py). Unused on SQLCipher."""

    __tablename__ = "coord_site_readers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(63), unique=True)
    site_code: Mapped[str] = mapped_column(String(32))


class CoordSurveyCount(_WeekRow, Base):
    """A cabane's survey counts of one week (surveys.json): how many answer sheets (question
    « _responses »), per language (« _language »), and per question and choice. No free
    text ever travels. ``day`` is the week's Monday."""

    __tablename__ = "coord_survey_counts"
    __table_args__ = (Index("ix_coord_survey_counts_site_day", "site_code", "day"),)

    survey_ref: Mapped[str] = mapped_column(String(36))
    template: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))
    question: Mapped[str] = mapped_column(String(16))
    question_text: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12))
    choice: Mapped[str] = mapped_column(String(32))
    choice_text: Mapped[str] = mapped_column(String(80))
    count: Mapped[int] = mapped_column(Integer)
