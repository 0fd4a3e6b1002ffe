"""Questionnaires: templates, versions, one sheet one transaction, results, the programme."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.store.base import PARIS
from models.surveys.definition import MAX_QUESTIONS, DefinitionError, as_data, checked
from models.surveys.results import Filters
from models.surveys.surveys import TEMPLATES, SurveyBook, SurveyError, template

EVER = Filters(datetime(2020, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@pytest.fixture
def book(desk) -> SurveyBook:  # type: ignore[no-untyped-def]
    return SurveyBook(desk.factory, desk.site.id)


def test_the_three_templates_are_short_french_first_and_arabic() -> None:
    titles = {template(code).title["fr"] for code in TEMPLATES}
    assert titles == {"Vos besoins", "Après l'atelier", "Boîte à idées"}
    for code in TEMPLATES:
        definition = template(code)
        assert len(definition.questions) <= MAX_QUESTIONS
        assert definition.languages[0] == "fr" and "ar" in definition.languages
        for question in definition.questions:
            assert question.text.get("ar"), (code, question.key)


def test_a_questionnaire_is_refused_with_a_reason() -> None:
    good = as_data(template("idea_box"))
    too_many = good | {"questions": [dict(good["questions"][1], key=f"q{i}") for i in range(13)]}
    with pytest.raises(DefinitionError) as refused:
        checked(too_many)
    assert refused.value.code == "questions_count"
    no_french = good | {"title": {"ar": "فكرتك"}}
    with pytest.raises(DefinitionError) as refused:
        checked(no_french)
    assert refused.value.code == "french_missing"
    one_choice = dict(good["questions"][0], choices=good["questions"][0]["choices"][:1])
    with pytest.raises(DefinitionError) as refused:
        checked(good | {"questions": [one_choice]})
    assert refused.value.code == "choices_count"


def test_editing_an_answered_questionnaire_makes_a_new_version(book: SurveyBook) -> None:
    survey = book.from_template("after_workshop")
    data = as_data(survey.definition)
    data["title"] = {"fr": "Après l'atelier (modifié)"}
    unanswered = book.save(survey.id, data)
    assert unanswered.version == 1  # nobody answered: changed in place
    book.record(unanswered.version_id, {"felt": "5", "again": "yes"}, "fr", "kiosk")
    data["questions"] = data["questions"][:3]
    edited = book.save(survey.id, data)
    assert edited.version == 2 and len(edited.definition.questions) == 3
    book.record(edited.version_id, {"felt": "2"}, "ar", "kiosk")
    assert set(book.versions(survey.id)) == {1, 2}
    first = book.results(survey.id, Filters(EVER.start, EVER.end, version=1))
    second = book.results(survey.id, Filters(EVER.start, EVER.end, version=2))
    both = book.results(survey.id, EVER)
    assert (first.responses, second.responses, both.responses) == (1, 1, 2)
    felt = {q.key: q for q in both.questions}["felt"]
    assert {c.code: c.count for c in felt.choices} == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}
    assert felt.mean == 3.5
    assert both.by_language == {"fr": 1, "ar": 1}


def test_a_wrong_answer_saves_nothing_of_the_sheet(book: SurveyBook) -> None:
    survey = book.from_template("needs")
    with pytest.raises(SurveyError) as refused:
        book.record(survey.version_id, {"days": ("mon",), "children": 40}, "fr", "typed")
    assert (refused.value.field, refused.value.code) == ("children", "out_of_bounds")
    with pytest.raises(SurveyError):
        book.record(survey.version_id, {"days": ("mon", "someday")}, "fr", "typed")
    with pytest.raises(SurveyError) as refused:
        book.record(survey.version_id, {"idea": "   "}, "fr", "kiosk")
    assert refused.value.code == "empty"
    with pytest.raises(SurveyError):
        book.record(survey.version_id, {"days": ("mon",)}, "ta", "kiosk")  # not offered in Tamil
    assert book.get(survey.id).responses == 0


def test_results_per_question_and_free_texts_to_read(book: SurveyBook, desk) -> None:  # type: ignore[no-untyped-def]
    survey = book.from_template("needs")
    book.record(
        survey.version_id,
        {"days": ("mon", "wed"), "children": 2, "idea": "Un  atelier cuisine"},
        "fr",
        "kiosk",
    )
    book.record(survey.version_id, {"days": ("wed",), "children": 1}, "ar", "typed")
    results = book.results(survey.id, EVER)
    by_key = {q.key: q for q in results.questions}
    days = by_key["days"]
    assert days.answered == 2
    assert {c.code: c.count for c in days.choices if c.count} == {"mon": 1, "wed": 2}
    assert days.share(2) == 1.0
    assert by_key["children"].mean == 1.5
    assert [t.text for t in by_key["idea"].texts] == ["Un atelier cuisine"]
    assert not by_key["idea"].texts[0].published
    from models.desk.sites import StaffDirectory

    text_id = by_key["idea"].texts[0].answer_id
    staff = StaffDirectory(desk.factory, desk.site.id)
    referent = staff.active()[0].id
    welcome = staff.add("Léa", "accueil", referent)
    with pytest.raises(SurveyError) as refused:
        book.set_published(text_id, True, welcome.id)  # only a référente may
    assert refused.value.code == "not_referent"
    book.set_published(text_id, True, referent)
    again = {q.key: q for q in book.results(survey.id, EVER).questions}
    assert again["idea"].texts[0].published
    arabic = book.results(survey.id, Filters(EVER.start, EVER.end, language="ar"))
    assert arabic.responses == 1 and arabic.by_mode == {"typed": 1}


def test_answer_times_are_kept_to_the_quarter_hour(book: SurveyBook, desk) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from models.store.survey_entities import SurveyResponse

    survey = book.from_template("idea_box")
    moment = datetime(2026, 11, 30, 10, 52, 31, tzinfo=PARIS)
    book.record(survey.version_id, {"welcome": "4"}, "fr", "kiosk", answered_at=moment)
    with desk.factory() as session:
        kept = session.scalar(select(SurveyResponse.answered_at))
    assert kept.astimezone(PARIS).strftime("%H:%M:%S") == "10:45:00"


def test_what_is_asked_stands_beside_what_the_programme_offers(book: SurveyBook, desk) -> None:  # type: ignore[no-untyped-def]
    from models.programme.programme import ProgrammeService, SessionData

    monday = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
    programme = ProgrammeService(desk.factory, desk.site.id)
    programme.create(
        SessionData(
            activity="reading",
            title="Lecture",
            starts_at=monday,
            ends_at=monday + timedelta(hours=1),
        )
    )
    talk = monday + timedelta(days=2, hours=4)
    programme.create(
        SessionData(
            activity="themed_talk",
            title="Causerie sommeil",
            starts_at=talk,
            ends_at=talk + timedelta(hours=1),
        )
    )
    survey = book.from_template("needs")
    for _ in range(3):
        book.record(
            survey.version_id,
            {
                "activities": ("baby_massage",),
                "days": ("sat",),
                "themes": ("sleep",),
                "hours": ("morning",),
            },
            "fr",
            "typed",
            answered_at=monday,
        )
    table = book.asked_and_offered(monday - timedelta(days=1), monday + timedelta(days=6))
    activities = {line.code: (line.asked, line.offered) for line in table["activities"]}
    assert activities == {"baby_massage": (3, 0), "reading": (0, 1), "themed_talk": (0, 1)}
    assert table["activities"][0].label == "Massage bébé"
    assert {line.code: (line.asked, line.offered) for line in table["themes"]} == {"sleep": (3, 1)}
    days = {line.code: (line.asked, line.offered) for line in table["days"]}
    assert days == {"sat": (3, 0), "mon": (0, 1), "wed": (0, 1)}
    hours = {line.code: (line.asked, line.offered) for line in table["hours"]}
    assert hours == {"morning": (3, 1), "afternoon": (0, 1)}


def test_free_texts_are_erased_after_24_months_and_still_count(book: SurveyBook, desk) -> None:  # type: ignore[no-untyped-def]
    from models.desk.retention import purge

    survey = book.from_template("idea_box")
    long_ago = datetime(2024, 1, 10, 10, 0, tzinfo=PARIS)
    book.record(
        survey.version_id,
        {"idea": "Un coin lecture", "welcome": "4"},
        "fr",
        "kiosk",
        answered_at=long_ago,
    )
    book.record(survey.version_id, {"idea": "Des sorties au parc"}, "fr", "kiosk")
    counts = purge(desk.factory, datetime(2026, 11, 30, tzinfo=PARIS))
    assert counts.notes == 1
    idea = {q.key: q for q in book.results(survey.id, EVER).questions}["idea"]
    assert [text.text for text in idea.texts] == ["Des sorties au parc"]
    assert idea.answered == 2  # the old answer still counts as given
    assert purge(desk.factory, datetime(2026, 11, 30, tzinfo=PARIS)).notes == 0


def test_the_demo_answers_every_template_for_years_without_a_refusal(desk) -> None:  # type: ignore[no-untyped-def]
    """Five years of a cabane's demo: thousands of sheets, each a valid one (the
    benchmark's database is made so)."""
    from datetime import date

    from models.demo_activity import generate_activity

    made = generate_activity(
        desk.factory, desk.site.id, desk.site.commune, end=date(2026, 11, 29), days=1826
    )
    assert made["survey_answers"] > 2000
    book = SurveyBook(desk.factory, desk.site.id)
    assert {survey.template for survey in book.all()} == set(TEMPLATES)
