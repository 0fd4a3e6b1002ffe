"""Plain data of a sign-in sheet (feuille d'émargement) for one session of the programme."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


@dataclass(frozen=True)
class SignInSheet:
    cabane_name: str
    cabane_address: str
    activity: str  # French label of the activity type
    title: str  # the session's own title (may equal the activity)
    day: date
    starts: time
    ends: time
    place: str  # « À la cabane » or an address
    facilitator: str = ""
    partner: str = ""
    registrations: tuple[str, ...] = field(default_factory=tuple)  # first names / labels
    blank_rows: int = 12  # empty rows after the registrations, for walk-ins
    # Every family signing sees the sheet: the registrants' names are printed only if the
    # cabane chooses it (site setting « signin_names »); otherwise their rows stay blank.
    print_names: bool = False
    notice: str = (
        "Cette feuille sert à compter la participation aux activités de la cabane "
        "(responsable : Département de la Seine-Saint-Denis, service de PMI). Rien n'est "
        "saisi nominativement ; la feuille est détruite après comptage. Des initiales "
        "suffisent. Pour voir, corriger ou effacer vos informations : l'équipe de la cabane."
    )


@dataclass(frozen=True)
class PosterSession:
    day: date
    starts: time
    ends: time
    activity: str
    place: str = ""


@dataclass(frozen=True)
class PosterData:
    cabane_name: str
    address: str
    opening_hours: str
    title: str
    sessions: tuple[PosterSession, ...]
    web_address: str = ""
    logo_png: bytes | None = None
    phone: str = ""  # the cabane's phone (« Nous joindre » on slips)
    # welcome phrases: French first, then the languages chosen or most spoken; () = default
    languages: tuple[str, ...] = ()
    # the period shown, [first, last] day: a month's weekly pattern says « Chaque mardi »
    # only for a session held on every Tuesday of it; None = the sessions' own span
    period: tuple[date, date] | None = None
