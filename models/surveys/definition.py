"""What a questionnaire version is: its title and questions in the poster languages, French
always there (the fallback), checked by a declared schema (pydantic, strict) whether it
comes from the editor, a shipped template or the database.

Kinds: ``single`` (one choice), ``multiple`` (several choices), ``smiley`` (five faces,
levels « 1 » to « 5 »), ``number`` (a whole number within bounds) and ``text`` (a short
free text, with the warning against names and health details). A choice may carry a
pictogram of the shipped set. A question may carry a ``topic`` telling the programme
what it asks about (activities, themes, days, times of day): its choices' codes are then
the programme's own codes, so that what is asked can stand beside what is offered.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from models import catalogues
from resources import read_catalogue, resource_path

MAX_QUESTIONS = 12
MAX_CHOICES = 12
TITLE_MAX = 120
QUESTION_MAX = 200
CHOICE_MAX = 80
NUMBER_LIMIT = 999
SMILEY_LEVELS = ("1", "2", "3", "4", "5")
KINDS = ("single", "multiple", "smiley", "number", "text")
TOPICS = ("activities", "themes", "days", "hours")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# when a session starts (Paris hour): before noon, noon to 2 pm, to 5 pm, after
TIMES_OF_DAY = ("morning", "midday", "afternoon", "evening")
THEMES = (
    "sleep",
    "food",
    "breastfeeding",
    "screens",
    "crying",
    "development",
    "parent_health",
    "rights",
)

Code = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,32}$")]
Key = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,16}$")]


class DefinitionError(ValueError):
    """A questionnaire refused, with the code of the first reason (the UI phrases it)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def _texts(value: dict[str, str], limit: int) -> dict[str, str]:
    languages = catalogues.poster_languages()
    cleaned = {lang: " ".join(text.split()) for lang, text in value.items()}
    if not cleaned.get("fr"):
        raise ValueError("french_missing")
    for lang, text in cleaned.items():
        if lang not in languages:
            raise ValueError("unknown_language")
        if len(text) > limit:
            raise ValueError("too_long")
    return {lang: text for lang, text in cleaned.items() if text}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    code: Code
    text: dict[str, str]
    pictogram: str = ""

    @field_validator("text")
    @classmethod
    def _text(cls, value: dict[str, str]) -> dict[str, str]:
        return _texts(value, CHOICE_MAX)

    @field_validator("pictogram")
    @classmethod
    def _pictogram(cls, value: str) -> str:
        if value and value not in pictograms():
            raise ValueError("unknown_pictogram")
        return value


class Question(_Strict):
    key: Key
    kind: Literal["single", "multiple", "smiley", "number", "text"]
    text: dict[str, str]
    topic: Literal["", "activities", "themes", "days", "hours"] = ""
    choices: tuple[Choice, ...] = ()
    minimum: Annotated[int, Field(ge=0, le=NUMBER_LIMIT)] = 0
    maximum: Annotated[int, Field(ge=0, le=NUMBER_LIMIT)] = 20

    @field_validator("text")
    @classmethod
    def _text(cls, value: dict[str, str]) -> dict[str, str]:
        return _texts(value, QUESTION_MAX)

    @model_validator(mode="after")
    def _shape(self) -> Question:
        with_choices = self.kind in ("single", "multiple")
        if with_choices and not 2 <= len(self.choices) <= MAX_CHOICES:
            raise ValueError("choices_count")
        if not with_choices and self.choices:
            raise ValueError("choices_not_expected")
        codes = [choice.code for choice in self.choices]
        if len(set(codes)) != len(codes):
            raise ValueError("duplicate_choice")
        if self.topic and not with_choices:
            raise ValueError("topic_needs_choices")
        if self.topic and not set(codes) <= set(topic_codes(self.topic)):
            raise ValueError("topic_codes")
        if self.minimum > self.maximum:
            raise ValueError("bounds")
        return self

    def choice_codes(self) -> tuple[str, ...]:
        if self.kind == "smiley":
            return SMILEY_LEVELS
        return tuple(choice.code for choice in self.choices)


