"""Copying a coordination's store into another database (SQLCipher → PostgreSQL), whole.

Every table of the schema, rows as they are (their ids too: rows point at their weeks),
in one transaction on the target: the copy is all there, or nothing is. The target must
be at the current schema and hold no imported week. What was copied is counted, table
by table.
"""

from __future__ import annotations

from sqlalchemy import Engine, Integer, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from models.store import activity_entities, coordination_entities, entities  # noqa: F401
from models.store.activity_entities import ImportedWeek
from models.store.base import Base

BATCH = 5_000  # rows read and written at a time


class TargetNotEmpty(RuntimeError):
    """The target already holds imported weeks: a copy would mix two stores."""


def copy_store(source: sessionmaker[Session], target: Engine) -> dict[str, int]:
    """Copy every row of ``source`` into ``target``; the rows copied per table."""
    copied: dict[str, int] = {}
    with source() as reading, target.begin() as writing:
        if writing.scalar(select(func.count()).select_from(ImportedWeek.__table__)):
            raise TargetNotEmpty()
        for table in Base.metadata.sorted_tables:  # parents before the rows that point
            result = reading.execute(select(table).order_by(*table.primary_key.columns))
            count = 0
            while rows := result.mappings().fetchmany(BATCH):
                writing.execute(insert(table), [dict(row) for row in rows])
                count += len(rows)
            if count:
                copied[table.name] = count
        if target.dialect.name == "postgresql":  # ids given: the sequences go on after them
            for table in Base.metadata.sorted_tables:
                key = list(table.primary_key.columns)
                if table.name in copied and len(key) == 1 and isinstance(key[0].type, Integer):
                    writing.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                            f"'{key[0].name}'), (SELECT MAX({key[0].name}) FROM {table.name}))"
                        )
                    )
    return copied
