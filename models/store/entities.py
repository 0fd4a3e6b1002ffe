"""The tables of the desk: sites, staff, visits, known families and the audit journal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
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
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("activity_sessions.id", ondelete="SET NULL"), nullable=True, index=True
    )
    family_id: Mapped[str | None] = mapped_column(
        ForeignKey("families.id", ondelete="SET NULL"), nullable=True, index=True
    )
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


class WeeklyExport(Base):
    """One weekly file written by this site: which week, which revision, its checksum."""

    __tablename__ = "weekly_exports"
    __table_args__ = (UniqueConstraint("site_id", "iso_year", "iso_week", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(120))
    sha256: Mapped[str] = mapped_column(String(64))
    exported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)


class ImportedWeek(Base):
    """Coordination side: the week of a site as last imported (highest revision kept)."""

    __tablename__ = "imported_weeks"
    __table_args__ = (UniqueConstraint("site_code", "iso_year", "iso_week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_code: Mapped[str] = mapped_column(String(32))
    site_name: Mapped[str] = mapped_column(String(120))
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    generated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    app_version: Mapped[str] = mapped_column(String(20))
    row_counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    indicators: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AppSetting(Base):
    """Small key/value settings of this data folder (mode, coordination identity's public key)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class PmiCentre(Base):
    """A PMI centre families can be oriented to; editable, seeded with the cabane's own."""

    __tablename__ = "pmi_centres"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(240), default="")
    commune: Mapped[str] = mapped_column(String(16), default="unknown")
    phone: Mapped[str] = mapped_column(String(24), default="")
    opening_hours: Mapped[str] = mapped_column(String(240), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Partner(Base):
    """The partner directory: where families are referred to."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    partner_type: Mapped[str] = mapped_column(String(32), default="other")
    address: Mapped[str] = mapped_column(String(240), default="")
    commune: Mapped[str] = mapped_column(String(16), default="unknown")
    phone: Mapped[str] = mapped_column(String(24), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    opening_hours: Mapped[str] = mapped_column(String(240), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact_person: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(String(500), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Orientation(Base):
    """A visit oriented to a PMI service (never a diagnosis, never a screening score)."""

    __tablename__ = "orientations"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    service: Mapped[str] = mapped_column(String(40))
    pmi_centre_id: Mapped[int | None] = mapped_column(ForeignKey("pmi_centres.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    appointment_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Referral(Base):
    """A visit referred to a partner, with the theme in plain words and the slip printed."""

    __tablename__ = "referrals"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"))
    theme: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    slip_printed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class OutreachOuting(Base):
    """A street or partner-place outing (aller-vers) and what was counted during it."""

    __tablename__ = "outreach_outings"
    __table_args__ = (Index("ix_outreach_site_started", "site_id", "started_at"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    place: Mapped[str] = mapped_column(String(120))
    commune: Mapped[str] = mapped_column(String(16), default="unknown")
    staff_present: Mapped[list[int]] = mapped_column(JSON, default=list)
    adults: Mapped[int] = mapped_column(Integer, default=0)
    children: Mapped[int] = mapped_column(Integer, default=0)
    pregnant: Mapped[int] = mapped_column(Integer, default=0)
    flyers: Mapped[int] = mapped_column(Integer, default=0)
    conversations: Mapped[int] = mapped_column(Integer, default=0)
    # Given on the spot, as counts: {"pmi:vaccination": 2, "partner:caf": 1}
    orientations: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class ActivitySession(Base):
    """A dated session of the programme (séance). Registrations never leave the cabane."""

    __tablename__ = "activity_sessions"
    __table_args__ = (Index("ix_activity_sessions_site_starts", "site_id", "starts_at"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    activity: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(120), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    at_cabane: Mapped[bool] = mapped_column(Boolean, default=True)
    address: Mapped[str] = mapped_column(String(240), default="")
    facilitator: Mapped[str] = mapped_column(String(120), default="")
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), nullable=True)
    capacity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    age_min_months: Mapped[int] = mapped_column(Integer, default=0)
    age_max_months: Mapped[int] = mapped_column(Integer, default=36)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    registrations: Mapped[list[str]] = mapped_column(JSON, default=list)
    typed_adults: Mapped[int | None] = mapped_column(Integer, nullable=True)
    typed_children: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
