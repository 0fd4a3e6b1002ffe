"""The tables the desk does not need at start (mapped when first used: start-up budget):
weekly exports and imports, settings, PMI centres and partners, orientations and
referrals, outreach outings, programme sessions. The desk's own tables are in entities.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.store.base import UUID_LEN, Base, UTCDateTime, new_id, utc_now
from models.store.entities import Visit
from models.store.limits import NOTE_MAX


class WeeklyExport(Base):
    """One weekly file written by this site: which week, which revision, its checksum.

    A revision is reserved (``pending``) before its file is written, so that it is never
    given twice, even to an export killed halfway; the next start settles it as
    ``written`` (its file is on disk, same checksum) or ``abandoned`` (DESIGN.md §6).
    """

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
    status: Mapped[str] = mapped_column(String(16), default="written", server_default="written")
    folder: Mapped[str] = mapped_column(Text, default="", server_default="")


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
    # its rows are kept (coordination_entities); False for weeks imported before 0011
    detailed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # the figures of its rows, counted at import (row_figures); None before 0013
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


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
    to_bring: Mapped[str] = mapped_column(String(300), default="", server_default="")
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
    # how many led it, by kind (the funders' report; migration 0012)
    facilitators_salaried: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    facilitators_volunteer: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    facilitators_partner: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


# visits.session_id → activity_sessions.id (migration 0006) is declared here, beside its
# target, so that the desk's own tables map at start without this module.
_VISITS = Visit.__table__
assert isinstance(_VISITS, Table)
_VISITS.append_constraint(
    ForeignKeyConstraint(["session_id"], ["activity_sessions.id"], ondelete="SET NULL")
)
