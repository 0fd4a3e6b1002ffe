"""The partner directory and the PMI centres: edit, search, deactivate, CSV in and out.

CSV files follow what French Excel writes: ``;`` or ``,`` (detected), UTF-8 with or
without BOM. An import keeps the good lines and reports, line by line, what it refused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.desk.audit import record_event
from models.store.activity_entities import Partner, PmiCentre
from models.store.base import utc_now
from models.store.cells import safe_cell, unquoted
from models.store.errors import FieldError
from models.store.storage import storage_guard
from resources import read_catalogue

PHONE = re.compile(r"^\+?[0-9][0-9 .]{1,19}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
LIMITS = {
    "name": 120,
    "address": 240,
    "phone": 24,
    "email": 120,
    "website": 200,
    "opening_hours": 240,
    "contact_person": 120,
    "notes": 500,
    "to_bring": 300,
}
# CSV columns (French, as staff read them in Excel) → PartnerData field.
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("nom", "name"),
    ("type", "partner_type"),
    ("adresse", "address"),
    ("commune", "commune"),
    ("téléphone", "phone"),
    ("courriel", "email"),
    ("site web", "website"),
    ("horaires", "opening_hours"),
    ("langues", "languages"),
    ("contact", "contact_person"),
    ("notes", "notes"),
    ("à apporter", "to_bring"),
)


@dataclass(frozen=True)
class PartnerData:
    name: str
    partner_type: str = "other"
    address: str = ""
    commune: str = "unknown"
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: str = ""
    languages: tuple[str, ...] = ()
    contact_person: str = ""
    notes: str = ""
    to_bring: str = ""  # « À apporter » on the family's slip (else the theme's list)


@dataclass(frozen=True)
class PartnerInfo:
    id: int
    data: PartnerData
    active: bool


class PartnerError(FieldError):
    """A partner's field refused (the directory, a CSV line)."""


@dataclass
class ImportReport:
    imported: int = 0
    refused: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, code)


def validate(data: PartnerData) -> PartnerData:
    """A clean copy of ``data``, or PartnerError on the first wrong field."""
    cleaned = replace(
        data,
        **{
            f.name: getattr(data, f.name).strip()
            for f in fields(data)
            if isinstance(getattr(data, f.name), str)
        },
    )
    if not cleaned.name:
        raise PartnerError("name", "required")
    for name, limit in LIMITS.items():
        if len(getattr(cleaned, name)) > limit:
            raise PartnerError(name, "too_long")
    if cleaned.partner_type not in catalogues.codes(catalogues.partner_types()):
        raise PartnerError("partner_type", "unknown")
    if cleaned.commune not in catalogues.codes(catalogues.communes()):
        raise PartnerError("commune", "unknown")
    if cleaned.phone and not PHONE.match(cleaned.phone):
        raise PartnerError("phone", "format")
    if cleaned.email and not EMAIL.match(cleaned.email):
        raise PartnerError("email", "format")
    known = catalogues.codes(catalogues.languages())
    if any(code not in known for code in cleaned.languages):
        raise PartnerError("languages", "unknown")
    return cleaned


def _info(row: Partner) -> PartnerInfo:
    return PartnerInfo(
        row.id,
        PartnerData(
            name=row.name,
            partner_type=row.partner_type,
            address=row.address,
            commune=row.commune,
            phone=row.phone,
            email=row.email,
            website=row.website,
            opening_hours=row.opening_hours,
            languages=tuple(row.languages or ()),
            contact_person=row.contact_person,
            notes=row.notes,
            to_bring=row.to_bring,
        ),
        row.active,
    )


