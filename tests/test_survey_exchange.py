"""Issue 18: the weekly file's survey part (surveys.json). Recounted from the answer
sheets with plain SQL, never carrying a free text; kept at the coordination with its week
(replaced by a higher revision, gone with a withdrawn week); a forged part refuses the
file whole; files of cabanes not yet updated still come in; the cabanes' questionnaires
read together, masked for publication."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from models.desk.sites import SiteInfo, current_site, set_coordination_recipients
from models.exchange import crypto
from models.exchange.coordination import MASK_TEXT, CoordinationStore
from models.exchange.exchange import MANIFEST, SIGNATURE, build_weekly_zip
from models.exchange.exporter import WeeklyExporter
from models.exchange.row_figures import ALL
from models.exchange.signing import sign, signing_secret
from models.figures.calendar import iso_week_bounds
from models.store.base import PARIS
from models.store.coordination_entities import CoordSurveyCount
from models.surveys.surveys import SurveyBook
from tests.support.postgres import ENGINES, coordination_factory

AGE = shutil.which("age")
WEEK = (2026, 46)  # Monday 9 to Sunday 15 November 2026
MONDAY = datetime(2026, 11, 9, 10, 0, tzinfo=PARIS)
SECRET_WORDS = ("Zébulon", "marmelade")  # a free text: never leaves the cabane
YES = lambda *_: True  # noqa: E731 — a person who checked the fingerprint
SURVEYS = "surveys.json"


@pytest.fixture
def age_key() -> tuple[str, str]:
    return crypto.new_identity()


@pytest.fixture
def cabane(desk, age_key):  # type: ignore[no-untyped-def]
    """Les Lilas, with « Vos besoins » and « Après l'atelier » answered in the week, one
    sheet the week after, and a free text."""
    desk.site = set_coordination_recipients(desk.factory, desk.site.id, (age_key[1],), None)
    book = SurveyBook(desk.factory, desk.site.id)
    needs = book.from_template("needs")
    after = book.from_template("after_workshop")
    sheets: list[tuple[int, dict[str, Any], str, datetime]] = [
        (
            needs.version_id,
            {"help": ("advice", "play"), "hear": "pmi", "children": 2, "days": ("mon",)},
            "fr",
            MONDAY,
        ),
        (
            needs.version_id,
            {"help": ("advice",), "children": 1, "idea": " ".join(SECRET_WORDS)},
            "ar",
            MONDAY + timedelta(days=2, hours=3),
        ),
        (needs.version_id, {"hear": "poster", "children": 2}, "en", MONDAY + timedelta(days=6)),
        (after.version_id, {"felt": "5"}, "fr", MONDAY + timedelta(days=3)),
        (after.version_id, {"felt": "4"}, "fr", MONDAY + timedelta(days=3, minutes=20)),
        # the next week's Monday: not in this file
        (needs.version_id, {"hear": "sms"}, "fr", datetime(2026, 11, 16, 0, 0, tzinfo=PARIS)),
    ]
    for version_id, answers, language, moment in sheets:
        book.record(version_id, answers, language, "kiosk", answered_at=moment)
    return desk


@pytest.fixture(params=ENGINES)
def coordination(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The coordination's store, on SQLCipher and on PostgreSQL."""
    with coordination_factory(request, tmp_path) as factory:
        yield CoordinationStore(factory)


def export(desk, out: Path, week: tuple[int, int] = WEEK) -> Path:  # type: ignore[no-untyped-def]
    out.mkdir(exist_ok=True)
    exporter = WeeklyExporter(desk.factory, desk.site, "0.1.0")
    return exporter.export(*week, out, desk.site.coordination_recipients).path


