"""First-run setup of a site and its team, and the staff list shown at the desk."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import catalogues
from models.desk.audit import record_event
from models.store.entities import Site, Staff
from models.store.storage import storage_guard

STAFF_NAME_MAX = 80


@dataclass(frozen=True)
class SiteInfo:
    """Plain data about the site, for widgets and documents."""

    id: int
    code: str
    name: str
    commune: str
    format: str
    pmi_centre: str = ""
    address: str = ""
    opening_hours: str = ""
    coordination_recipients: tuple[str, ...] = field(default_factory=tuple)
    created_at: datetime | None = None  # when the cabane was set up (UTC)


@dataclass(frozen=True)
class StaffMember:
    id: int
    display_name: str
    role: str


class SetupError(ValueError):
    """Setup refused; ``code`` names the reason for the UI to phrase."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# Words a short name leaves out: « Cabane de Bondy » is « bondy ».
SHORT_NAME_SKIPPED = {"cabane", "de", "des", "du", "la", "le", "les", "d", "l", "en", "et"}


def short_name(name: str) -> str:
    """The cabane's short name, made from its name (files and the coordination use it):
    lower case, no accents, words joined by « - », at most 32 characters."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    kept = [w for w in words if w not in SHORT_NAME_SKIPPED] or words or ["cabane"]
    return "-".join(kept)[:32].strip("-")


def valid_recipient(text: str) -> bool:
    return text.startswith("age1") and len(text) == 62 and text.isalnum() and text.islower()


def _site_info(site: Site) -> SiteInfo:
    return SiteInfo(
        id=site.id,
        code=site.code,
        name=site.name,
        commune=site.commune,
        format=site.format,
        pmi_centre=site.pmi_centre,
        address=site.address,
        opening_hours=site.opening_hours,
        coordination_recipients=tuple(site.settings.get("coordination_recipients", [])),
        created_at=site.created_at,
    )


def validate_setup(
    site: catalogues.KnownSite, staff_name: str, recipients: tuple[str, ...] = ()
) -> str:
    """Check what setup was given; returns the normalised site code or raises SetupError."""
    code = site.code.strip().lower()
    if not code or not code.replace("-", "").replace("_", "").isalnum() or len(code) > 32:
        raise SetupError("site_code")
    if not site.name.strip():
        raise SetupError("site_name")
    if site.commune not in catalogues.codes(catalogues.communes(), active_only=True):
        raise SetupError("commune")
    name = staff_name.strip()
    if not name or len(name) > STAFF_NAME_MAX:
        raise SetupError("staff_name")
    for recipient in recipients:
        if not valid_recipient(recipient):
            raise SetupError("recipient")
    return code


def setup_site(
    factory: sessionmaker[Session],
    site: catalogues.KnownSite,
    staff_name: str,
    recipients: tuple[str, ...] = (),
) -> tuple[SiteInfo, StaffMember]:
    """Create the site and its first staff member (a référent·e), in one transaction."""
    code = validate_setup(site, staff_name, recipients)
    name = staff_name.strip()
    with storage_guard(), factory.begin() as session:
        if session.scalar(select(Site.id).limit(1)) is not None:
            raise SetupError("already_set_up")
        row = Site(
            code=code,
            name=site.name.strip(),
            commune=site.commune,
            format=site.format,
            pmi_centre=site.pmi_centre,
            address=site.address,
            opening_hours=site.opening_hours,
            settings={"coordination_recipients": list(recipients)},
        )
        session.add(row)
        session.flush()
        staff = Staff(site_id=row.id, display_name=name, role="referent", active=True)
        session.add(staff)
        session.flush()
        record_event(session, staff.id, "site.setup", "site", row.id)
        record_event(session, staff.id, "staff.create", "staff", staff.id)
        return _site_info(row), StaffMember(staff.id, staff.display_name, staff.role)


def current_site(factory: sessionmaker[Session]) -> SiteInfo | None:
    """The site of this laptop (the first one set up), or None before setup."""
    # Plain columns, not an ORM object: this runs at every start (DESIGN.md §9).
    columns = [Site.__table__.c[name] for name in _SITE_COLUMNS]
    with factory() as session:
        row = session.execute(select(*columns).order_by(Site.id).limit(1)).first()
    if row is None:
        return None
    values = dict(zip(_SITE_COLUMNS, row, strict=True))
    settings = values.pop("settings") or {}
    return SiteInfo(
        **values, coordination_recipients=tuple(settings.get("coordination_recipients", []))
    )


_SITE_COLUMNS = (
    "id",
    "code",
    "name",
    "commune",
    "format",
    "pmi_centre",
    "address",
    "opening_hours",
    "created_at",
    "settings",
)


class StaffDirectory:
    """The team of the site, as the staff switch of the desk shows it."""

    def __init__(self, factory: sessionmaker[Session], site_id: int) -> None:
        self._factory = factory
        self._site_id = site_id

    def active(self) -> list[StaffMember]:
        with self._factory() as session:
            rows = session.execute(
                select(Staff.id, Staff.display_name, Staff.role)
                .where(Staff.site_id == self._site_id, Staff.active.is_(True))
                .order_by(Staff.display_name)
            )
            return [StaffMember(*row) for row in rows]

    def add(self, display_name: str, role: str, by_staff_id: int | None) -> StaffMember:
        """A new member of staff, added by the référente (SetupError "not_referent")."""
        name = display_name.strip()
        if not name or len(name) > STAFF_NAME_MAX:
            raise SetupError("staff_name")
        if role not in catalogues.codes(catalogues.staff_roles()):
            raise SetupError("staff_role")
        with storage_guard(), self._factory.begin() as session:
            by = session.get(Staff, by_staff_id) if by_staff_id is not None else None
            if by is None or by.site_id != self._site_id or by.role != "referent":
                raise SetupError("not_referent")  # the référente manages the staff
            staff = Staff(site_id=self._site_id, display_name=name, role=role, active=True)
            session.add(staff)
            session.flush()
            record_event(session, by_staff_id, "staff.create", "staff", staff.id)
            return StaffMember(staff.id, staff.display_name, staff.role)


def set_coordination_recipients(
    factory: sessionmaker[Session], site_id: int, recipients: tuple[str, ...], staff_id: int | None
) -> SiteInfo:
    """Replace the coordination public keys the weekly file is encrypted to."""
    cleaned = tuple(dict.fromkeys(r.strip() for r in recipients if r.strip()))
    for recipient in cleaned:
        if not valid_recipient(recipient):
            raise SetupError("recipient")
    with storage_guard(), factory.begin() as session:
        site = session.get(Site, site_id)
        if site is None:
            raise SetupError("site_code")
        site.settings = {**site.settings, "coordination_recipients": list(cleaned)}
        record_event(session, staff_id, "site.recipients", "site", site_id)
        return _site_info(site)


MAX_POSTER_LANGUAGES = 6  # tiles of a poster: two rows of three, read from three metres


def set_poster_settings(
    factory: sessionmaker[Session],
    site_id: int,
    web_address: str,
    logo: bytes | None,
    staff_id: int | None,
    phone: str | None = None,
    sensitive_themes: tuple[str, ...] | None = None,
    poster_languages: tuple[str, ...] | None = None,
) -> None:
    """The web address of the posters' QR code, the logo picture (PNG or JPEG), the
    cabane's phone (« Nous joindre » on slips), the themes the team marks discreet and the
    languages of posters and flyers (empty: the most spoken; None leaves each as it is)."""
    import base64

    from models.orientations.partners import PHONE

    web_address = web_address.strip()
    if len(web_address) > 200 or (web_address and " " in web_address):
        raise SetupError("web_address")
    if phone is not None and phone.strip() and not PHONE.match(phone.strip()):
        raise SetupError("phone")
    themes = catalogues.codes(catalogues.referral_themes())
    if sensitive_themes is not None and not set(sensitive_themes) <= set(themes):
        raise SetupError("theme")
    if poster_languages is not None and (
        not set(poster_languages) <= set(catalogues.poster_languages())
        or len(poster_languages) > MAX_POSTER_LANGUAGES
    ):
        raise SetupError("languages")
    if logo is not None:
        from models.store.images import checked_picture

        try:
            checked_picture(logo)  # PNG or JPEG, ≤ 512 KB, no decompression bomb
        except ValueError as error:
            raise SetupError("logo") from error
    with storage_guard(), factory.begin() as session:
        site = session.get(Site, site_id)
        if site is None:
            raise SetupError("site_code")
        settings = {**site.settings, "web_address": web_address}
        if phone is not None:
            settings["phone"] = phone.strip()
        if sensitive_themes is not None:  # the team's own, besides the catalogue's
            settings["sensitive_themes"] = sorted(set(sensitive_themes))
        if poster_languages is not None:  # French first, then in the order given
            ordered = ["fr", *(code for code in poster_languages if code != "fr")]
            settings["poster_languages"] = list(dict.fromkeys(ordered)) if poster_languages else []
        settings["logo_base64"] = base64.b64encode(logo).decode("ascii") if logo else ""
        site.settings = settings
        record_event(session, staff_id, "site.poster", "site", site_id)
