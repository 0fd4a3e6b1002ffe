"""The survey part of a weekly file, ``surveys.json`` (issue 18): for each questionnaire
version answered in the week, its answer sheets, their languages, and per question the
sheets that answered it and the count of each choice (``models.surveys.results.
week_counts`` writes it). No free text: the schema has no field for one, a free-text
question only says how many sheets answered it.

Read at the coordination, it is validated, not trusted (DESIGN.md §6): a declared schema
(pydantic, strict, no unknown field), codes of the questionnaire's own forms, bounded texts
and sizes, and counts that could be: no more sheets answering a question than sheets,
no choice picked more often than the question was answered, one choice a sheet for a
single choice, a smiley or a number, languages adding up to the sheets. The part is then
turned into ``coord_survey_counts`` rows, on the week's Monday.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models import catalogues
from models.exchange.exchange import SURVEYS
from models.exchange.weekly_schema import MAX_REVISION, MAX_VISITS, first_reason
from models.figures.calendar import iso_monday
from models.surveys.definition import (
    CHOICE_MAX,
    MAX_CHOICES,
    MAX_QUESTIONS,
    NUMBER_LIMIT,
    QUESTION_MAX,
    SMILEY_LEVELS,
    TITLE_MAX,
    Code,
    Key,
)

MAX_SURVEYS = 50  # questionnaire versions answered in one week
MAX_SHEETS = MAX_VISITS  # answer sheets of one week, as many as visits at most
MAX_NUMBERS = NUMBER_LIMIT + 1  # the distinct values of a number question: 0 to 999
MAX_ROWS = 20_000  # counts of one week in all (a busy week has a few hundred)
RESPONSES = "_responses"  # the rows' question for the answer sheets (choice « »)
LANGUAGE = "_language"  # the rows' question for the sheets of a language (choice: its code)
ONE_A_SHEET = ("single", "smiley", "number")  # one choice per sheet that answered

Sheets = Annotated[int, Field(ge=0, le=MAX_SHEETS)]
SurveyRef = Annotated[
    str, Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
Template = Annotated[str, Field(pattern=r"^([a-z0-9_]{1,32})?$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ChoiceCount(_Strict):
    code: Code
    text: Annotated[str, Field(max_length=CHOICE_MAX)]
    count: Sheets


class QuestionCount(_Strict):
    key: Key
    kind: Literal["single", "multiple", "smiley", "number", "text"]
    text: Annotated[str, Field(min_length=1, max_length=QUESTION_MAX)]
    answered: Sheets
    choices: Annotated[list[ChoiceCount], Field(max_length=MAX_NUMBERS)]

    @model_validator(mode="after")
    def _possible(self) -> QuestionCount:
        codes = [choice.code for choice in self.choices]
        if len(set(codes)) != len(codes):
            raise ValueError(f"« {self.key} » : choix en double")
        if self.kind == "text" and codes:
            raise ValueError(f"« {self.key} » : une question libre n'a pas de choix")
        if self.kind in ("single", "multiple") and len(codes) > MAX_CHOICES:
            raise ValueError(f"« {self.key} » : trop de choix")
        if self.kind == "smiley" and not set(codes) <= set(SMILEY_LEVELS):
            raise ValueError(f"« {self.key} » : niveau de smiley inconnu")
        if self.kind == "number" and any(
            not code.isdigit() or str(int(code)) != code or int(code) > NUMBER_LIMIT
            for code in codes
        ):
            raise ValueError(f"« {self.key} » : nombre hors de 0 à {NUMBER_LIMIT}")
        if self.kind == "number" and any(choice.count == 0 for choice in self.choices):
            raise ValueError(f"« {self.key} » : valeur comptée zéro fois")  # only those given
        counts = [choice.count for choice in self.choices]
        if any(count > self.answered for count in counts):
            raise ValueError(f"« {self.key} » : un choix compté plus de fois que de réponses")
        total = sum(counts)
        if self.kind in ONE_A_SHEET and total != self.answered:
            raise ValueError(f"« {self.key} » : les choix ne font pas le nombre de réponses")
        if self.kind == "multiple" and total < self.answered:
            raise ValueError(f"« {self.key} » : moins de choix que de réponses")
        return self


class SurveyCount(_Strict):
    survey: SurveyRef
    template: Template
    version: Annotated[int, Field(ge=1, le=MAX_REVISION)]
    title: Annotated[str, Field(min_length=1, max_length=TITLE_MAX)]
    responses: Sheets
    languages: dict[str, Sheets]
    questions: Annotated[list[QuestionCount], Field(max_length=MAX_QUESTIONS)]

    @model_validator(mode="after")
    def _possible(self) -> SurveyCount:
        if not set(self.languages) <= set(catalogues.poster_languages()):
            raise ValueError("langue inconnue")
        if sum(self.languages.values()) != self.responses:
            raise ValueError("les langues ne font pas le nombre de fiches")
        keys = [question.key for question in self.questions]
        if len(set(keys)) != len(keys):
            raise ValueError("question en double")
        if any(question.answered > self.responses for question in self.questions):
            raise ValueError("une question répondue plus de fois que de fiches")
        return self


class SurveysPart(_Strict):
    surveys: Annotated[list[SurveyCount], Field(max_length=MAX_SURVEYS)]

    @model_validator(mode="after")
    def _possible(self) -> SurveysPart:
        versions = [(survey.survey, survey.version) for survey in self.surveys]
        if len(set(versions)) != len(versions):
            raise ValueError("version de questionnaire en double")
        if self.sheets() > MAX_SHEETS:
            raise ValueError("plus de fiches qu'une cabane n'en recueille")
        counts = sum(
            1 + len(survey.languages) + sum(1 + len(q.choices) for q in survey.questions)
            for survey in self.surveys
        )
        if counts > MAX_ROWS:
            raise ValueError("trop de comptes pour une semaine")
        return self

    def sheets(self) -> int:
        return sum(survey.responses for survey in self.surveys)


def checked_surveys(raw: bytes, manifest: dict[str, Any]) -> SurveysPart:
    """surveys.json once it matches its schema and the manifest's count of answer sheets;
    ValueError with the first reason, in French."""
    try:
        part = SurveysPart.model_validate_json(raw)
    except ValidationError as error:
        raise ValueError(f"{SURVEYS} — {first_reason(error)}") from None
    if manifest.get("row_counts", {}).get("surveys") != part.sheets():
        raise ValueError(f"{SURVEYS} — pas le nombre de fiches du manifeste")
    return part


def _row(
    common: dict[str, Any], question: str, text: str, kind: str, choice: str, label: str, n: int
) -> dict[str, Any]:
    """One ``coord_survey_counts`` row (its columns always in this order: one statement
    inserts them all)."""
    return {
        **common,
        "question": question,
        "question_text": text,
        "kind": kind,
        "choice": choice,
        "choice_text": label,
        "count": n,
    }


def survey_rows(raw: bytes, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows the coordination keeps of surveys.json: per questionnaire version, its
    answer sheets (question « _responses », choice « »), the sheets of each language
    (« _language », its code), and per question the sheets that answered it (choice « »)
    and each choice's count. ValueError (French) if the part is refused."""
    part = checked_surveys(raw, manifest)
    monday = iso_monday(int(manifest["iso_year"]), int(manifest["iso_week"])).isoformat()
    rows: list[dict[str, Any]] = []
    for survey in part.surveys:
        common = {
            "day": monday,
            "survey_ref": survey.survey,
            "template": survey.template,
            "version": survey.version,
            "title": survey.title,
        }
        rows.append(_row(common, RESPONSES, "", "", "", "", survey.responses))
        for language, count in sorted(survey.languages.items()):
            rows.append(_row(common, LANGUAGE, "", "", language, "", count))
        for question in survey.questions:
            asked = (question.key, question.text, question.kind)
            rows.append(_row(common, *asked, "", "", question.answered))
            for choice in question.choices:
                rows.append(_row(common, *asked, choice.code, choice.text, choice.count))
    return rows
