"""The audit journal: who did what, when. Never a label, a phone, a note or a count."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.store.cells import safe_cell
from models.store.entities import AuditEvent


def record_event(
    session: Session, staff_id: int | None, action: str, entity: str, entity_id: str | int
) -> None:
    """Add an event to the session's transaction (committed with the change it describes)."""
    session.add(
        AuditEvent(staff_id=staff_id, action=action, entity=entity, entity_id=str(entity_id))
    )


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    staff: str  # the person's display name, or "" (a command, the automatic purge)
    action: str  # code, phrased by the UI
    entity: str
    entity_id: str


def audit_lines(
    factory: sessionmaker[Session],
    start: datetime,
    end: datetime,
    staff_id: int | None = None,
    action: str | None = None,
    limit: int = 5000,
) -> list[AuditLine]:
    """The journal over [start, end), newest first, filtered by person and action."""
    from models.store.entities import Staff

    query = (
        select(AuditEvent.at, Staff.display_name, AuditEvent.action, AuditEvent.entity)
        .add_columns(AuditEvent.entity_id)
        .outerjoin(Staff, Staff.id == AuditEvent.staff_id)
        .where(AuditEvent.at >= start, AuditEvent.at < end)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    if staff_id is not None:
        query = query.where(AuditEvent.staff_id == staff_id)
    if action:
        query = query.where(AuditEvent.action == action)
    with factory() as session:
        return [AuditLine(at, name or "", a, e, i) for at, name, a, e, i in session.execute(query)]


def audit_actions(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return sorted(session.scalars(select(AuditEvent.action).distinct()))


def audit_csv(
    lines: list[AuditLine],
    action_label: Callable[[str], str],
    entity_label: Callable[[str], str] = str,
) -> bytes:
    """The journal as CSV for French Excel (``;``, BOM), French headings."""
    from models.store.base import PARIS

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Date", "Heure", "Personne", "Action", "Objet", "Identifiant"])
    for line in lines:
        local = line.at.astimezone(PARIS)
        writer.writerow(
            [
                local.strftime("%d/%m/%Y"),
                local.strftime("%H:%M"),
                safe_cell(line.staff),
                safe_cell(action_label(line.action)),
                safe_cell(entity_label(line.entity)),
                safe_cell(line.entity_id),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
