"""The tables of the desk: sites, staff, visits, known families and the audit journal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.store.base import UUID_LEN, Base, UTCDateTime, new_id, utc_now
from models.store.limits import LABEL_MAX, NOTE_MAX


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    commune: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(16))
    pmi_centre: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(String(240), default="")
    opening_hours: Mapped[str] = mapped_column(String(240), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16), default="accueil")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The personal code unlocking the desk: "salt$hash" (PBKDF2), never the code itself.
    pin_hash: Mapped[str | None] = mapped_column(String(160), nullable=True)


class Family(Base):
    """A family known by a label it chose; only with its recorded consent."""

    __tablename__ = "families"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    label: Mapped[str] = mapped_column(String(LABEL_MAX))
    phone: Mapped[str | None] = mapped_column(String(24), nullable=True)
    card_code: Mapped[str] = mapped_column(String(12), unique=True)
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    consent_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    last_contact_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Visit(Base):
    """One arrival at the desk of a group; counts and categories, never a name."""

    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_site_arrived", "site_id", "arrived_at"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    mothers: Mapped[int] = mapped_column(Integer, default=0)
    fathers: Mapped[int] = mapped_column(Integer, default=0)
    other_adults: Mapped[int] = mapped_column(Integer, default=0)
    professionals: Mapped[int] = mapped_column(Integer, default=0)
    pregnant: Mapped[int] = mapped_column(Integer, default=0)
    children_0_5m: Mapped[int] = mapped_column(Integer, default=0)
    children_6_11m: Mapped[int] = mapped_column(Integer, default=0)
    children_12_23m: Mapped[int] = mapped_column(Integer, default=0)
    children_24_35m: Mapped[int] = mapped_column(Integer, default=0)
    children_3_5y: Mapped[int] = mapped_column(Integer, default=0)
    children_6y_plus: Mapped[int] = mapped_column(Integer, default=0)
    first_visit: Mapped[str] = mapped_column(String(8), default="unknown")
    known_to_pmi: Mapped[str] = mapped_column(String(8), default="unknown")
    commune: Mapped[str] = mapped_column(String(16), default="unknown")
    heard_via: Mapped[str] = mapped_column(String(24), default="unknown")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Its foreign key to activity_sessions is declared with that table (activity_entities).
    session_id: Mapped[str | None] = mapped_column(String(UUID_LEN), nullable=True, index=True)
    family_id: Mapped[str | None] = mapped_column(
        ForeignKey("families.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # The visits of a family whose record was erased (retention, or on request) keep a
    # random token instead of the link: the family is gone, the count of distinct
    # families of a week stays the same.
    former_family: Mapped[str | None] = mapped_column(String(UUID_LEN), nullable=True)
    note: Mapped[str | None] = mapped_column(String(NOTE_MAX), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    languages: Mapped[list[VisitLanguage]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="VisitLanguage.position"
    )
    reasons: Mapped[list[VisitReason]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="VisitReason.code"
    )


class VisitLanguage(Base):
    __tablename__ = "visit_languages"

    visit_id: Mapped[str] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class VisitReason(Base):
    __tablename__ = "visit_reasons"

    visit_id: Mapped[str] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(24), primary_key=True)


class AuditEvent(Base):
    """Who did what, when. ``detail`` never holds personal data (labels, phones, notes)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(UUID_LEN))
    detail: Mapped[str] = mapped_column(Text, default="")
