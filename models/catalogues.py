"""Stable codes and French labels of the catalogues shipped in resources/catalogues."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from resources import read_catalogue


@dataclass(frozen=True)
class Entry:
    code: str
    label: str
    active: bool = True
    common: bool = False
    short: str = ""

    @property
    def short_label(self) -> str:
        """The label for a button where space is short (the full one otherwise)."""
        return self.short or self.label


@dataclass(frozen=True)
class KnownSite:
    code: str
    name: str
    commune: str
    format: str
    pmi_centre: str
    address: str
    opening_hours: str
    # The PMI centre's contact, asked at setup (printed on appointment slips).
    pmi_centre_address: str = ""
    pmi_centre_phone: str = ""
    pmi_centre_hours: str = ""


def _entries(name: str) -> tuple[Entry, ...]:
    return tuple(
        Entry(
            code=row["code"],
            label=row["label"],
            active=row.get("active", "1") == "1",
            common=row.get("common", "0") == "1",
            short=row.get("short") or "",
        )
        for row in read_catalogue(name)
    )


@cache
def communes() -> tuple[Entry, ...]:
    """Communes of Seine-Saint-Denis (former ones inactive), then the special places."""
    rows = read_catalogue("communes-93")
    towns = tuple(
        Entry(code=row["insee"], label=row["name"], active=row["status"] == "current")
        for row in rows
    )
    return towns + _entries("special_places")


@cache
def channels() -> tuple[Entry, ...]:
    return _entries("channels")


@cache
def reasons() -> tuple[Entry, ...]:
    return _entries("reasons")


@cache
def languages() -> tuple[Entry, ...]:
    return _entries("languages")


@cache
def adult_roles() -> tuple[Entry, ...]:
    return _entries("adult_roles")


@cache
def age_bands() -> tuple[Entry, ...]:
    return _entries("age_bands")


@cache
def answers() -> tuple[Entry, ...]:
    return _entries("answers")


@cache
def staff_roles() -> tuple[Entry, ...]:
    return _entries("staff_roles")


@cache
def site_formats() -> tuple[Entry, ...]:
    return _entries("site_formats")


@cache
def pmi_services() -> tuple[Entry, ...]:
    return _entries("pmi_services")


@cache
def partner_types() -> tuple[Entry, ...]:
    return _entries("partner_types")


@cache
def theme_for_partner_type(code: str) -> str | None:
    """The referral theme a partner of this type usually means (CAF → family benefits),
    proposed when staff pick the partner; None where no theme is obvious."""
    for row in read_catalogue("partner_types"):
        if row["code"] == code:
            return row.get("theme") or None
    return None


@cache
def referral_themes() -> tuple[Entry, ...]:
    return _entries("referral_themes")


@cache
def referral_theme_texts() -> dict[str, str]:
    """How each theme is said on a slip handed to a family (plain words)."""
    return {row["code"]: row["slip_text"] for row in read_catalogue("referral_themes")}


def referral_theme_to_bring() -> dict[str, str]:
    """What to bring to a partner for each theme, when the partner says nothing itself."""
    return {row["code"]: row.get("to_bring", "") for row in read_catalogue("referral_themes")}


@cache
def poster_languages() -> tuple[str, ...]:
    """Languages the welcome phrases of posters and flyers are written in, French first."""
    return tuple(row["language"] for row in read_catalogue("poster_phrases"))


@cache
def sensitive_themes() -> frozenset[str]:
    """Themes a slip never names (violences, santé mentale, grossesse…): a slip carried
    home must not tell anyone else what it is about."""
    return frozenset(
        row["code"] for row in read_catalogue("referral_themes") if row.get("sensitive") == "1"
    )


@cache
def orientation_statuses() -> tuple[Entry, ...]:
    return _entries("orientation_statuses")


@cache
def referral_statuses() -> tuple[Entry, ...]:
    return _entries("referral_statuses")


@cache
def activity_types() -> tuple[Entry, ...]:
    return _entries("activity_types")


@cache
def session_statuses() -> tuple[Entry, ...]:
    return _entries("session_statuses")


@cache
def known_sites() -> tuple[KnownSite, ...]:
    """The five cabanes of the département, used to pre-fill the first-run wizard."""
    return tuple(KnownSite(**row) for row in read_catalogue("sites"))


def label(entries: tuple[Entry, ...], code: str) -> str:
    """French label of a code; the code itself if the catalogue no longer knows it."""
    for entry in entries:
        if entry.code == code:
            return entry.label
    return code


def codes(entries: tuple[Entry, ...], *, active_only: bool = False) -> frozenset[str]:
    return frozenset(e.code for e in entries if e.active or not active_only)
