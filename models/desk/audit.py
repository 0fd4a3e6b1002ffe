"""The audit journal: who did what, when. Never a label, a phone, a note or a count."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.store.entities import AuditEvent


def record_event(
    session: Session, staff_id: int | None, action: str, entity: str, entity_id: str | int
) -> None:
    """Add an event to the session's transaction (committed with the change it describes)."""
    session.add(
        AuditEvent(staff_id=staff_id, action=action, entity=entity, entity_id=str(entity_id))
    )