def members(clear: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sealed(desk, parts: dict[str, bytes], public: str) -> bytes:  # type: ignore[no-untyped-def]
    """The parts zipped again, the manifest's checksums made to match and signed with the
    cabane's own key: only what the content says can be refused."""
    import hashlib

    manifest = json.loads(parts[MANIFEST])
    manifest["sha256"] = {
        name: hashlib.sha256(data).hexdigest()
        for name, data in parts.items()
        if name not in (MANIFEST, SIGNATURE)
    }
    parts = dict(parts, **{MANIFEST: json.dumps(manifest).encode()})
    parts[SIGNATURE] = sign(signing_secret(desk.factory), parts[MANIFEST])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return crypto.encrypt(buffer.getvalue(), [public])


def recount(factory: sessionmaker[Session], site_id: int, week: tuple[int, int]) -> dict[str, Any]:
    """The week's answers counted straight from the tables (plain SQL, not week_counts):
    (survey, version) → sheets, languages, and per question the sheets that answered and
    each choice's count."""
    start, end = (
        moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") for moment in iso_week_bounds(*week)
    )
    of_week = (
        "FROM survey_responses r JOIN survey_versions v ON v.id = r.version_id "
        "WHERE r.site_id = :site AND r.answered_at >= :start AND r.answered_at < :end"
    )
    bounds = {"site": site_id, "start": start, "end": end}
    found: dict[tuple[str, int], dict[str, Any]] = defaultdict(
        lambda: {"sheets": 0, "languages": Counter(), "answered": {}, "choices": Counter()}
    )
    with factory() as session:
        for survey, number, language, sheets in session.execute(
            text(
                f"SELECT v.survey_id, v.number, r.language, COUNT(*) {of_week} "
                "GROUP BY v.survey_id, v.number, r.language"
            ),
            bounds,
        ):
            found[(survey, number)]["sheets"] += sheets
            found[(survey, number)]["languages"][language] += sheets
        for survey, number, question, answered in session.execute(
            text(
                "SELECT w.survey_id, w.number, a.question, COUNT(DISTINCT a.response_id) "
                f"FROM survey_answers a JOIN ({'SELECT r.id, v.survey_id, v.number ' + of_week})"
                " w ON w.id = a.response_id GROUP BY w.survey_id, w.number, a.question"
            ),
            bounds,
        ):
            found[(survey, number)]["answered"][question] = answered
        for survey, number, question, choice, count in session.execute(
            text(
                "SELECT w.survey_id, w.number, a.question, a.choice, COUNT(*) "
                f"FROM survey_answers a JOIN ({'SELECT r.id, v.survey_id, v.number ' + of_week})"
                " w ON w.id = a.response_id WHERE a.text IS NULL "
                "GROUP BY w.survey_id, w.number, a.question, a.choice"
            ),
            bounds,
        ):
            found[(survey, number)]["choices"][(question, choice)] = count
    return dict(found)


@pytest.mark.skipif(AGE is None, reason="the age tool is installed by .ci/run")
def test_the_survey_part_is_a_recount_of_the_answer_sheets(cabane, age_key, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = export(cabane, tmp_path / "out")
    key_file = tmp_path / "identity.txt"
    key_file.write_text(age_key[0] + "\n")
    clear = subprocess.run(
        [AGE, "-d", "-i", str(key_file), str(path)], capture_output=True, check=True
    ).stdout
    parts = members(clear)
    manifest = json.loads(parts[MANIFEST])
    import hashlib

    assert manifest["sha256"][SURVEYS] == hashlib.sha256(parts[SURVEYS]).hexdigest()
    assert manifest["format_version"] == 2
    part = json.loads(parts[SURVEYS])["surveys"]
    expected = recount(cabane.factory, cabane.site.id, WEEK)
    assert {(s["survey"], s["version"]) for s in part} == set(expected)
    assert manifest["row_counts"]["surveys"] == sum(s["responses"] for s in part) == 5
    checked_choices = 0
    for survey in part:
        counted = expected[(survey["survey"], survey["version"])]
        assert survey["responses"] == counted["sheets"]
        assert survey["languages"] == dict(counted["languages"])
        for question in survey["questions"]:
            assert question["answered"] == counted["answered"].get(question["key"], 0)
            listed = {c["code"]: c["count"] for c in question["choices"]}
            for code, count in listed.items():
                assert count == counted["choices"][(question["key"], code)], (question, code)
                checked_choices += 1
            given = {c for (q, c), n in counted["choices"].items() if q == question["key"] and n}
            assert given <= set(listed)  # every choice given is in the file
            assert "texts" not in question
    assert checked_choices > 20
    # the free text is counted as an answer, its words are nowhere in the file
    idea = next(q for s in part for q in s["questions"] if q["key"] == "idea")
    assert idea["answered"] == 1 and idea["choices"] == []
    for data in parts.values():
        for word in SECRET_WORDS:
            assert word.encode() not in data and word.lower().encode() not in data.lower()


def survey_counts(store: CoordinationStore) -> list[tuple[str, str, str, int]]:
    with sessionmaker(store.engine())() as session:
        c = CoordSurveyCount
        rows = session.execute(
            select(c.template, c.question, c.choice, c.count).order_by(c.id)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def count_of(
    rows: list[tuple[str, str, str, int]], template: str, question: str, choice: str
) -> int:
    return sum(n for t, q, c, n in rows if (t, q, c) == (template, question, choice))


def test_the_counts_are_kept_with_their_week_and_replaced_whole(
    cabane, coordination, age_key, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ids = [age_key[0]]
    first = export(cabane, tmp_path / "r1")
    assert coordination.import_paths([first], ids, YES)[0].status == "imported"
    rows = survey_counts(coordination)
    assert count_of(rows, "needs", "_responses", "") == 3
    assert count_of(rows, "after_workshop", "_responses", "") == 2
    assert count_of(rows, "needs", "_language", "ar") == 1
    assert count_of(rows, "needs", "help", "") == 2  # the sheets that answered
    assert count_of(rows, "needs", "help", "advice") == 2
    assert count_of(rows, "needs", "children", "2") == 2
    assert count_of(rows, "after_workshop", "felt", "5") == 1
    assert count_of(rows, "needs", "idea", "") == 1  # a free text: counted, not carried
    with sessionmaker(coordination.engine())() as session:
        days = set(session.scalars(select(CoordSurveyCount.day)))
    assert days == {date(2026, 11, 9)}  # the week's Monday

    book = SurveyBook(cabane.factory, cabane.site.id)
    needs = next(info for info in book.all() if info.template == "needs")
    book.record(needs.version_id, {"help": ("rest",)}, "fr", "typed", answered_at=MONDAY)
    second = export(cabane, tmp_path / "r2")
    assert coordination.import_paths([second], ids, YES)[0].status == "replaced"
    again = survey_counts(coordination)
    assert count_of(again, "needs", "_responses", "") == 4  # replaced, not added
    assert count_of(again, "needs", "help", "rest") == 1
    assert len(again) == len(rows)  # the same rows (every choice has one), new counts
    # a week without answers: imported, no counts
    quiet = export(cabane, tmp_path / "quiet", (2026, 44))
    assert coordination.import_paths([quiet], ids, YES)[0].status == "imported"
    assert len(survey_counts(coordination)) == len(again)
    coordination.withdraw("lilas", *WEEK, "envoyée par erreur")
    assert survey_counts(coordination) == []


def test_a_file_from_a_cabane_not_yet_updated_is_accepted(cabane, coordination, age_key) -> None:  # type: ignore[no-untyped-def]
    parts = members(build_weekly_zip(cabane.factory, cabane.site, *WEEK, 1, "0.9"))
    del parts[SURVEYS]
    manifest = json.loads(parts[MANIFEST])
    del manifest["row_counts"]["surveys"]
    parts[MANIFEST] = json.dumps(manifest).encode()
    older = sealed(cabane, parts, age_key[1])
    outcome = coordination.import_data(older, [age_key[0]], "older", YES)
    assert outcome.status == "imported", outcome
    assert len(coordination.weeks()) == 1 and survey_counts(coordination) == []


def forgeries(part: dict[str, Any]) -> dict[str, dict[str, Any]]:
    def changed(change: Any) -> dict[str, Any]:
        copy = json.loads(json.dumps(part))
        change(copy["surveys"])
        return copy

    def too_often(surveys: list[dict[str, Any]]) -> None:
        question = next(q for q in surveys[0]["questions"] if q["kind"] == "multiple")
        question["choices"][0]["count"] = question["answered"] + 1

    def unknown_kind(surveys: list[dict[str, Any]]) -> None:
        surveys[0]["questions"][0]["kind"] = "essay"

    def free_text(surveys: list[dict[str, Any]]) -> None:
        surveys[0]["text"] = "Madame Zébulon, 06 12 34 56 78"

    def texts_of_answers(surveys: list[dict[str, Any]]) -> None:
        surveys[0]["questions"][-1]["texts"] = ["Madame Zébulon"]

    def billion(surveys: list[dict[str, Any]]) -> None:
        surveys[0]["responses"] = 10**9

    def foreign_language(surveys: list[dict[str, Any]]) -> None:
        surveys[0]["languages"] = {"xx": surveys[0]["responses"]}

    return {
        fake.__name__: changed(fake)
        for fake in (
            too_often,
            unknown_kind,
            free_text,
            texts_of_answers,
            billion,
            foreign_language,
        )
    }


def test_a_forged_survey_part_refuses_the_file_whole(cabane, coordination, age_key) -> None:  # type: ignore[no-untyped-def]
    parts = members(build_weekly_zip(cabane.factory, cabane.site, *WEEK, 1, "test"))
    part = json.loads(parts[SURVEYS])
    reasons = {}
    for name, forged in forgeries(part).items():
        data = sealed(cabane, dict(parts, **{SURVEYS: json.dumps(forged).encode()}), age_key[1])
        outcome = coordination.import_data(data, [age_key[0]], name, YES)
        assert (outcome.status, outcome.code) == ("refused", "invalid_content"), name
        assert outcome.detail.startswith("surveys.json — "), outcome.detail
        reasons[name] = outcome.detail
    assert "plus de fois que de réponses" in reasons["too_often"]
    assert "valeur inconnue" in reasons["unknown_kind"]
    assert (
        "champ inconnu" in reasons["free_text"] and "champ inconnu" in reasons["texts_of_answers"]
    )
    assert "trop grand" in reasons["billion"]
    assert "langue inconnue" in reasons["foreign_language"]
    assert coordination.weeks() == [] and survey_counts(coordination) == []
    # a part that is not the manifest's, or listed but absent
    counted = json.loads(parts[MANIFEST])
    counted["row_counts"]["surveys"] = 4
    data = sealed(cabane, dict(parts, **{MANIFEST: json.dumps(counted).encode()}), age_key[1])
    assert coordination.import_data(data, [age_key[0]], "count", YES).code == "invalid_content"
    genuine = sealed(cabane, parts, age_key[1])
    assert coordination.import_data(genuine, [age_key[0]], "genuine", YES).status == "imported"


@pytest.fixture
def moulin(tmp_path: Path, age_key: tuple[str, str]) -> Iterator[tuple[Any, SiteInfo]]:
    """A second cabane in its own encrypted scratch database, as the coordination demo
    makes its cabanes."""
    from desktop.coordination_demo import scratch_cabane

    with scratch_cabane(tmp_path, "moulin", "Cabane du Moulin", "93048") as factory:
        site = current_site(factory)
        assert site is not None
        yield factory, set_coordination_recipients(factory, site.id, (age_key[1],), None)


def test_the_coordination_reads_the_cabanes_together_masked_for_publication(
    cabane, coordination, age_key, tmp_path: Path, moulin
) -> None:  # type: ignore[no-untyped-def]
    factory, site = moulin
    book = SurveyBook(factory, site.id)
    needs = book.from_template("needs")
    by_hand = book.create(book.get(needs.id).definition.model_copy(), "")
    for hour in range(6):
        book.record(needs.version_id, {"help": ("advice",), "hear": "pmi"}, "fr", "kiosk",
                    answered_at=MONDAY + timedelta(hours=hour))  # fmt: skip
    book.record(by_hand.version_id, {"hear": "sms"}, "fr", "typed", answered_at=MONDAY)
    (tmp_path / "m").mkdir()
    other = WeeklyExporter(factory, site, "0.1.0").export(*WEEK, tmp_path / "m", (age_key[1],))
    paths = [export(cabane, tmp_path / "l"), other.path]
    assert [o.status for o in coordination.import_paths(paths, [age_key[0]], YES)] == [
        "imported",
        "imported",
    ]
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    tables = {t.key: t for t in coordination.surveys(first, last, None)}
    assert set(tables) == {"template:needs", "template:after_workshop", f"survey:{by_hand.id}"}
    together = tables["template:needs"]
    assert together.title == "Vos besoins"
    assert together.sheets == {"lilas": 3, "moulin": 6, ALL: 9}
    lines = {(line.question, line.choice): line for line in together.lines}
    assert lines[("help", "advice")].counts == {"lilas": 2, "moulin": 6, ALL: 8}
    assert lines[("help", "")].choice_text == "" and lines[("help", "")].counts[ALL] == 8
    assert lines[("help", "advice")].choice_text and lines[("help", "advice")].question_text
    assert [line.choice for line in together.lines if line.question == "children"] == ["", "1", "2"]
    order = list(dict.fromkeys(line.question for line in together.lines))
    assert order.index("help") < order.index("hear") < order.index("idea")
    assert tables[f"survey:{by_hand.id}"].sheets == {"moulin": 1, ALL: 1}
    languages = {line.choice: line.counts for line in together.languages}
    assert languages["fr"] == {"lilas": 1, "moulin": 6, ALL: 7}
    # for publication: 1 to 4 become « <5 », 0 and 5 or more stay
    published = {t.key: t for t in coordination.surveys(first, last, None, publication=True)}
    needs_out = published["template:needs"]
    assert needs_out.sheets == {"lilas": MASK_TEXT, "moulin": 6, ALL: 9}
    masked = {(line.question, line.choice): line.counts for line in needs_out.lines}
    assert masked[("help", "advice")] == {"lilas": MASK_TEXT, "moulin": 6, ALL: 8}
    assert masked[("help", "play")] == {"lilas": MASK_TEXT, "moulin": 0, ALL: MASK_TEXT}
    # one cabane, another period
    only = coordination.surveys(first, last, ["moulin"])
    assert {t.key for t in only} == {"template:needs", f"survey:{by_hand.id}"}
    assert coordination.surveys(date(2026, 11, 10), last, None) == []  # Monday outside


def test_the_questionnaires_view_follows_the_period_the_cabanes_and_the_mask(
    qtbot, cabane, age_key, tmp_path: Path, moulin
) -> None:  # type: ignore[no-untyped-def]
    """« Chiffres » › « Questionnaires »: each questionnaire, a column per cabane and
    together, masked for publication on screen and in what is copied."""
    import os

    from PySide6.QtGui import QGuiApplication

    from desktop.folder.desk import set_up_coordination
    from desktop.folder.secrets import open_keychain
    from tests.test_coordination_gui import open_window

    factory, site = moulin
    book = SurveyBook(factory, site.id)
    needs = book.from_template("needs")
    helps = ("advice", "play", "meet_parents", "rest", "french")
    for n in range(14):
        answers = {"help": helps[: 1 + n % 4], "hear": ("pmi", "poster", "sms")[n % 3]}
        answers |= {"children": 1 + n % 3, "days": ("wed", "sat")[: 1 + n % 2]}
        language = ("fr", "ar", "fr", "en")[n % 4]
        moment = MONDAY + timedelta(days=n % 6, hours=n % 5)
        book.record(needs.version_id, answers, language, "kiosk", answered_at=moment)
    (tmp_path / "m").mkdir()
    other = WeeklyExporter(factory, site, "0.1.0").export(*WEEK, tmp_path / "m", (age_key[1],))
    folder = tmp_path / "coordination"
    folder.mkdir()
    opened = set_up_coordination(folder, open_keychain())
    try:
        store = CoordinationStore(opened.factory)
        paths = [export(cabane, tmp_path / "l"), other.path]
        store.import_paths(paths, [age_key[0]], YES)
        window = open_window(qtbot, store, {"secret": age_key[0], "public": age_key[1]})
        figures = window.figures
        window.tabs.setCurrentWidget(figures)
        while figures.period.first > date(2026, 11, 1):
            figures.step(-1)
        assert figures.surveys is not None
        figures.views.setCurrentWidget(figures.surveys)
        qtbot.waitUntil(lambda: not window.busy())
        model = figures.surveys.model
        assert model.headers[-1] == "Ensemble" and len(model.headers) == 5
        rows = {(row[0], row[1]): row[2:] for row in model.rows}
        assert sorted(rows[("Vos besoins", "Fiches de réponse")]) == ["14", "17", "3"]
        assert ("Après l'atelier", "Fiches de réponse") in rows
        figures.publication.setChecked(True)
        qtbot.waitUntil(lambda: not window.busy())
        rows = {(row[0], row[1]): row[2:] for row in model.rows}
        assert sorted(rows[("Vos besoins", "Fiches de réponse")]) == ["14", "17", MASK_TEXT]
        figures.copy_table()
        copied = QGuiApplication.clipboard().text()
        assert "Fiches de réponse" in copied and MASK_TEXT in copied
        if shots := os.environ.get("CABANE_SHOTS"):  # pictures of it, on demand
            from PySide6.QtWidgets import QAbstractItemView

            window.resize(1280, 720)
            Path(shots).mkdir(parents=True, exist_ok=True)
            for name, masked in (("questionnaires-publication", True), ("questionnaires", False)):
                figures.publication.setChecked(masked)
                qtbot.waitUntil(lambda: not window.busy())
                at = next(i for i, row in enumerate(model.rows) if row[0] == "Vos besoins")
                top = QAbstractItemView.ScrollHint.PositionAtTop
                figures.surveys.table.scrollTo(model.index(at, 0), top)
                window.grab().save(str(Path(shots) / f"{name}.png"))
        window.close()
    finally:
        opened.close()