class PartnerDirectory:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def search(self, text: str = "", include_inactive: bool = False) -> list[PartnerInfo]:
        """Partners whose name, type label, commune or notes contain ``text``."""
        query = select(Partner).order_by(func.lower(Partner.name))
        if not include_inactive:
            query = query.where(Partner.active.is_(True))
        needle = text.strip().lower()
        if needle:
            types = [e.code for e in catalogues.partner_types() if needle in e.label.lower()]
            towns = [e.code for e in catalogues.communes() if needle in e.label.lower()]
            query = query.where(
                or_(
                    func.lower(Partner.name).contains(needle, autoescape=True),
                    func.lower(Partner.notes).contains(needle, autoescape=True),
                    Partner.partner_type.in_(types),
                    Partner.commune.in_(towns),
                )
            )
        with self._factory() as session:
            return [_info(row) for row in session.scalars(query)]

    def get(self, partner_id: int) -> PartnerInfo | None:
        with self._factory() as session:
            row = session.get(Partner, partner_id)
            return _info(row) if row else None

    def create(self, data: PartnerData, staff_id: int | None = None) -> PartnerInfo:
        cleaned = validate(data)
        with storage_guard(), self._factory.begin() as session:
            row = Partner(**_columns(cleaned))
            session.add(row)
            session.flush()
            record_event(session, staff_id, "partner.create", "partner", row.id)
            return _info(row)

    def update(
        self, partner_id: int, data: PartnerData, staff_id: int | None = None
    ) -> PartnerInfo:
        cleaned = validate(data)
        with storage_guard(), self._factory.begin() as session:
            row = session.get(Partner, partner_id)
            if row is None:
                raise PartnerError("id", "unknown")
            for name, value in _columns(cleaned).items():
                setattr(row, name, value)
            row.updated_at = utc_now()
            record_event(session, staff_id, "partner.update", "partner", row.id)
            return _info(row)

    def set_active(self, partner_id: int, active: bool, staff_id: int | None = None) -> None:
        """Partners are deactivated, never deleted: past referrals keep pointing at them."""
        with storage_guard(), self._factory.begin() as session:
            row = session.get(Partner, partner_id)
            if row is None:
                raise PartnerError("id", "unknown")
            row.active = active
            action = "partner.activate" if active else "partner.deactivate"
            record_event(session, staff_id, action, "partner", row.id)

    def seed(self) -> int:
        """The national numbers every cabane needs, once, in an empty directory."""
        with storage_guard(), self._factory.begin() as session:
            if session.scalar(select(func.count(Partner.id))):
                return 0
            rows = read_catalogue("partners_seed")
            for row in rows:
                data = PartnerData(
                    name=row["name"],
                    partner_type=row["partner_type"],
                    phone=row["phone"],
                    website=row["website"],
                    opening_hours=row["opening_hours"],
                    notes=row["notes"],
                )
                session.add(Partner(**_columns(validate(data))))
            return len(rows)

    # ----- CSV

    def export_csv(self) -> bytes:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([title for title, _ in CSV_COLUMNS] + ["actif"])
        for partner in self.search(include_inactive=True):
            data = partner.data
            writer.writerow(
                safe_cell(value)
                for value in [
                    data.name,
                    catalogues.label(catalogues.partner_types(), data.partner_type),
                    data.address,
                    catalogues.label(catalogues.communes(), data.commune),
                    data.phone,
                    data.email,
                    data.website,
                    data.opening_hours,
                    ", ".join(catalogues.label(catalogues.languages(), c) for c in data.languages),
                    data.contact_person,
                    data.notes,
                    data.to_bring,
                    "oui" if partner.active else "non",
                ]
            )
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def import_csv(self, raw: bytes, staff_id: int | None = None) -> ImportReport:
        """Add every good line; report each refused line with the field and the reason."""
        report = ImportReport()
        if len(raw) > MAX_IMPORT_BYTES:
            report.refused.append((0, "file", "too_large"))
            return report
        try:
            lines = list(csv_lines(raw))
        except csv.Error:  # a cell past MAX_CELL_CHARS, or a quote never closed
            report.refused.append((0, "file", "cell_too_large"))
            return report
        reader = iter(lines)
        header = next(reader, None)
        if header is None:
            report.refused.append((0, "file", "empty"))
            return report
        positions = _header_positions(header)
        if "name" not in positions:
            report.refused.append((1, "nom", "missing_column"))
            return report
        good: list[PartnerData] = []
        # Importing the same file again must not double the directory.
        seen = {(p.data.name.lower(), p.data.commune) for p in self.search(include_inactive=True)}
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            try:
                data = validate(_from_cells(cells, positions))
            except PartnerError as error:
                report.refused.append((number, error.field, error.code))
                continue
            if (data.name.lower(), data.commune) in seen:
                report.refused.append((number, "name", "duplicate"))
                continue
            seen.add((data.name.lower(), data.commune))
            good.append(data)
        with storage_guard(), self._factory.begin() as session:
            for data in good:
                session.add(Partner(**_columns(data)))
            session.flush()
            record_event(session, staff_id, "partner.import", "partner", str(len(good)))
        report.imported = len(good)
        return report


MAX_CELL_CHARS = 4000  # a partner's longest field is far shorter (notes: 1,000)


def decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and its delimiter, as spreadsheets write them: UTF-8 (with
    or without BOM), UTF-16 with its BOM (Excel « Texte Unicode », tab-separated), or
    older Windows cp1252; ``;``, ``,`` or tab, whichever the first lines use most."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # older Excel "CSV (séparateur: ;)"
    sample = text[:4096]
    delimiter = max((";", ",", "\t"), key=sample.count)
    return text, delimiter


def csv_lines(raw: bytes) -> Iterator[list[str]]:
    """The rows of a CSV file; csv.Error for a cell longer than ``MAX_CELL_CHARS``."""
    text, delimiter = decode_csv(raw)
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    finally:
        csv.field_size_limit(limit)


def _normalise(text: str) -> str:
    table = str.maketrans("éèêàôç", "eeeaoc")
    return text.strip().lower().translate(table)


def _header_positions(header: Iterable[str]) -> dict[str, int]:
    by_title = {_normalise(title): name for title, name in CSV_COLUMNS}
    by_title.update({name: name for _title, name in CSV_COLUMNS})
    by_title.update({"telephone": "phone", "email": "email", "site": "website"})
    positions = {}
    for index, title in enumerate(header):
        name = by_title.get(_normalise(title))
        if name is not None and name not in positions:
            positions[name] = index
    return positions


def _lookup(entries: tuple[catalogues.Entry, ...], text: str, default: str) -> str:
    wanted = _normalise(text)
    if not wanted:
        return default
    for entry in entries:
        if wanted in (_normalise(entry.code), _normalise(entry.label)):
            return entry.code
    return "?" + text  # refused by validate() as unknown


def _from_cells(cells: list[str], positions: dict[str, int]) -> PartnerData:
    def cell(name: str) -> str:
        index = positions.get(name)
        text = cells[index].strip() if index is not None and index < len(cells) else ""
        return unquoted(text)  # our own export's neutralised cells read back as typed

    languages = tuple(
        _lookup(catalogues.languages(), part, "")
        for part in re.split(r"[,/|]", cell("languages"))
        if part.strip()
    )
    return PartnerData(
        name=cell("name"),
        partner_type=_lookup(catalogues.partner_types(), cell("partner_type"), "other"),
        address=cell("address"),
        commune=_lookup(catalogues.communes(), cell("commune"), "unknown"),
        phone=cell("phone"),
        email=cell("email"),
        website=cell("website"),
        opening_hours=cell("opening_hours"),
        languages=languages,
        contact_person=cell("contact_person"),
        notes=cell("notes"),
        to_bring=cell("to_bring"),
    )


def _columns(data: PartnerData) -> dict[str, object]:
    values: dict[str, object] = {f.name: getattr(data, f.name) for f in fields(data)}
    values["languages"] = list(data.languages)
    return values


@dataclass(frozen=True)
class CentreInfo:
    id: int
    name: str
    address: str = ""
    commune: str = "unknown"
    phone: str = ""
    opening_hours: str = ""
    active: bool = True


class PmiCentres:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def all(self, include_inactive: bool = False) -> list[CentreInfo]:
        query = select(PmiCentre).order_by(PmiCentre.name)
        if not include_inactive:
            query = query.where(PmiCentre.active.is_(True))
        with self._factory() as session:
            return [_centre(row) for row in session.scalars(query)]

    def save(self, centre: CentreInfo, staff_id: int | None = None) -> CentreInfo:
        """Create (id 0) or update a centre."""
        name = centre.name.strip()
        if not name or len(name) > 120:
            raise PartnerError("name", "required" if not name else "too_long")
        if centre.phone.strip() and not PHONE.match(centre.phone.strip()):
            raise PartnerError("phone", "format")
        if centre.commune not in catalogues.codes(catalogues.communes()):
            raise PartnerError("commune", "unknown")
        with storage_guard(), self._factory.begin() as session:
            row = session.get(PmiCentre, centre.id) if centre.id else None
            if row is None:
                row = PmiCentre()
                session.add(row)
            row.name = name
            row.address = centre.address.strip()[:240]
            row.commune = centre.commune
            row.phone = centre.phone.strip()
            row.opening_hours = centre.opening_hours.strip()[:240]
            row.active = centre.active
            session.flush()
            record_event(session, staff_id, "pmi_centre.save", "pmi_centre", row.id)
            return _centre(row)


def _centre(row: PmiCentre) -> CentreInfo:
    return CentreInfo(
        row.id, row.name, row.address, row.commune, row.phone, row.opening_hours, row.active
    )