class Definition(_Strict):
    title: dict[str, str]
    languages: tuple[str, ...] = ("fr",)
    questions: tuple[Question, ...]

    @field_validator("title")
    @classmethod
    def _title(cls, value: dict[str, str]) -> dict[str, str]:
        return _texts(value, TITLE_MAX)

    @model_validator(mode="after")
    def _whole(self) -> Definition:
        if not 1 <= len(self.questions) <= MAX_QUESTIONS:
            raise ValueError("questions_count")
        keys = [question.key for question in self.questions]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate_question")
        if not self.languages or self.languages[0] != "fr":
            raise ValueError("french_first")
        if not set(self.languages) <= set(catalogues.poster_languages()):
            raise ValueError("unknown_language")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("duplicate_language")
        return self

    def question(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)


def checked(data: Any) -> Definition:
    """The definition of ``data`` (a dict), or DefinitionError with the first reason."""
    try:
        return Definition.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        message = str(first.get("ctx", {}).get("error", "")) or first["type"]
        where = ".".join(str(part) for part in first["loc"])
        raise DefinitionError(message if message.isidentifier() else first["type"], where) from None


def as_data(definition: Definition) -> dict[str, Any]:
    """The JSON-ready form kept in the database (defaults left out)."""
    return definition.model_dump(mode="json", exclude_defaults=True) | {
        "languages": list(definition.languages)
    }


def in_language(texts: dict[str, str], language: str) -> str:
    """The text in ``language``, else in French."""
    return texts.get(language) or texts["fr"]


def topic_codes(topic: str) -> tuple[str, ...]:
    if topic == "activities":
        return tuple(entry.code for entry in catalogues.activity_types())
    return {"themes": THEMES, "days": WEEKDAYS, "hours": TIMES_OF_DAY}.get(topic, ())


@cache
def pictograms() -> dict[str, tuple[tuple[Any, ...], ...]]:
    """The shipped pictograms: name → strokes in a 24×24 box (y down), each
    ``("line", x1, y1, x2, y2)``, ``("circle", cx, cy, r)``, ``("dot", cx, cy, r)``
    (filled), ``("rect", x, y, w, h)`` or ``("poly", closed, x1, y1, x2, y2, …)``. Drawn
    by the kiosk (Qt) and the paper version (reportlab) alike."""
    with resource_path("surveys", "pictograms.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    return {name: tuple(tuple(stroke) for stroke in strokes) for name, strokes in data.items()}


def smiley_strokes(level: int) -> tuple[tuple[Any, ...], ...]:
    """The face of a smiley level, 1 (the mouth turned down) to 5 (a broad smile), 3 a
    straight mouth: strokes like a pictogram's, drawn alike by the kiosk and the paper."""
    level = min(5, max(1, level))
    bend = (level - 3) * 2.4  # y down: a positive bend sinks the middle (a smile)
    mouth_y = 15.5 - (level - 3) * 0.5
    half = 4.0 + abs(level - 3) * 0.6
    points: list[float] = []
    for step in range(9):
        t = step / 8
        points += [round(12 - half + 2 * half * t, 2), round(mouth_y + 4 * bend * t * (1 - t), 2)]
    return (
        ("circle", 12, 12, 10.5),
        ("dot", 8.5, 9.5, 1.3),
        ("dot", 15.5, 9.5, 1.3),
        ("poly", 0, *points),
    )


@cache
def phrases() -> dict[str, dict[str, str]]:
    """The respondent's side in every poster language (« Suivant », « Merci »…): key →
    language → text, from ``catalogues/survey_phrases.csv``."""
    table: dict[str, dict[str, str]] = {}
    for row in read_catalogue("survey_phrases"):
        table[row["key"]] = {lang: text for lang, text in row.items() if lang != "key" and text}
    return table


def phrase(key: str, language: str) -> str:
    return in_language(phrases()[key], language)
