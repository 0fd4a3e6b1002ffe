"""The declared schema of a weekly file's ``manifest.json`` and ``indicators.json``
(pydantic v2, strict): types, known codes from the catalogues, revision 1–10,000, a week
that exists and is not after next week, counts within physical bounds. What visits.csv
says is checked by a recount (``recount_visit_indicators``). Anything else is refused as
``invalid_content`` with the first reason, in French."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models import catalogues
from models.desk.checkin import MAX_COUNT
from models.figures.aggregates import OUTREACH_KEYS, SESSION_PARTICIPANT_KEYS
from models.figures.calendar import iso_week_bounds

# A week of one cabane: far more than any cabane sees, far less than a forged 10^12.
MAX_VISITS = 5_000
MAX_PEOPLE = MAX_VISITS * MAX_COUNT
MAX_REVISION = 10_000
# The first year a weekly file may be about: the département may bring its PMI centres'
# ten years of history (issue 16), not only the cabanes' own (since 2023).
FIRST_YEAR = 2015

Count = Annotated[int, Field(ge=0, le=MAX_PEOPLE, strict=True)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
SiteCode = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$")]

_REASONS_FR = {
    "missing": "manquant",
    "extra_forbidden": "champ inconnu",
    "literal_error": "valeur inconnue",
    "less_than_equal": "trop grand",
    "greater_than_equal": "négatif ou trop petit",
    "string_pattern_mismatch": "forme inattendue",
    "string_too_long": "trop long",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "datetime_parsing": "date attendue",
    "dict_type": "liste de valeurs attendue",
    "list_type": "liste attendue",
    "string_type": "texte attendu",
    "string_too_short": "vide",
    "too_long": "trop d'éléments",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SiteRef(Strict):
    code: SiteCode
    name: Annotated[str, Field(min_length=1, max_length=120)]


class SiteOfWeek(SiteRef):
    created_at: datetime | None  # the week must not end before the cabane existed


class Period(Strict):
    start: datetime
    end: datetime


PublicKey = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$")]  # 32 bytes, base64


class SigningKeyRef(Strict):
    algorithm: Literal["ed25519"]
    public: PublicKey


class KeyFile(Strict):
    format: Literal["cabane-signing-key"]
    site: SiteRef
    algorithm: Literal["ed25519"]
    public: PublicKey


class Manifest(Strict):
    format: Literal["cabane-weekly"]
    format_version: Literal[2]
    site: SiteOfWeek
    signing_key: SigningKeyRef
    iso_year: Annotated[int, Field(ge=FIRST_YEAR, le=2100, strict=True)]
    iso_week: Annotated[int, Field(ge=1, le=53, strict=True)]
    period: Period
    revision: Annotated[int, Field(ge=1, le=MAX_REVISION, strict=True)]
    generated_at: datetime
    app_version: Annotated[str, Field(max_length=32)]
    row_counts: dict[
        Literal["visits", "orientations", "referrals", "outreach", "sessions", "surveys"],
        Annotated[int, Field(ge=0, le=MAX_VISITS * 10, strict=True)],
    ]
    sha256: dict[str, Sha256]

    @model_validator(mode="after")
    def _a_real_week(self) -> Manifest:
        try:
            start, end = iso_week_bounds(self.iso_year, self.iso_week)
        except ValueError as error:
            raise ValueError("semaine qui n'existe pas") from error
        if (self.period.start, self.period.end) != (start, end):
            raise ValueError("période différente de la semaine")
        if start > datetime.now(start.tzinfo) + timedelta(days=7):
            raise ValueError("semaine à venir")
        created = self.site.created_at
        if created is not None and (created.tzinfo is None or end <= created):
            raise ValueError("semaine d'avant la création de la cabane")
        if self.row_counts.get("visits", 0) > MAX_VISITS:
            raise ValueError("plus de passages qu'une cabane n'en voit")
        return self


@cache
def _known(kind: str) -> frozenset[str]:
    entries = {
        "commune": catalogues.communes,
        "channel": catalogues.channels,
        "service": catalogues.pmi_services,
        "orientation_status": catalogues.orientation_statuses,
        "partner_type": catalogues.partner_types,
        "theme": catalogues.referral_themes,
        "activity": catalogues.activity_types,
        "role": catalogues.adult_roles,
        "age": catalogues.age_bands,
    }[kind]()
    return catalogues.codes(entries) | {"unknown", "other"}


_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})?$")
_WEEKDAY_HOUR = re.compile(r"^[1-7]-([01]?[0-9]|2[0-3])$")


class Indicators(Strict):
    site_code: SiteCode
    iso_year: int
    iso_week: int
    period_start: datetime
    period_end: datetime
    visits: Annotated[int, Field(ge=0, le=MAX_VISITS, strict=True)]
    adults: Count
    adults_by_role: dict[str, Count]
    children: Count
    children_by_age: dict[str, Count]
    pregnant: Count
    first_visits: Count
    not_known_to_pmi: Count
    first_visits_not_known_to_pmi: Count
    families_identified: Count
    orientations_by_service: dict[str, Count]
    orientations_by_status: dict[str, Count]
    referrals_by_partner_type: dict[str, Count]
    referrals_by_theme: dict[str, Count]
    sessions_held_by_activity: dict[str, Count]
    session_participants: dict[Literal[SESSION_PARTICIPANT_KEYS], Count]  # type: ignore[valid-type]
    outreach: dict[Literal[OUTREACH_KEYS], Count]  # type: ignore[valid-type]
    visits_by_commune: dict[str, Count]
    visits_by_channel: dict[str, Count]
    visits_by_language: dict[str, Count]
    interpreter_needed: Count
    visits_by_weekday_hour: dict[str, Count]

    @model_validator(mode="after")
    def _known_codes_and_bounds(self) -> Indicators:
        for field, kind in (
            ("adults_by_role", "role"),
            ("children_by_age", "age"),
            ("orientations_by_service", "service"),
            ("orientations_by_status", "orientation_status"),
            ("referrals_by_partner_type", "partner_type"),
            ("referrals_by_theme", "theme"),
            ("sessions_held_by_activity", "activity"),
            ("visits_by_commune", "commune"),
            ("visits_by_channel", "channel"),
        ):
            unknown = set(getattr(self, field)) - _known(kind)
            if unknown:
                raise ValueError(f"{field} : code inconnu « {sorted(unknown)[0][:20]} »")
        if any(not _LANGUAGE.match(code) for code in self.visits_by_language):
            raise ValueError("visits_by_language : code de langue inattendu")
        if any(not _WEEKDAY_HOUR.match(slot) for slot in self.visits_by_weekday_hour):
            raise ValueError("visits_by_weekday_hour : créneau inattendu")
        visits = self.visits
        for name in ("first_visits", "not_known_to_pmi", "interpreter_needed"):
            if getattr(self, name) > visits:
                raise ValueError(f"{name} : plus que de passages")
        if self.adults > visits * MAX_COUNT or self.children > visits * MAX_COUNT:
            raise ValueError("plus de personnes que de places dans les passages")
        return self


def first_reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    if first.get("type") == "value_error":
        text = str(first.get("ctx", {}).get("error", "")) or first.get("msg", "")
        return f"{where} : {text}".strip(" :")
    reason = _REASONS_FR.get(str(first.get("type")), "invalide")
    return f"{where} : {reason}" if where else reason


def checked_manifest(raw: bytes) -> dict[str, Any]:
    """The manifest as a dict once it matches the schema; ValueError(French reason)."""
    try:
        Manifest.model_validate_json(raw)
    except ValidationError as error:
        raise ValueError(f"manifest.json — {first_reason(error)}") from None
    import json

    return dict(json.loads(raw))


def checked_indicators(raw: bytes, manifest: dict[str, Any]) -> dict[str, Any]:
    """indicators.json as a dict once it matches the schema and the manifest's week."""
    try:
        parsed = Indicators.model_validate_json(raw)
    except ValidationError as error:
        raise ValueError(f"indicators.json — {first_reason(error)}") from None
    if (parsed.site_code, parsed.iso_year, parsed.iso_week) != (
        manifest["site"]["code"],
        manifest["iso_year"],
        manifest["iso_week"],
    ):
        raise ValueError("indicators.json — pas la même cabane ou semaine que le manifeste")
    import json

    return dict(json.loads(raw))


def checked_key_file(raw: bytes) -> dict[str, Any]:
    """A cabane's signing-key file as a dict once it matches its schema; ValueError."""
    try:
        KeyFile.model_validate_json(raw)
    except ValidationError as error:
        raise ValueError(first_reason(error)) from None
    import json

    return dict(json.loads(raw))
