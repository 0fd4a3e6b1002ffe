"""Plain data of a referral slip (fiche d'orientation) handed to a family: no personal data
unless staff typed a first name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class PlaceContact:
    """Where to go and how to reach it, as printed for a family."""

    name: str
    address: str = ""
    phone: str = ""
    opening_hours: str = ""
    languages: tuple[str, ...] = field(default_factory=tuple)  # French labels, not codes
    email: str = ""
    website: str = ""


@dataclass(frozen=True)
class ReferralSlip:
    partner: PlaceContact
    theme: str  # the reason in plain words, e.g. « Ouvrir vos droits à la CAF »
    cabane: PlaceContact  # the cabane's own contact, to come back
    issued_on: date
    first_name: str = ""  # only if staff typed it
    appointment: str = ""  # e.g. « mardi 3 décembre à 14 h », if any
    to_bring: str = ""  # « À apporter » (the partner's own list, else the theme's)
