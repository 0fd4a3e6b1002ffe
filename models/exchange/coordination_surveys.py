"""The cabanes' questionnaires seen together at the coordination (issue 18).

Read from ``coord_survey_counts`` (the surveys.json parts imported, survey_part): for a
period and some cabanes, each questionnaire's answer sheets per cabane, their languages,
and per question the sheets that answered it and each choice's count, per cabane and
together. Questionnaires made from the same template (its code in ``template``) ask the
same questions with the same choice codes: they are counted together across cabanes,
by template, question key and choice code. A questionnaire made by hand is its own.
Labels are the newest rows' (the latest week, the latest version). A week counts in a
period when its Monday is in it (weekly counts cannot be cut by day). With
``publication``, every count from 1 to 4 becomes « <5 ».
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.exchange.annual_report import masked
from models.exchange.row_figures import ALL
from models.exchange.survey_part import LANGUAGE, RESPONSES
from models.store.coordination_entities import CoordSurveyCount

Cell = int | str  # a count, or « <5 » once masked


@dataclass(frozen=True)
class CountLine:
    question: str
    question_text: str
    kind: str
    choice: str  # "": the sheets that answered the question
    choice_text: str
    counts: dict[str, Cell]  # cabane code → count, and ALL: together


@dataclass(frozen=True)
class SurveyTable:
    key: str  # « template:needs », or « survey:<its id> » for one made by hand
    template: str
    title: str
    sheets: dict[str, Cell]  # answer sheets per cabane, and ALL
    languages: tuple[CountLine, ...]  # choice: the language code
    lines: tuple[CountLine, ...]  # each question (choice « »), then its choices


@dataclass
class _Line:
    question: str
    choice: str
    stamp: tuple[Any, ...] = ()
    labels: tuple[str, str, str] = ("", "", "")  # question text, kind, choice text
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, site: str, count: int, stamp: tuple[Any, ...], labels: tuple[str, ...]) -> None:
        self.counts[site] = self.counts.get(site, 0) + count
        self.counts[ALL] = self.counts.get(ALL, 0) + count
        if stamp > self.stamp:
            self.stamp, self.labels = stamp, (labels[0], labels[1], labels[2])

    def line(self, publication: bool) -> CountLine:
        counts = {site: masked(n, publication) for site, n in self.counts.items()}
        text, kind, choice_text = self.labels
        return CountLine(self.question, text, kind, self.choice, choice_text, counts)


@dataclass
class _Table:
    template: str
    title: tuple[tuple[Any, ...], str] = ((), "")
    lines: dict[tuple[str, str], _Line] = field(default_factory=dict)


def _rows(session: Session, first: date, last: date, sites: list[str] | None) -> list[Any]:
    c = CoordSurveyCount
    labels = (c.title, c.question_text, c.kind, c.choice_text)
    query = (
        select(
            c.template,
            c.survey_ref,
            c.site_code,
            c.question,
            c.choice,
            *labels,
            func.max(c.day),
            func.max(c.version),
            func.min(c.id),
            func.sum(c.count),
        )
        .where(c.day >= first, c.day <= last)
        .group_by(c.template, c.survey_ref, c.site_code, c.question, c.choice, *labels)
    )
    if sites is not None:
        query = query.where(c.site_code.in_(sites))
    # the newest first, each week's rows in their file's order: questions and choices
    # are met in the order of the latest questionnaire
    return sorted(session.execute(query).all(), key=lambda r: (r[9], r[10], -r[11]), reverse=True)


def survey_tables(
    factory: sessionmaker[Session],
    first: date,
    last: date,
    sites: list[str] | None = None,
    publication: bool = False,
) -> list[SurveyTable]:
    """Every questionnaire answered in [first, last] in these cabanes (None: all), by
    title; counts masked from 1 to 4 with ``publication``."""
    with factory() as session:
        rows = _rows(session, first, last, sites)
    tables: dict[str, _Table] = {}
    for (
        template,
        ref,
        site,
        question,
        choice,
        title,
        text,
        kind,
        label,
        day,
        version,
        _id,
        n,
    ) in rows:
        key = f"template:{template}" if template else f"survey:{ref}"
        table = tables.setdefault(key, _Table(template))
        stamp = (day, version)
        if stamp > table.title[0]:
            table.title = (stamp, title)
        line = table.lines.setdefault((question, choice), _Line(question, choice))
        line.add(site, int(n or 0), stamp, (text, kind, label))
    found = [_table(key, table, publication) for key, table in tables.items()]
    return sorted(found, key=lambda table: (table.title.casefold(), table.key))


def _table(key: str, table: _Table, publication: bool) -> SurveyTable:
    sheets = table.lines.get((RESPONSES, ""), _Line(RESPONSES, ""))
    languages = [line for line in table.lines.values() if line.question == LANGUAGE]
    asked: dict[str, list[_Line]] = {}
    for line in table.lines.values():
        if not line.question.startswith("_"):
            asked.setdefault(line.question, []).append(line)
    lines: list[CountLine] = []
    for question in asked.values():
        numbers = any(line.labels[1] == "number" for line in question)
        choices = sorted(  # the question first; a number's values in order
            question,
            key=lambda line: (
                line.choice != "",
                numbers and line.choice.isdigit() and int(line.choice),
            ),
        )
        lines += [line.line(publication) for line in choices]
    return SurveyTable(
        key,
        table.template,
        table.title[1],
        sheets.line(publication).counts,
        tuple(line.line(publication) for line in sorted(languages, key=lambda x: x.choice)),
        tuple(lines),
    )
