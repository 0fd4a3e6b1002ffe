"""Weekly indicators (DESIGN.md §5): ISO weeks in Paris time, counts, recount from visits.csv."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from models.demo import add_other_known_sites
from models.desk.checkin import CheckInService, VisitDraft
from models.desk.families import FamilyService
from models.figures.aggregates import AGE_BAND_CODES, ROLE_CODES
from models.figures.calendar import format_iso_week, iso_week_bounds, iso_week_of, parse_iso_week
from models.figures.indicators import (
    CORE_TOTAL_KEYS,
    JSON_KEYS,
    VISIT_KEYS,
    WeeklyIndicators,
    recount_from_visit_rows,
    recount_visit_indicators,
    weekly_indicators,
)
from models.store.base import PARIS

STAFF = 1


def at(text: str) -> datetime:
    """An aware moment from ISO 8601 text with its offset (``Z`` for UTC)."""
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None
    return moment


def record(desk, when: str, site_id: int | None = None, **fields) -> str:  # type: ignore[no-untyped-def]
    fields.setdefault("mothers", 1)
    service = CheckInService(desk.factory, desk.site.id if site_id is None else site_id)
    return service.record(VisitDraft(arrived_at=at(when), **fields), STAFF)


def week(desk, iso_year: int, iso_week: int) -> WeeklyIndicators:  # type: ignore[no-untyped-def]
    return weekly_indicators(desk.factory, desk.site.id, iso_year, iso_week)


def hours(start: datetime, end: datetime) -> float:
    return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)


# --- ISO weeks ---------------------------------------------------------------------------


def test_a_week_runs_from_monday_midnight_to_monday_midnight_in_paris() -> None:
    start, end = iso_week_bounds(2026, 48)
    assert start == at("2026-11-23T00:00:00+01:00")
    assert end == at("2026-11-30T00:00:00+01:00")
    assert start.tzinfo is PARIS and end.tzinfo is PARIS
    assert hours(start, end) == 168


def test_the_daylight_saving_weeks_last_167_and_169_hours() -> None:
    spring = iso_week_bounds(2026, 13)  # clocks go forward on Sunday 29 March
    assert spring == (at("2026-03-22T23:00:00Z"), at("2026-03-29T22:00:00Z"))
    assert hours(*spring) == 167
    autumn = iso_week_bounds(2026, 43)  # clocks go back on Sunday 25 October
    assert autumn == (at("2026-10-18T22:00:00Z"), at("2026-10-25T23:00:00Z"))
    assert hours(*autumn) == 169


def test_week_53_exists_only_in_long_iso_years() -> None:
    assert iso_week_bounds(2020, 53) == (
        at("2020-12-28T00:00:00+01:00"),
        at("2021-01-04T00:00:00+01:00"),
    )
    # 2026 begins on a Thursday: it has a week 53 (28 December 2026 – 3 January 2027).
    assert iso_week_bounds(2026, 53)[0] == at("2026-12-28T00:00:00+01:00")
    assert parse_iso_week("2020-S53") == (2020, 53)
    for iso_year, iso_week in ((2025, 53), (2027, 53), (2026, 0), (2026, 54)):
        with pytest.raises(ValueError, match=r"^no_such_week$"):
            iso_week_bounds(iso_year, iso_week)
    with pytest.raises(ValueError, match=r"^no_such_week$"):
        parse_iso_week("2025-S53")
    with pytest.raises(ValueError, match=r"^no_such_week$"):
        format_iso_week(2027, 53)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-S48", (2026, 48)),
        ("2026-W48", (2026, 48)),
        ("2026-s48", (2026, 48)),
        ("2026-w48", (2026, 48)),
        (" 2026-S05 ", (2026, 5)),
        ("2026-S5", (2026, 5)),
    ],
)
def test_weeks_are_read_as_french_or_iso_text(text: str, expected: tuple[int, int]) -> None:
    assert parse_iso_week(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "2026", "2026-48", "2026S48", "26-S48", "2026-S", "2026-X48", "2026-S480", "２０２６-S48"],
)
def test_malformed_week_text_is_refused_with_a_code(text: str) -> None:
    with pytest.raises(ValueError, match=r"^bad_week_format$"):
        parse_iso_week(text)


def test_weeks_are_written_the_french_way() -> None:
    assert format_iso_week(2026, 48) == "2026-S48"
    assert format_iso_week(2026, 5) == "2026-S05"
    assert parse_iso_week(format_iso_week(2020, 53)) == (2020, 53)


def test_the_week_of_a_moment_is_taken_in_paris_time() -> None:
    assert iso_week_of(at("2026-11-22T23:59:59+01:00")) == (2026, 47)
    assert iso_week_of(at("2026-11-23T00:00:00+01:00")) == (2026, 48)
    assert iso_week_of(at("2026-11-22T23:30:00Z")) == (2026, 48)  # Monday 00:30 in Paris
    assert iso_week_of(at("2021-01-03T20:00:00+01:00")) == (2020, 53)
    with pytest.raises(ValueError):
        iso_week_of(datetime(2026, 11, 23, 12, 0))


# --- Counting ----------------------------------------------------------------------------


def test_an_empty_week_gives_zeros_and_every_key(desk) -> None:  # type: ignore[no-untyped-def]
    data = week(desk, 2026, 40).to_json_dict()
    assert list(data) == list(JSON_KEYS)
    assert data["site_code"] == "lilas"
    assert (data["iso_year"], data["iso_week"]) == (2026, 40)
    assert data["period_start"] == "2026-09-28T00:00:00+02:00"
    assert data["period_end"] == "2026-10-05T00:00:00+02:00"
    assert data["adults_by_role"] == dict.fromkeys(ROLE_CODES, 0)
    assert set(data["adults_by_role"]) == {"mother", "father", "other_adult", "professional"}
    assert data["children_by_age"] == dict.fromkeys(AGE_BAND_CODES, 0)
    assert set(data["children_by_age"]) == {"0-5m", "6-11m", "12-23m", "24-35m", "3-5y", "6y+"}
    for key in (
        "visits",
        "adults",
        "children",
        "pregnant",
        "first_visits",
        "not_known_to_pmi",
        "first_visits_not_known_to_pmi",
        "families_identified",
        "interpreter_needed",
    ):
        assert data[key] == 0, key
    for key in (
        "orientations_by_service",
        "orientations_by_status",
        "referrals_by_partner_type",
        "referrals_by_theme",
        "sessions_held_by_activity",
        "visits_by_commune",
        "visits_by_channel",
        "visits_by_language",
        "visits_by_weekday_hour",
    ):
        assert data[key] == {}, key
    assert data["session_participants"] == {"adults": 0, "children": 0}
    assert data["outreach"] == {
        "outings": 0,
        "adults": 0,
        "children": 0,
        "pregnant": 0,
        "flyers": 0,
    }


def test_a_hand_made_week_is_counted_exactly(desk) -> None:  # type: ignore[no-untyped-def]
    record(  # Tuesday 14:05
        desk,
        "2026-11-03T14:05:00+01:00",
        mothers=1,
        pregnant=1,
        children_0_5m=1,
        first_visit="yes",
        known_to_pmi="no",
        commune="93045",
        heard_via="street",
        languages=("ta",),
        interpreter_needed=True,
    )
    record(  # Tuesday 14:40
        desk,
        "2026-11-03T14:40:00+01:00",
        mothers=2,
        fathers=1,
        children_6_11m=1,
        children_3_5y=2,
        first_visit="yes",
        known_to_pmi="yes",
        commune="93045",
        heard_via="pmi",
    )
    record(  # Thursday 09:30
        desk,
        "2026-11-05T09:30:00+01:00",
        mothers=0,
        other_adults=1,
        professionals=1,
        children_12_23m=1,
        children_24_35m=1,
        children_6y_plus=1,
        first_visit="no",
        known_to_pmi="no",
        commune="paris",
        heard_via="street",
    )
    record(desk, "2026-11-08T11:00:00+01:00", mothers=1, known_to_pmi="unknown")  # Sunday
    record(desk, "2026-11-09T00:00:00+01:00", mothers=5)  # the next week
    record(desk, "2026-11-01T23:59:00+01:00", mothers=5)  # the week before

    result = week(desk, 2026, 45)
    assert (result.site_code, result.iso_year, result.iso_week) == ("lilas", 2026, 45)
    assert result.week_label == "2026-S45"
    assert result.visits == 4
    assert result.adults == 7
    assert result.adults_by_role == {"mother": 4, "father": 1, "other_adult": 1, "professional": 1}
    assert result.children == 7
    assert result.children_by_age == {
        "0-5m": 1,
        "6-11m": 1,
        "12-23m": 1,
        "24-35m": 1,
        "3-5y": 2,
        "6y+": 1,
    }
    assert result.pregnant == 1
    assert result.first_visits == 2
    assert result.not_known_to_pmi == 2
    assert result.first_visits_not_known_to_pmi == 1
    assert result.families_identified == 0
    assert result.interpreter_needed == 1
    assert result.visits_by_commune == {"93045": 2, "paris": 1, "unknown": 1}
    assert result.visits_by_channel == {"pmi": 1, "street": 2, "unknown": 1}
    assert result.visits_by_language == {"fr": 3, "ta": 1}
    assert result.visits_by_weekday_hour == {(2, 14): 2, (4, 9): 1, (7, 11): 1}
    assert result.to_json_dict()["visits_by_weekday_hour"] == {"2-14": 2, "4-9": 1, "7-11": 1}


def test_sunday_23_59_belongs_to_the_week_before_monday_00_00(desk) -> None:  # type: ignore[no-untyped-def]
    record(desk, "2026-11-22T23:59:00+01:00", fathers=1)
    record(desk, "2026-11-23T00:00:00+01:00", mothers=1)
    before, after = week(desk, 2026, 47), week(desk, 2026, 48)
    assert (before.visits, before.adults_by_role["father"]) == (1, 1)
    assert before.visits_by_weekday_hour == {(7, 23): 1}
    assert (after.visits, after.adults_by_role["mother"]) == (1, 1)
    assert after.visits_by_weekday_hour == {(1, 0): 1}


def test_the_spring_week_has_no_2_am_on_sunday(desk) -> None:  # type: ignore[no-untyped-def]
    record(desk, "2026-03-22T22:59:59Z", children_0_5m=1)  # Sunday 23:59:59 CET: week 12
    record(desk, "2026-03-22T23:00:00Z")  # Monday 00:00 CET: week 13
    record(desk, "2026-03-29T00:30:00Z")  # Sunday 01:30 CET
    record(desk, "2026-03-29T01:30:00Z")  # Sunday 03:30 CEST (02:xx never happened)
    record(desk, "2026-03-29T21:59:59Z")  # Sunday 23:59:59 CEST: still week 13
    record(desk, "2026-03-29T22:00:00Z", fathers=1)  # Monday 00:00 CEST: week 14
    assert week(desk, 2026, 12).visits_by_weekday_hour == {(7, 23): 1}
    spring = week(desk, 2026, 13)
    assert spring.visits == 4
    assert spring.visits_by_weekday_hour == {(1, 0): 1, (7, 1): 1, (7, 3): 1, (7, 23): 1}
    assert week(desk, 2026, 14).visits_by_weekday_hour == {(1, 0): 1}


def test_the_autumn_week_counts_both_2_am_hours_of_sunday_together(desk) -> None:  # type: ignore[no-untyped-def]
    record(desk, "2026-10-18T21:59:59Z")  # Sunday 23:59:59 CEST: week 42
    record(desk, "2026-10-18T22:00:00Z")  # Monday 00:00 CEST: week 43
    record(desk, "2026-10-25T00:30:00Z")  # Sunday 02:30 CEST
    record(desk, "2026-10-25T01:30:00Z")  # Sunday 02:30 CET, the hour repeated
    record(desk, "2026-10-25T02:30:00Z")  # Sunday 03:30 CET
    record(desk, "2026-10-25T22:59:59Z")  # Sunday 23:59:59 CET: still week 43
    record(desk, "2026-10-25T23:00:00Z")  # Monday 00:00 CET: week 44
    assert week(desk, 2026, 42).visits_by_weekday_hour == {(7, 23): 1}
    autumn = week(desk, 2026, 43)
    assert autumn.visits == 5
    assert autumn.visits_by_weekday_hour == {(1, 0): 1, (7, 2): 2, (7, 3): 1, (7, 23): 1}
    assert autumn.to_json_dict()["visits_by_weekday_hour"] == {
        "1-0": 1,
        "7-2": 2,
        "7-3": 1,
        "7-23": 1,
    }
    assert week(desk, 2026, 44).visits_by_weekday_hour == {(1, 0): 1}


def test_a_visit_in_week_53_of_2020(desk) -> None:  # type: ignore[no-untyped-def]
    record(desk, "2021-01-03T16:00:00+01:00", mothers=1, children_3_5y=1)  # Sunday
    record(desk, "2020-12-28T09:00:00+01:00", mothers=0, fathers=1)  # Monday
    result = week(desk, 2020, 53)
    assert (result.visits, result.adults, result.children) == (2, 2, 1)
    assert result.period_start == at("2020-12-28T00:00:00+01:00")
    assert result.visits_by_weekday_hour == {(1, 9): 1, (7, 16): 1}
    assert week(desk, 2021, 1).visits == 0
    assert week(desk, 2020, 52).visits == 0


def test_a_visit_in_two_languages_counts_once_in_each(desk) -> None:  # type: ignore[no-untyped-def]
    record(desk, "2026-11-03T10:00:00+01:00", languages=("ar", "fr"), interpreter_needed=False)
    record(desk, "2026-11-03T10:10:00+01:00", languages=("ar",), interpreter_needed=True)
    record(desk, "2026-11-03T10:20:00+01:00", languages=("bn", "en", "fr"))
    result = week(desk, 2026, 45)
    assert result.visits == 3
    assert result.visits_by_language == {"ar": 2, "bn": 1, "en": 1, "fr": 2}
    assert result.interpreter_needed == 1


def test_families_identified_are_distinct_families(desk) -> None:  # type: ignore[no-untyped-def]
    families = FamilyService(desk.factory, desk.site.id)
    lina = families.create("Maman de Lina", None, True, staff_id=STAFF)
    sami = families.create("Sami", None, True, staff_id=STAFF)
    record(desk, "2026-11-03T10:00:00+01:00", family_id=lina.id)
    record(desk, "2026-11-04T10:00:00+01:00", family_id=lina.id)
    record(desk, "2026-11-05T10:00:00+01:00", family_id=sami.id)
    record(desk, "2026-11-05T11:00:00+01:00")  # anonymous
    record(desk, "2026-11-10T11:00:00+01:00", family_id=sami.id)  # the next week
    result = week(desk, 2026, 45)
    assert (result.visits, result.families_identified) == (4, 2)
    assert week(desk, 2026, 46).families_identified == 1


def test_the_visits_of_another_site_are_not_counted(desk) -> None:  # type: ignore[no-untyped-def]
    others = add_other_known_sites(desk.factory, "lilas")
    other_id, _commune = others[0]
    record(desk, "2026-11-03T10:00:00+01:00", mothers=1, commune="93045")
    record(desk, "2026-11-03T10:00:00+01:00", site_id=other_id, mothers=3, commune="93027")
    record(desk, "2026-11-04T15:00:00+01:00", site_id=other_id, fathers=2, languages=("ar",))
    own = week(desk, 2026, 45)
    assert (own.site_code, own.visits, own.adults) == ("lilas", 1, 1)
    assert own.visits_by_commune == {"93045": 1}
    assert own.visits_by_language == {"fr": 1}
    other = weekly_indicators(desk.factory, other_id, 2026, 45)
    assert other.site_code != "lilas"
    assert (other.visits, other.adults) == (2, 6)
    assert other.visits_by_language == {"ar": 1, "fr": 1}


def test_unknown_site_or_week_is_refused(desk) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LookupError, match="unknown_site"):
        weekly_indicators(desk.factory, 999, 2026, 45)
    with pytest.raises(ValueError, match="no_such_week"):
        weekly_indicators(desk.factory, desk.site.id, 2025, 53)


def test_a_few_aggregate_queries_whatever_the_number_of_visits(desk) -> None:  # type: ignore[no-untyped-def]
    for minute in range(0, 60, 2):
        record(desk, f"2026-11-03T10:{minute:02d}:00+01:00", languages=("fr", "ar"))
    statements: list[str] = []

    def _count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = desk.engine
    event.listen(engine, "before_cursor_execute", _count)
    try:
        result = week(desk, 2026, 45)
    finally:
        event.remove(engine, "before_cursor_execute", _count)
    assert result.visits == 30
    # site, totals, places, languages, arrivals, 2 × follow-ups, outreach, sessions (+1)
    assert len(statements) <= 10
    assert not any("strftime" in s.lower() for s in statements)


# --- The JSON form and the recount from visits.csv ---------------------------------------


def sample_week(desk) -> list[tuple[str, VisitDraft]]:  # type: ignore[no-untyped-def]
    """A varied week (2026-S45) of saved visits, with their ids."""
    family = FamilyService(desk.factory, desk.site.id).create("Awa", None, True, staff_id=STAFF)
    drafts = [
        VisitDraft(
            arrived_at=at("2026-11-02T09:15:00+01:00"),
            mothers=1,
            pregnant=1,
            first_visit="yes",
            known_to_pmi="no",
            commune="93045",
            heard_via="street",
            languages=("ar", "fr"),
            interpreter_needed=True,
            reasons=("pregnancy", "pmi_info"),
        ),
        VisitDraft(
            arrived_at=at("2026-11-03T14:59:59+01:00"),
            mothers=1,
            fathers=1,
            children_0_5m=1,
            children_3_5y=1,
            first_visit="no",
            known_to_pmi="yes",
            commune="93027",
            heard_via="word_of_mouth",
            family_id=family.id,
            reasons=("play",),
        ),
        VisitDraft(
            arrived_at=at("2026-11-04T15:00:00+01:00"),
            other_adults=2,
            professionals=1,
            children_6_11m=2,
            children_12_23m=1,
            children_24_35m=1,
            children_6y_plus=1,
            first_visit="yes",
            known_to_pmi="unknown",
            commune="sans_domicile",
            heard_via="partner",
            languages=("ta",),
            interpreter_needed=True,
        ),
        VisitDraft(
            arrived_at=at("2026-11-08T23:59:00+01:00"),
            mothers=2,
            pregnant=2,
            first_visit="yes",
            known_to_pmi="no",
            family_id=family.id,
            languages=(),
        ),
    ]
    service = CheckInService(desk.factory, desk.site.id)
    return [(service.record(d, STAFF), d) for d in drafts]


def visit_csv_row(visit_id: str, draft: VisitDraft, family_refs: dict[str, str]) -> dict[str, str]:
    counts = {
        name: str(draft.count(name))
        for name in (
            "mothers",
            "fathers",
            "other_adults",
            "professionals",
            "pregnant",
            "children_0_5m",
            "children_6_11m",
            "children_12_23m",
            "children_24_35m",
            "children_3_5y",
            "children_6y_plus",
        )
    }
    family_ref = ""
    if draft.family_id is not None:
        family_ref = family_refs.setdefault(draft.family_id, f"F{len(family_refs) + 1}")
    return {
        "visit_id": visit_id,
        "arrived_at": draft.arrived_at.astimezone(PARIS).isoformat(),
        **counts,
        "first_visit": draft.first_visit,
        "known_to_pmi": draft.known_to_pmi,
        "commune": draft.commune,
        "heard_via": draft.heard_via,
        "languages": "|".join(draft.languages),
        "interpreter_needed": "1" if draft.interpreter_needed else "0",
        "reasons": "|".join(draft.reasons),
        "session_id": draft.session_id or "",
        "family_ref": family_ref,
    }


def test_the_json_form_is_plain_and_reads_back(desk) -> None:  # type: ignore[no-untyped-def]
    sample_week(desk)
    result = week(desk, 2026, 45)
    data = result.to_json_dict()
    text = json.dumps(data, sort_keys=True)
    assert json.loads(text) == data
    assert set(data) == set(JSON_KEYS)
    assert data["period_start"] == "2026-11-02T00:00:00+01:00"
    assert data["period_end"] == "2026-11-09T00:00:00+01:00"
    assert all(isinstance(k, str) for k in data["visits_by_weekday_hour"])
    assert WeeklyIndicators.from_json_dict(json.loads(text)) == result
    broken = {**data, "visits": "4"}
    with pytest.raises(ValueError, match="bad_indicators:visits"):
        WeeklyIndicators.from_json_dict(broken)
    with pytest.raises(ValueError, match="bad_indicators:outreach"):
        WeeklyIndicators.from_json_dict({k: v for k, v in data.items() if k != "outreach"})
    with pytest.raises(ValueError, match="bad_indicators:visits_by_weekday_hour"):
        WeeklyIndicators.from_json_dict({**data, "visits_by_weekday_hour": {"8-1": 1}})
    with pytest.raises(ValueError, match="bad_indicators:iso_week"):
        WeeklyIndicators.from_json_dict({**data, "iso_year": 2025, "iso_week": 53})


def test_the_recount_from_visit_rows_agrees_with_the_database(desk) -> None:  # type: ignore[no-untyped-def]
    saved = sample_week(desk)
    record(desk, "2026-11-09T00:00:00+01:00", mothers=3)  # next week: not in the rows
    family_refs: dict[str, str] = {}
    rows = [visit_csv_row(visit_id, d, family_refs) for visit_id, d in saved]
    data = week(desk, 2026, 45).to_json_dict()

    totals = recount_from_visit_rows(rows)
    assert list(totals) == list(CORE_TOTAL_KEYS)
    assert totals == {key: data[key] for key in CORE_TOTAL_KEYS}
    assert totals == {
        "visits": 4,
        "adults": 8,
        "children": 7,
        "pregnant": 3,
        "first_visits": 3,
        "not_known_to_pmi": 2,
        "interpreter_needed": 2,
    }
    assert recount_visit_indicators(rows) == {key: data[key] for key in VISIT_KEYS}
    assert data["families_identified"] == 1
    assert data["visits_by_language"] == {"ar": 1, "fr": 2, "ta": 1}
    assert data["visits_by_weekday_hour"] == {"1-9": 1, "2-14": 1, "3-15": 1, "7-23": 1}


def test_the_recount_reads_rows_with_a_utc_offset_in_paris_time() -> None:
    row = visit_csv_row(
        "v1", VisitDraft(arrived_at=at("2026-10-25T01:30:00Z"), mothers=1), family_refs={}
    )
    row["arrived_at"] = "2026-10-25T01:30:00+00:00"
    assert recount_visit_indicators([row])["visits_by_weekday_hour"] == {"7-2": 1}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"mothers": "-1"}, "bad_count:mothers"),
        ({"children_3_5y": "deux"}, "bad_count:children_3_5y"),
        ({"interpreter_needed": "yes"}, "bad_interpreter_needed"),
        ({"arrived_at": "2026-11-03T10:00:00"}, "bad_arrived_at"),
        ({"arrived_at": "mardi"}, "bad_arrived_at"),
    ],
)
def test_the_recount_refuses_malformed_rows(change: dict[str, str], code: str) -> None:
    row = visit_csv_row(
        "v1", VisitDraft(arrived_at=at("2026-11-03T10:00:00+01:00"), mothers=1), family_refs={}
    )
    with pytest.raises(ValueError, match=f"^{code}$"):
        recount_from_visit_rows([{**row, **change}])
    del row["pregnant"]
    with pytest.raises(ValueError, match=r"^missing_column:pregnant$"):
        recount_from_visit_rows([row])


def test_the_recount_of_no_rows_is_zero() -> None:
    assert recount_from_visit_rows([]) == dict.fromkeys(CORE_TOTAL_KEYS, 0)
